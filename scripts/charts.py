"""The one way the report puts an Altair chart on the page, in Quarto and in the fallback renderer.

A report calls `vega_header("_vega.html")` once (the file is loaded through
`include-in-header`) and prints `embed(chart, "chart-id", "chart-id.svg")` from a
`#| output: asis` cell. Altair's own HTML renderers must never reach the page:
they load vega from a CDN (see shared/QUARTO.md).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import altair as alt
import vl_convert

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
    spec = chart.to_dict()
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
        Path(svg_path).write_text(vl_convert.vegalite_to_svg(spec), encoding="utf-8")
        parts.append(f'<noscript><img src="{_attr(Path(svg_path).as_posix())}" alt="{label}"></noscript>')
    return "```{=html}\n" + "\n".join(parts) + "\n```\n"


def _script_json(spec: dict) -> str:
    """`spec` as deterministic JSON that is safe inside a `<script>` element."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)


def _attr(text: str) -> str:
    """Escape `text` for a double-quoted HTML attribute on one line without backticks."""
    return html.escape(text, quote=True).replace("\n", "&#10;").replace("`", "&#96;")


def html_table(rows: list[dict[str, str]], columns: dict[str, str], table_id: str) -> str:
    """A raw HTML table block with every cell escaped (article text is data, never markup)."""
    if not _ID.match(table_id):
        raise ValueError(f"table_id must match {_ID.pattern!r}: {table_id!r}")
    head = "".join(f"<th>{html.escape(label)}</th>" for label in columns.values())
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(str(r.get(c, '')))}</td>" for c in columns) + "</tr>"
                     for r in rows)
    return (f'```{{=html}}\n<table id="{table_id}" class="data-table">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n```\n")
