"""One-way layers: staging reads only sources, intermediate never reads marts, marts never read sources.

One `dbt parse` (no warehouse needed) gives the manifest; `layer_violations` is the rule, a pure
function, also fed a synthetic manifest so the test is known to fail on each kind of violation.
Also checks that every mart SQL file states its grain in its first lines.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
GRAIN_PREFIX = "-- grain: one row per "


def _layer(node: dict[str, Any]) -> str | None:
    """The layer of a model node from its path under models/ (staging, intermediate, marts, semantic)."""
    if node.get("resource_type") != "model":
        return None
    parts = Path(node.get("original_file_path", "")).parts
    if len(parts) >= 2 and parts[0] == "models":
        return parts[1]
    return None


def layer_violations(manifest: dict[str, Any]) -> list[str]:
    """Every dependency of a model that goes against the layer direction, as readable messages.

    - a model under models/staging depends on anything but a source;
    - a model under models/intermediate depends on a model under models/marts;
    - a model under models/marts or models/semantic depends on a source directly.
    """
    nodes: dict[str, dict[str, Any]] = manifest.get("nodes", {})
    violations: list[str] = []
    for unique_id, node in sorted(nodes.items()):
        layer = _layer(node)
        if layer is None:
            continue
        for parent in node.get("depends_on", {}).get("nodes", []):
            parent_is_source = parent.startswith("source.")
            parent_layer = _layer(nodes.get(parent, {}))
            if layer == "staging" and not parent_is_source:
                violations.append(f"staging model {unique_id} depends on {parent}, not a source")
            elif layer == "intermediate" and parent_layer == "marts":
                violations.append(f"intermediate model {unique_id} depends on mart {parent}")
            elif layer in ("marts", "semantic") and parent_is_source:
                violations.append(f"{layer} model {unique_id} depends on source {parent} directly")
    return violations


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from dbt.cli.main import dbtRunner

    work = tmp_path_factory.mktemp("layers")
    env = {
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "WAREHOUSE_PATH": str(work / "parse.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        result = dbtRunner().invoke(
            [
                "parse",
                "--project-dir", str(PROJECT_DIR),
                "--target-path", str(work / "target"),
                "--log-path", str(work / "logs"),
                "--quiet",
            ]
        )  # fmt: skip
        assert result.success, result.exception
        yield json.loads((work / "target" / "manifest.json").read_text())
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_project_layers_are_one_way(manifest: dict[str, Any]) -> None:
    models = [node for node in manifest["nodes"].values() if _layer(node)]
    assert {_layer(node) for node in models} >= {"staging", "intermediate", "marts"}
    assert layer_violations(manifest) == []


def _model(path: str, *parents: str) -> dict[str, Any]:
    return {"resource_type": "model", "original_file_path": path, "depends_on": {"nodes": list(parents)}}


def test_layer_violations_reports_each_kind() -> None:
    manifest = {
        "nodes": {
            "model.p.stg_a": _model("models/staging/a/stg_a.sql", "source.p.raw.a"),
            "model.p.stg_b": _model("models/staging/a/stg_b.sql", "source.p.raw.b", "model.p.stg_a"),
            "model.p.int_a": _model("models/intermediate/int_a.sql", "model.p.stg_a"),
            "model.p.int_b": _model("models/intermediate/int_b.sql", "model.p.int_a", "model.p.fct_a"),
            "model.p.fct_a": _model("models/marts/fct_a.sql", "model.p.int_a"),
            "model.p.fct_b": _model("models/marts/fct_b.sql", "model.p.fct_a", "source.p.raw.a"),
            "seed.p.ref": {"resource_type": "seed", "original_file_path": "seeds/ref.csv"},
        }
    }
    assert layer_violations(manifest) == [
        "marts model model.p.fct_b depends on source source.p.raw.a directly",
        "intermediate model model.p.int_b depends on mart model.p.fct_a",
        "staging model model.p.stg_b depends on model.p.stg_a, not a source",
    ]


def test_every_mart_states_its_grain() -> None:
    marts = sorted((PROJECT_DIR / "models" / "marts").rglob("*.sql"))
    assert marts
    missing = [
        str(path.relative_to(PROJECT_DIR))
        for path in marts
        if not any(line.startswith(GRAIN_PREFIX) for line in path.read_text().splitlines()[:3])
    ]
    assert missing == []
