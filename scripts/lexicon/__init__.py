"""Word lists the extraction rules use, kept as reviewed data (scripts/lexicon/*.yaml).

Each file is a list of entries; every entry has ``forms`` (the words or
phrases, matched as whole words, case-insensitively unless the file says
otherwise) and a ``reason`` (why the entry exists, with an example). Files may
add keys of their own (``id``, ``kind``), checked by the caller.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from scripts.errors import InputError
from scripts.registers.loader import LINE, check_keys, load_list

HERE = Path(__file__).resolve().parent


@cache
def entries(name: str, extra: tuple[str, ...] = ()) -> tuple[dict[str, Any], ...]:
    """The checked entries of ``scripts/lexicon/<name>.yaml``."""
    path = HERE / f"{name}.yaml"
    out = []
    for entry in load_list(path):
        check_keys(path, entry, ("forms", "reason"), extra)
        forms, reason = entry["forms"], entry["reason"]
        if not (isinstance(forms, list) and forms and all(isinstance(f, str) and f.strip() for f in forms)):
            raise InputError(path, "'forms' must be a non-empty list of texts", line=entry[LINE])
        if not isinstance(reason, str) or len(reason.split()) < 3:
            raise InputError(path, "every entry needs a 'reason' of a few words", line=entry[LINE],
                             fix="Say why the words are listed, with an example")
        out.append(entry)
    return tuple(out)


def forms(name: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every form listed in a lexicon file, in file order, without repeats."""
    return tuple(dict.fromkeys(f for e in entries(name, extra) for f in e["forms"]))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of phrases (longest first; a space matches any run of spaces)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("\\ ", r"[\s\u00a0\u202f]+") for w in ordered)
