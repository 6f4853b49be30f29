"""Round 7 (poll figures): general rules for a figure's option and for poll sentences.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from tests.test_polls import run
from tests.test_statements import extract_new

OPENING = "A new Ipsos poll for the Daily Bugle was published on Sunday.\n\n"


def _options(text: str) -> list[tuple[str, str, float]]:
    found, _ = run(OPENING + text)
    return [(r["text"], r["option"], r["value"]) for r in found]


def test_what_respondents_pick_is_the_option_even_a_country() -> None:
    got = _options("A fifth (20%) of respondents identify Ruritania as the main danger, with 40% selecting "
                   "Ruritania, 37% Freedonia and 35% Graustark.\n")
    assert got == [("20%", "ruritania", 20), ("40%", "ruritania", 40), ("37%", "freedonia", 37),
                   ("35%", "graustark", 35)]


def test_an_adverb_between_the_people_asked_and_their_answer() -> None:
    got = _options("Oddly, 30% of Britons also identify Freedonia as a danger to peace.\n")
    assert got == [("30%", "freedonia", 30)]


def test_the_people_asked_are_never_the_option() -> None:
    got = _options("Over a third of Britons think Mr. Farquhar is a risk to the economy and to jobs "
                   "(36% and 38% respectively).\n\n"
                   "Labour voters (31%) were the most doubtful.\n")
    assert ("36%", "farquhar", 36) in got and ("38%", "farquhar", 38) in got
    assert ("31%", "", 31) in got   # a subgroup asked: its answer is not told here
    assert all(option not in {"britons", "labour-party"} for _, option, _ in got)


def test_a_titled_name_after_a_respondent_verb_is_the_option() -> None:
    got = _options("Some 42% of the voting public say Mr Farquhar is a risk to their jobs.\n")
    assert got == [("42%", "farquhar", 42)]


def test_a_share_with_the_noun_support_belongs_to_the_one_named_before() -> None:
    got = _options("The Ipsos poll had the Green candidate Ann Brook with 43 per cent support, and Mr "
                   "Farquhar on 29 per cent.\n")
    assert got == [("43 per cent", "ann-brook", 43), ("29 per cent", "farquhar", 29)]
    got = _options("Voters liked the plan, with 56% of respondents backing the move.\n")
    assert [o for _, o, _ in got] == ["support"]   # the verb, after the people asked


def test_net_ratings_in_a_bracketed_pair_and_in_a_change() -> None:
    got = _options("A similar share of the public view Ann Brook unfavourably (42%), but her net "
                   "favourability score is higher than Mr. Farquhar's (-7 v -18).\n\n"
                   "Ann Brook's net approval rating in the poll has risen from -11% last month to -9% now.\n")
    assert ("-7", "ann-brook", -7) in got and ("-18", "farquhar", -18) in got
    assert ("-11", "ann-brook", -11) in got and ("-9", "ann-brook", -9) in got
    found, _ = run(OPENING + "Ann Brook's net approval rating in the poll has risen from -11% last month "
                   "to -9% now.\n")
    earlier = next(r for r in found if r["value"] == -11)
    assert "earlier wave" in earlier["note"] and earlier["fieldwork_start"] is None


def test_what_the_people_asked_say_is_no_ones_statement() -> None:
    got = extract_new("Nearly twice as many Britons say they distrust Jeremy Corbyn as say they trust him "
                      "(22% v 40%), a Delphi Research poll found.")
    assert not [t for t, _, _ in got if "trust him" in t]   # an answer in a poll, not a statement
    assert "corbyn" not in {s for _, _, s in got}


def test_a_pollster_named_by_its_handle_and_a_lead_from_one_wave_to_the_next() -> None:
    got, _ = run("Update\n\nThe Tory lead has fallen from 9 to 5 points, @ipsosmori finds, with 57% of "
                 "voters backing the plan.\n", headline="Update")
    rows = [(r["text"], r["pollster"], r["option"], r["value"], r["measure"]) for r in got]
    assert rows == [("9", "Ipsos MORI", "conservative-party", 9, "lead"),
                    ("5", "Ipsos MORI", "conservative-party", 5, "lead"),
                    ("57%", "Ipsos MORI", "support", 57, "share")]
    assert "earlier wave" in got[0]["note"] and "earlier wave" not in got[1]["note"]
    got, _ = run(OPENING + "Now, Ann Brook's lead over Tom Farquhar on who would make the better mayor has "
                 "risen slightly from 6 points to 8 points.\n")
    assert [(r["value"], r["option"], r["versus"]) for r in got] == [(6, "ann-brook", "tom-farquhar"),
                                                                     (8, "ann-brook", "tom-farquhar")]
    got, _ = run("Update\n\nThe lead has grown, says @TSEofPB, from 9 to 12 points.\n", headline="Update")
    assert got == []   # a handle that is no pollster names no poll


def test_what_respondents_think_is_being_done_is_the_answer() -> None:
    got = _options("On aid to Ruritania, 45% think that they are giving the right amount of support, with "
                   "18% believing that they are giving too much support.\n")
    assert got == [("45%", "the-right-amount-of-support", 45), ("18%", "too-much-support", 18)]


def test_a_pollster_missing_from_the_register_is_named_in_full() -> None:
    for sentence, firm in (("A Delphi Research poll found 40% of voters back Ann Brook.", "Delphi Research"),
                           ("A poll by Redfield & Wilton Strategies found 40% of voters back Ann Brook.",
                            "Redfield & Wilton Strategies"),
                           ("The polling firm Hanbury Strategy found 40% of voters back Ann Brook.",
                            "Hanbury Strategy"),
                           ("A new poll, carried out by Delphi Research for the Daily Bugle, found 40% of "
                            "voters back Ann Brook.", "Delphi Research")):
        got, _ = run(sentence + "\n")
        assert [(r["pollster"], r["option"], r["value"]) for r in got] == [(firm, "ann-brook", 40)], sentence
    got, stats = run("Yesterday's poll found 40% of voters back Ann Brook.\n")
    assert got == [] and [r["value"] for r in stats] == [40]   # no poll named: a statistic, no pollster


def test_the_pc_form_of_a_share_and_a_survey_with_a_firm() -> None:
    assert _options("Some 40pc of voters back Ann Brook, the survey found.\n") == [("40pc", "ann-brook", 40)]
    got, _ = run("We have undertaken a survey with Delphi Research, and 31% of voters back Ann Brook.\n")
    assert [(r["pollster"], r["value"]) for r in got] == [("Delphi Research", 31)]


def test_a_gap_in_points_higher_or_lower_than_another_share() -> None:
    got, _ = run(OPENING + "Over a third of Britons think Mr. Farquhar is a risk to jobs (35%); 10 "
                 "percentage points higher than the share who say the same of Ann Brook.\n")
    gap = next(r for r in got if r["measure"] == "lead")
    assert (gap["value"], gap["option"]) == (10, "farquhar")
    got, _ = run(OPENING + "Some 25% of Britons think Mr. Farquhar is a risk to jobs, 10 points lower than "
                 "the share who think so of Ann Brook.\n")
    gap = next(r for r in got if r["measure"] == "lead")
    # behind: the one ahead is not named
    assert (gap["value"], gap["option"], gap["versus"]) == (10, "", "farquhar")


def test_a_signed_favourability_without_the_word_net_is_a_net_rating() -> None:
    got = _options("Mr Farquhar had a net favourability rating of +21.6, compared to Ann Brook whose "
                   "favourability sat on just +0.3.\n")
    assert got == [("+21.6", "farquhar", 21.6), ("+0.3", "ann-brook", 0.3)]
