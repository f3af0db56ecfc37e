"""The Spark engine: the same warehouse built by dbt-spark, its raw tables fed from the landed files.

``session`` opens the SparkSession dbt-spark's ``session`` method would open (its settings are read
from the ``spark`` target in profiles.yml, the one place they are written), ``raw`` copies a landed and
guarded DuckDB warehouse's raw schema into Spark, and ``compare`` proves each mart equal to DuckDB's.
"""
