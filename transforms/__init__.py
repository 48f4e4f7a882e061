"""Pure transforms of Entente: readers, the spaCy pipeline, extraction, scoring.

Nothing in this package imports Dagster or opens a database: functions take
plain values and polars frames and return polars frames.
"""
