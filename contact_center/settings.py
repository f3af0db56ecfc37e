"""Paths shared by the scripts, overridable by environment variables like the dbt profile."""

from __future__ import annotations

import os
from pathlib import Path

from contact_center.contract import PROJECT_DIR


def warehouse_path() -> Path:
    """The DuckDB file dbt builds (same default and override as profiles.yml)."""
    return Path(os.environ.get("WAREHOUSE_PATH", PROJECT_DIR / "warehouse" / "contact_center.duckdb"))


def landing_dir() -> Path:
    """The folder exports are dropped into, one sub-folder per raw table."""
    return Path(os.environ.get("LANDING_DIR", PROJECT_DIR / "landing"))


def publish_dir() -> Path:
    """Where the BI copy of the marts is published (read-only DuckDB file + Parquet)."""
    return Path(os.environ.get("PUBLISH_DIR", PROJECT_DIR / "warehouse" / "publish"))


def duckdb_config() -> dict[str, str]:
    """Memory limit and spill folder for the scripts' own DuckDB connections (landing, guard,
    publish), from the environment variables and defaults profiles.yml gives dbt, so every step of a
    refresh stays inside the same budget and spills instead of growing (without a limit DuckDB takes
    up to 80% of RAM: the 10M-contact guard peaked at 9 GB)."""
    return {
        "memory_limit": os.environ.get("DUCKDB_MEMORY_LIMIT", "3GB"),
        "temp_directory": os.environ.get("DUCKDB_TEMP_DIRECTORY", str(PROJECT_DIR / "warehouse" / "tmp")),
    }
