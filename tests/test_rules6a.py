"""Round 6 (attribution): general rules for who said it.

Every sentence here is written for the test, not copied from an article.
"""

from __future__ import annotations

from tests.test_statements import extract_new


def test_a_coordinated_subject_does_not_say_who_spoke_a_quotation() -> None:
    got = extract_new("Jeremy Corbyn and Tony Blair, his predecessor, met on Monday, later calling the "
                      "summit “a waste of breath”.")
    assert ("a waste of breath", "fragment", "unattributed") in got
    assert "corbyn" not in {s for t, _, s in got if t == "a waste of breath"}
    got = extract_new("“We will not be moved,” said Tony Blair and Jeremy Corbyn.")
    assert got == [("We will not be moved,", "direct", "unattributed")]


def test_a_paraphrase_of_a_coordinated_subject_is_reported_of_each() -> None:
    got = extract_new("Tony Blair and Jeremy Corbyn said the airbase should close.")
    assert sorted(s for _, _, s in got) == ["corbyn", "tony-blair"]


def test_a_coordinated_object_of_the_reported_clause_is_not_its_own_subject() -> None:
    got = extract_new("Jeremy Corbyn said Tony Blair and Theresa May were “badly mistaken”.")
    assert got == [("badly mistaken", "fragment", "corbyn")]


def test_the_group_is_the_organisation_that_acts_not_the_one_criticised() -> None:
    got = extract_new("Ten MPs signed a statement attacking Nato last week. The statement was issued by the "
                      "Stop the War Coalition. In it, the group accused ministers of “reckless bluster”.")
    assert ("reckless bluster", "fragment", "stop-the-war-coalition") in got
    got = extract_new("The Stop the War Coalition wrote to ministers. Its letter said Nato should disband. "
                      "It said the alliance was “a relic”.")
    assert "nato" not in {s for t, _, s in got if t == "a relic"}


def test_a_quoted_name_is_a_mention_not_a_statement() -> None:
    got = extract_new("The letter was drafted by the “Stop the War Coalition,” a campaign group. The group "
                      "said Nato was “a relic of the cold war”.")
    assert ("a relic of the cold war", "fragment", "stop-the-war-coalition") in got
    assert all("Coalition" not in t for t, _, _ in got)


def test_an_organisations_own_document_speaks_for_it() -> None:
    got = extract_new("Ministers rejected the plan.The Stop the War motion urged Nato to “stand down its "
                      "forward units”.")
    assert ("stand down its forward units", "fragment", "stop-the-war-coalition") in got


def test_a_name_partly_set_in_capitals_is_still_the_name() -> None:
    got = extract_new("TONY Blair said the treaty was “a dead letter”.")
    assert got == [("a dead letter", "fragment", "tony-blair")]
    got = extract_new("ANGRY Labour MPS said the leader was “out of touch”.")
    assert [s for _, _, s in got] == ["labour-mps"]
    got = extract_new("THEY MAY yet regret the “grand bargain”.")
    assert "theresa-may" not in {s for _, _, s in got}


def test_the_reason_someone_is_judged_for_is_their_own_not_the_judges() -> None:
    got = extract_new("Jeremy Corbyn spoke first. Tony Blair later accused him of being “naive” for "
                      "suggesting the alliance was finished.")
    assert ("naive", "fragment", "tony-blair") in got
    assert ("suggesting the alliance was finished", "indirect", "corbyn") in got
    got = extract_new("Labour MPs accused Tony Blair of being “reckless” for claiming the base was safe.")
    assert ("reckless", "fragment", "labour-mps") in got
    assert "labour-mps" not in {s for t, _, s in got if t.startswith("claiming")}
    got = extract_new("Theresa May spoke first. Tony Blair later accused him of being “naive” for "
                      "suggesting the alliance was finished.")
    assert {s for t, _, s in got if t.startswith("suggesting")} == {"unattributed"}


def test_a_name_after_a_quoted_phrase_is_its_speaker_only_as_a_subject() -> None:
    got = extract_new("The leader’s call for “patient diplomacy” will only encourage Vladimir Putin to "
                      "“act again”.")
    assert "vladimir-putin" not in {s for _, _, s in got}
    got = extract_new("Branding the plan “a gamble”, Tony Blair said it would fail.")
    assert ("a gamble", "fragment", "tony-blair") in got


def test_he_added_colon_introduces_the_next_quotation_and_resumes_the_last_speaker() -> None:
    got = extract_new("The claim drew jeers. It prompted a reply from Tony Blair, who told the House: "
                      "‘I cannot accept that.’ He added: ‘The record shows otherwise.’")
    assert ("I cannot accept that.", "direct", "tony-blair") in got
    assert ("The record shows otherwise.", "direct", "tony-blair") in got
    got = extract_new("It prompted a reply from Theresa May, who told the House: ‘I cannot accept that.’ "
                      "He added: ‘The record shows otherwise.’")
    assert ("The record shows otherwise.", "direct", "unattributed") in got   # "he" is not May


def test_a_crowd_named_by_its_cause_keeps_that_name() -> None:
    got = extract_new("Hundreds of anti-war marchers met in the square. Demonstrators held placards reading "
                      "“Talks not tanks” as they walked.")
    assert ("Talks not tanks", "fragment", "anti-war-demonstrators") in got
    got = extract_new("Hundreds met in the square. Demonstrators held placards reading “Talks not tanks”.")
    assert ("Talks not tanks", "fragment", "protesters") in got


def test_a_description_by_politics_refers_to_the_person_just_named() -> None:
    got = extract_new("Tony Blair spoke at the dinner. The veteran backbencher added that the treaty was "
                      "“long past its best”.")
    assert ("long past its best", "fragment", "tony-blair") in got
    got = extract_new("Tony Blair spoke at the dinner with Theresa May. The avowed socialist added that "
                      "the treaty was “long past its best”.")
    assert "tony-blair" not in {s for _, _, s in got} and "theresa-may" not in {s for _, _, s in got}


def test_an_organisation_inside_a_compound_word_is_no_subject() -> None:
    got = extract_new("The EU-Nato summit opens today. It said the talks must go on.")
    assert "nato" not in {s for _, _, s in got}


def test_a_quotation_after_someones_words_noun_is_theirs() -> None:
    got = extract_new("Tony Blair was forced to defend his stance. His earlier warning not to “rush ahead of "
                      "the facts” led to criticism.")
    assert ("rush ahead of the facts", "fragment", "tony-blair") in got
    got = extract_new("Tony Blair’s call for a “grand bargain” drew scorn.")
    assert got == [("grand bargain", "fragment", "tony-blair")]
    got = extract_new("Critics mocked Tony Blair’s “extraordinary” refusal to answer.")
    assert "tony-blair" not in {s for _, _, s in got}
    got = extract_new("Jeremy Corbyn spoke first. A shadow minister said his comments showed a "
                      "“lack of grip”.")
    assert "corbyn" not in {s for t, _, s in got if t == "lack of grip"}


def test_a_term_named_as_an_organisations_principle_is_the_organisations() -> None:
    got = extract_new("He was asked if he would uphold the Nato principle of “mutual aid” in a crisis.")
    assert got == [("mutual aid", "fragment", "nato")]
    got = extract_new("Nato’s founding treaty enshrines the principle of “mutual aid” for all members.")
    assert got == [("mutual aid", "fragment", "nato")]


def test_a_page_label_in_capitals_is_no_speaker() -> None:
    got = extract_new("UPDATE: Minister responds:\n\n“We will hold firm.”")
    assert "update" not in {s for _, _, s in got}


def test_the_gender_neutral_title_is_a_title() -> None:
    got = extract_new("Sam Reyes, a campaigner, spoke at the hustings. Mx Reyes said the vote was "
                      "“wide open”.")
    assert {s for _, _, s in got} == {"sam-reyes"}


def test_a_sentence_opening_with_to_which_is_a_main_clause_for_pronouns() -> None:
    got = extract_new("Tony Blair was asked about the treaty.\n\nTo which he replied: “It has served us "
                      "well.”\n\n“Nobody wants to tear it up,” he told the BBC.")
    assert ("Nobody wants to tear it up,", "direct", "tony-blair") in got


def test_a_sentence_running_on_into_a_quotation_gives_it_its_subject() -> None:
    got = extract_new("Tony Blair has long voiced his doubts over the treaty,\n\n“There are many ways to "
                      "keep the peace. Arms are only one.”")
    assert [s for _, _, s in got] == ["tony-blair"]
    got = extract_new("The treaty has long troubled Tony Blair,\n\n“There are many ways to keep the peace. "
                      "Arms are only one.”")
    assert [s for _, _, s in got] == ["unattributed"]


def test_they_added_after_one_persons_words_is_that_person() -> None:
    got = extract_new("The Survation poll showed a close race. Robin Vale, who commissioned the poll, said "
                      "the result was “remarkable”.\n\nThey added: “Nobody expected this.”")
    assert ("Nobody expected this.", "direct", "robin-vale") in got
    got = extract_new("The Survation poll showed a close race. Mr Robin Vale, who commissioned the poll, "
                      "said the result was “remarkable”.\n\nThey added: “Nobody expected this.”")
    assert ("Nobody expected this.", "direct", "robin-vale") not in got   # "they" is no known man
