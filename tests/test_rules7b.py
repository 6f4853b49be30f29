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
