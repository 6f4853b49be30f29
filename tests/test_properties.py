"""Property tests: the quotation finder and the statement extractor, on arbitrary Unicode text,
never crash, return only offsets inside the text that round-trip, and are deterministic.

Paragraphs are built here (every non-blank line, of a kind Hypothesis picks) so that the two
functions are exercised on every kind and on text that the classifier would never produce.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scripts.annotate import paragraphs
from scripts.annotate.paragraphs import KINDS, Paragraph
from scripts.annotate.quotes import find_quotes
from scripts.annotate.temporal import DateInterval
from scripts.errors import InputError
from scripts.registers import sources
from scripts.registers.actors import UNATTRIBUTED, Actor, Lexicon, Role
from scripts.registers.loader import load_list
from scripts.registers.sources import Article
from scripts.steps import statements

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ACTORS = {a.id: a for a in [
    Actor("corbyn", "Jeremy Corbyn", "person", ("Jeremy Corbyn", "Mr Corbyn", "Corbyn"),
          (Role("Leader of the Labour Party", ("the Labour leader",), date(2015, 9, 12), date(2020, 4, 4),
                "Labour Party"),), ""),
    Actor("theresa-may", "Theresa May", "person", ("Theresa May", "Mrs May"),
          (Role("Prime Minister", ("the Prime Minister",), date(2016, 7, 13), date(2019, 7, 24), ""),), ""),
    Actor("boris-johnson", "Boris Johnson", "person", ("Boris Johnson", "Mr Johnson"),
          (Role("Prime Minister", ("the Prime Minister",), date(2019, 7, 24), date(2022, 9, 6), ""),), ""),
    Actor("nato", "NATO", "organisation", ("NATO", "Nato"), (), ""),
    Actor(UNATTRIBUTED, "Unattributed", "unknown", (), (), ""),
]}
LEXICON = Lexicon(ACTORS)

# Pieces that make the text look like news copy often enough to reach the interesting code:
# every quotation mark, odd spaces, line breaks, names, roles, pronouns, reporting verbs, dates.
PIECES = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", " ", " ", "\u00a0", "\u202f", "\u200b", "\ufeff",
          "\u3000", "\n", "\n\n", "\r\n", ".", ",", ":", ";", "!", "?", "…", "—", "(", ")", "[WATCH]",
          "Mr Corbyn", "Corbyn", "Mr\u00a0Corbyn", "Jeremy Corbyn", "Theresa May", "the Prime Minister",
          "the Labour leader", "Nato", "He", "he", "she", "it", "they", " said", " said:", " told the BBC",
          " added", " warned that", " was accused of", " who said", " and insisted", "On Monday",
          "in 2019", "last week", "at the time", "in an interview", "Read more", "pictured", "Hello",
          "Russia's", "don’t", "Corbyn’s", " the ", " a ", "x"]
WORDS = ["Nato", "is", "a", "danger", "Russia", "must", "talk", "We", "I", "never", "2019", "Monday",
         "don’t", "it's", "peace", "war", "‘danger’", "'relic'", "\"no\""]
words = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=8).map(" ".join)
# A reported sentence: who, a verb, a quotation in some pair of marks (or none), an ending.
sentence = st.tuples(
    st.sampled_from(["", "Mr Corbyn", "He", "The Labour leader", "Theresa May", "She", "Nato", "It",
                     "On Monday, Mr Corbyn", "The Prime Minister"]),
    st.sampled_from([" said: ", " said ", " told the BBC: ", " warned that ", " added, ", " was branded ",
                     " insisted ", ": ", " "]),
    st.sampled_from(["“", "‘", '"', "'", "«", "", "“‘", "\u00a0“"]),
    words,
    st.sampled_from(["”", "’", '"', "'", "»", "", "’”", ",” he said", ",” said Mr Corbyn"]),
    st.sampled_from([".", "", ".\n\n", "\n", " ", "\r\n"]),
).map("".join)
news_text = st.lists(st.one_of(sentence, sentence, st.sampled_from(PIECES), st.text(max_size=4)),
                     max_size=20).map("".join)
any_text = st.one_of(news_text, st.text(max_size=200))
DAY = DateInterval(date(2019, 12, 3), date(2019, 12, 3), "test")
published = st.sampled_from([
    DAY,
    DateInterval(date(2015, 8, 11), date(2015, 8, 16), "test"),
    DateInterval(date(2016, 1, 1), date(2016, 12, 31), "test"),
])


def _article(text: str, when: DateInterval, headline: str = "") -> Article:
    return Article(id="prop", file="articles/prop.txt", sha256="0" * 64, bytes=len(text.encode("utf-8")),
                   text=text, outlet="", headline=headline, url="", published=when, line=1)


@st.composite
def texts_and_paragraphs(draw: st.DrawFn) -> tuple[str, list[Paragraph]]:
    """A text and its non-blank lines as paragraphs, each of an arbitrary kind."""
    text = draw(any_text)
    out, pos = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.rstrip("\r")
        if stripped.strip():
            kind = draw(st.one_of(st.sampled_from(sorted(paragraphs.TEXT_KINDS)), st.sampled_from(KINDS)))
            out.append(Paragraph("prop", len(out) + 1, number, pos, pos + len(stripped), kind, stripped))
        pos += len(line) + 1
    return text, out


def _check_quotes(text: str, paras: list[Paragraph]) -> None:
    quotes, anomalies = find_quotes(text, paras)
    by_index = {p.index: p for p in paras}
    previous_end = -1
    for q in quotes:
        assert 0 <= q.open_mark < q.start < q.end <= len(text), q
        assert text[q.open_mark] in "“‘\"'«", q
        assert text[q.start] not in " \t\u00a0\u202f\u2009\u200b", q
        assert text[q.end - 1] not in " \t\u00a0\u202f\u2009\u200b", q
        p = by_index[q.paragraph]
        assert p.kind in paragraphs.TEXT_KINDS
        assert p.start <= q.start and q.end <= p.end, (q, p)
        if q.close_mark is not None:
            assert q.end <= q.close_mark < p.end and text[q.close_mark] in "”’\"'»", q
        assert q.open_mark >= previous_end, "quotations overlap"
        previous_end = q.end
    for a in anomalies:
        assert 0 <= a.offset < len(text) and a.paragraph in by_index, a


@SETTINGS
@given(texts_and_paragraphs())
def test_find_quotes_offsets_are_inside_and_round_trip(case: tuple[str, list[Paragraph]]) -> None:
    _check_quotes(*case)


@SETTINGS
@given(texts_and_paragraphs())
def test_find_quotes_is_deterministic(case: tuple[str, list[Paragraph]]) -> None:
    text, paras = case
    assert find_quotes(text, paras) == find_quotes(text, list(paras))


def _check_statements(article: Article, paras: list[Paragraph]) -> list[dict]:
    text = article.text
    found = statements.extract(article, paras, LEXICON)
    for s in found:
        assert 0 <= s.start <= s.end <= len(text), s
        assert 0 <= s.context[0] <= s.context[1] <= len(text), s
        assert s.kind in ("direct", "fragment", "indirect")
        assert s.speakers and set(s.speakers) <= set(ACTORS), s
        if s.mention is not None:
            assert 0 <= s.mention.start < s.mention.end <= len(text)
            assert text[s.mention.start:s.mention.end] == s.mention.text, s.mention
        p = next(p for p in paras if p.index == s.paragraph)
        assert p.start <= s.start and s.end <= p.end, (s, p)
    rows = statements.rows(found, {article.id: article})
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
    assert len({r["statement_id"] for r in rows}) == len(rows), "statement ids collide"
    return rows


@SETTINGS
@given(texts_and_paragraphs(), published)
def test_extract_offsets_are_inside_and_round_trip(case: tuple[str, list[Paragraph]],
                                                   when: DateInterval) -> None:
    text, paras = case
    _check_statements(_article(text, when), paras)


@SETTINGS
@given(texts_and_paragraphs(), published)
def test_extract_is_deterministic(case: tuple[str, list[Paragraph]], when: DateInterval) -> None:
    text, paras = case
    article = _article(text, when)
    first = statements.rows(statements.extract(article, paras, LEXICON), {article.id: article})
    again = statements.rows(statements.extract(article, list(paras), LEXICON), {article.id: article})
    assert first == again


def _classify_crashes(text: str) -> bool:
    """A line that scripts/annotate/paragraphs.py keeps but ``str.strip()`` empties (e.g. U+3000) crashes
    ``classify`` (reported to the lead; see test_classify_line_of_unicode_spaces)."""
    return any(t.strip("\ufeff \t\u00a0\u202f\u200b") and not t.strip()
               for t in (line.rstrip("\r \t\u00a0\u202f") for line in text.split("\n")))


@SETTINGS
@given(any_text, published, st.sampled_from(["", "Corbyn", "Hello"]))
def test_classify_then_extract_round_trips(text: str, when: DateInterval, headline: str) -> None:
    """The pipeline as the build runs it: classify, then extract."""
    assume(not _classify_crashes(text))
    article = _article(text, when, headline)
    paras = paragraphs.classify(article)
    for p in paras:
        assert text[p.start:p.end] == p.text and p.kind in KINDS
    assert paras == paragraphs.classify(article)
    _check_quotes(text, paras)
    assert _check_statements(article, paras) == _check_statements(article, paras)


@pytest.mark.parametrize("space", ["\u3000", "\u2003", "\x0c", "\x85", "\u2028"])
def test_classify_line_of_unicode_spaces(space: str) -> None:
    paragraphs.classify(_article(f"Mr Corbyn said: “Nato.”\n{space}\n", DAY))


@SETTINGS
@given(st.one_of(st.binary(max_size=300), news_text.map(lambda t: t.encode("utf-8"))))
def test_decode_article_accepts_exactly_utf8_text(raw: bytes) -> None:
    """Any bytes: either the exact UTF-8 decoding comes back, or an InputError that names the file."""
    try:
        text = sources.decode_article(Path("seeds/articles/x.txt"), raw)
    except InputError as exc:
        assert exc.path == "seeds/articles/x.txt" and exc.fix
    else:
        assert text == raw.decode("utf-8")


@SETTINGS
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(
    ["- ", "id: ", "x", ": ", "\n", "  ", "[", "]", "{", "}", "&a ", "*a", "!!python/name:os.system",
     "!!str ", "? ", "'", '"', "#", "2019-02-30", "<<: *a", "null", "\t", "|", ">-"]),
    max_size=40).map("".join)))
def test_registers_load_or_fail_cleanly(text: str) -> None:
    """Any register text: a list of mappings, or an InputError (never another exception)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            entries = load_list(path)
        except InputError as exc:
            assert exc.path == str(path)
        else:
            assert isinstance(entries, list) and all(isinstance(e, dict) for e in entries)
