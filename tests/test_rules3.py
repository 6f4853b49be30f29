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
    got = extract_new("Party leader says the alliance should pull its troops back from the frontier at "
                      "once\n\nMr Corbyn said on the radio that the alliance should pull back.")
    assert [t for t, _, _ in got] == ["said on the radio that the alliance should pull back"]


def test_a_registered_speaker_named_in_full_is_found_by_surname_alone() -> None:
    from scripts.registers import actors
    from tests.test_statements import FULL
    lady = actors.Actor("harriet-okafor", "Harriet Okafor", "person", ("Harriet Okafor",), (), "")
    lexicon = FULL.extended({lady.id: lady})
    text = ("Harriet Okafor, the campaign's chair, opened the meeting.\n\n"
            "Okafor also said of the treaty: “It must be renewed.”")
    a = article(text)
    extended = lexicon.extended(actors.provisional(a.text, lexicon))
    from scripts.annotate import paragraphs
    from scripts.steps import statements
    got = [(a.text[s.start:s.end], s.speakers)
           for s in statements.extract(a, paragraphs.classify(a), extended)]
    assert ("It must be renewed.", ("harriet-okafor",)) in got
    # a surname two people named in the text share is nobody's alias
    two = article(text + "\n\nTom Okafor, her brother, was there too.")
    assert "harriet-okafor" not in actors.provisional(two.text, lexicon)


def test_a_peer_title_ending_a_capitalised_run_is_an_office_not_a_name() -> None:
    from scripts.registers import actors
    from tests.test_statements import FULL
    text = "Lord Harwood, the former First Sea Lord, said the fleet was too small."
    new = actors.provisional(article(text).text, FULL)
    assert "lord-harwood" in new and "first-sea-lord" not in new


def test_speaking_of_and_criticism_idioms_report_the_subject() -> None:
    got = extract_new("Mr Corbyn spoke of “a dangerous moment” for the world.\n\n"
                      "He took aim at the minister’s “reckless” budget.\n\n"
                      "Mr Corbyn addressed the rally, branding the treaty “a trap”.")
    assert {(t, s) for t, _, s in got} >= {("a dangerous moment", "corbyn"), ("reckless", "corbyn"),
                                           ("a trap", "corbyn")}


def test_a_fragment_is_not_given_to_someone_named_after_it_when_the_subject_came_before() -> None:
    got = extract_new("Boris Johnson, the then foreign secretary, was on the “front line” while "
                      "Mr Corbyn watched.")
    assert not any(s == "corbyn" for _, _, s in got)


def test_an_organisation_modifying_a_noun_is_not_the_subject() -> None:
    got = extract_new("A former Labour defence adviser questioned the plan to cut the fleet.")
    assert not any(s == "labour-party" for _, _, s in got)
    got = extract_new("Labour insisted that the fleet must not be cut.")
    assert any(s == "labour-party" for _, _, s in got)


def test_a_relative_clause_verb_belongs_to_its_antecedent_not_the_main_subject() -> None:
    got = extract_new("Mr Corbyn rejected the claims of the campaigner Dilys Brand-Oakes, who on Friday "
                      "told reporters that the treaty was “dead”.")
    assert not any(s == "corbyn" and t == "dead" for t, _, s in got)


def test_shouted_and_carried_words_are_the_shouters_not_the_speakers() -> None:
    got = extract_new("Mr Corbyn said the alliance was a danger. His speech was met with jeers of “Go home” "
                      "from a heckler near the stage.")
    assert ("Go home", "fragment", "anonymous-protester") in got
    got = extract_new("Mr Corbyn addressed the square. Protesters held placards reading “No more wars” and "
                      "“Talk now”.")
    assert {(t, s) for t, _, s in got} >= {("No more wars", "protesters"), ("Talk now", "protesters")}
    got = extract_new("Mr Corbyn said the alliance was a danger, and the speech ended to chants of "
                      "“Out, out, out”.")
    assert ("Out, out, out", "fragment", "unattributed") in got   # no shouter named: never the speaker's


def test_a_lede_takes_the_date_of_the_occasion_the_story_then_sets() -> None:
    from datetime import date

    from tests.test_rules2 import _said
    day = date(2021, 6, 9)   # a Wednesday
    text = ("Jeremy Corbyn has said the fleet should stay in port.\n\n"
            "Mr Corbyn has repeatedly argued that the alliance is a danger.\n\n"
            "Speaking on Monday, Mr Corbyn said: “The fleet belongs at home.”")
    got = {t: (a, b) for t, a, b in _said(text, day)}
    assert got["said the fleet should stay in port"] == (date(2021, 6, 7), date(2021, 6, 7))
    assert got["argued that the alliance is a danger"] == (None, day)     # habitual: not that occasion
    # another date between the lede and the occasion: left undated
    got = {t: (a, b) for t, a, b in _said(text.replace("Speaking on Monday", "Last year he wrote a book. "
                                                       "Speaking on Monday"), day)}
    assert got["said the fleet should stay in port"] == (None, day)


def _poll_rows(body: str) -> list[dict]:
    from datetime import date

    from scripts.steps import polls
    from tests.test_polls import ALIASES
    from tests.test_polls import article as poll_article
    a = poll_article(body, date(2024, 5, 2), "Poll headline")
    rows, _ = polls.extract(a, classify(a), ALIASES)
    return rows


def test_a_pollster_credited_after_a_figure_is_that_figures_pollster() -> None:
    rows = _poll_rows("Two new surveys came out. 58 per cent say Theresa May is handling the crisis well, "
                      "per Sky Data, while 47 per cent say she is doing well according to YouGov. Only "
                      "15 per cent say the same of Jeremy Corbyn.")
    got = {(r["text"], r["pollster"], r["option"]) for r in rows}
    assert ("58 per cent", "Sky Data", "theresa-may") in got
    assert ("47 per cent", "YouGov", "theresa-may") in got       # "she": the person of the figure before
    assert any(t == "15 per cent" and o == "corbyn" for t, _, o in got)
    assert not any(o in ("sky-data", "yougov") for _, _, o in got)   # a pollster is never an option


def test_one_word_answers_and_earlier_waves_take_their_answer() -> None:
    rows = _poll_rows("A Deltapoll survey asked about the Chancellor. "
                      "Some 28% are satisfied with her work (cf. 35% in March), and 30% believe it has been "
                      "good, while 22% say it has been poor.")
    got = {(r["text"], r["option"]) for r in rows}
    assert {("28%", "satisfied"), ("35%", "satisfied"), ("30%", "good"), ("22%", "poor")} <= got


def test_a_first_name_misspelt_by_one_letter_is_the_same_person() -> None:
    from scripts.registers import actors
    from tests.test_statements import FULL
    text = ("Campaign director Marguerite Obuya spoke first. Later Ms Obuya said the talks had failed.\n\n"
            "“I cannot speak for Margueritte Obuya,” a colleague said.")
    new = actors.provisional(article(text).text, FULL)
    assert "marguerite-obuya" in new and "margueritte-obuya" not in new
    assert "Ms Obuya" in new["marguerite-obuya"].aliases
    assert not actors._misspelt(("David", "Miliband"), ("Ed", "Miliband"))


def test_a_weekly_programme_dates_its_words_only_in_an_article_of_that_day_or_the_next() -> None:
    from datetime import date

    from tests.test_rules2 import _said
    text = "Appearing on Question Time, Mr Corbyn said: “The fleet belongs at home.”"
    thursday = date(2021, 6, 10)
    assert _said(text, thursday) == [("The fleet belongs at home.", thursday, thursday)]
    assert _said(text, date(2021, 6, 11)) == [("The fleet belongs at home.", thursday, thursday)]
    monday = date(2021, 6, 14)   # days later: which Thursday is not told
    assert _said(text, monday) == [("The fleet belongs at home.", None, monday)]


def test_the_mp_refers_to_the_person_just_named_unless_another_was_named_since() -> None:
    got = extract_new("Mr Corbyn spoke at the rally. The MP, who sits as an independent, also said the war "
                      "had “shocked” him.")
    assert ("shocked", "fragment", "corbyn") in got
    got = extract_new("Mr Corbyn spoke at the rally and was criticised by the backbencher Dilys Brand-Oakes. "
                      "The MP said the speech was “shameful”.")
    assert not any(s == "corbyn" and t == "shameful" for t, _, s in got)


def test_a_phrase_in_a_poll_clause_is_the_credited_pollsters_and_respondents_name_no_speaker() -> None:
    got = extract_new("Two surveys came out. 58 per cent say Theresa May is doing a “fine job”, per YouGov, "
                      "while 44 per cent say she is coping “quite well” according to ICM.")
    assert ("fine job", "fragment", "yougov") in got
    assert ("quite well", "fragment", "icm") in got
    # a speaker of its own wins over a source credited for the report
    got = extract_new("Mr Corbyn called the plan “reckless”, according to ICM.")
    assert ("reckless", "fragment", "corbyn") in got


def test_an_office_before_a_name_is_not_part_of_it() -> None:
    from scripts.registers import actors
    from tests.test_statements import FULL
    text = "And yesterday Shadow Defence Secretary Harriet Okafor urged allies to spend more."
    assert "harriet-okafor" in actors.provisional(article(text).text, FULL)
    got = extract_new("Last night a Tory spokesman said: “The plan is reckless.”")
    assert ("The plan is reckless.", "direct", "conservative-spokesman") in got


def test_a_dated_march_sets_the_scene_for_the_speeches_that_follow() -> None:
    from datetime import date

    from tests.test_rules2 import _said
    day = date(2021, 6, 9)   # a Wednesday
    text = ("Thousands marched through the capital on Monday.\n\n"
            "Mr Corbyn told the crowd: “The fleet belongs at home.”")
    assert _said(text, day) == [("The fleet belongs at home.", date(2021, 6, 7), date(2021, 6, 7))]
    # the month is not a march
    text = "Costs rose in March 2021.\n\nMr Corbyn told the crowd: “The fleet belongs at home.”"
    assert _said(text, day) == [("The fleet belongs at home.", None, day)]


def test_verbs_of_characterisation_doubt_and_attack_report() -> None:
    got = extract_new("Mr Corbyn portrayed the minister as a reckless gambler.\n\n"
                      "Mr Corbyn cast doubt on the official account of the attack.\n\n"
                      "Mr Corbyn blasted the government for its handling of the crisis.")
    assert {t.split()[0] for t, k, s in got if s == "corbyn" and k == "indirect"} == {"portrayed", "cast",
                                                                                   "blasted"}


def test_said_dates_never_run_past_publication_and_a_published_date_is_an_upper_bound() -> None:
    from datetime import date

    from tests.test_rules2 import _said
    day = date(2021, 6, 9)   # a Wednesday
    got = _said("Mr Corbyn told the Commons this week that the fleet should stay home.", day)
    assert got[0][1:] == (date(2021, 6, 7), day)
    got = _said("In an interview with the Guardian published on Tuesday, Mr Corbyn said the fleet should "
                "stay home.", day)
    assert got[0][1:] == (None, date(2021, 6, 8))
    got = _said("Mr Corbyn said: “Peace now.”\n\n“We must talk,” he added.\n\n"
                "He was speaking at a rally in London on Monday.", day)
    assert [g[1] for g in got] == [date(2021, 6, 7)] * 2    # the lede's quote paragraphs too


def test_calls_he_faced_and_a_letter_he_read_are_not_his_words() -> None:
    got = extract_new("Mr Corbyn faced calls to “apologise” from his own backbenchers.")
    assert not any(s == "corbyn" for _, _, s in got)
    got = extract_new("Mr Corbyn was attacked over calls for talks with the Kremlin.")
    assert not any(s == "corbyn" for _, _, s in got)
    got = extract_new("Mr Corbyn read out a letter from a pensioner saying “we need peace”.")
    assert not any(s == "corbyn" for _, _, s in got)
    # his own participles stay his
    got = extract_new("Mr Corbyn ended the speech by saying “we need peace”.")
    assert ("we need peace", "fragment", "corbyn") in got
    got = extract_new("Mr Corbyn addressed the rally, saying “we need peace”.")
    assert ("we need peace", "fragment", "corbyn") in got


def test_a_registered_knight_is_found_by_title_and_first_name() -> None:
    got = extract_new("Keir Starmer spoke first. Sir Keir said the view was “wrong”. He added: “We stand "
                      "firm.”")
    assert {s for _, _, s in got} == {"keir-starmer"}


def test_a_charge_quoted_in_a_denial_is_the_accusers_word() -> None:
    got = extract_new("Mr Corbyn denied being “soft” on the Kremlin.\n\n"
                      "Mr Corbyn dismissed claims that he was “naive” about Moscow.")
    assert not any(s == "corbyn" for _, _, s in got)
    got = extract_new("Mr Corbyn said the sanctions were “too weak”.")   # his own words stay his
    assert ("too weak", "fragment", "corbyn") in got


def test_a_passive_agent_after_the_quotation_is_the_speaker() -> None:
    got = extract_new("Mr Corbyn was branded a “Kremlin stooge” by critics.")
    assert ("Kremlin stooge", "fragment", "critics") in got
    got = extract_new("Mr Corbyn was branded a “Kremlin stooge”.")
    assert ("Kremlin stooge", "fragment", "unattributed") in got


def test_an_unregistered_organisation_that_speaks_is_provisional_and_the_opens_its_clause() -> None:
    got = extract_new("Talks resumed. The Northern Peace Alliance said the plan was reckless.")
    assert ("said the plan was reckless", "indirect", "northern-peace-alliance") in got
    got = extract_new("In a statement, the Stop the War Coalition said the plan was reckless.")
    assert ("said the plan was reckless", "indirect", "stop-the-war-coalition") in got
    got = extract_new("The Corbyn camp said the plan was reckless.")   # a person after "the": a modifier
    assert not any(s == "corbyn" for _, _, s in got)


def test_a_participle_naming_only_where_it_was_said_is_not_a_statement() -> None:
    got = extract_new("Writing in the Guardian, Mr Corbyn said the fleet should stay home.")
    assert [(t, s) for t, _, s in got] == [("said the fleet should stay home", "corbyn")]


def test_a_relative_clause_ends_where_the_main_verb_resumes_and_a_visit_sets_a_scene() -> None:
    from datetime import date

    from tests.test_rules2 import _said
    day = date(2021, 6, 9)   # a Wednesday
    got = _said("Mr Corbyn, who in 2014 called Nato a danger, said on Monday the fleet should stay home.",
                day)
    assert ("called Nato a danger", None, day) in got
    assert ("said on Monday the fleet should stay home", date(2021, 6, 7), date(2021, 6, 7)) in got
    got = _said("Mr Corbyn said the fleet should stay home. He made the comments during a visit to Leeds on "
                "Monday.", day)
    assert got == [("said the fleet should stay home", date(2021, 6, 7), date(2021, 6, 7))]


def test_a_poll_for_a_brand_names_the_brand_as_sponsor_and_the_firm_as_pollster() -> None:
    got = {(r["pollster"], r["sponsor"]) for r in _poll_rows(
        "A YouGov poll for The Times puts Labour on 40%, up three points.")}
    assert got == {("YouGov", "The Times")}
    got = {(r["pollster"], r["sponsor"]) for r in _poll_rows(
        "A poll by Deltapoll for the Mail on Sunday found 45% backed the move.")}
    assert got == {("Deltapoll", "The Mail on Sunday")}      # a sister paper is another sponsor
    got = {(r["pollster"], r["sponsor"]) for r in _poll_rows(
        "Sky News polling, carried out by YouGov, found 52% backed the move.")}
    assert got == {("YouGov", "Sky News")}


def test_an_opinion_on_a_proposition_is_agreement_unless_it_names_a_choice() -> None:
    got = {(r["text"], r["option"]) for r in _poll_rows(
        "A Deltapoll survey found 52% think the alliance should expand, and 39% believe Labour would handle "
        "defence better.")}
    assert got == {("52%", "agree"), ("39%", "labour-party")}


def test_a_quote_only_paragraph_continues_the_last_speaker_only_across_his_own_quotes() -> None:
    got = extract_new("Harriet Okafor, the campaign chair, said: “We march today.”\n\n"
                      "“We march for peace.”\n\n“And we will not stop.”")
    assert {s for _, _, s in got} == {"harriet-okafor"}
    # a paragraph of narration between: the speaker is not carried over it
    got = extract_new("Mr Corbyn said: “We march today.”\n\nBoris Johnson was in Brussels.\n\n"
                      "“And we will not stop.”")
    assert ("And we will not stop.", "direct", "unattributed") in got
    # another speaker's quotation between: the latest speaker continues, never Corbyn
    got = extract_new("Mr Corbyn said: “We march today.”\n\n“We march for peace,” said Harriet Okafor.\n\n"
                      "“And we will not stop.”")
    assert ("And we will not stop.", "direct", "harriet-okafor") in got


def test_a_pronoun_after_an_unregistered_aide_in_apposition_is_the_aides() -> None:
    got = extract_new("Jeremy Corbyn is facing a call to sack his spokesperson Dilys Brand-Oakes after she "
                      "told reporters the evidence was thin.")
    assert not any(s == "corbyn" for _, _, s in got)
    assert ("told reporters the evidence was thin", "indirect", "dilys-brand-oakes") in got


def test_voters_who_would_repeat_their_vote_answer_for_that_party() -> None:
    got = {(r["text"], r["option"]) for r in _poll_rows(
        "A Deltapoll survey found only 61% of those who voted Labour at the last election say that they "
        "would do so again.")}
    assert got == {("61%", "labour-party")}


def test_the_spokesman_after_an_unnamed_party_spokesman_is_that_spokesman() -> None:
    got = extract_new("A Labour spokesman hit back at the remarks.\n\n“We are right,” the party spokesman "
                      "said.")
    assert ("We are right,", "direct", "labour-spokesperson") in got
    got = extract_new("A Labour spokesman hit back at the remarks.\n\n“We are right,” the spokesman said.")
    assert ("We are right,", "direct", "labour-spokesperson") in got
