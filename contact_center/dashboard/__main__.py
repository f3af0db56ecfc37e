"""``python -m contact_center.dashboard``: write the dashboard (see :mod:`contact_center.dashboard.build`)."""

from contact_center.dashboard.build import main

raise SystemExit(main())
