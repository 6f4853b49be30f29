"""The real report (report/index.qmd rendered to report/index.html) checked against the package.

- every phrase in quotation marks in the prose occurs verbatim in an article that its paragraph
  cites, and every paragraph of the findings and the chronology that quotes also cites and links
  its statements;
- every citation key is a source, every statement link an appendix row and a statements row;
- every chart's spec validates against the Vega-Lite schema, draws a non-empty SVG, has a
  description, a numbered caption and a static SVG twin;
- the page is self-contained, the report is what its inputs render to, and two renders are
  byte-identical.

The helpers of scripts/reporting/report_data.py that make those guarantees are tested at the end.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import altair as alt
import polars as pl
import pytest
import vl_convert
from altair.utils.schemapi import validate_jsonschema

from scripts.package import tables
from scripts.reporting import render_report
from scripts.reporting import report_data as rd

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "report"
HTML = REPORT / "index.html"
QMD = REPORT / "index.qmd"
SCHEMA = Path(alt.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
BLOCKS = {"p", "li", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote"}
SKIPPED = {"script", "style", "code", "pre", "table", "svg", "noscript", "nav"}
# A quotation: curly or straight, double or single. Single quotes must not touch a letter on
# the outside (so apostrophes in "Corbyn’s" or "speakers'" are not taken for quote marks).
QUOTE_PATTERNS = [
    re.compile(r"“([^”]+)”"),
    re.compile(r'"([^"]+)"'),
    re.compile(r"(?<![\w’'])‘(.+?)’(?!\w)"),
    re.compile(r"(?<![\w’'])'(.+?)'(?!\w)"),
]
CHECKED_SECTIONS = ("Key findings", "Chronology")


# ---------------------------------------------------------------- reading the page


@dataclass
class Block:
    """A paragraph-like element of the prose: its text, citations and statement links."""

    tag: str
    section: str
    text: str = ""
    cites: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)


class Page(HTMLParser):
    """The rendered report, read once: prose blocks, ids, links, chart scripts and figures."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.ids: dict[str, str] = {}  # id -> tag
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self.appendix_rows: list[str] = []
        self.figures: list[dict[str, object]] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._open: list[Block] = []
        self._section = ""
        self._heading: list[str] | None = None
        self._script: list[str] | None = None
        self.feed(html)

    # -- state
    def _inside(self, *names: str) -> bool:
        return any(tag in names for tag, _ in self._stack)

    def _in_refs(self) -> bool:
        return any(attrs.get("id") == "refs" for _, attrs in self._stack)

    def _in_citation(self) -> bool:
        """Inside a rendered citation, whose text (a title in quotes, for a source without an
        author) is the citation style's, not a quotation."""
        return any(tag == "span" and "citation" in (attrs.get("class") or "").split()
                   for tag, attrs in self._stack)

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if tag in {"br", "img", "meta", "link", "hr", "input", "wbr", "source", "col"}:
            self._void(tag, attrs)
            return
        self._stack.append((tag, attrs))
        self._note(tag, attrs)
        if tag == "script":
            self._script = []
        if tag == "h2":
            self._heading = []
        if tag in BLOCKS and not self._inside(*SKIPPED) and not self._in_refs():
            self._open.append(Block(tag, self._section))

    def _void(self, tag: str, attrs: dict[str, str | None]) -> None:
        self._note(tag, attrs)

    def _note(self, tag: str, attrs: dict[str, str | None]) -> None:
        if attrs.get("id"):
            self.ids[str(attrs["id"])] = tag
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(str(attrs["href"]))
            if self._open and str(attrs["href"]).startswith("#st-"):
                self._open[-1].links.add(str(attrs["href"])[1:])
        if tag == "span" and "citation" in (attrs.get("class") or "").split() and self._open:
            self._open[-1].cites.update((attrs.get("data-cites") or "").split())
        if tag == "tr" and attrs.get("id") and self._table_id() == "table-statements":
            self.appendix_rows.append(str(attrs["id"]))
        if tag == "figure":  # the fallback puts the fig- id on <figure>, Quarto on the div around it
            ids = [attrs.get("id")] + [a.get("id") for t, a in reversed(self._stack[:-1]) if t == "div"]
            fig_id = next((i for i in ids if i and i.startswith("fig-")), attrs.get("id"))
            self.figures.append({"id": fig_id, "charts": [], "caption": ""})
        if tag == "div" and "chart" in (attrs.get("class") or "").split() and self.figures \
                and self._inside("figure"):
            self.figures[-1]["charts"].append(attrs.get("id"))  # type: ignore[union-attr]

    def _table_id(self) -> str | None:
        return next((a.get("id") for t, a in reversed(self._stack) if t == "table"), None)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            name, _ = self._stack.pop()
            if name == "script" and self._script is not None:
                self.scripts.append("".join(self._script))
                self._script = None
            if name == "h2" and self._heading is not None:
                self._section = " ".join("".join(self._heading).split())
                self._heading = None
            if name in BLOCKS and self._open and self._open[-1].tag == name:
                self.blocks.append(self._open.pop())
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
            return
        if self._heading is not None:
            self._heading.append(data)
        if self.figures and self._inside("figcaption"):
            self.figures[-1]["caption"] = str(self.figures[-1]["caption"]) + data
        if self._open and not self._inside(*SKIPPED) and not self._in_citation():
            self._open[-1].text += data

    # -- derived
    def charts(self) -> Iterator[tuple[str, dict]]:
        """(div id, Vega-Lite spec) of every chart drawn with vegaEmbed."""
        for script in self.scripts:
            match = re.fullmatch(r'\s*vegaEmbed\("#([\w-]+)", (.*), \{"actions": false\}\);\s*', script, re.S)
            if match:
                yield match.group(1), json.loads(match.group(2))


def squash(text: str) -> str:
    """ASCII whitespace runs as one space (line wrapping in HTML is not part of a quotation)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def quotations(text: str) -> list[str]:
    """Every quoted span in `text`: double quotes first, then single quotes outside them."""
    found = []
    for pattern in QUOTE_PATTERNS:
        for match in pattern.finditer(text):
            found.append(match.group(1))
        text = pattern.sub(" ", text)
    return found


def read_csv(name: str) -> list[dict[str, str]]:
    return tables.read_csv(ROOT / "data" / f"{name}.csv")


@pytest.fixture(scope="module")
def html() -> str:
    if not HTML.is_file():
        pytest.fail(f"{HTML} is missing: run `make report`")
    return HTML.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    return {s["source_id"]: s for s in read_csv("sources")}


@pytest.fixture(scope="module")
def articles(sources: dict[str, dict[str, str]]) -> dict[str, str]:
    return {sid: squash((ROOT / s["file"]).read_text(encoding="utf-8")) for sid, s in sources.items()}


# ---------------------------------------------------------------- quotations and citations


def test_the_prose_quotes_the_articles(page: Page):
    quoted = [(b, q) for b in page.blocks for q in quotations(b.text)]
    assert len(quoted) >= 20, "the findings and the chronology should quote the articles"


def test_every_quotation_is_verbatim_in_a_source_its_paragraph_cites(page: Page, articles: dict[str, str]):
    problems = []
    for block in page.blocks:
        for phrase in quotations(block.text):
            phrase = squash(phrase)
            if not block.cites:
                problems.append(f"[{block.section}] quoted but nothing cited: {phrase!r}")
            elif not any(phrase in articles.get(key, "") for key in block.cites):
                problems.append(f"[{block.section}] not verbatim in {sorted(block.cites)}: {phrase!r}")
    assert problems == []


def test_findings_and_chronology_cite_and_link_what_they_quote(page: Page):
    checked = [b for b in page.blocks if b.section in CHECKED_SECTIONS and b.tag in ("p", "li")]
    assert {b.section for b in checked} == set(CHECKED_SECTIONS)
    for block in checked:
        if quotations(block.text):
            assert block.cites, f"uncited: {block.text[:80]!r}"
            assert block.links, f"no statement link: {block.text[:80]!r}"
    chronology = [b for b in checked if b.section == "Chronology" and b.tag == "p"]
    assert chronology and all(b.cites for b in chronology)


def test_every_citation_key_is_a_source(page: Page, html: str, sources: dict[str, dict[str, str]]):
    cited = {key for b in page.blocks for key in b.cites}
    cited |= {k for m in re.finditer(r'data-cites="([^"]*)"', html) for k in m.group(1).split()}
    assert cited and cited <= set(sources)
    refs = {h[len("#ref-"):] for h in page.hrefs if h.startswith("#ref-")}
    assert refs <= set(sources)
    for key in cited | refs:
        assert f"ref-{key}" in page.ids, f"no bibliography entry for {key}"


def test_citation_keys_in_the_qmd_are_sources(sources: dict[str, dict[str, str]]):
    text = QMD.read_text(encoding="utf-8")
    keys = {k.strip().lstrip("@") for group in re.findall(r"\[(@[^\]]+)\]", text) for k in group.split(";")}
    keys |= set(re.findall(r'rd\.Quoter\(corpus, "([^"]+)"\)', text))
    assert keys <= set(sources)


def test_every_statement_link_resolves_to_an_appendix_row_and_a_statement(page: Page):
    statement_ids = {s["statement_id"] for s in read_csv("statements")}
    links = {h[1:] for h in page.hrefs if h.startswith("#st-")}
    assert links, "the report links no statement"
    assert links <= set(page.appendix_rows), sorted(links - set(page.appendix_rows))
    assert links <= statement_ids


def test_the_appendix_lists_every_statement_once(page: Page):
    statement_ids = [s["statement_id"] for s in read_csv("statements")]
    assert sorted(page.appendix_rows) == sorted(statement_ids)
    assert all(page.ids[i] == "tr" for i in page.appendix_rows)


class Cells(HTMLParser):
    """The text of every cell of table#table-statements, by row id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[str]] = {}
        self.row: str | None = None
        self.in_table = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.in_table = found.get("id") == "table-statements"
        elif tag == "tr" and self.in_table and found.get("id"):
            self.row = str(found["id"])
            self.rows[self.row] = []
        elif tag == "td" and self.row:
            self.rows[self.row].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_table = False
        elif tag == "tr":
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.row and self.rows[self.row]:
            self.rows[self.row][-1] += data


def test_article_text_in_the_appendix_is_literal(html: str):
    """Each row's words cell is the statement's text character for character (escaped, not markup)."""
    cells = Cells(html).rows
    for row in read_csv("statements"):
        assert cells[row["statement_id"]][6] == row["text"], row["statement_id"]
    table = html[html.index('id="table-statements"'):]
    table = table[: table.index("</table>")]
    assert "<script" not in table and "<img" not in table


# ---------------------------------------------------------------- charts


@pytest.fixture(scope="module")
def vega_lite_schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_every_chart_is_a_numbered_captioned_figure(page: Page):
    charts = dict(page.charts())
    assert len(charts) >= 4
    in_figures = [c for f in page.figures for c in f["charts"]]  # type: ignore[union-attr]
    assert sorted(in_figures) == sorted(charts)
    for number, figure in enumerate([f for f in page.figures if f["charts"]], 1):
        assert str(figure["id"]).startswith("fig-")
        assert squash(str(figure["caption"])).startswith((f"Figure\xa0{number}:", f"Figure {number}:"))


@pytest.mark.parametrize("index", range(4))
def test_chart_spec_validates_and_draws(page: Page, html: str, vega_lite_schema: dict, index: int):
    div_id, spec = list(page.charts())[index]
    assert spec["$schema"] == alt.SCHEMA_URL
    validate_jsonschema(spec, vega_lite_schema)  # raises on an invalid spec
    assert '"url"' not in json.dumps(spec), "chart data must be inline (no network)"
    description = spec.get("description", "")
    assert len(description) > 40
    assert re.search(rf'id="{div_id}" class="chart" role="img" aria-label="[^"]+"', html)
    svg = vl_convert.vegalite_to_svg(spec)
    assert svg.startswith("<svg") and svg.count('role="graphics-symbol"') >= 3, div_id


def test_every_chart_has_its_static_svg_twin(page: Page, html: str):
    for div_id, _ in page.charts():
        name = div_id.removeprefix("chart-")
        twin = REPORT / "figures" / f"{name}.svg"
        assert twin.is_file() and twin.read_text(encoding="utf-8").startswith("<svg"), twin
    assert html.count('<noscript><img') == len(list(page.charts()))
    assert html.count('src="data:image/svg+xml') == len(list(page.charts()))


def test_every_internal_link_resolves(page: Page):
    missing = sorted({h for h in page.hrefs if h.startswith("#") and h[1:] not in page.ids})
    assert missing == []


class Resources(HTMLParser):
    """Every URL the page loads by itself: src, srcset, <link href>, <object data> and CSS url()/@import."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        for name in ("src", "poster", "background") + (("href",) if tag == "link" else ()) + (
                ("data",) if tag == "object" else ()):
            if attrs.get(name):
                self.urls.append(str(attrs[name]))
        for name in ("srcset", "imagesrcset"):
            self.urls += [item.split()[0] for item in (attrs.get(name) or "").split(",") if item.strip()]
        self._css(attrs.get("style") or "")
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self._css(data)

    def _css(self, css: str) -> None:
        self.urls += [m.group(1).strip("'\" ") for m in re.finditer(r"url\(\s*([^)]*)\)", css)]
        self.urls += [m.group(1) for m in re.finditer(r"@import\s+[\"']([^\"']+)", css)]


def external(url: str) -> bool:
    """Whether loading `url` would reach another host (data: and relative URLs stay on the page)."""
    return url.lstrip().lower().startswith(("http:", "https:", "//", "ftp:", "file:"))


def test_page_is_self_contained(page: Page, html: str):
    """Nothing is fetched: every src, stylesheet and CSS url() is a data: URI or a local file.

    Quarto inlines its CSS as `<link href="data:text/css,...">` and its scripts as
    `<script src="data:...">`; links a reader may follow (the articles' URLs) are not loads.
    """
    resources = Resources(html).urls
    assert resources, "the page should embed its stylesheet, font and figures as data: URIs"
    assert [u for u in resources if external(u)] == []
    assert "require.js" not in html and "cdn.jsdelivr" not in html
    assert html.count("window.vegaEmbed") == 1  # the bundle is loaded once
    downloads = [h for h in page.hrefs if h.startswith("../")]
    assert "../datapackage.json" in downloads
    for href in downloads:
        assert (REPORT / href).resolve().is_file(), href
    for resource in json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        assert f"../{resource['path']}" in downloads


# ---------------------------------------------------------------- reproducibility


def _copy_project(target: Path) -> Path:
    """What the report reads, copied under `target`; returns the copy's report folder."""
    for name in ("datapackage.json", "CITATION.cff"):  # the report's byline and cite box read CITATION.cff
        shutil.copy2(ROOT / name, target / name)
    for folder in ("data", "seeds", "scripts"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    report = target / "report"
    # The project's sources (qmd, _quarto.yml, stylesheet, fonts, CSL, bibliography), not its outputs.
    shutil.copytree(REPORT, report, ignore=shutil.ignore_patterns(
        "index.html", "figures", "_vega.html", ".quarto", "*_files", "*.quarto_ipynb", ".*.html.*"))
    return report


def test_report_is_current_and_renders_byte_identically(tmp_path: Path, html: str):
    report = _copy_project(tmp_path)
    first = render_report.render(report)[0].read_bytes()
    second = render_report.render(report)[0].read_bytes()
    assert first == second, "two renders differ"
    assert str(tmp_path).encode() not in first
    if not render_report.made_by_quarto(html):  # only the renderer that made the page reproduces its bytes
        assert first == html.encode("utf-8"), (
            "report/index.html is not what its inputs render to: re-render with "
            "`python -m scripts.reporting.render_report report`")


LATER_TABLES = ("stances", "agreement", "coding_pending", "polls", "statistics", "events", "event_mentions",
                "evaluation")


def test_report_renders_with_notes_before_the_later_tables_are_published(tmp_path: Path):
    """Without the codings, polls, events and evaluation tables the report still renders, and says so."""
    report = _copy_project(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in LATER_TABLES]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    out = render_report.render(report)[0].read_text(encoding="utf-8")
    for title in ("Codings not yet published", "Polls not yet published", "Agreement not yet available",
                  "Evaluation not yet published"):
        assert title in out
    assert len(list(Page(out).charts())) == 4  # the figures keep their numbers


# ---------------------------------------------------------------- the helpers behind the guarantees


@pytest.fixture(scope="module")
def corpus() -> rd.Corpus:
    return rd.Corpus(rd.Package.load(ROOT))


def test_quoter_prints_the_articles_characters_and_links_its_statements(corpus: rd.Corpus):
    source = "2017-11-15-politicshome-russian-interference"
    quoter = rd.Quoter(corpus, source)
    phrase = "in the Nato-Russian relationship"  # the article has no-break spaces around Nato-Russian
    evidence = quoter.find(phrase)
    text = corpus.texts[source]
    assert text[evidence.start:evidence.start + len(evidence.phrase)] == evidence.phrase
    assert "\xa0" in evidence.phrase
    by_id = {s["statement_id"]: s for s in read_csv("statements")}
    assert all(evidence.phrase in by_id[i]["text"] for i in evidence.statement_ids)
    markdown = quoter(phrase)
    assert markdown.startswith("“") and 'href="#st-' in markdown
    assert quoter.cite == f"[@{source}]"


@pytest.mark.parametrize("phrase", ["words that were never printed", "Newsletter sign-up"])
def test_quoter_refuses_phrases_outside_the_statements(corpus: rd.Corpus, phrase: str):
    with pytest.raises(rd.QuoteError):
        rd.Quoter(corpus, "2017-11-15-politicshome-russian-interference")(phrase)


def test_quoter_refuses_unknown_source(corpus: rd.Corpus):
    with pytest.raises(rd.QuoteError):
        rd.Quoter(corpus, "no-such-article")


@pytest.mark.parametrize("text", [
    "Putin's *foreign* policy -- [@key] <b>bold</b> ... `code` $x$ \\ #1 ~~struck~~ @fig-x",
    "what's being talked about...[but] Jeremy",
    "NATO expansion and Russian expansion—one leads to the other",
])
def test_md_escape_survives_pandoc_verbatim(tmp_path: Path, text: str):
    (tmp_path / "_quarto.yml").write_text("format:\n  html:\n    embed-resources: true\n", encoding="utf-8")
    (tmp_path / "index.qmd").write_text(f"---\ntitle: t\n---\n\nSaid “{rd.md_escape(text)}”.\n",
                                        encoding="utf-8")
    out = render_report.render(tmp_path)[0].read_text(encoding="utf-8")
    body = Page(out)
    (block,) = [b for b in body.blocks if b.tag == "p"]
    assert [squash(q) for q in quotations(block.text)] == [text]


@pytest.mark.parametrize(("start", "end", "label"), [
    ("2019-12-03", "2019-12-03", "3 Dec 2019"),
    ("2015-07-01", "2015-07-31", "Jul 2015"),
    ("2014-01-01", "2014-12-31", "2014"),
    ("2015-08-03", "2015-08-09", "3–9 Aug 2015"),
    ("2016-07-21", "2016-09-24", "21 Jul – 24 Sep 2016"),
    ("2015-12-30", "2016-01-02", "30 Dec 2015 – 2 Jan 2016"),
    ("", "2016-09-24", "undated (before 25 Sep 2016)"),
])
def test_interval_labels(start: str, end: str, label: str):
    assert rd.interval_label(rd.iso(start), rd.iso(end)) == label


def test_year_bounds_are_not_shown_as_days():
    """1 Jan is only the edge of a year-precision interval, not a day anyone said anything."""
    assert rd.interval_label(rd.iso("2022-01-01"), rd.iso("2022-02-24"), "year") == "2022, by 24 Feb"
    assert rd.dated(rd.iso("2014-08-30"), rd.iso("2014-08-30"), "day", "outside source", "X") == \
        "30 Aug 2014 (day; outside source: X)"
    assert rd.dated(None, None, "unknown", "", "") == "undated"


def test_roles_and_occasions_in_the_context_table():
    context = {c["statement_id"]: c for c in read_csv("statement_context")}
    statements = read_csv("statements")
    rally = [context[s["statement_id"]] for s in statements if context[s["statement_id"]]["occasion_id"]
             == "newport-anti-nato-rally-2014"]
    assert len(rally) >= 7
    assert {c["corbyn_role"] for c in rally} == {"Member of Parliament for Islington North"}
    dates = {(c["occasion_start"], c["occasion_date_basis"]) for c in rally}
    assert dates == {("2014-08-30", "outside source")}  # one date for one occasion, with its basis
    roles = {c["corbyn_role"] for c in context.values() if c["speaker_group"] != "other"}
    assert {"Labour leadership candidate", "Leader of the Labour Party",
            "Former Leader of the Labour Party"} <= roles
    for s in statements:
        c = context[s["statement_id"]]
        assert c["wording"] == ("paraphrase" if s["kind"] == "indirect" else "quotation")
        assert (c["occasion_start"] == "") == (c["occasion_basis"] == "undated")


def test_an_occasion_counts_once_however_often_it_is_retold():
    codings = pl.DataFrame({"target": ["t"] * 5, "occasion_id": ["a", "a", "a", "a", "b"],
                            "score": [-2, -2, -2, -2, 1],
                            "occasion_start": [date(2014, 1, 1)] * 4 + [date(2019, 1, 1)],
                            "occasion_end": [date(2014, 1, 1)] * 4 + [date(2019, 1, 1)],
                            "occasion_precision": ["day"] * 5, "occasion_date_basis": ["article"] * 5,
                            "occasion_date_source": ["x"] * 5, "role": [""] * 5, "outlet": ["o"] * 5})
    summary = rd.across_occasions(rd.per_occasion(codings, "target"), "target").row(0, named=True)
    assert (summary["occasions"], summary["statements"], summary["mean"]) == (2, 5, -0.5)  # not -1.4
    assert rd.score_cell(summary) == "−0.50 (2 occasions, 5 statements; −2 to +1)"


def test_chart_data_never_places_undated_words_on_a_time_axis():
    for name in ("stance", "said"):
        rows = tables.read_csv(REPORT / "figures" / f"{name}.csv")
        assert rows and all(not r["said"].startswith("undated") for r in rows), name


def test_stance_targets_are_defined_once():
    ids = [t["id"] for t in rd.TARGETS]
    for name, extra in (("stances", []), ("agreement", ["all"])):
        fields = {f["name"]: f for f in tables.resource(name)["schema"]["fields"]}
        assert fields["target"]["constraints"]["enum"] == ids + extra, name
    from scripts.steps import stances
    assert list(stances.TARGETS) == ids


def _occasion_means(target: str, occasion: str, voice: str,
                    wording: str) -> tuple[float, int, int, int] | None:
    """Recomputed from the CSVs alone: his statements of one occasion, voice and wording."""
    context = {c["statement_id"]: c for c in read_csv("statement_context")}
    scores = [int(s["score"]) for s in read_csv("stances")
              if s["target"] == target and s["voice"] == voice
              and context[s["statement_id"]]["occasion_id"] == occasion
              and context[s["statement_id"]]["wording"] == wording
              and context[s["statement_id"]]["speaker_group"] != "other"]
    return (sum(scores) / len(scores), len(scores), min(scores), max(scores)) if scores else None


FINDINGS = {  # key in rd.findings: (target, occasion, voice, wording)
    "nato_2014_quoted": ("nato-existence", "newport-anti-nato-rally-2014", "own", "quotation"),
    "nato_2019_own_quoted": ("nato-existence", "corbyn-jeremy-vine-interview-2019", "own", "quotation"),
    "nato_2019_official_quoted": ("nato-existence", "corbyn-jeremy-vine-interview-2019", "official",
                                  "quotation"),
    "a5_2016_quoted": ("nato-article5", "labour-leadership-hustings-birmingham-2016", "own", "quotation"),
    "a5_2016_paraphrase": ("nato-article5", "labour-leadership-hustings-birmingham-2016", "own",
                           "paraphrase"),
    "russia_2015_quoted": ("russia-putin", "corbyn-guardian-interview-2015", "own", "quotation"),
    "russia_2016_quoted": ("russia-putin", "labour-leadership-hustings-birmingham-2016", "own", "quotation"),
    "russia_2019_quoted": ("russia-putin", "corbyn-jeremy-vine-interview-2019", "own", "quotation"),
    "russia_2022_quoted": ("russia-putin", "corbyn-video-2022", "own", "quotation"),
}


def test_every_number_in_the_findings_is_recomputed_from_the_tables(page: Page, corpus: rd.Corpus):
    findings = " ".join(squash(b.text) for b in page.blocks if b.section == "Key findings")
    computed = rd.findings(corpus)
    assert set(computed) == set(FINDINGS)
    for key, spec in FINDINGS.items():
        mean, n, low, high = _occasion_means(*spec) or pytest.fail(f"{key}: no codings for {spec}")
        row = computed[key]
        assert row is not None and (row["statements"], row["low"], row["high"]) == (n, low, high), key
        assert abs(row["mean"] - mean) < 1e-9, key
        assert rd.occasion_cell(row) in findings, f"{key}: {rd.occasion_cell(row)!r} is not in the findings"


def test_the_report_names_model_coders_and_never_analysts(html: str):
    text = squash(re.sub(r"<[^>]+>", " ", html))
    assert "model-based coders" in text and "not human" in text
    assert not re.search(r"\banalysts? coded|coded by hand|analyst codings", text, re.I)
    descriptor = (ROOT / "datapackage.json").read_text(encoding="utf-8")
    assert "analyst codings" not in descriptor.lower() and "model-based" in descriptor
    assert {s["coder"] for s in read_csv("stances")} <= {"model-coder-a", "model-coder-b"}


def test_no_source_is_cited_by_its_file_path(html: str):
    assert "seeds/articles/" not in html and "[untitled article:" not in html


def test_chart_colours_reach_three_to_one_on_white():
    from scripts.reporting import charts
    colours = [*charts.OUTLET_COLOURS, *charts.SPEAKER_COLOURS.values(), *charts.PARTY_COLOURS.values(),
               charts.INK]
    ratios = {c: round(charts.contrast(c, charts.WHITE), 2) for c in colours}
    low = {c: r for c, r in ratios.items() if r < 3}
    assert low == {}
