"""Issue 10, round 4 (dates and polls): general rules for the kinds of error seen on the blind split.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from datetime import date

from scripts.annotate import temporal
from tests.test_rules2 import _said


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
