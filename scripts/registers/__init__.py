"""Hand-curated registers: loading and checking seeds/*.yaml (sources, actors, events)."""
