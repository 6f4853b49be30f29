"""Render the report's Quarto project with pandoc, for machines without Quarto.

Usage: python -m scripts.reporting.render_report report

Supported subset of Quarto (anything else stops the render, so that a document that
renders here renders the same with `quarto render`; report/README.md says the same):

- `_quarto.yml`: `project: {type: default, render: [file.qmd, ...]}` (default: every
  `.qmd` not starting with `_` or `.`) plus any front-matter key below; the document's
  front matter overrides it, mappings merged key by key.
- Front matter: `title`, `subtitle`, `author`, `lang`, `date` (a literal date; `today`,
  `now` and `last-modified` are refused), `bibliography` (CSL-JSON `.json`), `csl`,
  `execute: {echo, eval, include, output}` and
  `format: html: {embed-resources: true, include-in-header, css, toc, number-sections}`
  (`css` files are embedded with what their `url()`s point at, as Quarto does).
- ```` ```{python} ```` cells with `#|` options `echo`, `eval`, `include`, `output`
  (`true`, `false`, `asis`) and `label`. Cells run in order in one namespace with the
  document's folder as working directory; stdout (and stderr) is captured. A cell may
  not end with a bare expression whose value is not None (Jupyter would display it).
- Figures: a div `::: {#fig-name}` whose last paragraph is the caption, numbered
  "Figure N: caption"; `@fig-name` becomes a link "Figure N".
- Citations `[@key]` through citeproc; `::: {#refs}` places the bibliography.
- Callouts `::: {.callout-note}` (also tip, warning, important, caution), with an
  optional `title="..."` attribute.

The output, `<name>.html` beside `<name>.qmd`, is one self-contained, deterministic file.
Charts must be printed with `scripts.reporting.charts.embed` from an `output: asis` cell.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypandoc
import yaml

FRONT_KEYS = {
    "title",
    "subtitle",
    "author",
    "date",
    "lang",
    "bibliography",
    "csl",
    "execute",
    "format",
    "project",
}
PROJECT_KEYS = {"type", "render"}
HTML_KEYS = {"embed-resources", "include-in-header", "css", "toc", "number-sections"}
EXECUTE_DEFAULTS: dict[str, Any] = {"echo": True, "eval": True, "include": True, "output": True}
CELL_KEYS = {*EXECUTE_DEFAULTS, "label"}
CALLOUTS = {
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "important": "Important",
    "caution": "Caution",
}
NBSP = "\u00a0"

_OPEN_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})\s*(.*?)\s*$")
_ENGINE = re.compile(r"\{\s*([A-Za-z][\w-]*)")
_INLINE_CELL = re.compile(r"`\{[A-Za-z]\w*\}")
_ID = re.compile(r"[A-Za-z][\w-]*\Z")

class RenderError(Exception):
    """The document cannot be rendered; the message names the file and, for cells, the cell."""


@dataclass(frozen=True)
class Cell:
    """One ```` ```{python} ```` cell: its 1-based number, `#|` options and source (options included)."""

    number: int
    options: dict[str, Any]
    source: str

    @property
    def body(self) -> str:
        """The source without the `#|` option lines."""
        return "".join(line for line in self.source.splitlines(keepends=True) if not line.startswith("#|"))

    @property
    def first_line(self) -> str:
        """The first non-blank line of code, for error messages."""
        return next((line.strip() for line in self.body.splitlines() if line.strip()), "")


def render(project: Path) -> list[Path]:
    """Render every document of the Quarto project in `project`; return the HTML files written."""
    config_file = project / "_quarto.yml"
    if not config_file.is_file():
        raise RenderError(f"{config_file}: not found (is {project} a Quarto project?)")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    names = (config.get("project") or {}).get("render")
    if names is None:
        names = sorted(p.name for p in project.glob("*.qmd") if not p.name.startswith(("_", ".")))
    return [render_document(project / name, config) for name in names]


def render_document(qmd: Path, project_config: dict[str, Any]) -> Path:
    """Execute `qmd`'s cells and write `qmd` as self-contained HTML beside it; return that path."""
    if qmd.suffix != ".qmd":
        raise RenderError(f"{qmd}: only .qmd documents are supported")
    front, body = _split_front_matter(qmd.read_text(encoding="utf-8"), qmd)
    config = _merge(_expand_format(project_config), _expand_format(front))
    _check_config(config, qmd)
    html_options = config.get("format", {}).get("html") or {}
    markdown = _run_cells(body, {**EXECUTE_DEFAULTS, **config.get("execute", {})}, qmd)
    source = "---\n" + yaml.safe_dump(_metadata(config, qmd), sort_keys=True, allow_unicode=True) + "---\n\n"
    doc = json.loads(_pandoc(["-f", "markdown", "-t", "json"], source + markdown, qmd.parent))
    doc["blocks"] = _transform(doc["blocks"], qmd)
    args = ["-f", "json", "-t", "html5", "--standalone", "--embed-resources", "--citeproc"]
    args += ["--fail-if-warnings"]
    args += [f"--css={name}" for name in _files(html_options, "css", qmd)]
    args += [f"--include-in-header={name}" for name in _files(html_options, "include-in-header", qmd)]
    args += [f"--{flag}" for flag in ("toc", "number-sections") if html_options.get(flag)]
    html = _pandoc(args, json.dumps(doc), qmd.parent)
    out = qmd.with_suffix(".html")
    _write_atomically(out, html)
    return out


def _files(options: dict[str, Any], key: str, qmd: Path) -> list[str]:
    """The file names under html option `key` (one name or a list), each checked to exist beside `qmd`."""
    names = options.get(key, [])
    names = [names] if isinstance(names, str) else list(names)
    for name in names:
        if not (qmd.parent / name).is_file():
            raise RenderError(f"{qmd}: html option {key!r} names {name!r}, not a file in {qmd.parent}")
    return [str(name) for name in names]


def _write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, so a failure leaves the old file as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _split_front_matter(text: str, qmd: Path) -> tuple[dict[str, Any], str]:
    """Split a leading `---` YAML block from the Markdown body."""
    match = re.match(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", text, re.DOTALL)
    if not match:
        return {}, text
    front = yaml.safe_load(match.group(1)) or {}
    if not isinstance(front, dict):
        raise RenderError(f"{qmd}: front matter is not a YAML mapping")
    return front, text[match.end() :]


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`, merging nested mappings key by key."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = _merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def _expand_format(config: dict[str, Any]) -> dict[str, Any]:
    """`format: html` written as a plain string, as the mapping `{html: {}}`."""
    fmt = config.get("format")
    return {**config, "format": {fmt: {}}} if isinstance(fmt, str) else config


def _check_config(config: dict[str, Any], qmd: Path) -> None:
    """Refuse anything outside the supported subset, naming the offending key."""
    fmt = config.get("format", {})
    html = fmt.get("html") or {}
    problems = [f"key {k!r}" for k in sorted(set(config) - FRONT_KEYS)]
    problems += [f"project option {k!r}" for k in sorted(set(config.get("project") or {}) - PROJECT_KEYS)]
    problems += [f"format {k!r}" for k in sorted(set(fmt) - {"html"})]
    problems += [f"html option {k!r}" for k in sorted(set(html) - HTML_KEYS)]
    problems += [
        f"execute option {k!r}" for k in sorted(set(config.get("execute", {})) - set(EXECUTE_DEFAULTS))
    ]
    if (config.get("project") or {}).get("type", "default") != "default":
        problems.append("project type other than 'default'")
    if html.get("embed-resources") is not True:
        problems.append("html without 'embed-resources: true'")
    if str(config.get("date", "")).strip().lower() in {"today", "now", "last-modified"}:
        problems.append("a computed date (give the date literally)")
    if not str(config.get("bibliography", ".json")).endswith(".json"):
        problems.append("a bibliography that is not CSL-JSON (.json)")
    if problems:
        raise RenderError(
            f"{qmd}: unsupported by the fallback renderer: {'; '.join(problems)} (see report/README.md)"
        )


def _metadata(config: dict[str, Any], qmd: Path) -> dict[str, Any]:
    """The pandoc metadata for the supported front-matter keys."""
    meta = {k: config[k] for k in ("title", "subtitle", "author", "bibliography", "csl") if k in config}
    meta["lang"] = config.get("lang", "en")
    meta["pagetitle"] = str(config.get("title", qmd.stem))
    meta["link-citations"] = True
    meta["document-css"] = False
    meta["toc-title"] = "Table of contents"
    if "date" in config:
        meta["date"] = _format_date(config["date"])
    return meta


def _format_date(value: Any) -> str:
    """Format an ISO date as Quarto does ("May 1, 2024"); keep any other text as written."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day:%B} {day.day}, {day.year}"


def _parse(body: str, qmd: Path) -> Iterator[str | Cell]:
    """Split the Markdown body into text and Python cells, skipping over other fenced blocks."""
    lines = body.splitlines(keepends=True)
    text: list[str] = []
    number = 0
    i = 0
    while i < len(lines):
        match = _OPEN_FENCE.match(lines[i])
        if not match:
            if _INLINE_CELL.search(lines[i]):
                raise RenderError(f"{qmd}: inline code cells are not supported: {lines[i].strip()!r}")
            text.append(lines[i])
            i += 1
            continue
        fence, info = match.groups()
        end = next((j for j in range(i + 1, len(lines)) if _closes(lines[j], fence)), len(lines))
        engine = _ENGINE.match(info)
        if engine is None:
            text.extend(lines[i : end + 1])
        elif engine.group(1) == "python" and re.fullmatch(r"\{\s*python\s*\}", info):
            number += 1
            yield "".join(text)
            text = []
            yield _cell(number, "".join(lines[i + 1 : end]), qmd)
        else:
            raise RenderError(f"{qmd}: unsupported executable cell {lines[i].strip()!r} (only ```{{python}})")
        i = end + 1
    yield "".join(text)


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a code block opened with `fence`."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _cell(number: int, source: str, qmd: Path) -> Cell:
    """Build a cell, parsing and checking its `#|` options."""
    option_lines = []
    for line in source.splitlines():
        if not line.startswith("#|"):
            break
        option_lines.append(line[2:])
    where = f"{qmd}: cell {number}"
    try:
        options = yaml.safe_load("\n".join(option_lines)) or {}
    except yaml.YAMLError as exc:
        raise RenderError(f"{where}: cannot parse its #| options: {exc}") from exc
    if not isinstance(options, dict):
        raise RenderError(f"{where}: its #| options must be `key: value` lines")
    unknown = sorted(set(options) - CELL_KEYS)
    if unknown:
        raise RenderError(f"{where}: unsupported cell options {unknown} (see report/README.md)")
    if options.get("output", True) not in (True, False, "asis"):
        raise RenderError(f"{where}: output must be true, false or asis")
    label = options.get("label")
    if label is not None and (not _ID.match(str(label)) or str(label).startswith(("fig-", "tbl-"))):
        raise RenderError(
            f"{where}: label {label!r} must be a plain id; make figures with a ::: {{#fig-...}} div"
        )
    return Cell(number, options, source)


def _run_cells(body: str, defaults: dict[str, Any], qmd: Path) -> str:
    """Execute the cells in order in one namespace and return the Markdown with their output."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    parts = []
    pieces = list(_parse(body, qmd))  # every cell's options are checked before any cell runs
    with _working_dir(qmd.parent):
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
                continue
            options = {**defaults, **piece.options}
            out, err = _execute(piece, namespace, qmd) if options["eval"] else ("", "")
            parts.append(f"\n{_cell_markdown(piece, options, out, err)}\n")
    return "".join(parts)


@contextmanager
def _working_dir(path: Path) -> Iterator[None]:
    """Run with `path` as working directory and first on sys.path, as a Jupyter kernel there would."""
    old = Path.cwd()
    folder = str(path.resolve())
    os.chdir(folder)
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        os.chdir(old)
        sys.path.remove(folder)


def _execute(cell: Cell, namespace: dict[str, Any], qmd: Path) -> tuple[str, str]:
    """Run `cell` in `namespace`; return its stdout and stderr or raise RenderError naming it."""
    filename = f"{qmd.name} cell {cell.number}"
    out, err = io.StringIO(), io.StringIO()
    try:
        tree = ast.parse(cell.source, filename)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with redirect_stdout(out), redirect_stderr(err):
            exec(compile(tree, filename, "exec"), namespace)
            value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace) if last else None
        if value is not None:
            raise TypeError(
                f"the cell ends with an expression whose value ({type(value).__name__}) Jupyter would "
                "display; print it or assign it to a name"
            )
    except (Exception, SystemExit) as exc:
        line = _failing_line(exc, filename)
        at = f", line {line}" if line else ""
        raise RenderError(
            f"{qmd}: cell {cell.number} (first line: {cell.first_line!r}){at} failed: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    return out.getvalue(), err.getvalue()


def _failing_line(exc: BaseException, filename: str) -> int | None:
    """The line of the cell where `exc` was raised, if it was raised in the cell itself."""
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return exc.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == filename]
    return lines[-1] if lines else None


def _cell_markdown(cell: Cell, options: dict[str, Any], out: str, err: str) -> str:
    """The Markdown that stands for a cell: echoed code, then its output as the options say."""
    if not options["include"]:
        return ""
    parts = [_fenced(cell.body, "{.python .cell-code}")] if options["echo"] else []
    if options["output"] == "asis":
        parts.append(out)
    if options["output"]:
        if options["output"] is True and out:
            parts.append(_fenced(out, "{.cell-output-stdout}"))
        if err:
            parts.append(_fenced(err, "{.cell-output-stderr}"))
    markdown = "\n".join(parts)
    label = options.get("label")
    return f"::: {{#{label} .cell}}\n{markdown}\n:::\n" if label else markdown


def _fenced(text: str, attributes: str) -> str:
    """`text` as a fenced code block whose fence is longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence} {attributes}\n{text.rstrip()}\n{fence}\n"


def _pandoc(args: list[str], text: str, cwd: Path) -> str:
    """Run pandoc on `text` in folder `cwd` and return its output."""
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), *args],
        input=text,
        capture_output=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )
    if result.returncode != 0:
        raise RenderError(f"pandoc failed in {cwd}: {result.stderr.strip()}")
    return result.stdout


def _transform(blocks: list[Any], qmd: Path) -> list[Any]:
    """Number `#fig-` divs, resolve `@fig-` references and style callouts in a pandoc AST."""
    ids = [
        node["c"][0][0]
        for node in _nodes(blocks)
        if node["t"] == "Div" and node["c"][0][0].startswith("fig-")
    ]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RenderError(f"{qmd}: duplicate figure ids {duplicates}")
    numbers = {fig_id: n for n, fig_id in enumerate(ids, 1)}

    def rewrite(node: dict[str, Any]) -> dict[str, Any]:
        if node["t"] == "Div" and node["c"][0][0] in numbers:
            return _figure(node, numbers[node["c"][0][0]], qmd)
        if node["t"] == "Cite" and any(c["citationId"].startswith("fig-") for c in node["c"][0]):
            return _figure_link(node, numbers, qmd)
        if node["t"] == "Div" and any(c.startswith("callout-") for c in node["c"][0][1]):
            return _callout(node, qmd)
        return node

    return _walk(blocks, rewrite)


def _nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every AST element in `tree`, in document order (parents before children)."""
    if isinstance(tree, dict):
        if "t" in tree:
            yield tree
        for value in tree.values():
            yield from _nodes(value)
    elif isinstance(tree, list):
        for item in tree:
            yield from _nodes(item)


def _walk(tree: Any, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """Apply `fn` to every AST element of `tree`, children first."""
    if isinstance(tree, list):
        return [_walk(item, fn) for item in tree]
    if isinstance(tree, dict):
        tree = {key: _walk(value, fn) for key, value in tree.items()}
        return fn(tree) if "t" in tree else tree
    return tree


def _words(text: str) -> list[dict[str, Any]]:
    """Plain text as pandoc inlines."""
    inlines: list[dict[str, Any]] = []
    for word in text.split():
        inlines += [{"t": "Space"}, {"t": "Str", "c": word}]
    return inlines[1:]


def _figure(div: dict[str, Any], number: int, qmd: Path) -> dict[str, Any]:
    """A `#fig-` div as a pandoc Figure captioned "Figure N: <last paragraph>"."""
    attr, blocks = div["c"]
    if len(blocks) < 2 or blocks[-1]["t"] != "Para":
        raise RenderError(f"{qmd}: figure #{attr[0]} must end with its caption as a paragraph")
    caption = [{"t": "Str", "c": f"Figure{NBSP}{number}:"}, {"t": "Space"}, *blocks[-1]["c"]]
    return {"t": "Figure", "c": [attr, [None, [{"t": "Plain", "c": caption}]], blocks[:-1]]}


def _figure_link(cite: dict[str, Any], numbers: dict[str, int], qmd: Path) -> dict[str, Any]:
    """An `@fig-` reference as a link "Figure N" to the figure."""
    citations, inlines = cite["c"]
    ref = citations[0]["citationId"]
    if len(citations) != 1 or citations[0]["citationPrefix"] or citations[0]["citationSuffix"]:
        text = "".join(node.get("c", " ") for node in inlines if node["t"] in ("Str", "Space"))
        raise RenderError(
            f"{qmd}: a figure reference must stand alone, with no prefix, suffix or other key: {text!r}"
        )
    if ref not in numbers:
        raise RenderError(f"{qmd}: @{ref} refers to no ::: {{#{ref}}} figure")
    text = [{"t": "Str", "c": f"Figure{NBSP}{numbers[ref]}"}]
    return {"t": "Link", "c": [["", ["quarto-xref"], []], text, [f"#{ref}", ""]]}


def _callout(div: dict[str, Any], qmd: Path) -> dict[str, Any]:
    """A `.callout-*` div as a styled div with a title line."""
    (div_id, classes, attributes), blocks = div["c"]
    kinds = [c.removeprefix("callout-") for c in classes if c.startswith("callout-")]
    if len(kinds) != 1 or kinds[0] not in CALLOUTS:
        raise RenderError(f"{qmd}: unsupported callout {classes} (one of {sorted(CALLOUTS)})")
    title = dict(attributes).get("title", CALLOUTS[kinds[0]])
    rest = [pair for pair in attributes if pair[0] != "title"]
    heading = {"t": "Div", "c": [["", ["callout-title"], []], [{"t": "Plain", "c": _words(title)}]]}
    return {"t": "Div", "c": [[div_id, ["callout", *classes], rest], [heading, *blocks]]}


_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def generator(html: str) -> str:
    """The renderer named by a page's `<meta name="generator">`: "pandoc" (this fallback) or
    "quarto-1.7.34" and the like (real Quarto); "" when there is none."""
    for tag in _META.findall(html[: html.lower().find("</head>")]):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _ATTR.finditer(tag)}
        if attrs.get("name", "").lower() == "generator":
            return attrs.get("content", "")
    return ""


def made_by_quarto(html: str) -> bool:
    """Whether real Quarto (not this fallback) rendered the page."""
    return generator(html).startswith("quarto")


def main(argv: list[str] | None = None) -> int:
    """Command line: render the project folder given as the only argument."""
    parser = argparse.ArgumentParser(
        description="Render a Quarto project with pandoc (supported subset only)."
    )
    parser.add_argument("project", type=Path, help="the Quarto project folder, e.g. report")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        outputs = render(args.project)
    except RenderError as exc:
        print(f"render_report: error: {exc}", file=sys.stderr)
        return 1
    for out in outputs:
        print(f"wrote {out} ({out.stat().st_size:,} bytes) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
