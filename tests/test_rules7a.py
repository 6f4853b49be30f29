"""Round 7 (attribution): general rules for who said it.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from tests.test_statements import extract_new


def test_a_phrase_quoted_inside_a_charge_is_the_critics_not_the_one_answering() -> None:
    got = extract_new("Jeremy Corbyn said his position was clear, replying to accusations that he had "
                      "“betrayed” the alliance.")
    assert ("betrayed", "fragment", "unattributed") in got
    assert "corbyn" not in {s for t, _, s in got if t == "betrayed"}
    got = extract_new("Tony Blair spoke out amid claims that the treaty was “finished”.")
    assert ("finished", "fragment", "unattributed") in got


def test_a_charge_whose_maker_the_clause_names_is_the_makers() -> None:
    got = extract_new("Jeremy Corbyn answered criticism from Tony Blair that his plan was “naive”.")
    assert ("naive", "fragment", "tony-blair") in got


def test_a_charge_word_used_as_a_verb_or_owned_keeps_its_speaker() -> None:
    got = extract_new("Jeremy Corbyn is cautious and claims that ministers have “run ahead of the facts”.")
    assert ("run ahead of the facts", "fragment", "corbyn") in got
    got = extract_new("Jeremy Corbyn repeated his claim that Nato was “a relic”.")
    assert ("a relic", "fragment", "corbyn") in got


def test_a_participle_after_a_crowd_in_an_absolute_clause_is_not_the_objects() -> None:
    got = extract_new("Mr Corbyn was jeered at the rally, with delegates loudly chanting slogans and urging "
                      "him to condemn the airstrikes on the city.")
    assert got and all(s == "unattributed" for _, _, s in got)
    got = extract_new("Tony Blair left the stage, with protesters shouting abuse and urging him to apologise "
                      "for the invasion of Iraq.")
    assert [s for t, _, s in got if t.startswith("urging")] == ["protesters"]


def test_an_absolute_clause_does_not_reach_past_a_preposition() -> None:
    got = extract_new("Jeremy Corbyn angered colleagues with Labour MPs by refusing to say whether he "
                      "would defend an ally.")
    assert [s for t, _, s in got if t.startswith("refusing")] == ["corbyn"]


def test_a_credit_line_with_the_employer_after_the_title_is_the_persons() -> None:
    got = extract_new("Jens Stoltenberg, Secretary General of the alliance, YouGov said: “The mood has "
                      "shifted.”")
    assert got == [("The mood has shifted.", "direct", "jens-stoltenberg")]


def test_an_organisations_treaty_speaks_as_the_organisation() -> None:
    got = extract_new("Article 5 of the Nato treaty says: “An attack on one ally is an attack on every "
                      "ally.”")
    assert got == [("An attack on one ally is an attack on every ally.", "direct", "nato")]
    got = extract_new("Mr Corbyn was asked about Article 5 of the Nato treaty, which says members must "
                      "defend one another.")
    assert [s for t, _, s in got if t.startswith("says")] == ["nato"]


def test_an_organisation_in_a_relative_which_clause_speaks() -> None:
    got = extract_new("The plan was dropped, according to Nato, which said Tony Blair had “stale” figures.")
    assert ("stale", "fragment", "nato") in got
    got = extract_new("Jeremy Corbyn signed the letter, which said Nato was “a relic”.")
    assert ("a relic", "fragment", "unattributed") in got


def test_a_described_but_unnamed_speaker_is_a_generic_speaker() -> None:
    got = extract_new("One MP present told the Observer: “He would not say yes or no.”")
    assert got == [("He would not say yes or no.", "direct", "labour-source")]
    got = extract_new("“We sell no tanks to anyone,” a spokesperson for the ministry said.")
    assert got == [("We sell no tanks to anyone,", "direct", "government-source")]


def test_a_line_ending_in_a_picture_agency_credit_is_a_caption() -> None:
    got = extract_new("Tony Blair, seen here at a rally, attacked the peace campaign today (Getty)\n\n"
                      "Tony Blair said the campaign was “silent” on the bombing.")
    assert got == [("silent", "fragment", "tony-blair")]


def test_a_question_put_by_a_named_asker_is_not_a_statement() -> None:
    got = extract_new("At the meeting he was asked by Tony Blair whether he supported the alliance.")
    assert got == []


def test_the_focus_of_a_cleft_sentence_is_its_subject() -> None:
    got = extract_new("Another voice joined the row. This time it was Tony Blair, speaking on the radio on "
                      "Sunday.\n\n“We were wrong about the alliance,” he said.")
    assert ("We were wrong about the alliance,", "direct", "tony-blair") in got
    got = extract_new("Jeremy Corbyn spoke first. It is Nato, says Tony Blair, that keeps the peace.")
    assert "corbyn" not in {s for _, _, s in got}


def test_a_pronoun_after_a_newly_named_person_in_an_adverbial_clause_is_not_guessed() -> None:
    got = extract_new("While Mr Blair praised the treaty, he grew angry when asked about the row, including "
                      "when Mr Corbyn called it “a relic”. He has also said the alliance is “outdated”.")
    assert ("outdated", "fragment", "unattributed") in got
    got = extract_new("Tony Blair said he believed the Prime Minister when she says the treaty matters. "
                      "He added that it was “vital”.")
    assert ("vital", "fragment", "tony-blair") in got


def test_a_phrase_quoted_in_remarks_someone_responds_to_is_not_the_responders() -> None:
    got = extract_new("Tony Blair attacked the plan in response to comments that the ships were sent to "
                      "“provoke” Moscow.")
    assert ("provoke", "fragment", "unattributed") in got
    got = extract_new("Tony Blair said the comments that he made were “misread”.")
    assert ("misread", "fragment", "tony-blair") in got


def test_a_document_issued_by_an_organisation_speaks_for_it_in_a_relative_clause() -> None:
    got = extract_new("Tony Blair echoed a statement from Nato which said the moves were “expected”.")
    assert ("expected", "fragment", "nato") in got


def test_a_quotation_in_a_credited_caption_is_no_statement_nor_a_lead() -> None:
    got = extract_new("Tony Blair said: “We must talk to Moscow.”\n\nTony Blair urged ‘calm talks’ with the "
                      "Kremlin (A. Photographer/PA)\n\n“Meddling is the word for it, and the money is "
                      "real.”")
    assert ("calm talks", "fragment", "tony-blair") not in got
    assert ("Meddling is the word for it, and the money is real.", "direct", "tony-blair") not in got


def test_a_bare_question_participle_after_a_subordinator_is_not_a_statement() -> None:
    got = extract_new("Tony Blair became angry when questioned on the radio about the comments of his "
                      "successor.")
    assert got == []
    got = extract_new("Tony Blair questioned whether the alliance could survive the winter.")
    assert [s for _, _, s in got] == ["tony-blair"]
