"""The pipeline: landing folder -> raw -> guard -> dbt (staging, intermediate, marts) -> BI publish.

One module per step, each runnable on its own (``python -m contact_center.pipeline.<step>``):
``land`` copies delivered files into DuckDB's ``raw`` schema with their lineage; ``guard`` quarantines
bad rows and runs the great-expectations suites; ``build`` runs ``dbt build`` and explains failures;
``publish`` copies the marts into the read-only file BI tools open; ``summary`` prints the latest day's
KPIs. ``refresh`` is the one runner that chains them under a lock and logs every run in
``ops.refresh_runs``; ``make run``, ``make test``'s center, ``make real`` and ``make refresh`` all go
through it, so they share its exit codes (:data:`EXIT`).
"""

from __future__ import annotations

# One set of exit codes for every command of the pipeline (the runner and the single steps).
EXIT: dict[str, int] = {
    "published": 0,  # the run finished (and published, when it publishes)
    "built": 0,  # the run finished; this run does not publish
    "build_failed": 1,  # dbt build or its tests failed: nothing published
    "input_blocked": 2,  # a file could not be landed, or a blocking expectation failed
    "locked": 3,  # another run holds the warehouse's lock: nothing done
    "publish_failed": 4,  # publishing failed after a good build: the last good publish stays
    "no_new_data": 5,  # nothing new landed since the last good run: nothing rebuilt or published
    "stale_sources": 6,  # built and published, but a source is past its freshness threshold
    "timed_out": 7,  # the run outlived its time limit and was stopped (the last publish stays)
    "warehouse_busy": 8,  # another process (a BI tool, a notebook) has the build file open: nothing done
    "resources_exhausted": 9,  # out of memory or disk: not the input's fault; the last publish stays
}
