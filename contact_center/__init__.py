"""The Python half of the contact-center KPI warehouse (the SQL half is the dbt project at the root).

Data flows ``landing/`` -> ``raw`` -> guard -> dbt ``staging`` -> ``intermediate`` -> ``marts`` -> publish.
The packages, by concern:

* :mod:`contact_center.pipeline` -- the steps of that flow (land, guard, build, publish, summary) and the
  one runner that chains them (``refresh``) with a lock, a run log and one set of exit codes;
* :mod:`contact_center.demo` -- the deterministic demo-center simulator that writes a landing folder;
* :mod:`contact_center.real` -- adapters that map three public datasets (``data/real/``) onto the contract;
* :mod:`contact_center.dashboard` -- the offline HTML dashboard read from the marts;
* :mod:`contact_center.bench` -- ``make bench``: scale measurements against raw DuckDB and pandas.

``contract`` reads the raw contract from the dbt sources YAML and ``contract_docs`` renders it as
docs/raw_contract.md (the KPIs are specified in docs/kpi_catalog.md); ``settings`` holds the paths and the
DuckDB budget every step shares. ``python -m contact_center`` lists the commands. docs/architecture.md
maps every step to its files.
"""
