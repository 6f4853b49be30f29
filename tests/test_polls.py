"""Tests for scripts.steps.polls: every poll figure and statistic in the seeds, and new articles."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.annotate.paragraphs import classify
from scripts.annotate.temporal import DateInterval
from scripts.package import descriptor
from scripts.package.tables import field_names, package_meta, to_csv
from scripts.package.validate import errors
from scripts.registers import events, sources
from scripts.registers.actors import load_actors
from scripts.registers.sources import Article
from scripts.steps import polls
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
ALIASES = polls.alias_map(load_actors(SEEDS))
ARTICLES = {a.id: a for a in sources.load_articles(SEEDS)}
RESULTS = {sid: polls.extract(a, classify(a), ALIASES) for sid, a in ARTICLES.items()}
IBT, ART5, EXPRESS, MAIL, PH = (
    "2015-08-ibt-corbyn-russia-spotlight", "2016-corbyn-refuses-article-five",
    "2022-03-express-putin-apologist", "2019-12-03-dailymail-corbyn-nato-backing",
    "2017-11-15-politicshome-russian-interference")
D = date

# (source, text, measure, option, versus, value, derived, change, previous poll's date)
EXPECTED_POLLS = {
    (IBT, "53 percent", "share", "corbyn", "", 53, False, None, None),
    (IBT, "32-point lead", "lead", "corbyn", "andy-burnham", 32, False, None, None),
    (IBT, "53 percent, giving him a 32-point lead against his closest rival, Burnham", "share",
     "andy-burnham", "", 21, True, None, None),
    (MAIL, "12-point poll lead", "lead", "conservative-party", "", 12, False, None, None),
    (MAIL, "12 point poll lead", "lead", "conservative-party", "labour-party", 12, False, None, None),
    (MAIL, "44 per cent", "share", "conservative-party", "", 44, False, 1, D(2019, 11, 26)),
    (MAIL, "32 per cent", "share", "labour-party", "", 32, False, 0, D(2019, 11, 26)),
}
# (source, text, value, denominator, unit, kind, nature, approximate, attributed_to, period start)
EXPECTED_STATS = {
    (IBT, "two percent", 2, None, "percent", "percent", "target", False, "", None),
    (ART5, "2%", 2, None, "percent", "percent", "target", False, "", None),
    (ART5, "2%", 2, None, "percent", "percent", "target", False, "a NATO report", None),
    (ART5, "five out of 28 members", 5, 28, "members", "part-of-whole", "measurement", False,
     "a NATO report", D(2015, 1, 1)),
    (PH, "some 150,000 fake Twitter accounts", 150000, None, "accounts", "count", "measurement", True,
     "A new study", D(2016, 1, 1)),
    (MAIL, "two per cent", 2, None, "percent", "percent", "target", False, "", None),
}


def all_polls() -> list[dict[str, Any]]:
    return [r for p, _ in RESULTS.values() for r in p]


def all_stats() -> list[dict[str, Any]]:
    return [r for _, s in RESULTS.values() for r in s]


def article(text: str, day: date, headline: str, source_id: str = "test") -> Article:
    full = f"{headline}\n\n{text}"
    return Article(source_id, "articles/test.txt", "0" * 64, len(full.encode()), full, "Test", headline,
                   "", DateInterval(day, day, "test"), 1)


def run(text: str, day: date = date(2017, 6, 4), headline: str = "Poll news") -> tuple[list, list]:
    a = article(text, day, headline)
    return polls.extract(a, classify(a), ALIASES)


def numbers_in(text: str) -> list[float]:
    tokens = re.findall(rf"(?i)\d{{1,3}}(?:,\d{{3}})+|{polls.NUM}", text)
    return [n for t in tokens if (n := polls.number(t)) is not None]


# --------------------------------------------------------------------------
# The seeds


def test_every_poll_figure_in_the_seeds() -> None:
    got = {(r["source_id"], r["text"], r["measure"], r["option"], r["versus"], r["value"], r["derived"],
            r["change"], r["previous_start"]) for r in all_polls()}
    assert got == EXPECTED_POLLS
    counts = {sid: (sum(not r["derived"] for r in p), sum(r["derived"] for r in p), len(s))
              for sid, (p, s) in RESULTS.items()}
    assert counts == {IBT: (2, 1, 1), ART5: (0, 0, 3), EXPRESS: (0, 0, 0), MAIL: (4, 0, 1), PH: (0, 0, 1)}


def test_each_value_is_checked_against_its_span_text() -> None:
    for r in all_polls():
        a = ARTICLES[r["source_id"]]
        assert a.text[r["start"]:r["end"]] == r["text"]
        if not r["derived"]:
            assert numbers_in(r["text"])[0] == r["value"], r["text"]
            assert r["derivation"] == ""
        else:
            left, op, right = r["derivation"].split()
            assert float(left) in numbers_in(r["text"]) and float(right) in numbers_in(r["text"])
            assert (float(left) - float(right) if op == "-" else float(left) + float(right)) == r["value"]
        if r["change_text"]:
            assert a.text[r["change_start"]:r["change_end"]] == r["change_text"]
            assert (numbers_in(r["change_text"]) or [0])[0] == abs(r["change"])


def test_poll_level_facts() -> None:
    yougov = {r["poll_id"] for r in RESULTS[IBT][0]}
    kantar = {r["poll_id"] for r in RESULTS[MAIL][0]}
    assert len(yougov) == len(kantar) == 1
    y = RESULTS[IBT][0][0]
    assert (y["pollster"], y["sponsor"]) == ("YouGov", "The Times")
    assert (y["published_start"], y["published_end"]) == (D(2015, 8, 10), D(2015, 8, 10))
    assert y["fieldwork_start"] is None
    assert y["population"] == "Labour Party leadership electorate"
    assert "leadership race" in y["population_note"]
    k = RESULTS[MAIL][0][0]
    assert (k["pollster"], k["sponsor"]) == ("Kantar", "")
    assert (k["fieldwork_start"], k["fieldwork_end"]) == (D(2019, 11, 28), D(2019, 12, 2))
    assert (k["published_start"], k["published_end"]) == (D(2019, 12, 2), D(2019, 12, 3))
    assert "publication not stated" in k["date_evidence"]
    assert k["population"] == "all voters" and k["subject"] == "party voting intention"


def test_derived_and_stated_figures_are_told_apart() -> None:
    (burnham,) = [r for r in all_polls() if r["derived"]]
    assert (burnham["option_name"], burnham["value"]) == ("Andy Burnham", 21)
    assert burnham["derivation"] == "53 - 32"
    (lead,) = [r for r in all_polls() if r["versus"] == "labour-party"]
    assert lead["check"] == "44 - 32 = 12: agrees with the stated lead"
    assert all(not r["derived"] for r in all_polls() if r["measure"] == "lead")


def test_changes_and_the_previous_poll() -> None:
    by_text = {r["text"]: r for r in RESULTS[MAIL][0]}
    tories, labour = by_text["44 per cent"], by_text["32 per cent"]
    assert tories["change"] == 1
    assert tories["change_text"] == "a one per cent increase on the company’s last poll"
    assert (labour["change"], labour["change_text"]) == (0, "the same as the last poll")
    assert tories["previous_end"] == labour["previous_end"] == D(2019, 11, 26)
    assert "earlier in the passage" in labour["note"]


def test_every_statistic_in_the_seeds() -> None:
    got = {(r["source_id"], r["text"], r["value"], r["denominator"], r["unit"], r["kind"], r["nature"],
            r["approximate"], r["attributed_to"], r["period_start"]) for r in all_stats()}
    assert got == EXPECTED_STATS
    for r in all_stats():
        a = ARTICLES[r["source_id"]]
        assert a.text[r["start"]:r["end"]] == r["text"] and r["text"] in r["counted"]
        assert r["counted"] in a.text
        assert numbers_in(r["text"])[0] == r["value"]


def test_statistics_are_never_poll_figures() -> None:
    spans = {(r["source_id"], r["start"], r["end"]) for r in all_polls()}
    assert not any((r["source_id"], r["start"], r["end"]) in spans for r in all_stats())


def test_rows_match_the_schemas() -> None:
    rows, stats = polls.sort_polls(all_polls()), polls.sort_statistics(all_stats())
    assert list(rows[0]) == field_names("polls") and list(stats[0]) == field_names("statistics")
    to_csv("polls", rows)
    to_csv("statistics", stats)
    assert len({r["figure_id"] for r in rows}) == len(rows)
    assert len({r["statistic_id"] for r in stats}) == len(stats)


def test_extraction_is_deterministic() -> None:
    a = ARTICLES[MAIL]
    assert polls.extract(a, classify(a), ALIASES) == RESULTS[MAIL]


def test_my_tables_validate_with_frictionless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sources + events + event_mentions + polls + statistics, built and validated like scripts/build.py."""
    evs = events.load_events(SEEDS)
    mentions = [m for a in ARTICLES.values() for m in events.find_mentions(a, classify(a), evs)]
    tables = {"sources": sources.rows(list(ARTICLES.values())), "events": events.rows_events(evs),
              "event_mentions": events.rows_mentions(mentions), "polls": polls.sort_polls(all_polls()),
              "statistics": polls.sort_statistics(all_stats())}
    meta = copy.deepcopy(package_meta())
    meta["resources"] = list(tables)
    monkeypatch.setattr(descriptor, "package_meta", lambda: copy.deepcopy(meta))
    (tmp_path / "data").mkdir()
    for name, rows in tables.items():
        (tmp_path / "data" / f"{name}.csv").write_bytes(to_csv(name, rows))
    (tmp_path / "datapackage.json").write_bytes(
        descriptor.dumps(descriptor.build(tmp_path, list(ARTICLES.values()))))
    assert errors(tmp_path / "datapackage.json") == []


# --------------------------------------------------------------------------
# A new article in the style of the seeds (fictional figures), with no code change

NEW = "\n\n".join((
    "Jeremy Corbyn’s Labour Party has cut the Conservative lead with the general election just days away.",
    "An Opinium poll for the Observer put Labour on 41 per cent, four points ahead of the Conservatives. "
    "The survey was carried out between May 31 and June 2.",
    "Labour’s share is up two points on the company’s previous poll, while the Liberal Democrats were on "
    "6 per cent, down one point.",
    "A separate Survation poll published on Saturday gave the Conservatives a lead of one point over Labour.",
    "Mr Corbyn, who campaigned for Remain in last year’s EU referendum, said Labour’s manifesto commits to "
    "spending at least 2 per cent of GDP on defence.",
    "The party has been joined by more than 10,000 new members this week, according to Labour figures.",
))


def test_a_new_article_flows_through() -> None:
    rows, stats = run(NEW, headline="Corbyn closes gap on Tories as Labour surges in new poll")
    got = {(r["pollster"], r["text"], r["measure"], r["option"], r["versus"], r["value"], r["derived"],
            r["change"]) for r in rows}
    assert got == {
        ("Opinium", "41 per cent", "share", "labour-party", "", 41, False, 2),
        ("Opinium", "four points ahead of", "lead", "labour-party", "conservative-party", 4, False, None),
        ("Opinium", "41 per cent, four points ahead of the Conservatives", "share", "conservative-party",
         "", 37, True, None),
        ("Opinium", "6 per cent", "share", "liberal-democrats", "", 6, False, -1),
        ("Survation", "lead of one point", "lead", "conservative-party", "labour-party", 1, False, None),
    }
    opinium = next(r for r in rows if r["pollster"] == "Opinium")
    assert opinium["sponsor"] == "The Observer"
    assert (opinium["fieldwork_start"], opinium["fieldwork_end"]) == (D(2017, 5, 31), D(2017, 6, 2))
    assert (opinium["population"], opinium["population_note"]) == ("", "not stated")
    survation = next(r for r in rows if r["pollster"] == "Survation")
    assert (survation["published_start"], survation["published_end"]) == (D(2017, 6, 3), D(2017, 6, 3))
    assert len({r["poll_id"] for r in rows}) == 2
    assert {(s["text"], s["kind"], s["nature"], s["attributed_to"]) for s in stats} == {
        ("2 per cent", "percent", "target", ""),
        ("more than 10,000 new members", "count", "measurement", "Labour figures"),
    }


def test_other_wordings() -> None:
    rows, _ = run("A YouGov survey of party members put Corbyn on 38.5%. Labour were three points "
                  "behind the Tories overall, according to a separate ComRes poll.", day=date(2016, 8, 1))
    got = {(r["pollster"], r["option"], r["versus"], r["value"], r["derived"]) for r in rows}
    assert ("YouGov", "corbyn", "", 38.5, False) in got
    assert ("ComRes", "conservative-party", "labour-party", 3, False) in got  # "behind" is stored as ahead


def test_numbers_outside_poll_passages_are_not_poll_figures() -> None:
    rows, stats = run("Nato members are supposed to spend 2 per cent of GDP on defence.\n\n"
                      "An attack against one member is an attack against all, nine days away.")
    assert rows == [] and [s["text"] for s in stats] == ["2 per cent"]


def test_counts_need_a_source_and_are_not_durations() -> None:
    _, stats = run("He has spoken at 30 rallies in 12 years. Officials said 40 troops were there.\n\n"
                   "A report found 300 accounts were fake over three years.")
    assert [(s["value"], s["unit"]) for s in stats] == [(300, "accounts")]


@pytest.mark.parametrize(("token", "value"), [
    ("53", 53), ("4.5", 4.5), ("150,000", 150000), ("one", 1), ("Twelve", 12), ("thirty-two", 32),
    ("forty", 40), ("bogus", None)])
def test_number_words(token: str, value: float | None) -> None:
    assert polls.number(token) == value


@settings(max_examples=40, deadline=None)
@given(share=st.integers(min_value=0, max_value=100), lead=st.integers(min_value=0, max_value=100),
       pollster=st.sampled_from(polls.KNOWN_POLLSTERS))
def test_a_lead_and_one_share_imply_the_other(share: int, lead: int, pollster: str) -> None:
    rows, _ = run(f"A {pollster} poll put Labour on {share} per cent, giving it a {lead}-point lead "
                  f"over the Conservatives.")
    by = {(r["option"], r["measure"]): r for r in rows}
    assert by[("labour-party", "share")]["value"] == share
    assert by[("labour-party", "lead")]["versus"] == "conservative-party"
    if share - lead >= 0:
        derived = by[("conservative-party", "share")]
        assert derived["derived"] and derived["value"] == share - lead
        assert derived["derivation"] == f"{share} - {lead}"


# Issue 10: polls that carry context.

OBSERVER = (
    "More than twice as many people back Theresa May as prefer Jeremy Corbyn, according to an "
    "Opinium/Observer poll.\n\n"
    "The poll, conducted late last week, puts the Conservatives two points ahead of Labour.\n\n"
    "While Corbyn is seen by 48% as a leader who sticks to his principles – compared with 39% who say May "
    "does – the prime minister is seen as better equipped.\n\n"
    "Asked which leader would be best at reacting, 39% said May and 16% said Corbyn.\n\n"
    "The poll shows overwhelming support for May’s decision to expel the diplomats, with 56% of "
    "respondents backing the move and only 11% opposing it.")


def test_a_poll_named_once_carries_to_the_figures_below() -> None:
    rows, stats = run(OBSERVER, day=date(2018, 3, 18))
    got = {(r["text"], r["pollster"], r["option"], r["value"]) for r in rows if not r["derived"]}
    assert got == {
        ("two points ahead of", "Opinium", "conservative-party", 2),
        ("48%", "Opinium", "corbyn", 48), ("39%", "Opinium", "theresa-may", 39),
        ("16%", "Opinium", "corbyn", 16), ("56%", "Opinium", "support", 56), ("11%", "Opinium", "oppose", 11),
    }
    assert sum(r["text"] == "39%" for r in rows) == 2
    assert {r["sponsor"] for r in rows} == {"The Observer"}      # never "May's" (from "support for May's")
    assert not [s for s in stats if s["unit"] == "percent"]


def test_a_weekend_papers_last_week_is_never_before_the_week_just_ending() -> None:
    rows, _ = run(OBSERVER, day=date(2018, 3, 18))
    assert {(r["fieldwork_start"], r["fieldwork_end"]) for r in rows} == {(D(2018, 3, 5), D(2018, 3, 17))}


def test_pairs_and_unknown_pollsters() -> None:
    rows, _ = run("The latest Guardian/Acme poll gives a 12-point lead for the Conservatives.\n\n"
                  "The 45% to 33% share of the votes for the Conservatives over Labour is a narrowing.\n\n"
                  "Labour has a lead over the Conservatives among the young by 43% to 36%.")
    got = {(r["text"], r["pollster"], r["sponsor"], r["option"], r["value"])
           for r in rows if not r["derived"]}
    assert got == {
        ("12-point lead", "Acme", "The Guardian", "conservative-party", 12),
        ("45%", "Acme", "The Guardian", "conservative-party", 45),
        ("33%", "Acme", "The Guardian", "labour-party", 33),
        ("43%", "Acme", "The Guardian", "labour-party", 43),
        ("36%", "Acme", "The Guardian", "conservative-party", 36),
    }


def test_a_figure_whose_poll_cannot_be_told_is_a_statistic_saying_so() -> None:
    rows, stats = run("Labour is on 41 per cent in the polls, four points ahead of the Conservatives.")
    assert rows == []
    assert {(s["text"], s["kind"], s["attributed_to"]) for s in stats} >= {("41 per cent", "percent", "")}
    assert all("names no poll" in s["note"] for s in stats if s["text"] == "41 per cent")
