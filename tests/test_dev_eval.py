"""The dev-set evaluation (scripts/steps/devset.py, devscore.py, evaluate.py metrics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.steps import devset, evaluate
from scripts.steps.evaluate import Span
from tests.conftest import ROOT


def _span(start: int, end: int, kind: str = "direct", speaker: str = "corbyn",
          said: tuple[str, str] = ("", "2020-01-01")) -> Span:
    return Span("s", start, end, kind, speaker, said)


def test_wrong_dates_are_only_those_sharing_no_day_with_the_gold() -> None:
    assert not evaluate._wrong_date(("", "2018-03-18"), ("2018-03-10", "2018-03-18"))   # coarse
    assert not evaluate._wrong_date(("2019-12-04", "2019-12-04"), ("2018-03-05", ""))  # open end
    assert not evaluate._wrong_date(("2019-12-04", "2019-12-04"), ("", "2019-12-09"))  # undated
    assert evaluate._wrong_date(("", "2022-08-01"), ("2022-08-02", "2022-08-02"))      # after the gold
    assert evaluate._wrong_date(("2015-08-03", "2015-08-09"), ("2015-08-10", "2015-08-16"))


def test_quality_metrics() -> None:
    gold = [_span(0, 10), _span(20, 30, "fragment", "theresa-may"), _span(40, 50, "indirect", "nato"),
            _span(60, 70, "direct", "labour-source"), _span(80, 90, "direct", "corbyn", ("2019-12-04",) * 2)]
    pred = [_span(0, 10), _span(20, 30, "fragment", "corbyn"), _span(40, 50, "indirect", "nato"),
            _span(80, 90, "direct", "corbyn", ("2019-12-04",) * 2)]
    q = evaluate.quality(gold, pred, frozenset({"labour-source", "unattributed"}))
    assert q["quote_gold"] == 3                                   # the generic speaker's quote is left out
    assert q["quote_recall"] == 1.0 and q["quote_speaker_acc"] == 2 / 3
    assert q["to_corbyn"] == 1                                    # May's words given to Corbyn
    assert (q["corbyn_dated_gold"], q["corbyn_date_exact"]) == (1, 1.0)


def test_dev_articles_have_a_split_and_their_gold_is_found() -> None:
    chosen = devset.articles(ROOT)
    assert chosen and {"tune", "check", "holdout"} <= {d.split for d in chosen} <= set(devset.SPLITS)
    assert all((d.batch / d.entry["file"]).is_file() for d in chosen)


def test_staging_never_touches_the_package(tmp_path: Path) -> None:
    """Dev texts are staged in a temporary seeds folder; dev speakers only when registered."""
    chosen = devset.articles(ROOT)[:2]
    seeds = devset.stage(ROOT, tmp_path, chosen, registered=False)
    assert len(list((seeds / "articles").glob("*.txt"))) == 2
    with_dev = devset.stage(ROOT, tmp_path / "r", chosen, registered=True)
    assert len((with_dev / "actors.yaml").read_text()) > len((seeds / "actors.yaml").read_text())
    assert not (ROOT / "seeds" / "articles" / f"{chosen[0].batch.name}_00_{chosen[0].name}").exists()


def test_published_evaluation_carries_the_dev_rows() -> None:
    rows = {(r["stage"], r["source_id"]): r for r in evaluate.read_csv(ROOT / "data/evaluation.csv")}
    for stage in ("dev-tune", "dev-check", "dev-holdout"):
        row = rows[(stage, "all")]
        assert int(row["gold"]) > 0 and row["quote_recall"] and row["speaker_acc_unregistered"]
    assert rows[("raw", "all")]["to_corbyn"] == "0"


def test_every_lexicon_file_loads_with_a_reason_per_entry() -> None:
    from scripts import lexicon

    names = sorted(p.stem for p in lexicon.HERE.glob("*.yaml"))
    assert "reporting_verbs" in names and "generic_speakers" in names
    extras = {"page_furniture": ("kind",), "generic_speakers": ("id", "kind"), "name_words": ("kind",),
              "outlets": ("name",), "respondent_verbs": ("side",), "anaphors": ("refers_to",),
              "negated_reporting": ("kind",), "noun_participles": ("kind",), "carriers": ("kind",),
              "noun_homographs": ("kind",), "denial_frames": ("kind",),
              "programmes": ("weekday",), "attributive_dates": ("kind",),
              "party_abbreviations": ("id",),
              "topline_abbreviations": ("id",)}
    for name in names:
        assert all(len(e["reason"].split()) >= 3 for e in lexicon.entries(name, extras.get(name, ())))


def test_the_build_lists_unregistered_speakers_with_a_hint(package: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    import yaml

    from scripts import build

    text = ("Milne defends remarks on Russia\n\nSeumas Milne, Jeremy Corbyn's spokesman, said there was no "
            "proof yet. “We need the evidence,” Mr Milne told reporters.\n")
    (package / "seeds" / "articles" / "900_milne.txt").write_text(text, encoding="utf-8")
    register = package / "seeds" / "sources.yaml"
    entries = yaml.safe_load(register.read_text(encoding="utf-8"))
    entries.append({**{k: v for k, v in entries[0].items()}, "id": "2018-milne-test",
                    "file": "articles/900_milne.txt", "headline": "Milne defends remarks on Russia",
                    "sha256": hashlib.sha256(text.encode()).hexdigest(), "url": ""})
    register.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert build.main(["--root", str(package)]) == 0
    err = capsys.readouterr().err
    assert "seumas-milne" in err and "seeds/actors.yaml" in err
    actors = {r["actor_id"]: r for r in evaluate.read_csv(package / "data" / "actors.csv")}
    assert actors["seumas-milne"]["unregistered"] == "true"
    said = {r["speaker_id"] for r in evaluate.read_csv(package / "data" / "statements.csv")
            if r["source_id"] == "2018-milne-test"}
    assert said == {"seumas-milne"}


def test_the_report_takes_the_newest_held_out_split() -> None:
    """The last dev row other than tune, in the order the evaluate step writes the splits."""
    import polars as pl

    from scripts.reporting import report_data

    table = pl.DataFrame({"stage": ["raw", "dev-tune", "dev-check", "dev-blind", "dev-blind", "dev-tune"],
                          "source_id": ["all", "all", "all", "x", "all", "y"], "n": [1, 2, 3, 4, 5, 6]})
    assert report_data.held_out(table)["n"] == 5
    assert report_data.held_out(table.filter(pl.col("stage") == "raw")) == {}
