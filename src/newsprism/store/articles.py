"""Saving, loading and searching articles."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import OperationalError, ProgrammingError

from newsprism.errors import NotFound
from newsprism.models import Article, PublicationDate, RemovedText
from newsprism.store.tables import articles, minhashes

# Built once: ingest runs these for every article.
_IDS_FROM_SOURCE = select(articles.c.id).where(articles.c.source == bindparam("source"))
_EXISTS = select(articles.c.id).where(articles.c.id == bindparam("article_id"))
_BY_CONTENT_HASH = (
    select(articles)
    .where(articles.c.content_hash == bindparam("content_hash"))
    .order_by(articles.c.ingested_at)
)
_INSERT_ARTICLE = insert(articles)
_INSERT_MINHASH = insert(minhashes)


def to_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published.value,
        "published_method": article.published.method,
        "published_confidence": article.published.confidence,
        "published_evidence": article.published.evidence,
        "published_hints": json.dumps([list(h) for h in article.published.hints]),
        "language": article.language,
        "text": article.text,
        "raw_text": article.raw_text,
        "removed": json.dumps(
            [{"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed],
            ensure_ascii=False,
        ),
        "content_hash": article.content_hash,
        "duplicate_of": article.duplicate_of,
        "duplicate_kind": article.duplicate_kind,
        "story_id": article.story_id,
        "found_by": json.dumps(dict(article.found_by), ensure_ascii=False),
    }


def from_row(row: Any) -> Article:
    m = row._mapping
    hints = tuple(tuple(h) for h in json.loads(m["published_hints"] or "[]"))
    return Article(
        id=m["id"],
        source=m["source"],
        format=m["format"],
        url=m["url"],
        outlet=m["outlet"],
        title=m["title"],
        author=m["author"],
        published=PublicationDate(
            value=m["published"],
            method=m["published_method"] or "none",
            confidence=m["published_confidence"] or 0.0,
            evidence=m["published_evidence"],
            hints=hints,
        ),
        language=m["language"],
        text=m["text"],
        raw_text=m["raw_text"],
        removed=tuple(
            RemovedText(text=r["text"], reason=r["reason"], line=r.get("line"))
            for r in json.loads(m["removed"] or "[]")
        ),
        content_hash=m["content_hash"],
        duplicate_of=m["duplicate_of"],
        duplicate_kind=m["duplicate_kind"],
        story_id=m["story_id"],
        found_by=tuple(json.loads(m.get("found_by") or "{}").items()),
    )


def save_article(
    conn: Connection,
    article: Article,
    *,
    signature: bytes | None = None,
    num_perm: int = 128,
    from_source: list[str] | None = None,
) -> list[str]:
    """Insert ``article``, replacing an older version read from the same source.

    Re-posts of a replaced version are pointed at the new one (or at its original), so
    ``duplicate_of`` always names a stored row. Returns the ids replaced. ``from_source``
    is ``ids_from_source(conn, article.source)`` when the caller has just read it.
    """
    if from_source is None:
        from_source = ids_from_source(conn, article.source)
    replaced = [found for found in from_source if found != article.id]
    if replaced:
        target = article.duplicate_of or article.id
        conn.execute(delete(articles).where(articles.c.id.in_(replaced)))
        conn.execute(
            update(articles)
            .where(articles.c.duplicate_of.in_(replaced))
            .values(duplicate_of=target)
        )
    row = to_row(article) | {"ingested_at": datetime.now(UTC).isoformat(timespec="seconds")}
    conn.execute(_INSERT_ARTICLE, row)
    if signature is not None:
        conn.execute(
            _INSERT_MINHASH,
            {"article_id": article.id, "num_perm": num_perm, "signature": signature},
        )
    return replaced


def article_exists(conn: Connection, article_id: str) -> bool:
    return conn.execute(_EXISTS, {"article_id": article_id}).first() is not None


def load_article(conn: Connection, article_id: str) -> Article:
    row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
    if row is None:
        raise NotFound(f"no article {article_id!r}")
    return from_row(row)


def load_articles(conn: Connection, *, originals_only: bool = False) -> list[Article]:
    """All articles in ingestion order (re-posts too unless ``originals_only``)."""
    query = select(articles).order_by(articles.c.ingested_at, articles.c.source)
    if originals_only:
        query = query.where(articles.c.duplicate_of.is_(None))
    return [from_row(row) for row in conn.execute(query)]


def find_by_content_hash(conn: Connection, content_hash: str) -> Article | None:
    """The original article with this exact content, if one is stored."""
    row = conn.execute(_BY_CONTENT_HASH, {"content_hash": content_hash}).first()
    if row is None:
        return None
    found = from_row(row)
    if found.duplicate_of:
        return load_article(conn, found.duplicate_of)
    return found


def load_signatures(conn: Connection) -> Iterator[tuple[str, str | None, int, bytes]]:
    """(article_id, duplicate_of, num_perm, signature) of every stored article."""
    query = select(
        minhashes.c.article_id, articles.c.duplicate_of, minhashes.c.num_perm, minhashes.c.signature
    ).join(articles, articles.c.id == minhashes.c.article_id)
    for row in conn.execute(query):
        yield row[0], row[1], row[2], row[3]


def mark_duplicate(conn: Connection, article_id: str, *, original_id: str, kind: str) -> None:
    conn.execute(
        update(articles)
        .where(articles.c.id == article_id)
        .values(duplicate_of=original_id, duplicate_kind=kind)
    )


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def _quoted_fts_query(query: str) -> str:
    return " ".join(f'"{token}"' for token in _FTS_TOKEN.findall(query))


def search_articles(conn: Connection, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Full-text search: FTS5 (bm25) on SQLite, text search on PostgreSQL."""
    if not query.strip():
        return []
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, query, limit)
    return _search_postgres(conn, query, limit)


def _search_sqlite(conn: Connection, query: str, limit: int) -> list[SearchHit]:
    sql = text(
        "SELECT a.id, a.title, a.outlet, a.published, "
        "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts) AS rank "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit"
    )
    try:
        rows = conn.execute(sql, {"q": query, "limit": limit}).all()
    except OperationalError:
        quoted = _quoted_fts_query(query)
        if not quoted:
            return []
        rows = conn.execute(sql, {"q": quoted, "limit": limit}).all()
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in rows]


def _search_postgres(conn: Connection, query: str, limit: int) -> list[SearchHit]:
    sql = text(
        "SELECT id, title, outlet, published, "
        "ts_headline('simple', text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8') AS snippet, "
        "ts_rank(to_tsvector('simple', coalesce(title, '') || ' ' || text), q) AS rank "
        "FROM articles, plainto_tsquery('simple', :q) AS q "
        "WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text) @@ q "
        "ORDER BY rank DESC LIMIT :limit"
    )
    try:
        rows = conn.execute(sql, {"q": query, "limit": limit}).all()
    except ProgrammingError:
        return []
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5])) for r in rows]


def count_articles(conn: Connection) -> int:
    """How many articles the store holds (duplicates included)."""
    return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def ids_from_source(conn: Connection, source: str) -> list[str]:
    """Ids of the stored articles read from ``source`` (older versions of one input)."""
    return [str(r[0]) for r in conn.execute(_IDS_FROM_SOURCE, {"source": source})]


def load_outlet_sources(conn: Connection) -> dict[str, set[str]]:
    """Each stored outlet with the sources of its articles (one pass over the articles)."""
    found: dict[str, set[str]] = {}
    for outlet, source in conn.execute(select(articles.c.outlet, articles.c.source)):
        if outlet:
            found.setdefault(str(outlet), set()).add(str(source))
    return found
