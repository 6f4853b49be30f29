"""Per-article annotation layers: paragraphs, quotations, temporal expressions."""
