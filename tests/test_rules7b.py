"""Round 7b: said-dates of ledes and looked-back occasions, carried days, recall of indirect statements.
Every sentence here is written for the test, not copied from an article.
"""
from __future__ import annotations

from datetime import date

from scripts.annotate import paragraphs
from scripts.steps import statements
from tests.test_statements import FULL, article, said_dates

_said = said_dates


def test_a_lede_before_an_occasion_the_story_looks_back_to_is_only_bounded_by_it() -> None:
    day = date(2021, 5, 14)   # a Friday
    got = _said("Jeremy Corbyn upset his backbenchers by declining to say whether he backs the drills.\n\n"
                "It followed an interview Mr Corbyn gave on Tuesday in which he called the drills “rash”.",
                day)
    lede = next(g for g in got if g[0].startswith("declining"))
    assert lede[1:] == (date(2021, 5, 11), day)          # after Tuesday, never on it
    assert ("rash", date(2021, 5, 11), date(2021, 5, 11)) in got
    got = _said("Jeremy Corbyn upset his backbenchers by declining to say whether he backs the drills.\n\n"
                "The row came after a speech Mr Corbyn gave in Leeds on Tuesday.", day)
    assert got[0][1:] == (date(2021, 5, 11), day)
    # the same occasion, not looked back to, still dates the lede
    got = _said("Jeremy Corbyn upset his backbenchers by declining to say whether he backs the drills.\n\n"
                "In an interview on Tuesday, Mr Corbyn called the drills “reckless”.", day)
    assert got[0][1:] == (date(2021, 5, 11), date(2021, 5, 11))


def test_a_paragraph_printed_twice_with_full_sentences_is_article_text_not_a_caption() -> None:
    day = date(2021, 5, 14)   # a Friday
    lede = ("Nato should halt its drills near the border because they only raise the danger of a clash, "
            "Jeremy Corbyn said in a radio interview on Wednesday. He also urged ministers to reopen talks.")
    text = (f"{lede}\n\n{lede}\n\nJeremy Corbyn on a march. Photo: PA\n\nJeremy Corbyn on a march. "
            "Photo: PA\n\n“The drills are a provocation,” he said.")
    kinds = [p.kind for p in paragraphs.classify(article(text, day))]
    assert kinds[1:3] == ["body", "body"] and kinds[3:5] == ["caption", "caption"]
    got = _said(text, day)
    wed = (date(2021, 5, 12), date(2021, 5, 12))
    assert got.count(("Nato should halt its drills near the border because they only raise the danger of a "
                      "clash", *wed)) == 2
    assert ("The drills are a provocation,", *wed) in got   # the day given once carries to his words


def test_a_clause_reported_before_its_speaker_is_the_statement() -> None:
    day = date(2021, 5, 14)
    got = _said("The alliance must cut its spending on new bases, the Labour leader Jeremy Corbyn said on "
                "Monday.", day)
    assert got == [("The alliance must cut its spending on new bases", date(2021, 5, 10), date(2021, 5, 10))]
    # an opening adjunct is no clause of its own: nothing was said before the speaker
    got = _said("In a long interview on Monday about the bases, Jeremy Corbyn spoke at length.", day)
    assert all(not g[0].startswith("In a long") for g in got)


def test_a_paraphrase_leads_into_the_scene_of_the_next_sentence_of_its_paragraph() -> None:
    day = date(2021, 5, 14)
    got = _said("Jeremy Corbyn spoke to the press about the fleet.\n\n"
                "The bases were discussed at length.\n\n"
                "Ministers were not present.\n\n"
                "Mr Corbyn also refused to back a single naval deployment. After a speech to cadets at "
                "King’s College yesterday, Mr Corbyn was asked about the fleet and said: “It is too big.”",
                day)
    yesterday = (date(2021, 5, 13), date(2021, 5, 13))
    assert ("refused to back a single naval deployment", *yesterday) in got
    # "After a speech …, he was asked": what followed at that occasion, not a looked-back one
    assert ("It is too big.", *yesterday) in got


def _said_by(text: str, day: date = date(2017, 6, 1)) -> list[tuple[str, str, str]]:
    a = article(text, day)
    return [(a.text[s.start:s.end], s.kind, "/".join(s.speakers))
            for s in statements.extract(a, paragraphs.classify(a), FULL)]


def test_indirect_statements_of_proposal_repetition_and_exhortation() -> None:
    got = _said_by("Mr Corbyn proposed inviting the regional bodies to mediate between the two sides.")
    assert ("proposed inviting the regional bodies to mediate between the two sides", "indirect",
            "corbyn") in got
    got = _said_by("Mr Corbyn repeated his view that the fleet should be scrapped within a decade.")
    assert ("repeated his view that the fleet should be scrapped within a decade", "indirect",
            "corbyn") in got
    got = _said_by("Labour MPs exhorted the minister to send more aid to the refugees.")
    assert ("exhorted the minister to send more aid to the refugees", "indirect", "labour-mps") in got
    # the adjectives are no statements
    assert _said_by("The Labour leader faced repeated questions about the fleet at a tense meeting.") == []
    assert _said_by("The proposed deal was rejected by ministers last week.") == []
    assert _said_by("As expected, the survey supported the idea that the seat is a two-horse race.") == []


def test_a_passive_with_his_own_mps_as_agent_is_their_statement() -> None:
    got = _said_by("The vote was won easily as Mr Corbyn was fiercely condemned by his own MPs for opposing "
                   "the new submarines.")
    assert ("condemned by his own MPs for opposing the new submarines", "indirect", "labour-mps") in got
    assert all(g[2] != "corbyn" for g in got)


def test_a_participle_clause_with_a_quotation_ends_the_clause_before_it() -> None:
    got = _said_by("In a radio interview, Mr Corbyn also confirmed he is a trade union member, saying: ‘I "
                   "joined at nineteen.’")
    assert ("confirmed he is a trade union member", "indirect", "corbyn") in got
    assert ("I joined at nineteen.", "direct", "corbyn") in got


def test_a_fronted_phrase_ending_in_a_name_is_no_apposition_of_the_subject() -> None:
    got = _said_by("Pressed on his plans for the defence of the country, a founding member of Nato, "
                   "Mr Corbyn chose to stand firm, criticising the alliance as a relic of another age.")
    assert ("criticising the alliance as a relic of another age", "indirect", "corbyn") in got


def test_a_clause_of_a_founding_treaty_speaks_for_its_organisation() -> None:
    got = _said_by("Article 5 of the Nato Treaty sets out that an attack on one ally is an attack on every "
                   "ally.")
    assert got == [("sets out that an attack on one ally is an attack on every ally", "indirect", "nato")]


def test_a_party_name_before_a_role_and_a_person_modifies_the_person() -> None:
    got = _said_by("Pressed on the fleet, Labour backbencher Jeremy Corbyn stood firm, criticising the "
                   "plan as a waste of money.", date(2014, 3, 2))
    assert ("criticising the plan as a waste of money", "indirect", "corbyn") in got


def test_a_dateline_of_the_publication_day_does_not_stop_the_news_of_the_day() -> None:
    day = date(2021, 5, 12)
    got = _said("date 2021-05-12 Jeremy Corbyn was heckled by MPs after Theresa May told the Commons that "
                "the fleet would sail.\n\n"
                "Mr Corbyn instead called for talks with the Kremlin.", day)
    assert ("called for talks with the Kremlin", day, day) in got
    # a day inside a wider publication window is still a date of its own: no news-of-the-day window then
    got = _said("On Monday Jeremy Corbyn was heckled by MPs after Theresa May told the Commons that the "
                "fleet would sail.\n\n"
                "Mr Corbyn instead called for talks with the Kremlin.", date(2021, 5, 10), date(2021, 5, 14))
    assert ("called for talks with the Kremlin", None, date(2021, 5, 14)) in got


def test_the_news_of_the_day_is_not_a_day_when_the_article_dates_that_occasion_back_earlier() -> None:
    day = date(2021, 5, 12)   # a Wednesday
    story = ("Jeremy Corbyn has angered veterans after he claimed in an interview that the drills should "
             "stop."
             "\n\nSpeaking to a radio station {when}, the former Labour Party Leader urged ministers to halt "
             "them.\n\n“The drills only raise the danger,” he said.")
    # "earlier this week" (Monday to Wednesday) may be before publication: no day is invented
    got = _said(story.format(when="earlier this week"), day)
    assert [g[1] for g in got if g[0].startswith(("claimed", "The drills"))] == [None, None]
    # without it, the interview is the day's news (GUIDELINES 2)
    got = _said(story.format(when="for an hour"), day)
    assert [g[1] for g in got if g[0].startswith(("claimed", "The drills"))] == [day, day]
    # another named person's occasion earlier in the week does not move this one
    got = _said("Earlier this week Theresa May warned of the threat from the drills.\n\n"
                "Jeremy Corbyn's spokesman told reporters: “The drills only raise the danger.”", day)
    assert ("The drills only raise the danger.", day, day) in got


def test_a_clause_before_the_speaker_is_not_the_statement_when_the_verb_has_its_own_complement() -> None:
    day = date(2021, 5, 12)
    got = _said("Jeremy Corbyn has stirred fury, dismay and alarm among veterans after he claimed in an "
                "interview that the drills should stop.", day)
    texts = [g[0] for g in got]
    assert not any(t.startswith("Jeremy Corbyn has stirred fury") for t in texts)
    assert any("the drills should stop" in t for t in texts)
