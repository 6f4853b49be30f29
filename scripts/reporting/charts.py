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
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert

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


def html_table(rows: list[dict[str, str]], columns: dict[str, str], table_id: str) -> str:
    """A raw HTML table block with every cell escaped (article text is data, never markup)."""
    if not _ID.match(table_id):
        raise ValueError(f"table_id must match {_ID.pattern!r}: {table_id!r}")
    head = "".join(f"<th>{_cell(label)}</th>" for label in columns.values())
    body = "\n".join("<tr>" + "".join(f"<td>{_cell(str(r.get(c, '')))}</td>" for c in columns) + "</tr>"
                     for r in rows)
    return (f'```{{=html}}\n<table id="{table_id}" class="data-table" '
            f'data-quarto-disable-processing="true">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n```\n")


# ---------------------------------------------------------------- the report's charts
#
# Time runs on a UTC scale (dates are days, not instants, and labels must not depend on the
# reader's time zone). Every interval is drawn from its first to the day after its last
# possible day, with a mark on each end, so a one-day interval is a dot and a year a bar:
# no interval is ever shown as a made-up point date.

CORBYN_RED = "#b2182b"
GREY = "#9a9a9a"
ROLE_COLOURS = {"Backbench MP": "#e8e8e8", "Leadership candidate": "#fde0c5",
                "Labour leader": "#f6c9c9", "Former leader": "#dde6f0"}
STYLES = {  # legend entry: (fill, shape)
    "his own view": (CORBYN_RED, "circle"),
    "party or official line": ("#ffffff", "square"),
    "unclear": ("#f4a582", "triangle-up"),
}
SPEAKER_COLOURS = {"Corbyn": CORBYN_RED, "Corbyn's office": "#ef8a62", "other speakers": GREY}
Rows = list[dict[str, object]]


def time_x(field: str, domain: tuple[str, str], *, labels: bool = True, title: str | None = None) -> alt.X:
    """A temporal x channel on a fixed UTC domain, yearly ticks."""
    axis = alt.Axis(format="%Y", tickCount="year", labels=labels, ticks=labels, title=title,
                    grid=True, gridColor="#eeeeee")
    return alt.X(f"{field}:T", scale=alt.Scale(type="utc", domain=list(domain)), axis=axis)


def _data(rows: Rows) -> alt.Data:
    return alt.Data(values=rows)


def _role_bands(roles: Rows, domain: tuple[str, str], legend: bool, labels: bool = True,
                title: str | None = None) -> alt.Chart:
    """Shaded bands for Corbyn's roles (the candidacy drawn over the backbench years)."""
    if legend:
        scale = alt.Scale(domain=list(ROLE_COLOURS), range=list(ROLE_COLOURS.values()))
        colour = alt.Color("role:N", scale=scale, legend=alt.Legend(title="His role", orient="top"))
    else:  # colours straight from the data: no scale to merge with the other layers' colours
        colour = alt.Color("colour:N", scale=None)
    rows = [{**r, "colour": ROLE_COLOURS.get(str(r["role"]), "#eeeeee")} for r in roles]
    return alt.Chart(_data(rows)).mark_rect(opacity=0.8, clip=True).encode(
        x=time_x("start", domain, labels=labels, title=title), x2="end:T", color=colour,
        tooltip=[alt.Tooltip("role:N", title="Role"), alt.Tooltip("period:N", title="Period")],
    )


def _event_rules(events: Rows, domain: tuple[str, str], labels: bool = True) -> alt.Chart:
    """Dashed rules at the first day of key events."""
    return alt.Chart(_data(events)).mark_rule(color="#555555", strokeDash=[3, 3], strokeWidth=1,
                                              clip=True).encode(
        x=time_x("start", domain, labels=labels),
        tooltip=[alt.Tooltip("name:N", title="Event"), alt.Tooltip("when:N", title="When")],
    )


def event_strip(events: Rows, roles: Rows, domain: tuple[str, str], width: int) -> alt.LayerChart:
    """A band above the panels: role bands (with the legend) and key events, labelled in lanes."""
    lanes = label_lanes(events, domain, width)
    late = _late(domain)
    labels = [alt.Chart(_data(rows)).mark_text(align=align, dx=dx, fontSize=10, color="#333333",
                                                limit=LABEL_LIMIT).encode(
        x=time_x("start", domain, labels=False),
        y=alt.Y("lane:O", axis=None), text="name:N",
        tooltip=[alt.Tooltip("name:N", title="Event"), alt.Tooltip("when:N", title="When")],
    ) for rows, align, dx in (([e for e in lanes if str(e["start"]) < late], "left", 3),
                              ([e for e in lanes if str(e["start"]) >= late], "right", -3)) if rows]
    bands = _role_bands(roles, domain, legend=True, labels=False)
    height = 13 * (1 + max((int(e["lane"]) for e in lanes), default=0)) + 4
    return alt.layer(bands, _event_rules(events, domain, labels=False), *labels).properties(
        width=width, height=height, title=alt.Title("Key events", anchor="start", fontSize=11))


LABEL_LIMIT = 170  # pixels
CHAR_WIDTH = 5.6  # rough width of a 10px sans-serif character, for placing labels


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


def _middle(domain: tuple[str, str]) -> str:
    """The ISO day halfway through the domain."""
    first, last = (date.fromisoformat(d) for d in domain)
    return (first + (last - first) / 2).isoformat()


def _late(domain: tuple[str, str]) -> str:
    """The ISO day after which a label drawn rightwards would leave the plot (the last fifth)."""
    first, last = (date.fromisoformat(d) for d in domain)
    return (last - (last - first) / 5).isoformat()


def _interval_marks(rows: Rows, x_start: str, x_until: str, x_end: str, y: alt.Y, *, colour: str,
                    size: int, tooltip: list[alt.Tooltip], fill: alt.Fill | None = None,
                    shape: alt.Shape | None = None) -> list[alt.Chart]:
    """A rule over [start, until) and a point on its first and last day, for each row.

    Points are filled with `colour` unless `fill` (and `shape`) encode something, such as the voice.
    """
    base = alt.Chart(_data(rows))
    rule = base.mark_rule(strokeWidth=max(1, size // 25), clip=True, color=colour).encode(
        x=alt.X(f"{x_start}:T"), x2=alt.X2(f"{x_until}:T"), y=y, tooltip=tooltip)
    extra = {k: v for k, v in (("fill", fill), ("shape", shape)) if v is not None}
    points = [base.mark_point(size=size, filled=fill is None, opacity=1, strokeWidth=1.3, clip=True,
                              color=colour).encode(x=alt.X(f"{field}:T"), y=y, tooltip=tooltip, **extra)
              for field in (x_start, x_end)]
    return [rule, *points]


def score_y(field: str) -> alt.Y:
    """The stance score axis, −2..+2 with every step labelled (one definition for every layer)."""
    return alt.Y(f"{field}:Q", title="score", scale=alt.Scale(domain=[-2.6, 2.6], nice=False),
                 axis=alt.Axis(values=[-2, -1, 0, 1, 2], labelOverlap=False, grid=True, gridColor="#dddddd",
                               labelExpr="datum.value > 0 ? '+' + datum.value : datum.value"))


def stance_panel(target: str, title: str, subtitle: str, rows: Rows, roles: Rows, events: Rows,
                 domain: tuple[str, str], *, width: int, last: bool) -> alt.LayerChart:
    """One target: role bands, event rules, other speakers in grey, Corbyn's codings by voice."""
    mine = [r for r in rows if r["group"] != "other speakers"]
    others = [r for r in rows if r["group"] == "other speakers"]
    for r in mine:
        r["style"] = r["voice_label"]
    for r in others:
        r["style"] = "other speakers"
    y = score_y("y")
    tooltip = [alt.Tooltip(f"{k}:N", title=t) for k, t in (
        ("n", "Statement"), ("quote", "Words"), ("speaker", "Speaker"), ("outlet", "Outlet"),
        ("said", "Said"), ("published", "Reported"), ("voice_label", "Voice"), ("rationale", "Why"))]
    tooltip.insert(5, alt.Tooltip("score:Q", title="Score", format="+d"))
    style = alt.Scale(domain=list(STYLES), range=[s[0] for s in STYLES.values()])
    shapes = alt.Scale(domain=list(STYLES), range=[s[1] for s in STYLES.values()])
    legend = alt.Legend(title="Voice (Corbyn and his office)", orient="top")
    axis_title = "When it was said" if last else None
    layers = [_role_bands(roles, domain, legend=False, labels=last, title=axis_title),
              _event_rules(events, domain, labels=last)]
    if others:
        layers += _interval_marks(others, "said_start", "said_until", "said_end", y, colour=GREY, size=22,
                                  tooltip=tooltip)
    if mine:
        layers += _interval_marks(mine, "said_start", "said_until", "said_end", y, colour=CORBYN_RED, size=40,
                                  tooltip=tooltip, fill=alt.Fill("style:N", scale=style, legend=legend),
                                  shape=alt.Shape("style:N", scale=shapes, legend=legend))
    stacks = [r for r in rows if r.get("stack")]
    if stacks:  # how many marks a pile holds, next to its last day
        counts = alt.Chart(_data(stacks)).mark_text(align="left", dx=6, fontSize=9, color="#444444")
        layers.append(counts.encode(x=alt.X("said_end:T"), y=score_y("score"), text="stack:N"))
    if not rows:
        layers.append(alt.Chart(_data([{"note": "no codings published yet", "at": _middle(domain)}]))
                      .mark_text(fontSize=12, color="#666666", fontStyle="italic")
                      .encode(x=alt.X("at:T"), text="note:N"))
    chart = alt.layer(*layers).properties(
        width=width, height=130,
        title=alt.Title(title, subtitle=subtitle, anchor="start", fontSize=12, subtitleFontSize=10,
                        subtitleColor="#555555"))
    return chart


def stance_chart(rows: Rows, targets: list[tuple[str, str, str]], roles: Rows, events: Rows,
                 domain: tuple[str, str], description: str, width: int = 660) -> alt.VConcatChart:
    """One panel per target (id, title, meaning of the sign), stacked over a key-events strip."""
    panels = [stance_panel(t, title, meaning, [dict(r) for r in rows if r["target"] == t], roles, events,
                           domain, width=width, last=i == len(targets) - 1)
              for i, (t, title, meaning) in enumerate(targets)]
    return alt.vconcat(event_strip(events, roles, domain, width), *panels, spacing=14,
                       description=description).resolve_scale(fill="shared", shape="shared")


def said_reported_chart(rows: Rows, domain: tuple[str, str], description: str,
                        width: int = 480) -> alt.FacetChart:
    """Per article, each dated statement: when it was said (coloured) and when it was reported (black)."""
    tooltip = [alt.Tooltip(f"{k}:N", title=t) for k, t in (
        ("n", "Statement"), ("quote", "Words"), ("speaker", "Speaker"), ("said", "Said"),
        ("evidence", "Dated by"), ("article", "Reported in"), ("lag", "Said before the report"),
        ("codings", "Codings"))]
    order = alt.EncodingSortField("said_start", op="min", order="ascending")
    y = alt.Y("n:N", sort=order, axis=None)
    speaker = alt.Color("group:N", title="Speaker",
                        scale=alt.Scale(domain=list(SPEAKER_COLOURS), range=list(SPEAKER_COLOURS.values())),
                        legend=alt.Legend(orient="top"))
    base = alt.Chart()
    gap = base.mark_rule(color="#c8c8c8", strokeDash=[2, 2]).encode(
        x=time_x("said_end", domain, title="When it was said (colour) and reported (black)"),
        x2="published_start:T", y=y, tooltip=tooltip)
    said = _interval_layers(base, "said_start", "said_until", "said_end", y, speaker, tooltip, 24)
    reported = _interval_layers(base, "published_start", "published_until", "published_end", y,
                                alt.value("#111111"), tooltip, 60, shape="diamond")
    layer = alt.layer(gap, *reported, *said).properties(width=width, height=alt.Step(9))
    header = alt.Header(labelAngle=0, labelAlign="left", labelOrient="left", labelLimit=215,
                        labelFontSize=11, title=None)
    return alt.FacetChart(data=_data(rows), spec=layer,
                          facet=alt.Facet("article:N", header=header, title=None,
                                          sort=alt.EncodingSortField("article_order", op="min")),
                          columns=1, description=description, spacing=8).resolve_scale(y="independent")


def _interval_layers(base: alt.Chart, start: str, until: str, end: str, y: alt.Y, colour: Any,
                     tooltip: list[alt.Tooltip], size: int, shape: str = "circle") -> list[alt.Chart]:
    """Rule and end points of an interval on a chart whose data comes from its facet."""
    rule = base.mark_rule(strokeWidth=2).encode(x=f"{start}:T", x2=f"{until}:T", y=y, color=colour,
                                                  tooltip=tooltip)
    points = [base.mark_point(filled=True, size=size, shape=shape, opacity=1).encode(
        x=f"{field}:T", y=y, color=colour, tooltip=tooltip) for field in (start, end)]
    return [rule, *points]


def events_chart(events: Rows, mentions: Rows, roles: Rows, domain: tuple[str, str], description: str,
                 kinds: list[str] | None = None, width: int = 430) -> alt.LayerChart:
    """Events as intervals (one row each, by date) and, on the same row, the articles that mention them.

    Both datasets put the event's name in `name`, so that the rows share one sorted y scale.
    """
    names = [str(e["name"]) for e in sorted(events, key=lambda e: (str(e["start"]), str(e["name"])))]
    y = alt.Y("name:N", sort=names, title=None, axis=alt.Axis(labelLimit=230, labelFontSize=10))
    tooltip = [alt.Tooltip("name:N", title="Event"), alt.Tooltip("when:N", title="When"),
               alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("date_evidence:N", title="Dated by")]
    scale = alt.Scale(scheme="tableau20", domain=kinds) if kinds else alt.Scale(scheme="tableau20")
    kind = alt.Color("kind:N", title="Kind of event", legend=alt.Legend(orient="top", columns=4), scale=scale)
    base = alt.Chart(_data(events))
    layers: list[alt.Chart] = [_role_bands(roles, domain, legend=False)]
    layers += [base.mark_rule(strokeWidth=3).encode(x=time_x("start", domain, title=None), x2="until:T",
                                                     y=y, color=kind, tooltip=tooltip),
               base.mark_point(filled=True, size=45, opacity=1).encode(x="start:T", y=y, color=kind,
                                                                        tooltip=tooltip)]
    if mentions:
        m_tip = [alt.Tooltip("name:N", title="Event"), alt.Tooltip("article:N", title="Mentioned in"),
                 alt.Tooltip("published:N", title="Published"), alt.Tooltip("words:N", title="Words")]
        mbase = alt.Chart(_data(mentions))
        layers += [mbase.mark_rule(color="#999999", strokeDash=[2, 2]).encode(
                       x="event_start:T", x2="published_start:T", y=y, tooltip=m_tip),
                   mbase.mark_point(shape="diamond", filled=True, size=40, color="#111111", opacity=1).encode(
                       x="published_start:T", y=y, tooltip=m_tip)]
    return alt.layer(*layers).properties(width=width, height=alt.Step(16), description=description)


def polls_chart(rows: Rows, domain: tuple[str, str], description: str, width: int = 600) -> alt.LayerChart:
    """Poll figures: fieldwork interval on x, share on y, one colour per party or candidate."""
    tooltip = [alt.Tooltip(f"{k}:N", title=t) for k, t in (
        ("label", "Figure"), ("pollster", "Pollster"), ("question", "Question"), ("fieldwork", "Fieldwork"),
        ("article", "Reported in"), ("words", "Words"))]
    y = alt.Y("value:Q", title="share (%)", scale=alt.Scale(domain=[0, 100]))
    colour = alt.Color("subject:N", title="Party or candidate", legend=alt.Legend(orient="top"))
    base = alt.Chart(_data(rows))
    x = time_x("start", domain, title="Fieldwork (or, where not stated, publication) dates")
    rule = base.mark_rule(strokeWidth=3).encode(x=x, x2="until:T",
                                                 y=y, color=colour, tooltip=tooltip)
    points = [base.mark_point(filled=True, size=60, opacity=1).encode(
        x=f"{f}:T", y=y, color=colour, tooltip=tooltip) for f in ("start", "end")]
    text = base.mark_text(dx=6, align="left", fontSize=10).encode(x="end:T", y=y, text="label:N")
    return alt.layer(rule, *points, text).properties(width=width, height=220, description=description)
