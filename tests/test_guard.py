"""Guard against words put in Corbyn's mouth on unseen articles: one test per kind of error.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from tests.test_statements import extract_new


def _by(got: list[tuple[str, str, str]], words: str) -> set[str]:
    return {who for text, _, who in got if words in text}


def test_a_refusal_to_say_keeps_the_refusal_in_the_span() -> None:
    got = extract_new("Jeremy Corbyn refused to say he would send troops to defend Latvia.")
    texts = [t for t, _, _ in got]
    assert "refused to say he would send troops to defend Latvia" in texts
    assert not any(t.startswith("say he would") for t in texts)   # the bare claim reverses the meaning


def test_a_relative_clause_speaks_for_its_antecedent_not_the_main_subject() -> None:
    got = extract_new("Jeremy Corbyn says talks are needed but goes less far than his deputy chief whip "
                      "who said Moscow had ordered the strike.")
    assert _by(got, "said Moscow had ordered") == {"unattributed"}


def test_a_subordinate_clause_with_its_own_subject_is_not_the_main_subjects_words() -> None:
    got = extract_new("Jeremy Corbyn angered MPs again after his press officer said the inquiry was "
                      "premature.")
    assert _by(got, "said the inquiry was premature") == {"unattributed"}
    got = extract_new("As well as criticising the alliance in the past, Jeremy Corbyn also questioned the "
                      "budget.")
    assert _by(got, "criticising the alliance") == {"corbyn"}   # a participle has no subject of its own


def test_a_document_speaks_its_own_words() -> None:
    got = extract_new("Jeremy Corbyn was asked to withdraw from a petition that accused the alliance of "
                      "\u201cwarmongering\u201d in the Baltic.")
    assert _by(got, "warmongering") == {"unattributed"}
    got = extract_new("Jeremy Corbyn praised a blog post which described the budget as \u201creckless\u201d.")
    assert _by(got, "reckless") == {"unattributed"}
