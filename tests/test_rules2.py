"""Issue 10, round 2: general rules for the kinds of error seen on the development set.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from datetime import date

from scripts.annotate.paragraphs import classify
from scripts.registers import actors
from scripts.steps import polls
from tests.test_polls import ALIASES
from tests.test_polls import article as poll_article
from tests.test_statements import FULL, article, extract_new, said_dates


def test_a_sentence_opener_is_not_part_of_a_provisional_name() -> None:
    text = ("Defence minister Harriet Okafor spoke at the conference. Earlier Okafor told the radio "
            "programme that the fleet was ready. Separately Okafor said the budget would rise.")
    new = actors.provisional(article(text).text, FULL)
    assert "harriet-okafor" in new and not any(i.startswith(("earlier", "separately")) for i in new)
    assert {s for _, _, s in extract_new(text)} == {"harriet-okafor"}


def _poll_rows(body: str) -> list[dict]:
    a = poll_article(body, date(2024, 5, 2), "Poll headline")
    rows, _ = polls.extract(a, classify(a), ALIASES)
    return rows


def test_a_pollster_keeps_its_printed_full_name_throughout_an_article() -> None:
    rows = _poll_rows("Survation Polling asked 1,000 adults about defence. Labour is on 41%.\n\n"
                      "Survation found the Conservatives on 30%.")
    assert {r["pollster"] for r in rows} == {"Survation Polling"}


def test_answer_options_come_from_the_clause_and_net_ratings_are_signed_points() -> None:
    rows = _poll_rows("A new poll by Deltapoll asked voters about the Chancellor, Maria Quinn.\n\n"
                      "  • Only 22% are satisfied with her budget, and 51% are dissatisfied, giving her a "
                      "net satisfaction rating of -29.\n"
                      "  • Her deputy, Tom Avery, has a +4% net rating on the economy.\n"
                      "  • Asked whether aid should continue, (57%) agreed that it should.")
    got = {(r["text"], r["measure"], r["option"], r["value"], r["unit"]) for r in rows}
    assert ("22%", "share", "satisfied", 22, "percent") in got
    assert ("51%", "share", "dissatisfied", 51, "percent") in got
    assert ("-29", "net", "maria-quinn", -29, "points") in got
    assert ("+4%", "net", "tom-avery", 4, "points") in got
    assert ("57%", "share", "agree", 57, "percent") in got


_said = said_dates


def test_a_date_on_a_document_named_in_the_sentence_does_not_date_the_saying() -> None:
    day = date(2021, 6, 9)   # a Wednesday
    got = _said("Asked about the audit published on Monday, which criticised the navy, Mr Corbyn said: "
                "“Nato needs a new direction.”", day)
    assert got == [("Nato needs a new direction.", None, day)]
    got = _said("Discussing yesterday's report on the fleet, Mr Corbyn said: “Nato needs a new direction.”",
                day)
    assert got == [("Nato needs a new direction.", None, day)]
    # the words themselves dated: the statement issued on Monday is when they were said
    got = _said("In a statement issued on Monday, Mr Corbyn said: “Nato needs a new direction.”", day)
    assert got == [("Nato needs a new direction.", date(2021, 6, 7), date(2021, 6, 7))]
    # an auxiliary makes the participle the main verb: "was published on Monday" is not a noun's date
    got = _said("Mr Corbyn said on Monday that Nato needed a new direction.", day)
    assert got[0][1:] == (date(2021, 6, 7), date(2021, 6, 7))


def test_a_passive_reporting_verb_with_an_agent_gives_the_agent_as_speaker() -> None:
    got = extract_new("His plan was criticised as reckless by Michael Fallon during a visit to the base.")
    assert [(k, s) for t, k, s in got if t.startswith("criticised as reckless")] == \
        [("indirect", "michael-fallon")]
    got = extract_new("The leader was called out by Labour MPs for his silence on the attack.")
    assert [s for t, _, s in got if t.startswith("called out")] == ["labour-mps"]
    # no agent, or "by" inside another clause: no statement, never the passive subject
    assert not [t for t, _, _ in extract_new("Mr Corbyn was criticised for his silence on the attack.")]
    got = extract_new("Mr Corbyn was asked whether he stood by the remarks he made in 2014.")
    assert all(s != "corbyn" or not t.startswith("asked") or "stood by" in t for t, _, s in got)


def test_a_credit_line_under_a_pull_quote_is_not_a_subject_for_pronouns() -> None:
    text = ("The Labour leader was pressed on whether he would send troops.\n\n"
            "“Weakness invites aggression”\n\n"
            "Former defence minister Harriet Okafor\n\n"
            "He replied that he would seek talks with Moscow first.\n\n"
            "Harriet Okafor told the BBC the answer was weak.")
    got = extract_new(text)
    assert [s for t, _, s in got if t.startswith("replied")] == ["corbyn"]


def test_a_pronoun_prefers_the_main_subject_over_one_in_a_subordinate_clause() -> None:
    text = ("Ms Harriet Okafor said the committee would back Theresa May when she says the threat is "
            "real.\n\n"
            "She told the BBC that the party was united on Nato.")
    got = extract_new(text)
    assert [s for t, _, s in got if t.startswith("told the BBC")] == ["harriet-okafor"]


def test_a_refusal_to_act_is_not_a_statement_but_a_refusal_to_say_is() -> None:
    got = extract_new("Mr Corbyn refused to let the rebel MPs return to the front bench.")
    assert not [t for t, _, _ in got if t.startswith("refused")]
    got = extract_new("Mr Corbyn refused to say whether the rebel MPs would return to the front bench.")
    assert [s for t, _, s in got if "say whether" in t] == ["corbyn"]


def test_the_speaker_is_the_subject_of_the_reporting_verb_not_of_a_later_clause() -> None:
    got = extract_new("Michael Fallon questioned Jeremy Corbyn’s judgement after he refused to say whether "
                      "Britain would defend its allies.")
    speakers = (next(s for t, _, s in got if t.startswith("questioned")),
                next(s for t, _, s in got if "say whether" in t))
    assert speakers == ("michael-fallon", "corbyn")
    assert next(t for t, _, _ in got if t.startswith("questioned")).endswith("judgement")


def test_pull_quotes_and_quoted_headings_are_page_layout_not_statements() -> None:
    text = ("Mr Corbyn told the rally that “talks must come before tanks” and that peace was possible.\n\n"
            "“Talks must come before tanks”\n\n"
            "‘A turning point’\n\n"
            "He added: “We will keep arguing for peace.”")
    got = extract_new(text)
    assert [t for t, _, _ in got if t.casefold().startswith("talks must")] == ["talks must come before tanks"]
    assert not [t for t, _, _ in got if "turning point" in t]
    assert ("We will keep arguing for peace.", "direct", "corbyn") in got


def test_a_name_whose_clause_reports_by_saying_is_a_provisional_speaker() -> None:
    text = ("The chancellor, Harriet Okafor, contradicted her colleagues by saying: “We will raise defence "
            "spending.”\n\nShe added: “Nato must be ready.”")
    assert "harriet-okafor" in actors.provisional(article(text).text, FULL)
    assert {s for _, _, s in extract_new(text)} == {"harriet-okafor"}


def test_a_lead_stated_with_the_verb_is_a_lead() -> None:
    rows = _poll_rows("A new Survation poll for the paper was published.\n\n"
                      "Labour lead by 9 points, with 40% saying they would vote Labour.")
    assert ("9 points", "lead", "labour-party", 9) in {(r["text"], r["measure"], r["option"], r["value"])
                                                      for r in rows}


def test_a_word_quoted_in_a_question_put_to_him_is_not_his() -> None:
    got = extract_new("Mr Corbyn sidestepped questions on whether he was \"naive\" about the Kremlin and "
                      "talked about diplomacy instead.")
    assert ("naive", "fragment", "unattributed") in got
    assert not any(s == "corbyn" and "naive" in t for t, _, s in got)
    # a fragment he is reported to have used stays his
    got = extract_new("Mr Corbyn said the sanctions were \"a start\" but not enough.")
    assert any(t == "a start" and s == "corbyn" for t, _, s in got)


def test_a_reporting_verb_used_as_a_plural_noun_says_nothing_for_the_subject() -> None:
    got = extract_new("The Labour leader ignored demands from senior backbenchers to apologise for the "
                      "remarks about the alliance.")
    assert not any(s == "corbyn" for _, _, s in got)
    got = extract_new("Mr Corbyn demands that the government publish the intelligence it holds.")
    assert any(s == "corbyn" and t.startswith("demands that") for t, _, s in got)
