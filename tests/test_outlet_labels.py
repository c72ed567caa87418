"""Outlets show by name: a file path never stands for an outlet, unknown sources stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

import newsprism
from newsprism import cli
from newsprism.ingest.assemble import IngestOverrides
from newsprism.ingest.sources import source_label
from newsprism.pipeline import ingest
from newsprism.settings import Settings
from newsprism.store.articles import load_articles

WIRE = (
    "Flood waters rose overnight in the river valley, officials said on Tuesday, and "
    "{n} families were moved to schools on higher ground.\n\n"
    "A spokesman for the regional emergency service said boats had reached {n} villages."
)
NGO = (
    "GENEVA - The relief coalition counted {n} shelters damaged along the coast this week "
    "and appealed for clean water, tents and medical kits for displaced families.\n\n"
    "Our teams on the ground report that access remains difficult, the coordinator said."
)
STATE = (
    "The governor chaired an emergency meeting on Thursday and ordered {n} additional crews "
    "to clear the mountain roads, the official news agency reported.\n\n"
    "Order and calm prevail in the province, the statement added."
)
LIVE_BLOG = (
    "10:42 Rescuers say {n} people are still missing after the landslide near the pass.\n\n"
    "10:15 The road to the valley remains closed, the transport ministry says."
)


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("examples/some-corpus/001_ab12.txt", "001_ab12.txt"),
        ("/home/analyst/saved pages/report.html", "report.html"),
        ("C:\\Users\\me\\Desktop\\story.txt", "story.txt"),
        ("dumps/feed.xml#record 3", "feed.xml#record 3"),
        ("scraped.jsonl#record 12", "scraped.jsonl#record 12"),
        ("https://news.example.org/2024/05/flood", "https://news.example.org/2024/05/flood"),
        ("-#record 2", "-#record 2"),
        ("plain.txt", "plain.txt"),
    ],
)
def test_source_label_is_the_file_name_never_the_path(source: str, label: str) -> None:
    assert source_label(source) == label


def _outlets(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {a.source: a.outlet or "" for a in load_articles(conn)}


def test_unknown_outlet_is_the_file_name_and_two_folders_stay_two_outlets(
    engine: Engine, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    for folder, text in (("valley", WIRE.format(n=12)), ("coast", NGO.format(n=40))):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "report.txt").write_text(text, encoding="utf-8")
    (corpus / "valley" / "blog.txt").write_text(LIVE_BLOG.format(n=7), encoding="utf-8")
    report = ingest([str(corpus)], engine=engine, settings=Settings())
    assert len(report.stored) == 3
    outlets = _outlets(engine)
    assert all("/" not in outlet and str(tmp_path) not in outlet for outlet in outlets.values())
    assert outlets[str(corpus / "valley" / "blog.txt")] == "blog.txt"
    reports = sorted(o for s, o in outlets.items() if s.endswith("report.txt"))
    assert reports == ["report.txt", "report.txt (2)"]
    # A rerun and a grown folder keep every label; the new file of the same name gets a third.
    (corpus / "hills").mkdir()
    (corpus / "hills" / "report.txt").write_text(STATE.format(n=3), encoding="utf-8")
    ingest([str(corpus)], engine=engine, settings=Settings())
    grown = _outlets(engine)
    assert {s: grown[s] for s in outlets} == outlets
    assert grown[str(corpus / "hills" / "report.txt")] == "report.txt (3)"


def test_a_site_signature_still_names_the_outlet(engine: Engine, tmp_path: Path) -> None:
    page = WIRE.format(n=5) + "\n\nRiverTimes.info"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], engine=engine, settings=Settings())
    assert _outlets(engine) == {str(tmp_path / "a.txt"): "rivertimes.info"}
    with engine.connect() as conn:  # stored with how it was found, for the article page
        (article,) = load_articles(conn)
    assert article.how_found("outlet") == "from a site signature in the text"


def test_a_folder_outlet_given_by_the_user_wins(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(WIRE.format(n=2), encoding="utf-8")
    (tmp_path / "in" / "two.txt").write_text(LIVE_BLOG.format(n=9), encoding="utf-8")
    overrides = IngestOverrides(outlet="Valley Courier")
    ingest([str(tmp_path / "in")], engine=engine, settings=Settings(), overrides=overrides)
    assert set(_outlets(engine).values()) == {"Valley Courier"}


def test_python_api_ingest_takes_an_outlet(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(WIRE.format(n=4), encoding="utf-8")
    with newsprism.open(f"sqlite:///{tmp_path / 'n.db'}") as prism:
        report = prism.ingest([tmp_path / "wire.txt"], outlet="Delta Wire")
        assert len(report.stored) == 1
        assert prism.outlets() == ("Delta Wire",)


def test_run_command_passes_its_outlet_to_ingest(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[IngestOverrides | None] = []

    class Stop(Exception):
        pass

    def fake_run(*args: object, overrides: IngestOverrides | None = None, **kw: object) -> None:
        seen.append(overrides)
        raise Stop

    monkeypatch.setattr(cli, "_run", fake_run)
    (tmp_path / "a.txt").write_text(WIRE.format(n=1), encoding="utf-8")
    result = CliRunner().invoke(
        cli.cli, ["run", str(tmp_path), "--outlet", "Harbour Post", "--out", str(tmp_path / "o")]
    )
    assert isinstance(result.exception, Stop)
    assert seen == [IngestOverrides(outlet="Harbour Post")]
