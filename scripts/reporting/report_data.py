"""What the report reads from the data package, with polars, and the Markdown/HTML it prints.

`Package.frame(name)` loads a resource with its Table Schema types (dates as dates, integers
as integers); a resource that is not published yet is an empty frame with the right columns,
and `Package.has(name)` says so. Aggregates are polars expressions over those frames, and
every aggregate counts an *occasion* (one speech, interview or debate:
`statement_context.occasion_id`) once, however many statements retell it.

Quotations in the prose are never typed by hand: `Quoter` looks a phrase up in the article's
text, requires it to lie inside an extracted statement, and prints it verbatim
(Markdown-escaped, so pandoc's smart punctuation cannot change a character) with links to the
appendix rows of its statements. A phrase that is not in the article or in no statement stops
the render.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from scripts.paths import SCHEMAS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TARGETS: list[dict[str, str]] = yaml.safe_load((SCHEMAS.parent / "targets.yaml").read_text(encoding="utf-8"))
TARGET_LABELS = {t["id"]: t["label"] for t in TARGETS}
TARGET_MEANING = {t["id"]: t["meaning"] for t in TARGETS}
VOICE_LABELS = {"own": "his own view", "official": "party or official line", "unclear": "unclear"}
GROUP_LABELS = {"corbyn": "Corbyn", "office": "Corbyn's office", "other": "other speakers"}
WORDING_LABELS = {"quotation": "his words, quoted", "paraphrase": "the reporter's paraphrase"}
# The actors register's titles for Corbyn's roles, as the report names them.
ROLE_LABELS = {"Member of Parliament for Islington North": "Backbench MP",
               "Labour leadership candidate": "Leadership candidate",
               "Leader of the Labour Party": "Labour leader",
               "Former Leader of the Labour Party": "Former leader"}
# Event kinds drawn as rules on the stance chart (the others are in the events timeline only).
KEY_EVENT_KINDS = ("war", "attack", "summit", "election", "leadership-result")
# Bounds that keep the page readable and small whatever the corpus size (issue 13: readable at
# 10,000 articles). Each is far above what the five seed articles need, so below them nothing
# is summarised; above them a chart draws aggregates (binned by month, quarter or year), a table
# shows its first rows and says where the rest is, and a list names the first items and counts
# the others. tests/test_report_scale.py renders a package past every one of them.
MAX_MARKS = 1500      # rows of one chart's data (each row is at most a few marks)
MAX_LABELLED = 150    # rows of a chart that writes a text label by every mark (polls)
MAX_TABLE_ROWS = 400  # rows of an HTML table in the page (the CSV behind it has all)
MAX_STATEMENTS = 1000  # rows of the searchable statements table (data/statements.csv has all)
MAX_LISTED = 12       # items a sentence names before "and N more"
MAX_OUTLETS = 5       # outlets a chart colours apart; the rest are "other outlets"
BINS = (("1mo", "month"), ("3mo", "quarter"), ("1y", "year"))
_TYPES = {"string": pl.Utf8, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date, "boolean": pl.Utf8}
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_SAFE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*\.csv")


# ---------------------------------------------------------------- the package


@dataclass
class Package:
    """The published data package under `root`: the descriptor and its resources as polars frames."""

    root: Path
    descriptor: dict[str, Any]

    @classmethod
    def load(cls, root: str | Path) -> Package:
        """Read `root/datapackage.json`."""
        root = Path(root)
        return cls(root, json.loads((root / "datapackage.json").read_text(encoding="utf-8")))

    @property
    def names(self) -> list[str]:
        """The published resources, in descriptor order."""
        return [r["name"] for r in self.descriptor.get("resources", [])]

    def has(self, name: str) -> bool:
        """Whether the resource `name` is published (listed in the descriptor and present)."""
        return name in self.names and (self.root / self.resource(name)["path"]).is_file()

    def resource(self, name: str) -> dict[str, Any]:
        """The descriptor entry of resource `name`."""
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def schema(self, name: str) -> dict[str, pl.DataType]:
        """Column types of `name` from its Table Schema (the package's own, or the repository's)."""
        if name in self.names:
            fields = self.resource(name)["schema"]["fields"]
        else:
            text = (SCHEMAS / f"{name}.yaml").read_text(encoding="utf-8")
            fields = yaml.safe_load(text)["schema"]["fields"]
        return {f["name"]: _TYPES[f["type"]] for f in fields}

    def frame(self, name: str) -> pl.DataFrame:
        """Resource `name` typed by its Table Schema; an empty frame when it is not published."""
        schema = self.schema(name)
        if not self.has(name):
            return pl.DataFrame(schema=schema)
        frame = pl.read_csv(self.root / self.resource(name)["path"], schema=schema)
        return frame.with_columns(pl.col(pl.Utf8).fill_null(""))  # an empty text cell is "", not missing

    def enum(self, name: str, column: str) -> list[str]:
        """The `enum` constraint of a column, or [] when it has none."""
        if name not in self.names:
            return []
        field = next((f for f in self.resource(name)["schema"]["fields"] if f["name"] == column), {})
        return list(field.get("constraints", {}).get("enum", []))


class Corpus:
    """The statements joined to their context, speaker and article, in reading order (S1, S2, …)."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.sources = package.frame("sources").sort("published_start", "source_id")
        actors = package.frame("actors").select(speaker_id="actor_id", speaker="name")
        context = package.frame("statement_context")
        self.statements = (
            package.frame("statements")
            .join(context, on="statement_id", how="left")
            .join(actors, on="speaker_id", how="left")
            .join(self.sources.select("source_id", "outlet", "headline", "published_start", "published_end",
                                      "published_precision"), on="source_id", how="left")
            .sort("published_start", "source_id", "start", "statement_id")
            .with_columns(n=pl.int_range(1, pl.len() + 1), outlet=outlet_expr())
            .with_columns(
                role=pl.col("corbyn_role").replace_strict(ROLE_LABELS, default=pl.col("corbyn_role")),
                group=pl.col("speaker_group").replace_strict(GROUP_LABELS, default="other speakers")))
        self.number = dict(zip(self.statements["statement_id"], self.statements["n"], strict=True))
        self.linked: set[str] = set()  # statements the prose links to (the appendix always holds them)

    @cached_property
    def texts(self) -> dict[str, str]:
        """Each article's text, decoded as the offsets count it."""
        return {s["source_id"]: (self.package.root / s["file"]).read_text(encoding="utf-8")
                for s in self.sources.iter_rows(named=True)}

    def codings(self) -> pl.DataFrame:
        """Every stance coding joined to its statement (and the statement's context)."""
        return (self.package.frame("stances").select("statement_id", "target", "score", "voice", "rationale")
                .join(self.statements, on="statement_id", how="inner")
                .with_columns(
                    voice_label=pl.col("voice").replace_strict(VOICE_LABELS, default=pl.col("voice")),
                    target_label=pl.col("target").replace_strict(TARGET_LABELS, default=pl.col("target")))
                .sort("target", "n"))


def outlet_expr() -> pl.Expr:
    """The outlet's name, or 'outlet not named'."""
    return pl.when(pl.col("outlet") == "").then(pl.lit("outlet not named")).otherwise(pl.col("outlet"))


# ---------------------------------------------------------------- per-occasion aggregates


def per_occasion(codings: pl.DataFrame, *by: str) -> pl.DataFrame:
    """One row per occasion (and `by` columns): mean score, statements, lowest and highest score."""
    keys = [*by, "occasion_id"]
    return (codings.group_by(keys)
            .agg(mean=pl.col("score").mean(), statements=pl.len(), low=pl.col("score").min(),
                 high=pl.col("score").max(), occasion_start=pl.col("occasion_start").first(),
                 occasion_end=pl.col("occasion_end").first(),
                 occasion_precision=pl.col("occasion_precision").first(),
                 occasion_date_basis=pl.col("occasion_date_basis").first(),
                 occasion_date_source=pl.col("occasion_date_source").first(),
                 role=pl.col("role").first(), outlets=pl.col("outlet").unique().sort().str.join(", "))
            .sort(*keys, nulls_last=True))


def across_occasions(occasions: pl.DataFrame, *by: str) -> pl.DataFrame:
    """Occasion means summarised: each occasion counts once (mean of means, n occasions, range)."""
    return (occasions.group_by(list(by))
            .agg(mean=pl.col("mean").mean(), occasions=pl.len(), statements=pl.col("statements").sum(),
                 low=pl.col("mean").min(), high=pl.col("mean").max())
            .sort(list(by)))


def signed(value: float | int) -> str:
    """A score with its sign, typographic minus, two decimals unless whole: '+1', '−0.33', '0'."""
    value = round(float(value), 2)
    text = f"{abs(value):g}" if value == int(value) else f"{abs(value):.2f}"
    return "0" if value == 0 else ("+" if value > 0 else "−") + text


def plural(n: int, word: str) -> str:
    """'1 occasion', '3 occasions'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def score_cell(row: dict[str, Any] | None) -> str:
    """'−0.33 (1 occasion, 3 statements; −1 to +1)' for a summary row; '–' when there is none."""
    if not row:
        return "–"
    spread = "" if row["low"] == row["high"] else f"; {signed(row['low'])} to {signed(row['high'])}"
    occasions = f"{plural(row['occasions'], 'occasion')}, " if "occasions" in row else ""
    return f"{signed(row['mean'])} ({occasions}{plural(row['statements'], 'statement')}{spread})"


def pick(frame: pl.DataFrame, **equal: Any) -> dict[str, Any] | None:
    """The one row of `frame` whose columns equal `equal` (None when there is none)."""
    rows = frame.filter(*(pl.col(k) == v for k, v in equal.items()))
    if len(rows) > 1:
        raise ValueError(f"{len(rows)} rows match {equal}")
    return rows.row(0, named=True) if len(rows) else None


def findings(corpus: Corpus) -> dict[str, dict[str, Any] | None]:
    """The numbers the key findings state: per occasion, his words by voice and wording.

    Each value is one occasion's mean over his (or his office's) codings of that kind, with the
    number of statements and the lowest and highest score (tests/test_report.py recomputes them).
    """
    his = corpus.codings().filter(pl.col("speaker_group") != "other")
    occ = per_occasion(his, "target", "voice", "wording")
    return {
        "nato_2014_quoted": pick(occ, target="nato-existence", occasion_id="newport-anti-nato-rally-2014",
                                 voice="own", wording="quotation"),
        "nato_2019_own_quoted": pick(occ, target="nato-existence", voice="own", wording="quotation",
                                     occasion_id="corbyn-jeremy-vine-interview-2019"),
        "nato_2019_official_quoted": pick(occ, target="nato-existence", voice="official", wording="quotation",
                                          occasion_id="corbyn-jeremy-vine-interview-2019"),
        "a5_2016_quoted": pick(occ, target="nato-article5", voice="own", wording="quotation",
                               occasion_id="labour-leadership-hustings-birmingham-2016"),
        "a5_2016_paraphrase": pick(occ, target="nato-article5", voice="own", wording="paraphrase",
                                   occasion_id="labour-leadership-hustings-birmingham-2016"),
        "russia_2015_quoted": pick(occ, target="russia-putin", voice="own", wording="quotation",
                                   occasion_id="corbyn-guardian-interview-2015"),
        "russia_2016_quoted": pick(occ, target="russia-putin", voice="own", wording="quotation",
                                   occasion_id="labour-leadership-hustings-birmingham-2016"),
        "russia_2019_quoted": pick(occ, target="russia-putin", voice="own", wording="quotation",
                                   occasion_id="corbyn-jeremy-vine-interview-2019"),
        "russia_2022_quoted": pick(occ, target="russia-putin", voice="own", wording="quotation",
                                   occasion_id="corbyn-video-2022"),
    }


def occasion_cell(row: dict[str, Any] | None) -> str:
    """'−0.33 (3 statements; −1 to +1)' for one occasion's row of `per_occasion`."""
    return score_cell(row)


# ---------------------------------------------------------------- dates


def iso(value: str | date | None) -> date | None:
    """An ISO date (or a date), or None for an empty cell."""
    if isinstance(value, date) or value is None:
        return value
    return date.fromisoformat(value) if value else None


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def interval_label(start: date | None, end: date | None, precision: str = "") -> str:
    """A reader's label for a closed interval of days: '3 Dec 2019', 'Jul 2015', '2014', '3–9 Aug 2015'.

    A bound that is only the edge of the calendar year of a `year`-precision interval is not
    shown as a day: 1 Jan–24 Feb 2022 reads '2022, by 24 Feb' (no day is made up).
    """
    if end is None:
        return "undated"
    if start is None:
        return f"undated (before {_day(end + timedelta(days=1))})"
    if start == end:
        return _day(start)
    next_day = end + timedelta(days=1)
    if start.day == 1 and next_day.day == 1:
        if (start.month, next_day.month, next_day.year - start.year) == (1, 1, 1):
            return str(start.year)
        if (next_day.year * 12 + next_day.month) - (start.year * 12 + start.month) == 1:
            return f"{MONTHS[start.month - 1]} {start.year}"
    if precision == "year" and start.year == end.year:
        if (start.month, start.day) == (1, 1):
            return f"{start.year}, by {end.day} {MONTHS[end.month - 1]}"
        if (end.month, end.day) == (12, 31):
            return f"{start.year}, from {start.day} {MONTHS[start.month - 1]}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def dated(start: date | None, end: date | None, precision: str, basis: str, source: str) -> str:
    """A date with its precision and basis: '30 Aug 2014 (day; outside source: …)', '2014 (year; …)'."""
    if start is None:
        return "undated"
    how = (f"outside source: {source}" if basis == "outside source"
           else (f"article: “{source}”" if source else ""))
    return f"{interval_label(start, end, precision)} ({precision}" + (f"; {how})" if how else ")")


def day_after(value: date | None) -> date | None:
    """The day after `value` (the exclusive end of an inclusive interval)."""
    return value + timedelta(days=1) if value else None


# ---------------------------------------------------------------- prose helpers


def md_escape(text: str) -> str:
    """`text` as literal Markdown: every ASCII punctuation mark backslash-escaped.

    Pandoc (and so Quarto) then prints each character as it is: no smart quotes or dashes,
    no emphasis, links, citations or raw HTML can come out of article text.
    """
    if "\n" in text or "\r" in text:
        raise ValueError(f"a quoted phrase must be one line: {text!r}")
    return _MD_PUNCT.sub(r"\\\1", text)


def md(text: object) -> str:
    """Any text from the data, as literal inline Markdown: whitespace runs as one space, then escaped."""
    return md_escape(" ".join(str(text).split()))


def md_list(items: Iterable[str], limit: int = MAX_LISTED, what: str = "more") -> str:
    """'a, b and c', each item escaped; past `limit` items, the first ones and 'N more'."""
    words = [md(i) for i in items]
    if len(words) > limit:
        words = [*words[:limit - 1], f"{len(words) - limit + 1:,} {what}"]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else (words[0] if words else "none")


def distinct_list(items: Iterable[str], what: str = "more") -> str:
    """`md_list` of `items`, or, when they repeat past `MAX_LISTED`, of the distinct ones by count."""
    items = list(items)
    if len(items) <= MAX_LISTED:
        return md_list(items)
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return md_list([f"{k} ({counts[k]:,})" if counts[k] > 1 else k for k in ranked], what=what)


def held_out(evaluation: pl.DataFrame) -> dict[str, Any]:
    """The overall row of the newest held-out dev split: the last dev row other than tune (the
    evaluate step writes the splits in the order they were made); {} when none is published."""
    rows = evaluation.filter(pl.col("stage").str.starts_with("dev-") & (pl.col("stage") != "dev-tune")
                             & (pl.col("source_id") == "all")).to_dicts()
    return rows[-1] if rows else {}


def pct(value: float | str) -> str:
    """A proportion (0..1) as a whole percentage: '97%'."""
    return f"{100 * float(value):.0f}%"


def share(part: int, whole: int) -> str:
    """'12 of 89 (13%)'."""
    return f"{part} of {whole} ({round(100 * part / whole) if whole else 0}%)"


def count_phrase(frame: pl.DataFrame, column: str, order: Iterable[str] | None = None) -> str:
    """'40 direct, 20 fragment and 29 indirect': how many rows have each value of `column`."""
    counts = dict(frame.group_by(column).len().iter_rows())
    keys = [k for k in (order or sorted(counts, key=lambda k: (-counts[k], str(k)))) if counts.get(k)]
    parts = [f"{counts[k]} {md(k)}" for k in keys]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "none"


def statement_links(corpus: Corpus, ids: Iterable[str]) -> str:
    """Superscript links 'S12, S13' to the appendix rows of statements `ids`."""
    ordered = sorted(set(ids), key=lambda i: corpus.number[i])
    corpus.linked.update(ordered)
    links = ", ".join(f'<a href="#{i}" class="st-link">S{corpus.number[i]}</a>' for i in ordered)
    return f'<sup class="st-ref">{links}</sup>' if links else ""


class QuoteError(LookupError):
    """A phrase of the report's prose is not in its article, or not in any statement."""


@dataclass(frozen=True)
class Evidence:
    """Where a phrase is: its article, offsets, and the statements whose spans hold it."""

    source_id: str
    phrase: str
    start: int
    statement_ids: tuple[str, ...]


class Quoter:
    """Verbatim quotations from one article, with citation and statement links.

    `q = Quoter(corpus, source_id)`; `q("close down Nato")` → the phrase in quotation marks,
    escaped, followed by links to its statements; `q.ref("…")` → the links alone (for a
    paraphrase); `q.cite` → the pandoc citation `[@source_id]`.
    """

    def __init__(self, corpus: Corpus, source_id: str) -> None:
        if source_id not in corpus.texts:
            raise QuoteError(f"no source {source_id!r} in data/sources.csv")
        self.corpus = corpus
        self.source_id = source_id

    @property
    def cite(self) -> str:
        """The pandoc citation of the article."""
        return cite(self.source_id)

    def find(self, phrase: str) -> Evidence:
        """The first occurrence of `phrase` inside statements of this article (ties: the shortest).

        A space in `phrase` matches a space or a no-break space; every other character must be
        exact (curly and straight apostrophes differ). `Evidence.phrase` is the article's own text.
        """
        text = self.corpus.texts[self.source_id]
        spans = self.corpus.statements.filter(pl.col("source_id") == self.source_id)
        pattern = re.compile("[ \u00a0]".join(re.escape(word) for word in phrase.split(" ")))
        matches = list(pattern.finditer(text))
        if not matches:
            raise QuoteError(f"{phrase!r} does not occur in {self.source_id}")
        for match in matches:
            inside = (spans.filter((pl.col("start") <= match.start()) & (pl.col("end") >= match.end()))
                      .with_columns(length=pl.col("end") - pl.col("start")).sort("length", "statement_id"))
            if len(inside):
                first = inside.row(0, named=True)["text"]
                ids = tuple(inside.filter(pl.col("text") == first)["statement_id"])
                return Evidence(self.source_id, match.group(), match.start(), ids)
        raise QuoteError(f"{phrase!r} occurs in {self.source_id} but inside no extracted statement")

    def __call__(self, phrase: str) -> str:
        """The phrase, verbatim (the article's characters) in curly quotation marks, with statement links."""
        evidence = self.find(phrase)
        return f"“{md_escape(evidence.phrase)}”{statement_links(self.corpus, evidence.statement_ids)}"

    def ref(self, *phrases: str) -> str:
        """Links to the statements holding `phrases`, for a sentence that paraphrases them."""
        return statement_links(self.corpus, [i for p in phrases for i in self.find(p).statement_ids])


# Articles the page cites (so listed in its bibliography, with an anchor `#ref-<id>`).
CITED: set[str] = set()


def cite(source_id: str) -> str:
    """The pandoc citation of one article: `[@source_id]`."""
    CITED.add(source_id)
    return f"[@{source_id}]"


def cites(*quoters: Quoter) -> str:
    """One pandoc citation of several articles: `[@a; @b]`."""
    CITED.update(q.source_id for q in quoters)
    return "[" + "; ".join(f"@{q.source_id}" for q in quoters) + "]"


# ---------------------------------------------------------------- HTML blocks


def raw_html(markup: str) -> str:
    """A raw HTML block for an `output: asis` cell."""
    return "```{=html}\n" + markup.strip("\n") + "\n```\n"


def appendix_table(corpus: Corpus, limit: int = MAX_STATEMENTS) -> str:
    """Every statement as a row `<tr id="st-…">` of a filterable, sortable table; every cell escaped.

    Past `limit` statements, the first `limit` in reading order and every statement the prose
    links to, with a note pointing to `data/statements.csv` for the rest.
    """
    shown = corpus.statements
    if len(shown) > limit:
        shown = shown.filter((pl.col("n") <= limit) | pl.col("statement_id").is_in(sorted(corpus.linked)))
    codings = (corpus.codings().join(shown.select("statement_id"), on="statement_id", how="semi")
               .group_by("statement_id")
               .agg(pl.format("{} {} ({})", "target",
                              pl.col("score").map_elements(signed, return_dtype=pl.Utf8), "voice")
                    .str.join("; ").alias("coded")))
    table = shown.join(codings, on="statement_id", how="left").sort("n")
    head = ["#", "Speaker", "Kind", "Said (precision; basis)", "Occasion", "Reported in", "Words (verbatim)",
            "Codings"]
    rows = []
    for st in table.iter_rows(named=True):
        said = dated(st["occasion_start"], st["occasion_end"], st["occasion_precision"],
                     st["occasion_date_basis"], st["occasion_date_source"])
        cells = [
            f"S{st['n']}",
            html.escape(st["speaker"] or st["speaker_id"]),
            html.escape(f"{st['kind']} ({st['wording']})"),
            html.escape(said),
            f"<small>{html.escape(st['occasion_id'])}</small>",
            (f'<a href="#ref-{html.escape(st["source_id"])}">{html.escape(article_label(st))}</a>'
             if st["source_id"] in CITED else html.escape(article_label(st)))
            + f"<br><small>chars {st['start']}–{st['end']}</small>",
            html.escape(st["text"]),
            html.escape(st["coded"] or ""),
        ]
        rows.append(f'<tr id="{html.escape(st["statement_id"])}" data-sort="{st["n"]}">'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    search = ('<p class="table-search"><label for="statements-filter">Search the statements: </label>'
              '<input id="statements-filter" type="search" data-table="table-statements" '
              'placeholder="a word, a speaker, an outlet, a year"> <span class="filter-count" '
              'aria-live="polite"></span> <small>Click a column heading to sort.</small></p>')
    more = ""
    if len(shown) < len(corpus.statements):
        more = (f'<p class="table-more">This table holds {len(shown):,} of the {len(corpus.statements):,} '
                f"statements: the first {limit:,} in reading order and every statement the text above links "
                'to. All of them, with every column, are in <a href="../data/statements.csv">'
                "data/statements.csv</a>.</p>\n")
    return raw_html(more + search + "\n" + _table("table-statements", head, rows, sortable=True))


def article_label(row: dict[str, Any]) -> str:
    """'Daily Mail, 3 Dec 2019' — outlet and publication interval."""
    outlet = row["outlet"] or "outlet not named"
    return f"{outlet[:1].upper()}{outlet[1:]}, {interval_label(row['published_start'], row['published_end'])}"


def _table(table_id: str, head: list[str], rows: list[str], sortable: bool = False) -> str:
    """An HTML table that Quarto must leave as it is (no Markdown processing of its cells)."""
    header = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    classes = "data-table sortable" if sortable else "data-table"
    return (f'<div class="table-scroll" tabindex="0" role="region" aria-label="{html.escape(table_id)}">'
            f'<table id="{table_id}" class="{classes}" data-quarto-disable-processing="true">\n'
            f"<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>")


def downloads(package: Package) -> str:
    """A Markdown list linking the descriptor and every published table (relative to report/)."""
    lines = ["- [`datapackage.json`](../datapackage.json): the descriptor — every table, field, "
             "type, key and licence."]
    for r in package.descriptor.get("resources", []):
        if not _SAFE_PATH.fullmatch(r["path"]):
            raise ValueError(f"datapackage.json: unexpected resource path {r['path']!r}")
        rows = len(package.frame(r["name"]))
        lines.append(f"- [`{r['path']}`](../{r['path']}) — {md(r.get('title', r['name']))}: "
                     f"{rows} rows, {r.get('bytes', 0):,} bytes.")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- at scale: bins and caps


def bin_unit(frame: pl.DataFrame, dates: list[str], keys: list[str],
             limit: int = MAX_MARKS) -> tuple[str, str] | None:
    """None when `frame` has at most `limit` rows; else the finest bin (month, quarter, year) of
    the `dates` columns whose distinct (`keys`, bins) are at most `limit` (a year if none is)."""
    if len(frame) <= limit:
        return None
    for every, name in BINS:
        n = frame.select(*keys, *(pl.col(d).dt.truncate(every) for d in dates)).n_unique()
        if n <= limit:
            return every, name
    return BINS[-1]


def bin_label(start: date | None, unit: tuple[str, str]) -> str:
    """'Mar 2019', 'Jan–Mar 2019' or '2019': the bin that starts at `start`."""
    if start is None:
        return "undated"
    if unit[1] == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if unit[1] == "quarter":
        return f"{MONTHS[start.month - 1]}–{MONTHS[start.month + 1]} {start.year}"
    return str(start.year)


def binned(frame: pl.DataFrame, unit: tuple[str, str], date: str, keys: list[str],
           **agg: pl.Expr) -> pl.DataFrame:
    """`frame` grouped by `keys` and the bin of `date`: `bin` (its first day), `bin_until`
    (the day after its last), `bin_label`, `rows` and the aggregates `agg`."""
    every = unit[0]
    return (frame.with_columns(bin=pl.col(date).dt.truncate(every))
            .group_by(*keys, "bin").agg(rows=pl.len(), **agg)
            .with_columns(bin_until=pl.col("bin").dt.offset_by(every),
                          bin_label=pl.col("bin").map_elements(lambda d: bin_label(d, unit),
                                                               return_dtype=pl.Utf8))
            .sort(*keys, "bin"))


def one_or_count(column: str, what: str) -> pl.Expr:
    """Within a group: its one value of `column`, or 'N <what>' when there are several."""
    n = pl.col(column).n_unique()
    return pl.when(n == 1).then(pl.col(column).first()).otherwise(pl.format("{} " + what, n))


def top_values(frame: pl.DataFrame, column: str, keep: int = MAX_OUTLETS,
               rest: str = "other outlets") -> pl.Expr:
    """`column` with all but its `keep` most frequent values (ties by name) replaced by `rest`."""
    counts = frame.group_by(column).len().sort(["len", column], descending=[True, False])
    if len(counts) <= keep:
        return pl.col(column)
    kept = counts[column].head(keep).to_list()
    return pl.when(pl.col(column).is_in(kept)).then(pl.col(column)).otherwise(pl.lit(rest))


def scale_note(unit: tuple[str, str] | None, shown: int, whole: int, what: str) -> str:
    """A sentence saying that a chart draws bins, not one mark per `what` ('' when it does not)."""
    if unit is None:
        return ""
    return (f"*At this size the figure draws bins, not one mark per {what}:* the {whole:,} {what}s are "
            f"grouped by {unit[1]} into {shown:,} marks, each giving its number of {what}s. The data "
            "below the figure lists the bins; the package's tables have every row.\n")
