"""Report helpers: data access, charts, bibliography and the fallback renderer."""
