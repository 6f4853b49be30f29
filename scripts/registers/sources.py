"""Step 1: the source register plus the article files -> ``sources`` table.

Checks that every article is registered, that every registered file exists
inside seeds/, is the file that was registered (sha256) and is plain UTF-8
text, and that each publication date is real and its precision agrees with it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.annotate.temporal import DateInterval, precision_of
from scripts.errors import InputError, line_of
from scripts.registers.loader import LINE, check_keys, date_field, id_field, load_list, text_field, unique_ids

REGISTER = "sources.yaml"
MAX_BYTES = 5_000_000
KEYS = ("id", "file", "sha256", "outlet", "headline", "url", "published_start",
        "published_end", "published_precision", "published_evidence")
OPTIONAL = ("outlet_evidence", "why")
# HTML page source: a document-level tag anywhere, or a line that starts with a tag. Markup
# quoted inside prose ("he tweeted <script>...") is text, kept verbatim like any other.
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body)\b|^[ \t\ufeff]*<\s*/?\s*[a-z!][^>\n]*>",
                   re.IGNORECASE | re.MULTILINE)
# Something visible: not whitespace, not a zero-width or byte-order mark.
_VISIBLE = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff]")
_WORD = re.compile(r"\w+(?:[’'.\-]\w+|(?<=\d),\d{3})*")


@dataclass(frozen=True)
class Article:
    """One registered article and its decoded text."""

    id: str
    file: str
    sha256: str
    bytes: int
    text: str
    outlet: str
    headline: str
    url: str
    published: DateInterval
    line: int


@dataclass
class _Checked:
    """Speed only, for one load of the register: the folders already checked (none of them nor
    any folder above them up to seeds/ a link, and inside seeds/ once resolved), so that each
    folder is looked at once rather than once per article."""

    folders: set[Path] = field(default_factory=set)
    seeds: Path | None = None


_IGNORED = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
"""The errors for which ``Path.is_symlink`` and ``Path.is_file`` say False (pathlib's list)."""


def _safe_path(seeds: Path, register: Path, rel: str, line: int,
               checked: _Checked | None = None) -> tuple[Path, int]:
    """Resolve a register's ``file`` inside seeds/, refusing escapes and links; the path and
    the file's size in bytes.

    The name is checked lexically, its folder once per load, and the file itself with one
    ``lstat`` (a link is refused, so its size is the file's).
    """
    if not rel or rel.startswith("/") or ".." in rel.split("/") or "\\" in rel:
        # (for a POSIX path: what ``Path(rel).is_absolute()`` and ``".." in Path(rel).parts`` say)
        raise InputError(register, f"file {rel!r} must be a relative path inside seeds/",
                         line=line, fix="Copy the article into seeds/articles/ and name it so")
    path = seeds / rel
    checked = checked or _Checked()
    try:
        mode, size = _lstat(path)
    except FileNotFoundError:
        mode, size = 0, 0
    if stat.S_ISLNK(mode):
        raise InputError(register, f"file {rel!r} is or passes through a symbolic link",
                         line=line, fix="Copy the article itself into seeds/articles/")
    folder = path.parent
    if folder not in checked.folders:
        for part in [folder, *folder.parents]:
            if part == seeds:
                break
            if part.is_symlink():
                raise InputError(register, f"file {rel!r} is or passes through a symbolic link",
                                 line=line, fix="Copy the article itself into seeds/articles/")
        # (No folder below seeds/ is a link and ``rel`` has no "..", so this holds for every path
        # that got here; kept as a guard, once per folder.)
        checked.seeds = checked.seeds or seeds.resolve()
        if not (folder.resolve() / path.name).is_relative_to(checked.seeds):
            raise InputError(register, f"file {rel!r} points outside seeds/", line=line)
        checked.folders.add(folder)
    if not stat.S_ISREG(mode):
        raise InputError(register, f"registered file {rel!r} does not exist", line=line,
                         fix="Add the article file or remove its entry")
    return path, size


def _lstat(path: Path) -> tuple[int, int]:
    """The mode and size of ``path`` itself (not following a link); FileNotFoundError where
    ``Path.is_symlink`` and ``Path.is_file`` would both say False."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        if exc.errno in _IGNORED:
            raise FileNotFoundError(path) from None
        raise
    except ValueError:   # a NUL in the name
        raise FileNotFoundError(path) from None
    return st.st_mode, st.st_size


def decode_article(path: Path, raw: bytes) -> str:
    """Decode an article's bytes, refusing anything that is not plain UTF-8 text."""
    if len(raw) > MAX_BYTES:
        raise InputError(path, f"article is {len(raw):,} bytes, over the {MAX_BYTES:,} limit",
                         fix="Keep one article per file, as plain text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                         line=line, fix="Re-save the article as UTF-8") from None
    if "\x00" in text:
        raise InputError(path, "contains NUL bytes, so it is not a text file",
                         line=line_of(text, text.index("\x00")),
                         fix="Export the article as plain UTF-8 text")
    if not _VISIBLE.search(text):
        raise InputError(path, "article is empty", fix="Paste the article's text into it")
    match = _HTML.search(text) if "<" in text else None   # (every match has a "<": speed only)
    if match:
        raise InputError(path, f"looks like HTML ({match.group(0)!r})",
                         line=line_of(text, match.start()),
                         fix="Save the article's visible text, not the page source")
    return text


def _article(seeds: Path, register: Path, entry: dict[str, Any], checked: _Checked | None = None) -> Article:
    line = entry[LINE]
    check_keys(register, entry, KEYS, OPTIONAL)
    rel = text_field(register, entry, "file", allow_empty=False)
    path, size = _safe_path(seeds, register, rel, line, checked)
    if size > MAX_BYTES:   # checked before reading, so a huge file costs nothing
        raise InputError(path, f"article is {size:,} bytes, over the {MAX_BYTES:,} limit",
                         fix="Keep one article per file, as plain text")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    expected = text_field(register, entry, "sha256").lower()
    if digest != expected:
        raise InputError(path, f"sha256 is {digest}, but the register (line {line}) says "
                         f"{expected or 'nothing'}",
                         fix="If the new text is the right one, put its sha256 in "
                         f"seeds/{REGISTER}; otherwise restore the original file")
    start = date_field(register, entry, "published_start")
    end = date_field(register, entry, "published_end")
    if start > end:
        raise InputError(register, f"published_start {start} is after published_end {end}",
                         line=line, fix="Swap them")
    precision = text_field(register, entry, "published_precision")
    if precision != precision_of(start, end):
        raise InputError(register, f"published_precision {precision!r} contradicts the dates "
                         f"{start}..{end} (they give {precision_of(start, end)!r})", line=line,
                         fix="Precision is the finest calendar unit (day, month, year) "
                         "that contains the whole interval")
    evidence = text_field(register, entry, "published_evidence", allow_empty=False)
    return Article(
        id=id_field(register, entry), file=rel, sha256=digest, bytes=len(raw),
        text=decode_article(path, raw), outlet=_one_line(register, entry, "outlet"),
        headline=_one_line(register, entry, "headline"), url=_url(register, entry),
        published=DateInterval(start, end, " ".join(evidence.split())), line=line)


def _one_line(register: Path, entry: dict[str, Any], key: str) -> str:
    """A one-line text field: no line breaks or other control characters."""
    value = text_field(register, entry, key)
    if value.isprintable():   # speed only: no control character nor line or paragraph separator
        return value
    bad = next((ch for ch in value if ch in "\u2028\u2029" or unicodedata.category(ch) == "Cc"), None)
    if bad is not None:
        raise InputError(register, f"{key} contains the control character {bad!r}", line=entry[LINE],
                         fix="Write it on one line (use '>-' or plain text, not '|')")
    return value


def _url(register: Path, entry: dict[str, Any]) -> str:
    """Empty, or an http(s) address."""
    value = _one_line(register, entry, "url")
    if value and not re.match(r"https?://[^\s/]", value, re.IGNORECASE):
        raise InputError(register, f"url {value!r} is not an http(s) address", line=entry[LINE],
                         fix="Give the article's web address (https://...) or leave it empty")
    return value


def load_articles(seeds: Path) -> list[Article]:
    """All registered articles, in register order, after every check."""
    register = seeds / REGISTER
    entries = load_list(register)
    unique_ids(register, entries)
    unique_ids(register, entries, "file")
    checked = _Checked()
    articles = [_article(seeds, register, e, checked) for e in entries]
    plain = {seeds / a.file for a in articles}     # the registered paths as written (no links: _safe_path)
    registered: set[Path] | None = None
    for path in sorted(seeds.rglob("*.txt")):
        if path in plain:
            continue                                  # registered as it is: nothing to resolve
        if registered is None:
            registered = {p.resolve() for p in plain}
        if path.resolve() not in registered:
            raise InputError(path, "article is not in the source register",
                             fix=f"Add an entry for it to seeds/{REGISTER} (id, file, sha256, "
                             "outlet, headline, url, publication date and its evidence)")
    return articles


def word_count(text: str) -> int:
    """The ``words`` of an article in the ``sources`` table."""
    return len(_WORD.findall(text))


def rows(articles: list[Article], words: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """The ``sources`` table: one row per article. ``words``: ``word_count`` of some articles'
    texts by id, counted already (by the annotation workers); the others are counted here."""
    words = words or {}
    return [{
        "source_id": a.id, "file": f"seeds/{a.file}", "sha256": a.sha256, "bytes": a.bytes,
        "characters": len(a.text), "words": words[a.id] if a.id in words else word_count(a.text),
        "outlet": a.outlet,
        "headline": a.headline, "url": a.url, "published_start": a.published.start,
        "published_end": a.published.end, "published_precision": a.published.precision,
        "published_evidence": a.published.evidence,
    } for a in sorted(articles, key=lambda a: a.id)]
