"""The report stays readable and small on a large package (issue 13: readable at 10,000 articles).

The published package is replicated `COPIES` times (scripts/reporting/scale.py: new ids, a few
dozen outlets) and rendered with the report's recipe. The size is chosen to pass every bound in
scripts/reporting/report_data.py (chart rows, labelled chart rows, table rows, appendix rows,
listed items, coloured outlets), so that every summarising branch runs; the render takes about
15 s on two shared cores.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from scripts.reporting import report_data as rd
from scripts.reporting.scale import synthetic_package
from tests.conftest import needs

ROOT = Path(__file__).resolve().parent.parent
COPIES = 100  # 500 articles, about 9,800 statements: past every bound below
MAX_PAGE_BYTES = 6 * 2**20  # the seeds' page is about 1.7 MB, most of it fonts and the Vega libraries
MAX_SPEC_BYTES = 400_000
FIGURES = ("chart-stance", "chart-said", "chart-polls", "chart-events")
_EMBED = re.compile(r'vegaEmbed\("#([\w-]+)", (\{.*?\}), \{"actions": false\}\);</script>', re.S)
_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A replicated package, rendered: the project folder."""
    root = synthetic_package(ROOT, COPIES, tmp_path_factory.mktemp("scale") / "project")
    for cmd in (["-m", "scripts.reporting.bibliography"],
                ["-c", "from scripts.reporting.charts import vega_header; vega_header('report/_vega.html')"],
                ["-m", "scripts.reporting.render_report", "report"]):
        done = subprocess.run([sys.executable, *cmd], cwd=root, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    return root


@pytest.fixture(scope="module")
def page(scaled: Path) -> str:
    return (scaled / "report" / "index.html").read_text(encoding="utf-8")


def test_the_package_is_past_every_bound(scaled: Path) -> None:
    """The synthetic package is large enough that every summarising branch of the report runs."""
    statements = pl.read_csv(scaled / "data" / "statements.csv", infer_schema=False)
    sources = pl.read_csv(scaled / "data" / "sources.csv", infer_schema=False)
    assert len(sources) == 5 * COPIES
    assert len(statements) > rd.MAX_STATEMENTS
    assert sources["outlet"].n_unique() > rd.MAX_OUTLETS
    assert len(pl.read_csv(scaled / "data" / "polls.csv", infer_schema=False)) > rd.MAX_LABELLED


def test_page_size_is_bounded(page: str) -> None:
    assert len(page.encode("utf-8")) < MAX_PAGE_BYTES


def test_every_chart_carries_bounded_data(page: str, scaled: Path) -> None:
    """Each chart's inline data: at most MAX_MARKS rows per dataset and a bounded spec; the figures
    past the bound say that they draw bins."""
    specs = {m.group(1): m.group(2) for m in _EMBED.finditer(page)}
    assert set(specs) == set(FIGURES)
    for name, text in specs.items():
        assert len(text) < MAX_SPEC_BYTES, (name, len(text))
        datasets = json.loads(text).get("datasets", {})
        assert datasets, name
        assert sum(len(rows) for rows in datasets.values()) <= 2 * rd.MAX_MARKS, name
        assert all(len(rows) <= rd.MAX_MARKS for rows in datasets.values()), name
    assert page.count("At this size the figure draws bins") == len(FIGURES)
    for figure in ("stance", "said", "polls", "events"):
        svg = scaled / "report" / "figures" / f"{figure}.svg"
        assert svg.stat().st_size < MAX_SPEC_BYTES, figure
        rows = pl.read_csv(scaled / "report" / "figures" / f"{figure}.csv", infer_schema=False)
        assert 0 < len(rows) <= rd.MAX_MARKS, figure


def test_the_page_keeps_every_figure_and_caption(page: str) -> None:
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)
    starts = ("Coded stance by occasion.", "When each occasion took place", "Opinion-poll shares",
              "Events the articles refer to")
    assert len(captions) == len(starts)
    for n, (caption, start) in enumerate(zip(captions, starts, strict=True), 1):
        assert re.match(rf"Figure(\s|&nbsp;|\u00a0){n}: {re.escape(start)}", caption), caption[:80]
    assert page.count("<noscript><img ") == len(FIGURES)  # each chart's static SVG twin


def test_tables_are_capped_and_say_where_the_rest_is(page: str) -> None:
    tables = [(attrs, body.count("<tr")) for attrs, body in _TABLE.findall(page)]
    appendix = [rows for attrs, rows in tables if 'id="table-statements"' in attrs]
    assert appendix and appendix[0] - 1 <= rd.MAX_STATEMENTS + 100
    others = [rows for attrs, rows in tables if 'id="table-statements"' not in attrs]
    assert others and all(rows - 1 <= rd.MAX_TABLE_ROWS for rows in others)
    assert "data/statements.csv" in page and "statements: the first 1,000 in reading order" in page
    assert 'class="table-more">The first 400 of' in page


def test_every_statement_link_has_its_row(page: str) -> None:
    """The prose's links to statements (S-numbers) land on rows the capped appendix holds."""
    targets = set(re.findall(r'<a href="#(st-[\w-]+)" class="st-link">', page))
    rows = set(re.findall(r'<tr id="(st-[\w-]+)"', page))
    assert targets and targets <= rows


def test_every_reference_link_has_its_entry(page: str) -> None:
    """The appendix links an article to its bibliography entry only when the page cites it."""
    links = set(re.findall(r'href="#(ref-[^"]+)"', page))
    entries = set(re.findall(r'id="(ref-[^"]+)"', page))
    assert links and links <= entries


def test_lists_name_the_first_items_and_count_the_rest(page: str) -> None:
    assert "other outlets" in page
    assert re.search(r"and\s+[\d,]+\s+more", page)


def test_the_page_draws_in_a_browser(scaled: Path) -> None:
    """Headless Chromium draws every chart of the large page, with no console error (skips
    without Chromium). No screenshot: the page is too tall for one."""
    from browser import CHROMIUM, visit
    from test_browser import ALL_CHARTS_DRAWN

    needs(CHROMIUM.exists(), f"{CHROMIUM} (Debian's chromium package)")
    seen = visit(scaled / "report" / "index.html", ready=ALL_CHARTS_DRAWN)
    assert seen.errors == []
    for div_id in FIGURES:
        chunk = seen.dom[seen.dom.index(f'id="{div_id}"'):]
        assert "<svg" in chunk[: chunk.index("</svg>")], div_id
