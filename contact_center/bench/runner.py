"""Benchmark: how the warehouse scales, against a raw DuckDB pass and pandas.

For each size, generates a center (N days plus one held-back day), then measures, each step in its own
process (wall time and peak RSS of the process tree): the generator, landing, the guard (validation),
a full ``dbt build``, publishing, a one-day incremental refresh (the held-back day's files landed and
the pipeline runner run on top of the full build), and two reference points on the same data: one
hand-written DuckDB SQL pass over the landed raw contacts and a notebook-style pandas computation over
the landing Parquet files. Both references must equal ``marts.fct_agent_queue_daily`` (row by row:
exact counts, sums within 1e-6). Prints a table and writes every figure as JSON.

    python -m contact_center.bench.runner [--sizes 1M,10M] [--out /tmp/bench/bench.json]

Sizes: ``1M`` (365 days x 2,740 contacts/day, 12 queues, 100 agents), ``10M`` (365 x 27,400, 12 queues,
1,000 agents), ``100M`` (365 x 274,000, 12 queues, 10,000 agents), ``tiny`` (3 days x 1,200, for the
tests) or ``DAYS:CONTACTS_PER_DAY:QUEUES:AGENTS``. All data goes under ``--root`` (default
``/tmp/bench``), dbt's target and logs too. See docs/benchmark.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from contact_center.bench.proc import MB, Measured, run_measured
from contact_center.bench.steps import COMPONENTS, COUNTS, SUMS
from contact_center.contract import PROJECT_DIR
from contact_center.demo.generate import DAILY_TABLES


@dataclass(frozen=True)
class Spec:
    days: int
    contacts_per_day: int
    queues: int
    agents: int


PRESETS = {
    "tiny": Spec(days=3, contacts_per_day=1_200, queues=5, agents=40),
    "1M": Spec(days=365, contacts_per_day=2_740, queues=12, agents=100),
    "10M": Spec(days=365, contacts_per_day=27_400, queues=12, agents=1_000),
    "100M": Spec(days=365, contacts_per_day=274_000, queues=12, agents=10_000),
}
STEPS = (
    ("generate", "generator (N+1 days)"),
    ("land", "landing"),
    ("validate", "validation (guard)"),
    ("build_full", "dbt build (full)"),
    ("publish", "publish"),
    ("refresh_first", "first refresh (nothing new)"),
    ("refresh_incremental", "incremental refresh (1 day)"),
    ("ref_duckdb", "raw DuckDB pass"),
    ("ref_pandas", "pandas"),
)
WAREHOUSE_STEPS = ("land", "validate", "build_full", "publish", "refresh_incremental")
EXPERIMENTS: dict[str, tuple[dict[str, str], list[str]]] = {
    # name: (environment overrides, extra dbt build arguments); each is a `dbt build --full-refresh`
    "threads1": ({"DBT_THREADS": "1"}, []),
    "threads2": ({"DBT_THREADS": "2"}, []),
    "threads4": ({"DBT_THREADS": "4"}, []),
    "models_only": ({}, ["--resource-type", "model", "--resource-type", "seed"]),
    "mem4GB": ({"DUCKDB_MEMORY_LIMIT": "4GB"}, []),
    "mem2GB": ({"DUCKDB_MEMORY_LIMIT": "2GB"}, []),
    "mem8GB": ({"DUCKDB_MEMORY_LIMIT": "8GB"}, []),
}
# The full build as a scheduled refresh runs it (contact_center/pipeline/refresh.py): unit tests belong to CI.
PRODUCTION_BUILD_ARGS = ("--exclude-resource-type", "unit_test")
TARGETS = {"full_refresh_seconds": 60.0, "full_refresh_over_duckdb": 3.0, "incremental_seconds": 10.0}
PEAK_TARGET_MB = 4096.0
SUM_TOLERANCE = 1e-6


def parse_size(text: str) -> Spec:
    if text in PRESETS:
        return PRESETS[text]
    try:
        days, volume, queues, agents = (int(x) for x in text.split(":"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"size {text!r}: use one of {', '.join(PRESETS)} or DAYS:CONTACTS_PER_DAY:QUEUES:AGENTS"
        ) from exc
    return Spec(days, volume, queues, agents)


def _log(msg: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


class StepFailed(RuntimeError):
    pass


class Bench:
    """One benchmark size: its folders, its environment, and the steps run on it."""

    def __init__(self, label: str, spec: Spec, args: argparse.Namespace) -> None:
        self.label, self.spec, self.args = label, spec, args
        self.dir = args.root / label.replace(":", "_")
        self.landing = self.dir / "landing"
        self.heldback = self.dir / "heldback"
        self.warehouse = self.dir / "warehouse" / "cc.duckdb"
        self.publish_dir = self.dir / "publish"
        self.out = self.dir / "out"
        self.dbt_args = shlex.split(args.dbt_args)
        self.result: dict[str, Any] = {"spec": asdict(spec), "steps": {}}

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DBT_TARGET_PATH=str(self.args.root / "target"),
            DBT_LOG_PATH=str(self.args.root / "logs"),
            DBT_PROFILES_DIR=str(PROJECT_DIR),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
            GX_ANALYTICS_ENABLED="false",
            WAREHOUSE_PATH=str(self.warehouse),
            DUCKDB_TEMP_DIRECTORY=str(self.warehouse.parent / "tmp"),
            PYTHONPATH=os.pathsep.join(p for p in (str(PROJECT_DIR), env.get("PYTHONPATH")) if p),
        )
        if self.args.threads:
            env["DBT_THREADS"] = str(self.args.threads)
        if self.args.memory_limit:
            env["DUCKDB_MEMORY_LIMIT"] = self.args.memory_limit
        env.update(extra)
        return env

    def run(
        self, name: str, module: str, *argv: str, env: dict[str, str] | None = None, check: bool = True
    ) -> Measured:
        """Run `python -m module argv` as step `name`, measured; raises StepFailed on a non-zero exit."""
        self.out.mkdir(parents=True, exist_ok=True)
        detail = self.out / f"{name}.json"
        cmd = [sys.executable, "-m", module, *argv]
        if module == "contact_center.bench.steps":
            cmd += ["--json", str(detail)]
        _log(f"{self.label}: {name} ...")
        measured = run_measured(
            cmd,
            env=env or self.env(),
            cwd=PROJECT_DIR,
            log=self.out / f"{name}.log",
            detail_json=detail,
            interval=self.args.sample_interval,
        )
        _log(
            f"{self.label}: {name}: {measured.seconds:.1f}s, peak {measured.peak_rss_mb:,.0f} MB"
            + (f", exit {measured.returncode}" if measured.returncode else "")
        )
        if measured.returncode != 0:
            tail = (self.out / f"{name}.log").read_text(errors="replace")[-3000:]
            if check:
                raise StepFailed(f"{self.label}: step {name} exited {measured.returncode}:\n{tail}")
            measured.detail["error"] = tail.strip().splitlines()[-1] if tail.strip() else "failed"
        return measured

    def record(self, name: str, measured: Measured) -> None:
        self.result["steps"][name] = measured.to_json()
        if name in WAREHOUSE_STEPS:
            self.result["steps"][name]["disk"] = self.disk()

    def disk(self) -> dict[str, float | None]:
        """Bytes on disk after a step: the build file (with its WAL), the published folder (DuckDB
        copy and Parquet runs), what is left in the spill folder, and bytes per contact leg."""

        def size(path: Path) -> int:
            if path.is_file():
                return path.stat().st_size
            # a file hard-linked into several Parquet run folders takes its bytes once
            inodes = {
                (p.stat().st_dev, p.stat().st_ino): p.stat().st_size
                for p in path.rglob("*")
                if p.is_file() and not p.is_symlink()
            }
            return sum(inodes.values())

        build = size(self.warehouse) + size(self.warehouse.with_name(self.warehouse.name + ".wal"))
        publish = size(self.publish_dir) if self.publish_dir.exists() else 0
        spill_dir = self.warehouse.parent / "tmp"
        spill = size(spill_dir) if spill_dir.exists() else 0
        legs = self.result.get("rows", {}).get("contacts") or 0
        return {
            "build_mb": round(build / MB, 1),
            "publish_mb": round(publish / MB, 1),
            "spill_left_mb": round(spill / MB, 1),
            "build_bytes_per_leg": round(build / legs, 1) if legs else None,
            "publish_bytes_per_leg": round(publish / legs, 1) if legs else None,
        }

    # -- data -----------------------------------------------------------------------------------------

    @property
    def start_date(self) -> date:
        """The first generated day: --start-date, else 2025-10-01 (the date every earlier run used,
        so runs stay comparable) unless the history would then run past two days ago: the guard
        quarantines future rows as `future_timestamp` (a third of a 600-day center did)."""
        latest = date.today() - timedelta(days=self.spec.days + 2)
        return self.args.start_date or min(date(2025, 10, 1), latest)

    def _marker(self) -> Path:
        return self.dir / "generated.json"

    def generate(self) -> None:
        spec, args = self.spec, self.args
        wanted = {**asdict(spec), "seed": args.seed, "start_date": self.start_date.isoformat()}
        marker = self._marker()
        if args.reuse_data and marker.exists():
            saved = json.loads(marker.read_text())
            if saved["spec"] == wanted:
                self._hold_back(saved["heldback_day"])
                self.result["steps"]["generate"] = {**saved["measured"], "reused": True}
                self.result["rows"] = saved["rows"]
                _log(f"{self.label}: reusing the generated center in {self.dir}")
                return
        shutil.rmtree(self.landing, ignore_errors=True)
        shutil.rmtree(self.heldback, ignore_errors=True)
        marker.unlink(missing_ok=True)
        measured = self.run(
            "generate",
            "contact_center.demo.generate",
            *("--out", str(self.landing), "--seed", str(args.seed)),
            *("--start-date", self.start_date.isoformat(), "--days", str(spec.days + 1)),
            *("--queues", str(spec.queues), "--agents", str(spec.agents)),
            *("--contacts-per-day", str(spec.contacts_per_day), "--workers", str(args.workers)),
        )
        heldback_day = date.fromordinal(self.start_date.toordinal() + spec.days).isoformat()
        self._hold_back(heldback_day)
        self.result["rows"] = rows = self._count_rows()
        self.record("generate", measured)
        marker.write_text(
            json.dumps(
                {"spec": wanted, "heldback_day": heldback_day, "rows": rows, "measured": measured.to_json()},
                indent=2,
            )
        )

    def _hold_back(self, day: str) -> None:
        """Keep the last day's daily files out of the landing folder (moved back if a run left them)."""
        for table in DAILY_TABLES:
            name = f"{table}_{day}.parquet"
            src, dst = self.landing / table / name, self.heldback / table / name
            if src.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                src.replace(dst)

    def _release_heldback(self) -> int:
        moved = 0
        for path in sorted(self.heldback.glob("*/*.parquet")):
            path.replace(self.landing / path.parent.name / path.name)
            moved += 1
        return moved

    def _count_rows(self) -> dict[str, int]:
        import pyarrow.parquet as pq

        def rows(folder: Path) -> int:
            return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet"))

        return {
            "contacts": rows(self.landing / "contacts"),
            "agent_states": rows(self.landing / "agent_states"),
            "contacts_heldback_day": rows(self.heldback / "contacts"),
            "files": sum(1 for _ in self.landing.glob("*/*.parquet")),
        }

    # -- the pipeline ---------------------------------------------------------------------------------

    def build_full(self, *, resumed: bool) -> None:
        """The full `dbt build`: failing data tests are recorded, a failing model stops the size."""
        measured = self.run(
            "build_full",
            "contact_center.pipeline.build",
            *(
                "--warehouse",
                str(self.warehouse),
                "--",
                *(["--full-refresh"] if resumed else []),
                *PRODUCTION_BUILD_ARGS,
                *self.dbt_args,
            ),
            check=False,
        )
        results = self.args.root / "target" / "run_results.json"
        if measured.returncode != 0 and results.exists():
            failed = failed_nodes(results)
            if failed and all(kind in ("test", "unit_test") for kind, _ in failed):
                _log(f"{self.label}: build_full: data tests failed, models built: {failed}")
                measured.returncode = 0
                measured.detail = {"failed_tests": [name for _, name in failed]}
        if measured.returncode != 0:
            tail = (self.out / "build_full.log").read_text(errors="replace")[-3000:]
            raise StepFailed(f"{self.label}: step build_full exited {measured.returncode}:\n{tail}")
        measured.detail = {**self._dbt_figures("full", measured.seconds), **measured.detail}
        self.record("build_full", measured)

    def _dbt_figures(self, tag: str, seconds: float) -> dict[str, Any]:
        src = self.args.root / "target" / "run_results.json"
        dst = self.out / f"run_results_{tag}.json"
        shutil.copyfile(src, dst)
        summary = dbt_summary(dst)
        summary["startup_and_parse_seconds"] = round(seconds - summary["elapsed_seconds"], 3)
        return summary

    def _resumable(self) -> dict[str, Any] | None:
        """Landing and validation figures of an earlier run of this size whose warehouse is still intact."""
        if not self.args.resume_from:
            return None
        earlier = json.loads(self.args.resume_from.read_text())["sizes"].get(self.label)
        if not earlier or earlier["spec"] != self.result["spec"] or not self.warehouse.exists():
            return None
        if not all(step in earlier["steps"] for step in ("land", "validate")):
            return None
        return earlier

    def run_all(self) -> dict[str, Any]:
        args = self.args
        self.dir.mkdir(parents=True, exist_ok=True)
        self.generate()
        earlier = self._resumable()
        shutil.rmtree(self.publish_dir, ignore_errors=True)
        if earlier:
            # the warehouse as the earlier run landed and validated it (its dbt build failed or was not run)
            _log(f"{self.label}: resuming after validation from {args.resume_from}")
            for step in ("land", "validate"):
                self.result["steps"][step] = {**earlier["steps"][step], "reused": True}
        else:
            shutil.rmtree(self.warehouse.parent, ignore_errors=True)
            shutil.rmtree(self.out, ignore_errors=True)
            self.record(
                "land",
                self.run(
                    "land",
                    "contact_center.pipeline.land",
                    "--landing",
                    str(self.landing),
                    "--warehouse",
                    str(self.warehouse),
                ),
            )
            validated = self.run(
                "validate", "contact_center.bench.steps", "validate", "--warehouse", str(self.warehouse)
            )
            self.record("validate", validated)
            held = sum(validated.detail.get("rows_quarantined", {}).values())
            if held > 0.01 * sum(self.result.get("rows", {}).values()):
                _log(f"{self.label}: WARNING the guard quarantined {held:,} rows (over 1 %): the figures "
                     "do not measure the center that was generated")  # fmt: skip
        self.build_full(resumed=earlier is not None)
        self.record(
            "publish",
            self.run(
                "publish",
                "contact_center.pipeline.publish",
                "--warehouse",
                str(self.warehouse),
                "--publish-dir",
                str(self.publish_dir),
            ),
        )
        ref_duckdb, ref_pandas = self.out / "ref_duckdb.parquet", self.out / "ref_pandas.parquet"
        self.record(
            "ref_duckdb",
            self.run(
                "ref_duckdb",
                "contact_center.bench.steps",
                "ref-duckdb",
                "--warehouse",
                str(self.warehouse),
                "--output",
                str(ref_duckdb),
            ),
        )
        self.record(
            "ref_pandas",
            self.run(
                "ref_pandas",
                "contact_center.bench.steps",
                "ref-pandas",
                "--landing",
                str(self.landing),
                "--output",
                str(ref_pandas),
            ),
        )
        _log(f"{self.label}: checking the references against marts.fct_agent_queue_daily")
        self.result["check"] = {
            "duckdb": compare(self.warehouse, ref_duckdb),
            "pandas": compare(self.warehouse, ref_pandas),
        }
        if args.profile:
            self.result["profile"] = {
                "rules": self.run(
                    "profile_rules", "contact_center.bench.steps", "rules", "--warehouse", str(self.warehouse)
                ).detail
            }
        # The warehouse was built step by step (land, guard, build, publish), as `make build` does: the
        # runner has no record of a good build, so its first run tests every row of the big relations.
        # A deployment's scheduled refreshes are later runs, which test the rows they rebuilt; the
        # measured one-day refresh is such a run, after a first (forced, nothing new) refresh.
        first = self.run(
            "refresh_first",
            "contact_center.bench.steps",
            *("refresh", "--landing", str(self.landing), "--warehouse", str(self.warehouse)),
            *("--publish-dir", str(self.publish_dir), "--dbt-extra", shlex.join(self.dbt_args), "--force"),
        )
        self.record("refresh_first", first)
        moved = self._release_heldback()
        refresh = self.run(
            "refresh_incremental",
            "contact_center.bench.steps",
            *("refresh", "--landing", str(self.landing), "--warehouse", str(self.warehouse)),
            *("--publish-dir", str(self.publish_dir), "--dbt-extra", shlex.join(self.dbt_args)),
        )
        refresh.detail["files_released"] = moved
        refresh.detail["dbt"] = self._dbt_figures("incremental", refresh.detail["phases"]["dbt_build"])
        self.record("refresh_incremental", refresh)
        # the incremental result must equal a recomputation from scratch over all N+1 days
        after = self.out / "ref_duckdb_after_refresh.parquet"
        self.run(
            "ref_duckdb_after_refresh",
            "contact_center.bench.steps",
            *("ref-duckdb", "--warehouse", str(self.warehouse), "--output", str(after)),
        )
        self.result["check"]["duckdb_after_incremental"] = compare(self.warehouse, after)
        self.result["derived"] = derive(self.result)
        for name in args.experiments:
            env, extra = EXPERIMENTS[name]
            measured = self.run(
                f"experiment_{name}",
                "contact_center.pipeline.build",
                *("--warehouse", str(self.warehouse), "--", "--full-refresh", *PRODUCTION_BUILD_ARGS),
                *self.dbt_args,
                *extra,
                env=self.env(**env),
                check=False,
            )
            if measured.returncode == 0:
                measured.detail = self._dbt_figures(f"experiment_{name}", measured.seconds)
            self.result.setdefault("experiments", {})[name] = measured.to_json()
        return self.result


# -- figures ------------------------------------------------------------------------------------------


def failed_nodes(run_results: Path) -> list[tuple[str, str]]:
    """(resource type, name) of every node that failed or errored."""
    doc = json.loads(run_results.read_text())
    return [
        (r["unique_id"].split(".")[0], r["unique_id"].split(".")[2])
        for r in doc["results"]
        if r["status"] in ("fail", "error", "runtime error")
    ]


def dbt_summary(run_results: Path, top: int = 15) -> dict[str, Any]:
    """Per resource type: nodes and summed execution seconds; the slowest nodes; dbt's elapsed time."""
    doc = json.loads(run_results.read_text())
    by_type: dict[str, dict[str, float]] = {}
    statuses: dict[str, int] = {}
    nodes = []
    for r in doc["results"]:
        kind = r["unique_id"].split(".")[0]
        entry = by_type.setdefault(kind, {"nodes": 0, "seconds": 0.0})
        entry["nodes"] += 1
        entry["seconds"] = round(entry["seconds"] + r["execution_time"], 3)
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
        nodes.append({"node": r["unique_id"].split(".", 2)[-1], "type": kind, "seconds": r["execution_time"]})
    nodes.sort(key=lambda n: -n["seconds"])
    return {
        "elapsed_seconds": round(doc["elapsed_time"], 3),
        "threads": doc.get("args", {}).get("threads"),
        "by_type": by_type,
        "statuses": statuses,
        "slowest": [{**n, "seconds": round(n["seconds"], 3)} for n in nodes[:top]],
    }


def compare(warehouse: Path, reference: Path) -> dict[str, Any]:
    """Row-by-row comparison of a reference's components with marts.fct_agent_queue_daily."""
    cols = ", ".join(COMPONENTS)
    catalog = '"' + warehouse.stem.replace('"', '""') + '"'
    with duckdb.connect() as con:
        # attached under its own name: the fact is a dbt view, which names its catalog after the file
        con.execute(f"attach '{warehouse}' as {catalog} (read_only)")
        con.execute(
            "create temp table w as select cast(date_day as date) as date_day, queue_id, agent_id, "
            f"{cols}, true as present from {catalog}.marts.fct_agent_queue_daily"
        )
        con.execute(
            "create temp table r as select cast(date_day as date) as date_day, queue_id, agent_id, "
            f"{cols}, true as present from read_parquet('{reference}')"
        )
        measures = [
            "count(*) filter (where w.present is null) as rows_only_in_reference",
            "count(*) filter (where r.present is null) as rows_only_in_warehouse",
        ]
        measures += [
            f"count(*) filter (where w.present and r.present and w.{c} is distinct from r.{c}) as {c}"
            for c in COUNTS
        ]
        measures += [
            f"coalesce(max(abs(w.{c} - r.{c})), 0) as {c}_max_abs_diff, "
            f"count(*) filter (where w.present and r.present and (w.{c} is null) <> (r.{c} is null)) "
            f"as {c}_null_mismatch"
            for c in SUMS
        ]
        cursor = con.execute(
            f"select {', '.join(measures)} from w full outer join r on w.date_day = r.date_day "
            "and w.queue_id = r.queue_id and w.agent_id is not distinct from r.agent_id"
        )
        diff = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        totals = {}
        for side in ("w", "r"):
            cursor = con.execute(
                f"select count(*) as rows, {', '.join(f'sum({c}) as {c}' for c in COMPONENTS)} from {side}"
            )
            totals[side] = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    mismatched_counts = {c: diff[c] for c in COUNTS if diff[c]}
    sum_diffs = {c: diff[f"{c}_max_abs_diff"] for c in SUMS}
    null_mismatch = {c: diff[f"{c}_null_mismatch"] for c in SUMS if diff[f"{c}_null_mismatch"]}
    equal = (
        diff["rows_only_in_reference"] == 0
        and diff["rows_only_in_warehouse"] == 0
        and not mismatched_counts
        and not null_mismatch
        and all(v <= SUM_TOLERANCE for v in sum_diffs.values())
    )
    return {
        "equal": equal,
        "rows_warehouse": totals["w"]["rows"],
        "rows_reference": totals["r"]["rows"],
        "rows_only_in_reference": diff["rows_only_in_reference"],
        "rows_only_in_warehouse": diff["rows_only_in_warehouse"],
        "rows_with_count_mismatch": mismatched_counts,
        "sum_max_abs_diff": sum_diffs,
        "sum_null_mismatch": null_mismatch,
        "totals_warehouse": {c: totals["w"][c] for c in COMPONENTS},
        "totals_reference": {c: totals["r"][c] for c in COMPONENTS},
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def derive(result: dict[str, Any]) -> dict[str, Any]:
    steps = result["steps"]
    sec = {name: s["seconds"] for name, s in steps.items()}
    full = sec["validate"] + sec["build_full"] + sec["publish"]
    peak = max(steps[s]["peak_rss_mb"] for s in WAREHOUSE_STEPS)
    figures = {
        "full_refresh_seconds": round(full, 3),
        "full_refresh_over_duckdb": _ratio(full, sec["ref_duckdb"]),
        "incremental_seconds": sec["refresh_incremental"],
    }
    targets = {
        name: {
            "value": value,
            "target": TARGETS[name],
            "met": value <= TARGETS[name],
            "x_target": _ratio(value, TARGETS[name]),
        }
        for name, value in figures.items()
    }
    targets["peak_memory_mb"] = {
        "value": round(peak, 1),
        "target": PEAK_TARGET_MB,
        "met": peak <= PEAK_TARGET_MB,
        "x_target": _ratio(peak, PEAK_TARGET_MB),
    }
    return {
        **figures,
        "peak_memory_mb_warehouse_steps": round(peak, 1),
        "build_over_duckdb": _ratio(sec["build_full"], sec["ref_duckdb"]),
        "pandas_over_build": _ratio(sec["ref_pandas"], sec["build_full"]),
        "pandas_over_duckdb": _ratio(sec["ref_pandas"], sec["ref_duckdb"]),
        "targets": targets,
    }


def render(report: dict[str, Any]) -> str:
    labels = list(report["sizes"])
    cell = 27  # per size: wall seconds, CPU seconds, peak RSS
    head = f"{'step':<30}" + "".join(f"{label:>{cell}}" for label in labels)
    sub = f"{'':<30}" + "".join(f"{'wall s':>9}{'cpu s':>9}{'peak MB':>9}" for _ in labels)
    lines = [head, sub, "-" * len(head)]
    for key, title in STEPS:
        cells = []
        for label in labels:
            s = report["sizes"][label]["steps"].get(key)
            cells.append(
                f"{s['seconds']:>9.1f}{s['cpu_seconds']:>9.1f}{s['peak_rss_mb']:>9,.0f}"
                if s
                else f"{'-':>{cell}}"
            )
        lines.append(f"{title:<30}" + "".join(cells))
    extra = [
        ("full refresh (val+build+pub)", "full_refresh_seconds", "{:.1f}s"),
        ("full build / raw DuckDB", "build_over_duckdb", "{:.1f}x"),
        ("full refresh / raw DuckDB", "full_refresh_over_duckdb", "{:.1f}x"),
        ("pandas / full build", "pandas_over_build", "{:.2f}x"),
        ("peak memory (warehouse steps)", "peak_memory_mb_warehouse_steps", "{:,.0f} MB"),
    ]
    lines.append("-" * len(head))
    for title, key, fmt in extra:
        cells = []
        for label in labels:
            value = report["sizes"][label].get("derived", {}).get(key)
            cells.append(f"{fmt.format(value) if value is not None else '-':>{cell}}")
        lines.append(f"{title:<30}" + "".join(cells))
    lines.append("")
    for label in labels:
        size = report["sizes"][label]
        rows = size.get("rows", {})
        lines.append(
            f"{label}: {rows.get('contacts', 0):,} contact legs landed ({size['spec']['days']} days), "
            f"{rows.get('contacts_heldback_day', 0):,} in the incremental day"
        )
        disk = size["steps"].get("refresh_incremental", {}).get("disk")
        if disk:
            lines.append(
                f"  disk after the refresh: build file {disk['build_mb']:,.0f} MB "
                f"({disk['build_bytes_per_leg']} B/leg), published {disk['publish_mb']:,.0f} MB "
                f"({disk['publish_bytes_per_leg']} B/leg), spill left {disk['spill_left_mb']:,.0f} MB"
            )
        for name, check in size.get("check", {}).items():
            lines.append(
                f"  {name:<7} reference == fct_agent_queue_daily: {check['equal']} "
                f"({check['rows_reference']:,} rows; offered {check['totals_reference']['offered']:,}, "
                f"handled {check['totals_reference']['handled']:,})"
            )
        for name, t in size.get("derived", {}).get("targets", {}).items():
            verdict = "met" if t["met"] else f"MISSED ({t['x_target']}x the target)"
            lines.append(f"  target {name}: {t['value']} vs {t['target']} -> {verdict}")
        for name, e in size.get("experiments", {}).items():
            env, extra = EXPERIMENTS[name]
            how = " ".join([*(f"{k}={v}" for k, v in env.items()), *extra])
            outcome = f"FAILED: {e['detail'].get('error', '')}" if e["returncode"] else "ok"
            lines.append(
                f"  experiment {name:<14} dbt build --full-refresh {how}: {e['seconds']:.1f}s wall, "
                f"{e['cpu_seconds']:.1f}s cpu, peak {e['peak_rss_mb']:,.0f} MB, {outcome}"
            )
        if size.get("error"):
            lines.append(f"  FAILED: {size['error'].splitlines()[0]}")
    return "\n".join(lines)


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "duckdb": duckdb.__version__}
    for dist in ("dbt-core", "dbt-duckdb", "pandas", "great_expectations"):
        try:
            out[dist] = version(dist)
        except Exception:
            out[dist] = "?"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1M,10M", help="comma-separated: tiny, 1M, 10M, 100M or D:V:Q:A")
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default: ROOT/bench.json)")
    parser.add_argument("--root", type=Path, default=Path("/tmp/bench"), help="all data, dbt target and logs")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--start-date",
        type=date.fromisoformat,
        default=None,
        help="first day (default: 2025-10-01, or earlier so the history ends 2 days ago)",
    )
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="generator workers")
    parser.add_argument("--threads", type=int, default=None, help="dbt threads (default: the profile's)")
    parser.add_argument(
        "--memory-limit", default=None, help="DuckDB memory_limit for dbt (default: the profile's)"
    )
    parser.add_argument("--dbt-args", default="", help="extra arguments for both dbt builds, e.g. a --select")
    parser.add_argument(
        "--reuse-data", action="store_true", help="reuse a center generated with the same spec"
    )
    parser.add_argument(
        "--resume-from",
        type=Path,
        default=None,
        help="an earlier bench JSON: reuse its landing and validation figures and warehouse (same spec)",
    )
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="skip per-rule timings")
    parser.add_argument(
        "--experiments",
        default="",
        help=f"comma-separated full rebuilds to time after the run: {', '.join(EXPERIMENTS)} (or 'all')",
    )
    parser.add_argument("--sample-interval", type=float, default=0.1, help="RSS sampling period (s)")
    parser.add_argument(
        "--render",
        type=Path,
        nargs="+",
        default=None,
        metavar="JSON",
        help="run nothing: merge the sizes of earlier bench JSON files (later files win), print the table",
    )
    args = parser.parse_args(argv)
    if args.render:
        merged: dict[str, Any] = {}
        for path in args.render:
            doc = json.loads(path.read_text())
            merged = {**doc, "sizes": {**merged.get("sizes", {}), **doc["sizes"]}, "merged_from": []}
        merged["merged_from"] = [str(p) for p in args.render]
        print(render(merged))
        if args.out:
            args.out.write_text(json.dumps(merged, indent=2, default=str))
        return 0
    args.root = args.root.resolve()
    args.experiments = (
        list(EXPERIMENTS) if args.experiments == "all" else [e for e in args.experiments.split(",") if e]
    )
    unknown = [e for e in args.experiments if e not in EXPERIMENTS]
    if unknown:
        parser.error(f"unknown experiments {unknown}; choose from {', '.join(EXPERIMENTS)}")
    labels = [s.strip() for s in args.sizes.split(",") if s.strip()]
    try:
        specs = {label: parse_size(label) for label in labels}
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    out = args.out or args.root / "bench.json"
    report: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "load_average_at_start": os.getloadavg(),
        },
        "versions": _versions(),
        "settings": {
            "threads": args.threads or "profile default",
            "memory_limit": args.memory_limit or "profile default",
            "dbt_args": args.dbt_args,
            "resumed_from": str(args.resume_from) if args.resume_from else None,
            "seed": args.seed,
            "start_date": args.start_date.isoformat()
            if args.start_date
            else "2025-10-01 or ending 2 days ago",
        },
        "sizes": {},
    }
    failed = False
    for label, spec in specs.items():
        bench = Bench(label, spec, args)
        started = time.perf_counter()
        try:
            bench.run_all()
        except StepFailed as exc:
            failed = True
            bench.result["error"] = str(exc)
            _log(str(exc))
        bench.result["bench_seconds"] = round(time.perf_counter() - started, 1)
        report["sizes"][label] = bench.result
        report["machine"]["load_average_at_end"] = os.getloadavg()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, default=str))  # after every size: partial results
    print(render(report))
    print(f"\nfigures written to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
