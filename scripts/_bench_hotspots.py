"""Time the warehouse's hot spots by hand, before and after a proposed fix, without editing the project.

Works on a *copy* of a benchmarked warehouse (``scripts/bench.py`` leaves it under
``ROOT/<size>/warehouse/cc.duckdb``) and the dbt ``run_results.json`` of its full build (compiled SQL
of every node). Each experiment runs the project's own compiled SQL, then the same SQL with one change,
and checks that both give the same rows:

* ``timezone``: ``timezone(<zone column>, ts)`` (ICU, one calendar per row) rewritten as a ``CASE`` over
  the zones present, each branch a constant-zone ``timezone('Zone', ts)``; in the heaviest models;
* ``staging_tables``: the data tests that read the staging views of contacts, agent states and
  schedules (each re-runs the view's quarantine anti-join and dedupe window), against the view and
  against a table materialised once;
* ``guard``: the rules' SQL over the whole raw tables (what every validation run does, twice) vs over
  the rows of the latest landed day only (an incremental guard);
* ``guard_gx``: the great-expectations phase as it is (every rule's SQL run again) vs expectations
  that read the rows the quarantine phase already found;
* ``publish``: where publishing spends its time, per relation (DuckDB copy and Parquet export);
* ``landing``: one ``INSERT ... FROM read_parquet([all files])`` per table instead of one per file.

    python -m scripts._bench_hotspots --size-dir /tmp/bench/1M [--only timezone,guard] --json out.json
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

TIMEZONE_MODELS = (
    "int_contact_legs_measured",
    "int_agent_states_split",
    "int_schedules_split",
    "int_customer_contacts_resolved",
)
STAGING_VIEWS = ("stg_acd__contacts", "stg_acd__agent_states", "stg_wfm__schedules")


def _log(msg: str) -> None:
    print(f"[hotspots {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    start = time.perf_counter()
    con.execute(sql)
    con.fetchall() if con.description else None
    return round(time.perf_counter() - start, 3)


def _split_args(text: str, start: int) -> tuple[list[str], int]:
    """Top-level comma-separated arguments of the call whose '(' is at `start`; returns (args, end)."""
    depth, quote, args, current = 0, False, [], []
    i = start
    while i < len(text):
        ch = text[i]
        if quote:
            current.append(ch)
            if ch == "'":
                quote = False
        elif ch == "'":
            quote = True
            current.append(ch)
        elif ch == "(":
            depth += 1
            if depth > 1:
                current.append(ch)
        elif ch == ")":
            depth -= 1
            if depth == 0:
                args.append("".join(current).strip())
                return args, i
            current.append(ch)
        elif ch == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    raise ValueError("unbalanced parentheses")


def constant_zone_case(sql: str, zones: list[str]) -> tuple[str, int]:
    """Rewrite every timezone(<non-literal zone>, ts) as a CASE over `zones`; returns (sql, rewrites)."""
    out, pos, count = [], 0, 0
    for match in re.finditer(r"(?<![\w.])timezone\s*\(", sql, flags=re.IGNORECASE):
        if match.start() < pos:
            continue
        (zone, ts), end = _split_args(sql, match.end() - 1)
        if zone.startswith("'"):
            continue
        branches = " ".join(f"when '{z}' then timezone('{z}', {ts})" for z in zones)
        out.append(sql[pos : match.start()])
        out.append(f"(case {zone} {branches} else timezone({zone}, {ts}) end)")
        pos = end + 1
        count += 1
    out.append(sql[pos:])
    return "".join(out), count


def _same_rows(con: duckdb.DuckDBPyConnection, a: str, b: str) -> bool:
    one = con.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
    two = con.execute(f"select count(*) from (select * from {b} except all select * from {a})").fetchone()[0]
    return one == 0 and two == 0


def exp_timezone(con: duckdb.DuckDBPyConnection, nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    zones = [r[0] for r in con.execute("select distinct time_zone from cc.raw.queues order by 1").fetchall()]
    zones = [*zones, *(["UTC"] if "UTC" not in zones else [])]
    out: dict[str, Any] = {"zones": zones, "models": {}}
    for model in TIMEZONE_MODELS:
        node = nodes.get(f"model.contact_center.{model}")
        if not node:
            continue
        sql = node["compiled_code"]
        rewritten, count = constant_zone_case(sql, zones)
        if not count:
            continue
        _log(f"timezone: {model} ({count} conversions)")
        before = _timed(con, f"create or replace table main.tz_before as {sql}")
        after = _timed(con, f"create or replace table main.tz_after as {rewritten}")
        equal = _same_rows(con, "main.tz_before", "main.tz_after")
        rows = con.execute("select count(*) from main.tz_before").fetchone()[0]
        out["models"][model] = {
            "rows": rows,
            "conversions_rewritten": count,
            "before_seconds": before,
            "after_seconds": after,
            "dbt_build_seconds": round(node["execution_time"], 3),
            "same_rows": equal,
        }
    con.execute("drop table if exists main.tz_before")
    con.execute("drop table if exists main.tz_after")
    return out


def exp_staging_tables(con: duckdb.DuckDBPyConnection, nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for view in STAGING_VIEWS:
        relation = f'"cc"."staging"."{view}"'
        tests = {
            uid: n["compiled_code"]
            for uid, n in nodes.items()
            if uid.startswith("test.") and relation in (n.get("compiled_code") or "")
        }
        if not tests:
            continue
        _log(f"staging_tables: {view} ({len(tests)} tests)")
        on_view = sum(_timed(con, f"select count(*) from ({code}) as t") for code in tests.values())
        materialise = _timed(con, f"create or replace table main.{view} as select * from {relation}")
        on_table = sum(
            _timed(con, f"select count(*) from ({code.replace(relation, f'main.{view}')}) as t")
            for code in tests.values()
        )
        out[view] = {
            "tests": len(tests),
            "tests_seconds_in_dbt_build": round(sum(nodes[u]["execution_time"] for u in tests), 3),
            "tests_on_view_seconds": round(on_view, 3),
            "materialise_table_seconds": materialise,
            "tests_on_table_seconds": round(on_table, 3),
        }
        con.execute(f"drop table main.{view}")
    return out


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
    from scripts.contract import raw_tables
    from scripts.validate import MANIFEST, load_rules

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


def exp_guard_gx(copy: Path) -> dict[str, Any]:
    """great-expectations as validate.py runs it (every rule's query again) vs reading the quarantine.

    After ``apply_quarantine`` the offending rows of every quarantine rule are in raw.quarantine under
    the rule's reason code, so the expectation can count those instead of re-running the rule.
    """
    from scripts.validate import GUARD_FILE, Rule, apply_quarantine, load_rules, run_expectations

    rules = load_rules()
    start = time.perf_counter()
    apply_quarantine(copy, rules)
    quarantine = time.perf_counter() - start
    start = time.perf_counter()
    run_expectations(copy, rules, None)
    as_is = time.perf_counter() - start
    cheap = [
        Rule(
            r.table,
            r.code,
            r.action,
            r.description,
            f"select * from raw.quarantine where table_name = '{r.table}' and reason_code = '{r.code}' "
            f"and _source_file = '{GUARD_FILE}'",
        )
        if r.action == "quarantine"
        else r
        for r in rules
    ]
    start = time.perf_counter()
    run_expectations(copy, cheap, None)
    from_quarantine = time.perf_counter() - start
    return {
        "quarantine_sql_seconds": round(quarantine, 3),
        "gx_rerunning_rules_seconds": round(as_is, 3),
        "gx_reading_quarantine_seconds": round(from_quarantine, 3),
        "rules": len(rules),
        "quarantine_rules": sum(r.action == "quarantine" for r in rules),
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


def exp_landing(landing: Path, scratch: Path) -> dict[str, Any]:
    from scripts.contract import LINEAGE_COLUMNS, raw_tables

    db = scratch / "landing.duckdb"
    db.unlink(missing_ok=True)
    out: dict[str, Any] = {"tables": {}}
    with duckdb.connect(str(db)) as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute("create schema raw")
        total = 0.0
        for table in raw_tables().values():
            files = sorted((landing / table.name).glob("*.parquet"))
            if not files:
                continue
            con.execute(table.ddl())
            casts = ", ".join(f"try_cast({c} as {t}) as {c}" for c, t in table.columns.items())
            listing = "[" + ", ".join(f"'{f}'" for f in files) + "]"
            seconds = _timed(
                con,
                f"insert into raw.{table.name} select {casts}, "
                f"replace(filename, '{landing}/', '') as _source_file, file_row_number + 1 as _source_row, "
                f"now() as _loaded_at from read_parquet({listing}, filename = true, file_row_number = true, "
                "union_by_name = true)",
            )
            total += seconds
            out["tables"][table.name] = {"files": len(files), "seconds": seconds}
        out["lineage_columns"] = list(LINEAGE_COLUMNS)
        out["total_seconds"] = round(total, 3)
    db.unlink(missing_ok=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-dir", type=Path, required=True, help="a benchmarked size, e.g. /tmp/bench/1M")
    parser.add_argument(
        "--scratch", type=Path, default=None, help="scratch folder (default SIZE_DIR/hotspots)"
    )
    parser.add_argument("--only", default="timezone,staging_tables,guard,guard_gx,publish,landing")
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    scratch = args.scratch or args.size_dir / "hotspots"
    scratch.mkdir(parents=True, exist_ok=True)
    run_results = json.loads((args.size_dir / "out" / "run_results_full.json").read_text())
    nodes = {r["unique_id"]: r for r in run_results["results"]}
    copy = scratch / "cc.duckdb"  # same file name: the compiled SQL names the catalog "cc"
    _log(f"copying the warehouse to {copy}")
    shutil.copyfile(args.size_dir / "warehouse" / "cc.duckdb", copy)
    results: dict[str, Any] = {}
    only = args.only.split(",")
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute(f"attach '{copy}' as cc")
        con.execute(f"set temp_directory = '{scratch / 'tmp'}'")
        experiments = {
            "timezone": lambda: exp_timezone(con, nodes),
            "staging_tables": lambda: exp_staging_tables(con, nodes),
            "guard": lambda: exp_guard(con),
            "publish": lambda: exp_publish(con, scratch),
        }
        for name, run in experiments.items():
            if name in only:
                _log(name)
                results[name] = run()
                args.json.write_text(json.dumps(results, indent=2))
    if "guard_gx" in only:
        _log("guard_gx")
        results["guard_gx"] = exp_guard_gx(copy)
    if "landing" in only:
        _log("landing")
        results["landing"] = exp_landing(args.size_dir / "landing", scratch)
    args.json.write_text(json.dumps(results, indent=2))
    copy.unlink(missing_ok=True)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
