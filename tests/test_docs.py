"""The project's own documents: docs/raw_contract.md (generated) and docs/kpi_catalog.md (hand-written).

Fast checks, no dbt run: the raw contract page equals the generator's output, the catalog's metric,
var, model, column, macro and test names exist in the project, and nothing in the repository points
at documents outside it.
"""

from __future__ import annotations

import os
import re
import shutil
from functools import cache
from pathlib import Path

import yaml

from contact_center import contract_docs
from contact_center.contract import PROJECT_DIR, raw_tables

RAW_CONTRACT = PROJECT_DIR / "docs" / "raw_contract.md"
KPI_CATALOG = PROJECT_DIR / "docs" / "kpi_catalog.md"

# Documents outside the repository that nothing may depend on (spelled in pieces so this file does
# not match itself).
FORBIDDEN = ("/work/" + "shared", ".." + "/shared")
SKIP_DIRS = {
    ".git",
    ".venv",
    ".venv-spark",
    "build",
    "target",
    "logs",
    "warehouse",
    "landing",
    "data",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "dbt_packages",
}
BACKTICKED = re.compile(r"`([^`]+)`")
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?")
VAR_CALL = re.compile(r"var\('([^']+)'")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: the YAML is large


# --- helpers -----------------------------------------------------------------------------------------


def _yaml_files(pattern: str) -> list[dict]:
    return [_load_yaml(p) for p in sorted(PROJECT_DIR.glob(pattern))]


@cache
def _load_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=YAML_LOADER) or {}


def metric_names() -> set[str]:
    """MetricFlow metrics: the metrics YAML plus measures with create_metric (simple metrics)."""
    names = set()
    for doc in _yaml_files("models/semantic/*.yml"):
        names |= {m["name"] for m in doc.get("metrics") or []}
        for model in doc.get("semantic_models") or []:
            names |= {m["name"] for m in model.get("measures") or [] if m.get("create_metric")}
    return names


def dbt_vars() -> set[str]:
    return set(yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"])


def model_columns() -> dict[str, set[str]]:
    """Every dbt model and source table -> its documented columns."""
    columns: dict[str, set[str]] = {p.stem: set() for p in PROJECT_DIR.glob("models/**/*.sql")}
    for doc in _yaml_files("models/**/*.yml"):
        for model in doc.get("models") or []:
            columns.setdefault(model["name"], set()).update(c["name"] for c in model.get("columns") or [])
        for source in doc.get("sources") or []:
            for table in source.get("tables") or []:
                columns.setdefault(table["name"], set()).update(c["name"] for c in table.get("columns") or [])
    return columns


def known_names() -> set[str]:
    """Names a backticked identifier in the catalog may be: anything the project defines."""
    macros = "\n".join(p.read_text() for p in PROJECT_DIR.glob("macros/**/*.sql"))
    names = metric_names() | dbt_vars()
    names |= set(re.findall(r"macro\s+(\w+)\s*\(", macros))
    names |= set(re.findall(r"variant\s*==?\s*'(\w+)'", macros))  # variant values
    names |= set(re.findall(r"var\('\w+',\s*'(\w+)'\)", macros))  # default variant values
    for model, columns in model_columns().items():
        names |= {model, *columns}
    for doc in _yaml_files("models/**/*.yml"):
        names |= {u["name"] for u in doc.get("unit_tests") or []}
        names |= {m["name"] for m in doc.get("semantic_models") or []}
    names |= {p.stem for p in PROJECT_DIR.glob("tests/dbt/*.sql")}
    for path in PROJECT_DIR.glob("tests/*.py"):
        names |= set(re.findall(r"^def (test_\w+)", path.read_text(), re.MULTILINE))
    return names | {"max"}


def catalog_cells(column: str) -> list[str]:
    """The cells of the named column in every markdown table of the catalog."""
    cells, index = [], None
    for line in KPI_CATALOG.read_text().splitlines():
        if not line.startswith("|"):
            index = None
            continue
        row = [c.strip() for c in line.strip().strip("|").split("|")]
        if index is None:
            index = row.index(column) if column in row else -1
        elif index >= 0 and not set(line) <= set("|-: "):
            cells.append(row[index])
    return cells


def outside_references(root: Path) -> list[str]:
    """Files under root (skipping SKIP_DIRS) whose bytes contain a FORBIDDEN string."""
    hits = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            path = Path(folder) / name
            data = path.read_bytes()
            hits += [f"{path.relative_to(root)}: {s}" for s in FORBIDDEN if s.encode() in data]
    return hits


# --- (a) the raw contract page is the generator's output ---------------------------------------------


def test_raw_contract_doc_is_up_to_date() -> None:
    assert RAW_CONTRACT.read_text() == contract_docs.render(), (
        "docs/raw_contract.md is stale: run `python -m contact_center.contract_docs`"
    )
    assert contract_docs.main(["--check"]) == 0


def test_check_fails_when_a_sources_column_is_added(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_DIR / "models" / "staging", tmp_path / "models" / "staging")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "raw_contract.md").write_text(RAW_CONTRACT.read_text())
    assert contract_docs.main(["--check", "--project-dir", str(tmp_path)]) == 0

    sources = tmp_path / "models" / "staging" / "acd" / "_acd__sources.yml"
    doc = yaml.safe_load(sources.read_text())
    contacts = next(t for t in doc["sources"][0]["tables"] if t["name"] == "contacts")
    contacts["columns"].append({"name": "brand_new_column", "data_type": "varchar", "description": "New."})
    sources.write_text(yaml.safe_dump(doc, sort_keys=False))

    assert contract_docs.main(["--check", "--project-dir", str(tmp_path)]) == 1
    assert "`brand_new_column`" in contract_docs.render(tmp_path)
    assert contract_docs.main(["--project-dir", str(tmp_path)]) == 0  # regenerate
    assert contract_docs.main(["--check", "--project-dir", str(tmp_path)]) == 0


# --- (b) every raw table and column is documented ----------------------------------------------------


def test_raw_contract_doc_lists_every_table_and_column() -> None:
    sections = re.split(r"^### ", RAW_CONTRACT.read_text(), flags=re.MULTILINE)[1:]
    documented = {s.split("\n", 1)[0].strip(): s for s in sections}
    tables = raw_tables()
    assert set(documented) == set(tables)
    for name, table in tables.items():
        for column, ctype in table.columns.items():
            assert f"| `{column}` | `{ctype}` |" in documented[name], f"{name}.{column}"
        assert all(f"`{k}`" in documented[name] for k in table.primary_key), name


# --- (c) nothing depends on documents outside the repository -----------------------------------------


def test_no_file_refers_to_documents_outside_the_repository() -> None:
    assert outside_references(PROJECT_DIR) == []


def test_outside_reference_scan_finds_a_planted_reference(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "x.sql").write_text(f"-- see {FORBIDDEN[0]}/KPI_CATALOG.md\n")
    (tmp_path / "target").mkdir()  # skipped folder: not reported
    (tmp_path / "target" / "y.sql").write_text(FORBIDDEN[1])
    assert outside_references(tmp_path) == [f"models/x.sql: {FORBIDDEN[0]}"]


# --- (d) the catalog names things that exist ---------------------------------------------------------


def test_catalog_metrics_exist() -> None:
    cells = catalog_cells("metric")
    assert len(cells) >= 40, "the catalog's tables have a metric column"
    named = {n for cell in cells for n in BACKTICKED.findall(cell)}
    assert named - metric_names() == set()
    assert "service_level" in named and "fcr_rate" in named


def test_catalog_vars_exist() -> None:
    named = set(VAR_CALL.findall(KPI_CATALOG.read_text()))
    assert {"service_level_variant", "abandonment_rate_variant", "fcr_variant"} <= named
    assert named - dbt_vars() == set()


def test_catalog_kpi_columns_exist_in_kpi_views() -> None:
    columns = model_columns()
    kpi_columns = set().union(*(c for m, c in columns.items() if m.startswith("kpi_")))
    missing = []
    for cell in catalog_cells("kpi column"):
        for name in BACKTICKED.findall(cell):
            model, _, column = name.rpartition(".")
            ok = column in columns.get(model, set()) if model else column in kpi_columns
            if not ok:
                missing.append(name)
    assert missing == []


def test_catalog_backticked_names_exist() -> None:
    known, columns = known_names(), model_columns()
    unknown = []
    for token in BACKTICKED.findall(KPI_CATALOG.read_text()):
        if not IDENTIFIER.fullmatch(token):
            continue  # formulas, paths, calls
        model, _, column = token.rpartition(".")
        if model:
            if column not in columns.get(model, set()):
                unknown.append(token)
        elif token not in known:
            unknown.append(token)
    assert unknown == []
