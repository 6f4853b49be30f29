"""Clustering of recycled words: the shingle index finds the same clusters as all pairs."""

from __future__ import annotations

import random
import re

from scripts.annotate.temporal import DateInterval
from scripts.ids import normalise, stable_id
from scripts.registers.sources import Article
from scripts.steps import statements
from scripts.steps.statements import Statement

VOCAB = ["nato", "russia", "war", "peace", "the", "must", "end", "we", "talk", "to", "putin", "is", "a",
         "danger", "alliance", "Cold", "expansion", "should", "not", "—", "“", "”,", "it’s", "said"]
SPEAKERS = ["corbyn", "labour-party", "unattributed", "stoltenberg"]


def _all_pairs(found: list[Statement], articles: dict[str, Article]) -> dict[tuple[str, int, int], str]:
    """The reference rule, pair by pair (quadratic): the clustering before the index."""
    items = [((st.source_id, st.start, st.end), st.speakers,
              normalise(articles[st.source_id].text[st.start:st.end])) for st in found]
    parent = {k: k for k, _, _ in items}

    def find(k: tuple[str, int, int]) -> tuple[str, int, int]:
        while parent[k] != k:
            k = parent[k]
        return k

    words = {k: re.sub(r"[^\w\s]", "", t).split() for k, _, t in items}
    for i, (a, sa, _) in enumerate(items):
        for b, sb, _ in items[i + 1:]:
            if a == b or not set(sa) & set(sb):
                continue
            short, long_ = sorted((words[a], words[b]), key=len)
            if len(short) >= 3 and f" {' '.join(short)} " in f" {' '.join(long_)} ":
                parent[find(a)] = find(b)
    groups: dict[tuple[str, int, int], list[str]] = {}
    for k, _, t in items:
        groups.setdefault(find(k), []).append(t)
    return {k: stable_id("cl", max(groups[find(k)], key=lambda t: (len(t), t))) for k, _, _ in items}


def _corpus(seed: int, n_articles: int) -> tuple[list[Statement], dict[str, Article]]:
    """Articles of statements recycled from a small pool, cut, extended and re-attributed."""
    rng = random.Random(seed)
    pool = [[rng.choice(VOCAB) for _ in range(rng.randint(1, 12))] for _ in range(40)]
    found, articles = [], {}
    for a in range(n_articles):
        parts, spans = [], []
        pos = 0
        for _ in range(rng.randint(1, 8)):
            words = list(rng.choice(pool))
            if rng.random() < 0.4 and len(words) > 3:      # a cut-down quotation
                i = rng.randrange(len(words) - 2)
                words = words[i:i + rng.randint(2, len(words) - i)]
            if rng.random() < 0.3:                         # an extended one
                words += [rng.choice(VOCAB) for _ in range(rng.randint(1, 4))]
            chunk = " ".join(words)
            spans.append((pos, pos + len(chunk)))
            parts.append(chunk)
            pos += len(chunk) + 2
        text = ". ".join(parts)
        sid = f"a{a:04d}"
        articles[sid] = Article(sid, f"{sid}.txt", "0" * 64, len(text.encode()), text, "", "", "",
                                DateInterval(None, None), 1)
        for s, e in spans:
            who = tuple(sorted(rng.sample(SPEAKERS, rng.choice((1, 1, 1, 2)))))
            found.append(Statement(sid, 1, s, e, "direct", who, "explicit", None, (s, e)))
    return found, articles


def test_index_clusters_equal_all_pairs_on_generated_corpora() -> None:
    for seed in range(12):
        found, articles = _corpus(seed, 60)
        expected = _all_pairs(found, articles)
        assert statements._clusters(found, articles) == expected, seed
        assert len(set(expected.values())) < len(expected) / 1.5   # the corpus does recycle words


def test_index_clusters_equal_all_pairs_on_seeds() -> None:
    from scripts import build
    from scripts.paths import ROOT

    x = build.extract(ROOT / "seeds")
    articles = {a.id: a for a in x.articles}
    got = statements._clusters(x.statements, articles)
    assert got == _all_pairs(x.statements, articles)
    assert len(set(got.values())) < len(got)    # some words are recycled across the seeds


def test_an_added_correction_joins_the_cluster_of_the_words_it_shares(package) -> None:
    """One cluster rule for extracted and added statements: clusters are made on the final table."""
    import csv

    from scripts import build

    with open(package / "data" / "statements.csv", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    host = next(r for r in table if r["kind"] == "direct" and r["speaker_id"] == "corbyn"
                and len(r["text"].split()) >= 8 and r["corrected"] == "false" and "'" not in r["text"])
    words = " ".join(host["text"].split()[1:-1])
    assert words in host["text"]
    with open(package / "seeds" / "corrections.yaml", "a", encoding="utf-8") as f:
        f.write(f"\n- action: add\n  source_id: {host['source_id']}\n  text: '{words}'\n"
                f"  occurrence: 1\n  set: {{kind: fragment, speaker_id: corbyn}}\n  why: test\n")
    rows = build.tables(package / "seeds")[1]["statements"].to_dicts()
    added = next(r for r in rows if r["text"] == words and r["corrected"])
    assert added["cluster_id"] == host["cluster_id"]
