"""``python -m contact_center.bench``: the benchmark (see :mod:`contact_center.bench.runner`)."""

from contact_center.bench.runner import main

raise SystemExit(main())
