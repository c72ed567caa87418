"""A short summary of the stored corpus: what was read, from whom, when, and what was dropped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from newsprism.models import Article, IngestReport
from newsprism.store.articles import load_articles


def corpus_summary(
    articles: list[Article], *, report: IngestReport | None = None
) -> dict[str, Any]:
    removed_reasons: Counter[str] = Counter()
    for article in articles:
        removed_reasons.update(r.reason for r in article.removed)
    return {
        "articles": len(articles),
        "originals": sum(1 for a in articles if a.duplicate_of is None),
        "duplicates": sum(1 for a in articles if a.duplicate_of is not None),
        "outlets": dict(Counter(a.outlet or a.source for a in articles).most_common()),
        "languages": dict(Counter(a.language or "unknown" for a in articles).most_common()),
        "removed_lines": dict(removed_reasons.most_common()),
        "failed": [{"where": f.where, "reason": f.reason} for f in report.failed] if report else [],
        "items": [
            {
                "id": a.id,
                "source": a.source,
                "outlet": a.outlet,
                "title": a.title,
                "author": a.author,
                "published": a.published.value,
                "published_method": a.published.method,
                "published_hints": {k: v for k, v in a.published.hints},
                "language": a.language,
                "words": len(a.text.split()),
                "removed_lines": len(a.removed),
                "duplicate_of": a.duplicate_of,
            }
            for a in articles
        ],
    }


def summary_markdown(summary: dict[str, Any]) -> str:
    lines = [
        "# Corpus summary",
        "",
        f"{summary['articles']} articles ({summary['originals']} originals, "
        f"{summary['duplicates']} re-posts) from {len(summary['outlets'])} outlets.",
        "",
        "| id | outlet | title | author | published | language | words | removed lines "
        "| re-post of |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for item in summary["items"]:
        published = item["published"] or (
            "unknown" + (f" (hints: {item['published_hints']})" if item["published_hints"] else "")
        )
        cells = [
            item["id"],
            item["outlet"] or "",
            item["title"] or "",
            item["author"] or "",
            published,
            item["language"] or "",
            str(item["words"]),
            str(item["removed_lines"]),
            item["duplicate_of"] or "",
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if summary["removed_lines"]:
        lines += [
            "",
            "Lines removed by cleaning, by reason: "
            + ", ".join(f"{reason} {count}" for reason, count in summary["removed_lines"].items()),
        ]
    if summary["failed"]:
        lines += ["", "## Inputs that could not be read", ""]
        lines += [f"- {f['where']}: {f['reason']}" for f in summary["failed"]]
    return "\n".join(lines) + "\n"


def write_corpus_summary(
    engine: Engine, out_dir: Path, *, report: IngestReport | None = None
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        summary = corpus_summary(load_articles(conn), report=report)
    json_path = out_dir / "summary.json"
    md_path = out_dir / "summary.md"
    json_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(summary_markdown(summary), encoding="utf-8")
    return [md_path, json_path]
