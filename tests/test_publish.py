"""The published copy BI tools open keeps dbt's descriptions as table and column comments.

Read through SQLAlchemy + duckdb-engine's inspector, as Superset, Metabase or a notebook would.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import sqlalchemy as sa

from contact_center.pipeline.publish import PUBLISHED_NAME, publish
from tests.conftest import Center


def _build_file_comments(warehouse: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = dict(
            con.execute(
                "select table_name, comment from duckdb_tables() where schema_name = 'marts' "
                "and comment is not null union all select view_name, comment from duckdb_views() "
                "where schema_name = 'marts' and comment is not null"
            ).fetchall()
        )
        columns = {
            (t, c): comment
            for t, c, comment in con.execute(
                "select table_name, column_name, comment from duckdb_columns() "
                "where schema_name = 'marts' and comment is not null"
            ).fetchall()
        }
    return tables, columns


def test_published_copy_keeps_every_table_and_column_comment(center: Center, tmp_path: Path) -> None:
    tables, columns = _build_file_comments(center.warehouse)
    assert len(tables) > 20 and len(columns) > 400  # dbt's persist_docs wrote them into the build
    published = publish(center.warehouse, tmp_path / "publish")
    assert published.database == tmp_path / "publish" / PUBLISHED_NAME
    engine = sa.create_engine(f"duckdb:///{published.database}", connect_args={"read_only": True})
    try:
        inspector = sa.inspect(engine)
        seen_tables = {
            name: inspector.get_table_comment(name, schema="marts")["text"]
            for name in inspector.get_table_names(schema="marts")
        }
        seen_columns = {
            (name, col["name"]): col.get("comment")
            for name in seen_tables
            for col in inspector.get_columns(name, schema="marts")
        }
    finally:
        engine.dispose()
    assert {k: v for k, v in seen_tables.items() if v} == tables
    assert {k: v for k, v in seen_columns.items() if v} == columns


def test_pandas_read_sql_over_the_published_copy(center: Center, tmp_path: Path) -> None:
    """pandas 3 reads through SQLAlchemy 2 (it refuses SQLAlchemy 1.4 engines); the published copy
    answers the same totals as the build file."""
    import pandas as pd

    published = publish(center.warehouse, tmp_path / "publish")
    engine = sa.create_engine(f"duckdb:///{published.database}", connect_args={"read_only": True})
    try:
        frame = pd.read_sql(
            "select queue_id, sum(offered) as offered from marts.fct_agent_queue_daily group by 1 order by 1",
            engine,
        )
    finally:
        engine.dispose()
    expected = center.query(
        "select queue_id, sum(offered) from marts.fct_agent_queue_daily group by 1 order by 1"
    )
    assert [tuple(r) for r in frame.itertuples(index=False)] == expected
    assert int(frame["offered"].sum()) > 1000


def test_a_pooled_bi_connection_sees_each_new_publish(center: Center, tmp_path: Path) -> None:
    """A kept-open connection reads the file it opened: after a publish (an atomic rename) a default
    pool reads the old publish forever; the documented engine reopens on the new file.
    (One engine at a time: DuckDB shares one open database per path within a process.)"""
    from contact_center.reading import published_engine

    target = tmp_path / "publish"
    first = publish(center.warehouse, target, run_id="run-1")
    query = sa.text("select run_id from main.publish_info")
    frozen = sa.create_engine(f"duckdb:///{first.database}", connect_args={"read_only": True})
    try:
        with frozen.connect() as con:
            assert con.execute(query).scalar() == "run-1"
        publish(center.warehouse, target, run_id="run-2")  # while the pool holds its connection
        with frozen.connect() as con:
            assert con.execute(query).scalar() == "run-1"  # the problem: a default pool never sees it
    finally:
        frozen.dispose()
    follows = published_engine(first.database)
    try:
        with follows.connect() as con:
            assert con.execute(query).scalar() == "run-2"
        for run_id in ("run-3", "run-4"):
            publish(center.warehouse, target, run_id=run_id)  # while the pool holds its connection
            with follows.connect() as con:
                assert con.execute(query).scalar() == run_id
        assert follows.pool.checkedin() == 1  # one pooled connection, reopened on each new file
    finally:
        follows.dispose()
