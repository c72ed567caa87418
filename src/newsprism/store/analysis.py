"""Saving and loading what the NLP stage found, one table per kind of fact."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

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


FACT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(cls)) for kind, cls in FACT_TYPES.items()
}
"""Kind of fact -> its field names (asked once: ``fields`` and ``asdict`` are slow per row)."""
_FIELDS_OF: dict[type[Any], tuple[str, ...]] = {FACT_TYPES[k]: v for k, v in FACT_FIELDS.items()}


def fact_to_row(fact: Any) -> dict[str, Any]:
    """A fact as a row; every fact field is a scalar, so no deep copy (``asdict``) is needed."""
    names = _FIELDS_OF.get(type(fact))
    if names is None:
        return asdict(fact)
    return {name: getattr(fact, name) for name in names}


def fact_from_row(kind: str, row: Any) -> Any:
    mapping = row._mapping
    return FACT_TYPES[kind](**{name: mapping[name] for name in FACT_FIELDS[kind]})


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


PROVISIONAL_ANCHOR_BASIS = "the latest publication date in its story (the article gives none):"
"""The anchor basis of an undated article analysed against its story's latest date."""


def provisional_anchors(conn: Connection) -> dict[str, str]:
    """article_id -> the provisional (story) date it was analysed against, where one was."""
    query = select(analyses.c.article_id, analyses.c.anchor).where(
        analyses.c.anchor_basis == PROVISIONAL_ANCHOR_BASIS, analyses.c.anchor.is_not(None)
    )
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


_IN_CHUNK = 500  # ids bound per query (SQLite limits the variables of one statement)


def _chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    return [ids[i : i + _IN_CHUNK] for i in range(0, len(ids), _IN_CHUNK)]


def load_analyses(
    conn: Connection,
    *,
    article_ids: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
) -> dict[str, ArticleAnalysis]:
    """Stored analyses keyed by article id: all, or those of ``article_ids``.

    ``kinds`` limits the facts loaded (the others are left empty): grouping into stories
    needs places, mentions and claims of every article, not its quotes or dates.
    """
    wanted = [kind for kind in FACT_TABLES if kinds is None or kind in kinds]
    head = select(
        analyses.c.article_id,
        analyses.c.pipeline_version,
        analyses.c.anchor,
        analyses.c.anchor_basis,
    )
    if article_ids is None:
        rows = list(conn.execute(head))
    else:
        ids = sorted(set(article_ids))
        rows = [
            row
            for chunk in _chunks(ids)
            for row in conn.execute(head.where(analyses.c.article_id.in_(chunk)))
        ]
    found = {row[0]: (row[1], row[2], row[3]) for row in rows}
    grouped: dict[str, dict[str, list[Any]]] = {
        article_id: {kind: [] for kind in FACT_TABLES} for article_id in found
    }
    for kind in wanted:
        if article_ids is None:
            facts = load_facts(conn, kind)
        else:
            facts = [
                fact
                for chunk in _chunks(sorted(found))
                for fact in load_facts_of(conn, kind, chunk)
            ]
        for fact in facts:
            if fact.article_id in grouped:
                grouped[fact.article_id][kind].append(fact)
    return {
        article_id: ArticleAnalysis(
            article_id=article_id,
            pipeline_version=found[article_id][0],
            anchor=found[article_id][1],
            anchor_basis=found[article_id][2],
            **{kind: tuple(facts) for kind, facts in kinds_of.items()},
        )
        for article_id, kinds_of in grouped.items()
    }


def load_facts_of(conn: Connection, kind: str, article_ids: Sequence[str]) -> list[Any]:
    """The facts of one kind of the given articles (in article and offset order)."""
    table: Table = FACT_TABLES[kind]
    query = (
        select(table)
        .where(table.c.article_id.in_(list(article_ids)))
        .order_by(table.c.article_id, table.c.start, table.c.id)
    )
    return [fact_from_row(kind, row) for row in conn.execute(query)]


def load_fact_rows(conn: Connection, kind: str) -> list[tuple[int, Any]]:
    """Every fact of one kind with its row id, in the order of :func:`load_facts`."""
    table: Table = FACT_TABLES[kind]
    query = select(table).order_by(table.c.article_id, table.c.start, table.c.id)
    return [(row._mapping["id"], fact_from_row(kind, row)) for row in conn.execute(query)]


def set_fact_column(conn: Connection, kind: str, column: str, values: Mapping[int, Any]) -> None:
    """Set one column of the given rows (row id -> value), leaving every other row alone:
    a corpus-wide pass (actor linking) writes only the links it changed."""
    if not values:
        return
    table = FACT_TABLES[kind]
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({column: bindparam("new_value")})
    )
    conn.execute(
        statement, [{"row_id": row_id, "new_value": value} for row_id, value in values.items()]
    )


def replace_facts(conn: Connection, kind: str, facts: Sequence[Any]) -> None:
    """Replace every stored fact of one kind (after a corpus-wide pass such as actor merging)."""
    table = FACT_TABLES[kind]
    conn.execute(delete(table))
    rows = [fact_to_row(fact) for fact in facts]
    if rows:
        conn.execute(insert(table), rows)
