"""Adapters that map real public contact-center datasets (``data/real/``) onto the raw contract
(docs/raw_contract.md).

Each adapter reads its dataset's files, writes contract-shaped files into a landing folder (one sub-folder
per raw table, plus ``quarantine/`` for rows it does not admit, each with a reason code) and returns its row
accounting. ``python -m contact_center.real`` then lands, guards, builds and summarises. The mapping rules of
each dataset are in its module's docstring and in ``data/real/README.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contact_center.real import bank, helpdesk, pwc
from contact_center.real.common import AdapterResult

ADAPTERS: dict[str, Callable[[Path], AdapterResult]] = {
    "bank": bank.adapt,
    "pwc": pwc.adapt,
    "helpdesk": helpdesk.adapt,
}

__all__ = ["ADAPTERS", "AdapterResult"]
