"""Round 7b: said-dates of ledes and looked-back occasions, carried days, recall of indirect statements.
Every sentence here is written for the test, not copied from an article.
"""
from __future__ import annotations

from datetime import date

from scripts.annotate import paragraphs
from scripts.steps import statements
from tests.test_statements import FULL, article


def _said(text: str, day: date, end: date | None = None) -> list[tuple[str, date | None, date | None]]:
    a = article(text, day, end)
    return [(a.text[s.start:s.end], s.said.start, s.said.end)
            for s in statements.extract(a, paragraphs.classify(a), FULL)]


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
