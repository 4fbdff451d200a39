"""Extractor for the RAM score project: lands Hub download counters as Hive-partitioned Parquet."""
