"""The rendered fixture page in headless Chromium: charts drawn, no console errors, a screenshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import CHROMIUM, console_errors, dump_dom, screenshot
from test_render_report import HOSTILE, QUARTO, chart_cell

from scripts import charts, render_report

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (CI installs Debian's chromium package)"
)
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
