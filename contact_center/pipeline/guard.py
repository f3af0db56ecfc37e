"""The great-expectations guard: validate every raw table, quarantine bad rows, report, Data Docs.

Runs after landing and before ``dbt build``:

1. **Quarantine** (write connection, seconds): every ``quarantine`` rule of ``guard/rules.yml`` plus
   the rules generated from the contract (missing key, duplicates in a file, identical re-deliveries
   across files) is run as SQL in DuckDB; offending rows go to ``raw.quarantine`` with the rule's
   reason code. Rebuilt on every run, so it always reflects the current raw tables.
2. **Validate** (read-only connection): one great-expectations suite per raw table (schema, required
   tables non-empty, one UnexpectedRowsExpectation per rule), executed as SQL against the warehouse
   and rendered to Data Docs. A quarantine rule's expectation reads the rows step 1 quarantined
   under its reason code rather than running the rule a second time.
3. **Report**: per table rows delivered, kept and quarantined by reason, proving
   delivered = kept + quarantined.

Exit code 2 (input blocked, as for the runner) when a blocking expectation fails (schema, empty
required table, a ``block`` rule) or the row balance does not hold; warnings and quarantined rows do
not fail the run.

Step 1 is incremental after the first run: it checks the files landed since the last guard run
(``raw._guard_runs``) and what their rows can change, by each rule's scope in ``guard/rules.yml``;
``--full`` (and a ``--full-refresh`` of the runner) re-checks every row.

Usage: ``python -m contact_center.pipeline.guard [--warehouse FILE] [--docs DIR] [--full]``
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from contact_center.contract import LINEAGE_COLUMNS, PROJECT_DIR, RawTable, raw_tables
from contact_center.pipeline import EXIT
from contact_center.settings import duckdb_config, warehouse_path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx  # (imported after the analytics opt-out above)
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.execution_engine import sqlalchemy_execution_engine as _gx_sql


class _DuckDBDialect(str):
    """``duckdb`` as an entry of GX's list of dialects that keep one persisted connection (GX
    matches entries by ``==`` and by ``.value``)."""

    value = "duckdb"


# GX's execute_query returns a result after closing its connection. Under SQLAlchemy 2 closing a
# Connection rolls back the transaction it auto-began, and a DuckDB rollback discards the open
# result set: every metric would read no rows. GX keeps one connection open for SQLite and SQL
# Server (temp tables) and reads it while open; DuckDB, an in-process file database, gets the same.
if "duckdb" not in _gx_sql._PERSISTED_CONNECTION_DIALECTS:
    _gx_sql._PERSISTED_CONNECTION_DIALECTS = (
        *_gx_sql._PERSISTED_CONNECTION_DIALECTS,
        _DuckDBDialect("duckdb"),
    )

RULES_FILE = PROJECT_DIR / "guard" / "rules.yml"
DOCS_DIR = PROJECT_DIR / "reports" / "validation"
DOCS_HISTORY = 10
REQUIRED_TABLES = ("contacts", "queues")
MANIFEST = "_landed_files"  # the landing manifest, one row per delivered file
GUARD_FILE = "guard:rules"  # _source_file of the quarantine rows the rules write
LANDING_REASONS = ("malformed_line", "invalid_encoding")  # rows that never reached raw


@dataclass(frozen=True)
class Rule:
    table: str
    code: str
    action: str  # quarantine | warn | block
    description: str
    query: str  # selects the offending rows of {table}
    # What an incremental guard run must re-check (quarantine rules): "row" (each row alone: only new
    # rows), "partition" (rows sharing the `partition` columns: the partitions new rows or current
    # quarantine rows fall in), "references" (rows alone, but all of them again when one of the
    # `references` tables changed), "full" (everything, whenever anything changed).
    scope: str = "full"
    partition: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    def sql(self, relation: str) -> str:
        return self.query.replace("{table}", relation)


@dataclass
class Failure:
    table: str
    expectation: str
    column: str | None
    detail: str
    action: str = "block"


@dataclass
class TableBalance:
    table: str
    delivered: int = 0
    kept: int = 0
    quarantined: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return self.delivered == self.kept + self.quarantined


@dataclass
class GuardResult:
    evaluated: int
    failures: list[Failure]
    balances: dict[str, TableBalance]

    @property
    def blocking(self) -> list[Failure]:
        return [f for f in self.failures if f.action == "block"]

    @property
    def ok(self) -> bool:
        return not self.blocking and all(b.balanced for b in self.balances.values())


def contract_rules(table: RawTable) -> list[Rule]:
    """Rules every table gets from its contract: key present, no duplicates.

    The duplicate rules rank rows with window functions, but only the rows of keys that occur more
    than once (in a file, or across files): a hash aggregate finds those first, so the windows sort a
    handful of rows instead of the whole table. A hash collision only adds candidates, which the
    window then ranks exactly, so the result is the same as ranking every row.
    """
    key = list(table.primary_key)
    if table.version_column and table.version_column not in key:
        key.append(table.version_column)
    keys = ", ".join(key)
    content = ", ".join(table.columns)
    return [
        Rule(table.name, "missing_key", "quarantine", f"key column(s) {keys} missing",
             "select * from {table} where " + " or ".join(f"{c} is null" for c in table.primary_key),
             scope="row"),
        Rule(table.name, "duplicate_in_file", "quarantine", f"the same {keys} twice in one file (first kept)",
             "select * exclude (_rank) from (select *, row_number() over (partition by "
             f"{keys}, _source_file order by _source_row) as _rank from {{table}} "
             f"where hash({keys}, _source_file) in (select hash({keys}, _source_file) from {{table}} "
             "group by 1 having count(*) > 1)) where _rank > 1",
             scope="partition", partition=tuple(key)),
        Rule(table.name, "duplicate_across_files", "quarantine",
             f"identical record ({keys} and content) delivered again in a later file (first kept)",
             "select * exclude (_rank_in_file, _rank_same) from (select *, "
             f"row_number() over (partition by {keys}, _source_file order by _source_row) as _rank_in_file, "
             f"row_number() over (partition by {keys}, hash({content}) "
             "order by _loaded_at, _source_file, _source_row) as _rank_same "
             f"from {{table}} where hash({keys}) in (select hash({keys}) from {{table}} "
             "group by 1 having min(_source_file) < max(_source_file))) "
             "where _rank_in_file = 1 and _rank_same > 1",
             scope="partition", partition=tuple(key)),
    ]  # fmt: skip


def plausibility_rules(table: RawTable, spec: dict[str, Any]) -> list[Rule]:
    """Rules every table gets from its column types: finite numbers, timestamps within the plausible
    span (not before `earliest`, not more than `max_future_days` after delivery). A NaN forecast once
    hung a refresh, and a year-33658 timestamp grew dim_date to 11 million days."""
    rules = []
    doubles = [c for c, t in table.columns.items() if t in ("double", "float", "real")]
    if doubles:
        rules.append(
            Rule(table.name, "non_finite_number", "quarantine",
                 f"NaN or infinite value in {', '.join(doubles)}",
                 "select * from {table} where "
                 + " or ".join(f"({c} is not null and not isfinite({c}))" for c in doubles), scope="row")
        )  # fmt: skip
    times = [c for c, t in table.columns.items() if t in ("timestamptz", "timestamp", "date")]
    if times:
        earliest, future = spec["earliest"], int(spec["max_future_days"])
        rules.append(
            Rule(table.name, "implausible_timestamp", "quarantine",
                 f"a date or time before {earliest} or more than {future} days after delivery",
                 "select * from {table} where "
                 + " or ".join(f"({c} < date '{earliest}' or {c} > _loaded_at + interval {future} day)"
                               for c in times), scope="row")
        )  # fmt: skip
    return rules


def load_rules(path: Path = RULES_FILE) -> list[Rule]:
    tables = raw_tables()
    configured = yaml.safe_load(path.read_text()) or {}
    volume = configured.pop("volume", None)
    plausibility = configured.pop("plausibility")
    unknown = set(configured) - set(tables)
    if unknown:
        raise ValueError(f"{path}: rules for tables not in the contract: {sorted(unknown)}")
    rules: list[Rule] = []
    for table in tables.values():
        if table.name == "quarantine":
            continue
        rules.extend(contract_rules(table))
        rules.extend(plausibility_rules(table, plausibility))
        for spec in configured.get(table.name, []):
            if spec["action"] not in ("quarantine", "warn", "block"):
                raise ValueError(f"{path}: {table.name}.{spec['code']}: unknown action {spec['action']!r}")
            query = (
                spec.get("query") or f"select * from {{table}} where {' '.join(spec['condition'].split())}"
            )
            scope = spec.get("scope") or ({} if "query" in spec else {"row": True})
            rules.append(
                Rule(
                    table.name, spec["code"], spec["action"], spec["description"], " ".join(query.split()),
                    scope=next(iter(scope), "full"),
                    partition=tuple(scope.get("partition") or ()),
                    references=tuple(scope.get("references") or ()),
                )
            )  # fmt: skip
    if volume:
        rules.append(volume_rule(volume))
    return rules


def volume_rule(spec: dict[str, Any]) -> Rule:
    """Files whose row count is far from the median file of their table (on the landing manifest)."""
    low, high, min_files = float(spec["low"]), float(spec["high"]), int(spec["min_files"])
    return Rule(
        MANIFEST,
        "volume_anomaly",
        spec["action"],
        f"a delivered file with under {low:g}x or over {high:g}x the median rows of its table's files",
        "select * exclude (median_rows, files) from (select *, "
        "median(rows_delivered) over (partition by table_name) as median_rows, "
        "count(*) over (partition by table_name) as files from {table}) "
        f"where files >= {min_files} "
        f"and (rows_delivered < {low} * median_rows or rows_delivered > {high} * median_rows)",
    )


STATE_DDL = """
create table if not exists raw._guard_runs (
    guarded_through timestamptz,  -- the landing manifest's last landed_at this run saw
    guarded_at timestamptz not null,
    mode varchar not null,  -- full | incremental
    seconds double
);
-- The files whose admitted rows changed, per guard run: landed (new or re-delivered) since the
-- previous run, or with a row quarantined or released by this run. dbt's incremental staging rebuilds
-- the days these files' rows fall on (macro changed_files_since).
create table if not exists raw._changed_files (
    table_name varchar not null,
    source_file varchar not null,
    changed_at timestamptz not null
);
"""


def _insert(con: duckdb.DuckDBPyConnection, rule: Rule, relation: str, columns: dict[str, str]) -> None:
    record = "cast(to_json({" + ", ".join(f"'{c}': bad.{c}" for c in columns) + "}) as varchar)"
    con.execute(
        f"""
        insert into raw.quarantine
        select distinct on (bad._source_file, bad._source_row)
            ?, bad._source_file, bad._source_row, ?, ?, {record}, ?, bad._source_row, now()
        from ({rule.sql(relation)}) as bad
        """,
        [rule.table, rule.code, rule.description, GUARD_FILE],
    )


def _delete(con: duckdb.DuckDBPyConnection, rule: Rule, where: str = "true") -> None:
    con.execute(
        "delete from raw.quarantine as q where _source_file = ? and table_name = ? and reason_code = ? "
        f"and {where}",
        [GUARD_FILE, rule.table, rule.code],
    )


def _recheck(con: duckdb.DuckDBPyConnection, rule: Rule, changed: set[str], columns: dict[str, str]) -> None:
    """Re-check one quarantine rule on what changed since the last guard run (temp table _new_files)."""
    table = f"raw.{rule.table}"
    new_rows = f"(select * from {table} where _source_file in (select source_file from _new_files))"
    if rule.scope == "row" or (rule.scope == "references" and not set(rule.references) & changed):
        if rule.table in changed:  # the re-landed files' old rows were dropped by the caller
            _insert(con, rule, new_rows, columns)
    elif rule.scope == "partition":
        if rule.table not in changed:  # rows are only added or removed by files of the table itself
            return
        cols = ", ".join(rule.partition)
        # partitions new rows fall in, and those of rows this rule holds now (a removal may release them)
        con.execute(
            f"create or replace temp table _partitions as select distinct {cols} from {new_rows} "
            f"union select distinct {', '.join(f'r.{c}' for c in rule.partition)} from {table} as r "
            "join raw.quarantine as q on q.source_file = r._source_file and q.source_row = r._source_row "
            f"where q._source_file = '{GUARD_FILE}' and q.table_name = '{rule.table}' "
            f"and q.reason_code = '{rule.code}'"
        )
        match = " and ".join(f"r.{c} is not distinct from p.{c}" for c in rule.partition)
        scoped = f"(select r.* from {table} as r semi join _partitions as p on {match})"
        _delete(
            con, rule,
            f"exists (select 1 from {scoped} as s where s._source_file = q.source_file "
            "and s._source_row = q.source_row)",
        )  # fmt: skip
        _insert(con, rule, scoped, columns)
    elif changed:  # "full", or "references" whose referenced table changed: everything again
        _delete(con, rule)
        _insert(con, rule, table, columns)


def apply_quarantine(
    warehouse: Path, rules: list[Rule], *, full: bool = False, progress: bool = False
) -> str:
    """Write the rule-based quarantine rows (one write transaction); returns the mode it ran in.

    Incremental (the default once a guard run is recorded in raw._guard_runs): only the files landed
    since the last run are checked, plus what their rows can change (each rule's scope); the result
    equals a full run's (tests/test_guard_incremental.py). `full` rebuilds every rule over every row.
    `progress`: a rule counter on stderr (for a terminal).
    """
    tables = raw_tables()
    quarantine_rules = [r for r in rules if r.action == "quarantine"]
    start = time.perf_counter()
    with duckdb.connect(str(warehouse), config=duckdb_config()) as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute(STATE_DDL)
        con.execute("begin transaction")
        last = con.execute("select max(guarded_through) from raw._guard_runs").fetchone()
        through = con.execute(f"select max(landed_at) from raw.{MANIFEST}").fetchone()
        watermark = last[0] if last else None
        mode = "full" if full or watermark is None else "incremental"
        held = "select table_name, source_file, source_row from raw.quarantine where _source_file = ?"
        con.execute(f"create or replace temp table _held_before as {held}", [GUARD_FILE])
        if mode == "full":
            con.execute("delete from raw.quarantine where _source_file = ?", [GUARD_FILE])
        else:
            con.execute(
                f"create or replace temp table _new_files as select source_file, table_name "
                f"from raw.{MANIFEST} where landed_at > ?",
                [watermark],
            )
            changed = {r[0] for r in con.execute("select distinct table_name from _new_files").fetchall()}
            # rows of re-delivered files were replaced: their old guard rows go, the new rows are checked
            con.execute(
                "delete from raw.quarantine where _source_file = ? "
                "and source_file in (select source_file from _new_files)",
                [GUARD_FILE],
            )
        for i, rule in enumerate(quarantine_rules, 1):
            if progress:
                end = "\n" if i == len(quarantine_rules) else ""
                print(
                    f"\r  quarantine rule {i}/{len(quarantine_rules)}", end=end, file=sys.stderr, flush=True
                )
            columns = tables[rule.table].columns  # quarantine rules are row rules of a raw table
            if mode == "full":
                _insert(con, rule, f"raw.{rule.table}", columns)
            else:
                _recheck(con, rule, changed, columns)
        con.execute(
            f"""
            insert into raw._changed_files
            select distinct table_name, source_file, now() from (
                select table_name, source_file from raw.{MANIFEST}
                where ? is null or landed_at > ?
                union all
                select table_name, source_file from (
                    (select * from _held_before except all {held})
                    union all
                    ({held} except all select * from _held_before)
                )
            )
            """,
            [watermark, watermark, GUARD_FILE, GUARD_FILE],
        )
        con.execute(
            "insert into raw._guard_runs values (?, now(), ?, ?)",
            [through[0] if through else None, mode, round(time.perf_counter() - start, 3)],
        )
        con.execute("commit")
    return mode


def _suite(table: RawTable, rules: list[Rule]) -> gx.ExpectationSuite:
    expectations: list[Any] = [
        gx.expectations.ExpectTableColumnsToMatchSet(
            column_set=[*table.columns, *LINEAGE_COLUMNS], exact_match=True, meta={"action": "block"}
        )
    ]
    if table.name in REQUIRED_TABLES:
        expectations.append(
            gx.expectations.ExpectTableRowCountToBeBetween(min_value=1, meta={"action": "block"})
        )
    expectations.extend(_rule_expectation(rule) for rule in rules)
    return gx.ExpectationSuite(name=f"raw_{table.name}", expectations=expectations)


def _rule_expectation(rule: Rule) -> Any:
    """One expectation per rule: no row of the table may break it.

    A ``quarantine`` rule's offending rows were just found by ``apply_quarantine`` with the same SQL
    and written to ``raw.quarantine`` under its reason code; the expectation reads them there instead
    of re-running the rule over the whole raw table (at 10M contacts the duplicate and overlap rules
    are window functions over tens of millions of rows: running each twice doubled the guard's
    time). ``warn`` and ``block`` rules, the schema and the row counts run on the raw table itself.
    """
    if rule.action == "quarantine" and rule.table != MANIFEST:
        query = (
            f"select * from raw.quarantine where table_name = '{rule.table}' "
            f"and reason_code = '{rule.code}' and _source_file = '{GUARD_FILE}' "
            "and source_file in (select distinct _source_file from {batch})"
        )
    else:
        query = rule.sql("{batch}")
    return gx.expectations.UnexpectedRowsExpectation(
        unexpected_rows_query=query,
        description=f"{rule.code}: {rule.description} ({rule.action})",
        meta={"reason_code": rule.code, "action": rule.action},
    )


def _keep_recent_docs(docs: Path, keep: int = DOCS_HISTORY) -> None:
    """Bound the Data Docs history: keep the newest `keep` runs of each suite."""
    for suite_dir in (docs / "validations").glob("*"):
        runs = sorted((p for p in suite_dir.glob("*/*") if p.is_dir()), key=lambda p: p.name)
        for old in runs[:-keep]:
            shutil.rmtree(old)


def _quiet_great_expectations() -> None:
    """Only errors from great-expectations: some of its modules set their own INFO level, which put a
    stray "Created temporary directory" line into every guard run's output."""
    names = [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]
    for name in ["great_expectations", *names]:
        logging.getLogger(name).setLevel(logging.ERROR)


def run_expectations(warehouse: Path, rules: list[Rule], docs: Path | None) -> tuple[int, list[Failure]]:
    """Run every suite read-only through great-expectations; returns (evaluated, failures)."""
    _quiet_great_expectations()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs is not None:
        context.add_data_docs_site(
            site_name="guard",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs.resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    datasource = context.data_sources.add_sql(
        name="warehouse",
        connection_string=f"duckdb:///{warehouse}",
        # read-only so dbt keeps its lock; one persisted connection (see _DuckDBDialect above)
        kwargs={"connect_args": {"read_only": True, "config": duckdb_config()}},
    )
    try:
        definitions = []
        for table in raw_tables().values():
            asset = datasource.add_table_asset(
                name=f"raw_{table.name}", table_name=table.name, schema_name="raw"
            )
            suite = context.suites.add(_suite(table, [r for r in rules if r.table == table.name]))
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(
                        name=f"raw_{table.name}",
                        data=asset.add_batch_definition_whole_table("all"),
                        suite=suite,
                    )
                )
            )
        manifest_rules = [r for r in rules if r.table == MANIFEST]
        if manifest_rules:
            asset = datasource.add_table_asset(
                name="raw_landed_files", table_name=MANIFEST, schema_name="raw"
            )
            suite = context.suites.add(
                gx.ExpectationSuite(
                    name="raw_landed_files", expectations=[_rule_expectation(r) for r in manifest_rules]
                )
            )
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(
                        name="raw_landed_files",
                        data=asset.add_batch_definition_whole_table("all"),
                        suite=suite,
                    )
                )
            )
        actions = [UpdateDataDocsAction(name="data_docs")] if docs is not None else []
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(name="raw_guard", validation_definitions=definitions, actions=actions)
        )
        result = checkpoint.run()
    finally:
        # GX's execution engine keeps its own pooled read-only connection; a reader left open
        # would keep dbt (a writer) out for as long as this process lives.
        datasource.get_execution_engine().close()
        datasource.get_engine().dispose()
    if docs is not None:
        _keep_recent_docs(docs)
    evaluated = 0
    failures: list[Failure] = []
    for run in result.run_results.values():
        for outcome in run.results:
            evaluated += 1
            if outcome.success:
                continue
            config = outcome.expectation_config
            meta = (config.meta or {}) if config else {}
            details = outcome.result or {}
            shown = ("observed_value", "unexpected_count", "partial_unexpected_list", "details")
            detail = ", ".join(f"{k}={details[k]}" for k in shown if details.get(k) not in (None, [], {}))
            if not detail and outcome.exception_info:
                detail = str(outcome.exception_info.get("exception_message", "raised"))
            failures.append(
                Failure(
                    table=str(run.suite_name).removeprefix("raw_"),
                    expectation=meta.get("reason_code") or (config.type if config else "?"),
                    column=(config.kwargs.get("column") if config else None),
                    detail=detail,
                    action=meta.get("action", "block"),
                )
            )
    return evaluated, failures


def balances(warehouse: Path, rules: list[Rule]) -> dict[str, TableBalance]:
    """Rows delivered, kept and quarantined (by reason) per table; warnings per rule."""
    result: dict[str, TableBalance] = {}
    with duckdb.connect(str(warehouse), read_only=True, config=duckdb_config()) as con:
        for table in raw_tables().values():
            if table.name == "quarantine":
                continue
            b = TableBalance(table.name)
            b.delivered = con.execute(
                "select coalesce(sum(rows_delivered), 0) from raw._landed_files where table_name = ?",
                [table.name],
            ).fetchone()[0]
            held_back = f"""
                select distinct q.source_file, q.source_row, q.reason_code from raw.quarantine as q
                where q.table_name = '{table.name}' and (
                    q.reason_code in {LANDING_REASONS}
                    or exists (select 1 from raw.{table.name} as r
                               where r._source_file = q.source_file and r._source_row = q.source_row))
            """
            b.quarantined = con.execute(
                f"select count(*) from (select distinct source_file, source_row from ({held_back}))"
            ).fetchone()[0]
            raw_rows = con.execute(f"select count(*) from raw.{table.name}").fetchone()[0]
            rejected = con.execute(
                f"select count(*) from ({held_back}) where reason_code in {LANDING_REASONS}"
            ).fetchone()[0]
            b.kept = raw_rows - (b.quarantined - rejected)
            b.by_reason = dict(
                con.execute(
                    f"select reason_code, count(*) from ({held_back}) group by 1 order by 1"
                ).fetchall()
            )
            result[table.name] = b
        for rule in rules:
            if rule.action != "warn":
                continue
            if rule.table == MANIFEST:
                flagged = con.execute(
                    f"select table_name, count(*) from ({rule.sql(f'raw.{MANIFEST}')}) group by 1"
                ).fetchall()
            else:
                flagged = [
                    (
                        rule.table,
                        con.execute(f"select count(*) from ({rule.sql(f'raw.{rule.table}')})").fetchone()[0],
                    )
                ]
            for table_name, n in flagged:
                if n:
                    result[table_name].warnings[rule.code] = n
    return result


def validate(
    warehouse: Path,
    docs: Path | None = None,
    log: Callable[[str], None] | None = None,
    *,
    full: bool = False,
) -> GuardResult:
    """Quarantine, validate and balance the warehouse's raw tables; `log` hears each phase start.

    The quarantine phase is incremental after the first run (`full` forces a complete one); the
    great-expectations suites and the balances always cover every row.
    """
    say = log or (lambda _: None)
    rules = load_rules()
    say(f"guard: {len(rules)} quarantine/warn/block rules over {len(raw_tables())} raw tables")
    mode = apply_quarantine(warehouse, rules, full=full, progress=log is not None and sys.stderr.isatty())
    say(f"guard: quarantine rules checked ({mode})")
    say("guard: great-expectations suites")
    evaluated, failures = run_expectations(warehouse, rules, docs)
    say("guard: row balances")
    return GuardResult(evaluated, failures, balances(warehouse, rules))


def render(result: GuardResult) -> str:
    lines = [f"{'table':<18} {'delivered':>10} {'kept':>10} {'quarantined':>11}  reasons / warnings"]
    for b in result.balances.values():
        if not (b.delivered or b.quarantined):
            continue
        reasons = ", ".join(f"{k} {v}" for k, v in b.by_reason.items())
        warns = ", ".join(f"warn {k} {v}" for k, v in b.warnings.items())
        flag = "" if b.balanced else "  << rows lost: delivered != kept + quarantined"
        lines.append(
            f"{b.table:<18} {b.delivered:>10,} {b.kept:>10,} {b.quarantined:>11,}  "
            f"{'; '.join(x for x in (reasons, warns) if x)}{flag}".rstrip()
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=warehouse_path())
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="Data Docs folder")
    parser.add_argument("--full", action="store_true", help="re-check every row (default: what landed since)")
    args = parser.parse_args(argv)
    result = validate(args.warehouse, args.docs, full=args.full)
    print(render(result))
    for f in result.blocking:
        where = f"raw.{f.table}" + (f".{f.column}" if f.column else "")
        print(f"  BLOCKING {f.expectation} on {where}: {f.detail}", file=sys.stderr)
    kinds: dict[str, int] = defaultdict(int)
    for f in result.failures:
        kinds[f.action] += 1
    print(
        f"validated {len(raw_tables())} raw tables: {result.evaluated} expectations, "
        f"{result.evaluated - len(result.failures)} met, {kinds['quarantine']} quarantined, "
        f"{kinds['warn']} warned, {kinds['block']} blocking; Data Docs in {args.docs}/index.html"
    )
    return 0 if result.ok else EXIT["input_blocked"]


if __name__ == "__main__":
    raise SystemExit(main())
