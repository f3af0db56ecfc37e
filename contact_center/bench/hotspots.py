"""Time the warehouse's remaining hot spots by hand, without editing the project.

Works on a *copy* of a benchmarked warehouse (``contact_center/bench/runner.py`` leaves it under
``ROOT/<size>/warehouse/cc.duckdb``). The experiments behind the changes already made (constant-zone
time conversion, staging tables, batched landing, expectations reading the quarantine) were removed
once the project itself did the same thing; what is left measures the next candidates:

* ``guard``: the rules' SQL over the whole raw tables (what every validation run does) vs over the
  rows of the latest landed files only (an incremental guard);
* ``publish``: where publishing spends its time, per relation (DuckDB copy and Parquet export).

    python -m contact_center.bench.hotspots --size-dir /tmp/bench/1M [--only guard] --json out.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import duckdb


def _log(msg: str) -> None:
    print(f"[hotspots {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    start = time.perf_counter()
    con.execute(sql)
    con.fetchall() if con.description else None
    return round(time.perf_counter() - start, 3)


def _scope(table: str, rule_code: str, key: tuple[str, ...], latest: str) -> str:
    """The rows an incremental guard must look at for one rule when only the `latest` files are new."""
    new = f"(select * from {table} where _source_file in {latest})"
    if rule_code == "duplicate_across_files":  # earlier versions of the new rows' keys
        k = ", ".join(key)
        return f"(select * from {table} where hash({k}) in (select hash({k}) from {new}))"
    if rule_code == "overlapping_state":  # the new spans and the spans just before them
        return (
            f"(select * from {table} where _source_file in {latest} "
            f"or (agent_id in (select agent_id from {new}) "
            f"and state_started_at >= (select min(state_started_at) from {new}) - interval 2 day))"
        )
    return new


def exp_guard(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    from contact_center.contract import raw_tables
    from contact_center.pipeline.guard import MANIFEST, load_rules

    tables = raw_tables()
    latest = (
        "(select source_file from raw._landed_files "
        "where landed_at = (select max(landed_at) from raw._landed_files))"
    )
    con.execute("use cc")  # the rules name raw.queues, raw.agents, ... unqualified
    try:
        files = con.execute(f"select count(*) from {latest}").fetchone()[0]
        full_total, scoped_total, rules = 0.0, 0.0, []
        for rule in load_rules():
            table = f"raw.{rule.table}"
            full = _timed(con, f"select count(*) from ({rule.sql(table)})")
            if rule.table == MANIFEST:
                scoped = full
            else:
                key = tables[rule.table].primary_key
                scoped = _timed(
                    con, f"select count(*) from ({rule.sql(_scope(table, rule.code, key, latest))})"
                )
            full_total += full
            scoped_total += scoped
            rules.append(
                {"rule": f"{rule.table}.{rule.code}", "full_seconds": full, "scoped_seconds": scoped}
            )
    finally:
        con.execute("use memory")
    rules.sort(key=lambda r: -r["full_seconds"])
    return {
        "latest_files": files,
        "rules": len(rules),
        "rules_full_seconds": round(full_total, 3),
        "rules_scoped_seconds": round(scoped_total, 3),
        "slowest": rules[:8],
    }


def exp_publish(con: duckdb.DuckDBPyConnection, scratch: Path) -> dict[str, Any]:
    pub = scratch / "pub.duckdb"
    pub.unlink(missing_ok=True)
    con.execute(f"attach '{pub}' as pub")
    relations = con.execute(
        "select table_schema, table_name, table_type from information_schema.tables "
        "where table_catalog = 'cc' and table_schema in ('marts', 'ops') order by 1, 2"
    ).fetchall()
    rows = []
    for schema in {s for s, _, _ in relations}:
        con.execute(f"create schema if not exists pub.{schema}")
    for schema, name, kind in relations:
        copy = _timed(con, f"create table pub.{schema}.{name} as select * from cc.{schema}.{name}")
        parquet = (
            _timed(con, f"copy pub.{schema}.{name} to '{scratch / name}.parquet' (format parquet)")
            if schema == "marts"
            else 0.0
        )
        n = con.execute(f"select count(*) from pub.{schema}.{name}").fetchone()[0]
        rows.append(
            {"relation": f"{schema}.{name}", "type": kind, "rows": n, "copy": copy, "parquet": parquet}
        )
    con.execute("detach pub")
    rows.sort(key=lambda r: -(r["copy"] + r["parquet"]))
    return {
        "relations": len(rows),
        "copy_seconds": round(sum(r["copy"] for r in rows), 3),
        "parquet_seconds": round(sum(r["parquet"] for r in rows), 3),
        "slowest": rows[:8],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-dir", type=Path, required=True, help="a benchmarked size, e.g. /tmp/bench/1M")
    parser.add_argument(
        "--scratch", type=Path, default=None, help="scratch folder (default SIZE_DIR/hotspots)"
    )
    parser.add_argument("--only", default="guard,publish")
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    scratch = args.scratch or args.size_dir / "hotspots"
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / "cc.duckdb"  # same file name: views refer to the catalog "cc"
    _log(f"copying the warehouse to {copy}")
    shutil.copyfile(args.size_dir / "warehouse" / "cc.duckdb", copy)
    results: dict[str, Any] = {}
    only = args.only.split(",")
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute(f"attach '{copy}' as cc")
        con.execute(f"set temp_directory = '{scratch / 'tmp'}'")
        experiments = {"guard": lambda: exp_guard(con), "publish": lambda: exp_publish(con, scratch)}
        for name, run in experiments.items():
            if name in only:
                _log(name)
                results[name] = run()
                args.json.write_text(json.dumps(results, indent=2))
    copy.unlink(missing_ok=True)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
