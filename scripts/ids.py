"""Stable identifiers derived from content, so curated rows stay attached."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise(text: str) -> str:
    """Text folded for comparison: NFKC, straight quotes, single spaces, lowercase."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans("‘’“”\u00a0\u202f", "''\"\"  "))
    return " ".join(text.split()).casefold()


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix-`` plus 12 hex digits of the SHA-256 of the parts."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"
