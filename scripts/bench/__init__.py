"""The benchmark (``make bench``): synthetic corpora, per-stage timings, BENCHMARKS.md."""
