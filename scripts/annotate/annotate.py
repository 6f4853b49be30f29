"""One annotation pass per article: every standoff layer, found once.

``annotate(article, registers)`` is pure: the same article text and registers give the
same ``Annotations``. It finds, in this order, the paragraphs and their kinds; the
quotations; the sentences (``scripts.annotate.sentences``, the one splitter); the actor
mentions (aliases, role phrases, pronouns); the event mentions; the temporal
expressions, resolved with those events as anchors; and the poll figures and other
statistics. The table steps (statements, polls, events) read these layers and re-find
nothing. All offsets are code points of ``article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from scripts.annotate import paragraphs as paragraph_rules
from scripts.annotate import sentences as sentence_rules
from scripts.annotate.paragraphs import TEXT_KINDS, Paragraph
from scripts.annotate.quotes import Anomaly, Quote, find_quotes
from scripts.annotate.sentences import Sentence
from scripts.annotate.temporal import EventAnchor, TemporalMention, find_mentions
from scripts.registers import actors, events
from scripts.registers.actors import Lexicon, Mention
from scripts.registers.sources import Article

Row = dict[str, Any]


@dataclass(frozen=True)
class Registers:
    """What annotation reads besides the article: actors, events, and their digest."""

    actors: dict[str, actors.Actor]
    lexicon: Lexicon
    events: tuple[events.Event, ...]
    aliases: dict[str, str]
    digest: str          # sha256 of the register files read, for the cache key

    @classmethod
    def load(cls, seeds: Path) -> Registers:
        """Load and check seeds/actors.yaml and seeds/events.yaml."""
        register = actors.load_actors(seeds)
        register = {**register, **actors.generic_actors(register)}   # "a Labour source" (the lexicon)
        found = tuple(events.load_events(seeds))
        digest = hashlib.sha256()
        for name in (actors.REGISTER, events.REGISTER):
            digest.update(name.encode() + b"\0" + (seeds / name).read_bytes() + b"\0")
        return cls(register, Lexicon(register), found,
                   {alias: a.id for a in register.values() for alias in a.aliases}, digest.hexdigest())


@dataclass(frozen=True)
class Annotations:
    """Every standoff layer of one article."""

    source_id: str
    sha256: str
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[Quote, ...]
    anomalies: tuple[Anomaly, ...]
    sentences: tuple[Sentence, ...]                 # in text paragraphs, never inside a quotation
    mentions: tuple[Mention, ...]                   # actor mentions in text paragraphs
    events: tuple[events.EventMention, ...]         # text paragraphs and headline
    temporal: tuple[TemporalMention, ...]           # text paragraphs, resolved with event anchors
    polls: tuple[Row, ...]                          # poll figures (``polls`` rows)
    statistics: tuple[Row, ...]                     # other figures (``statistics`` rows)

    @property
    def anchors(self) -> tuple[EventAnchor, ...]:
        """The event mentions as anchors for temporal resolution."""
        return tuple(events.anchors(self.events))


@dataclass(frozen=True)
class Annotated:
    """One article's annotations and the statements the statements step read off them.

    This is what the cache holds (``scripts.annotate.cache``), so that a cached article
    costs neither annotation nor attribution.
    """

    annotations: Annotations
    statements: list[Any]      # scripts.steps.statements.Statement
    provisional: tuple[actors.Actor, ...] = ()   # speakers the text names and the register lacks

    TABLE_LAYERS = ("paragraphs", "events", "polls", "statistics")
    """The annotation layers the table steps read (with the statements and provisional actors)."""

    def for_tables(self) -> Annotated:
        """The same, without the layers only annotation and attribution read (quotes, anomalies,
        sentences, actor mentions, temporal expressions): what the table steps need, smaller to
        send between processes. The cache always holds the whole."""
        kept = {"source_id", "sha256", *self.TABLE_LAYERS}
        emptied = {f.name: () for f in fields(self.annotations) if f.name not in kept}
        return replace(self, annotations=replace(self.annotations, **emptied))


def text_paragraphs(paras: tuple[Paragraph, ...] | list[Paragraph]) -> list[Paragraph]:
    """The paragraphs that can yield statements, figures and dates."""
    return [p for p in paras if p.kind in TEXT_KINDS]


def sentences_of(text: str, paras: list[Paragraph], quotes: list[Quote]) -> list[Sentence]:
    """Sentences of every text paragraph, none split inside one of its quotations."""
    by_paragraph: dict[int, list[Quote]] = {}
    for q in quotes:
        by_paragraph.setdefault(q.paragraph, []).append(q)
    return [s for p in text_paragraphs(paras)
            for s in sentence_rules.split(text, p, [q for q in by_paragraph.get(p.index, [])
                                                    if p.start <= q.open_mark < p.end])]


def mentions_of(text: str, paras: list[Paragraph], lexicon: Lexicon | None) -> list[Mention]:
    """Actor mentions of every text paragraph, in order (none without a lexicon)."""
    if lexicon is None:
        return []
    return [m for p in text_paragraphs(paras) for m in lexicon.mentions(text, p.start, p.end)]


def temporal_of(article: Article, paras: list[Paragraph],
                anchors: tuple[EventAnchor, ...] | list[EventAnchor] = ()) -> list[TemporalMention]:
    """Temporal expressions of every text paragraph, resolved against the publication date."""
    anchors = tuple(anchors)
    return [t for p in text_paragraphs(paras)
            for t in find_mentions(article.text, article.published, p.start, p.end, anchors)]


def layers(article: Article, paras: list[Paragraph], lexicon: Lexicon | None,
           anchors: tuple[EventAnchor, ...] | list[EventAnchor] = (),
           ) -> tuple[list[Quote], list[Anomaly], list[Sentence], list[Mention], list[TemporalMention]]:
    """Quotes, anomalies, sentences, actor mentions and temporal expressions of one article."""
    quotes, anomalies = find_quotes(article.text, paras)
    return (quotes, anomalies, sentences_of(article.text, paras, quotes),
            mentions_of(article.text, paras, lexicon), temporal_of(article, paras, anchors))


def annotate(article: Article, registers: Registers, lexicon: Lexicon | None = None) -> Annotations:
    """Every standoff layer of one article (pure); ``lexicon`` (default the register's) may add the
    article's provisional actors (``actors.provisional``)."""
    from scripts.steps import polls  # figure rules read the layers; imported here to keep layering

    paras = paragraph_rules.classify(article)
    found_events = events.find_mentions(article, paras, registers.events)
    quotes, anomalies, sents, mentions, temporal = layers(article, paras, lexicon or registers.lexicon,
                                                           events.anchors(found_events))
    figures, statistics = polls.figures(article, paras, sents, temporal, registers.aliases)
    return Annotations(article.id, article.sha256, tuple(paras), tuple(quotes), tuple(anomalies),
                       tuple(sents), tuple(mentions), tuple(found_events), tuple(temporal),
                       tuple(figures), tuple(statistics))
