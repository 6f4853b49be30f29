"""Hostile input: markup, Markdown/pandoc syntax and Vega expressions quoted in an article end up
in the report as literal text, never as elements, attributes or code; YAML tags that would
run Python are refused, not executed.

The report tests make two scratch copies of the repository (seeds/, scripts/, the gold set and
the report's sources) into reports as `make report` does, one as it is (the baseline), one with
a hostile article added, and compare the two pages parsed with html.parser.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from scripts import build
from scripts.errors import InputError
from scripts.package.tables import read_csv
from scripts.registers.loader import _Loader, load_list
from tests.conftest import ROOT, STRICT
from tests.test_bad_input import ID, Cap, add_article, append_entry, build_fails

# --- YAML is loaded safely ------------------------------------------------------------------

TAGS = ["!!python/object/apply:os.system [\"touch {marker}\"]",
        "!!python/object/new:os.system [\"touch {marker}\"]",
        "!!python/name:os.system",
        "!!python/object:argparse.Namespace {{x: 1}}",
        "!<tag:yaml.org,2002:python/object/apply:subprocess.call> [[touch, {marker}]]"]


@pytest.mark.parametrize("tag", TAGS)
def test_python_tags_are_refused_not_executed(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "executed"
    path = tmp_path / "register.yaml"
    path.write_text(f"- id: x\n  why: {tag.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_list(path)
    assert caught.value.path == str(path) and caught.value.line == 2
    assert "could not determine a constructor for the tag" in caught.value.problem
    assert not marker.exists()


@pytest.mark.parametrize("register", sorted(p.name for p in (ROOT / "seeds").glob("*.yaml")))
def test_python_tag_in_a_register_fails_the_build(package: Path, capsys: Cap, tmp_path: Path,
                                                  register: str) -> None:
    marker = tmp_path / "executed"
    path = package / "seeds" / register
    line = append_entry(path, f"- id: evil\n  why: !!python/object/apply:os.system [\"touch {marker}\"]\n")
    assert build_fails(package, capsys) == (
        f"{path}:{line + 1}: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'. Fix the YAML syntax at that line")
    assert not marker.exists()


def test_every_yaml_load_in_scripts_is_safe() -> None:
    """yaml.safe_load, or yaml.load with the registers' loader (a SafeLoader); nothing else."""
    assert issubclass(_Loader, yaml.SafeLoader)
    for path in sorted((ROOT / "scripts").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "yaml":
                assert node.attr not in ("unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
                                         "Loader", "FullLoader", "UnsafeLoader"), f"{path.name}:{node.lineno}"
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("yaml.load", "yaml.load_all"):
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                assert loader is not None and ast.unparse(loader) in ("_Loader", "yaml.SafeLoader"), \
                    f"{path.name}:{node.lineno}"


def _alias_bomb(level: int = 8) -> str:
    """A YAML flow sequence standing for 9**(level + 1) strings ("billion laughs"), in one line."""
    if level == 0:
        return "&a0 [" + ", ".join(["lol"] * 9) + "]"
    return f"&a{level} [{_alias_bomb(level - 1)}, " + ", ".join([f"*a{level - 1}"] * 8) + "]"


@pytest.mark.parametrize("register", ["sources.yaml", "corrections.yaml"])
def test_alias_bomb_fails_fast_with_a_short_message(package: Path, capsys: Cap, register: str) -> None:
    """Aliases are shared, never expanded: no blow-up in memory, time or the error message."""
    path = package / "seeds" / register
    if register == "sources.yaml":
        _, line = add_article(package, "Mr Corbyn said: “Nato.”\n", id="BOMB")
        problem = "'id' must be text, got [[[...], [...], [...], [...], [...], [...], ...], "
    else:
        sid = build.tables(package / "seeds")[1]["statements"]["statement_id"][0]
        line = append_entry(path, {"action": "update", "statement_id": sid, "set": {"said_start": "BOMB"},
                                   "why": "x"})
        problem = "[[[...], [...], [...], [...], [...], [...], ...], "
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(": BOMB", f": {_alias_bomb()}"), encoding="utf-8")
    started = time.perf_counter()
    message = build_fails(package, capsys)
    assert time.perf_counter() - started < 2
    assert message.startswith(f"{path}:{line}: {problem}"), message
    assert len(message) < len(str(path)) + 400, message


@pytest.mark.parametrize("text", ["[" * 5000, "- " * 5000 + "x", "{a: " * 3000])
def test_deeply_nested_yaml_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_list(path)
    assert str(caught.value) == (f"{path}: nested too deeply to be a register. See the comment at the top of "
                                 "the file for the format")


# --- a hostile article, through the build and the report ------------------------------------

HEADLINE = "Hostile <i>input</i> & a </table> headline"
OUTLET = "<b onmouseover=alert(1)>Outlet</b>"
# Every quotation below becomes a statement; each is dated ("On Monday") so it also reaches
# the timeline chart's data inside a <script>.
QUOTED = [
    "<script>alert(1)</script> is not a policy.",
    "Look: <img src=x onerror=alert(1)> and </td></tr></table> and "
    "<iframe src=javascript:alert(1)></iframe>.",
    "<img src=x onerror=document.documentElement.dataset.pwned=1> and <svg onload=alert(1)> too.",
    "Markdown [@cite] and [a link](javascript:alert(1)) and {{< shortcode >}} and **bold** here.",
    "Raw $$\\x$$ and \\begin{equation}x\\end{equation} and <!-- comment --> and &lt;b&gt; here.",
    "```{=html}",
    "</script><script>alert(2)</script>",
]
SINGLE_QUOTED = '{"signal": "alert(1)"} and datum.x and {"expr": "datum.x"} are words.'
ARTICLE = (f"{HEADLINE}\n\n"
           + "".join(f"On Monday, Mr Corbyn said: “{q}”\n\n" for q in QUOTED[:5])
           + f"On Monday, Mr Corbyn said: “A quote in parts.\n\n“{QUOTED[5]}\n\n“{QUOTED[6]}”\n\n"
           + f"On Monday, Mr Corbyn said: ‘{SINGLE_QUOTED}’\n")
PAYLOADS = ["<script>alert", "<img src=x", "<iframe", "<svg onload", "</script><script>",
            "<b onmouseover", "<i>input</i>"]
DANGEROUS = {"script", "img", "iframe", "object", "embed", "frame", "frameset", "base", "form", "input",
             "button", "link", "meta", "style", "svg", "math", "template", "video", "audio", "source",
             "applet", "noscript", "i", "b"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


class Page(HTMLParser):
    """Tags, risky attributes, the text of every table cell and every run of text of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.handlers: list[tuple[str, str]] = []
        self.script_urls: list[tuple[str, str]] = []
        self.cells: list[str] = []
        self.texts: list[str] = []
        self._cell: list[str] | None = None
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def shows(self, text: str) -> bool:
        """Is ``text`` on the page as text, inside one element?"""
        return any(text in t for t in self.texts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            url = (value or "").strip().lower()
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "vbscript:")):
                self.script_urls.append((tag, name))
        if tag == "td":
            self._cell = []
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if not {"script", "style"} & set(self._open[-1:]):
            self.texts.append(data)


def _copy_repository(dest: Path) -> Path:
    """seeds/, scripts/, the gold set and the report's sources (what `make report` reads), nothing
    generated."""
    dest.mkdir()
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    if (ROOT / "tests" / "gold").is_dir():
        shutil.copytree(ROOT / "tests" / "gold", dest / "tests" / "gold")
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "CITATION.cff", dest / "CITATION.cff")  # the report's byline and cite box
    (dest / "report").mkdir()
    for path in (ROOT / "report").iterdir():
        if path.is_file() and path.suffix in (".qmd", ".yml", ".py", ".css", ".csl"):
            shutil.copy2(path, dest / "report" / path.name)
        elif path.is_dir() and path.name in ("fonts", "csl"):  # the shipped font and citation style
            shutil.copytree(path, dest / "report" / path.name)
    return dest


def _make_report(root: Path) -> str:
    """`make report` in ``root``, with the fallback renderer; the page's HTML. (The report's first
    cell writes report/_vega.html itself, so make's separate step for it is left out.)"""
    steps = [["-m", "scripts.build"], ["-m", "scripts.reporting.bibliography"],
             ["-m", "scripts.reporting.render_report", "report"]]
    for step in steps:
        done = subprocess.run([sys.executable, *step], cwd=root, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (step, done.stdout, done.stderr)
    return (root / "report" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Page, Page, str, Path]:
    """(baseline page, hostile page, hostile HTML, hostile repository root). The two copies
    are made into reports side by side."""
    folder = tmp_path_factory.mktemp("hostile")
    base, root = _copy_repository(folder / "baseline"), _copy_repository(folder / "repo")
    add_article(root, ARTICLE, headline=HEADLINE, outlet=OUTLET)
    with ThreadPoolExecutor(2) as pool:
        baseline, html = pool.map(_make_report, [base, root])
    return Page(baseline), Page(html), html, root


def _statements(root: Path) -> list[dict[str, str]]:
    return [r for r in read_csv(root / "data" / "statements.csv") if r["source_id"] == ID]


def test_hostile_quotations_are_statements(pages: tuple[Page, Page, str, Path]) -> None:
    """The payloads really reach the data (otherwise the report tests below prove nothing)."""
    rows = _statements(pages[3])
    assert [r["text"] for r in rows] == ["<script>alert(1)</script> is not a policy.", *QUOTED[1:5],
                                         "A quote in parts.", *QUOTED[5:], SINGLE_QUOTED]
    assert {r["speaker_id"] for r in rows} == {"corbyn"}
    assert all(r["said_start"] == "2019-12-02" for r in rows)   # dated, so in the chart's data too


def test_report_shows_hostile_text_literally(pages: tuple[Page, Page, str, Path]) -> None:
    """Every statement as a table cell of its own; the outlet's name as text wherever it is named."""
    _, page, _, root = pages
    for row in _statements(root):
        assert row["text"] in page.cells, row["text"]
    assert page.shows(OUTLET)


def test_report_gains_no_element_handler_or_script_url(pages: tuple[Page, Page, str, Path]) -> None:
    baseline, page, _, _ = pages
    assert {t: page.tags[t] for t in DANGEROUS} == {t: baseline.tags[t] for t in DANGEROUS}
    assert page.handlers == baseline.handlers == []
    assert page.script_urls == baseline.script_urls == []
    assert page.tags["td"] > baseline.tags["td"]   # the new rows are there, as cells


def test_report_has_no_raw_payload_anywhere(pages: tuple[Page, Page, str, Path]) -> None:
    """Not in a cell (escaped as &lt;), not in a chart's JSON (escaped as \\u003c), nowhere."""
    html = pages[2]
    for payload in PAYLOADS:
        assert payload not in html, payload
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e is not a policy." in html   # in the chart data


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists() and not STRICT, reason="chromium is not installed")
def test_report_runs_nothing_from_the_data_in_a_browser(pages: tuple[Page, Page, str, Path]) -> None:
    """Loaded in headless Chromium: no handler ran (it would set data-pwned on <html>), the
    cells hold the text, and the page logged no error."""
    from tests.browser import visit

    seen = visit(pages[3] / "report" / "index.html")
    assert 'data-pwned="1"' not in seen.dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is not a policy." in seen.dom
    assert seen.errors == []
    assert not [url for url in seen.requests if url.rstrip("/").endswith("/x")]   # no <img src=x> loaded
