"""Adopters' switches: a raw table the center does not deliver is switched off (read as empty, no
freshness check, KPIs NULL), and the models can read raw tables another loader wrote into another
schema (vars in dbt_project.yml, or --vars)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from contact_center.contract import raw_tables
from contact_center.pipeline.build import dbt
from tests.conftest import Center


@pytest.fixture
def copy(center: Center, tmp_path: Path) -> Path:
    # same file name as the center's: dbt's views name their catalog after the file stem
    warehouse = tmp_path / center.warehouse.name
    shutil.copy2(center.warehouse, warehouse)
    return warehouse


def scalar(warehouse: Path, sql: str) -> object:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(sql).fetchone()
    return row[0] if row else None


def test_a_switched_off_table_reads_empty_and_is_not_checked_for_freshness(copy: Path) -> None:
    assert scalar(copy, "select count(*) from raw.tickets") > 0  # delivered, but switched off below
    assert scalar(copy, "select count(tickets_created) from marts.kpi_customer_queue_daily") > 0
    switches = "{using_tickets: false}"
    outcome = dbt(["build", "--quiet", "--select", "stg_helpdesk__tickets+", "--vars", switches], copy)
    assert outcome.success, "\n".join(outcome.failures)
    assert scalar(copy, "select count(*) from marts.fct_tickets") == 0
    assert scalar(copy, "select count(*) from marts.fct_ticket_agent_queue_daily") == 0
    assert scalar(copy, "select count(avg_first_response_seconds) from marts.kpi_customer_queue_daily") == 0
    assert scalar(copy, "select count(*) from marts.kpi_customer_queue_daily") > 0  # the rest stays
    fresh_on = dbt(["source", "freshness", "--quiet"], copy)
    fresh_off = dbt(["source", "freshness", "--quiet", "--vars", switches], copy)
    assert "helpdesk.tickets" in fresh_on.statuses
    assert "helpdesk.tickets" not in fresh_off.statuses
    assert set(fresh_on.statuses) - set(fresh_off.statuses) == {"helpdesk.tickets"}


def test_models_read_raw_tables_from_another_schema(copy: Path) -> None:
    with duckdb.connect(str(copy)) as con:
        con.execute("create schema loader_raw")
        for table in [*raw_tables(), "_landed_files"]:
            con.execute(f"create table loader_raw.{table} as select * from raw.{table}")
        con.execute("drop schema raw cascade")
    staging = ["stg_acd__contacts", "stg_acd__queues", "stg_helpdesk__tickets"]
    moved = dbt(["run", "--quiet", "--select", *staging, "--vars", "{raw_schema: loader_raw}"], copy)
    assert moved.success, "\n".join(moved.failures)
    assert scalar(copy, "select count(*) from staging.stg_acd__contacts") == scalar(
        copy, "select count(distinct contact_id) from loader_raw.contacts"
    )
    default = dbt(["run", "--quiet", "--select", *staging], copy)  # raw schema gone: one clear line
    assert not default.success
    assert any("Nothing landed" in failure for failure in default.failures), default.failures
