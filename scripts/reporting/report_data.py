"""What the report computes from the published data package, and the Markdown/HTML it prints.

The report (`report/index.qmd`) reads only `datapackage.json` and the tables it lists (plus
the article texts that `sources.file` points at, to check quotations). Tables that are not
published yet are simply absent: `Package.has(name)` says so and the report prints a note.

Quotations in the report's prose are never typed by hand: `Quoter` looks a phrase up in the
article's text, requires it to lie inside an extracted statement, and prints it verbatim
(Markdown-escaped, so pandoc's smart punctuation cannot change a character) with links to
the appendix rows of the statements it rests on. A phrase that is not in the article, or not
in any statement, stops the render.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from scripts.package.tables import read_csv

CORBYN = "corbyn"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TARGET_LABELS = {
    "nato-existence": "NATO's existence and UK membership",
    "nato-article5": "Article 5 (collective defence)",
    "nato-expansion": "NATO expansion",
    "nato-spending": "NATO spending",
    "russia-putin": "Russia under Putin",
}
TARGET_MEANING = {
    "nato-existence": "+ keep NATO and UK membership, − scrap or leave it",
    "nato-article5": "+ commit to defend an attacked ally, − refuse to",
    "nato-expansion": "+ favour enlargement, − oppose it",
    "nato-spending": "+ favour the 2% target, − oppose it",
    "russia-putin": "+ conciliatory or favourable to the Russian state under Putin, − critical",
}
VOICE_LABELS = {"own": "his own view", "official": "party or official line", "unclear": "unclear"}
GROUP_LABELS = {"corbyn": "Corbyn", "office": "Corbyn's office", "other": "other speakers"}
# Event kinds drawn as rules on the stance chart (the others are in the events timeline only).
KEY_EVENT_KINDS = ("war", "attack", "summit", "election")
_DAY = r"\d{4}-\d\d-\d\d"
_ROLE = re.compile(rf"\s*(?P<title>.+?)\s*\((?P<start>{_DAY})\s*[–-]\s*(?P<end>{_DAY})?\)\s*")
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_SAFE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*\.csv")


# ---------------------------------------------------------------- the package


@dataclass
class Package:
    """The published data package under `root`: the descriptor and its tables, read as text."""

    root: Path
    descriptor: dict[str, Any] = field(default_factory=dict)

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

    def table(self, name: str) -> list[dict[str, str]]:
        """The rows of resource `name` as text cells; an empty list when it is not published."""
        if not self.has(name):
            return []
        return read_csv(self.root / self.resource(name)["path"])

    def fields(self, name: str) -> dict[str, dict[str, Any]]:
        """Resource `name`'s Table Schema fields by name ({} when it is not published)."""
        if name not in self.names:
            return {}
        return {f["name"]: f for f in self.resource(name)["schema"]["fields"]}

    def enum(self, name: str, column: str) -> list[str]:
        """The `enum` constraint of a column, or [] when it has none."""
        return list(self.fields(name).get(column, {}).get("constraints", {}).get("enum", []))


# ---------------------------------------------------------------- dates


def iso(value: str) -> date | None:
    """An ISO date, or None for an empty cell."""
    return date.fromisoformat(value) if value else None


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def interval_label(start: date | None, end: date | None) -> str:
    """A reader's label for a closed interval of days: '3 Dec 2019', 'Jul 2015', '2014', '3–9 Aug 2015'."""
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
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def day_after(value: str) -> str:
    """The ISO day after `value` (the exclusive end of an inclusive interval); '' stays ''."""
    return (date.fromisoformat(value) + timedelta(days=1)).isoformat() if value else ""


# ---------------------------------------------------------------- roles


@dataclass(frozen=True)
class Role:
    """A period of Corbyn's career, as drawn in the charts."""

    label: str
    start: date
    end: date | None  # None: still held


def corbyn_roles(actor: dict[str, str]) -> list[Role]:
    """His roles from the actors table: backbench MP until leader, candidate, leader, former leader.

    `roles` reads 'title (start–end) | …'; the backbench period is the MP role up to the day
    he became leader (the candidacy falls inside it and is drawn on top).
    """
    parsed = [m.groupdict() for part in actor.get("roles", "").split("|") if (m := _ROLE.fullmatch(part))]
    spans = {p["title"].lower(): (iso(p["start"]), iso(p["end"] or "")) for p in parsed}
    leader = next((v for k, v in spans.items() if k.startswith("leader of")), None)
    out = []
    for title, (start, end) in spans.items():
        if title.startswith("member of parliament") and leader:
            out.append(Role("Backbench MP", start, leader[0]))
        elif "candidate" in title:
            out.append(Role("Leadership candidate", start, end))
        elif title.startswith("leader of"):
            out.append(Role("Labour leader", start, end))
        elif title.startswith("former leader"):
            out.append(Role("Former leader", start, end))
    return sorted(out, key=lambda r: (r.start, r.label))


def role_at(roles: list[Role], day: date) -> str:
    """The role he held on `day` (the candidacy wins over backbench MP)."""
    held = [r for r in roles if r.start <= day and (r.end is None or day < r.end)]
    held.sort(key=lambda r: r.label != "Leadership candidate")
    return held[0].label if held else ""


# ---------------------------------------------------------------- the corpus


class Corpus:
    """The package's tables joined up for the report: statements with their sources and speakers."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.sources = {s["source_id"]: s for s in package.table("sources")}
        self.actors = {a["actor_id"]: a for a in package.table("actors")}
        self.paragraphs = package.table("paragraphs")
        order = {sid: (s["published_start"], sid) for sid, s in self.sources.items()}
        self.statements = sorted(package.table("statements"),
                                 key=lambda r: (order[r["source_id"]], int(r["start"]), r["statement_id"]))
        self.by_id = {s["statement_id"]: s for s in self.statements}
        self.number = {s["statement_id"]: n for n, s in enumerate(self.statements, 1)}
        self.roles = corbyn_roles(self.actors.get(CORBYN, {}))

    @cached_property
    def texts(self) -> dict[str, str]:
        """Each article's text, decoded as the offsets count it."""
        return {sid: (self.package.root / s["file"]).read_text(encoding="utf-8")
                for sid, s in self.sources.items()}

    def outlet(self, source_id: str) -> str:
        """The outlet's name, or 'outlet not named'."""
        return self.sources[source_id]["outlet"] or "outlet not named"

    def published(self, source_id: str) -> tuple[date, date]:
        """The article's publication interval (inclusive)."""
        s = self.sources[source_id]
        return date.fromisoformat(s["published_start"]), date.fromisoformat(s["published_end"])

    def article_label(self, source_id: str) -> str:
        """'Daily Mail, 3 Dec 2019' — outlet and publication interval."""
        return f"{self.outlet(source_id)[:1].upper()}{self.outlet(source_id)[1:]}, " \
               f"{interval_label(*self.published(source_id))}"

    def group(self, speaker_id: str) -> str:
        """corbyn, office (someone speaking for him) or other."""
        if speaker_id == CORBYN:
            return "corbyn"
        return "office" if self.actors.get(speaker_id, {}).get("speaks_for") == CORBYN else "other"

    def speaker(self, speaker_id: str) -> str:
        """The speaker's canonical name."""
        return self.actors.get(speaker_id, {}).get("name", speaker_id)

    def said(self, st: dict[str, str]) -> tuple[date | None, date | None]:
        """A statement's said interval (start None when undated)."""
        return iso(st["said_start"]), iso(st["said_end"])

    def said_label(self, st: dict[str, str]) -> str:
        """'Jul 2015', or 'undated (before 17 Aug 2015)'."""
        return interval_label(*self.said(st))

    def lag_days(self, st: dict[str, str]) -> int | None:
        """Fewest days that can separate the saying from the report (None when undated)."""
        if not st["said_start"]:
            return None
        return max(0, (self.published(st["source_id"])[0] - date.fromisoformat(st["said_end"])).days)

    def role_when_said(self, st: dict[str, str]) -> str:
        """His role on the first possible day of saying ('' when undated or roles differ over it)."""
        start, end = self.said(st)
        if start is None or end is None:
            return ""
        first, last = role_at(self.roles, start), role_at(self.roles, end)
        return first if first == last else f"{first} or {last}"

    def cross_article_clusters(self) -> dict[str, list[dict[str, str]]]:
        """Clusters (the same words by the same speaker) reported by more than one article."""
        clusters: dict[str, list[dict[str, str]]] = defaultdict(list)
        for st in self.statements:
            clusters[st["cluster_id"]].append(st)
        return {k: v for k, v in sorted(clusters.items()) if len({s["source_id"] for s in v}) > 1}


# ---------------------------------------------------------------- prose helpers


def md_escape(text: str) -> str:
    """`text` as literal Markdown: every ASCII punctuation mark backslash-escaped.

    Pandoc (and so Quarto) then prints each character as it is: no smart quotes or dashes,
    no emphasis, links, citations or raw HTML can come out of article text.
    """
    if "\n" in text or "\r" in text:
        raise ValueError(f"a quoted phrase must be one line: {text!r}")
    return _MD_PUNCT.sub(r"\\\1", text)


def md(text: str) -> str:
    """Any text from the data, as literal inline Markdown: whitespace runs as one space, then escaped.

    Use it for every data value (names, labels, enum values) printed into Markdown; quotations
    go through `Quoter`, which keeps the article's characters exactly.
    """
    return md_escape(" ".join(str(text).split()))


def md_list(items: Iterable[str]) -> str:
    """'a, b and c', each item escaped."""
    words = [md(i) for i in items]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else (words[0] if words else "none")


def statement_links(corpus: Corpus, ids: Iterable[str]) -> str:
    """Superscript links 'S12, S13' to the appendix rows of statements `ids`."""
    ordered = sorted(set(ids), key=lambda i: corpus.number[i])
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
        if source_id not in corpus.sources:
            raise QuoteError(f"no source {source_id!r} in data/sources.csv")
        self.corpus = corpus
        self.source_id = source_id

    @property
    def cite(self) -> str:
        """The pandoc citation of the article."""
        return f"[@{self.source_id}]"

    def find(self, phrase: str) -> Evidence:
        """The first occurrence of `phrase` inside statements of this article (ties: the shortest).

        A space in `phrase` matches a space or a no-break space; every other character must be
        exact (curly and straight apostrophes differ). `Evidence.phrase` is the article's own text.
        """
        text = self.corpus.texts[self.source_id]
        spans = [s for s in self.corpus.statements if s["source_id"] == self.source_id]
        pattern = re.compile("[ \u00a0]".join(re.escape(word) for word in phrase.split(" ")))
        matches = list(pattern.finditer(text))
        if not matches:
            raise QuoteError(f"{phrase!r} does not occur in {self.source_id} "
                             f"({self.corpus.sources[self.source_id]['file']})")
        for match in matches:
            inside = [s for s in spans if int(s["start"]) <= match.start() and match.end() <= int(s["end"])]
            if inside:
                inside.sort(key=lambda s: (int(s["end"]) - int(s["start"]), s["statement_id"]))
                ids = tuple(s["statement_id"] for s in inside if s["text"] == inside[0]["text"])
                return Evidence(self.source_id, match.group(), match.start(), ids)
        raise QuoteError(f"{phrase!r} occurs in {self.source_id} but inside no extracted statement")

    def __call__(self, phrase: str) -> str:
        """The phrase, verbatim (the article's characters) in curly quotation marks, with statement links."""
        evidence = self.find(phrase)
        return f"“{md_escape(evidence.phrase)}”{statement_links(self.corpus, evidence.statement_ids)}"

    def ref(self, *phrases: str) -> str:
        """Links to the statements holding `phrases`, for a sentence that paraphrases them."""
        ids = [i for p in phrases for i in self.find(p).statement_ids]
        return statement_links(self.corpus, ids)


def cites(*quoters: Quoter) -> str:
    """One pandoc citation of several articles: `[@a; @b]`."""
    return "[" + "; ".join(f"@{q.source_id}" for q in quoters) + "]"


# ---------------------------------------------------------------- numbers for the prose


def pct(value: str | float) -> str:
    """A proportion (0..1, as text or number) as a whole percentage: '97%'."""
    return f"{100 * float(value):.0f}%"


def signed(score: int | str) -> str:
    """A score with its sign, typographic minus, and 0 as '0': '+2', '0', '−1'."""
    value = int(score)
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def coding_label(coding: dict[str, str], labels: bool = True) -> str:
    """'NATO expansion −2 (official)' (or with the target id when `labels` is false)."""
    target = TARGET_LABELS.get(coding["target"], coding["target"]) if labels else coding["target"]
    return f"{target} {signed(coding['score'])} ({coding['voice']})"


def share(part: int, whole: int) -> str:
    """'12 of 89 (13%)'."""
    return f"{part} of {whole} ({round(100 * part / whole) if whole else 0}%)"


def counts(rows: Iterable[dict[str, str]], column: str) -> Counter[str]:
    """How many rows have each value of `column`."""
    return Counter(r[column] for r in rows)


def count_phrase(counter: Counter[str], order: Iterable[str] | None = None) -> str:
    """'40 direct, 20 fragment and 29 indirect' in the given (or descending) order, escaped."""
    keys = [k for k in (order or sorted(counter, key=lambda k: (-counter[k], k))) if counter.get(k)]
    parts = [f"{counter[k]} {md(k)}" for k in keys]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "none"


def corpus_years(corpus: Corpus, first: int, last: int) -> tuple[list[int], list[int]]:
    """Years in [first, last] with no article published, and with no dated statement said in them."""
    published = {y for s in corpus.sources.values()
                 for y in range(int(s["published_start"][:4]), int(s["published_end"][:4]) + 1)}
    said = {y for st in corpus.statements if st["said_start"]
            for y in range(int(st["said_start"][:4]), int(st["said_end"][:4]) + 1)
            if st["said_precision"] != "unknown"}
    years = range(first, last + 1)
    return [y for y in years if y not in published], [y for y in years if y not in said]


# ---------------------------------------------------------------- rows for the charts


def statement_rows(corpus: Corpus, codings: dict[str, list[dict[str, str]]] | None = None
                   ) -> list[dict[str, Any]]:
    """One chart row per dated statement: said and published intervals (exclusive ends) and tooltips."""
    rows = []
    for st in corpus.statements:
        if not st["said_start"]:
            continue
        sid = st["source_id"]
        pub_start, pub_end = corpus.published(sid)
        rows.append({
            "id": st["statement_id"], "n": f"S{corpus.number[st['statement_id']]}",
            "article": corpus.article_label(sid), "article_order": corpus.sources[sid]["published_start"],
            "speaker": corpus.speaker(st["speaker_id"]),
            "group": GROUP_LABELS[corpus.group(st["speaker_id"])], "kind": st["kind"], "quote": st["text"],
            "outlet": corpus.outlet(sid),
            "said": corpus.said_label(st), "said_start": st["said_start"], "said_end": st["said_end"],
            "said_until": day_after(st["said_end"]), "evidence": st["said_evidence"],
            "published": interval_label(pub_start, pub_end), "published_start": pub_start.isoformat(),
            "published_end": pub_end.isoformat(), "published_until": day_after(pub_end.isoformat()),
            "lag": _lag_label(corpus.lag_days(st)),
            "codings": "; ".join(coding_label(c) for c in (codings or {}).get(st["statement_id"], [])),
        })
    return rows


def _lag_label(days: int | None) -> str:
    if days is None:
        return ""
    if days >= 365:
        return f"at least {days // 365} year{'s' if days >= 730 else ''} ({days} days)"
    return f"at least {days} days"


def stance_rows(corpus: Corpus, stances: list[dict[str, str]]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Codings joined to their statements: (dated rows to plot, undated rows to list).

    Each plotted row carries `y`, the score nudged by its rank among codings with the same
    target, score and said interval, so that identical marks do not hide one another; the
    axis and the tooltip show the score itself.
    """
    plotted, undated = [], []
    for c in sorted(stances, key=lambda c: (c["target"], corpus.number.get(c["statement_id"], 0))):
        st = corpus.by_id.get(c["statement_id"])
        if st is None:
            continue
        row = {
            "target": c["target"], "score": int(c["score"]), "voice": c["voice"],
            "voice_label": VOICE_LABELS.get(c["voice"], c["voice"]), "rationale": c.get("rationale", ""),
            "id": st["statement_id"], "n": f"S{corpus.number[st['statement_id']]}",
            "speaker": corpus.speaker(st["speaker_id"]),
            "group": GROUP_LABELS[corpus.group(st["speaker_id"])], "quote": st["text"],
            "outlet": corpus.outlet(st["source_id"]), "said": corpus.said_label(st),
            "said_start": st["said_start"], "said_end": st["said_end"],
            "said_until": day_after(st["said_end"]), "source_id": st["source_id"],
            "published": interval_label(*corpus.published(st["source_id"])),
        }
        (plotted if st["said_start"] else undated).append(row)
    _nudge(plotted)
    return plotted, undated


def _nudge(rows: list[dict[str, Any]]) -> None:
    """Set `y` = score ± a small deterministic offset within groups of identical marks."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        key = (r["target"], r["score"], r["said_start"], r["said_end"], r["group"] == "other speakers")
        groups[key].append(r)
    for members in groups.values():
        step = min(0.16, 0.8 / max(len(members), 1))
        for rank, r in enumerate(members):
            r["y"] = round(r["score"] + (rank - (len(members) - 1) / 2) * step, 4)
            r["stack"] = f"×{len(members)}" if len(members) >= 3 and rank == 0 else ""


def role_rows(roles: list[Role], since: date, until: date) -> list[dict[str, str]]:
    """Role bands for the charts, cut to [since, until) (an open role ends at `until`)."""
    return [{"role": r.label, "start": max(r.start, since).isoformat(),
             "end": min(r.end or until, until).isoformat(),
             "period": (interval_label(r.start, r.end - timedelta(days=1)) if r.end
                        else f"since {_day(r.start)}")}
            for r in roles if r.start < until and (r.end is None or r.end > since)]


def event_rows(events: list[dict[str, str]], kinds: Iterable[str] | None = None,
               after: str = "") -> list[dict[str, str]]:
    """Events (optionally of some kinds, starting on or after `after`) with a reader's date label."""
    keep = set(kinds) if kinds is not None else None
    out = []
    for e in sorted(events, key=lambda e: (e["start"], e["event_id"])):
        if (keep is None or e["kind"] in keep) and e["start"] >= after:
            out.append({"name": e["name"], "kind": e["kind"], "start": e["start"], "end": e["end"],
                        "until": day_after(e["end"]), "when": interval_label(iso(e["start"]), iso(e["end"])),
                        "date_evidence": e["date_evidence"] or e["date_source_title"]})
    return out


def mention_rows(corpus: Corpus, events: list[dict[str, str]], mentions: list[dict[str, str]],
                 after: str = "") -> list[dict[str, str]]:
    """One row per (event, article) pair: the event's interval and the article's publication interval."""
    by_id = {e["event_id"]: e for e in events}
    pairs = sorted({(m["event_id"], m["source_id"]) for m in mentions if m["event_id"] in by_id})
    rows = []
    for event_id, source_id in pairs:
        e = by_id[event_id]
        if e["start"] < after or source_id not in corpus.sources:
            continue
        start, end = corpus.published(source_id)
        words = sorted({m["text"] for m in mentions
                        if (m["event_id"], m["source_id"]) == (event_id, source_id)})
        rows.append({"name": e["name"], "event_start": e["start"], "kind": e["kind"],
                     "article": corpus.article_label(source_id), "published_start": start.isoformat(),
                     "published_until": (end + timedelta(days=1)).isoformat(),
                     "published": interval_label(start, end), "words": " | ".join(words)})
    return rows


# ---------------------------------------------------------------- HTML blocks


def raw_html(markup: str) -> str:
    """A raw HTML block for an `output: asis` cell."""
    return "```{=html}\n" + markup.strip("\n") + "\n```\n"


def appendix_table(corpus: Corpus, codings: dict[str, list[dict[str, str]]] | None = None) -> str:
    """Every statement as a table row `<tr id="st-…">`, every cell escaped (article text is data)."""
    head = ["#", "Statement", "Speaker", "Kind", "Said", "Reported in", "Words (verbatim)"]
    if codings is not None:
        head.append("Codings")
    rows = []
    for st in corpus.statements:
        sid, stid = st["source_id"], st["statement_id"]
        cells = [
            f"S{corpus.number[stid]}",
            f"<code>{html.escape(stid)}</code>",
            html.escape(corpus.speaker(st["speaker_id"])),
            html.escape(st["kind"]),
            html.escape(corpus.said_label(st))
            + (f"<br><small>{html.escape(st['said_evidence'])}</small>" if st["said_evidence"] else ""),
            f'<a href="#ref-{html.escape(sid)}">{html.escape(corpus.article_label(sid))}</a>'
            f"<br><small>chars {int(st['start'])}–{int(st['end'])}</small>",
            html.escape(st["text"]),
        ]
        if codings is not None:
            cells.append("<br>".join(html.escape(coding_label(c, labels=False))
                                     for c in codings.get(stid, [])))
        rows.append(f'<tr id="{html.escape(stid)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return raw_html(_table("table-statements", head, rows))


def _table(table_id: str, head: list[str], rows: list[str]) -> str:
    """An HTML table that Quarto must leave as it is (no Markdown processing of its cells)."""
    header = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    return (f'<table id="{table_id}" class="data-table" data-quarto-disable-processing="true">\n'
            f"<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def downloads(package: Package) -> str:
    """A Markdown list linking the descriptor and every published table (relative to report/)."""
    lines = ["- [`datapackage.json`](../datapackage.json): the descriptor — every table, field, "
             "type, key and licence."]
    for r in package.descriptor.get("resources", []):
        if not _SAFE_PATH.fullmatch(r["path"]):
            raise ValueError(f"datapackage.json: unexpected resource path {r['path']!r}")
        rows = len(package.table(r["name"]))
        lines.append(f"- [`{r['path']}`](../{r['path']}) — {md(r.get('title', r['name']))}: "
                     f"{rows} rows, {r.get('bytes', 0):,} bytes.")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- polls, statistics, codings, evaluation


def poll_rows(corpus: Corpus, polls: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Poll shares for the chart: fieldwork interval (or, failing that, publication interval) and value."""
    out = []
    for p in sorted(polls, key=lambda p: (p["source_id"], int(p["start"]), p["figure_id"])):
        start = p["fieldwork_start"] or p["published_start"]
        end = p["fieldwork_end"] or p["published_end"]
        if p["measure"] != "share" or not start:
            continue
        when = ("fieldwork " if p["fieldwork_start"] else "published ") + interval_label(iso(start), iso(end))
        implied = p["derived"] == "true"
        out.append({"label": f"{p['option_name']} {float(p['value']):g}%" + (" (implied)" if implied else ""),
                    "subject": p["option_name"], "value": float(p["value"]), "start": start, "end": end,
                    "until": day_after(end), "pollster": p["pollster"] or "not named",
                    "question": p["subject"] or "not stated", "fieldwork": when,
                    "article": corpus.article_label(p["source_id"]), "words": p["text"]})
    return out


def poll_table_rows(corpus: Corpus, polls: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every poll figure (shares and leads) as display cells."""
    names = {p["option"]: p["option_name"] for p in polls if p["option"]}
    rows = []
    for p in sorted(polls, key=lambda p: (p["source_id"], int(p["start"]), p["figure_id"])):
        value = f"{float(p['value']):g} {'%' if p['unit'] == 'percent' else 'points'}"
        versus = names.get(p["versus"]) or corpus.speaker(p["versus"]) if p["versus"] else ""
        figure = p["option_name"] + (f" over {versus}" if versus else "")
        how = (p["derivation"] and f"implied: {p['derivation']}") or p["check"] or "stated"
        fieldwork = interval_label(iso(p["fieldwork_start"]), iso(p["fieldwork_end"])) \
            if p["fieldwork_start"] else "not stated"
        rows.append({"article": corpus.article_label(p["source_id"]),
                     "poll": " / ".join(x for x in (p["pollster"], p["sponsor"]) if x) or "not named",
                     "question": p["subject"] or "not stated", "fieldwork": fieldwork,
                     "measure": p["measure"], "figure": figure, "value": value, "how": how,
                     "words": p["text"]})
    return rows


def statistic_rows(corpus: Corpus, stats: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every reported statistic as display cells."""
    rows = []
    for s in sorted(stats, key=lambda s: (s["source_id"], int(s["start"]), s["statistic_id"])):
        period = interval_label(iso(s["period_start"]), iso(s["period_end"])) if s["period_start"] else ""
        rows.append({"article": corpus.article_label(s["source_id"]), "words": s["text"],
                     "kind": f"{s['kind']}, {s['nature']}", "counted": s["counted"],
                     "by": s["attributed_to"] or "no source named", "period": period})
    return rows


def linked_table(corpus: Corpus, rows: list[dict[str, Any]], columns: dict[str, str], table_id: str) -> str:
    """A raw HTML table whose first column links each row's statement (`id`) to its appendix row."""
    first, *rest = columns
    body = []
    for r in rows:
        link = f'<a href="#{html.escape(str(r["id"]))}">{html.escape(str(r[first]))}</a>'
        cells = [link, *(html.escape(str(r.get(k, ""))) for k in rest)]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return raw_html(_table(table_id, list(columns.values()), body))


def undated_coding_rows(corpus: Corpus, undated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The undated codings, one row per statement (its codings joined), in appendix order."""
    by_statement: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in undated:
        by_statement[r["id"]].append(r)
    rows = []
    for stid in sorted(by_statement, key=lambda i: corpus.number[i]):
        first = by_statement[stid][0]
        rows.append({**first, "codings": "; ".join(
            f"{TARGET_LABELS.get(r['target'], r['target'])} {signed(r['score'])} ({r['voice_label']})"
            for r in by_statement[stid])})
    return rows


def voice_contrast(corpus: Corpus, stances: list[dict[str, str]], targets: list[str]) -> list[str]:
    """Sentences comparing his own-voice and official-line codings, per target that has both."""
    out = []
    for target in targets:
        his = [c for c in stances if c["target"] == target and c["statement_id"] in corpus.by_id
               and _is_his(corpus, c)]
        own = [c for c in his if c["voice"] == "own"]
        official = [c for c in his if c["voice"] == "official"]
        if own and official:
            out.append(f"on {md(TARGET_LABELS.get(target, target))}, his own words average "
                       f"{_mean_cell(own)} and the official line {_mean_cell(official)}")
    return out


def codings_by_statement(stances: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """The codings of each statement, in target order."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for c in sorted(stances, key=lambda c: (c["statement_id"], list(TARGET_LABELS).index(c["target"])
                                            if c["target"] in TARGET_LABELS else 99)):
        out[c["statement_id"]].append(c)
    return dict(out)


def voice_summary(corpus: Corpus, stances: list[dict[str, str]], targets: list[str]) -> list[dict[str, str]]:
    """Per target, Corbyn's (and his office's) codings by voice: count and mean score, and the others'."""
    rows = []
    for target in targets:
        coded = [c for c in stances if c["target"] == target and c["statement_id"] in corpus.by_id]
        row = {"target": TARGET_LABELS.get(target, target)}
        for voice in ("own", "official", "unclear"):
            row[voice] = _mean_cell([c for c in coded if c["voice"] == voice and _is_his(corpus, c)])
        row["others"] = _mean_cell([c for c in coded if not _is_his(corpus, c)])
        rows.append(row)
    return rows


def _is_his(corpus: Corpus, coding: dict[str, str]) -> bool:
    return corpus.group(corpus.by_id[coding["statement_id"]]["speaker_id"]) != "other"


def _mean_cell(codings: list[dict[str, str]]) -> str:
    """'−1.25 (n = 4)', or '–' when there is none."""
    if not codings:
        return "–"
    mean = round(sum(int(c["score"]) for c in codings) / len(codings), 2)
    text = f"{mean:+.2f}".replace("-", "−") if mean else "0.00"
    return f"{text} (n = {len(codings)})"


def period_summary(corpus: Corpus, stances: list[dict[str, str]], targets: list[str]) -> list[dict[str, str]]:
    """Per target, the mean score of his dated codings in each role he held when he said them."""
    periods = ["Backbench MP", "Leadership candidate", "Labour leader", "Former leader"]
    rows = []
    for target in targets:
        mine = [c for c in stances if c["target"] == target and c["statement_id"] in corpus.by_id
                and _is_his(corpus, c)]
        row = {"target": TARGET_LABELS.get(target, target)}
        for period in periods:
            row[period] = _mean_cell([c for c in mine
                                      if corpus.role_when_said(corpus.by_id[c["statement_id"]]) == period])
        row["undated"] = _mean_cell([c for c in mine if not corpus.by_id[c["statement_id"]]["said_start"]])
        rows.append(row)
    return rows


def evaluation_rows(corpus: Corpus, evaluation: list[dict[str, str]]) -> list[dict[str, str]]:
    """The extractor's scores as display cells (proportions as percentages)."""
    rows = []
    for e in evaluation:
        sid = e["source_id"]
        source = f"{corpus.outlet(sid)} {corpus.sources[sid]['published_start'][:4]}" \
            if sid in corpus.sources else "all articles"
        rows.append({"stage": e["stage"], "source": source, "gold": e["gold"],
                     "found": e["predicted"],
                     **{key: pct(e[column]) if e.get(column) else "" for key, column in (
                         ("exact", "exact_f1"), ("p", "overlap_p"), ("r", "overlap_r"), ("f1", "overlap_f1"),
                         ("speaker", "speaker_acc"), ("date", "date_acc"), ("compatible", "date_compatible"),
                         ("direct", "direct_found_right_speaker"))}})
    return rows
