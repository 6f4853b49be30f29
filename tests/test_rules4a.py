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


def test_a_progressive_reporting_verb_is_not_passive_and_stops_before_the_joining_and() -> None:
    got = extract_new("Mr Corbyn is arguing that the inquiry must run its course and claims that ministers "
                      "acted too fast.")
    assert ("arguing that the inquiry must run its course", "indirect", "corbyn") in got
    got = extract_new("Mr Corbyn is being described as naive by his critics.")
    assert "corbyn" not in {s for _, _, s in got}


def test_plain_forms_and_an_idiom_of_blame_report() -> None:
    got = extract_new("Mr Corbyn used a newspaper column to warn against a hasty response to the attack.")
    assert got == [("warn against a hasty response to the attack", "indirect", "corbyn")]
    got = extract_new("Defence minister Tom Bell pointed the finger of blame firmly at Moscow.")
    assert got == [("pointed the finger of blame firmly at Moscow", "indirect", "tom-bell")]


def test_a_list_of_three_names_before_the_verb_is_three_speakers_but_not_after_a_preposition() -> None:
    from scripts.annotate import paragraphs
    from scripts.registers import actors
    from scripts.steps import statements
    from tests.test_statements import FULL, article
    people = {i: actors.Actor(i, (n := i.replace("-", " ").title()), "person", (n,), (), "")
              for i in ("anna-bell", "tom-reed", "jo-price")}
    lexicon = FULL.extended(people)

    def speakers(text: str) -> list[str]:
        a = article(text)
        return ["/".join(s.speakers) for s in statements.extract(a, paragraphs.classify(a), lexicon)]
    assert speakers("Later remarks from ministers Anna Bell, Tom Reed and Jo Price pointed the finger more "
                    "firmly at Moscow.") == ["anna-bell", "tom-reed", "jo-price"]
    assert "corbyn" not in speakers("Critics of Jeremy Corbyn, Anna Bell and Jo Price said the plan "
                                    "would fail.")


def test_a_cue_between_the_speaker_and_the_verb_dates_the_saying() -> None:
    from scripts.annotate import paragraphs
    from scripts.steps import statements
    from tests.test_statements import FULL, article
    a = article("Over the weekend the party leader changed course, forcing senior members of the shadow "
                "cabinet on Monday to insist that the policy stood.", date(2017, 4, 25))
    got = [s for s in statements.extract(a, paragraphs.classify(a), FULL)
           if "insist" in a.text[s.start:s.end]]
    assert got and got[0].said.start == got[0].said.end == date(2017, 4, 24)


def test_a_quote_led_paragraph_continues_the_person_who_reports_in_the_sentence_before() -> None:
    got = extract_new("Defence minister Tom Bell remarked on the choice facing voters.\n\n"
                      "“There is a choice between strength and weakness.\n\n“We choose strength.”")
    assert [s for _, _, s in got] == ["tom-bell", "tom-bell", "tom-bell"]
    # a speaker named after the quotation, or a quotation in the sentence before, takes precedence
    got = extract_new("Jeremy Corbyn spoke about the choice facing voters.\n\n"
                      "“There is a choice between strength and weakness,” said Tom Bell.")
    assert [s for _, _, s in got] == ["corbyn", "tom-bell"]
    got = extract_new("Mr Corbyn was shouted down by Tory MPs.\n\n“There is a choice.”")
    assert [s for _, _, s in got] == ["unattributed"]


def test_a_survey_named_by_its_pollster_finds_for_the_pollster_not_a_person() -> None:
    got = extract_new("The mood is captured in a YouGov study which found that only a third of voters agree.")
    assert got == [("found that only a third of voters agree", "indirect", "yougov")]
    assert extract_new("Jeremy Corbyn’s survey found that members agree.") == []


def test_he_after_an_unknown_speaker_who_reported_on_corbyn_is_not_corbyn() -> None:
    got = extract_new("Mr Hollis said Mr Corbyn was unfit to lead. ‘No opposition leader has ever spoken so "
                      "carelessly,’ he said.")
    assert [s for _, _, s in got] == ["unattributed"]


def test_sources_close_to_a_named_person_are_the_speakers_however_the_person_is_described() -> None:
    got = extract_new("Friends of the defence minister Tom Bell told a newspaper he was ‘deeply hurt’.")
    assert "tom-bell" not in {s for _, _, s in got}
    got = extract_new("Sources close to the shadow foreign secretary Emily Thornberry told the paper she was "
                      "‘appalled’.")
    assert got == [("appalled", "fragment", "anonymous-sources")]


def test_a_progressive_verb_after_a_second_name_is_that_persons() -> None:
    got = extract_new("Speaking on the radio, Mr Corbyn backed Tom Bell is saying the alliance must spend "
                      "more.")
    assert ("saying the alliance must spend more", "indirect", "tom-bell") in got
    assert ("backed Tom Bell is saying the alliance must spend more", "indirect", "corbyn") in got


def test_backing_a_position_is_a_statement_but_backed_demands_are_the_demanders_words() -> None:
    got = extract_new("The party leader Jeremy Corbyn has backed his aide’s line on the inquiry.")
    assert got == [("backed his aide’s line on the inquiry", "indirect", "corbyn")]
    got = extract_new("Nine Labour MPs backed demands from a peace campaign for ministers to “stand down the "
                      "troops”.")
    assert [(t, s) for t, _, s in got] == [("stand down the troops", "unattributed")]
    assert extract_new("Mr Corbyn was given his party’s backing on the issue.") == []
