"""The one way the report puts an Altair chart on the page, in Quarto and in the fallback renderer.

A report calls `vega_header("_vega.html")` once (the file is loaded through
`include-in-header`) and prints `embed(chart, "chart-id", "chart-id.svg")` from a
`#| output: asis` cell. Altair's own HTML renderers must never reach the page:
they load vega from a CDN (see shared/QUARTO.md).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl
import vl_convert

from scripts.reporting.report_data import MAX_TABLE_ROWS

# ---------------------------------------------------------------- the charts' font
#
# vl-convert measures text (label widths, title offsets) with the fonts it can find, so a chart
# named in a font the machine lacks would come out differently on every machine. The report ships
# its font (Lato, SIL OFL 1.1, report/fonts/OFL.txt), registers it here before any conversion and
# names it for every text of every chart; report/styles.css gives the page the same font.
# The generic fallback only shows where Lato is absent (a static SVG opened on its own): text is
# measured in Lato, which is always registered, so the geometry is the same either way.
FONT = "Lato"
FONT_STACK = f"{FONT}, sans-serif"
FONT_DIR = Path(__file__).resolve().parents[2] / "report" / "fonts"
FONT_CONFIG: dict[str, Any] = {
    "font": FONT_STACK,
    "title": {"font": FONT_STACK, "subtitleFont": FONT_STACK},
    "axis": {"labelFont": FONT_STACK, "titleFont": FONT_STACK},
    "legend": {"labelFont": FONT_STACK, "titleFont": FONT_STACK},
    "header": {"labelFont": FONT_STACK, "titleFont": FONT_STACK},
    "mark": {"font": FONT_STACK},
    "text": {"font": FONT_STACK},
}


def register_font() -> None:
    """Make the shipped font known to vl-convert (idempotent; done on import of this module)."""
    if not any(FONT_DIR.glob("*.ttf")):
        raise FileNotFoundError(f"{FONT_DIR}: the charts' font files are missing (see report/styles.css)")
    vl_convert.register_font_directory(str(FONT_DIR))


def with_font(spec: dict) -> dict:
    """`spec` with the shipped font named in its config (the chart's own config settings kept)."""
    config = dict(spec.get("config", {}))
    for key, value in FONT_CONFIG.items():
        config[key] = {**value, **config.get(key, {})} if isinstance(value, dict) else value
    return {**spec, "config": config}


register_font()

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
# Characters that could end a <script>, start a comment or break a JS string literal.
_SCRIPT_SAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&`\u2028\u2029"})


def vega_header(path: str | Path) -> None:
    """Write the `<script>` that defines `vegaEmbed`, `vegaLite` and `vega` (offline bundle) to `path`."""
    bundle = vl_convert.javascript_bundle()
    if "</script" in bundle.lower():
        raise RuntimeError("the vl-convert bundle contains '</script' and cannot be inlined")
    Path(path).write_text(f"<script>{bundle}</script>\n", encoding="utf-8")


def embed(chart: alt.TopLevelMixin, div_id: str, svg_path: str | None = None) -> str:
    """Return a raw HTML block drawing `chart` with vega-embed; print it from an `output: asis` cell.

    The chart must have a `description` (used as the accessible label). If `svg_path`
    (relative to the report folder) is given, a static SVG of the chart is written there
    and shown by a `<noscript>` fallback.
    """
    if not _ID.match(div_id):
        raise ValueError(f"div_id must match {_ID.pattern!r}: {div_id!r}")
    spec = with_font(consolidate(chart.to_dict()))
    description = spec.get("description")
    if not isinstance(description, str) or not description.strip():
        raise ValueError(f"chart {div_id!r} needs a description (alt.Chart(..., description=...))")
    label = _attr(description)
    parts = [
        f'<div id="{div_id}" class="chart" role="img" aria-label="{label}"></div>',
        f'<script>vegaEmbed("#{div_id}", {_script_json(spec)}, {{"actions": false}});</script>',
    ]
    if svg_path is not None:
        if Path(svg_path).is_absolute():
            raise ValueError(f"svg_path must be relative to the report folder: {svg_path!r}")
        Path(svg_path).parent.mkdir(parents=True, exist_ok=True)
        Path(svg_path).write_text(static_svg(spec), encoding="utf-8")
        parts.append(f'<noscript><img src="{_attr(Path(svg_path).as_posix())}" alt="{label}"></noscript>')
    return "```{=html}\n" + "\n".join(parts) + "\n```\n"


def consolidate(spec: dict) -> dict:
    """`spec` with every inline `{"values": [...]}` moved to top-level `datasets`, named by content.

    Layers and panels that draw the same rows (role bands, events) then carry them once.
    """
    datasets: dict[str, list] = dict(spec.get("datasets", {}))

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: walk(value) for key, value in node.items()}
        data = out.get("data")
        if isinstance(data, dict) and set(data) == {"values"} and isinstance(data["values"], list):
            text = json.dumps(data["values"], sort_keys=True, ensure_ascii=False)
            name = "data-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            datasets[name] = data["values"]
            out["data"] = {"name": name}
        return out

    result = walk({k: v for k, v in spec.items() if k != "datasets"})
    assert isinstance(result, dict)
    if datasets:
        result["datasets"] = datasets
    return result


def static_svg(spec: dict) -> str:
    """The chart as an SVG image, without per-mark ARIA labels.

    An `<img>` is one image to assistive technology, described by its `alt` text (the chart's
    description); the labels vega writes on every mark would only make the file larger.
    """
    spec = with_font(spec)
    config = {**spec.get("config", {}), "aria": False}
    return _renumber_clips(vl_convert.vegalite_to_svg({**spec, "config": config}))


_CLIP = re.compile(r"\bclip(\d+)\b")


def _renumber_clips(svg: str) -> str:
    """Number clip-path ids 1, 2, … in order of appearance.

    vl-convert counts them across every chart drawn in the process, so the same chart drawn
    twice in one process would otherwise differ.
    """
    numbers: dict[str, int] = {}
    return _CLIP.sub(lambda m: f"clip{numbers.setdefault(m.group(1), len(numbers) + 1)}", svg)


def _script_json(spec: dict) -> str:
    """`spec` as deterministic JSON that is safe inside a `<script>` element."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)


def _attr(text: str) -> str:
    """Escape `text` for a double-quoted HTML attribute on one line without backticks."""
    return html.escape(text, quote=True).replace("\n", "&#10;").replace("`", "&#96;")


def _cell(text: str) -> str:
    """Escaped cell text on one line, so no line of it can close the raw HTML block."""
    return html.escape(text).replace("\r", "&#13;").replace("\n", "&#10;")


def html_table(rows: list[dict[str, str]], columns: dict[str, str], table_id: str,
               limit: int = MAX_TABLE_ROWS, rest: str = "the package") -> str:
    """A raw HTML table block with every cell escaped (article text is data, never markup).

    Past `limit` rows, the first `limit` and a note that `rest` (a table of the package) has all.
    """
    if not _ID.match(table_id):
        raise ValueError(f"table_id must match {_ID.pattern!r}: {table_id!r}")
    head = "".join(f"<th>{_cell(label)}</th>" for label in columns.values())
    body = "\n".join("<tr>" + "".join(f"<td>{_cell(str(r.get(c, '')))}</td>" for c in columns) + "</tr>"
                     for r in rows[:limit])
    return (f'```{{=html}}\n{_more(len(rows), limit, rest)}<table id="{table_id}" class="data-table" '
            f'data-quarto-disable-processing="true">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n```\n")


def _more(rows: int, limit: int, rest: str) -> str:
    """The note above a table cut to its first `limit` of `rows` rows ('' when it is not cut)."""
    if rows <= limit:
        return ""
    return (f'<p class="table-more">The first {limit:,} of {rows:,} rows are shown; '
            f"{_cell(rest)} holds all of them.</p>\n")


# ---------------------------------------------------------------- the report's charts
#
# Time runs on a UTC scale (dates are days, not instants, and labels must not depend on the
# reader's time zone). Every interval is drawn from its first to the day after its last
# possible day, with a mark on each end, so a one-day interval is a dot and a year a bar:
# no interval is ever shown as a made-up point date. Charts draw aggregates (one mark per
# occasion, article or poll figure), never one mark per row of a large table.
#
# Widths: each chart is specified at BASE_WIDTH and carries `usermeta.reflow`; the script
# from `reflow_script()` rescales every view of that width to the chart's container before
# vega-embed draws it (and again when the container's width changes), so the same spec fits
# a phone and a desktop. Concatenated and faceted charts cannot use Vega-Lite's
# `width: "container"`, so this is the one mechanism for all of them.

BASE_WIDTH = 640
Rows = list[dict[str, object]]
WHITE = "#ffffff"
INK = "#1a1a1a"
# Colour-blind-safe, each at least 3:1 against white (checked by `contrast` in the tests).
CORBYN_RED = "#b2182b"    # 6.2:1
OFFICE_PURPLE = "#5e3c99"  # 8.6:1
GREY = "#6f6f6f"          # 5.0:1
OUTLET_COLOURS = ["#0072b2", "#b35806", "#007a5e", "#7b3294", "#1a1a1a", "#a6005b"]
SPEAKER_COLOURS = {"Corbyn": CORBYN_RED, "Corbyn's office": OFFICE_PURPLE, "other speakers": GREY}
# Party colours a British reader expects, darkened where needed to reach 3:1 on white.
PARTY_COLOURS = {"Conservative Party": "#0063a6", "Labour Party": "#c8102e",
                 "Liberal Democrats": "#a35a00", "Jeremy Corbyn": "#c8102e", "Andy Burnham": "#6f6f6f"}
VOICE_SHAPES = {"his own view": "circle", "party or official line": "square", "unclear": "triangle-up"}
WORDING_FILL = {"his words, quoted": "filled", "the reporter's paraphrase": "open"}


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    def lum(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def reflow_script() -> str:
    """A raw HTML block, printed once before the first chart, that fits every chart to its box.

    It wraps `vegaEmbed`: views whose width equals the spec's `usermeta.reflow.width` are
    given the container's width less `usermeta.reflow.margin` (at least 200 px).
    """
    js = """
(function () {
  var root = window, embed = root.vegaEmbed;
  if (!embed || embed.reflows) { return; }
  function fit(node, from, to) {
    if (Array.isArray(node)) { node.forEach(function (n) { fit(n, from, to); }); return; }
    if (!node || typeof node !== "object") { return; }
    Object.keys(node).forEach(function (k) {
      if (k === "width" && node[k] === from) { node[k] = to; }
      else if (k !== "datasets") { fit(node[k], from, to); }
    });
  }
  function draw(selector, spec, options) {
    var el = document.querySelector(selector);
    var meta = (spec.usermeta || {}).reflow;
    if (!el || !meta) { return embed(selector, spec, options); }
    var copy = JSON.parse(JSON.stringify(spec));
    var width = Math.max(200, Math.min(meta.width, el.clientWidth - meta.margin));
    fit(copy, meta.width, width);
    el.dataset.drawnWidth = String(width);
    return embed(selector, copy, options);
  }
  root.vegaEmbed = function (selector, spec, options) {
    var el = document.querySelector(selector);
    if (el && root.ResizeObserver) {
      var last = el.clientWidth;
      new ResizeObserver(function () {
        if (Math.abs(el.clientWidth - last) > 24) { last = el.clientWidth; draw(selector, spec, options); }
      }).observe(el);
    }
    return draw(selector, spec, options);
  };
  root.vegaEmbed.reflows = true;
})();
"""
    return _script_block(js)


def _script_block(js: str) -> str:
    """A raw HTML block holding the script `js` (our own code, checked not to end its element)."""
    if "</" in js or "<!--" in js:
        raise ValueError("a script must not contain '</' or '<!--'")
    return "```{=html}\n<script>" + js.strip() + "</script>\n```\n"


def _reflow(chart: alt.TopLevelMixin, margin: int) -> alt.TopLevelMixin:
    return chart.properties(usermeta={"reflow": {"width": BASE_WIDTH, "margin": margin}})


def plain(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with dates as ISO day strings (read as UTC days by Vega) for a chart."""
    return frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))


def time_x(field: str, domain: tuple[str, str], *, labels: bool = True, title: str | None = None) -> alt.X:
    """A temporal x channel on a fixed UTC domain, yearly ticks."""
    axis = alt.Axis(format="%Y", tickCount="year", labels=labels, ticks=labels, title=title,
                    grid=True, gridColor="#e6e6e6", labelOverlap=True)
    return alt.X(f"{field}:T", scale=alt.Scale(type="utc", domain=list(domain)), axis=axis)


def _event_rules(events: pl.DataFrame, domain: tuple[str, str], labels: bool = True) -> alt.Chart:
    """Dashed rules at the first day of key events."""
    return alt.Chart(plain(events)).mark_rule(color="#555555", strokeDash=[3, 3], strokeWidth=1,
                                              clip=True).encode(
        x=time_x("start", domain, labels=labels),
        tooltip=[alt.Tooltip("name:N", title="Event"), alt.Tooltip("when:N", title="When")],
    )


LABEL_LIMIT = 170  # pixels
CHAR_WIDTH = 5.6  # rough width of a 10px sans-serif character, for placing labels
LANE_WIDTH = 300
LINE_CHARS = 46  # an event's label is wrapped to lines that fit the narrowest chart (about 260 px)


def label_lanes(events: Rows, domain: tuple[str, str], width: int) -> Rows:
    """Events with a `lane` each, so that no two labels on a lane overlap (greedy, in date order)."""
    first, last = (date.fromisoformat(d) for d in domain)
    late = _late(domain)
    ends: list[float] = []
    out = []
    for e in sorted(events, key=lambda e: str(e["start"])):
        x = (date.fromisoformat(str(e["start"])) - first).days / (last - first).days * width
        size = min(len(str(e["name"])) * CHAR_WIDTH, LABEL_LIMIT) + 6
        left, right = (x - size, x) if str(e["start"]) >= late else (x, x + size)
        lane = next((i for i, end in enumerate(ends) if end < left), len(ends))
        if lane == len(ends):
            ends.append(right)
        ends[lane] = right
        out.append({**e, "lane": lane})
    return out


def _late(domain: tuple[str, str]) -> str:
    """The ISO day after which a label drawn rightwards would leave the plot (the last fifth)."""
    first, last = (date.fromisoformat(d) for d in domain)
    return (last - (last - first) / 5).isoformat()


def event_strip(events: pl.DataFrame, domain: tuple[str, str]) -> alt.LayerChart:
    """A band above the panels: key events, labelled in lanes (short labels; full name on hover)."""
    rows = [{**e, "short": e["short"]} for e in plain(events).to_dicts()]
    if not rows:  # no events published yet: an empty strip that says so
        note = pl.DataFrame({"note": ["no events published yet"], "at": [domain[0]]})
        return alt.Chart(note).mark_text(align="left", fontSize=10, color=GREY, fontStyle="italic").encode(
            x=time_x("at", domain, labels=False), text="note:N").properties(width=BASE_WIDTH, height=17)
    lanes = pl.DataFrame(label_lanes([{**r, "name": r["short"]} for r in rows], domain, LANE_WIDTH))
    late = _late(domain)
    tooltip = [alt.Tooltip("full:N", title="Event"), alt.Tooltip("when:N", title="When")]
    full = [r["name"] for r in sorted(rows, key=lambda e: str(e["start"]))]
    lanes = lanes.with_columns(full=pl.Series(full))
    labels = [alt.Chart(part).mark_text(align=align, dx=dx, fontSize=10, color=INK).encode(
        x=time_x("start", domain, labels=False), y=alt.Y("lane:O", axis=None), text="name:N", tooltip=tooltip)
        for part, align, dx in ((lanes.filter(pl.col("start") < late), "left", 3),
                                (lanes.filter(pl.col("start") >= late), "right", -3)) if len(part)]
    height = 13 * (1 + int(lanes["lane"].max() or 0)) + 4
    return alt.layer(_event_rules(events, domain, labels=False), *labels).properties(
        width=BASE_WIDTH, height=height, title=alt.Title("Key events", anchor="start", fontSize=11))


def score_y(field: str) -> alt.Y:
    """The stance score axis, −2..+2 with every step labelled (one definition for every layer)."""
    return alt.Y(f"{field}:Q", title="score", scale=alt.Scale(domain=[-2.6, 2.6], nice=False),
                 axis=alt.Axis(values=[-2, -1, 0, 1, 2], labelOverlap=False, grid=True, gridColor="#dddddd",
                               labelExpr="datum.value > 0 ? '+' + datum.value : datum.value"))


STANCE_TOOLTIP = [("occasion", "Occasion"), ("said", "Said"), ("speaker", "Speaker"),
                  ("voice_label", "Voice"),
                  ("wording_label", "Wording"), ("outlet", "Reported by"), ("statements", "Statements"),
                  ("mean_label", "Mean score"), ("words", "Words (first)")]


def stance_chart(marks: pl.DataFrame, targets: list[tuple[str, str, str]], events: pl.DataFrame,
                 domain: tuple[str, str], description: str) -> alt.VConcatChart:
    """One panel per target: one mark per occasion, voice, wording and outlet (size: statements).

    Shape is the voice, a filled mark his quoted words and an open one the reporter's
    paraphrase, colour the outlet that reported it; other speakers are small grey marks.
    """
    outlets = sorted(set(marks.filter(pl.col("group") != "other speakers")["outlet"]))
    colour = alt.Color("outlet:N", title="Reported by", legend=alt.Legend(orient="top", columns=2),
                       scale=alt.Scale(domain=outlets, range=OUTLET_COLOURS[:len(outlets)]))
    shape = alt.Shape("voice_label:N", title="Voice (Corbyn and his office)",
                      legend=alt.Legend(orient="bottom", direction="vertical", symbolStrokeColor=INK,
                                        symbolFillColor=WHITE, symbolStrokeWidth=1.5, titleLimit=300),
                      scale=alt.Scale(domain=list(VOICE_SHAPES), range=list(VOICE_SHAPES.values())))
    size = alt.Size("statements:Q", title="Statements", legend=None,
                    scale=alt.Scale(range=[40, 260], domain=[1, max(8, int(marks["statements"].max() or 1))]))
    tooltip = [alt.Tooltip(f"{k}:N", title=t) for k, t in STANCE_TOOLTIP]
    panels = []
    for i, (target, title, meaning) in enumerate(targets):
        rows = plain(marks.filter(pl.col("target") == target))
        last = i == len(targets) - 1
        layers: list[alt.Chart] = [_event_rules(events, domain, labels=last)]
        others = rows.filter(pl.col("group") == "other speakers")
        mine = rows.filter(pl.col("group") != "other speakers")
        if len(others):
            base = alt.Chart(others)
            layers += [base.mark_rule(color=GREY, strokeWidth=1, clip=True).encode(
                           x=time_x("start", domain), x2="until:T", y=score_y("y"), tooltip=tooltip),
                       base.mark_point(color=GREY, size=22, filled=True, opacity=1, clip=True).encode(
                           x="mid:T", y=score_y("y"), tooltip=tooltip)]
        for fill, part in (("filled", mine.filter(pl.col("wording") == "quotation")),
                           ("open", mine.filter(pl.col("wording") != "quotation"))):
            if not len(part):
                continue
            base = alt.Chart(part)
            layers += [base.mark_rule(strokeWidth=2, clip=True).encode(
                           x=time_x("start", domain, labels=last), x2="until:T", y=score_y("y"), color=colour,
                           tooltip=tooltip),
                       base.mark_point(**({"filled": True} if fill == "filled" else {"filled": False,
                                                                                       "fill": WHITE}),
                                       strokeWidth=2, opacity=1, clip=True).encode(
                           x="mid:T", y=score_y("y"), color=colour, shape=shape, size=size, tooltip=tooltip)]
        if not len(rows):
            layers.append(alt.Chart(pl.DataFrame({"note": ["no codings"], "at": [domain[0]]}))
                          .mark_text(fontSize=11, color=GREY, fontStyle="italic", align="left", dx=4)
                          .encode(x=alt.X("at:T"), text="note:N"))
        panels.append(alt.layer(*layers).properties(
            width=BASE_WIDTH, height=120,
            title=alt.Title(title, subtitle=meaning, anchor="start", fontSize=12, subtitleFontSize=10,
                            subtitleColor="#444444")))
    chart = alt.vconcat(event_strip(events, domain), *panels, spacing=14, description=description)
    return _reflow(chart.resolve_scale(color="shared", shape="shared", size="shared"), margin=70)


def said_reported_chart(pairs: pl.DataFrame, domain: tuple[str, str], description: str) -> alt.LayerChart:
    """Each occasion × article that retells it: when it was said (x, its interval) and reported (y).

    On the diagonal, words reported the day they were said; far right of it, old words retold.
    """
    rows = plain(pairs)
    tooltip = [alt.Tooltip(f"{k}:N", title=t) for k, t in (
        ("occasion", "Occasion"), ("said", "Said"), ("article", "Reported in"),
        ("lag", "Said before the report"),
        ("statements", "Statements"), ("words", "Words (first)"))]
    colour = alt.Color("group:N", title="Speaker", legend=alt.Legend(orient="top"),
                       scale=alt.Scale(domain=list(SPEAKER_COLOURS), range=list(SPEAKER_COLOURS.values())))
    y = alt.Y("published_start:T", title="When it was reported",
              scale=alt.Scale(type="utc", domain=list(domain)), axis=alt.Axis(format="%Y", tickCount="year"))
    diagonal = alt.Chart(pl.DataFrame({"x": list(domain), "y": list(domain)})).mark_line(
        color="#8a8a8a", strokeDash=[4, 3]).encode(x=alt.X("x:T"), y=alt.Y("y:T"))
    base = alt.Chart(rows)
    rule = base.mark_rule(strokeWidth=3).encode(
        x=time_x("start", domain, title="When it was said (interval)"), x2="until:T", y=y, color=colour,
        tooltip=tooltip)
    point = base.mark_point(filled=True, opacity=0.9).encode(
        x="mid:T", y=y, color=colour, size=alt.Size("statements:Q", title="Statements", legend=None),
        tooltip=tooltip)
    chart = alt.layer(diagonal, rule, point).properties(width=BASE_WIDTH, height=300, description=description)
    return _reflow(chart, margin=60)


def events_chart(events: pl.DataFrame, mentions: pl.DataFrame, domain: tuple[str, str],
                 description: str) -> alt.LayerChart:
    """Events as intervals, one row each with its full name above it, and the articles that mention them."""
    names = events.sort("start", "name")["name"].to_list()
    y = alt.Y("name:N", sort=names, title=None, axis=None)
    tooltip = [alt.Tooltip("name:N", title="Event"), alt.Tooltip("when:N", title="When"),
               alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("date_evidence:N", title="Dated by")]
    lines = [textwrap.wrap(label, LINE_CHARS) for label in events["label"]]
    base = alt.Chart(plain(events).with_columns(lines=pl.Series(lines, dtype=pl.List(pl.Utf8))))
    layers: list[alt.Chart] = [
        base.mark_rule(strokeWidth=4, color=INK).encode(x=time_x("start", domain, title=None), x2="until:T",
                                                        y=y, tooltip=tooltip),
        base.mark_point(filled=True, size=40, opacity=1, color=INK).encode(x="start:T", y=y, tooltip=tooltip),
        base.mark_text(align="left", baseline="bottom", dy=-5, fontSize=10, color=INK, lineHeight=12).encode(
            x=alt.value(2), y=y, text="lines:N", tooltip=tooltip),
    ]
    if len(mentions):
        m_tip = [alt.Tooltip("name:N", title="Event"), alt.Tooltip("article:N", title="Mentioned in"),
                 alt.Tooltip("published:N", title="Published"), alt.Tooltip("words:N", title="Words")]
        mbase = alt.Chart(plain(mentions))
        layers += [mbase.mark_rule(color="#767676", strokeDash=[2, 2]).encode(
                       x="event_start:T", x2="published_start:T", y=y, tooltip=m_tip),
                   mbase.mark_point(shape="diamond", filled=True, size=45, color=OUTLET_COLOURS[0],
                                    opacity=1).encode(x="published_start:T", y=y, tooltip=m_tip)]
    step = 14 + 12 * max((len(x) for x in lines), default=1)
    chart = alt.layer(*layers).properties(width=BASE_WIDTH, height=alt.Step(step), description=description)
    return _reflow(chart, margin=20)


def polls_chart(rows: pl.DataFrame, description: str) -> alt.FacetChart:
    """Poll shares, one panel per kind of poll (its own time axis), party colours."""
    tooltip = [alt.Tooltip(f"{k}:N", title=t) for k, t in (
        ("label", "Figure"), ("pollster", "Pollster"), ("question", "Question"), ("fieldwork", "Dates"),
        ("article", "Reported in"), ("words", "Words"))]
    names = sorted(set(rows["subject"]))
    colour = alt.Color("subject:N", title="Party or candidate", legend=alt.Legend(orient="top", columns=2),
                       scale=alt.Scale(domain=names, range=[PARTY_COLOURS.get(n, GREY) for n in names]))
    y = alt.Y("value:Q", title="share (%)", scale=alt.Scale(domain=[0, 100]))
    x = alt.X("start:T", title="Poll dates (fieldwork, else publication)",
              scale=alt.Scale(type="utc", padding=30),
              axis=alt.Axis(format="%-d %b %Y", tickCount={"interval": "day", "step": 1}, labelFlush=True,
                            labelOverlap=True))
    shape = alt.Shape("derived:N", title="Figure", legend=alt.Legend(orient="top"),
                      scale=alt.Scale(domain=["stated", "implied"], range=["circle", "diamond"]))
    base = alt.Chart()
    layer = alt.layer(
        base.mark_rule(strokeWidth=3).encode(x=x, x2="until:T", y=y, color=colour, tooltip=tooltip),
        base.mark_point(filled=True, size=70, opacity=1).encode(x="start:T", y=y, color=colour, shape=shape,
                                                                 tooltip=tooltip),
        base.mark_text(dy=-9, align="left", fontSize=10, color=INK).encode(x="start:T", y=y, text="label:N"),
    ).properties(width=BASE_WIDTH, height=160)
    chart = alt.FacetChart(data=plain(rows), spec=layer, facet=alt.Facet(
        "question:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                                    labelFontSize=12, labelFontWeight="bold")),
        columns=1, description=description).resolve_scale(x="independent")
    return _reflow(chart, margin=100)


def chart_data(frame: pl.DataFrame, columns: dict[str, str], csv_path: str, svg_path: str,
               figure: str) -> str:
    """Under a chart: download links (CSV of its data, SVG image) and its data as a table.

    The table, in a `<details>` element, is the keyboard's and the touch screen's way to every
    value a tooltip shows. `csv_path` (relative to the report folder) is written here.
    """
    out = frame.select(list(columns)).with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))
    Path(csv_path).parent.mkdir(parents=True, exist_ok=True)
    Path(csv_path).write_text(out.write_csv(), encoding="utf-8")
    head = "".join(f'<th scope="col">{_cell(label)}</th>' for label in columns.values())
    body = "\n".join("<tr>" + "".join(f"<td>{_cell('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                     for row in out.head(MAX_TABLE_ROWS).iter_rows())
    return (f'```{{=html}}\n<p class="chart-downloads">Download: <a href="{_attr(csv_path)}" download>data '
            f'(CSV, {len(out)} rows)</a> · <a href="{_attr(svg_path)}" download>image (SVG)</a></p>\n'
            f'<details class="chart-data"><summary>The data behind {_cell(figure)} (every value the '
            f'tooltips show)</summary>\n<div class="table-scroll" tabindex="0" role="region" '
            f'aria-label="{_attr(figure)} data">{_more(len(out), MAX_TABLE_ROWS, "the CSV")}'
            '<table class="data-table" data-quarto-disable-processing="true">\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div></details>\n```\n")


def table_script() -> str:
    """A raw HTML block: the search box filters, and a click on a heading sorts, every `table.sortable`.

    Sorting is by the cell's text (numbers as numbers; the first column by its S-number); the
    heading carries `aria-sort`, so the order is announced. No library, no network.
    """
    js = """
(function () {
  document.querySelectorAll("input[data-table]").forEach(function (box) {
    var table = document.getElementById(box.dataset.table);
    var count = box.parentNode.querySelector(".filter-count");
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !keep; shown += keep ? 1 : 0;
      });
      if (count) { count.textContent = words.length ? shown + " rows shown" : ""; }
    });
  });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button"; button.className = "sort"; button.textContent = th.textContent;
      th.textContent = ""; th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var key = function (row) {
          var text = row.cells[col].textContent.trim();
          var n = parseFloat(text.replace(/^S/, "").replace("\\u2212", "-"));
          return isNaN(n) ? text.toLowerCase() : n;
        };
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), c = x < y ? -1 : x > y ? 1 : 0;
          return up ? c : -c;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  });
})();
"""
    return _script_block(js)
