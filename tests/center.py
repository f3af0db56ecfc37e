"""The small generated center every end-to-end test uses, defined once.

`make test` builds it with the dbt CLI (`python -m tests.center DIR` writes the landing files) and
hands it to pytest through CC_TEST_CENTER, so the suite does not build the same center twice.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from contact_center.demo.generate import generate

CENTER = {
    "seed": 11,
    "start_date": date(2026, 3, 26),  # spans the Europe DST change on 2026-03-29
    "days": 4,
    "queues": 5,
    "agents": 40,
    "contacts_per_day": 1200,
}


def write_landing(landing: Path, workers: int = 1) -> dict[str, int]:
    return generate(landing, workers=workers, **CENTER)


if __name__ == "__main__":
    write_landing(Path(sys.argv[1]), workers=2)
