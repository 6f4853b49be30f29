"""Bad input: every broken seed fails the build with one clear line (file, line, problem,
what to do) and leaves data/ and datapackage.json byte for byte as they were; input that
is merely unusual builds, with every offset exact.

Each test works on a scratch copy of the package (the ``package`` fixture); the unusual
articles share one copy, built once. The last test kills builds midway (see KILLER).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import build
from scripts.package.tables import read_csv
from scripts.registers import sources
from tests.conftest import ROOT, snapshot

ID = "test-article"
NAME = "900_test.txt"
LEFT_UNTOUCHED = "The previous data/ and datapackage.json were left untouched."
Cap = pytest.CaptureFixture[str]


# --- helpers (also used by test_hostile.py) -------------------------------------------------

def add_article(root: Path, content: str | bytes, *, name: str = NAME, source_id: str = ID,
                **fields: Any) -> tuple[Path, int]:
    """Write an article into seeds/articles/ and register it with its real sha256.

    ``fields`` override register keys; a value of None leaves the key out. Returns the
    article's path and the register line its entry starts on.
    """
    raw = content.encode("utf-8") if isinstance(content, str) else content
    path = root / "seeds" / "articles" / name
    path.write_bytes(raw)
    entry = {"id": source_id, "file": f"articles/{name}", "sha256": hashlib.sha256(raw).hexdigest(),
             "outlet": "Test Outlet", "headline": "", "url": "", "published_start": "2019-12-03",
             "published_end": "2019-12-03", "published_precision": "day",
             "published_evidence": "Written for a test."}
    entry.update(fields)
    return path, append_entry(root / "seeds" / "sources.yaml",
                              {k: v for k, v in entry.items() if v is not None})


def append_entry(register: Path, entry: dict[str, Any] | str) -> int:
    """Append one entry (a mapping, or YAML text starting with '- ') to a register; its line."""
    text = register.read_text(encoding="utf-8") if register.exists() else ""
    text = text.rstrip("\n").removesuffix("[]").rstrip("\n")   # an empty register is written []
    block = entry if isinstance(entry, str) else yaml.safe_dump(
        [entry], allow_unicode=True, sort_keys=False, width=1000)
    text = (text + "\n\n" if text else "") + block
    register.write_text(text, encoding="utf-8")
    return text[:text.rindex(block)].count("\n") + 1


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the only occurrence of ``old`` in a text file; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def line_of(path: Path, line: str) -> int:
    """The number of the first line of a file that is exactly ``line``."""
    return path.read_text(encoding="utf-8").splitlines().index(line) + 1


def build_fails(root: Path, capsys: Cap) -> str:
    """Run the build, expect failure with outputs untouched; the one-line message after 'build failed: '."""
    before = snapshot(root)
    assert build.main(["--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert snapshot(root) == before, "a failed build changed the published outputs"
    assert err.endswith(f"\n{LEFT_UNTOUCHED}\n"), err
    message = err[err.index("build failed: ") + len("build failed: "):-len(LEFT_UNTOUCHED) - 2]
    assert "\n" not in message and "Traceback" not in message, message
    return message


def rows_of(root: Path, source_id: str = ID) -> dict[str, list[dict]]:
    """The published rows of one article by table, after checking that every span round-trips."""
    src = next(r for r in read_csv(root / "data" / "sources.csv") if r["source_id"] == source_id)
    raw = (root / src["file"]).read_bytes()
    text = raw.decode("utf-8")
    assert int(src["bytes"]) == len(raw) and int(src["characters"]) == len(text)
    out = {"sources": [src]}
    for table in ("paragraphs", "statements"):
        out[table] = [r for r in read_csv(root / "data" / f"{table}.csv") if r["source_id"] == source_id]
    for p in out["paragraphs"]:
        assert text[int(p["start"]):int(p["end"])] == p["text"], p
    for s in out["statements"]:
        assert text[int(s["start"]):int(s["end"])] == s["text"], s
        assert int(s["context_start"]) <= int(s["start"]) <= int(s["end"]) <= int(s["context_end"]), s
        if s["speaker_mention"]:
            assert text[int(s["speaker_start"]):int(s["speaker_end"])] == s["speaker_mention"], s
    return out


def said(rows: dict[str, list[dict]]) -> list[tuple[str, str, str]]:
    """(text, speaker, kind) of each statement, in order."""
    return [(s["text"], s["speaker_id"], s["kind"]) for s in rows["statements"]]


# --- articles: refused ----------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "line", "byte"), [
    ("Headline\nMr Corbyn said: “café”\n".encode().replace("é".encode(), b"\xe9"), 2, "0xe9"),  # Latin-1
    ("Headline\nMr Corbyn said: “Nato.”\n".encode("utf-16"), 1, "0xff"),                       # UTF-16
    ("Headline\n\nHe said: “Nato.”\n".encode().replace("“".encode(), b"\x93"), 3, "0x93"),      # cp1252
])
def test_article_not_utf8(package: Path, capsys: Cap, raw: bytes, line: int,
                          byte: str) -> None:
    path, _ = add_article(package, raw)
    assert build_fails(package, capsys) == (
        f"{path}:{line}: not UTF-8: byte {byte} cannot be decoded. Re-save the article as UTF-8")


@pytest.mark.parametrize("raw", [
    b"", b"\n", b"   \n\t\r\n  \r\n", "\ufeff".encode(), "\ufeff\n\u200b\n".encode(),
    "\u00a0\u202f\u200b\u3000\u2003\u2009\n\u2028\x0c\r\n".encode(),   # Unicode spaces only
], ids=["empty", "newline", "ascii-spaces", "bom-only", "zero-width", "unicode-spaces"])
def test_article_empty_or_only_whitespace(package: Path, capsys: Cap,
                                          raw: bytes) -> None:
    path, _ = add_article(package, raw)
    assert build_fails(package, capsys) == f"{path}: article is empty. Paste the article's text into it"


@pytest.mark.parametrize(("text", "line", "found"), [
    ("<!DOCTYPE html>\n<html><body><p>Mr Corbyn said: “Nato.”</p></body></html>\n", 1, "'<!DOCTYPE'"),
    ("Corbyn and Nato\n\n<p>Mr Corbyn said: “Nato.”</p>\n<p>More.</p>\n", 3, "'<p>'"),
    ("Corbyn and Nato\n  <div class=\"story\">\nMr Corbyn said: “Nato.”\n", 2, "'  <div class=\"story\">'"),
    ("Corbyn and Nato. Mr Corbyn said: “Nato.” <body onload=x()> more\n", 1, "'<body'"),
], ids=["page", "fragment", "indented-tag", "body-tag"])
def test_article_html_instead_of_text(package: Path, capsys: Cap, text: str,
                                      line: int, found: str) -> None:
    path, _ = add_article(package, text)
    assert build_fails(package, capsys) == (
        f"{path}:{line}: looks like HTML ({found}). Save the article's visible text, not the page source")


@pytest.mark.parametrize("registered_sha", ["right", "wrong"])
def test_article_over_the_size_limit_is_refused_fast(package: Path, capsys: Cap,
                                                     registered_sha: str) -> None:
    """20 MB is refused before it is read or hashed (so a wrong sha256 does not matter), in well under 1 s."""
    size = 20_000_000
    assert size > sources.MAX_BYTES
    raw = ("Mr Corbyn said: “Nato is a danger to world peace.”\n" * (size // 50)).encode()[:size]
    sha = None if registered_sha == "right" else "0" * 64
    path, _ = add_article(package, raw, **({"sha256": sha} if sha else {}))
    started = time.perf_counter()
    message = build_fails(package, capsys)
    assert time.perf_counter() - started < 1.0
    assert message == (f"{path}: article is 20,000,000 bytes, over the {sources.MAX_BYTES:,} limit. "
                       "Keep one article per file, as plain text")


def test_article_at_the_size_limit_is_read(package: Path, capsys: Cap) -> None:
    """The limit is inclusive: MAX_BYTES bytes pass the size check (and reach the next one)."""
    raw = b"x" * (sources.MAX_BYTES - 4) + b"\x00yz\n"
    path, _ = add_article(package, raw)
    assert build_fails(package, capsys) == (
        f"{path}:1: contains NUL bytes, so it is not a text file. Export the article as plain UTF-8 text")


def test_article_with_nul_bytes(package: Path, capsys: Cap) -> None:
    path, _ = add_article(package, b"Headline\n\nMr Corbyn said: \xe2\x80\x9cNato\x00.\xe2\x80\x9d\n")
    assert build_fails(package, capsys) == (
        f"{path}:3: contains NUL bytes, so it is not a text file. Export the article as plain UTF-8 text")


# --- articles: unusual but fine -------------------------------------------------------------
# All of them go into one package, built once (a build takes about a second); each test reads
# the rows of its own article, after rows_of has checked that every span round-trips.

UNUSUAL: dict[str, tuple[str, dict[str, Any]]] = {
    "bom": ("\ufeffMr Corbyn said: “Nato is a danger to world peace.”\n", {}),
    "crlf": ("Corbyn on Nato\r\n\r\nMr Corbyn said: “Nato is a danger.”\r\n"
             "He added: “We need talks with Russia.”\r\n", {"headline": "Corbyn on Nato"}),
    "unbalanced": ("Mr Corbyn said Nato is dangerous.” He added: “We need talks.”\n\n"
                   "Mr Corbyn said: ”Nato is bad“ and \"\"\" and ’’ ‘‘ “ “ ” ”.\n\n"
                   "Theresa May said: “We stand with Nato.’\n\n"
                   "Mr Corbyn said: “Russia must withdraw.”\n", {}),
    "unclosed": ("Mr Corbyn said: “Nato is a danger to world peace.\n\n"
                 "The debate went on for an hour.\n\n"
                 "Mr Corbyn said: “Russia must withdraw its troops now.\n", {}),
    "mixed": ("Mr Corbyn said: \"Nato is a relic of the Cold War.\"\n\n"
              "Mr Corbyn said: “We need a new security settlement.”\n\n"
              "Mr Corbyn said: ‘Russia’s actions are wrong.’\n\n"
              "Mr Corbyn said: 'The talks must start now.'\n\n"
              "Theresa May said: “He called it ‘a danger’ and I disagree.”\n", {}),
    "nested": ("Mr Corbyn said: \"Nato is 'bad' and “worse”.\"\n", {}),
    "scripts": ("Mr Corbyn said: “Мир — это главное.”\n\n"
                "Mr Corbyn said: “Η ειρήνη είναι το παν 😀 𝔑𝔞𝔱𝔬.”\n\n"
                "Mr Corbyn said: “\u200fالسلام هو الأهم.”\n\n"
                "Mr Corbyn said: “Cafe\u0301 society won’t stop a war.”\n", {}),
    "caseless": ("Mr Corbyn said: “السلام هو الأهم.”\n\nMr Corbyn said: “和平最重要。”\n", {}),
    "guillemets": ("Mr Corbyn said: «Nato is a danger to world peace.»\n\nПутин сказал: «Это война».\n", {}),
    "spaces": ("Mr\u00a0Corbyn said:\u202f“Nato\u200b is a\u00a0danger.”\n\n"
               "“We need\u202ftalks,” said Mr\u00a0Corbyn.\u00a0\n\n"
               "\u200b\u00a0\n\n"
               "Mr Corbyn said: “Russia\u200b must\u00a0withdraw.”\u200b\n", {}),
}


@pytest.fixture(scope="module")
def unusual(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[dict]]]:
    """Every UNUSUAL article built into one copy of the package; each one's rows by table."""
    root = tmp_path_factory.mktemp("unusual") / "pkg"
    for part in ("seeds", "data"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    if (ROOT / "tests" / "gold").is_dir():
        shutil.copytree(ROOT / "tests" / "gold", root / "tests" / "gold")
    for n, (key, (text, fields)) in enumerate(UNUSUAL.items()):
        add_article(root, text, name=f"9{n:02d}_{key}.txt", source_id=f"test-{key}", **fields)
    assert build.main(["--root", str(root)]) == 0
    return {key: rows_of(root, f"test-{key}") for key in UNUSUAL}


def test_article_with_byte_order_mark(unusual: dict[str, dict[str, list[dict]]]) -> None:
    """The BOM is kept as code point 0 of the text, so offsets still index the decoded file."""
    text, rows = UNUSUAL["bom"][0], unusual["bom"]
    assert said(rows) == [("Nato is a danger to world peace.", "corbyn", "direct")]
    assert int(rows["statements"][0]["start"]) == text.index("Nato") == 18
    assert [(p["start"], p["text"]) for p in rows["paragraphs"]] == [("1", text[1:-1])]
    assert rows["sources"][0]["characters"] == str(len(text))


def test_article_with_crlf_line_endings(unusual: dict[str, dict[str, list[dict]]]) -> None:
    rows = unusual["crlf"]
    assert said(rows) == [("Nato is a danger.", "corbyn", "direct"),
                          ("We need talks with Russia.", "corbyn", "direct")]
    assert [(p["line"], p["kind"]) for p in rows["paragraphs"]] == [
        ("1", "headline"), ("3", "body"), ("4", "body")]
    assert not any("\r" in r["text"] for t in ("paragraphs", "statements") for r in rows[t])


def test_article_with_unbalanced_quotation_marks(unusual: dict[str, dict[str, list[dict]]]) -> None:
    """Stray and mismatched marks never crash the build nor shift an offset; a stray closing
    mark does not swallow the well-formed quotation after it."""
    rows = unusual["unbalanced"]
    assert "We need talks." in [text for text, _, _ in said(rows)]
    assert ("Russia must withdraw.", "corbyn", "direct") in said(rows)


def test_quotation_that_never_closes(unusual: dict[str, dict[str, list[dict]]]) -> None:
    """Cut at the end of its paragraph, never dropped, never running on into the next one."""
    assert said(unusual["unclosed"]) == [("Nato is a danger to world peace.", "corbyn", "direct"),
                                         ("Russia must withdraw its troops now.", "corbyn", "direct")]


def test_mixed_quote_styles_in_one_article(unusual: dict[str, dict[str, list[dict]]]) -> None:
    assert said(unusual["mixed"]) == [
        ("Nato is a relic of the Cold War.", "corbyn", "direct"),
        ("We need a new security settlement.", "corbyn", "direct"),
        ("Russia’s actions are wrong.", "corbyn", "direct"),
        ("The talks must start now.", "corbyn", "direct"),
        ("He called it ‘a danger’ and I disagree.", "theresa-may", "direct"),
    ]


def test_curly_quotes_nested_in_straight_quotes_keep_exact_offsets(
        unusual: dict[str, dict[str, list[dict]]]) -> None:
    assert unusual["nested"]["statements"]   # built; every span round-trips


def test_curly_quotes_nested_in_straight_quotes(unusual: dict[str, dict[str, list[dict]]]) -> None:
    assert said(unusual["nested"]) == [("Nato is 'bad' and “worse”.", "corbyn", "direct")]


def test_quotes_in_other_scripts_keep_exact_offsets(unusual: dict[str, dict[str, list[dict]]]) -> None:
    """Cyrillic, Greek, Arabic (with a right-to-left mark), combining accents and characters
    outside the Basic Multilingual Plane: offsets count code points, not bytes or UTF-16 units."""
    text, rows = UNUSUAL["scripts"][0], unusual["scripts"]
    assert [(t, who) for t, who, _ in said(rows)] == [
        ("Мир — это главное.", "corbyn"), ("Η ειρήνη είναι το παν 😀 𝔑𝔞𝔱𝔬.", "corbyn"),
        ("\u200fالسلام هو الأهم.", "corbyn"), ("Cafe\u0301 society won’t stop a war.", "corbyn")]
    assert [int(s["start"]) for s in rows["statements"]] == [
        text.index(s) for s in ("Мир", "Η ειρήνη", "\u200fالسلام", "Cafe")]
    assert [kind for n, (_, _, kind) in enumerate(said(rows)) if n != 2] == ["direct"] * 3


def test_quotation_in_a_caseless_script_is_direct(unusual: dict[str, dict[str, list[dict]]]) -> None:
    assert said(unusual["caseless"]) == [("السلام هو الأهم.", "corbyn", "direct"),
                                         ("和平最重要。", "corbyn", "direct")]


def test_guillemets_keep_exact_offsets(unusual: dict[str, dict[str, list[dict]]]) -> None:
    assert len(unusual["guillemets"]["paragraphs"]) == 2   # built; every span round-trips


def test_guillemet_quotations_are_statements(unusual: dict[str, dict[str, list[dict]]]) -> None:
    assert said(unusual["guillemets"])[:1] == [("Nato is a danger to world peace.", "corbyn", "direct")]


def test_no_break_and_zero_width_spaces(unusual: dict[str, dict[str, list[dict]]]) -> None:
    """U+00A0, U+202F and U+200B stay in the text and in the spans; names still match across them."""
    rows = unusual["spaces"]
    assert said(rows) == [("Nato\u200b is a\u00a0danger.", "corbyn", "direct"),
                          ("We need\u202ftalks,", "corbyn", "direct"),
                          ("Russia\u200b must\u00a0withdraw.", "corbyn", "direct")]
    assert [r["speaker_mention"] for r in rows["statements"]] == ["Mr\u00a0Corbyn", "Mr\u00a0Corbyn",
                                                                  "Mr Corbyn"]
    assert [p["line"] for p in rows["paragraphs"]] == ["1", "3", "7"]   # line 5 is blank


# --- the source register --------------------------------------------------------------------

def _register(root: Path) -> Path:
    return root / "seeds" / "sources.yaml"


def test_register_missing_required_key(package: Path, capsys: Cap) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", url=None)
    assert build_fails(package, capsys) == (f"{_register(package)}:{line}: entry is missing required "
                                            "key(s): url. Add them (see the comment at the top of the file)")


def test_register_misspelt_required_key(package: Path, capsys: Cap) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", headline=None, headlin="")
    assert build_fails(package, capsys) == (
        f"{_register(package)}:{line}: entry is missing required key(s): headline; unknown key(s): "
        "headlin (misspelt?). Add them (see the comment at the top of the file)")


def test_register_unknown_key(package: Path, capsys: Cap) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", outlet_evidense="typo")
    assert build_fails(package, capsys) == (
        f"{_register(package)}:{line}: unknown key(s): outlet_evidense. Check the spelling; allowed keys "
        f"are {', '.join(sources.KEYS + sources.OPTIONAL)}")


def test_register_key_given_twice(package: Path, capsys: Cap) -> None:
    """YAML would silently keep the second value; the build refuses it."""
    path = package / "seeds" / "articles" / NAME
    path.write_text("Mr Corbyn said: “Nato.”\n", encoding="utf-8")
    line = append_entry(_register(package), (
        f"- id: {ID}\n  file: articles/{NAME}\n  sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}\n"
        "  outlet: One\n  outlet: Two\n  headline: ''\n  url: ''\n  published_start: 2019-12-03\n"
        "  published_end: 2019-12-03\n  published_precision: day\n  published_evidence: test\n"))
    assert build_fails(package, capsys) == (
        f"{_register(package)}:{line + 4}: invalid YAML: key 'outlet' appears twice in one entry "
        f"(first on line {line + 3}). Fix the YAML syntax at that line")


@pytest.mark.parametrize("key", ["id", "file"])
def test_register_duplicate(package: Path, capsys: Cap, key: str) -> None:
    first = read_csv(package / "data" / "sources.csv")[0]
    value = first["source_id"] if key == "id" else first["file"].removeprefix("seeds/")
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", **{key: value})
    if key == "file":
        (package / "seeds" / "articles" / NAME).unlink()
    first_line = line_of(_register(package), f"- id: {first['source_id']}")
    assert build_fails(package, capsys) == (
        f"{_register(package)}:{line}: duplicate {key} {value!r} (first used on line {first_line}). "
        "Give each entry its own id")


@pytest.mark.parametrize(("start", "end", "problem"), [
    ("2019-02-30", "2019-03-01", "published_start '2019-02-30' is not a real date (day is out of range "
     "for month). Correct the day or month"),
    ("2019-02-01", "2019-13-01", "published_end '2019-13-01' is not a real date (month must be in 1..12). "
     "Correct the day or month"),
    ("2019-2-3", "2019-02-03", "published_start '2019-2-3' is not a date in the form YYYY-MM-DD. "
     "Write the date as YYYY-MM-DD"),
    ("03/02/2019", "2019-02-03", "published_start '03/02/2019' is not a date in the form YYYY-MM-DD. "
     "Write the date as YYYY-MM-DD"),
    ("2019-03-02", "2019-02-03", "published_start 2019-03-02 is after published_end 2019-02-03. Swap them"),
])
def test_register_impossible_dates(package: Path, capsys: Cap, start: str, end: str,
                                   problem: str) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", published_start=start, published_end=end)
    assert build_fails(package, capsys) == f"{_register(package)}:{line}: {problem}"


@pytest.mark.parametrize(("start", "end", "stated", "actual"), [
    ("2019-12-03", "2019-12-03", "month", "day"),
    ("2019-12-01", "2019-12-31", "day", "month"),
    ("2019-11-30", "2019-12-01", "month", "year"),
    ("2019-12-03", "2019-12-03", "week", "day"),
])
def test_register_precision_contradicts_dates(package: Path, capsys: Cap, start: str,
                                              end: str, stated: str, actual: str) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", published_start=start, published_end=end,
                          published_precision=stated)
    assert build_fails(package, capsys) == (
        f"{_register(package)}:{line}: published_precision {stated!r} contradicts the dates {start}..{end} "
        f"(they give {actual!r}). Precision is the finest calendar unit (day, month, year) that contains "
        "the whole interval")


@pytest.mark.parametrize("rel", ["../datapackage.json", "articles/../../datapackage.json", "/etc/hostname",
                                 "articles\\900_test.txt", "~/900_test.txt"])
def test_register_file_outside_seeds(package: Path, capsys: Cap, rel: str) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", name="elsewhere.txt", file=rel)
    (package / "seeds" / "articles" / "elsewhere.txt").unlink()
    message = build_fails(package, capsys)
    if rel.startswith("~"):   # not expanded: simply a file that is not there
        assert message == (f"{_register(package)}:{line}: registered file {rel!r} does not exist. "
                           "Add the article file or remove its entry")
    else:
        assert message == (f"{_register(package)}:{line}: file {rel!r} must be a relative path inside "
                           "seeds/. Copy the article into seeds/articles/ and name it so")


@pytest.mark.parametrize("link", ["file", "folder"])
def test_register_file_through_a_symlink(package: Path, capsys: Cap, link: str) -> None:
    outside = package / "outside"
    outside.mkdir()
    (outside / NAME).write_text("Mr Corbyn said: “Nato.”\n", encoding="utf-8")
    if link == "file":
        rel = f"articles/{NAME}"
        os.symlink(outside / NAME, package / "seeds" / rel)
    else:
        rel = f"linked/{NAME}"
        os.symlink(outside, package / "seeds" / "linked")
    raw = (outside / NAME).read_bytes()
    line = append_entry(_register(package), {
        "id": ID, "file": rel, "sha256": hashlib.sha256(raw).hexdigest(), "outlet": "", "headline": "",
        "url": "", "published_start": "2019-12-03", "published_end": "2019-12-03",
        "published_precision": "day", "published_evidence": "test"})
    assert build_fails(package, capsys) == (
        f"{_register(package)}:{line}: file {rel!r} is or passes through a symbolic link. "
        "Copy the article itself into seeds/articles/")


def test_unregistered_symlink_to_a_file_outside(package: Path, capsys: Cap) -> None:
    link = package / "seeds" / "articles" / "950_link.txt"
    os.symlink(package / "datapackage.json", link)
    assert build_fails(package, capsys) == (
        f"{link}: article is not in the source register. Add an entry for it to seeds/sources.yaml (id, "
        "file, sha256, outlet, headline, url, publication date and its evidence)")


@pytest.mark.parametrize(("key", "value", "problem"), [
    ("id", ["a", "b"], "'id' must be text, got ['a', 'b']. Put the value in quotes"),
    ("file", {"a": 1}, "'file' must be text, got {'a': 1}. Put the value in quotes"),
    ("id", "Test Article", "id 'Test Article' is not a valid id. Use lowercase letters, digits and single "
     "hyphens, e.g. 'owen-smith'"),
    ("headline", "Corbyn\nand Nato", "headline contains the control character '\\n'. Write it on one line "
     "(use '>-' or plain text, not '|')"),
    ("outlet", "The\x1bTimes", "outlet contains the control character '\\x1b'. Write it on one line "
     "(use '>-' or plain text, not '|')"),
    ("url", "javascript:alert(1)", "url 'javascript:alert(1)' is not an http(s) address. Give the article's "
     "web address (https://...) or leave it empty"),
    ("published_evidence", " ", "'published_evidence' must not be empty"),
])
def test_register_bad_values(package: Path, capsys: Cap, key: str, value: Any,
                             problem: str) -> None:
    _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", **{key: value})
    assert build_fails(package, capsys) == f"{_register(package)}:{line}: {problem}"


def test_register_is_not_a_list(package: Path, capsys: Cap) -> None:
    _register(package).write_text("id: one\nfile: articles/x.txt\n", encoding="utf-8")
    assert build_fails(package, capsys) == (
        f"{_register(package)}:1: expected a list of entries (each starting with '- '). See the comment at "
        "the top of the file for the format")


# --- actors, corrections, stance codings ----------------------------------------------------

def _seed(root: Path, name: str) -> Path:
    return root / "seeds" / name


@pytest.mark.parametrize("register", sorted(p.name for p in (ROOT / "seeds").glob("*.yaml")))
def test_every_register_with_invalid_yaml(package: Path, capsys: Cap, register: str) -> None:
    path = _seed(package, register)
    line = append_entry(path, "- id: one: two\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line}: invalid YAML: mapping values are not allowed here. Fix the YAML syntax at that line")


def test_actors_invalid_yaml(package: Path, capsys: Cap) -> None:
    path = _seed(package, "actors.yaml")
    line = replace_in(path, "  name: Jeremy Corbyn\n", "  name: Jeremy Corbyn: MP\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line}: invalid YAML: mapping values are not allowed here. Fix the YAML syntax at that line")


def test_actors_duplicate_id(package: Path, capsys: Cap) -> None:
    path = _seed(package, "actors.yaml")
    line = append_entry(path, "- id: corbyn\n  name: Another Corbyn\n  kind: person\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line}: duplicate id 'corbyn' (first used on line {line_of(path, '- id: corbyn')}). "
        "Give each entry its own id")


def test_actors_speaks_for_unknown_id(package: Path, capsys: Cap) -> None:
    path = _seed(package, "actors.yaml")
    line = append_entry(path, "- id: test-aide\n  name: Test Aide\n  kind: person\n  speaks_for: corbin\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line}: speaks_for 'corbin' is not an actor id in this file. "
        "Add that actor or correct the id")


def test_actors_alias_of_two_actors(package: Path, capsys: Cap) -> None:
    path, alias = _seed(package, "actors.yaml"), "Mr\u00a0Corbyn"   # same name, another space
    line = append_entry(path, f"- id: test-namesake\n  name: A Namesake\n  kind: person\n"
                              f"  aliases: [{alias}]\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line}: alias {alias!r} is also an alias of 'corbyn' (line "
        f"{line_of(path, '- id: corbyn')}). An alias must mean one actor; use a role for descriptions "
        "that change hands")


def test_actors_role_with_impossible_date(package: Path, capsys: Cap) -> None:
    path = _seed(package, "actors.yaml")
    line = append_entry(path, "- id: test-aide\n  name: Test Aide\n  kind: person\n  roles:\n"
                              "    - title: Aide\n      phrases: [the aide]\n      start: 2019-02-30\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line + 4}: start '2019-02-30' is not a real date (day is out of range for month). "
        "Correct the day or month")


def _statement(root: Path) -> dict[str, Any]:
    """A statement the current code extracts from the seeds (those of ``root`` are a copy of ROOT's)."""
    return dict(_first_statement())


@functools.cache
def _first_statement() -> dict[str, Any]:
    return build.tables(ROOT / "seeds")[1]["statements"].row(0, named=True)


def test_corrections_invalid_yaml(package: Path, capsys: Cap) -> None:
    path = _seed(package, "corrections.yaml")
    line = append_entry(path, "- action: delete\n  statement_id: 'st-000000000000\n  why: x\n")
    message = build_fails(package, capsys)
    assert message.startswith(f"{path}:")
    assert int(message.split(":")[1]) >= line and "invalid YAML" in message


@pytest.mark.parametrize("action", ["update", "delete"])
def test_correction_of_a_statement_that_no_longer_exists(package: Path, capsys: Cap,
                                                         action: str) -> None:
    path = _seed(package, "corrections.yaml")
    line = append_entry(path, {"action": action, "statement_id": "st-000000000000", "why": "test",
                               **({"set": {"venue": "x"}} if action == "update" else {})})
    assert build_fails(package, capsys) == (
        f"{path}:{line}: correction targets statement 'st-000000000000', which no longer exists. Re-check "
        "it against data/statements.csv (the extractor may have changed) and update or remove it")


@pytest.mark.parametrize(("changes", "problem"), [
    ({"speaker_id": "nobody"}, "speaker_id 'nobody' is not in seeds/actors.yaml. Add the actor first"),
    ({"speaker_id": ["corbyn"]}, "speaker_id ['corbyn'] is not in seeds/actors.yaml. Add the actor first"),
    ({"kind": "bogus"}, "kind 'bogus' is not one of direct, fragment, indirect"),
    ({"venue": 5}, "venue must be text, got 5. Put the value in quotes"),
    ({"said_start": "2019-02-30"}, "'2019-02-30' is not a real date (YYYY-MM-DD)"),
    ({"said_start": "2019-03-02", "said_end": "2019-02-01"}, "said_start is after said_end"),
    ({"statement_id": "st-000000000000"}, "field 'statement_id' cannot be corrected. Correctable fields: "
     "speaker_id, kind, said_start, said_end, said_evidence, venue"),
])
def test_correction_bad_update(package: Path, capsys: Cap, changes: dict[str, Any],
                               problem: str) -> None:
    path = _seed(package, "corrections.yaml")
    line = append_entry(path, {"action": "update", "statement_id": _statement(package)["statement_id"],
                               "set": changes, "why": "test"})
    assert build_fails(package, capsys) == f"{path}:{line}: {problem}"


@pytest.mark.parametrize(("fields", "problem"), [
    ({"source_id": "no-such-source"}, "source_id 'no-such-source' is not in seeds/sources.yaml"),
    ({"text": "words that are in no article"}, "text not found (occurrence 1) in {source}. Copy the words "
     "exactly from the article"),
    ({"occurrence": 0}, "occurrence 0 is not a whole number from 1 up. Count the occurrences of the text "
     "in the article: 1, 2, …"),
    ({"occurrence": "many"}, "occurrence 'many' is not a whole number from 1 up. Count the occurrences of "
     "the text in the article: 1, 2, …"),
    ({"occurrence": 10_000}, "text not found (occurrence 10000) in {source}. Copy the words exactly from "
     "the article"),
    ({"text": "{line1}\n{line2}"}, "text spans a line break, but a statement lies within one paragraph. "
     "Add one correction per paragraph"),
    ({"set": ["corbyn"]}, "'set' must map field names to new values"),
])
def test_correction_bad_addition(package: Path, capsys: Cap, fields: dict[str, Any],
                                 problem: str) -> None:
    st = _statement(package)
    src = next(s for s in read_csv(package / "data" / "sources.csv") if s["source_id"] == st["source_id"])
    lines = [x for x in (package / src["file"]).read_text(encoding="utf-8").split("\n") if x.strip()]
    entry = {"action": "add", "source_id": st["source_id"], "text": st["text"],
             "set": {"speaker_id": "corbyn"}, "why": "test", **fields}
    entry["text"] = entry["text"].format(line1=lines[0], line2=lines[1])
    path = _seed(package, "corrections.yaml")
    line = append_entry(path, entry)
    assert build_fails(package, capsys) == f"{path}:{line}: {problem.format(source=st['source_id'])}"


def test_stance_coding_of_a_statement_that_no_longer_exists(package: Path,
                                                            capsys: Cap) -> None:
    stances = pytest.importorskip("scripts.steps.stances")
    path = _seed(package, stances.FIRST)
    append_entry(path, {"statement_id": "st-000000000000", "target": "nato-existence", "score": 1,
                        "voice": "own", "rationale": "test", "coder": "test"})
    line = append_entry(path, {"statement_id": "st-ffffffffffff", "target": "nato-article5", "score": -1,
                               "voice": "own", "rationale": "test", "coder": "test"})
    first = line_of(path, "- statement_id: st-000000000000")
    assert build_fails(package, capsys) == (
        f"{path}: 2 coding(s) refer to statements that no longer exist: line {first}: st-000000000000; "
        f"line {line}: st-ffffffffffff. Re-code them against the new statement ids in data/statements.csv")


def test_stance_coded_twice(package: Path, capsys: Cap) -> None:
    stances = pytest.importorskip("scripts.steps.stances")
    path, sid = _seed(package, stances.FIRST), _statement(package)["statement_id"]
    existing = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    coded = {e["target"] for e in existing or [] if e["statement_id"] == sid}
    target = next(t for t in stances.TARGETS if t not in coded)
    coding = {"statement_id": sid, "target": target, "score": 1, "voice": "own", "rationale": "test",
              "coder": "test"}
    first = append_entry(path, coding)
    line = append_entry(path, {**coding, "score": -1})
    assert build_fails(package, capsys) == (
        f"{path}:{line}: {sid} is coded twice on {target} (first on line {first}). "
        "Keep one coding per statement and target")


@pytest.mark.parametrize("score", [3, -3, 1.5, "2", True])
def test_stance_score_outside_the_scale(package: Path, capsys: Cap, score: Any) -> None:
    stances = pytest.importorskip("scripts.steps.stances")
    path = _seed(package, stances.FIRST)
    sid = _statement(package)["statement_id"]
    line = append_entry(path, {"statement_id": sid, "target": "nato-existence", "score": score,
                               "voice": "own", "rationale": "test", "coder": "test"})
    assert build_fails(package, capsys) == (
        f"{path}:{line}: score {score!r} is outside the scale -2..+2. Use an integer from -2 to 2 "
        "(seeds/CODEBOOK.md)")


# --- a build killed midway ------------------------------------------------------------------

# One interpreter (KILLER) imports the build once and forks a child per build; a child runs the
# build on its own copy of the package and SIGKILLs itself just before its N-th change to the
# file system. Changes are seen through Python's audit hooks (every open for writing, mkdir,
# rename/replace, remove, rmdir, rmtree: a hook runs before the operation), plus two steps that
# raise no audit event: entering publish() and the atomic exchange of data/. Nothing in scripts/
# knows about it, and SIGKILL cannot be caught, so no cleanup code of the build runs.
#
# For each publishing mode, KILLER first lets one build run to the end (its steps and the new
# outputs), then kills one build at each chosen step (a build takes about a second, so not at
# every step): part-way through staging, staged and validated, data/ swapped but not yet the
# descriptor, and one file into cleaning up; with two renames also between them (data/ moved
# aside) and right after them.
KILLER = r"""
import json, os, shutil, signal, sys
from pathlib import Path
from scripts import build
pristine, work, modes = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(",")
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
EVENTS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "shutil.move", "os.truncate",
          "os.symlink", "os.link", "os.chmod", "os.utime"}

def child(root, point, mode, report):
    steps = []
    def step(name):
        steps.append(name)
        if len(steps) == point:
            os.kill(os.getpid(), signal.SIGKILL)
    def hook(event, args):
        if event in EVENTS or (event == "open" and isinstance(args[2], int) and args[2] & WRITE):
            step(event)
    publish, swap = build.publish, build._exchange
    def publish_step(out, at):
        step("publish")
        return publish(out, at)
    def exchange_step(a, b):
        step("exchange")
        return mode == "exchange" and swap(a, b)
    build.publish, build._exchange = publish_step, exchange_step
    sys.stdout = sys.stderr = open(os.devnull, "w")
    sys.addaudithook(hook)
    code = build.main(["--root", str(root)])
    os.write(report, json.dumps(steps).encode())
    os._exit(code)

def run(name, point, mode):
    root = work / name
    shutil.copytree(pristine, root, symlinks=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        child(root, point, mode, write)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        steps = pipe.read()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), json.loads(steps) if steps else None

def points(steps, mode):
    at = steps.index("publish") + 1
    swapped = next(n for n in range(at + 1, len(steps) + 1) if steps[n - 1] in ("exchange", "os.rename")) + 1
    cleaning = steps.index("os.remove", steps.index("os.remove", at) + 1) + 1   # one file removed
    cached = [n for n in range(at - 1) if steps[n] == "os.rename"]     # annotation cache entries
    staging = steps.index("open", cached[-1] + 1 if cached else 0) + 4
    if mode == "exchange":
        return [*cached[:1], staging, at, swapped, cleaning]
    assert steps[at:at + 3] == ["exchange", "os.rename", "os.rename"], steps
    return [at + 3, at + 4, cleaning]

out = {}
for mode in modes:
    status, steps = run(f"{mode}-complete", 0, mode)
    out[mode] = {"status": status, "steps": steps,
                 "killed": [[n, run(f"{mode}-{n}", n, mode)[0]] for n in points(steps, mode)]}
print(json.dumps(out))
"""


def _outputs(root: Path) -> tuple[dict[str, bytes] | None, bytes]:
    """(every file of data/ by name, or None when data/ is missing; the descriptor's bytes)."""
    data = root / "data"
    files = {p.name: p.read_bytes() for p in sorted(data.iterdir())} if data.is_dir() else None
    return files, (root / "datapackage.json").read_bytes()


def test_build_killed_midway_never_half_publishes(package: Path, tmp_path: Path) -> None:
    """Killed at any of the chosen steps: with the atomic exchange (where the system has it)
    data/ is always the old complete set or the new one; with two renames data/ may be
    missing for an instant, the old set waiting in .build/previous, and the next build puts it
    back first, even if it then fails on bad input. Killed while writing an annotation cache
    entry, the half-written file is swept away. Either way the next build succeeds and
    publishes exactly the new set, leaving nothing in .build/ but the cache, the lock and the
    steps' outputs."""
    add_article(package, "Corbyn on Nato\n\nMr Corbyn said: “Nato is a danger to world peace.”\n",
                headline="Corbyn on Nato")
    old = _outputs(package)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    atomic = build._exchange(tmp_path / "a", tmp_path / "b")
    modes = ["exchange", "two-renames"] if atomic else ["two-renames"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", KILLER, str(package), str(tmp_path), ",".join(modes)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    new = _outputs(tmp_path / f"{modes[0]}-complete")
    assert new[0] != old[0] and new[1] != old[1]
    for mode in modes:
        steps = report[mode]["steps"]
        assert report[mode]["status"] == 0 and _outputs(tmp_path / f"{mode}-complete") == new
        for point, status in report[mode]["killed"]:
            root, where = tmp_path / f"{mode}-{point}", f"{mode}: killed before step {point} of {steps}"
            assert status == -signal.SIGKILL, where
            data, descriptor = _outputs(root)
            assert descriptor in (old[1], new[1]), where
            if data is None:   # only between the two renames
                assert mode == "two-renames", where
                previous = root / ".build" / "previous"
                assert {p.name: p.read_bytes() for p in sorted(previous.iterdir())} == old[0], where
                (root / "seeds" / "articles" / "999_broken.txt").write_bytes(b"not registered\n")
                assert build.main(["--root", str(root)]) == 1, where
                (root / "seeds" / "articles" / "999_broken.txt").unlink()
                data = _outputs(root)[0]
            assert data in (old[0], new[0]), where
            assert build.main(["--root", str(root)]) == 0, where
            assert _outputs(root) == new, where
            # the cache, the lock and the steps' own outputs (Make targets) stay; no staging or previous set
            kept = {p.name for p in (root / ".build").iterdir()}
            steps = {"annotations", "build.lock", "tables", "evaluation"}
            assert {"annotations", "build.lock"} <= kept <= steps, where
            assert not list((root / ".build" / "annotations").rglob(".tmp-*")), where
