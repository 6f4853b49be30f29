"""Statement extraction on small articles written for the purpose (not the seeds)."""

from __future__ import annotations

from datetime import date

import pytest

from scripts.annotate import paragraphs
from scripts.annotate.quotes import find_quotes
from scripts.annotate.temporal import DateInterval
from scripts.registers import actors
from scripts.registers.sources import Article
from scripts.steps import evaluate, statements
from tests.conftest import ROOT

LEXICON = actors.Lexicon(actors.load_actors(ROOT / "seeds"))


def article(text: str, day: date = date(2019, 12, 3), end: date | None = None,
            headline: str = "Headline of the test article") -> Article:
    full = f"{headline}\n\n{text}"
    return Article("test", "articles/test.txt", "0" * 64, len(full.encode()), full, "Test", headline, "",
                   DateInterval(day, end or day, "test"), 1)


def extract(text: str, **kw: object) -> list[tuple[str, str, str]]:
    """(text, kind, speaker) of every statement."""
    a = article(text, **kw)  # type: ignore[arg-type]
    return [(a.text[s.start:s.end], s.kind, "/".join(s.speakers))
            for s in statements.extract(a, paragraphs.classify(a), LEXICON)]


def test_straight_and_curly_double_quotes_with_attribution_after() -> None:
    got = extract('"We need peace," Corbyn said.\n\n“Nato is a relic,” Mr Corbyn added.')
    assert ("We need peace,", "direct", "corbyn") in got
    assert ("Nato is a relic,", "direct", "corbyn") in got


def test_british_single_quotes_with_apostrophes_inside() -> None:
    got = extract("Mr Corbyn was asked about allies. He said: ‘It’s not Labour’s view that we don’t need "
                  "allies.’")
    assert got == [("It’s not Labour’s view that we don’t need allies.", "direct", "corbyn")]


def test_colon_and_quote_in_its_own_paragraph() -> None:
    got = extract("Mr Corbyn was asked about Russia. He said:\n\n“We must talk to Moscow.”")
    assert ("We must talk to Moscow.", "direct", "corbyn") in got


def test_quote_split_by_attribution() -> None:
    got = extract('"Nato was a Cold War institution," Corbyn added. "It has given itself powers."')
    assert [g[2] for g in got] == ["corbyn", "corbyn"]
    assert got[1][0] == "It has given itself powers."


def test_multi_paragraph_quotation_is_one_statement_per_paragraph() -> None:
    text = ("The veteran MP said: “Putin came into office with oligarchs.\n\n"
            "“Some of us never supported him.\n\nRelated story [WATCH]\n\n"
            "“And we stood up for transparency.”")
    got = extract(text)
    assert [g[0] for g in got] == ["Putin came into office with oligarchs.",
                                   "Some of us never supported him.", "And we stood up for transparency."]
    assert {g[2] for g in got} == {"corbyn"}


def test_nested_quotes_belong_to_the_outer_statement() -> None:
    got = extract("Mr Corbyn said: “They called it ‘a mistake’ and I agree.”")
    assert [g[0] for g in got] == ["They called it ‘a mistake’ and I agree."]


def test_fragment_in_reported_sentence() -> None:
    got = extract('Last week Corbyn called the expansion of NATO "a mistake."', day=date(2015, 8, 12))
    assert ("a mistake.", "fragment", "corbyn") in got


def test_reported_speech_is_indirect() -> None:
    got = extract("Jeremy Corbyn has refused to guarantee military support to an ally attacked by "
                  "Russia.")
    clause = "refused to guarantee military support to an ally attacked by Russia"
    assert got == [(clause, "indirect", "corbyn")]


def test_interviewer_question_is_not_corbyns() -> None:
    got = extract("An exasperated Mr Vine said: ‘I feel your heart is not in this.’\n\n"
                  "Mr Corbyn replied: ‘You can’t see into my heart.’")
    assert got == [("I feel your heart is not in this.", "direct", "jeremy-vine"),
                   ("You can’t see into my heart.", "direct", "corbyn")]


def test_passive_reporting_verb_names_nobody() -> None:
    got = extract("Mr Corbyn has been branded a “Putin apologist” by critics.", day=date(2022, 3, 10))
    assert got[0][:3] == ("Putin apologist", "fragment", "unattributed")


@pytest.mark.parametrize(("day", "speaker"), [(date(2017, 11, 15), "theresa-may"),
                                              (date(2019, 12, 3), "boris-johnson")])
def test_prime_minister_is_resolved_against_the_date(day: date, speaker: str) -> None:
    got = extract("Today the Prime Minister accused him of siding with ‘our enemies’.", day=day)
    assert got == [("our enemies", "fragment", speaker)]


def test_labour_leader_is_not_corbyn_before_september_2015() -> None:
    got = extract("The Labour leader said he wanted ‘a fair deal for everyone in the country’.",
                  day=date(2014, 5, 1))
    assert got[0][2] == "unattributed"


@pytest.mark.parametrize(("sentence", "anchor", "start", "end", "precision"), [
    ("Last week Corbyn dismissed the idea that he backed Putin.", (date(2015, 8, 11), date(2015, 8, 16)),
     date(2015, 8, 3), date(2015, 8, 9), "month"),
    ("In February, Corbyn said Nato should not expand.", (date(2015, 8, 11), date(2015, 8, 16)),
     date(2015, 2, 1), date(2015, 2, 28), "month"),
    ("In 2014 he claimed Nato should be closed down.", (date(2019, 12, 3), date(2019, 12, 3)),
     date(2014, 1, 1), date(2014, 12, 31), "year"),
    ("Jeremy Corbyn today refused to give his backing to Nato.", (date(2019, 12, 3), date(2019, 12, 3)),
     date(2019, 12, 3), date(2019, 12, 3), "day"),
    ("Five years ago Corbyn said he wanted Nato scrapped.", (date(2019, 12, 3), date(2019, 12, 3)),
     date(2014, 1, 1), date(2014, 12, 31), "year"),
    ("Corbyn said last month that Nato was a relic.", (date(2015, 8, 11), date(2015, 8, 16)),
     date(2015, 7, 1), date(2015, 7, 31), "month"),
    ("Corbyn has previously said that Nato was a danger.", (date(2017, 11, 15), date(2017, 11, 15)),
     None, date(2017, 11, 15), "unknown"),
    ("Corbyn said that Nato was a danger.", (date(2017, 11, 15), date(2017, 11, 15)),
     None, date(2017, 11, 15), "unknown"),
])
def test_said_dates(sentence: str, anchor: tuple[date, date], start: date | None, end: date,
                    precision: str) -> None:
    a = article(sentence, day=anchor[0], end=anchor[1])
    found = statements.extract(a, paragraphs.classify(a), LEXICON)
    assert found, sentence
    said = found[0].said
    assert (said.start, said.end, said.precision) == (start, end, precision)


def test_excluded_paragraph_kinds_yield_no_statements() -> None:
    text = ("Menu\n\nSubscribe now\n\nTest headline\n\nJohn Smith\n\n2 min read\n\n"
            "Mr Corbyn, pictured in London, said ‘hello world to everyone’\n\n"
            "Corbyn says ‘Nato must go’ [WATCH]\n\nMr Corbyn said: “We need peace.”\n\n"
            "Read more at Example.com\n\n  1. A reader said “Corbyn is wrong about everything.”\n")
    a = Article("t", "f", "0" * 64, 1, text, "", "Test headline", "", DateInterval(date(2019, 1, 1),
                date(2019, 1, 1)), 1)
    kinds = [p.kind for p in paragraphs.classify(a)]
    assert kinds == ["chrome", "chrome", "headline", "byline", "byline", "caption", "related", "body",
                     "chrome", "comment"]
    got = [a.text[s.start:s.end] for s in statements.extract(a, paragraphs.classify(a), LEXICON)]
    assert got == ["We need peace."]


def test_caption_repeating_a_quote_gives_no_second_statement() -> None:
    text = ("Mr Corbyn said Nato had been set up to ‘promote a Cold War’.\n\n"
            "Mr Corbyn claimed Nato was set up to ‘promote a Cold War’\n\n"
            "Mr Corbyn claimed Nato was set up to ‘promote a Cold War’\n")
    assert [g[0] for g in extract(text)] == ["promote a Cold War"]


def test_unclosed_quotation_is_kept_and_flagged() -> None:
    a = article("Mr Corbyn said: “We will never back down")
    quotes, anomalies = find_quotes(a.text, paragraphs.classify(a))
    assert [a.text[q.start:q.end] for q in quotes] == ["We will never back down"]
    assert quotes[0].unclosed and anomalies


def test_new_article_flows_through_without_code_change() -> None:
    """An article written in the style of the seeds, not one of them."""
    text = ("Corbyn insists Nato must talk to Moscow\n\n"
            "Jeremy Corbyn last night insisted that Britain should open talks with the Kremlin.\n\n"
            "Speaking at a rally in Islington on Saturday, the veteran MP said: “Nato expansion has "
            "made Europe less safe, not more.”\n\n"
            "“We need a security settlement that includes Russia,” he added.\n\n"
            "Owen Smith said the remarks were ‘naive and dangerous’.\n\n"
            "Jeremy Corbyn, pictured at the rally, said ‘Nato expansion has made Europe less safe’\n")
    a = Article("new", "articles/new.txt", "0" * 64, len(text.encode()), text, "Test", text.split("\n")[0],
                "", DateInterval(date(2016, 8, 22), date(2016, 8, 22)), 1)
    found = statements.extract(a, paragraphs.classify(a), LEXICON)
    rows = [(a.text[s.start:s.end], s.kind, s.speakers[0], s.said.start) for s in found]
    assert ("Nato expansion has made Europe less safe, not more.", "direct", "corbyn",
            date(2016, 8, 20)) in rows
    assert ("We need a security settlement that includes Russia,", "direct", "corbyn",
            date(2016, 8, 20)) in rows
    assert rows[-1][:3] == ("naive and dangerous", "fragment", "owen-smith")
    assert all(a.text[s.start:s.end] for s in found)


def test_raw_extractor_meets_the_bar_on_the_gold_set() -> None:
    """The raw extractor (no corrections) against the hand-annotated gold set, as published."""
    rows = {(r["stage"], r["source_id"]): r for r in evaluate.read_csv(ROOT / "data/evaluation.csv")}
    raw = rows[("raw", "all")]
    assert float(raw["direct_found_right_speaker"]) >= 0.95
    assert float(raw["overlap_f1"]) >= 0.9
    assert float(raw["speaker_acc"]) >= 0.95
    assert float(rows[("corrected", "all")]["overlap_f1"]) >= float(raw["overlap_f1"])


def test_recycled_quote_shares_a_cluster_across_articles() -> None:
    """The same words reported years apart get one cluster id; other words get their own."""
    old = article("Mr Corbyn said: “Nato should have shut up shop when the Cold War ended.”",
                  day=date(2014, 9, 1))
    new = Article("later", "articles/later.txt", "0" * 64, 1,
                  "Later headline\n\nIn 2014 Mr Corbyn said Nato should have ‘shut up shop when the Cold "
                  "War ended’.\n\nMr Corbyn said: “We will be members of Nato.”", "Test", "Later headline",
                  "", DateInterval(date(2019, 12, 3), date(2019, 12, 3)), 1)
    found = [st for a in (old, new) for st in statements.extract(a, paragraphs.classify(a), LEXICON)]
    rows = statements.rows(found, {"test": old, "later": new})
    clusters = {r["text"]: r["cluster_id"] for r in rows}
    assert clusters["Nato should have shut up shop when the Cold War ended."] == \
        clusters["shut up shop when the Cold War ended"]
    assert clusters["We will be members of Nato."] != clusters["shut up shop when the Cold War ended"]
    assert len({r["statement_id"] for r in rows}) == len(rows)


# Issue 10: failure modes seen on unseen articles, as general cases.

FULL = actors.Lexicon({**(_reg := actors.load_actors(ROOT / "seeds")), **actors.generic_actors(_reg)})


def extract_new(text: str, day: date = date(2018, 3, 14)) -> list[tuple[str, str, str]]:
    """Like ``extract``, with generic speakers and provisional actors as the build adds them."""
    a = article(text, day)
    lexicon = FULL.extended(actors.provisional(a.text, FULL))
    return [(a.text[s.start:s.end], s.kind, "/".join(s.speakers))
            for s in statements.extract(a, paragraphs.classify(a), lexicon)]


def said_dates(text: str, day: date, end: date | None = None) -> list[tuple[str, date | None, date | None]]:
    """Each statement's text with its said-date interval (publication ``day``, or ``day``..``end``)."""
    a = article(text, day, end)
    return [(a.text[s.start:s.end], s.said.start, s.said.end)
            for s in statements.extract(a, paragraphs.classify(a), FULL)]


def test_pronoun_in_a_subordinate_clause_takes_the_nearest_person() -> None:
    got = extract_new("Jeremy Corbyn is facing a call to sack his spokesman Seumas Milne after he told "
                      "reporters there was no proof that Russia was responsible.")
    assert [s for _, _, s in got] == ["corbyn-spokesman"]   # never Corbyn


def test_quoted_fragment_belongs_to_the_speaker_of_its_own_clause() -> None:
    got = extract_new("Corbyn was barracked for his response to Theresa May after she told the Commons "
                      "that the UK would expel 23 “undeclared intelligence officers”.")
    assert ("undeclared intelligence officers", "fragment", "theresa-may") in got


def test_anonymous_sources_are_a_speaker_of_their_own() -> None:
    got = extract_new("Mr Corbyn was said by sources to be “absolutely furious” about the leak.")
    assert got == [("absolutely furious", "fragment", "anonymous-sources")]
    got = extract_new("A Labour source said the party would not change its position on Nato.")
    assert [s for _, _, s in got] == ["labour-source"]


def test_unregistered_speakers_become_provisional_actors() -> None:
    text = ("Seumas Milne, the Labour leader's spokesman, said there was no proof. Lord West said "
            "Nato mattered. “We disagree,” said Michael Fallon.")
    a = article(text)
    new = actors.provisional(a.text, FULL)
    assert {"seumas-milne", "lord-west", "michael-fallon"} <= set(new)
    assert all(x.unregistered and x.kind == "person" for x in new.values())
    speakers = {s for _, _, s in extract_new(text)}
    assert {"seumas-milne", "lord-west", "michael-fallon"} <= speakers and "corbyn" not in speakers


def test_a_register_entry_takes_over_the_provisional_id() -> None:
    text = "Seumas Milne said there was no proof that Russia was responsible."
    milne = actors.Actor("seumas-milne", "Seumas Milne", "person", ("Seumas Milne", "Milne"), (), "")
    lexicon = actors.Lexicon({**FULL.actors, "seumas-milne": milne})
    assert actors.provisional(article(text).text, lexicon) == {}
    a = article(text)
    assert {"/".join(s.speakers) for s in statements.extract(a, paragraphs.classify(a), lexicon)} == \
        {"seumas-milne"}


def test_they_is_never_one_named_person() -> None:
    got = extract_new("Mr Corbyn spoke first.\n\nThey added: “This shows the party has changed.”")
    assert [s for _, _, s in got] == ["unattributed"]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Corbyn conceded that Nato had a role to play in Europe.", "corbyn"),
    ("According to Mr Corbyn, Nato should have been wound up long ago.", "corbyn"),
    ("Mr Corbyn stopped short of blaming Moscow for the attack.", "corbyn"),
])
def test_ordinary_reporting_sentences_give_a_statement(sentence: str, speaker: str) -> None:
    got = extract_new(sentence)
    assert len(got) == 1 and got[0][1:] == ("indirect", speaker)


def test_a_related_link_line_does_not_end_the_article() -> None:
    a = article("Corbyn said Nato was outdated.\n\nRead More: Corbyn in new row over Russia\n\n"
                "“We need peace,” Mr Corbyn added.\n\nComments are closed.\n\nMore text here, said nobody.")
    kinds = [p.kind for p in paragraphs.classify(a)]
    assert kinds == ["headline", "body", "related", "quote", "chrome", "chrome"]


def test_an_excerpt_cut_mid_quotation_is_body_not_a_subheading() -> None:
    a = article("Mr Corbyn said the party would debate it.\n\nShadow minister Jonathan Reynolds said: "
                "“There are lots of different views on this question in the party and we will have to")
    assert paragraphs.classify(a)[-1].kind == "body"


@pytest.mark.parametrize(("sentence", "anchor", "start", "end"), [
    ("Mr Corbyn said this afternoon that Nato was outdated.", (date(2018, 3, 14),) * 2,
     date(2018, 3, 14), date(2018, 3, 14)),
    ("Speaking last night, Mr Corbyn said: “Nato is outdated.”", (date(2018, 3, 14),) * 2,
     date(2018, 3, 13), date(2018, 3, 13)),
    ("Mr Corbyn told the BBC on Sunday that Nato was outdated.", (date(2018, 3, 14),) * 2,
     date(2018, 3, 11), date(2018, 3, 11)),
    ("Mr Corbyn said on Sunday that Nato was outdated.", (date(2018, 3, 17), date(2018, 3, 18)),
     date(2018, 3, 11), date(2018, 3, 18)),
    ("Earlier this week Mr Corbyn said that Nato was outdated.", (date(2018, 3, 14),) * 2,
     date(2018, 3, 12), date(2018, 3, 14)),
])
def test_relative_said_dates_resolve_against_the_publication(sentence: str, anchor: tuple[date, date],
                                                             start: date, end: date) -> None:
    a = article(sentence, anchor[0], anchor[1])
    st = statements.extract(a, paragraphs.classify(a), LEXICON)[0]
    assert (st.said.start, st.said.end, st.said_basis) == (start, end, "cue")


def test_a_scene_carries_to_the_same_speakers_following_words() -> None:
    a = article("Mr Corbyn gave an interview on Sunday. He said Nato was outdated.\n\n"
                "He also said Russia was to blame.", date(2018, 3, 14))
    found = statements.extract(a, paragraphs.classify(a), LEXICON)
    assert [(s.said.start, s.said_basis) for s in found] == [(date(2018, 3, 11), "scene")] * 2


def test_a_role_phrase_with_a_word_left_out_still_resolves_by_date() -> None:
    got = extract("Last week, the former leader said Nato should be disbanded.", day=date(2022, 4, 24))
    assert got == [("said Nato should be disbanded", "indirect", "corbyn")]
