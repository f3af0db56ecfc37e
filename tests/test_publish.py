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
