"""The actor register (seeds/actors.yaml): people, organisations and documents.

Aliases always mean their actor; role phrases ("the Labour leader", "the Prime
Minister") mean whoever held the role on the date in question.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import compress
from pathlib import Path
from typing import Any, ClassVar

from scripts import lexicon as words
from scripts.annotate import prefilter
from scripts.errors import InputError
from scripts.ids import fold, normalise
from scripts.registers import actor_index
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
    unregistered: bool = False   # provisional: found in the text, not (yet) in seeds/actors.yaml
    gender: str = ""             # "m", "f" or "" (unknown), from titles; pronouns must agree


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
    kind: str                    # alias | role | pronoun | anaphor ("the group")


class Lexicon:
    """Compiled alias, role and pronoun patterns for one register."""

    PRONOUNS: ClassVar[dict[str, str]] = {"he": "person", "she": "person", "it": "thing", "they": "any"}

    def __init__(self, actors: dict[str, Actor]) -> None:
        self.actors = actors
        self.alias: dict[str, str] = {}
        self.roles: dict[str, list[tuple[str, Role]]] = {}
        self.forms: dict[str, tuple[str, ...]] = {}   # actor id -> aliases with their title variants
        for actor in actors.values():
            self.forms[actor.id] = tuple(v for alias in actor.aliases for v in _title_variants(alias))
            for alias in self.forms[actor.id]:
                self.alias.setdefault(_fold(alias), actor.id)
            for role in actor.roles:
                for phrase in role.phrases:
                    holders = self.roles.setdefault(_fold(phrase), [])
                    if (actor.id, role) not in holders:
                        holders.append((actor.id, role))
        for actor in actors.values():   # "the Islington North MP" = "the Independent MP for Islington North"
            for role in actor.roles:
                for phrase in role.phrases:
                    seat = re.fullmatch(r"the ((?:[A-Z][\w-]+ ?)+) MP", phrase)
                    for party in ("", "Labour ", "Independent ") if seat else ():
                        variant = f"the {party}MP for {seat.group(1)}" if seat else ""
                        holders = self.roles.setdefault(_fold(variant), [])
                        if (actor.id, role) not in holders:
                            holders.append((actor.id, role))
        for actor in actors.values():   # "the Labour leader’s spokesman" = "Labour leader’s spokesman",
            for role in actor.roles:    # "the left-wing Member of Parliament" = "the left-wing MP"
                for phrase in role.phrases:
                    variants = [] if phrase.split()[0].lower() in _DETERMINERS else [f"the {phrase}"]
                    if re.search(r"\bMP$", phrase):
                        variants += [re.sub(r"\bMP$", "Member of Parliament", v) for v in (phrase, *variants)]
                    for variant in variants:
                        key = _fold(variant)
                        if key not in self.alias and (actor.id, role) not in self.roles.get(key, []):
                            self.roles.setdefault(key, []).append((actor.id, role))
        for actor in actors.values():   # "the former leader" = "the former Labour leader" (a word left out)
            for role in actor.roles:
                for phrase in role.phrases:
                    words_ = phrase.split()
                    for i in range(2, len(words_) - 1) if len(words_) >= 4 else ():
                        short = _fold(" ".join(words_[:i] + words_[i + 1:]))
                        if short not in self.alias and (actor.id, role) not in self.roles.get(short, []):
                            self.roles.setdefault(short, []).append((actor.id, role))
        self.anaphors = {_fold(f): e["refers_to"] for e in words.entries("anaphors", ("refers_to",))
                         for f in e["forms"]}
        pollsters = {_fold(p) for p in words.forms("pollsters")}
        self.pollsters = frozenset(a.id for a in actors.values()
                                   if a.kind == "organisation" and pollsters & {_fold(x) for x in a.aliases})
        phrases = sorted({*self.alias, *self.roles, *self.anaphors}, key=lambda s: (-len(s), s))
        self._keys = phrases
        self._phrases = [re.escape(p).replace("\\ ", r"[\s\u00a0\u202f]+").replace("'", _APOSTROPHE)
                         for p in phrases]
        self._pattern: re.Pattern[str] | None = None
        # Speed only (same matches as ``self.pattern``): a phrase that starts with a run of ASCII
        # word characters can match only where a whole word equal to that run starts (the
        # lookbehind and the non-word character after the run make it whole). So the search
        # goes from word to word, trying at each the phrases that begin with it as a tree of
        # words (``actor_index.Words``), and the pronouns; the few others (``_always``) are one
        # pattern, searched as well (``_spans``).
        self._by_word: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, phrase in enumerate(phrases):
            word = re.match(r"\w+", phrase)
            # (not before an apostrophe: the modifier apostrophe it stands for is a word character)
            if word and word.group().isascii() and phrase[word.end():word.end() + 1] != "'":
                self._by_word.setdefault(word.group(), []).append(i)
            else:
                self._always.append(i)
        for pronoun in actor_index.PRONOUNS:
            self._by_word.setdefault(pronoun, [])
        self._base = self._alternatives(self._always) if self._always else None
        self._base_need = prefilter.required(self._base) if self._base is not None else None
        self._trees: dict[str, actor_index.Words] = {}
        self._mixed: dict[str, int] = {}   # words where an unindexed phrase matched too (counted)
        self._kinds: dict[str, tuple[str, tuple[str, ...], bool]] = {}   # (``_kind``)
        self._last: tuple[Any, ...] | None = None   # the last text's words (``_words``)
        self._state: tuple[Any, ...] | None = None  # the last text's plain key and more (``_spans``)

    def full_names(self, text: str) -> list[tuple[Actor, str, list[str]]]:
        """(actor, alias, its words) for the registered people's aliases of two or more words that
        do not open with a title and end in a capitalised word, in register order, that can occur
        in ``text``: an occurrence begins with the alias's first run of word characters and ends
        with its last, each a whole word of the text, as the alias has a space inside and a
        boundary on both sides (speed only: the register is indexed once, not scanned per article;
        words are compared in ``prefilter.key``, so a name in other capitals is kept too)."""
        index, always, last = self._full_names
        tokens = set(prefilter.runs(text)[3])
        chosen = sorted([*always, *(n for w in tokens & index.keys() for n in index[w] if last[n] in tokens)])
        return [self._full_name_list[n] for n in chosen]

    @functools.cached_property
    def _full_names(self) -> tuple[dict[str, list[int]], list[int], list[str]]:
        index: dict[str, list[int]] = {}
        always: list[int] = []
        last: list[str] = []
        for n, (_, alias, _) in enumerate(self._full_name_list):
            first = re.match(r"\w+", alias)
            (index.setdefault(prefilter.key(first.group()), []) if first else always).append(n)
            last.append(prefilter.key(_WORDS.findall(alias)[-1]))
        return index, always, last

    @functools.cached_property
    def _full_name_list(self) -> list[tuple[Actor, str, list[str]]]:
        out = []
        for actor in self.actors.values():
            if actor.kind != "person" or actor.unregistered:
                continue
            for alias in actor.aliases:
                parts = alias.split()
                if len(parts) >= 2 and parts[0] not in _TITLES and re.fullmatch(_CAP, parts[-1]):
                    out.append((actor, alias, parts))
        return out

    @functools.cached_property
    def documents(self) -> list[tuple[Actor, set[int], tuple[str, ...], list[str]]]:
        """(actor, years its name or id names, the names that show it is meant, the document nouns
        of its name) for the registered documents dated by a year, in register order
        (``document_mentions``; speed only: found once per lexicon, not per article)."""
        out = []
        for actor in self.actors.values():
            if actor.kind != "document" or actor.unregistered:
                continue
            years = {int(y) for y in _YEAR.findall(f"{actor.name} {actor.id}")}
            if not years:
                continue
            owner = self.actors.get(actor.speaks_for)
            names = actor.aliases + (owner.aliases if owner is not None else ())
            name_words = {w.casefold() for w in re.findall(r"[\w-]+", actor.name)}
            nouns = [n.casefold() for n in _DOCUMENT_NOUNS if n.casefold() in name_words]
            out.append((actor, years, names, nouns))
        return out

    @functools.cached_property
    def names(self) -> dict[str, tuple[str, tuple[str, ...]] | None]:
        """``provisional``'s capitalised runs: (title, name words), or None for a run that is no
        name or a known one (filled as runs are met; speed only)."""
        return {}

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Every alias and role key (what ``provisional`` skips)."""
        return frozenset(self.alias) | frozenset(self.roles)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Every alias, role phrase, anaphor and pronoun, longest first (compiled when first used)."""
        if self._pattern is None:
            self._pattern = self._compile(range(len(self._phrases)))
        return self._pattern

    def _compile(self, chosen: Iterable[int], pronouns: bool = True) -> re.Pattern[str]:
        body = "|".join([*(self._phrases[i] for i in chosen), *(("he|she|it|they",) if pronouns else ())])
        return _compiled(rf"(?<![\w’'])(?:{body})(?![\w]|[’']\w\w)")

    def _alternatives(self, chosen: list[int]) -> re.Pattern[str]:
        """The chosen phrases' alternation, each phrase a group (``lastindex`` names the phrase)."""
        body = "|".join(f"({self._phrases[i]})" for i in chosen)
        return _compiled(rf"(?<![\w’'])(?:{body})(?![\w]|[’']\w\w)")

    def _tree(self, word: str) -> actor_index.Words:
        """The phrases that begin with ``word`` (and the pronoun it may be), as a tree of words
        shared by every lexicon with the same phrases there."""
        tree = self._trees.get(word)
        if tree is None:
            phrases = tuple(self._keys[i] for i in self._by_word[word])
            tree = _TREES.get((word, phrases))
            if tree is None:
                if len(_TREES) > 20000:
                    _TREES.clear()
                tree = _TREES[word, phrases] = actor_index.Words(
                    word, phrases, tuple(self._phrases[i] for i in self._by_word[word]))
            self._trees[word] = tree
        return tree

    def _rank(self, word: str, rank: int) -> int:
        """A word's tree's rank as a place in the alternation (the pronouns after every phrase)."""
        ids = self._by_word[word]
        return ids[rank] if rank < len(ids) else len(self._keys) + rank - len(ids)

    def _words(self, text: str, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, word) of the words of ``_WORDS.finditer(key(text), start, end)`` that begin a
        phrase. The text's words are found once and kept (``self._last``): a window's words are
        the text's words inside it, the ones cut by its ends cut the same way."""
        if self._last is None or self._last[0] is not text:
            key, all_starts, all_ends, found = prefilter.runs(text)   # (_WORDS's runs of key(text))
            chosen = list(map(self._by_word.__contains__, found))
            chosen_starts = list(compress(all_starts, chosen))
            chosen_words = list(zip(chosen_starts, compress(found, chosen), strict=True))
            self._last = (text, key, all_starts, all_ends, chosen_words, chosen_starts,
                          list(compress(all_ends, chosen)))
        _, key, starts, ends, chosen, chosen_starts, chosen_ends = self._last
        start, end = max(start, 0), min(end, len(key))   # as ``finditer`` takes them
        if start >= end:
            return []
        i, j = bisect.bisect_left(chosen_starts, start), bisect.bisect_left(chosen_starts, end)
        words = chosen[i:j]
        if j > i and chosen_ends[j - 1] > end:   # the last word runs past the window (taken below)
            words.pop()
        m = bisect.bisect_left(starts, end) - 1
        if m >= 0 and starts[m] >= start and ends[m] > end:   # a word cut by the window's end
            part = key[starts[m]:end]
            if part in self._by_word:
                words.append((starts[m], part))
        n = bisect.bisect_left(starts, start)
        if n and ends[n - 1] > start:            # a word begun before the window: its part inside
            part = key[start:min(ends[n - 1], end)]
            if part in self._by_word:
                words.insert(0, (start, part))
        return words

    def _spans(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The spans of ``self.pattern.finditer(text, start, end)``, found word by word."""
        words = self._words(text, start, end)
        start, end = max(start, 0), min(end, len(text))
        if start >= end:
            return
        state = self._state
        if state is None or state[0] is not text:
            folded = prefilter.runs(text)[0]
            state = self._state = (text, actor_index.plain(text), folded, self._base is not None
                                   and prefilter.may_match(self._base_need, folded))
        _, key, folded, base_used = state
        base_rx, need = self._base, self._base_need
        # (the unindexed phrases' pattern is searched only where one of its literals occurs)
        base = (base_rx.search(text, start, end)   # type: ignore[union-attr]
                if base_used and prefilter.may_match(need, folded, start, end) else None)
        k, n, pos = 0, len(words), start
        trees = self._trees
        while True:
            while k < n and words[k][0] < pos:
                k += 1
            if base is not None and base.start() < pos:
                base = (base_rx.search(text, pos, end)   # type: ignore[union-attr]
                        if prefilter.may_match(need, folded, pos, end) else None)
            if k < n and (base is None or words[k][0] <= base.start()):
                at, word = words[k]
                hit = (trees.get(word) or self._tree(word)).match(text, key, at, end, word)
                if base is not None and base.start() == at:   # an unindexed phrase matches here too
                    self._mixed[word] = self._mixed.get(word, 0) + 1
                    if hit is None or self._always[base.lastindex - 1] < self._rank(word, hit[0]):  # type: ignore[operator]
                        hit = (0, base.end())
                if hit is None:
                    pos = at + 1
                    continue
                yield at, hit[1]
                pos = hit[1]
            elif base is not None:
                yield base.span()
                pos = base.end()
            else:
                return

    def _finditer(self, text: str, start: int, end: int) -> Iterator[_Found]:
        """The matches of ``self.pattern.finditer(text, start, end)``, found word by word."""
        return (_Found(text, a, b) for a, b in self._spans(text, start, end))

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        """Every mention in text[start:end], leftmost-longest."""
        out = []
        found = (self._spans(text, start, end) if prefilter.ENABLED
                 else (m.span() for m in self.pattern.finditer(text, start, end)))
        kinds = self._kinds
        for a, b in found:
            raw = text[a:b]
            kind, ids, person = kinds.get(raw) or self._kind(raw)
            if kind == "pronoun":
                if raw[0].isupper() or text[a - 1:a] in " \u00a0\u202f(":
                    out.append(Mention(a, b, raw, (), "pronoun"))
            elif kind == "anaphor":
                out.append(Mention(a, b, raw, (), "anaphor"))
            elif kind == "alias":
                if person and _MODIFIES.match(text, b):
                    continue   # "Corbyn spokesman", "Corbyn critics": a noun phrase about someone else
                out.append(Mention(a, b, raw, ids, "alias"))
            elif kind == "role":
                if _MODIFIED.search(text, max(0, a - 16), a):
                    continue   # "the Shadow Foreign Secretary": another title, not this role
                out.append(Mention(a, b, raw, ids, "role"))
        return out

    def _kind(self, raw: str) -> tuple[str, tuple[str, ...], bool]:
        """What a matched text is, whatever its context: (pronoun | anaphor | alias | role | "" for
        none, the actors it names, whether it names a person); kept per lexicon (speed only)."""
        key = _fold(raw)
        if key in self.PRONOUNS:
            hit: tuple[str, tuple[str, ...], bool] = ("pronoun", (), False)
        elif key in self.anaphors and key not in self.alias and key not in self.roles:
            hit = ("anaphor", (), False)
        elif key in self.alias and _case_ok(raw, key, self.forms[self.alias[key]]):
            hit = ("alias", (self.alias[key],), self.actors[self.alias[key]].kind == "person")
        elif key in self.roles:
            hit = ("role", tuple(i for i, _ in self.roles[key]), False)
        else:
            hit = ("", (), False)
        if len(self._kinds) > 50000:
            self._kinds.clear()
        self._kinds[raw] = hit
        return hit

    def extended(self, extra: dict[str, Actor]) -> Lexicon:
        """This lexicon plus more actors (generic and provisional ones)."""
        return self if not extra else Lexicon({**self.actors, **extra})

    def holders(self, mention: Mention, when: date | None) -> tuple[str, ...]:
        """Who a role phrase means on a date (all candidates when the date is unknown)."""
        if mention.kind != "role" or when is None:
            return mention.actors
        key = _fold(mention.text)
        return tuple(dict.fromkeys(a for a, r in self.roles[key]
                                   if r.start <= when and (r.end is None or when <= r.end)))


_MALE = re.compile(r"\b(?:Mr|Sir|Lord|Baron|his|he)\b")
_FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame|Baroness|her|she)\b")


def gender(actor: Actor) -> str:
    """m, f or "" from the titles in an actor's aliases and role phrases ("Mr Corbyn", "Ms Eagle")."""
    if actor.gender or actor.kind != "person":
        return actor.gender
    hit = _GENDERS.get(id(actor))   # speed: pronoun resolution asks for the same actors again and again
    if hit is not None and hit[0] is actor:
        return hit[1]
    if len(_GENDERS) > 50000:
        _GENDERS.clear()
    sex = _gender(actor)
    _GENDERS[id(actor)] = (actor, sex)   # the actor is kept, so its id is not reused while cached
    return sex


_GENDERS: dict[int, tuple[Actor, str]] = {}


def _gender(actor: Actor) -> str:
    names = " ".join([*actor.aliases, *(p for r in actor.roles for p in r.phrases)])
    male, female = bool(_MALE.search(names)), bool(_FEMALE.search(names))
    return "m" if male and not female else "f" if female and not male else ""


def generic_actors(register: dict[str, Actor]) -> dict[str, Actor]:
    """Generic speakers from scripts/lexicon/generic_speakers.yaml ("a Labour source") missing from
    the register; a register entry with the same id takes over."""
    taken = {_fold(a) for actor in register.values() for a in actor.aliases}
    out = {}
    for e in words.entries("generic_speakers", ("id", "kind")):
        aliases = tuple(f for f in e["forms"] if _fold(f) not in taken)
        if e["id"] in register:   # the register's entry takes over; the lexicon's forms still find it
            mine = register[e["id"]]
            out[e["id"]] = replace(mine, aliases=tuple(dict.fromkeys((*mine.aliases, *aliases))))
        else:
            out[e["id"]] = Actor(e["id"], e["forms"][0], e["kind"], aliases, (), "")
    return out


def _name_words() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for e in words.entries("name_words", ("kind",)):
        kinds.setdefault(e["kind"], set()).update(e["forms"])
    return {k: frozenset(v) for k, v in kinds.items()}


_NAMES = _name_words()
_TITLES = _NAMES["title"]
_PEERS = _NAMES["peer"]
_TITLES_AND_PEERS = _TITLES | _PEERS
_FEMALE_TITLES = frozenset({"Mrs", "Ms", "Miss", "Dame", "Lady", "Baroness"})
_MALE_TITLES = frozenset({"Mr", "Sir", "Lord", "Baron"})
# one capitalised name word: "O’Brien", "McDonnell" (name_words: prefix), not the possessive "Corbyn’s"
_CAP = (rf"(?:{'|'.join(sorted(_NAMES['prefix']))})?[A-Z][a-z]+(?:[-’'](?![s]\b)[A-Z]?[a-z]+)*")
_RUN_SOURCE = (rf"(?<![\w’'-])(?:(?:{'|'.join(sorted(_TITLES | _PEERS))})\.?[ \u00a0])?{_CAP}"
               rf"(?:[ \u00a0]{_CAP}){{0,4}}(?![\w-])")


def _opening_capital(words_: list[str]) -> str:
    """An alternation of capitalised words with the first letter already read: each branch checks,
    looking back, that the letter read is its own ("(?<=M)r" for "Mr"), in the same order."""
    assert all(w[:1].isascii() and w[:1].isupper() and re.escape(w[0]) == w[0] for w in words_)
    return "|".join(f"(?<={w[0]}){re.escape(w[1:])}" for w in words_)


# ``_RUN_SOURCE`` written to open with its first letter, a capital A-Z in every match, so that ``re``
# skips to capitals instead of trying the lookbehind at every character (speed only: the branches
# are those of the source with its first letter read, tried in the same order; the same matches)
_CAP_TAIL = r"[a-z]+(?:[-’'](?![s]\b)[A-Z]?[a-z]+)*"   # ``_CAP`` after its capital
_RUN = re.compile(
    rf"[A-Z](?<![\w’'-][A-Z])"
    rf"(?:(?:{_opening_capital(sorted(_TITLES | _PEERS))})\.?[ \u00a0]{_CAP}"
    rf"(?:[ \u00a0]{_CAP}){{0,4}}(?![\w-])"
    rf"|(?:(?:{_opening_capital(sorted(_NAMES['prefix']))})[A-Z]{_CAP_TAIL}|{_CAP_TAIL})"
    rf"(?:[ \u00a0]{_CAP}){{0,4}}(?![\w-]))")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,15}(?![\w@.])")   # a social-media handle, "@jo_smith"
# ``(?<![\w’'-])[A-Z]{2,6}(?![\w-])`` written to open with its first letter, so that ``re`` skips to
# capitals instead of trying the lookbehind at every character (speed only: the same matches)
_ACRONYM = re.compile(r"[A-Z](?<![\w’'-][A-Z])[A-Z]{1,5}(?![\w-])")
_REPORTING = words.alternation(words.forms("reporting_verbs"))
_ADVERB_WORDS = words.alternation(words.forms("adverbs"))   # "Mr X later added", "rather bluntly replied"
# "Mr Milne, who last night told reporters": a relative clause whose verb reports
_WHO_REPORTED = rf"[ \u00a0]*,[ \u00a0]+who[ \u00a0]+(?:[\w’'-]+[ \u00a0]+){{0,3}}(?:{_REPORTING})\b|"
# an apposition between commas or a pair of dashes ("Mr X, a critic, said", "Mr X – a critic – said")
_APPOSITION = r"(?:[ \u00a0]*,[^,.;:“”\"]{1,90},|[ \u00a0]+[–—-][ \u00a0][^–—.;:“”\"]{1,90}[ \u00a0][–—-])"
# letters after a name ("Bob Smith MP, said"), written in capitals (name_words: postnominal)
_POSTNOMINAL = rf"(?:[ \u00a0]+(?-i:{'|'.join(sorted(_NAMES['postnominal']))})(?![\w’'-]),?)?"
_AFTER_NAME = re.compile(rf"{_POSTNOMINAL}(?:{_WHO_REPORTED}{_APPOSITION}?[ \u00a0]+"
                         rf"(?:(?:\w+ly|has|have|had|was|is|will|would|did|not|{_ADVERB_WORDS})[ \u00a0]+)*"
                         rf"(?:{_REPORTING})\b|[ \u00a0]*:)", re.IGNORECASE)
_GERUNDS = words.alternation(tuple(f for f in words.forms("reporting_verbs") if f.endswith("ing")))
# the subject of a clause whose action is done "by saying" / ", saying": "Nia Griffith, the shadow
# defence secretary, contradicted her leader by saying: ..."
_GERUND_AFTER_NAME = re.compile(rf"(?:{_APPOSITION}|,)?[ \u00a0]+"
                                rf"(?:[a-z][\w’'-]*[ \u00a0]+){{1,6}}(?:by[ \u00a0]+)?(?:{_GERUNDS})\b")
_BEFORE_NAME = re.compile(rf"\b(?:{_REPORTING}|according[ \u00a0]+to)[ \u00a0]+(?:the[ \u00a0]+)?$",
                          re.IGNORECASE)
# the agent of a passive reporting verb: "was criticised as reckless by (defence secretary) Michael Fallon"
_AGENT_BEFORE = re.compile(rf"\b(?:was|were|been|being|is|are)[ \u00a0]+(?:\w+ly[ \u00a0]+)?"
                           rf"(?:{_REPORTING})\b"
                           rf"[^,.;:“”\"]{{0,60}}?\bby[ \u00a0]+(?:[a-z][\w-]*[ \u00a0]+){{0,3}}$")


# a person introduced by a role in apposition ("his spokesperson Seumas Milne"): the topic a following
# pronoun refers to ("… after he told reporters"), so a speaker to know even before they speak
_APPOSED = re.compile(rf"\b(?:{words.alternation(words.forms('apposition_roles'))})[ \u00a0]+$",
                      re.IGNORECASE)
def _apposed(text: str, start: int, lexicon: Lexicon) -> bool:
    """Is the name at ``start`` introduced by a role in apposition that the register does not already
    resolve ("his spokesperson X"; "his spokesman", a registered role phrase, keeps its actor)?"""
    if not _APPOSED.search(text, max(0, start - 40), start):
        return False
    before = _fold(text[max(0, start - 40):start].strip())
    return not any(before.endswith(k) for k in lexicon.roles)


_PLACE_BEFORE = re.compile(r"\b(?:for|of|in|at|from|near|to|into|across|outside)[ \u00a0]+"
                           r"(?:the[ \u00a0]+)?$", re.IGNORECASE)


_POLLSTERS = frozenset(words.forms("pollsters"))
_POLLSTER = re.compile(words.alternation(tuple(_POLLSTERS)))


@functools.lru_cache(maxsize=1 << 14)   # speed only: the same runs recur in every article
def _split_name(run: str) -> tuple[str, tuple[str, ...]] | None:
    """(title, name words) of a capitalised run, or None when it is not a person's name."""
    parts = run.replace("\u00a0", " ").split()
    while len(parts) > 1 and (parts[0] in _NAMES["opener"] or (parts[0] in _NAMES["not_name"]
                                                              and parts[0] not in _TITLES)):
        parts = parts[1:]      # "Earlier Fallon", "Defence Secretary Michael Fallon": an opener or an
        # office before the name, not part of it
    title = ""
    if parts[0].rstrip(".") in _TITLES:
        title, parts = parts[0].rstrip("."), parts[1:]
        if not parts:
            return None
    elif parts[0] in _PEERS:
        title = parts[0]
    body = parts[1:] if parts[0] in _PEERS else parts
    if parts[-1] in _PEERS:
        return None    # "the First Sea Lord": a peer's title comes before the name, so this is an office
    if parts[-1] in _NAMES["organisation"]:
        return None    # "Northern Peace Alliance": an organisation's name
    if not body or any(w in _NAMES["not_name"] for w in body):
        return None
    return title, tuple(parts)


def _tail_word(text: str, low: int, end: int) -> tuple[int, str]:
    """Where the run of word characters that ends ``text[low:end]`` begins, and its ``key``."""
    at = end
    while at > low and ((ch := text[at - 1]).isalnum() or ch == "_"):
        at -= 1
    return at, prefilter.key(text[at:end])


def _after_spaces(text: str, low: int, end: int) -> int:
    """``end`` moved back over the spaces (" ", no-break) that end ``text[low:end]``."""
    while end > low and text[end - 1] in " \u00a0":
        end -= 1
    return end


def _may_end_in_reporting(text: str, low: int, end: int) -> bool:
    """False only where ``_BEFORE_NAME`` cannot match ``text[low:end]`` (speed only).

    A match ends at ``end`` (``$``), or before a newline there, with spaces after a reporting
    verb's last word (``_BEFORE_TAILS``), or after that and "the" and spaces; the run of word
    characters those spaces follow, in ``key``, is then that last word (a boundary, or a non-word
    character of the verb form, comes before it) or "the"."""
    if _BEFORE_TAILS is None or not prefilter.ENABLED:
        return True
    for stop in (end, end - 1) if end > low and text[end - 1] == "\n" else (end,):
        i = _after_spaces(text, low, stop)
        if i == stop:
            continue
        j, word = _tail_word(text, low, i)
        if word in _BEFORE_TAILS:
            return True
        k = _after_spaces(text, low, j) if word == "the" else j
        if k != j and _tail_word(text, low, k)[1] in _BEFORE_TAILS:
            return True
    return False


def _verb_tails(forms: tuple[str, ...]) -> frozenset[str] | None:
    """The last words (``key``) of the reporting verbs and "according to", or None if one does not
    end in an ASCII word character (then ``_BEFORE_NAME`` is always searched)."""
    tails = set()
    for form in (*forms, "according to"):
        run = re.search(r"\w+$", form)
        if run is None or not run.group().isascii():
            return None
        tails.add(prefilter.key(run.group()))
    return frozenset(tails)


_BEFORE_TAILS = _verb_tails(words.forms("reporting_verbs"))


def _speaker_position(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] the subject of a reporting verb, or named by one?"""
    low = max(0, start - 40)
    if (_may_end_in_reporting(text, low, start) and _BEFORE_NAME.search(text, low, start)) or \
            _AGENT_BEFORE.search(text, max(0, start - 120), start):
        return True
    if _PLACE_BEFORE.search(text, max(0, start - 12), start):
        return False   # "the MP for Islington North said": a place, not the speaker
    return bool(_AFTER_NAME.match(text, end) or _GERUND_AFTER_NAME.match(text, end))


def provisional(text: str, lexicon: Lexicon) -> dict[str, Actor]:
    """Speakers the text names but the register lacks, as provisional actors.

    A person: a capitalised name of two or more words ("Seumas Milne", "Lord
    West"; titles such as Mr or Sir are dropped from the id) that speaks in the
    text — it, or its surname with or without a title, is the subject of a
    reporting verb, or follows one ("said Michael Fallon"). An organisation: an
    acronym or a pollster from the lexicon in the same position ("ICM said").
    The id is a slug of the name, so a register entry with the same id later
    takes over with no change to codings.
    """
    known = lexicon.known
    people: dict[tuple[str, ...], str] = {}        # name words -> a title seen with them
    names = lexicon.names
    for m in _RUN.finditer(text):
        run = m.group(0)
        split = names.get(run, False)
        if split is False:   # (a run's name, or None if it is none or a known one: kept per lexicon)
            if len(names) > 50000:
                names.clear()
            split = _split_name(run)
            split = names[run] = None if split is None or _fold(" ".join(split[1])) in known else split
        if split is None:
            continue
        title, name = split
        if len(name) >= 2 or name[0] in _PEERS:
            people.setdefault(name, "")
            people[name] = people[name] or title
    order = sorted(people, key=lambda n: (text.find(" ".join(n)), n))
    for i, name in enumerate(order):   # "Seumus Milne" after "Seumas Milne": the first spelling stands
        first = next((o for o in order[:i] if o in people and _misspelt(o, name)), None)
        if first is not None:
            title = people.pop(name)
            people[first] = people[first] or title
    surnames: dict[str, list[tuple[str, ...]]] = {}
    for name in people:
        surnames.setdefault(name[-1], []).append(name)
    out: dict[str, Actor] = {}
    for name, title in sorted(people.items()):
        if any(len(other) > len(name) and other[-len(name):] == name for other in people):
            continue   # "Keir Starmer" inside "Sir Keir Starmer" is the same person
        full = " ".join(name)
        forms = {full}
        if len(surnames[name[-1]]) == 1 and name[0] not in _PEERS:
            forms |= {name[-1], *(f"{t} {name[-1]}" for t in _titles_before(text, name[-1]))}
            forms |= {f"{t} {name[0]}" for t in ("Sir", "Dame", "Lady", "Lord")}
        found = {f: at for f in forms if f in text and (at := occurrences(f, text))}  # (cheap test first)
        forms = {f for f in found if _fold(f) not in known}
        # where the name occurs ("North" inside "Islington North" is not an occurrence of its own)
        spans = {span for f in forms for span in found[f]}
        spans = {(a, b) for a, b in spans
                 if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)}
        spoke = any(_speaker_position(text, a, b) or _apposed(text, a, lexicon) for a, b in spans)
        if not spoke:
            continue
        ident = re.sub(r"[^a-z0-9]+", "-", _ascii(full).lower()).strip("-")
        if not ident or ident in lexicon.actors:
            continue
        sex = ("f" if title in _FEMALE_TITLES else "m" if title in _MALE_TITLES else "")
        sex = sex or ("m" if re.search(rf"\b(?:Mr|Sir)[ \u00a0]+{re.escape(name[-1])}\b", text) else
                      "f" if re.search(rf"\b(?:Mrs|Ms|Miss)[ \u00a0]+{re.escape(name[-1])}\b", text) else "")
        out[ident] = Actor(ident, full, "person", tuple(sorted(forms, key=lambda f: (-len(f), f))), (), "",
                           unregistered=True, gender=sex)
    out.update(_surnames(text, lexicon, people, out))
    pollsters = _POLLSTERS
    for m in (*_ACRONYM.finditer(text), *_POLLSTER.finditer(text)):
        name = m.group(0)
        if _fold(name) in known:
            continue
        ident = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        pollster = name in pollsters    # a polling company speaks through its polls wherever it is named
        if (ident in lexicon.actors or ident in out or name in _NAMES["not_name"]
                or not (pollster or _speaker_position(text, m.start(), m.end()))):
            continue
        out[ident] = Actor(ident, name, "organisation", (name,), (), "", unregistered=True)
    folded = prefilter.runs(text)[0]   # (a pattern is searched only where one of its literals occurs)
    for m in _ORGANISATION.finditer(text) if prefilter.may_match(_ORGANISATION_NEED, folded) else ():
        name = re.sub(r"^(?:The|A|An)[ \u00a0]+", "", m.group(0)).replace("\u00a0", " ")
        ident = re.sub(r"[^a-z0-9]+", "-", _ascii(name).lower()).strip("-")
        if (len(name.split()) < 2 or _fold(name) in known or ident in lexicon.actors or ident in out
                or not _speaker_position(text, m.start(), m.end())):
            continue
        out[ident] = Actor(ident, name, "organisation", (name,), (), "", unregistered=True)
    # "User @jo_smith said:": a social-media account speaks as itself
    for m in _HANDLE.finditer(text) if prefilter.may_match(_HANDLE_NEED, folded) else ():
        name = m.group(0)
        ident = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if (_fold(name) in known or ident in lexicon.actors or ident in out
                or not _speaker_position(text, m.start(), m.end())):
            continue
        owner = _handle_owner(name, {**lexicon.actors, **out})
        if owner is not None:   # "@opiniumresearch": the account of a known company
            out[owner.id] = replace(owner, aliases=(*owner.aliases, name))
        elif (pollster := _handle_pollster(name)) is not None:
            pid = re.sub(r"[^a-z0-9]+", "-", _ascii(pollster).lower()).strip("-")
            out[pid] = Actor(pid, pollster, "organisation", (pollster, name), (), "", unregistered=True)
        else:
            out[ident] = Actor(ident, name, "unknown", (name,), (), "", unregistered=True)
    return out


_TITLE_LENGTH = max(map(len, _TITLES_AND_PEERS))


def _titles_before(text: str, surname: str) -> set[str]:
    """The titles and peers' titles t for which f"{t} {surname}" is in ``text`` (speed only: found
    from the surname's occurrences, not by a search of the text per title)."""
    out: set[str] = set()
    target = f" {surname}"
    at = text.find(target)
    while at != -1:
        before = text[max(0, at - _TITLE_LENGTH):at]
        out.update(t for t in _TITLES_AND_PEERS if before.endswith(t))
        at = text.find(target, at + 1)
    return out


def _letters(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _ascii(name).lower())


def _handle_is(handle: str, name: str) -> bool:
    """Is "@opiniumresearch" the account of "Opinium" (the name's letters, perhaps with a company word
    of pollster_suffixes after them)?"""
    key, base = _letters(handle), _letters(name)
    suffixes = {_letters(f) for f in words.forms("pollster_suffixes")}
    return len(base) >= 4 and (key == base or (key.startswith(base) and key[len(base):] in suffixes))


def _handle_owner(handle: str, actors: dict[str, Actor]) -> Actor | None:
    """The organisation whose name the handle spells, if exactly one does."""
    owners = {a.id: a for a in actors.values() if a.kind == "organisation"
              and any(_handle_is(handle, x) for x in a.aliases)}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _handle_pollster(handle: str) -> str | None:
    """The polling company (lexicon pollsters) whose name the handle spells."""
    names = [p for p in words.forms("pollsters") if _handle_is(handle, p)]
    return max(names, key=len) if names else None


def _boundary(ch: str, extra: str) -> bool:
    """Is ``ch`` not a word character (``re``'s ``\\w``: alphanumeric or _) nor one of ``extra``?"""
    return not (ch.isalnum() or ch == "_" or ch in extra)


def occurrences(form: str, text: str) -> list[tuple[int, int]]:
    """The spans of ``re.finditer(rf"(?<![\\w’'-]){re.escape(form)}(?![\\w-])", text)``, found with
    ``str.find`` (speed only: no pattern compiled per name; tests/test_perf_equivalence.py compares)."""
    out: list[tuple[int, int]] = []
    n, pos = len(form), 0
    while (i := text.find(form, pos)) != -1:
        j = i + n
        if (i == 0 or _boundary(text[i - 1], "’'-")) and (j == len(text) or _boundary(text[j], "-")):
            out.append((i, j))
            pos = j if n else j + 1
        else:
            pos = i + 1
    return out


# "Stop the War Coalition", "Campaign for Nuclear Disarmament" is not caught (no head at the end) but
# "the Campaign" alone is too short: two words at least
# a word of the name after its capital
_ORG_WORD = r"[\w’'-]*[ \u00a0](?:(?:the|of|and|for|on|against|to)[ \u00a0])?"
_ORGANISATION_SOURCE = (rf"(?<![\w’'-])(?:[A-Z]{_ORG_WORD}){{1,5}}"
                        rf"(?:{'|'.join(sorted(_NAMES['organisation']))})(?![\w-])")
# the same, written to open with its first capital (speed only, as ``_RUN``; the same matches)
_ORGANISATION = re.compile(rf"[A-Z](?<![\w’'-][A-Z]){_ORG_WORD}(?:[A-Z]{_ORG_WORD}){{0,4}}"
                           rf"(?:{'|'.join(sorted(_NAMES['organisation']))})(?![\w-])")


_ORGANISATION_NEED = prefilter.required(_ORGANISATION)
_HANDLE_NEED = prefilter.required(_HANDLE)


def _misspelt(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same surname, and first names of five letters or more one letter apart ("Seumas" and
    "Seumus"): one person's name misspelt, not two people."""
    if len(a) != 2 or len(b) != 2 or a[1] != b[1] or a[0] == b[0] or min(len(a[0]), len(b[0])) < 5:
        return False
    x, y = a[0], b[0]
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y, strict=True)) == 1
    short, long_ = sorted((x, y), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _surnames(text: str, lexicon: Lexicon, people: dict[tuple[str, ...], str],
              new: dict[str, Actor]) -> dict[str, Actor]:
    """Registered people named in full in the text, with their bare surname ("German also said" after
    "Lindsey German") as an alias for this article, when it speaks and no other person named in the
    text shares it. Returned under their own id, so the register entry is only extended."""
    named: dict[str, list[str]] = {}
    for name in people:
        named.setdefault(name[-1], []).append(" ".join(name))
    full: dict[str, Actor] = {}
    for actor, alias, parts in lexicon.full_names(text):
        if alias in text and occurrences(alias, text):
            full.setdefault(parts[-1], actor)
            named.setdefault(parts[-1], []).append(actor.id)
    added: dict[str, list[str]] = {}
    extra = {_fold(a) for a in new.values() for a in a.aliases}

    def is_known(form: str) -> bool:   # (lexicon.alias | extra, without copying the register's keys)
        return _fold(form) in lexicon.alias or _fold(form) in extra

    for surname, actor in sorted(full.items()):
        # "Sir Keir" after "Keir Starmer": a knight's or dame's title with the first name
        first = next(x.split()[0] for x in actor.aliases if len(x.split()) >= 2 and x.split()[-1] == surname
                     and x.split()[0] not in _TITLES)
        for title in ("Sir", "Dame", "Lady", "Lord"):
            form = f"{title} {first}"
            if form in text and not is_known(form) and occurrences(form, text):
                added.setdefault(actor.id, []).append(form)
        if len(set(named[surname])) > 1 or surname in _NAMES["not_name"] or is_known(surname):
            continue
        longer = [span for x in actor.aliases if x != surname for span in occurrences(x, text)]
        alone = [(a, b) for a, b in occurrences(surname, text)
                 if not any(c <= a and b <= d for c, d in longer)]
        if alone and any(_speaker_position(text, a, b) for a, b in alone):
            added.setdefault(actor.id, []).append(surname)
    return {i: replace(lexicon.actors[i], aliases=(*lexicon.actors[i].aliases, *forms))
            for i, forms in sorted(added.items())}


def _ascii(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


_WORDS = re.compile(r"\w+")
# a title modifier right before a role phrase (scripts/lexicon/title_modifiers.yaml)
# a person's name used as a modifier of the noun after it (lexicon: modified_nouns)
_MODIFIES = re.compile(rf"[ \u00a0]+(?:{words.alternation(words.forms('modified_nouns'))})(?![\w’'-])",
                       re.IGNORECASE)
_MODIFIED = re.compile(rf"(?<![\w’'-])(?:{words.alternation(words.forms('title_modifiers'))})"
                       r"(?:[\s\u00a0]+|(?<=-))$", re.IGNORECASE)
_COMPILED: dict[str, re.Pattern[str]] = {}   # Lexicon._compile's patterns, by source
_TREES: dict[tuple[str, tuple[str, ...]], actor_index.Words] = {}   # Lexicon._tree's, by word and phrases


def _compiled(source: str) -> re.Pattern[str]:
    """``re.compile(source, re.IGNORECASE)``, shared by the lexicons extended per article."""
    rx = _COMPILED.get(source)
    if rx is None:
        if len(_COMPILED) > 20000:
            _COMPILED.clear()
        rx = _COMPILED[source] = re.compile(source, re.IGNORECASE)
    return rx


class _Found:
    """A match of ``Lexicon._finditer``: its span and text, as ``re.Match`` gives them."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        assert index == 0
        return self._text[self._start:self._end]
# Alias and role keys: the one normaliser (scripts.ids), cached because every article's
# extended lexicon folds the same register again.
_fold = functools.lru_cache(maxsize=1 << 17)(normalise)
_APOSTROPHE = "['\u2018\u2019\u02bc\u2032]"   # what scripts.ids folds to "'"


_SMALL_WORDS = re.compile(r"(?<= )(?:The|Of|And|For|On|In|To|A|An)(?= )")
# the generic head of an organisation's name, written either way ("Stop the War coalition") (name_words)
_ORG_HEAD = re.compile(rf"(?<= )(?:{'|'.join(sorted(_NAMES['organisation']))})$", re.IGNORECASE)


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that"})
_WOMENS_TITLES = ("Mrs", "Ms", "Miss")   # written interchangeably by outlets ("Mrs May", "Ms May")


def _title_variants(alias: str) -> tuple[str, ...]:
    """An alias and, for a woman's courtesy title, the same name with the other two ("Mrs May" ->
    "Ms May", "Miss May"): outlets differ in which they use, and none is another person's name."""
    title, _, rest = alias.partition(" ")
    if title not in _WOMENS_TITLES or not rest:
        return (alias,)
    return (alias, *(f"{t} {rest}" for t in _WOMENS_TITLES if t != title))


def _case_ok(raw: str, key: str, aliases: tuple[str, ...]) -> bool:
    """Names match with their capitals (so 'hunt' is not Tristram Hunt); the first letter may vary,
    and so may the kind of space (Mr\u00a0Corbyn), the apostrophe and small words inside a name
    ("Stop The War Coalition") and the generic head of an organisation's name ("Stop the War
    coalition")."""
    return any(_fold(a) == key and (_shape(raw) == _shape(a) or _shouted(raw, a)) for a in aliases)


@functools.lru_cache(maxsize=1 << 16)   # speed only: the same names and aliases recur in every article
def _shape(text: str) -> str:
    """What ``_case_ok`` compares: the name past its first letter, spaces, apostrophes, small words
    and an organisation's generic head made uniform."""
    text = _SMALL_WORDS.sub(lambda m: m.group().lower(), " ".join(fold(text).split()))
    return _ORG_HEAD.sub(lambda m: m.group().lower(), text[1:])


def _shouted(raw: str, alias: str) -> bool:
    """A name with words set wholly in capitals, as tabloid ledes and some copy do ("JEREMY Corbyn",
    "Labour MPS"): each such word matches a capitalised word of the alias when another word of the
    name keeps its case (a lone 'MAY' or 'HUNT' in a headline set in capitals is no name)."""
    words, names = fold(raw).split(), fold(alias).split()
    shouted = [w.isupper() and len(w) > 1 for w in words]
    return len(words) == len(names) and any(shouted) and not all(shouted) and all(
        w == n or (w.isupper() and len(w) > 1 and n[:1].isupper() and w.casefold() == n.casefold())
        for w, n in zip(words, names, strict=True))


def rows(actors: dict[str, Actor]) -> list[dict[str, Any]]:
    """The ``actors`` table."""
    return [{"actor_id": a.id, "name": a.name, "kind": a.kind, "aliases": " | ".join(a.aliases),
             "roles": " | ".join(f"{r.title} ({r.start}–{r.end or ''})" for r in a.roles),
             "speaks_for": a.speaks_for or None, "stance_scope": a.stance_scope,
             "unregistered": a.unregistered}
            for a in sorted(actors.values(), key=lambda a: a.id)]


_DOCUMENT_NOUNS = tuple(f for f in words.forms("document_nouns") if " " not in f)
_DOCUMENT_PHRASE = re.compile(rf"(?<![\w’'-])(?:the|a|an|this|that|its|their)[ \u00a0]+(?:open[ \u00a0]+)?"
                              rf"(?P<noun>{words.alternation(_DOCUMENT_NOUNS)})(?![\w-])", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def document_mentions(text: str, lexicon: Lexicon, published: date | None) -> list[Mention]:
    """Plain document phrases ("the letter", "a statement") that mean a registered document.

    A phrase means a document of the register when the document's name has the phrase's noun
    (lexicon: document_nouns), the name dates it to the publication year or the year before, and
    the text names the document or the body it speaks for; when no document, or more than one,
    fits a noun, its phrases stay no one's (their words are unattributed).
    """
    if published is None:
        return []
    by_noun: dict[str, list[str]] = {}
    for actor, years, names, nouns in lexicon.documents:
        if not any(0 <= published.year - y <= 1 for y in years):
            continue
        if not any(re.search(rf"(?<![\w’'-]){re.escape(n)}(?![\w-])", text, re.IGNORECASE) for n in names):
            continue
        for noun in nouns:
            by_noun.setdefault(noun, []).append(actor.id)
    out = []
    for m in _DOCUMENT_PHRASE.finditer(text) if by_noun else ():
        found = by_noun.get(m.group("noun").casefold(), [])
        if len(found) == 1:
            out.append(Mention(m.start(), m.end(), m.group(0), (found[0],), "alias"))
    return out
