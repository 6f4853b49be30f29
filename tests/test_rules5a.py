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


def test_a_quoted_name_inside_a_noun_phrase_is_not_a_statement() -> None:
    got = extract_new("Addressing the ‘Hands Off Europe’ rally, Mr Corbyn said the talks were “overdue”.")
    assert got == [("overdue", "fragment", "corbyn")]


def test_a_quoted_term_in_a_noun_phrase_outside_any_reporting_clause_is_nobodys() -> None:
    got = extract_new("Mr Corbyn called the raid “shameful”, but he angered allies over the attack, which "
                      "used the “battlefield grade” toxin.")
    assert ("battlefield grade", "fragment", "unattributed") in got
    assert ("shameful", "fragment", "corbyn") in got


def test_the_attribution_clause_of_a_quotation_is_not_a_statement() -> None:
    got = extract_new("Corbyn, by contrast, has urged allies to stop, insisting that arms will only prolong "
                      "the conflict. “Sending tanks will only widen this war,” Corbyn said in an interview "
                      "with a Beirut-based radio station last August. “We might be in for years of war.”")
    assert [(k, s) for _, k, s in got] == [("indirect", "corbyn"), ("direct", "corbyn"), ("direct", "corbyn")]


def test_a_quoted_term_inside_a_reported_clause_stays_with_its_speaker() -> None:
    got = extract_new("Mr Corbyn told reporters that the evidence, in his view, had a “patchy” record.")
    assert ("patchy", "fragment", "corbyn") in got
    got = extract_new("Mr Corbyn spoke.\n\nThe mood, he wrote, had turned “sour”, and insisted on waiting "
                      "for the inquiry to end.")
    assert "insisted on waiting for the inquiry to end" in [t for t, _, _ in got]


def test_what_a_report_claims_someone_said_is_not_his_own_statement() -> None:
    got = extract_new("Several papers suggested party favourite Jeremy Corbyn had told a Moscow radio "
                      "station he wished to leave the alliance.")
    assert "corbyn" not in {s for _, _, s in got}
    got = extract_new("Mr Corbyn made clear he condemned the raid and backed the sanctions on the regime.")
    assert {s for _, _, s in got} == {"corbyn"}


def test_it_after_a_sentence_about_a_recording_is_the_recording() -> None:
    got = extract_new("Labour has yet to spell out whether its plan will include a pledge. But more evidence "
                      "emerged of Mr Corbyn’s dislike of Nato, after the discovery of new footage in which "
                      "the Labour leader calls the alliance a ‘farce’.\n\nIt shows Mr Corbyn at a meeting "
                      "in Lisbon in 2012, saying: ‘I think we should end this farce.’")
    assert [s for t, k, s in got if k == "direct"] == ["unattributed"]   # not Labour's


def test_a_second_conjunct_with_its_own_subject_speaks_for_that_subject() -> None:
    got = extract_new("Mr Corbyn spoke in Leeds.\n\nLabour backed a “defensive posture” for the fleet, but "
                      "he would do “whatever it takes” to keep the peace.")
    assert ("whatever it takes", "fragment", "corbyn") in got


def test_the_generic_head_of_an_organisation_name_matches_in_lower_case() -> None:
    got = extract_new("The Stop the War coalition said the deployment was “a provocation”.")
    assert [s for _, _, s in got] == ["stop-the-war-coalition"]
    got = extract_new("Critics of the war said the deployment was “a provocation”.")
    assert "stop-the-war-coalition" not in {s for _, _, s in got}


def test_adverbs_without_ly_between_speaker_and_verb() -> None:
    got = extract_new("Tom Hallam met the press. Asked about the plan, Mr Hallam rather bluntly replied: "
                      "“It is dead.”")
    assert [s for _, _, s in got] == ["tom-hallam"]
    got = extract_new("Tom Hallam met the press. Mr Hallam later added that the deal was “dead”.")
    assert [s for _, _, s in got] == ["tom-hallam"]


def test_letters_after_a_name_do_not_hide_the_speaker() -> None:
    got = extract_new("Conservative MP Tom Hallam MP, said the minister posed a “grave risk” to the country.")
    assert [s for _, _, s in got] == ["tom-hallam"]


def test_a_womans_courtesy_title_matches_in_any_of_its_forms() -> None:
    got = extract_new("Theresa May spoke. Ms May said the attack was “reckless”.")
    assert [s for _, _, s in got] == ["theresa-may"]


def test_role_phrases_with_the_and_member_of_parliament() -> None:
    got = extract_new("The Opposition leader said the strikes were “a grave error”.")
    assert [s for _, _, s in got] == ["corbyn"]
    got = extract_new("The Labour leader's spokesman said there was a “patchy” record.")
    assert [s for _, _, s in got] == ["corbyn-spokesman"]
    got = extract_new("Mr Corbyn spoke. The left-wing Member of Parliament said the raid was “an error”.")
    assert [s for _, _, s in got] == ["corbyn"]


def test_according_to_a_source_before_a_quotation() -> None:
    got = extract_new("According to a Labour source: “he cannot lead and protest at once”.")
    assert [s for _, _, s in got] == ["labour-source"]
    got = extract_new("According to Mr Corbyn, “peace needs talks”.")
    assert [s for _, _, s in got] == ["corbyn"]


def test_a_social_media_handle_speaks_as_itself() -> None:
    got = extract_new("Mr Corbyn spoke. A reader @kay_b99 said: “This is absurd.”")
    assert [s for _, _, s in got] == ["kay-b99"]
    assert extract_new("Mr Corbyn spoke. Write to desk@paper.com or follow @paper for more.") == []
    # a company's account is the company ("@Survation_UK" = Survation: the pollster lexicon and its suffixes)
    got = extract_new("Update: the Tory lead is down to 5. @Survation_UK finds 57% cannot see him as PM.")
    assert [s for _, _, s in got] == ["survation"]
