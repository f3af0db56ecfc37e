"""One SparkSession per process, configured like dbt-spark's ``session`` connection.

dbt-spark (method ``session``) calls ``SparkSession.builder...getOrCreate()`` inside the process that
runs dbt, so a process that opens the session first with the same settings shares it with dbt: one
JVM for loading raw tables, ``dbt build`` and the comparison. The settings come from the ``spark``
target's ``server_side_parameters`` in profiles.yml (rendered with the same environment variables).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from contact_center.contract import PROJECT_DIR

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def _env_var(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise KeyError(f"profiles.yml needs environment variable {name}")
    return value


def spark_conf(project_dir: Path = PROJECT_DIR, target: str = "spark") -> dict[str, str]:
    """The ``server_side_parameters`` of the profile's Spark target, rendered, plus what dbt-spark
    itself forces (ANSI mode off)."""
    profile = yaml.safe_load((project_dir / "profiles.yml").read_text())
    output: dict[str, Any] = profile["contact_center"]["outputs"][target]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    conf = {
        str(k): env.from_string(str(v)).render(env_var=_env_var)
        for k, v in output.get("server_side_parameters", {}).items()
    }
    conf["spark.sql.ansi.enabled"] = "false"  # dbt-spark sets this on every session connection
    return conf


def spark_session(project_dir: Path = PROJECT_DIR) -> SparkSession:
    """The process's SparkSession, created with the profile's settings if none is running yet."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName("contact_center")
    for key, value in spark_conf(project_dir).items():
        builder = builder.config(key, value)
    return builder.enableHiveSupport().getOrCreate()
