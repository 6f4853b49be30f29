"""Pages in headless Chromium (networking off): charts drawn, no console errors, screenshots.

First a small fixture project (two figures, one with hostile labels), then the real report,
report/index.html: every chart drawn, no console error, nothing fetched, and a full-page
screenshot saved to a temporary folder and to /tmp/report-screenshot.png for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM, WIDTH, Visit, console_errors, dump_dom, screenshot, visit
from test_render_report import HOSTILE, QUARTO, chart_cell

from scripts.reporting import charts, render_report
from tests.conftest import STRICT

# Skipped without Chromium on a developer's machine; under CI (which installs it) they run and fail.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not STRICT,
    reason=f"{CHROMIUM} is not installed (CI installs Debian's chromium package)")
CHART_IDS = ["chart-plain", "chart-hostile"]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, rendered: two figures, one of them with hostile labels."""
    folder = tmp_path_factory.mktemp("browser") / "report"
    folder.mkdir()
    (folder / "_quarto.yml").write_text(QUARTO, encoding="utf-8")
    charts.vega_header(folder / "_vega.html")
    body = "".join(
        f"::: {{#fig-{i}}}\n\n{chart_cell(div_id, labels)}\nCaption {i}.\n:::\n\n"
        for i, (div_id, labels) in enumerate(zip(CHART_IDS, [["a", "b", "c"], HOSTILE], strict=True), 1)
    )
    (folder / "index.qmd").write_text(f"---\ntitle: Browser fixture\n---\n\n{body}", encoding="utf-8")
    (out,) = render_report.render(folder)
    return out


def test_every_chart_is_drawn_as_svg_with_marks(page: Path):
    dom = dump_dom(page)
    for div_id in CHART_IDS:
        chunk = dom[dom.index(f'id="{div_id}"') :]
        chunk = chunk[: chunk.index("</svg>")]
        assert "<svg" in chunk, div_id
        assert re.search(r'class="mark-rect[^"]*"[^>]*>\s*<path', chunk), div_id
    assert "<img src=x" not in dom  # the hostile label was drawn as text, not parsed as markup
    assert "&lt;/script&gt;" in dom


def test_page_loads_without_console_errors(page: Path):
    assert console_errors(page) == []


def test_full_page_screenshot(page: Path):
    png = page.with_name("screenshot.png")
    screenshot(page, png)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(data[16:20], "big") == 1200
    assert int.from_bytes(data[20:24], "big") > 600  # both figures, not just the viewport


# ---------------------------------------------------------------- the real report

REPORT_HTML = Path(__file__).resolve().parent.parent / "report" / "index.html"
SCREENSHOT_COPY = Path("/tmp/report-screenshot.png")
# Ready when every chart div holds an <svg> (vega-embed has drawn them all).
ALL_CHARTS_DRAWN = ("[...document.querySelectorAll('div.chart')].length > 0 && "
                    "[...document.querySelectorAll('div.chart')].every(d => d.querySelector('svg'))")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Visit, Path]:
    """The rendered report loaded once, with a full-page screenshot (also copied to /tmp)."""
    if not REPORT_HTML.is_file():
        pytest.fail(f"{REPORT_HTML} is missing: run `make report`")
    png = tmp_path_factory.mktemp("report-screenshot") / "report.png"
    seen = visit(REPORT_HTML, png, ready=ALL_CHARTS_DRAWN)
    shutil.copyfile(png, SCREENSHOT_COPY)
    return seen, png


def chart_ids() -> list[str]:
    """The chart divs written into the report."""
    return re.findall(r'<div id="([\w-]+)" class="chart"', REPORT_HTML.read_text(encoding="utf-8"))


def test_report_draws_every_chart_with_marks(report: tuple[Visit, Path]):
    dom = report[0].dom
    ids = chart_ids()
    assert len(ids) >= 4
    for div_id in ids:
        chunk = dom[dom.index(f'id="{div_id}"'):]
        chunk = chunk[: chunk.index("</svg>")]
        assert "<svg" in chunk, div_id
        marks = re.findall(r'<g class="mark-(?:symbol|rect|rule|text)[^"]*"[^>]*>(.*?)</g>', chunk, re.S)
        drawn = [m for m in marks if re.search(r'<(?:path d="M|line )', m)]
        assert len(drawn) >= 2, f"{div_id}: no drawn marks"


def test_report_loads_without_console_errors(report: tuple[Visit, Path]):
    assert report[0].errors == []


def test_report_fetches_nothing_but_itself(report: tuple[Visit, Path]):
    outside = [u for u in report[0].requests if not u.startswith(("file://", "data:", "about:"))]
    assert outside == []


def test_report_full_page_screenshot(report: tuple[Visit, Path]):
    data = report[1].read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(data[16:20], "big") == WIDTH
    assert int.from_bytes(data[20:24], "big") > 5000  # the whole report, not the first screen
    assert SCREENSHOT_COPY.read_bytes() == data


# ---------------------------------------------------------------- desktop and phone

SCREENS = Path(__file__).resolve().parent.parent / ".build" / "screens"
# What a reader sees at a width: every chart's drawn marks, and anything wider than the viewport.
LAYOUT_PROBE = """(() => {
  const vw = document.documentElement.clientWidth;
  const charts = [...document.querySelectorAll('div.chart')].map(d => ({
    id: d.id,
    marks: [...d.querySelectorAll('g[class^="mark-"] path, g[class^="mark-"] line, g[class^="mark-"] text')]
      .filter(m => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length,
    right: d.querySelector('svg') ? d.querySelector('svg').getBoundingClientRect().right : 0,
  }));
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const b = e.getBoundingClientRect();
    if (b.width === 0 || b.right <= vw + 1) { return false; }
    for (let p = e.parentElement; p; p = p.parentElement) {  // inside a box that scrolls: fine
      const s = getComputedStyle(p);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p.getBoundingClientRect().right <= vw + 1) {
        return false;
      }
    }
    return true;
  }).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className);
  return {vw, scrollWidth: document.documentElement.scrollWidth, charts, wide: wide.slice(0, 20)};
})()"""


@pytest.fixture(scope="module", params=[1280, 390], ids=["desktop", "phone"])
def screen(request: pytest.FixtureRequest) -> tuple[int, Visit]:
    """The report at a desktop and a phone width; screenshots go to .build/screens/ (not committed)."""
    if not REPORT_HTML.is_file():
        pytest.fail(f"{REPORT_HTML} is missing: run `make report`")
    SCREENS.mkdir(parents=True, exist_ok=True)
    png = SCREENS / f"report-{request.param}.png"
    parts = {"top": "body", "top2": "#key-findings", "statements": "#table-statements",
             **{name: f"#fig-{name}" for name in ("stance", "said", "polls", "events")}}
    seen = visit(REPORT_HTML, png, ready=ALL_CHARTS_DRAWN, width=request.param, probe=LAYOUT_PROBE,
                 parts=parts)
    return request.param, seen


def test_every_chart_draws_marks_inside_the_page(screen: tuple[int, Visit]):
    width, seen = screen
    layout = seen.probe
    assert len(layout["charts"]) >= 4
    for chart in layout["charts"]:
        assert chart["marks"] >= 10, f"{chart['id']} at {width} px drew {chart['marks']} marks"
        assert chart["right"] <= layout["vw"] + 1, f"{chart['id']} at {width} px is wider than the page"


def test_nothing_overflows_the_viewport(screen: tuple[int, Visit]):
    width, seen = screen
    layout = seen.probe
    assert layout["wide"] == [], f"at {width} px these stick out of the page: {layout['wide']}"
    assert layout["scrollWidth"] <= layout["vw"] + 1, f"the page scrolls sideways at {width} px"


def test_screenshots_for_a_person_to_look_at(screen: tuple[int, Visit]):
    width, _ = screen
    data = (SCREENS / f"report-{width}.png").read_bytes()
    assert int.from_bytes(data[16:20], "big") == width
