"""``make bench``: how the warehouse scales, against a raw DuckDB pass and pandas.

``runner`` generates centers of the requested sizes and measures every pipeline step in its own process;
``proc`` measures one process tree (wall time, peak RSS); ``steps`` holds the steps that need a wrapper
process and the two independent references (hand-written DuckDB SQL, pandas) that must equal
``fct_agent_queue_daily``; ``hotspots`` times candidate optimisations on a copy of a benchmarked
warehouse. Results and their history are in docs/benchmark.md.
"""
