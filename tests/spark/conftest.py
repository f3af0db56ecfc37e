"""The Spark suite (`make test-spark`) needs .venv-spark (pyspark, dbt-spark) and Java 17."""

from __future__ import annotations

import pytest

pytest.importorskip("pyspark", reason="the Spark suite runs in .venv-spark: make venv-spark test-spark")
