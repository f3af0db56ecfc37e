"""Read-only connections for the commands that only read the warehouse (summary, dashboard).

A DuckDB file admits one writer or many readers, never both. These commands must neither collide with
a refresh nor print a traceback at a first mistake: :func:`open_read_only` opens the build file read-only
and, when a refresh holds it, falls back to the published copy (which a refresh replaces atomically and
never locks); a missing warehouse or a warehouse without marts gives one line saying what to run.
:func:`published_engine` is a pooled SQLAlchemy engine that follows each new publish.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb
import sqlalchemy as sa

from contact_center.settings import publish_dir

PUBLISHED_NAME = "contact_center.duckdb"
# Doubles are read at 10 significant digits where their last bits must not matter: a view's sums of
# doubles can differ in their last bits between evaluations (parallel summation), and the project holds
# doubles equal within 1e-9 relative.
SIGNIFICANT_DIGITS = 10


def rounded_sql(number: str, digits: int = SIGNIFICANT_DIGITS) -> str:
    """SQL for the double `number` rounded to `digits` significant digits (0, NaN and infinities as they
    are)."""
    return (
        f"case when isfinite({number}) and {number} != 0 "
        f"then round({number}, {digits - 1} - cast(floor(log10(abs({number}))) as integer)) else {number} end"
    )


class WarehouseUnavailable(Exception):
    """The warehouse cannot be read; the message says why and what to do, in one line."""


def _locked(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "lock" in text.lower() or "different configuration" in text


def open_read_only(warehouse: Path, published: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to `warehouse`, or to the published copy while a refresh writes it."""
    published = published or publish_dir() / PUBLISHED_NAME
    if not warehouse.exists():
        raise WarehouseUnavailable(
            f"no warehouse at {warehouse}: build one first (`make run` for the demo, `make refresh` "
            "for your exports) or point --warehouse / WAREHOUSE_PATH at it"
        )
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        if not _locked(exc):
            raise WarehouseUnavailable(f"cannot open {warehouse}: {exc}") from exc
        if not published.exists():
            raise WarehouseUnavailable(
                f"{warehouse} is being written by another process (a refresh?) and there is no "
                f"published copy at {published}: try again when it has finished"
            ) from exc
        print(
            f"note: {warehouse} is being written by another process (a refresh?); reading the "
            f"published copy {published}",
            file=sys.stderr,
        )
        con = duckdb.connect(str(published), read_only=True)
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'marts'"
    ).fetchone()
    if not (row and row[0]):
        con.close()
        raise WarehouseUnavailable(
            f"{warehouse} has no marts yet: run the pipeline first (`make build` after `make land guard`, "
            "or `make run`)"
        )
    return con


def published_engine(published: Path | None = None, **kwargs: Any) -> sa.Engine:
    """A pooled SQLAlchemy engine over the published copy that always reads the current publish.

    A publish replaces the file by an atomic rename: a connection opened before it keeps reading the
    file it opened (the old inode) for as long as it lives, so a pool that keeps connections would
    freeze a dashboard at its first publish. On every checkout this engine compares the path's
    current inode with the one the connection opened, and a pooled connection to a replaced file is
    discarded and reopened on the new one. (``poolclass=NullPool``, a new connection per query, is
    the other safe setting; it is what the BI tools' docs in docs/operations.md use.)
    """
    path = published or publish_dir() / PUBLISHED_NAME
    engine = sa.create_engine(f"duckdb:///{path}", connect_args={"read_only": True}, **kwargs)

    @sa.event.listens_for(engine, "connect")
    def remember_file(dbapi_connection: Any, record: Any) -> None:
        record.info["inode"] = path.stat().st_ino

    @sa.event.listens_for(engine, "checkout")
    def reopen_if_replaced(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        if record.info.get("inode") != path.stat().st_ino:
            raise sa.exc.DisconnectionError(f"{path} was replaced by a new publish")

    return engine
