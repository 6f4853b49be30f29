"""The actor register (seeds/actors.yaml): people, organisations and documents.

Aliases always mean their actor; role phrases ("the Labour leader", "the Prime
Minister") mean whoever held the role on the date in question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from scripts.annotate import prefilter
from scripts.errors import InputError
from scripts.ids import fold, normalise
from scripts.registers.loader import LINE, check_keys, date_field, id_field, load_list, text_field, unique_ids

REGISTER = "actors.yaml"
KINDS = ("person", "organisation", "document", "unknown")
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class Role:
    """A description that means this actor only between start and end (inclusive)."""

    title: str
    phrases: tuple[str, ...]
    start: date
    end: date | None
    source: str


@dataclass(frozen=True)
class Actor:
    """One speaker."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    speaks_for: str
    stance_scope: bool = False


def _strings(path: Path, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"{key!r} must be a list of non-empty texts", line=entry.get(LINE))
    return tuple(value)


def _role(path: Path, entry: dict[str, Any]) -> Role:
    check_keys(path, entry, ("title", "phrases", "start"), ("end", "source"))
    start = date_field(path, entry, "start")
    end = date_field(path, entry, "end", allow_empty=True)
    if end is not None and end < start:
        raise InputError(path, f"role ends ({end}) before it starts ({start})", line=entry[LINE])
    return Role(text_field(path, entry, "title", allow_empty=False), _strings(path, entry, "phrases"),
                start, end, text_field(path, entry, "source"))


def load_actors(seeds: Path) -> dict[str, Actor]:
    """All actors by id, after checking the register."""
    path = seeds / REGISTER
    entries = load_list(path)
    unique_ids(path, entries)
    actors: dict[str, Actor] = {}
    for entry in entries:
        check_keys(path, entry, ("id", "name", "kind"),
                   ("aliases", "roles", "speaks_for", "stance_scope", "why"))
        scope = entry.get("stance_scope", False)
        if not isinstance(scope, bool):
            raise InputError(path, f"stance_scope must be true or false, got {scope!r}", line=entry[LINE])
        kind = text_field(path, entry, "kind")
        if kind not in KINDS:
            raise InputError(path, f"kind {kind!r} is not one of {', '.join(KINDS)}", line=entry[LINE])
        roles = entry.get("roles") or []
        if not isinstance(roles, list) or not all(isinstance(r, dict) for r in roles):
            raise InputError(path, "'roles' must be a list of mappings", line=entry[LINE])
        actor = Actor(id_field(path, entry), text_field(path, entry, "name", allow_empty=False), kind,
                      _strings(path, entry, "aliases"), tuple(_role(path, r) for r in roles),
                      text_field(path, entry, "speaks_for"), scope)
        actors[actor.id] = actor
    owner: dict[str, tuple[str, int]] = {}
    for entry, actor in zip(entries, actors.values(), strict=True):
        for alias in actor.aliases:
            first = owner.setdefault(_fold(alias), (actor.id, entry[LINE]))
            if first[0] != actor.id:
                raise InputError(path, f"alias {alias!r} is also an alias of {first[0]!r} (line {first[1]})",
                                 line=entry[LINE], fix="An alias must mean one actor; use a role for "
                                 "descriptions that change hands")
        if actor.speaks_for and actor.speaks_for not in actors:
            raise InputError(path, f"speaks_for {actor.speaks_for!r} is not an actor id in this file",
                             line=entry[LINE], fix="Add that actor or correct the id")
    if UNATTRIBUTED not in actors:
        raise InputError(path, f"the register needs an actor {UNATTRIBUTED!r} for unattributed words",
                         fix="Add it with kind: unknown")
    return actors


@dataclass(frozen=True)
class Mention:
    """A place in the text that names or describes an actor (or is a pronoun)."""

    start: int
    end: int
    text: str
    actors: tuple[str, ...]      # alias: one actor; role: every possible holder
    kind: str                    # alias | role | pronoun


class Lexicon:
    """Compiled alias, role and pronoun patterns for one register."""

    PRONOUNS: ClassVar[dict[str, str]] = {"he": "person", "she": "person", "it": "thing", "they": "any"}

    def __init__(self, actors: dict[str, Actor]) -> None:
        self.actors = actors
        self.alias: dict[str, str] = {}
        self.roles: dict[str, list[tuple[str, Role]]] = {}
        for actor in actors.values():
            for alias in actor.aliases:
                self.alias.setdefault(_fold(alias), actor.id)
            for role in actor.roles:
                for phrase in role.phrases:
                    holders = self.roles.setdefault(_fold(phrase), [])
                    if (actor.id, role) not in holders:
                        holders.append((actor.id, role))
        phrases = sorted({*self.alias, *self.roles}, key=lambda s: (-len(s), s))
        self._phrases = [re.escape(p).replace("\\ ", r"[\s\u00a0\u202f]+").replace("'", _APOSTROPHE)
                         for p in phrases]
        self.pattern = self._compile(range(len(phrases)))
        # Speed only (same matches as ``self.pattern``): a phrase that starts with a run of ASCII
        # word characters can match only where a whole word equal to that run starts (the
        # lookbehind and the non-word character after the run make it whole). So the search
        # goes from word to word, trying at each the phrases that begin with it, in their
        # order, together with the few others and the pronouns (``_finditer``).
        self._by_word: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, phrase in enumerate(phrases):
            word = re.match(r"\w+", phrase)
            # (not before an apostrophe: the modifier apostrophe it stands for is a word character)
            if word and word.group().isascii() and phrase[word.end():word.end() + 1] != "'":
                self._by_word.setdefault(word.group(), []).append(i)
            else:
                self._always.append(i)
        self._base = self._compile(self._always)
        self._groups: dict[str, re.Pattern[str]] = {}
        self._last: tuple[str, str] | None = None

    def _compile(self, chosen: Iterable[int]) -> re.Pattern[str]:
        body = "".join(self._phrases[i] + "|" for i in chosen)
        return re.compile(rf"(?<![\w’'])(?:{body}he|she|it|they)(?![\w]|[’']\w\w)", re.IGNORECASE)

    def _group(self, word: str) -> re.Pattern[str]:
        rx = self._groups.get(word)
        if rx is None:
            rx = self._groups[word] = self._compile(sorted(self._always + self._by_word[word]))
        return rx

    def _finditer(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches of ``self.pattern.finditer(text, start, end)``, found word by word."""
        if self._last is None or self._last[0] is not text:
            self._last = (text, prefilter.key(text))
        words = [(w.start(), w.group()) for w in _WORDS.finditer(self._last[1], start, end)
                 if w.group() in self._by_word]
        k, pos = 0, start
        base = self._base.search(text, pos, end)
        while True:
            while k < len(words) and words[k][0] < pos:
                k += 1
            if base is not None and base.start() < pos:
                base = self._base.search(text, pos, end)
            if k < len(words) and (base is None or words[k][0] <= base.start()):
                m = self._group(words[k][1]).match(text, words[k][0], end)
                if m is None:
                    pos = words[k][0] + 1
                    continue
            elif base is not None:
                m = base
            else:
                return
            yield m
            pos = m.end()

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        """Every mention in text[start:end], leftmost-longest."""
        out = []
        found = (self._finditer if prefilter.ENABLED else self.pattern.finditer)(text, start, end)
        for m in found:
            raw = m.group(0)
            key = _fold(raw)
            if key in self.PRONOUNS:
                if raw[0].isupper() or text[m.start() - 1:m.start()] in " \u00a0\u202f(":
                    out.append(Mention(m.start(), m.end(), raw, (), "pronoun"))
            elif key in self.alias and _case_ok(raw, key, self.actors[self.alias[key]].aliases):
                out.append(Mention(m.start(), m.end(), raw, (self.alias[key],), "alias"))
            elif key in self.roles:
                out.append(Mention(m.start(), m.end(), raw,
                                   tuple(a for a, _ in self.roles[key]), "role"))
        return out

    def holders(self, mention: Mention, when: date | None) -> tuple[str, ...]:
        """Who a role phrase means on a date (all candidates when the date is unknown)."""
        if mention.kind != "role" or when is None:
            return mention.actors
        key = _fold(mention.text)
        return tuple(a for a, r in self.roles[key] if r.start <= when and (r.end is None or when <= r.end))


_WORDS = re.compile(r"\w+")
_fold = normalise    # alias and role keys: the one normaliser (scripts.ids)
_APOSTROPHE = "['\u2018\u2019\u02bc\u2032]"   # what scripts.ids folds to "'"


def _case_ok(raw: str, key: str, aliases: tuple[str, ...]) -> bool:
    """Names match with their capitals (so 'hunt' is not Tristram Hunt); the first letter may vary,
    and so may the kind of space (Mr\u00a0Corbyn) and apostrophe."""
    def shape(text: str) -> str:
        return " ".join(fold(text).split())[1:]
    return any(_fold(a) == key and shape(raw) == shape(a) for a in aliases)


def rows(actors: dict[str, Actor]) -> list[dict[str, Any]]:
    """The ``actors`` table."""
    return [{"actor_id": a.id, "name": a.name, "kind": a.kind, "aliases": " | ".join(a.aliases),
             "roles": " | ".join(f"{r.title} ({r.start}–{r.end or ''})" for r in a.roles),
             "speaks_for": a.speaks_for or None, "stance_scope": a.stance_scope}
            for a in sorted(actors.values(), key=lambda a: a.id)]
