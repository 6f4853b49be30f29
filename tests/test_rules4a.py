"""Issue 10, round 4 (attribution): general rules for the kinds of error seen on the blind split.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from datetime import date

from tests.test_statements import extract_new


def test_a_name_before_a_dash_apposition_is_the_subject_not_a_name_inside_it() -> None:
    got = extract_new("Veteran MP Alan Hollis – a frequent Corbyn critic – said the leader’s speech had "
                      "“muddied the waters”.\n\n“We must stand with our allies,” he added.")
    assert [s for _, _, s in got] == ["alan-hollis", "alan-hollis"]
    got = extract_new("Senior MP Alan Hollis - no friend of Mr Corbyn - argued that the plan was “reckless”.")
    assert [s for _, _, s in got] == ["alan-hollis"]


def test_a_phrase_inside_a_claim_taken_up_from_someone_else_is_not_the_subjects() -> None:
    got = extract_new("Mr Corbyn has published a blog which repeats the earlier claim that the security "
                      "services’ advice had been “unreliable”.")
    assert got == [("unreliable", "fragment", "unattributed")]
    got = extract_new("Mr Corbyn echoed the aide’s line that the evidence was “far from clear”.")
    assert got == [("far from clear", "fragment", "unattributed")]


def test_a_document_phrase_means_the_registered_document_of_its_year_and_body() -> None:
    text = ("Nine MPs signed a letter criticising the alliance’s “reckless expansion”, organised by Stop "
            "the War.\n\nThe letter accused ministers of “warmongering”.")
    got = extract_new(text, date(2022, 3, 1))
    assert [s for _, _, s in got] == ["stop-the-war-letter-2022", "stop-the-war-letter-2022"]
    # another year's letter, or no mention of the body it speaks for: nobody's, never the signatories'
    assert {s for _, _, s in extract_new(text, date(2017, 3, 1))} <= {"unattributed"}
    other = text.replace("Stop the War", "a peace group")
    assert {s for _, _, s in extract_new(other, date(2022, 3, 1))} <= {"unattributed"}
