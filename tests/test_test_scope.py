"""Data tests in a scheduled refresh cover the rows the run rebuilt; every other run tests all rows.

A duplicate planted on an old day (a row no run would rewrite) is outside a scheduled refresh's
scope and inside everyone else's; a duplicate planted among the latest rows is caught either way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from contact_center.pipeline.build import dbt
from tests.conftest import Center

FACT_TEST = "unique_combination_fct_agent_queue_daily_date_day__queue_id__agent_id"
LEGS_TEST = "unique_int_contact_legs_measured_contact_id"
# the components view's key test, scoped by the legs' watermark read from the legs table
COMPONENTS_TEST = "unique_combination_int_contact_components_attributed_contact_id__attribution"
TESTS = (FACT_TEST, LEGS_TEST, COMPONENTS_TEST)


def _failing(warehouse: Path, scope: str) -> set[str]:
    outcome = dbt(
        ["test", "--select", *TESTS, "--quiet"],
        warehouse,
        env={"CONTACT_CENTER_TEST_SCOPE": scope},
    )
    assert outcome.counts.get("error", 0) == 0, outcome.failures
    return {name for name in TESTS if any(name in f for f in outcome.failures)}


def test_scheduled_scope_skips_old_rows_and_checks_rebuilt_ones(center: Center, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"  # the same file stem as the center's (views use it)
    shutil.copy2(center.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        # a duplicate of the first day's first row, stamped as written by an earlier run (in the table
        # the fact is a view over: the fact's test reads it through the view)
        con.execute(
            "insert into intermediate.int_agent_queue_days_summed by name "
            "select * replace (loaded_through_at - interval 1 day as loaded_through_at) "
            "from intermediate.int_agent_queue_days_summed "
            "where date_day = (select min(date_day) from intermediate.int_agent_queue_days_summed) limit 1"
        )
        # a duplicate among the legs of the latest landing (rows a scheduled run rebuilt)
        con.execute(
            "insert into intermediate.int_contact_legs_measured by name "
            "select * from intermediate.int_contact_legs_measured "
            "where loaded_at = (select max(loaded_at) from intermediate.int_contact_legs_measured) limit 1"
        )
    assert _failing(warehouse, "all") == {FACT_TEST, LEGS_TEST, COMPONENTS_TEST}
    assert _failing(warehouse, "rebuilt") == {LEGS_TEST, COMPONENTS_TEST}


def test_a_view_scoped_by_its_tables_watermark_skips_old_rows(center: Center, tmp_path: Path) -> None:
    """A duplicate leg written by an earlier run: the legs' and the components view's key tests catch it
    in every run but a scheduled refresh (the view's scope comes from the legs table's watermark)."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy2(center.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "insert into intermediate.int_contact_legs_measured by name "
            "select * replace (loaded_at - interval 1 day as loaded_at) "
            "from intermediate.int_contact_legs_measured limit 1"
        )
    assert _failing(warehouse, "all") == {LEGS_TEST, COMPONENTS_TEST}
    assert _failing(warehouse, "rebuilt") == set()
