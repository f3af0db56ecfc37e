"""The demo center: a deterministic simulator that writes a landing folder of every raw table.

``generate`` is the command (arguments: seed, start date, days, queues, agents, contacts a day); ``world``
draws the reference data (queues, agents, customers), ``day`` one local day of activity (contacts,
states, schedules, forecasts, surveys, tickets, orders, costs), ``queueing`` the queue simulation,
``staffing`` the schedules that cover it, ``params`` the static catalogue of queues and curves, and
``arrow`` the Parquet writing. The same arguments always give the same files.
"""
