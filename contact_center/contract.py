"""The raw contract, read from the dbt sources YAML (the single place it is written down).

Every raw table is declared in ``models/staging/<source>/_<source>__sources.yml`` with a
``data_type`` per column and ``config.meta`` holding its key. Landing, the demo generator and
validation read it from here, so the contract cannot drift between them; ``contract_docs`` renders
it as docs/raw_contract.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
LINEAGE_COLUMNS = {"_source_file": "varchar", "_source_row": "bigint", "_loaded_at": "timestamptz"}


@dataclass(frozen=True)
class RawTable:
    """One raw table of the contract."""

    source: str
    name: str
    columns: dict[str, str]  # column -> DuckDB type, in delivery order
    primary_key: tuple[str, ...]
    version_column: str | None
    event_time: str | None

    def ddl(self, schema: str = "raw") -> str:
        cols = {**self.columns, **LINEAGE_COLUMNS}
        body = ", ".join(f"{c} {t}" for c, t in cols.items())
        return f"create table if not exists {schema}.{self.name} ({body})"


@cache
def raw_tables(project_dir: Path = PROJECT_DIR) -> dict[str, RawTable]:
    """All raw tables of the contract, keyed by table name."""
    tables: dict[str, RawTable] = {}
    for path in sorted((project_dir / "models" / "staging").glob("*/_*__sources.yml")):
        doc = yaml.safe_load(path.read_text())
        for source in doc["sources"]:
            for table in source["tables"]:
                meta = table.get("config", {}).get("meta", {})
                if meta.get("written_by"):  # the warehouse's own bookkeeping, not a delivery
                    continue
                tables[table["name"]] = RawTable(
                    source=source["name"],
                    name=table["name"],
                    columns={c["name"]: c["data_type"] for c in table["columns"]},
                    primary_key=tuple(meta["primary_key"]),
                    version_column=meta.get("version_column"),
                    event_time=meta.get("event_time"),
                )
    return tables
