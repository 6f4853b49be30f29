"""Issue 10, round 3: general rules for the kinds of error seen on check and holdout.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from scripts.annotate.paragraphs import classify
from scripts.steps import evaluate
from scripts.steps.evaluate import Span
from tests.test_statements import article, extract_new


def test_unmatched_statements_given_to_corbyn_are_counted() -> None:
    gold = [Span("s", 0, 10, "direct", "corbyn", ("", "")), Span("t", 0, 10, "direct", "x", ("", ""))]
    pred = [Span("s", 5, 12, "direct", "corbyn", ("", "")),      # overlaps a gold statement: matched kind
            Span("s", 20, 30, "indirect", "corbyn", ("", "")),   # no gold statement here
            Span("t", 40, 50, "indirect", "someone", ("", ""))]
    assert evaluate.unmatched_corbyn(gold, pred) == [pred[1]]
    assert evaluate.quality(gold, pred, frozenset())["corbyn_unmatched"] == 1


def test_a_standfirst_under_the_headline_is_not_body_text() -> None:
    a = article("Party leader says the alliance should pull its troops back from the frontier at once\n\n"
                "Mr Corbyn said on the radio that the alliance should pull back.")
    kinds = [p.kind for p in classify(a)]
    assert kinds == ["headline", "subheading", "body"]
    got = extract_new("Party leader says the alliance should pull its troops back from the frontier at once\n\n"
                      "Mr Corbyn said on the radio that the alliance should pull back.")
    assert [t for t, _, _ in got] == ["said on the radio that the alliance should pull back"]
