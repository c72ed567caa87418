"""A story told in three languages: one story, one ledger, each report keeping its language.

The three reports of one (made-up) building collapse are written for this test in English,
Russian and French; they share the place, the date and the figures, not their words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsprism

REPORTS = [
    {
        "url": "https://example-wire.test/en/collapse",
        "outlet": "Example Wire",
        "language": "en",
        "date": "2024-03-10",
        "title": "Building collapse in Marseille kills five",
        "text": (
            "At least five people were killed and 12 were injured when a residential building "
            "collapsed in Marseille on Sunday, the city's fire service said. Rescuers searched "
            "the rubble through the night in the centre of Marseille, France's second city."
        ),
    },
    {
        "url": "https://primer-novosti.test/ru/obrushenie",
        "outlet": "Primer Novosti",
        "language": "ru",
        "date": "2024-03-10",
        "title": "В Марселе обрушился жилой дом",
        "text": (
            "В Марселе на юге Франции обрушился жилой дом. По данным пожарной службы, погибли "
            "не менее пяти человек, еще 12 человек получили ранения. Спасатели продолжают "
            "разбирать завалы в центре Марселя."
        ),
    },
    {
        "url": "https://journal-exemple.test/fr/effondrement",
        "outlet": "Journal Exemple",
        "language": "fr",
        "date": "2024-03-10",
        "title": "Effondrement d'un immeuble à Marseille",
        "text": (
            "Au moins cinq personnes ont été tuées et 12 autres blessées dans l'effondrement "
            "d'un immeuble d'habitation à Marseille dimanche, selon les pompiers. Les secours "
            "fouillaient toujours les décombres dans le centre de Marseille."
        ),
    },
]


@pytest.mark.slow
def test_reports_in_three_languages_form_one_story_with_one_ledger(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    lines = [json.dumps(record, ensure_ascii=False) for record in REPORTS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with newsprism.open(f"sqlite:///{tmp_path / 'prism.db'}") as prism:
        prism.run([str(path)])
        [story] = prism.stories()
        assert story.article_count == 3
        comparison = prism.story(story.id)
        by_figure = {(g.category, g.who): g for g in comparison.ledger}
        killed = by_figure[("killed", "people")]
        assert {r.outlet for r in killed.reports} == {r["outlet"] for r in REPORTS}
        assert {(r.value_min, r.qualifier) for r in killed.reports} == {(5.0, "at_least")}
        assert killed.status == "corroborated"
        injured = by_figure[("injured", "people")]
        assert {r.outlet for r in injured.reports} == {r["outlet"] for r in REPORTS}

        # each report keeps its language, in the export and in the briefing
        outlet_language = {r["outlet"]: r["language"] for r in REPORTS}
        [record] = [
            row
            for row in prism.records("comparisons")
            if (row["category"], row["who"]) == ("killed", "people")
        ]
        assert {(r["outlet"], r["language"]) for r in record["reports"]} == set(
            outlet_language.items()
        )
        briefing = prism.briefing(story.id)
        [figure] = [
            f
            for f in briefing["stories"][0]["figures"]
            if (f["category"], f["who"]) == ("killed", "people")
        ]
        assert {(r["outlet"], r["language"]) for r in figure["reports"]} == set(
            outlet_language.items()
        )


@pytest.mark.slow
def test_article_in_a_language_without_pipeline_is_listed_as_not_analysed(tmp_path: Path) -> None:
    record = {
        "url": "https://beispiel.test/de/einsturz",
        "outlet": "Beispiel Zeitung",
        "language": "de",
        "date": "2024-03-10",
        "title": "Hauseinsturz",
        "text": "Beim Einsturz eines Wohnhauses sind mindestens fünf Menschen ums Leben gekommen.",
    }
    path = tmp_path / "report.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with newsprism.open(f"sqlite:///{tmp_path / 'prism.db'}") as prism:
        prism.run([str(path)])
        [row] = prism.records("articles")
        assert row["analyses"] == []
        assert row["analysis_note"] == "not analysed: no pipeline for language 'de'"
        [story] = prism.stories()
        [article] = prism.briefing(story.id)["stories"][0]["articles"]
        assert article["analysis_note"] == "de: not analysed: no pipeline for language 'de'"
        assert list(prism.records("claims")) == []
