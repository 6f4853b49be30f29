"""Guard against words put in Corbyn's mouth on unseen articles: one test per kind of error.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from datetime import date

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
    got = extract_new("Jeremy Corbyn was asked when the party would act and said the vote was close.")
    assert _by(got, "said the vote was close") == {"corbyn"}   # a coordinated verb, not a new subject


def test_a_document_speaks_its_own_words() -> None:
    got = extract_new("Jeremy Corbyn was asked to withdraw from a petition that accused the alliance of "
                      "\u201cwarmongering\u201d in the Baltic.")
    assert _by(got, "warmongering") == {"unattributed"}
    got = extract_new("Jeremy Corbyn praised a blog post which described the budget as \u201creckless\u201d.")
    assert _by(got, "reckless") == {"unattributed"}


def test_a_pronoun_follows_the_main_subject_not_the_subject_of_what_he_reported() -> None:
    got = extract_new("Defence minister Alan Trewin said Jeremy Corbyn was unfit to lead. \u2018It is a "
                      "reckless position for any opposition leader to take,\u2019 he said.")
    assert _by(got, "reckless position") == {"alan-trewin"}


def test_a_name_inside_a_question_frame_is_not_the_antecedent_of_he() -> None:
    got = extract_new("The spokesman said talks were needed. Asked whether Mr Corbyn backed the new "
                      "deployment, he said: \u2018The leader has doubts about it.\u2019")
    assert _by(got, "has doubts") == {"corbyn-spokesman"}


def test_an_object_inside_reported_words_is_not_the_antecedent() -> None:
    got = extract_new("Boris Johnson said the prospect of Mr Corbyn worries allies because he said "
                      "the Labour leader could not be trusted with secrets.")
    assert "corbyn" not in _by(got, "could not be trusted")


def test_a_quotation_naming_its_supposed_speaker_in_the_third_person_is_not_theirs() -> None:
    got = extract_new("Asked about the deployment, Jeremy Corbyn said: \u2018Mr Corbyn has always "
                      "doubted this plan and will say so.\u2019")
    assert _by(got, "has always doubted") == {"unattributed"}
    got = extract_new("Jeremy Corbyn replied: \u2018With respect, Jeremy, you cannot see into my mind.\u2019")
    assert _by(got, "cannot see into my mind") == {"corbyn"}   # a name used to address someone


def test_a_word_quoted_in_a_fronted_subordinate_clause_is_not_the_main_speakers() -> None:
    got = extract_new("When the German chancellor called the summit \u201cpointless\u201d, Jeremy Corbyn "
                      "said she had a point.")
    assert "corbyn" not in _by(got, "pointless")


def test_signing_a_document_is_an_act_not_a_statement() -> None:
    got = extract_new("Jeremy Corbyn refused to remove his signature from the open letter on Sunday.")
    assert not _by(got, "remove his signature")


def test_a_register_title_inside_a_longer_title_is_not_that_role() -> None:
    from scripts.registers import actors
    from tests.test_statements import FULL, article
    a = article("The Shadow Foreign Secretary said the evidence was clear.", date(2018, 3, 15))
    lexicon = FULL.extended(actors.provisional(a.text, FULL))
    roles = [m.text for m in lexicon.mentions(a.text, 0, len(a.text)) if m.kind == "role"]
    assert "Foreign Secretary" not in roles
    got = extract_new("The Shadow Foreign Secretary said the evidence was clear.", date(2018, 3, 15))
    assert "boris-johnson" not in _by(got, "the evidence was clear")


def test_it_after_an_unnamed_document_is_the_document() -> None:
    got = extract_new("Jeremy Corbyn signed the appeal. The declaration said the Baltic states should "
                      "disarm. It added: \u201cWe reject the idea that Nato keeps the peace.\u201d")
    assert _by(got, "We reject the idea") == {"unattributed"}


def _kinds(lines: list[str]) -> list[str]:
    from scripts.annotate.paragraphs import classify
    from tests.test_statements import article
    return [p.kind for p in classify(article("\n\n".join(lines)))][1:]   # (after the test headline)


def test_a_headline_shaped_link_line_in_mid_body_is_not_article_text() -> None:
    kinds = _kinds([
        "Defence minister hits out at opposition over fleet cuts",            # standfirst: text
        "The defence minister criticised the opposition's plans on Monday.",
        "Admiral Hale slams Jeremy Corbyn and says the fleet must 'grow again'",   # link line
        "Admiral Hale: 'Fleet cuts are reckless'",                              # link line
        "A Labour source said: \u201cThere will be questions that the leader should",  # a cut-off excerpt
    ])
    assert kinds[2:4] == ["related", "related"]
    assert kinds[0] != "related" and kinds[4] != "related"


def test_a_main_clause_date_only_bounds_a_statement_in_an_after_clause() -> None:
    from scripts.annotate import paragraphs
    from scripts.registers import actors
    from scripts.steps import statements
    from tests.test_statements import FULL, article
    a = article("Jeremy Corbyn was branded reckless today after he refused to say he would defend "
                "Latvia.", date(2016, 8, 19))
    lexicon = FULL.extended(actors.provisional(a.text, FULL))
    got = [s for s in statements.extract(a, paragraphs.classify(a), lexicon)
           if a.text[s.start:s.end].startswith("refused to say")]
    assert got and all(s.said.start is None and s.said.end == date(2016, 8, 19) for s in got)


def test_a_comparison_with_someone_elses_action_ends_the_reported_clause() -> None:
    got = extract_new("However, Jeremy Corbyn stopped short of blaming Moscow, as his deputy and his "
                      "chief whip have both done.")
    assert [t for t, _, who in got if who == "corbyn"] == ["stopped short of blaming Moscow"]


def test_a_clause_opened_by_as_and_a_capitalised_name_has_its_own_subject() -> None:
    """', as May announced …': the clause speaks for its own subject (May, the name, not the modal
    'may'); when the register does not resolve it, its words are unattributed, never the main subject's."""
    got = extract_new("Jeremy Corbyn faced ridicule in the Commons by refusing to blame Russia, as May "
                      "announced a series of retaliatory measures.")
    assert _by(got, "announced a series of retaliatory measures") != {"corbyn"}
    assert "refusing to blame Russia" in [t for t, _, _ in got]


def test_an_aspectual_continue_reports_nothing_and_a_glued_sentence_ends_the_words() -> None:
    """'while he continues to associate with …' is no statement; in copy that lost the space between
    sentences ('… dissolved.The interview …') the next sentence is not part of the reported words."""
    def spans(text: str) -> list[tuple[str, str]]:
        return [(t, who) for t, _, who in extract_new(text)]

    assert spans("Jeremy Corbyn will not get the whip back while he continues to associate with them.") == []
    assert spans("Jeremy Corbyn continued: “We need peace.”") == [("We need peace.", "corbyn")]
    assert spans("Jeremy Corbyn has told a radio station that the alliance should be dissolved.The interview "
                 "comes after a rival made it clear that he would not return.") == [
        ("told a radio station that the alliance should be dissolved", "corbyn")]
