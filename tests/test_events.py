"""Tests for scripts.registers.events: the register's checks, mentions in the seeds and in new text."""

from __future__ import annotations

import re
import shutil
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from scripts.annotate.paragraphs import TEXT_KINDS, classify
from scripts.annotate.temporal import DateInterval, find_mentions, resolve
from scripts.errors import InputError
from scripts.package.tables import field_names, to_csv
from scripts.registers import events as ev
from scripts.registers.sources import Article, load_articles
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
EVENTS = ev.load_events(SEEDS)
BY_ID = {e.id: e for e in EVENTS}
ARTICLES = {a.id: a for a in load_articles(SEEDS)}
IBT, ART5, EXPRESS, MAIL, PH = (
    "2015-08-ibt-corbyn-russia-spotlight", "2016-corbyn-refuses-article-five",
    "2022-03-express-putin-apologist", "2019-12-03-dailymail-corbyn-nato-backing",
    "2017-11-15-politicshome-russian-interference")

EXPECTED = {  # every mention in the seeds, in text order: (event_id, text)
    IBT: [
        ("labour-leadership-election-2015", "Labour Leadership Candidate"),
        ("labour-leadership-election-2015", "Labour leadership candidate"),
        ("corbyn-russia-today-interview-2015", "interview on the state-run channel Russia Today"),
        ("corbyn-overtakes-burnham-2015", "overtook Andy Burnham as the frontrunner"),
        ("labour-leadership-election-2015", "leadership race"),
        ("tristram-hunt-withdraws-2015", "Hunt, who withdrew"),
        ("labour-leadership-election-2015", "leadership race"),
        ("labour-leadership-ballot-deadline-2015", "deadline for ballots"),
        ("corbyn-russia-today-interview-2015", "interview with state-run Russian TV channel Russia Today"),
        ("times-telegraph-report-rt-interview-2015", "picked up by the Times and Telegraph newspapers"),
        ("corbyn-parliamentary-question-2015", "question to Foreign Secretary Philip Hammond"),
        ("nato-enlargement-1999", "admittance of the likes of Poland and Hungary to NATO"),
        ("corbyn-guardian-interview-2015", "told the Guardian"),
    ],
    ART5: [
        ("labour-leadership-hustings-birmingham-2016", "Labour leadership debate"),
        ("north-atlantic-treaty-1949", "NATO treaty"),
        ("labour-leadership-election-2016", "Leadership challenger"),
        ("north-atlantic-treaty-1949", "NATO accord"),
        ("trump-nyt-interview-2016", "Trump said he would not guarantee"),
    ],
    EXPRESS: [
        ("russian-invasion-of-ukraine-2022", "invasion of Ukraine"),
        ("stop-the-war-letter-2022", "signed a letter from the group"),
        ("russian-invasion-of-ukraine-2022", "Putin’s invasion of Ukraine"),
        ("corbyn-video-2022", "video released on his social media"),
        ("putin-uk-state-visit-2003", "spoke out against Putin’s treatment of Chechnya"),
        ("labour-manifesto-2019", "Labour’s 2019 election manifesto"),
        ("putin-uk-state-visit-2003", "state visit"),
        ("labour-manifesto-2019", "our 2019 election manifesto"),
        ("russian-invasion-of-ukraine-2022", "Ukraine invasion"),
        ("salisbury-poisoning-2018", "Salisbury poisoning"),
        ("commons-salisbury-statement-2018", "accused in the House of Commons"),
    ],
    MAIL: [
        ("uk-general-election-2019", "general election"),
        ("nato-london-summit-2019", "summit to mark the alliance’s 70th anniversary"),
        ("corbyn-jeremy-vine-interview-2019", "interview with Jeremy Vine on BBC Radio 2"),
        ("labour-manifesto-2019", "our manifesto"),
        ("uk-general-election-2019", "election looms"),
        ("uk-general-election-2019", "general election"),
        ("north-atlantic-treaty-1949", "was set up"),
        ("atlantic-charter-1941", "Atlantic charter"),
        ("labour-manifesto-2019", "Our manifesto"),
        ("labour-manifesto-2019", "your manifesto"),
        ("labour-manifesto-2019", "our manifesto"),
        ("labour-manifesto-2019", "our manifesto"),
        ("labour-manifesto-2019", "Labour’s manifesto"),
        ("newport-anti-nato-rally-2014", "protest"),
        ("nato-wales-summit-2014", "Nato summit in Newport"),
        ("corbyn-elected-labour-leader-2015", "he became Labour leader"),
    ],
    PH: [
        ("may-lord-mayors-banquet-speech-2017", "Theresa May\u00a0issued a blunt message to the Moscow"),
        ("russian-twitter-accounts-study-2017", "new study released"),
        ("brexit-referendum-2016", "Brexit referendum"),
        ("pmqs-2017-11-15", "Prime Minister’s Questions"),
    ],
}


def mentions(source_id: str) -> list[ev.EventMention]:
    a = ARTICLES[source_id]
    return ev.find_mentions(a, classify(a), EVENTS)


def article(text: str, day: date, headline: str = "Headline of the test article") -> Article:
    full = f"{headline}\n\n{text}"
    return Article("test", "articles/test.txt", "0" * 64, len(full.encode()), full, "Test", headline, "",
                   DateInterval(day, day, "test"), 1)


def found(text: str, day: date) -> list[tuple[str, str]]:
    a = article(text, day)
    return [(m.event_id, m.text) for m in ev.find_mentions(a, classify(a), EVENTS)]


# --------------------------------------------------------------------------
# The register


def test_register_is_checked_and_consistent() -> None:
    assert len(BY_ID) == len(EVENTS) >= 30
    for e in EVENTS:
        assert e.kind in ev.KINDS
        assert e.interval.precision in ev.PRECISIONS
        assert e.date_evidence or e.source_url.startswith("https://") or e.source_url.startswith("http://")
        assert e.patterns and e.why


@pytest.mark.parametrize(("event_id", "source_id", "expression"), [
    ("corbyn-russia-today-interview-2015", IBT, "last month"),
    ("corbyn-guardian-interview-2015", IBT, "last week"),
    ("corbyn-parliamentary-question-2015", IBT, "In February"),
    ("corbyn-overtakes-burnham-2015", IBT, "in July"),
    ("tristram-hunt-withdraws-2015", IBT, "in May"),
    ("times-telegraph-report-rt-interview-2015", IBT, "on Tuesday"),
    ("labour-leadership-ballot-deadline-2015", IBT, "September 10"),
    ("corbyn-jeremy-vine-interview-2019", MAIL, "this afternoon"),
    ("uk-general-election-2019", MAIL, "nine days away"),
    ("russian-twitter-accounts-study-2017", PH, "today"),
])
def test_dates_taken_from_the_articles_agree_with_the_temporal_module(
        event_id: str, source_id: str, expression: str) -> None:
    got = resolve(expression, ARTICLES[source_id].published)
    assert got is not None
    assert (got.start, got.end) == (BY_ID[event_id].interval.start, BY_ID[event_id].interval.end)


@pytest.mark.parametrize(("event_id", "source_id", "expression"), [
    ("may-lord-mayors-banquet-speech-2017", PH, "Earlier this week"),
    ("nato-london-summit-2019", MAIL, "this week"),
    ("brexit-referendum-2016", PH, "last year"),
    ("salisbury-poisoning-2018", EXPRESS, "in 2018"),
    ("putin-uk-state-visit-2003", EXPRESS, "in 2003"),
    ("nato-wales-summit-2014", MAIL, "in 2014"),
])
def test_outside_dates_lie_within_what_the_articles_say(event_id: str, source_id: str,
                                                        expression: str) -> None:
    got = resolve(expression, ARTICLES[source_id].published)
    event = BY_ID[event_id].interval
    assert got is not None and got.start is not None and got.end is not None
    assert event.start is not None and event.end is not None
    assert got.start <= event.start <= event.end <= got.end


VALID = """# test register
- id: test-summit-2019
  name: Test summit
  kind: summit
  start: 2019-12-03
  end: 2019-12-04
  precision: month
  patterns:
    - '\\btest summit\\b'
  date_evidence: 'test: "this week"'
  why: A test.
"""


def load(tmp_path: Path, text: str) -> list[ev.Event]:
    (tmp_path / ev.REGISTER).write_text(text, encoding="utf-8")
    return ev.load_events(tmp_path)


def test_a_minimal_register_loads(tmp_path: Path) -> None:
    (event,) = load(tmp_path, VALID)
    assert event.interval.start == date(2019, 12, 3) and event.line == 2


@pytest.mark.parametrize(("change", "line", "words"), [
    (("start: 2019-12-03", "start: 2019-02-30"), 2, "not a real date"),
    (("end: 2019-12-04", "end: 2019-13-04"), 2, "not a real date"),
    (("end: 2019-12-04", "end: 3 December 2019"), 2, "YYYY-MM-DD"),
    (("precision: month", "precision: day"), 2, "contradicts the dates"),
    (("precision: month", "precision: decade"), 2, "contradicts the dates"),
    (("end: 2019-12-04", "end: 2019-12-01"), 2, "after end"),
    (("kind: summit", "kind: meeting"), 2, "kind"),
    (("why: A test.", "why: A test.\n  whyy: typo"), 2, "unknown key(s): whyy"),
    (("    - '\\btest summit\\b'", "    - '\\btest (summit\\b'"), 9, "not a valid regular expression"),
    (("    - '\\btest summit\\b'", "    - 'summit|'"), 9, "matches empty text"),
    (("  patterns:\n    - '\\btest summit\\b'", "  patterns: []"), 2, "non-empty list"),
    (("  date_evidence: 'test: \"this week\"'", "  date_evidence: ''"), 2, "neither date_evidence"),
])
def test_bad_registers_are_input_errors_naming_file_and_line(
        tmp_path: Path, change: tuple[str, str], line: int, words: str) -> None:
    old, new = change
    assert old in VALID
    with pytest.raises(InputError) as err:
        load(tmp_path, VALID.replace(old, new))
    assert err.value.path.endswith("events.yaml") and err.value.line == line
    assert words in str(err.value) and f"events.yaml:{line}:" in str(err.value)


def test_duplicate_ids_name_the_second_entry(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"events\.yaml:12: duplicate id 'test-summit-2019' "
                                         r"\(first used on line 2\)"):
        load(tmp_path, VALID + VALID.removeprefix("# test register\n"))


def test_bad_source_url_and_gap(tmp_path: Path) -> None:
    bad_url = VALID.replace("why: A test.", "why: A test.\n  date_source: {title: T, url: not-a-url}")
    with pytest.raises(InputError, match="not a web address"):
        load(tmp_path, bad_url)
    with pytest.raises(InputError, match="max_gap_days"):
        load(tmp_path, VALID.replace("why: A test.", "why: A test.\n  max_gap_days: -3"))


def test_the_real_register_file_errors_point_at_its_lines(tmp_path: Path) -> None:
    shutil.copy(SEEDS / ev.REGISTER, tmp_path / ev.REGISTER)
    text = (tmp_path / ev.REGISTER).read_text(encoding="utf-8")
    target = "    - '\\batlantic charter\\b'"
    line = text.splitlines().index(target) + 1
    (tmp_path / ev.REGISTER).write_text(text.replace(target, "    - '\\batlantic (charter\\b'"),
                                        encoding="utf-8")
    with pytest.raises(InputError) as err:
        ev.load_events(tmp_path)
    assert err.value.line == line


# --------------------------------------------------------------------------
# Mentions in the seeds


@pytest.mark.parametrize("source_id", list(EXPECTED))
def test_every_mention_in_the_seeds(source_id: str) -> None:
    assert [(m.event_id, m.text) for m in mentions(source_id)] == EXPECTED[source_id]


@pytest.mark.parametrize("source_id", list(EXPECTED))
def test_offsets_round_trip_and_lie_in_searched_paragraphs(source_id: str) -> None:
    a = ARTICLES[source_id]
    paras = {p.index: p for p in classify(a)}
    ms = mentions(source_id)
    for m in ms:
        p = paras[m.paragraph]
        assert a.text[m.start:m.end] == m.text
        assert p.start <= m.start < m.end <= p.end and p.kind == m.paragraph_kind
        assert p.kind in TEXT_KINDS or p.kind == "headline"
    assert all(x.end <= y.start for x, y in pairwise(ms))


def test_patterns_do_not_fire_in_captions_links_chrome_or_comments() -> None:
    """The captions of the 2019 article match patterns; they must still yield no mention."""
    fired = set()
    for a in ARTICLES.values():
        text = ev.fold(a.text)
        for p in classify(a):
            if p.kind in ev.SEARCHED_KINDS:
                continue
            for e in EVENTS:
                if any(rx.search(text, p.start, p.end) for rx in e.patterns):
                    fired.add((a.id, p.kind, e.id))
            assert not [m for m in mentions(a.id) if m.paragraph == p.index]
    assert (MAIL, "caption", "nato-london-summit-2019") in fired  # "... to mark the 70th anniversary"
    assert (MAIL, "caption", "north-atlantic-treaty-1949") in fired  # "had been set up after the ..."


def test_mentions_anchor_event_relative_dates() -> None:
    a = ARTICLES[MAIL]
    anchors = ev.anchors(mentions(MAIL))
    got = {t.text: (t.interval.start, t.interval.end)
           for p in classify(a) if p.kind in TEXT_KINDS
           for t in find_mentions(a.text, a.published, p.start, p.end, anchors) if t.kind == "event"}
    assert got["a year before he became Labour leader"] == (date(2014, 1, 1), date(2014, 12, 31))
    assert got["ahead of a Nato summit in Newport"] == (date(2014, 1, 1), date(2014, 9, 4))
    assert got["at a protest"] == (date(2014, 8, 30), date(2014, 8, 30))
    assert got["during an interview with Jeremy Vine on BBC Radio 2"] == (date(2019, 12, 3),) * 2


# --------------------------------------------------------------------------
# New text: the same rules on articles the register was not written for


def test_recurring_wordings_need_the_right_time() -> None:
    assert found("Mr Corbyn spoke at a Labour leadership debate.", date(2016, 8, 19)) == [
        ("labour-leadership-hustings-birmingham-2016", "Labour leadership debate")]
    assert found("Mr Corbyn spoke at a Labour leadership debate.", date(2017, 8, 19)) == []
    assert found("He was asked at Prime Minister's Questions.", date(2019, 1, 9)) == []
    assert found("The general election is on Thursday.", date(2017, 6, 4)) == []
    assert found("Russia's invasion of Ukraine was condemned.", date(2015, 3, 1)) == []  # a future event


def test_nearest_contest_wins_and_years_must_agree() -> None:
    assert found("The leadership contest is bitter.", date(2016, 8, 1)) == [
        ("labour-leadership-election-2016", "leadership contest")]
    assert found("The leadership contest is bitter.", date(2015, 8, 1)) == [
        ("labour-leadership-election-2015", "leadership contest")]
    assert found("He cited Labour's 2019 election manifesto.", date(2023, 5, 1)) == [
        ("labour-manifesto-2019", "Labour's 2019 election manifesto")]
    assert found("He cited Labour's 2017 election manifesto.", date(2017, 7, 1)) == []


def test_other_wordings_of_registered_events() -> None:
    text = ("Corbyn addressed an anti-Nato rally before the Wales summit. He has never backed the "
            "EU referendum result, and spoke about the Skripal poisoning and the Atlantic Charter.")
    assert [e for e, _ in found(text, date(2018, 4, 1))] == [
        "newport-anti-nato-rally-2014", "nato-wales-summit-2014", "brexit-referendum-2016",
        "salisbury-poisoning-2018", "atlantic-charter-1941"]


def test_quotes_and_dashes_are_folded_one_to_one() -> None:
    assert ev.fold("Labour’s “manifesto” – now\u00a0") == "Labour's \"manifesto\" - now "
    assert len(ev.fold("’“–\u202f")) == 4


# --------------------------------------------------------------------------
# Tables


def test_rows_match_the_schemas_and_are_stable() -> None:
    all_mentions = [m for s in EXPECTED for m in mentions(s)]
    event_rows = ev.rows_events(EVENTS)
    mention_rows = ev.rows_mentions(all_mentions)
    assert list(event_rows[0]) == field_names("events")
    assert list(mention_rows[0]) == field_names("event_mentions")
    to_csv("events", event_rows)
    to_csv("event_mentions", mention_rows)
    assert len({r["mention_id"] for r in mention_rows}) == len(mention_rows) == 49
    assert mention_rows == ev.rows_mentions(reversed(all_mentions))
    assert {r["event_id"] for r in mention_rows} <= set(BY_ID)
    assert [r["start"] for r in event_rows] == sorted(r["start"] for r in event_rows)
    patterns = {r["event_id"]: re.compile(r["pattern"], re.IGNORECASE) for r in event_rows}
    for m in all_mentions:  # the joined column finds every mention of its event, in place
        assert patterns[m.event_id].match(ev.fold(ARTICLES[m.source_id].text), m.start)
