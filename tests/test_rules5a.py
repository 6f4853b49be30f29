"""Issue 10, round 5 (attribution): general rules for the kinds of error the second audit found.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from tests.test_statements import extract_new


def test_a_bare_participle_passive_is_not_the_noun_speaking() -> None:
    got = extract_new("Opposition leader accused of “reckless weakness” over defence cuts.")
    assert {s for _, _, s in got} <= {"unattributed"}
    got = extract_new("Ms Hale spoke to a radio station accused of having close ties to the regime in Minsk.")
    assert all(s != "hale" and "accused" not in t for t, _, s in got)
    got = extract_new("Mr Corbyn criticised for “naive” remarks on the alliance.")
    assert {s for _, _, s in got} <= {"unattributed"}


def test_an_active_object_verb_keeps_its_subject() -> None:
    got = extract_new("Jeremy Corbyn accused ministers of “sleepwalking” into a new arms race.")
    assert [s for _, _, s in got] == ["corbyn"]
    got = extract_new("Mr Corbyn attacked what he described as “a reckless escalation” by the alliance.")
    assert [s for _, _, s in got] == ["corbyn"]


def test_a_surname_with_an_inner_capital_is_one_name() -> None:
    got = extract_new("Labour MP Hugh McAlister said the plan was “a serious mistake”.")
    assert [s for _, _, s in got] == ["hugh-mcalister"]
    got = extract_new("Senator Ann FitzHarris told the committee the treaty was “obsolete”.")
    assert [s for _, _, s in got] == ["ann-fitzharris"]


def test_a_name_modifying_a_role_noun_is_not_that_person() -> None:
    got = extract_new("Defence spokeswoman ‘angry’ after Corbyn aide questions the review.")
    assert "corbyn" not in {s for _, _, s in got}
    got = extract_new("Corbyn allies said the vote was “a stitch-up”.")
    assert "corbyn" not in {s for _, _, s in got}


def test_a_reporting_verb_inside_a_hyphenated_compound_is_not_a_verb() -> None:
    got = extract_new("Mr Corbyn appeared on a state-backed channel last week.")
    assert got == []
    got = extract_new("Jeremy Corbyn spoke on a Moscow-funded station which critics say spreads lies.")
    assert "corbyn" not in {s for _, _, s in got}
