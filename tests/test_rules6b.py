"""Round 6b: said-dates of scenes and newspaper issues, recall of indirect statements.
Every sentence here is written for the test, not copied from an article.
"""
from __future__ import annotations

from datetime import date

from tests.test_statements import said_dates

_said = said_dates


def test_an_undated_news_occasion_dates_to_the_publication_window_and_carries() -> None:
    day = date(2021, 5, 12)
    got = _said("Speaking in a radio interview, Jeremy Corbyn said that Nato should scale back its drills."
                "\n\n"
                "“We need fewer war games and more talks,” he said.", day)
    assert got == [("said that Nato should scale back its drills", day, day),
                   ("We need fewer war games and more talks,", day, day)]
    # a window of two days is kept whole (coarse, never a made-up day)
    got = _said("In his interview, Mr Corbyn said: “The fleet is not the answer.”", day, date(2021, 5, 13))
    assert got == [("The fleet is not the answer.", day, date(2021, 5, 13))]


def test_no_news_date_once_the_article_has_gone_to_another_time() -> None:
    day = date(2021, 5, 12)
    # an earlier date outside quotations: the occasion may be that date's, so the words stay undated
    got = _said("Jeremy Corbyn opposed the treaty in 2004.\n\n"
                "Speaking in a radio interview, Mr Corbyn said: “The fleet is not the answer.”", day)
    assert got[-1] == ("The fleet is not the answer.", None, day)
    # a date in the scene's own sentence is that occasion's, never the publication's
    got = _said("At last year's party conference, Mr Corbyn said: “The fleet is not the answer.”", day)
    assert got[-1][1] != day
    # a publication window wider than a week does not date the news it reports
    got = _said("In his interview, Mr Corbyn said: “The fleet is not the answer.”", day, date(2021, 6, 30))
    assert got == [("The fleet is not the answer.", None, date(2021, 6, 30))]


def test_a_weekday_newspaper_issue_dates_the_words_printed_in_it() -> None:
    day = date(2021, 5, 15)   # a Saturday
    got = _said("Jeremy Corbyn set out his view in a column in Thursday’s Guardian, calling for a “ceasefire "
                "now” in the region.", day)
    assert ("ceasefire now", date(2021, 5, 13), date(2021, 5, 13)) in got
    # a noun after the title: the day of a report talked about, not of the words
    got = _said("Asked about Thursday’s Guardian report on the fleet, Mr Corbyn said: “It is wrong.”", day)
    assert got == [("It is wrong.", None, day)]


def test_a_lede_is_not_dated_by_a_later_scene_that_repeats_it() -> None:
    day = date(2021, 5, 15)   # a Saturday
    got = _said("Jeremy Corbyn has angered his party by refusing to condemn the drills.\n\n"
                "Mr Corbyn reiterated his stand in a column in Friday’s Guardian, calling for “calm”.", day)
    assert ("refusing to condemn the drills", None, day) in got
    assert ("calm", date(2021, 5, 14), date(2021, 5, 14)) in got


def test_a_weekly_programme_is_not_dated_as_news_of_a_later_day() -> None:
    monday = date(2021, 6, 14)   # Question Time airs on Thursdays: the publication day is not its day
    got = _said("Speaking on Question Time, Mr Corbyn said: “The fleet belongs at home.”", monday)
    assert got == [("The fleet belongs at home.", None, monday)]


def test_an_interview_granted_to_another_medium_is_not_dated_as_the_days_news() -> None:
    day = date(2021, 5, 12)   # a recorded interview may have aired days before the report
    got = _said("Jeremy Corbyn said in an interview with a Cypriot radio station that Nato was obsolete.",
                day)
    assert [(d, e) for _, d, e in got] == [(None, day)]


def test_a_paraphrase_takes_the_date_of_the_scene_in_the_next_paragraph() -> None:
    day = date(2021, 5, 13)
    text = ("Brexit dominated the week at Westminster.\n\nThe economy was the other story.\n\n"
            "Rail strikes were the third.\n\n"
            "Jeremy Corbyn replied that he would seek talks with Moscow first.\n\n"
            "“Dialogue is the only way,” Mr Corbyn told a hustings on Tuesday with Owen Smith.")
    got = _said(text, day)
    assert ("replied that he would seek talks with Moscow first", date(2021, 5, 11), date(2021, 5, 11)) in got
    # habitual wording is no lead-in to one occasion
    got = _said(text.replace("replied that he", "has long argued that he"), day)
    assert ("argued that he would seek talks with Moscow first", None, day) in got


def test_words_that_came_as_a_dated_event_take_its_date() -> None:
    day = date(2021, 5, 13)
    text = ("Mr Corbyn’s remarks came as defence ministers met in Brussels yesterday.\n\n"
            "“Nato must change course,” Mr Corbyn said.")
    assert _said(text, day) == [("Nato must change course,", date(2021, 5, 12), date(2021, 5, 12))]
    # "came after" only bounds the words: no date is carried
    got = _said(text.replace("came as", "came after"), day)
    assert got == [("Nato must change course,", None, day)]


def test_no_news_date_when_the_story_names_a_day_before_publication() -> None:
    day = date(2021, 5, 13)   # a Thursday: the briefing may have been Wednesday's
    got = _said("Mr Corbyn’s spokesman cast doubt on the findings in a briefing to journalists.\n\n"
                "Ministers reacted angrily on Wednesday.", day)
    assert [(d, e) for _, d, e in got] == [(None, day)]


def test_declining_reiterating_and_dodging_questions_are_statements_of_the_clause_subject() -> None:
    from tests.test_statements import extract_new
    got = extract_new("Defence minister Harriet Okafor declined to say whether the base at Lossie would "
                      "close.")
    assert ("declined to say whether the base at Lossie would close", "indirect", "harriet-okafor") in got
    got = extract_new("Mr Corbyn reiterated his call for talks with Moscow over the missile bases.")
    assert [(k, s) for _, k, s in got] == [("indirect", "corbyn")]
    got = extract_new("Mr Corbyn dodged questions over whether he would keep Britain in Nato.")
    assert [(k, s) for _, k, s in got] == [("indirect", "corbyn")]
    # a refused act is a decision, not a statement
    assert extract_new("Mr Corbyn declined to resign from the committee on Nato.") == []


def test_a_date_after_an_event_noun_dates_the_event_not_the_words() -> None:
    day = date(2021, 5, 20)
    got = _said("Mr Corbyn criticised Moscow for the missile attack on May 3.", day)
    assert [(d, e) for _, d, e in got] == [(None, day)]
    # a statement in an "after …" clause came before the scene it is carried from
    got = _said("Mr Corbyn’s remarks came as Nato ministers met in Brussels yesterday.\n\n"
                "Mr Corbyn has faced criticism after refusing to blame Moscow for the strike.", day)
    assert [(d, e) for _, d, e in got] == [(None, date(2021, 5, 19))]


def test_a_later_participle_with_a_quotation_is_a_second_act_not_the_first_clause() -> None:
    from tests.test_statements import extract_new
    got = extract_new("Mr Corbyn declined to accept that the drills were defensive, later calling them "
                      "“provocative” on the radio.")
    assert ("declined to accept that the drills were defensive", "indirect", "corbyn") in got
    assert ("provocative", "fragment", "corbyn") in got


def test_a_polls_question_and_a_gerund_after_a_preposition_are_not_statements() -> None:
    from tests.test_statements import extract_new
    got = extract_new("Opinium asked voters whether Nato should expand, and found that most agreed.")
    assert [(t.split()[0], s) for t, _, s in got] == [("found", "opinium")]
    got = extract_new("Mr Corbyn warned against concluding that Russia was to blame for the attack.")
    assert [t.split()[0] for t, _, _ in got] == ["warned"]


def test_a_date_modifying_a_noun_between_lede_and_scene_does_not_break_the_lede() -> None:
    day = date(2021, 5, 13)
    text = ("Jeremy Corbyn said that Nato should hold fewer drills near Russia.\n\n"
            "The call breaks with last year's party policy.\n\n"
            "In an interview on Tuesday, Mr Corbyn said: “The drills are provocative.”")
    got = _said(text, day)
    tuesday = date(2021, 5, 11)
    assert ("said that Nato should hold fewer drills near Russia", tuesday, tuesday) in got


def test_the_days_news_does_not_date_what_someone_once_said() -> None:
    day = date(2021, 5, 13)
    got = _said("Footage shows Jeremy Corbyn during a rally outside the town hall.\n\n"
                "Jeremy Corbyn once said that Nato should be wound up.", day)
    assert [(d, e) for _, d, e in got] == [(None, day)]


def test_never_inside_the_words_is_not_habitual_framing() -> None:
    day = date(2021, 5, 13)
    text = ("Jeremy Corbyn has angered his party by declaring that he would never order a strike on Moscow."
            "\n\n"
            "The row grew.\n\nMr Corbyn told reporters: “Nato must not escalate.”")
    got = _said(text, day)
    assert ("declaring that he would never order a strike on Moscow", day, day) in got
    got = _said(text.replace("has angered his party by declaring", "has long argued"), day)
    assert ("argued that he would never order a strike on Moscow", None, day) in got
