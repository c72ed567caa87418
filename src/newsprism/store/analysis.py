"""Saving and loading what the NLP stage found, one table per kind of fact."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

from newsprism.models import (
    Actor,
    ArticleAnalysis,
    Citation,
    Claim,
    Event,
    Mention,
    Place,
    Quote,
    TimeExpression,
)
from newsprism.store.tables import FACT_TABLES, actors, analyses

FACT_TYPES: dict[str, type[Any]] = {
    "mentions": Mention,
    "places": Place,
    "dates": TimeExpression,
    "quotes": Quote,
    "citations": Citation,
    "claims": Claim,
    "events": Event,
}
"""Kind of fact -> its dataclass; the attribute of ArticleAnalysis has the same name."""


def fact_to_row(fact: Any) -> dict[str, Any]:
    return asdict(fact)


def fact_from_row(kind: str, row: Any) -> Any:
    cls = FACT_TYPES[kind]
    mapping = row._mapping
    return cls(**{f.name: mapping[f.name] for f in fields(cls)})


def save_analysis(conn: Connection, analysis: ArticleAnalysis) -> None:
    """Replace every stored fact of the article with ``analysis``."""
    delete_analysis(conn, analysis.article_id)
    for kind, table in FACT_TABLES.items():
        rows = [fact_to_row(fact) for fact in getattr(analysis, kind)]
        if rows:
            conn.execute(insert(table), rows)
    conn.execute(
        insert(analyses).values(
            article_id=analysis.article_id,
            pipeline_version=analysis.pipeline_version,
            analyzed_at=datetime.now(UTC).isoformat(timespec="seconds"),
            anchor=analysis.anchor,
            anchor_basis=analysis.anchor_basis,
        )
    )


def delete_analysis(conn: Connection, article_id: str) -> None:
    for table in FACT_TABLES.values():
        conn.execute(delete(table).where(table.c.article_id == article_id))
    conn.execute(delete(analyses).where(analyses.c.article_id == article_id))


def analyzed_versions(conn: Connection) -> dict[str, str]:
    """article_id -> pipeline version it was analysed with."""
    return {
        row[0]: row[1]
        for row in conn.execute(select(analyses.c.article_id, analyses.c.pipeline_version))
    }


def analysis_anchors(conn: Connection) -> dict[str, str | None]:
    """article_id -> the date its relative dates were resolved against (None: no anchor)."""
    query = select(analyses.c.article_id, analyses.c.anchor)
    return {row[0]: row[1] for row in conn.execute(query)}


def load_facts(conn: Connection, kind: str, *, article_id: str | None = None) -> list[Any]:
    table: Table = FACT_TABLES[kind]
    query = select(table).order_by(table.c.article_id, table.c.start, table.c.id)
    if article_id is not None:
        query = query.where(table.c.article_id == article_id)
    return [fact_from_row(kind, row) for row in conn.execute(query)]


def load_analysis(conn: Connection, article_id: str) -> ArticleAnalysis | None:
    row = conn.execute(select(analyses).where(analyses.c.article_id == article_id)).first()
    if row is None:
        return None
    return ArticleAnalysis(
        article_id=article_id,
        pipeline_version=row._mapping["pipeline_version"],
        anchor=row._mapping["anchor"],
        anchor_basis=row._mapping["anchor_basis"],
        **{kind: tuple(load_facts(conn, kind, article_id=article_id)) for kind in FACT_TABLES},
    )


def save_actors(conn: Connection, found: list[Actor]) -> None:
    """Replace the corpus-wide actor table."""
    conn.execute(delete(actors))
    if found:
        conn.execute(
            insert(actors),
            [
                a.__dict__ | {"aliases": json.dumps(list(a.aliases), ensure_ascii=False)}
                for a in found
            ],
        )


def load_actors(conn: Connection) -> list[Actor]:
    return [
        Actor(id=r[0], name=r[1], kind=r[2], role=r[3], aliases=tuple(json.loads(r[4])))
        for r in conn.execute(
            select(
                actors.c.id, actors.c.name, actors.c.kind, actors.c.role, actors.c.aliases
            ).order_by(actors.c.name)
        )
    ]


def load_analyses(conn: Connection) -> dict[str, ArticleAnalysis]:
    """Every stored analysis, keyed by article id (one query per kind of fact)."""
    versions = analyzed_versions(conn)
    anchors = {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            select(analyses.c.article_id, analyses.c.anchor, analyses.c.anchor_basis)
        )
    }
    grouped: dict[str, dict[str, list[Any]]] = {
        article_id: {kind: [] for kind in FACT_TABLES} for article_id in versions
    }
    for kind in FACT_TABLES:
        for fact in load_facts(conn, kind):
            if fact.article_id in grouped:
                grouped[fact.article_id][kind].append(fact)
    return {
        article_id: ArticleAnalysis(
            article_id=article_id,
            pipeline_version=versions[article_id],
            anchor=anchors[article_id][0],
            anchor_basis=anchors[article_id][1],
            **{kind: tuple(facts) for kind, facts in kinds.items()},
        )
        for article_id, kinds in grouped.items()
    }


def replace_facts(conn: Connection, kind: str, facts: Sequence[Any]) -> None:
    """Replace every stored fact of one kind (after a corpus-wide pass such as actor merging)."""
    table = FACT_TABLES[kind]
    conn.execute(delete(table))
    rows = [fact_to_row(fact) for fact in facts]
    if rows:
        conn.execute(insert(table), rows)
