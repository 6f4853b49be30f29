"""Safe loading and checking of the hand-curated YAML registers in seeds/.

Every mapping remembers the line it starts on, so that errors can name it.
Dates stay strings until checked here, so that "2019-02-30" is an error
that names its line rather than a crash inside the YAML parser.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Hashable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import InputError

LINE = "__line__"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Loader(yaml.SafeLoader):
    """SafeLoader that records line numbers and leaves timestamps as text."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's parser and composer, about ten times faster on a big register.

    Its nodes carry the same line marks; its syntax-error wording differs, so a file it
    refuses (or reads as something other than a register) is read again with ``_Loader``
    for the message (``load_list``).
    """


_STR = "tag:yaml.org,2002:str"


def _duplicate(key: Any, first: int, mark: Any) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None, None, f"key {key!r} appears twice in one entry (first on line {first})", mark)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    if all(type(k) is yaml.ScalarNode and type(v) is yaml.ScalarNode and k.tag == _STR and v.tag == _STR
           for k, v in node.value):
        # Speed only: a mapping of plain texts (nearly every register entry) is what the
        # constructor below makes of it, key for key, without its per-node dispatch.
        plain: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.value in plain:
                first = next(k.start_mark.line + 1 for k, _ in node.value if k.value == key_node.value)
                raise _duplicate(key_node.value, first, key_node.start_mark)
            plain[key_node.value] = value_node.value
        plain[LINE] = node.start_mark.line + 1
        return plain
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Hashable) and key in seen:   # YAML would silently keep the last one
            raise _duplicate(key, seen[key], key_node.start_mark)
        if isinstance(key, Hashable):
            seen[key] = key_node.start_mark.line + 1
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _fast(text: str) -> Any | None:
    """The register parsed by libyaml if it is well formed (a list of mappings), else None."""
    try:
        data = yaml.load(text, Loader=_FastLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if data is None:
        return []
    return data if isinstance(data, list) and all(isinstance(e, dict) for e in data) else None


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 80
_SHOWN.maxlevel = 2


def shown(value: Any) -> str:
    """repr() for error messages, bounded however big or deeply aliased the value is."""
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k != LINE}
    return _SHOWN.repr(value)


def load_list(path: Path) -> list[dict[str, Any]]:
    """Load a YAML file that must hold a list of mappings."""
    if not path.is_file():
        raise InputError(path, "file not found", fix="Restore it from git or create it")
    try:
        text = path.read_text(encoding="utf-8")
        data = _fast(text)
        if data is None:   # refused: read again with the pure-Python loader, whose messages we give
            data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"invalid YAML: {getattr(exc, 'problem', exc)}",
                         line=mark.line + 1 if mark else None,
                         fix="Fix the YAML syntax at that line") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})",
                         fix="Save the file as UTF-8") from None
    except RecursionError:
        raise InputError(path, "nested too deeply to be a register",
                         fix="See the comment at the top of the file for the format") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise InputError(path, "expected a list of entries (each starting with '- ')",
                         line=1, fix="See the comment at the top of the file for the format")
    return data


def check_keys(path: Path, entry: dict[str, Any], required: Iterable[str],
               optional: Iterable[str] = ()) -> None:
    """Refuse missing required keys and unknown keys (typos)."""
    required, optional = list(required), list(optional)
    line = entry.get(LINE)
    missing = [k for k in required if k not in entry]
    unknown = sorted(str(k) for k in entry if k not in required and k not in optional and k != LINE)
    if missing:
        typos = f"; unknown key(s): {', '.join(unknown)} (misspelt?)" if unknown else ""
        raise InputError(path, f"entry is missing required key(s): {', '.join(missing)}{typos}",
                         line=line, fix="Add them (see the comment at the top of the file)")
    if unknown:
        raise InputError(path, f"unknown key(s): {', '.join(unknown)}", line=line,
                         fix=f"Check the spelling; allowed keys are {', '.join(required + optional)}")


def text_field(path: Path, entry: dict[str, Any], key: str, *, allow_empty: bool = True) -> str:
    """A string value (numbers are refused: quote them)."""
    value = entry.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(path, f"{key!r} must be text, got {shown(value)}", line=entry.get(LINE),
                         fix="Put the value in quotes")
    if not allow_empty and not value.strip():
        raise InputError(path, f"{key!r} must not be empty", line=entry.get(LINE))
    return value


def id_field(path: Path, entry: dict[str, Any], key: str = "id") -> str:
    """A lowercase, hyphenated identifier."""
    value = text_field(path, entry, key, allow_empty=False)
    if not ID_PATTERN.match(value):
        raise InputError(path, f"{key} {value!r} is not a valid id", line=entry.get(LINE),
                         fix="Use lowercase letters, digits and single hyphens, e.g. 'owen-smith'")
    return value


def date_field(path: Path, entry: dict[str, Any], key: str, *,
               allow_empty: bool = False) -> date | None:
    """An ISO date (YYYY-MM-DD) that exists in the calendar."""
    value = entry.get(key)
    if value in (None, "") and allow_empty:
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise InputError(path, f"{key} {value!r} is not a real date ({exc})",
                             line=entry.get(LINE), fix="Correct the day or month") from None
    raise InputError(path, f"{key} {shown(value)} is not a date in the form YYYY-MM-DD",
                     line=entry.get(LINE), fix="Write the date as YYYY-MM-DD")


def unique_ids(path: Path, entries: list[dict[str, Any]], key: str = "id") -> None:
    """Refuse an id used twice."""
    seen: dict[str, int] = {}
    for entry in entries:
        value = entry.get(key)
        if not isinstance(value, str):
            continue   # not an id at all: reported where the field is read
        if value in seen:
            raise InputError(path, f"duplicate {key} {value!r} (first used on line {seen[value]})",
                             line=entry.get(LINE), fix="Give each entry its own id")
        seen[value] = entry.get(LINE, 0)
