"""The published copy BI tools open keeps dbt's descriptions as table and column comments.

Read through SQLAlchemy + duckdb-engine's inspector, as Superset, Metabase or a notebook would.
"""

from __future__ import annotations

import shutil
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


def _derived(center: Center, folder: Path, *statements: str) -> Path:
    """A copy of the center's build file (same file name: dbt's views name their catalog after it)
    with `statements` run on it."""
    folder.mkdir(parents=True)
    warehouse = folder / center.warehouse.name
    shutil.copyfile(center.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        for statement in statements:
            con.execute(statement)
    return warehouse


def _parquet_matches(published: Path) -> list[str]:
    """Marts whose Parquet folder (parquet/current/<mart>/) does not hold exactly the DuckDB file's rows."""
    from tests.test_refresh import mart_names

    current = published.parent / "parquet" / "current"
    wrong = []
    with duckdb.connect(str(published), read_only=True) as con:
        for mart in mart_names(con):
            files = f"'{current / mart}/*.parquet'"
            extra = con.execute(
                f"select count(*) from (select * from read_parquet({files}) except all select * from marts.{mart})"
            ).fetchone()[0]
            missing = con.execute(
                f"select count(*) from (select * from marts.{mart} except all select * from read_parquet({files}))"
            ).fetchone()[0]
            if extra or missing:
                wrong.append(f"{mart}: {extra} extra, {missing} missing")
    return wrong


def test_a_publish_copies_only_the_months_that_changed(center: Center, tmp_path: Path) -> None:
    """The second of two publishes equals a first publish of the same build (DuckDB file and Parquet),
    though it rewrote only what changed: one month of one fact, a fact that lost a row, a relation whose
    columns changed, a relation gone. The unchanged months' Parquet files are the previous run's."""
    from tests.test_refresh import mart_differences

    # an older month in every build, so that a fact has a month that does not change (the fact is a
    # view over int_agent_queue_days_summed)
    summed = "intermediate.int_agent_queue_days_summed"
    older = f"insert into {summed} select * replace (date_day - 40 as date_day) from {summed}"
    build = _derived(center, tmp_path / "build", older)
    before = _derived(
        center,
        tmp_path / "before",
        older,
        f"update {summed} set offered = offered + 1 where date_day = (select max(date_day) from {summed})",
        "insert into marts.fct_agent_daily select * from marts.fct_agent_daily limit 1",
        "drop view marts.rpt_queue_months",
        "create table marts.rpt_queue_months as select 1 as other_column",
        "create table marts.gone_since as select 1 as x",
    )
    target = tmp_path / "publish"
    first = publish(before, target, run_id="run-1")
    second = publish(build, target, run_id="run-2")
    fresh = publish(build, tmp_path / "fresh", run_id="fresh")

    problems, _ = mart_differences(fresh.database, second.database)
    assert problems == []
    assert _parquet_matches(second.database) == [] and _parquet_matches(fresh.database) == []
    assert second.tables == fresh.tables and "marts.gone_since" in first.tables
    assert 0 < second.parts_written < fresh.parts_written and second.parts_kept > 0

    def files(run: str, mart: str) -> dict[str, Path]:
        return {p.name: p for p in (target / "parquet" / run / mart).glob("*.parquet")}

    queue_days_1, queue_days_2 = (
        files("run-1", "fct_agent_queue_daily"),
        files("run-2", "fct_agent_queue_daily"),
    )
    assert sorted(queue_days_2) == sorted(queue_days_1) and len(queue_days_2) == 2
    latest = max(queue_days_2)
    for name, path in queue_days_2.items():
        # the older month was kept (the same file, hard-linked); the month that changed was written
        assert path.samefile(queue_days_1[name]) == (name != latest), name
    assert not any(
        p.samefile(q)
        for p in files("run-2", "fct_agent_daily").values()
        for q in files("run-1", "fct_agent_daily").values()
    )
    assert list(files("run-2", "rpt_queue_months")) and not files("run-2", "gone_since")
    with duckdb.connect(str(second.database), read_only=True) as con:
        assert con.execute("select run_id, parts_written, parts_kept from main.publish_info").fetchone() == (
            "run-2",
            second.parts_written,
            second.parts_kept,
        )
        kept = con.execute(
            "select count(*) from main.publish_partitions where relation = 'marts.fct_agent_queue_daily'"
        ).fetchone()
        assert kept == (2,)
