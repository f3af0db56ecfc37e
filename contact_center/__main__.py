"""Every command of the project without make: ``contact-center <command> [args]`` (installed into the
virtualenv by ``make venv``), or ``python -m contact_center <command> [args]`` from the project root.

Each command is a module's ``main``; ``python -m contact_center <command> --help`` shows its options.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("contact_center.demo.generate", "generate a demo center into a landing folder"),
    "land": ("contact_center.pipeline.land", "land the files of a landing folder into raw"),
    "guard": ("contact_center.pipeline.guard", "quarantine bad rows, run the great-expectations suites"),
    "build": ("contact_center.pipeline.build", "dbt build, explaining failed tests with their rows"),
    "publish": ("contact_center.pipeline.publish", "publish the marts for BI tools (atomic swap)"),
    "refresh": ("contact_center.pipeline.refresh", "the runner: lock, land, guard, build, publish, log"),
    "summary": ("contact_center.pipeline.summary", "print the latest day's KPIs per queue"),
    "dashboard": ("contact_center.dashboard.build", "write the offline HTML dashboard"),
    "real": ("contact_center.real.__main__", "build a warehouse from a real public dataset"),
    "bench": ("contact_center.bench.runner", "benchmark against raw DuckDB and pandas"),
    "docs": ("contact_center.contract_docs", "write docs/raw_contract.md from the sources YAML (--check)"),
}


def usage() -> str:
    prog = "contact-center" if sys.argv[0].endswith("contact-center") else "python -m contact_center"
    lines = [f"usage: {prog} <command> [args]", "", "commands:"]
    lines += [f"  {name:<10} {text}" for name, (_, text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        print(usage(), file=sys.stderr if args and args[0] not in ("-h", "--help") else sys.stdout)
        return 0 if not args or args[0] in ("-h", "--help") else 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return int(module.main(args[1:]))


if __name__ == "__main__":
    raise SystemExit(main())
