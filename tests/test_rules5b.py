"""Issue 10, round 5 (said-dates and page furniture): general rules for the kinds of error the second
audit found. Every sentence here is written for the test, not copied from an article."""

from __future__ import annotations

from datetime import date

from tests.test_rules2 import _said

DAY = date(2019, 6, 12)   # a Wednesday


def _dates(text: str, day: date = DAY) -> dict[str, tuple[date | None, date | None]]:
    return {t: (a, b) for t, a, b in _said(text, day)}


def test_a_year_later_moves_the_earlier_date_and_never_keeps_it() -> None:
    got = _dates("Mr Corbyn attacked the budget in 2012 and two years later declared: "
                 "“Austerity has failed.”")
    assert got["Austerity has failed."] == (date(2014, 1, 1), date(2014, 12, 31))
    got = _dates("The minister visited the base on 3 March 2016 and the following day said: “We need ships.”")
    assert got["We need ships."] == (date(2016, 3, 4), date(2016, 3, 4))


def test_a_date_after_a_sentence_ending_in_a_quotation_belongs_to_the_next_sentence() -> None:
    got = _dates("A clip shows Mr Corbyn at a rally, saying: “Our schools need money.” In 2017 he told a "
                 "radio host the opposite.")
    assert got["Our schools need money."][0] is None


def test_a_year_in_a_fronted_time_clause_does_not_date_the_main_clause() -> None:
    got = _dates("After losing the vote in 2016, Mr Corbyn said the fight for the fleet was over.")
    assert got["said the fight for the fleet was over"][0] is None


def test_a_deadline_is_not_a_said_date() -> None:
    got = _dates("Rebels are expected to name a challenger by Friday, Mr Hollis said.")
    assert all(a is None for a, _ in got.values())


def test_an_archive_scene_ends_when_the_story_comes_back_to_the_news_of_the_week() -> None:
    text = ("Mr Corbyn spoke at a rally in Leeds in 2014.\n\n"
            "The clip surfaced as the party meets in Brighton today.\n\n"
            "It will revive questions about his judgement, after he said that the navy was too big.")
    got = _dates(text)
    assert got["said that the navy was too big"][0] is None
    # a scene of the news week is not ended by another day of that week
    text = ("Mr Corbyn spoke at a rally in Leeds on Monday.\n\n"
            "His aide, who briefed reporters yesterday, was not there.\n\n"
            "He said: “The navy is too big.”")
    assert _dates(text)["The navy is too big."] == (date(2019, 6, 10), date(2019, 6, 10))


def _kinds(text: str) -> list[tuple[str, str]]:
    from scripts.annotate import paragraphs
    from tests.test_rules2 import article
    return [(p.kind, p.text) for p in paragraphs.classify(article(text, DAY))][1:]   # after the headline


def test_a_headline_line_next_to_a_related_link_is_a_link_of_the_same_block() -> None:
    got = _kinds("Mr Hollis said the fleet was too small.\n\nCouncil backs new harbour plan\n\n"
                 "Read more: Minister quits over budget row\n\nRebels set to name challenger by Friday\n\n"
                 "He added that the navy needed ships.")
    assert [k for k, _ in got][1:4] == ["related", "related", "related"]


def test_a_line_cut_off_inside_its_quotation_is_body_not_a_heading() -> None:
    got = _kinds("Mr Hollis spoke to reporters.\n\nHe said: “The harbour plan will cost far more th")
    assert got[-1][0] == "body"


def test_a_photo_credit_marks_a_caption() -> None:
    got = _kinds("Mr Hollis spoke to reporters.\n\nAlan Hollis at the harbour on Monday. Photograph: "
                 "Jo Bloggs/PA\n\nHe said the plan was costly.")
    assert [k for k, _ in got] == ["body", "caption", "body"]


def test_the_reported_clause_ends_where_the_reporters_clause_begins() -> None:
    got = _dates("Mr Corbyn once said that he wanted the fleet scrapped, it emerged last night.")
    assert list(got) == ["said that he wanted the fleet scrapped"]
    assert got["said that he wanted the fleet scrapped"][0] is None   # the emergence is not the saying
    got = _dates("Mr Corbyn warned the plan was reckless, as the Tories prepared their manifesto.")
    assert list(got) == ["warned the plan was reckless"]
    got = _dates("Mr Corbyn criticised the harbour plan after being urged to do so by the council.")
    assert list(got) == ["criticised the harbour plan"]


def test_a_condition_asserts_nothing_and_a_narrative_and_ends_the_words() -> None:
    got = _dates("Mr Corbyn was told he would lose the whip if he refused to condemn the invasion today.")
    assert not any(t.startswith("refused") for t in got)
    got = _dates("Mr Corbyn argued the fleet was obsolete – a view shared by many – and the same year "
                 "voted against the budget.")
    assert list(got) == ["argued the fleet was obsolete – a view shared by many"]


def test_posting_labels_are_chrome_and_a_standfirst_after_them_is_not_body() -> None:
    got = _kinds("Posted on Mar 3 2019 - 9:15am by editor\n\nThis article is more than 4 years old\n\n"
                 "Harbour plan splits the council as minister quits\n\n"
                 "• Rebels want a vote on the harbour plan before the summer recess of the council\n\n"
                 "Mr Hollis said the plan was costly.")
    assert [k for k, _ in got] == ["chrome", "chrome", "subheading", "subheading", "body"]
