"""The offline KPI dashboard: one self-contained HTML file written from the marts.

``build`` is the command; ``data`` reads the marts on a read-only connection, ``html`` renders the page
with the inline ``assets/`` (CSS and the SVG chart script), and ``browser`` drives headless Chromium for
screenshots and the browser tests.
"""
