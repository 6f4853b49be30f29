"""The pandoc fallback renderer and the chart helper, on small fixture projects written per test."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import altair as alt
import pytest

from scripts.reporting import charts, render_report
from scripts.reporting.render_report import RenderError

QUARTO = """\
project:
  type: default
format:
  html:
    embed-resources: true
    include-in-header: _vega.html
execute:
  echo: false
"""
HOSTILE = ["</script><img src=x onerror=alert(1)>", "{{< shortcode >}}", "[@cite]", "$$\\LaTeX$$"]
REFERENCES = [
    {
        "id": "doe2020",
        "type": "book",
        "title": "A Fixture Book",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
    }
]


def chart_cell(div_id: str, labels: list[str], description: str = "Bars per label.") -> str:
    """A cell that prints one bar chart of `labels` through the chart helper."""
    values = [{"label": label, "n": i + 1} for i, label in enumerate(labels)]
    return f"""```{{python}}
#| output: asis
import altair as alt
from scripts.reporting.charts import embed
chart = alt.Chart(alt.Data(values={values!r}), description={description!r}).mark_bar().encode(
    x="label:N", y="n:Q", tooltip=["label:N"])
print(embed(chart, {div_id!r}, "figures/{div_id}.svg"))
```
"""


@pytest.fixture(scope="session")
def vega_header(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The vega bundle header, written once."""
    path = tmp_path_factory.mktemp("vega") / "_vega.html"
    charts.vega_header(path)
    return path


@pytest.fixture
def project(tmp_path: Path, vega_header: Path):
    """A function writing a one-document project (`report/index.qmd`) and returning its folder."""

    def write(body: str, front: str = "title: Fixture") -> Path:
        folder = tmp_path / "report"
        folder.mkdir(exist_ok=True)
        (folder / "_quarto.yml").write_text(QUARTO, encoding="utf-8")
        shutil.copy(vega_header, folder / "_vega.html")
        (folder / "references.json").write_text(json.dumps(REFERENCES), encoding="utf-8")
        (folder / "index.qmd").write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
        return folder

    return write


def render(folder: Path) -> str:
    """Render the fixture project and return its HTML."""
    (out,) = render_report.render(folder)
    assert out == folder / "index.html"
    return out.read_text(encoding="utf-8")


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text of each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


def test_cells_run_in_order_in_one_namespace_in_the_report_folder(project):
    folder = project("""```{python}
from pathlib import Path
seen = [Path.cwd().name, Path("data.txt").read_text()]
```

```{python}
seen.append("second")
print(" / ".join(seen))
```
""")
    (folder / "data.txt").write_text("read relative", encoding="utf-8")
    assert "report / read relative / second" in render(folder)


def test_asis_output_is_markdown_and_plain_output_is_code(project):
    html = render(
        project("""```{python}
#| output: asis
print("Some **bold** words")
```

```{python}
print("Not **bold**")
```
""")
    )
    assert "Some <strong>bold</strong> words" in html
    assert re.search(r"<pre[^>]*cell-output-stdout[^>]*><code>Not \*\*bold\*\*", html)


def test_include_false_hides_output_eval_false_skips_and_echo_shows_code(project):
    html = render(
        project("""```{python}
#| include: false
secret = "shared-state-7f3a"
print("hidden-output-7f3a")
```

```{python}
#| eval: false
#| echo: true
raise SystemExit("skipped-7f3a")
```

```{python}
print(secret)
```
""")
    )
    assert "hidden-output-7f3a" not in html
    assert "shared-state-7f3a" in html
    assert re.search(r'<pre\s+class="sourceCode python cell-code">', html)
    assert "skipped-7f3a" in html  # shown by echo, not run


def test_figures_are_numbered_and_references_link_to_them(project):
    body = "See @fig-second and @fig-first.\n\n" + "\n".join(
        f"::: {{#fig-{name}}}\n\n{chart_cell(f'chart-{name}', ['a', 'b'])}\n{caption}\n:::\n"
        for name, caption in [("first", "The first caption."), ("second", "The second caption.")]
    )
    html = render(project(body))
    assert re.search(
        r'<figure id="fig-first">.*<figcaption>Figure\xa01: The first\s+caption\.</figcaption>', html, re.S
    )
    assert re.search(r"<figcaption>Figure\xa02: The second\s+caption\.</figcaption>", html)
    assert '<a href="#fig-second" class="quarto-xref">Figure\xa02</a>' in html
    assert '<a href="#fig-first" class="quarto-xref">Figure\xa01</a>' in html


def test_unknown_figure_reference_fails(project):
    with pytest.raises(RenderError, match="@fig-missing refers to no"):
        render(project("See @fig-missing.\n"))


def test_citations_and_bibliography_via_citeproc(project):
    html = render(
        project(
            "As argued [@doe2020].\n\n## References\n\n::: {#refs}\n:::\n",
            "title: Fixture\nbibliography: references.json",
        )
    )
    assert "(Doe 2020)" in html.replace('<a href="#ref-doe2020" role="doc-biblioref">', "").replace(
        "</a>", ""
    )
    refs = html[html.index('id="refs"') :]
    assert 'id="ref-doe2020"' in refs and "A Fixture Book" in refs


def test_callout_is_a_styled_div(project):
    html = render(
        project('::: {.callout-note}\nMind this.\n:::\n\n::: {.callout-tip title="A hint"}\nTry.\n:::\n')
    )
    assert re.search(
        r'<div class="callout callout-note">\s*<div class="callout-title">\s*Note\s*</div>', html
    )
    assert re.search(
        r'<div class="callout callout-tip">\s*<div class="callout-title">\s*A hint\s*</div>', html
    )


def test_html_is_self_contained(project):
    html = render(project("::: {#fig-one}\n\n" + chart_cell("chart-one", ["a"]) + "\nCaption.\n:::\n"))
    elements = Elements(html)
    assert all("src" not in attrs for tag, attrs in elements.tags if tag == "script")
    assert all(tag != "link" for tag, _ in elements.tags)
    assert all(not (attrs.get("src") or "").startswith("http") for _, attrs in elements.tags)
    assert 'src="http' not in html and "require.js" not in html and "cdn" not in html.lower()
    assert "vegaEmbed" in html and "window.vegaEmbed" in html


def test_two_renders_are_byte_identical_and_hold_no_machine_paths(project):
    folder = project(
        "::: {#fig-one}\n\n" + chart_cell("chart-one", ["a", "b"]) + "\nCaption.\n:::\n"
        "\nSee @fig-one; compare [@doe2020].\n",
        "title: Fixture\nbibliography: references.json\ndate: 2024-05-01",
    )
    first = (render_report.render(folder)[0]).read_bytes()
    second = (render_report.render(folder)[0]).read_bytes()
    assert first == second
    assert str(folder).encode() not in first and b"/tmp" not in first
    assert b"May 1, 2024" in first


def test_failing_cell_names_file_and_cell_and_keeps_old_output(project):
    folder = project("```{python}\nprint('fine')\n```\n")
    before = (render_report.render(folder)[0]).read_bytes()
    project("```{python}\nx = 1\n```\n\n```{python}\n#| label: broken\n\nvalue = 1 / 0\n```\n")
    with pytest.raises(RenderError) as error:
        render_report.render(folder)
    message = str(error.value)
    assert "index.qmd" in message and "cell 2" in message and "value = 1 / 0" in message
    assert "line 3" in message and "ZeroDivisionError" in message
    assert (folder / "index.html").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("body", "front", "expected"),
    [
        ("```{python}\n#| fig-cap: no\nx = 1\n```\n", "title: F", "unsupported cell options"),
        ("```{r}\nx <- 1\n```\n", "title: F", "unsupported executable cell"),
        ("```{python}\n1 + 1\n```\n", "title: F", "Jupyter would display"),
        ("Text.\n", "title: F\ndate: today", "computed date"),
        ("Text.\n", "title: F\nfreeze: true", "key 'freeze'"),
        ("See @fig-a [@doe2020].\n\n::: {#fig-a}\nA\n\nCaption.\n:::\n", "title: F", "must stand alone"),
    ],
)
def test_outside_the_subset_is_refused(project, body: str, front: str, expected: str):
    with pytest.raises(RenderError, match=expected):
        render(project(body, front))


def test_hostile_text_in_chart_data_stays_literal(project):
    description = "Chart of " + " ".join(HOSTILE)
    html = render(project(chart_cell("chart-hostile", HOSTILE, description)))
    elements = Elements(html)
    assert elements.count("script") == 2  # the vega header and the chart
    assert elements.count("img") == 1  # the <noscript> fallback
    (spec_text,) = [s for s in elements.scripts if "vegaEmbed(" in s and "window.vegaEmbed" not in s]
    spec = json.loads(
        re.fullmatch(r'vegaEmbed\("#chart-hostile", (.*), \{"actions": false\}\);', spec_text)[1]
    )
    assert [row["label"] for row in spec["datasets"][spec["data"]["name"]]] == HOSTILE
    (div,) = [attrs for tag, attrs in elements.tags if attrs.get("id") == "chart-hostile"]
    assert div["aria-label"] == description and div["role"] == "img"
    assert "</script><img" not in html and "{{<" not in html


def test_embed_requires_description_and_safe_id():
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q")
    with pytest.raises(ValueError, match="description"):
        charts.embed(chart, "ok")
    with pytest.raises(ValueError, match="div_id"):
        charts.embed(chart.properties(description="d"), 'x"><script>')
    block = charts.embed(chart.properties(description="d"), "ok", None)
    assert block.startswith("```{=html}\n") and block.endswith("\n```\n") and "<noscript>" not in block


def test_command_line_reports_errors(project, capsys: pytest.CaptureFixture[str]):
    folder = project("```{python}\nraise ValueError('bad input')\n```\n")
    assert render_report.main([str(folder)]) == 1
    assert "cell 1" in capsys.readouterr().err


def test_html_table_escapes_cells_and_tells_quarto_to_leave_it_alone():
    block = charts.html_table([{"a": "<b>[@cite] *x*</b>"}], {"a": "A & B"}, "table-x")
    assert 'data-quarto-disable-processing="true"' in block
    assert "&lt;b&gt;[@cite] *x*&lt;/b&gt;" in block and "<th>A &amp; B</th>" in block


def test_embed_stores_repeated_data_once():
    rows = [{"x": i, "y": i * i} for i in range(50)]
    other = [{"x": 0, "y": 7}]

    def panel(values: list[dict[str, int]]) -> alt.LayerChart:
        return alt.layer(alt.Chart(alt.Data(values=rows)).mark_line().encode(x="x:Q", y="y:Q"),
                         alt.Chart(alt.Data(values=values)).mark_point().encode(x="x:Q", y="y:Q"))

    chart = alt.vconcat(panel(other), panel(other), description="Two panels sharing their data.")
    block = charts.embed(chart, "chart-twice")
    spec = json.loads(re.search(r'vegaEmbed\("#chart-twice", (.*), \{"actions": false\}\);', block)[1])
    assert sorted(map(json.dumps, spec["datasets"].values())) == sorted(map(json.dumps, [rows, other]))
    text = json.dumps({k: v for k, v in spec.items() if k != "datasets"})
    assert '"values"' not in text and text.count('{"name": "data-') == 4


def test_static_svg_is_identical_when_drawn_twice_in_one_process():
    chart = alt.Chart(alt.Data(values=[{"x": 1, "y": 2}]), description="d").mark_point(clip=True).encode(
        x="x:Q", y="y:Q")
    spec = chart.to_dict()
    first, second = charts.static_svg(spec), charts.static_svg(spec)
    assert first == second and "clip1" in first
    assert "aria-label" not in first  # an <img> is described by its alt text, not per mark


def test_event_labels_on_one_lane_do_not_overlap():
    events = [{"name": f"Event number {i} with a long name", "start": f"20{14 + i // 3}-0{1 + i % 3}-01"}
              for i in range(12)]
    domain, width = ("2013-10-01", "2023-03-01"), 660
    lanes = charts.label_lanes(events, domain, width)
    first, last = (date.fromisoformat(d) for d in domain)
    spans: dict[int, list[tuple[float, float]]] = {}
    for e in lanes:
        x = (date.fromisoformat(e["start"]) - first).days / (last - first).days * width
        size = min(len(e["name"]) * charts.CHAR_WIDTH, charts.LABEL_LIMIT) + 6
        late = e["start"] >= charts._late(domain)
        spans.setdefault(e["lane"], []).append((x - size, x) if late else (x, x + size))
    for intervals in spans.values():
        intervals.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(intervals))


# ---------------------------------------------------------------- one stylesheet, font and citation style

REPORT = Path(__file__).resolve().parent.parent / "report"


def test_stylesheet_is_embedded_with_the_fonts_it_names(project):
    folder = project("Text.\n")
    (folder / "_quarto.yml").write_text(QUARTO.replace("    embed-resources: true\n",
                                                       "    embed-resources: true\n    css: styles.css\n"))
    (folder / "fonts").mkdir()
    shutil.copy(REPORT / "fonts" / "Lato-Regular.ttf", folder / "fonts" / "Lato-Regular.ttf")
    css = '@font-face { font-family: "Lato"; src: url("fonts/Lato-Regular.ttf"); }\ntd { padding: 0.3rem; }\n'
    (folder / "styles.css").write_text(css, encoding="utf-8")
    html = render(folder)
    assert "td { padding: 0.3rem; }" in html and "url(data:font/ttf;base64," in html
    assert "fonts/Lato-Regular.ttf" not in html and "<link" not in html


def test_missing_stylesheet_is_a_clear_error(project):
    folder = project("Text.\n")
    (folder / "_quarto.yml").write_text(QUARTO.replace("    embed-resources: true\n",
                                                       "    embed-resources: true\n    css: nope.css\n"))
    with pytest.raises(RenderError, match=r"'css' names 'nope\.css', not a file"):
        render_report.render(folder)


def test_the_report_names_one_stylesheet_and_one_citation_style_for_both_renderers():
    import yaml

    config = yaml.safe_load((REPORT / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["format"]["html"]["css"] == "styles.css"
    assert (REPORT / config["csl"]).is_file() and (REPORT / "csl" / "LICENSE.md").is_file()
    css = (REPORT / "styles.css").read_text(encoding="utf-8")
    for name in re.findall(r'url\("([^"]+)"\)', css):
        assert (REPORT / name).is_file(), name
    assert f'font-family: "{charts.FONT}"' in css and (REPORT / "fonts" / "OFL.txt").is_file()


def test_pinned_style_cites_untitled_and_month_only_sources_sensibly(project):
    """No repeated years ("March 2022.", "2016. 2016.") and no quoted title as a citation."""
    references = [
        {"id": "express", "type": "article-newspaper", "title": '<span class="nocase">A headline</span>',
         "container-title": "Daily Express", "issued": {"date-parts": [[2022, 3]]}},
        {"id": "untitled", "type": "article-newspaper",
         "title": '<span class="nocase">[untitled article: x.txt]</span>',
         "issued": {"date-parts": [[2016]]}},
    ]
    folder = project("One [@express]. Two [@untitled].\n\n::: {#refs}\n:::\n",
                     "title: F\nbibliography: references.json\ncsl: chicago-author-date.csl")
    (folder / "references.json").write_text(json.dumps(references), encoding="utf-8")
    shutil.copy(REPORT / "csl" / "chicago-author-date.csl", folder)
    text = re.sub(r"<[^>]+>", "", render(folder))
    text = " ".join(text.split())
    assert "(Daily Express 2022)" in text and "(“[untitled" not in text
    assert "“A headline.” March." in text and "March 2022" not in text
    assert "[untitled article: x.txt]. 2016." in text
    assert "2016. 2016" not in text and "2016, 2016" not in text


def test_every_chart_is_measured_in_the_shipped_font():
    chart = alt.Chart(alt.Data(values=[{"x": "a", "y": 2}]), description="d", title="T").mark_text().encode(
        x="x:N", y="y:Q", text="x:N").configure_axis(labelFontSize=9)
    block = charts.embed(chart, "chart-font")
    spec = json.loads(re.search(r'vegaEmbed\("#chart-font", (.*), \{"actions": false\}\);', block)[1])
    config = spec["config"]
    assert config["font"] == charts.FONT_STACK and config["axis"]["labelFontSize"] == 9  # chart's own kept
    assert charts.FONT_STACK.startswith(f"{charts.FONT},")
    for key, fonts in charts.FONT_CONFIG.items():
        assert fonts == charts.FONT_STACK or all(config[key][k] == charts.FONT_STACK for k in fonts), key
    svg = charts.static_svg(chart.to_dict())
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families == {charts.FONT_STACK}
    assert {p.name for p in charts.FONT_DIR.glob("*.ttf")} >= {"Lato-Regular.ttf", "Lato-Bold.ttf"}


@pytest.mark.parametrize(("head", "name", "quarto"), [
    ('<meta name="generator" content="pandoc" />', "pandoc", False),
    ('<meta name="generator" content="quarto-1.7.34">', "quarto-1.7.34", True),
    ("<meta content='quarto-1.5.57' name='generator'>", "quarto-1.5.57", True),
    ('<meta charset="utf-8">', "", False),
])
def test_the_page_names_the_renderer_that_made_it(project, head: str, name: str, quarto: bool):
    page = f"<!DOCTYPE html><html><head>{head}</head><body></body></html>"
    assert render_report.generator(page) == name and render_report.made_by_quarto(page) is quarto
    assert render_report.generator(render(project("Text.\n"))) == "pandoc"
