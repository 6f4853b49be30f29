"""Issue 10, round 4 (dates and polls): general rules for the kinds of error seen on the blind split.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from datetime import date

from scripts.annotate import temporal
from scripts.annotate.paragraphs import classify
from scripts.steps import polls
from tests.test_polls import ALIASES
from tests.test_polls import article as poll_article
from tests.test_rules2 import _said


def _poll_rows(body: str, day: date = date(2021, 6, 8)) -> list[dict]:
    a = poll_article(body, day, "Poll headline")
    rows, _ = polls.extract(a, classify(a), ALIASES)
    return [r for r in rows if not r["derived"]]


def test_a_date_after_publication_never_dates_the_saying() -> None:
    day = date(2023, 2, 10)
    got = _said("Mr Corbyn said he would scrap the fleet if he won the vote on March 30.\n\n"
                "Asked about the cost, he said: “The money belongs in schools.”", day)
    for _, start, end in got:
        assert start is None and end == day


def test_a_date_modifying_a_noun_is_what_is_talked_about() -> None:
    day = date(2023, 2, 20)
    got = _said("Mr Corbyn condemned the “shocking” February 6 bombing and said the talks must go on.", day)
    assert got and all(start is None and end == day for _, start, end in got)
    text = "The February 6 bombing was condemned; the minister on February 6 said no."
    found = [temporal.content_date(text, m, day)
             for m in temporal.find_mentions(text, temporal.DateInterval(day, day, "t"))]
    assert found == ["modifies a noun", None]


def test_a_date_after_publication_is_flagged_and_an_earlier_one_is_not() -> None:
    day = date(2023, 2, 10)
    text = "The summit opens on March 3 and the treaty was signed on February 2."
    found = [temporal.content_date(text, m, day)
             for m in temporal.find_mentions(text, temporal.DateInterval(day, day, "t"))]
    assert found == ["after publication", None]


def test_a_weekday_range_ends_on_its_last_day_and_starts_before_it() -> None:
    tuesday = date(2021, 6, 8)
    text = "The survey ran Monday to Wednesday; the other ran between Friday and Sunday."
    got = [(m.interval.start, m.interval.end)
           for m in temporal.find_mentions(text, temporal.DateInterval(tuesday, tuesday, "t"))]
    assert got == [(date(2021, 5, 31), date(2021, 6, 2)), (date(2021, 6, 4), date(2021, 6, 6))]


def test_a_shifted_fieldwork_period_is_wrong_and_a_coarse_one_is_not() -> None:
    from scripts.steps.devscore import _wrong_period
    gold = ("2021-05-31", "2021-06-02")
    assert _wrong_period(gold, ("2021-06-02", "2021-06-08"))        # one end inside, one outside
    assert _wrong_period(gold, ("2021-06-05", "2021-06-08"))        # no day shared
    assert not _wrong_period(gold, ("2021-05-01", "2021-06-30"))    # coarse: contains it
    assert not _wrong_period(gold, ("2021-06-01", "2021-06-01"))    # within it
    assert not _wrong_period(gold, ("", ""))                        # not dated


def test_topline_party_abbreviations_are_options_and_bracketed_changes_are_not_figures() -> None:
    rows = _poll_rows("Survation's new poll for the Mirror has toplines of LAB 39%(+2), CON 35%(nc), "
                      "LD 11%(-1), GRN 6%. Fieldwork was Thursday to Saturday.")
    got = [(r["pollster"], r["option"], r["value"], r["change"]) for r in rows]
    assert got == [("Survation", "labour-party", 39, 2), ("Survation", "conservative-party", 35, 0),
                   ("Survation", "liberal-democrats", 11, -1), ("Survation", "green-party", 6, None)]
    fieldwork = {(r["fieldwork_start"], r["fieldwork_end"]) for r in rows}
    assert fieldwork == {(date(2021, 6, 3), date(2021, 6, 5))}


def test_a_margin_by_two_figures_rates_the_one_person_named() -> None:
    rows = _poll_rows("Savanta found voters thought Angela Rayner had handled the row well by 38% to 29%.")
    assert [(r["option"], r["value"]) for r in rows] == [("angela-rayner", 38), ("angela-rayner", 29)]


def test_a_pronoun_answer_is_the_person_named_before_never_a_lone_word() -> None:
    rows = _poll_rows("Britons doubt Keir Starmer, according to an Ipsos survey which found that only "
                      "21 per cent think he will win, while 40 per cent of Tory voters think that he "
                      "will lose.")
    assert [(r["pollster"], r["option"], r["value"]) for r in rows] == [
        ("Ipsos", "keir-starmer", 21), ("Ipsos", "keir-starmer", 40)]


def test_an_occasion_dated_just_before_its_venue_dates_the_speakers_words_and_the_lede() -> None:
    thursday = date(2021, 6, 10)
    text = ("Jeremy Corbyn has warned that the fleet is too small.\n\n"
            "Mr Corbyn made the remarks on Tuesday afternoon at a press conference in Leeds.\n\n"
            "He said: “The fleet cannot defend the coast.”")
    got = {t: (a, b) for t, a, b in _said(text, thursday)}
    tuesday = date(2021, 6, 8)
    assert got["The fleet cannot defend the coast."] == (tuesday, tuesday)
    assert got["warned that the fleet is too small"] == (tuesday, tuesday)


def test_a_possessive_date_before_a_venue_sets_no_scene() -> None:
    thursday = date(2021, 6, 10)
    text = ("Mr Corbyn backed the motion passed at last year’s party conference in Leeds.\n\n"
            "He said: “The fleet cannot defend the coast.”")
    got = {t: (a, b) for t, a, b in _said(text, thursday)}
    assert got["The fleet cannot defend the coast."] == (None, thursday)


def test_a_date_in_the_clause_after_the_words_dates_their_content() -> None:
    thursday = date(2021, 6, 10)
    text = ("The minister said there was “clear proof” that the drones had struck the depot in Kent "
            "three days ago.")
    got = {t: (a, b) for t, a, b in _said(text, thursday)}
    assert got["clear proof"] == (None, thursday)


def test_a_date_modifying_an_occasion_of_speaking_still_dates_the_saying() -> None:
    day = date(2021, 6, 10)
    got = _said("In his Tuesday speech, Mr Corbyn said the fleet should stay in port.", day)
    assert [(a, b) for _, a, b in got] == [(date(2021, 6, 8), date(2021, 6, 8))]


def test_a_poll_named_in_the_lede_carries_to_answers_and_toplines_below() -> None:
    rows = _poll_rows("Voters trust Priya Mendes less than her rival on defence, according to a YouGov poll "
                      "for The Times.\n\n"
                      "Only 28 per cent said Mendes would keep the country safe, while 41 per cent said "
                      "Tom Hollis would.\n\n"
                      "The Conservatives are on 30%, Labour on 44%.\n\n"
                      "Fieldwork was carried out on Monday and Tuesday.", date(2021, 6, 10))
    assert [(r["pollster"], r["sponsor"], r["option"], r["value"]) for r in rows] == [
        ("YouGov", "The Times", "priya-mendes", 28), ("YouGov", "The Times", "tom-hollis", 41),
        ("YouGov", "The Times", "conservative-party", 30), ("YouGov", "The Times", "labour-party", 44)]
    fieldwork = {(r["fieldwork_start"], r["fieldwork_end"]) for r in rows}
    assert fieldwork == {(date(2021, 6, 7), date(2021, 6, 8))}


def test_an_occasion_dated_before_its_venue_is_only_its_subjects() -> None:
    thursday = date(2021, 6, 10)
    text = ("A spokesman for Mr Corbyn angered MPs on Tuesday by briefing reporters that he opposed it.\n\n"
            "Mr Corbyn said: “The fleet belongs at home.”")
    got = {t: (a, b) for t, a, b in _said(text, thursday)}
    assert got["The fleet belongs at home."] == (None, thursday)



def test_words_reported_inside_another_speakers_words_are_bounded_not_dated() -> None:
    """The cue dates the outer saying; the words it reports were said before it, day unknown."""
    day = date(2021, 6, 9)   # a Wednesday
    got = _said("Speaking yesterday, Mr Corbyn said Theresa May was insisting the alliance must spend "
                "more on cyber defence.", day)
    dates = {text: (start, end) for text, start, end in got}
    outer = next(t for t in dates if t.startswith("said"))
    inner = next(t for t in dates if t.startswith("insisting"))
    assert dates[outer] == (date(2021, 6, 8), date(2021, 6, 8))
    assert dates[inner] == (None, date(2021, 6, 8))


def test_words_of_a_claim_the_speaker_reacts_to_are_neither_his_nor_dated_by_his_cue() -> None:
    """'agreed with X's warning that … “words”': the warning's words, said before the reaction."""
    from tests.test_statements import extract_new

    day = date(2021, 6, 9)
    text = ("Speaking yesterday, Mr Corbyn said he agreed with Theresa May’s warning that the alliance "
            "faced a “new kind of war”.")
    assert {who for t, _, who in extract_new(text, day) if t == "new kind of war"} == {"unattributed"}
    assert {(start, end) for t, start, end in _said(text, day) if t == "new kind of war"} == {
        (None, date(2021, 6, 8))}

def test_title_case_topline_forms_are_parties_only_right_before_a_share() -> None:
    rows = _poll_rows("A Deltapoll online survey has Con 41% (+1) Lab 33% Green 4% (-1).\n\n"
                      "Con Coughlin wrote about it.")
    assert [(r["option"], r["value"]) for r in rows] == [
        ("conservative-party", 41), ("labour-party", 33), ("green-party", 4)]


def test_a_gold_figure_with_no_pollster_is_right_when_set_aside_as_a_statistic() -> None:
    from scripts.steps import devscore

    gold = [("s", 10, {"pollster": "", "option": "support", "value": 56, "text": "56%"}),
            ("s", 40, {"pollster": "", "option": "oppose", "value": 11, "text": "11%"})]
    statistics = [{"source_id": "s", "start": 10, "end": 13, "value": 56}]
    assert devscore.poll_scores(gold, [], statistics)["poll_right"] == 0.5
    # a gold slug is read case-insensitively: "snp" is the Scottish National Party
    assert devscore._option_ok("snp", {"option": "scottish-national-party", "option_name": "SNP"})
    assert not devscore._option_ok("conservative-party", {"option": "con", "option_name": "Con"})
