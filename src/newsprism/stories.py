"""Stories: articles grouped by the event they cover.

Two articles cover the same event when they share distinctive words, places and
actors, close together in time. Outlets that disagree describe one event in
different words ("terrorists" / "demonstrators"), so words alone are not enough:
the places (GeoNames ids) and actors they name carry the link. How it is decided,
so a reader can check a grouping:

* **Text**: cosine of TF-IDF vectors over the cleaned text (plus the title when the
  text does not contain it). Tokens are lower-cased runs of letters, at least two
  long, minus the ``stop_words`` lexicon. Sublinear tf ``1 + ln(tf)``, smooth idf
  ``ln((1 + N) / (1 + df)) + 1`` over the articles grouped, vectors L2-normalised.
  A caller may replace this part with its own ``similarity(a, b)`` (an embedding
  model, say).
* **Places**: cosine of idf-weighted sets of GeoNames ids (``analysis.places``).
* **Actors**: cosine of idf-weighted sets of actors: a mention's ``actor_id`` when the
  corpus-wide merge set one, else the lower-cased ``key`` of a PERSON (its last word,
  the surname) or ORG mention; role mentions ("the president") are left out.
* **Combined**: the weighted mean (text 0.5, places 0.25, actors 0.25) of the parts
  both articles have (an article without places leaves that part out rather than
  counting it as zero).
* **Across languages** (two articles in different languages): the text part is left out
  (shared words say nothing there); shared figures (category and value of claims) and
  surnames compared through a script-neutral consonant skeleton ("Токаев", "Tokayev":
  ``tkv``) take part instead (see ``nlp/languages/crossing.py``).
* **Time**: two articles whose publication dates are both known and lie more than
  ``window_days`` apart never share a story. Dates found only inside the text are not
  used here: one historical date ("since May 1992") would cut an article off its
  story. Undated articles are never excluded by the window.
* **Grouping**: average-linkage agglomeration: the two groups with the highest mean
  pairwise combined similarity merge while that mean is at least ``threshold``
  (default :data:`DEFAULT_THRESHOLD`) and no pair across them breaks the time window.
  Articles are processed in id order, ties go to the lower position, so the result
  does not depend on input order.
* **Incremental**: ``existing`` stories keep their ids and members; two existing
  stories never merge; a new article joins the existing story (or new group) it is
  most similar to above the threshold, else starts a new story. A new story's id is
  a hash of its first article's id (earliest publication date, then id).
* **Re-posts** (``duplicate_of`` set) join their original's story and take no part
  in the similarities or the idf.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

import numpy as np
import numpy.typing as npt

from newsprism.headlines import headline_marks
from newsprism.lexicons import load_lexicon
from newsprism.models import Article, ArticleAnalysis, Story
from newsprism.nlp.languages.crossing import (
    CROSS_WEIGHTS,
    cross_language_pairs,
    figure_keys,
    surname_skeletons,
)

DEFAULT_THRESHOLD = 0.15
"""Mean combined similarity two groups need to merge.

Measured on hand-written corpora (floods, a coup, protests in four countries) mixed
with the five demo articles: pairs of articles on one event scored 0.13-0.69 (0.13-0.31
for the demo's news/blog/broadcast mix on its own, 0.49 for two outlets that share
almost no words but name the same places and people); pairs on unrelated events, even
protests in other countries the same week, scored 0.10 or less."""

WEIGHTS = {"text": 0.5, "places": 0.25, "actors": 0.25}
TOP_TERMS = 8
_TOKEN = re.compile(r"[^\W\d_]{2,}")
_NAMED_LABELS = frozenset({"PERSON", "ORG"})
_CHUNK = 2048  # vocabulary columns multiplied at a time, to bound memory

Matrix = npt.NDArray[np.float64]
ArticleSimilarity = Callable[[Article, Article], float]


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(word.lower() for word in load_lexicon("stop_words"))


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` without stop words."""
    stop = _stop_words()
    return [token for token in _TOKEN.findall(text.lower()) if token not in stop]


def _article_words(article: Article) -> list[str]:
    text = article.text
    if article.title and article.title not in text:
        text = f"{article.title}\n{text}"
    return tokenize(text)


@dataclass(frozen=True)
class _Vectors:
    """Sparse L2-normalised weight vectors ({column: weight} per row) and their columns."""

    rows: list[dict[int, float]]
    columns: list[str]


def _weighted_vectors(bags: Sequence[Counter[str]], *, sublinear: bool) -> _Vectors:
    """TF-IDF rows (binary idf-weighted sets when the bags count 1 per item)."""
    document_frequency: Counter[str] = Counter()
    for bag in bags:
        document_frequency.update(bag.keys())
    columns = sorted(document_frequency)
    index = {term: i for i, term in enumerate(columns)}
    total = len(bags)
    idf = {t: math.log((1 + total) / (1 + df)) + 1 for t, df in document_frequency.items()}
    rows: list[dict[int, float]] = []
    for bag in bags:
        weights = {
            index[term]: (1 + math.log(count) if sublinear else 1.0) * idf[term]
            for term, count in bag.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        rows.append({i: w / norm for i, w in weights.items()} if norm else {})
    return _Vectors(rows, columns)


def _cosines(vectors: _Vectors) -> Matrix:
    """All pairwise cosines of L2-normalised sparse rows, chunked over columns."""
    size = len(vectors.rows)
    result = np.zeros((size, size))
    for first in range(0, len(vectors.columns), _CHUNK):
        block = np.zeros((size, min(_CHUNK, len(vectors.columns) - first)))
        for row, weights in enumerate(vectors.rows):
            for column, weight in weights.items():
                if first <= column < first + _CHUNK:
                    block[row, column - first] = weight
        result += block @ block.T
    return np.clip(result, 0.0, 1.0)


def _place_keys(analysis: ArticleAnalysis | None) -> set[Hashable]:
    if analysis is None:
        return set()
    return {p.geonames_id for p in analysis.places if p.geonames_id is not None}


def _actor_keys(analysis: ArticleAnalysis | None) -> set[Hashable]:
    if analysis is None:
        return set()
    keys: set[Hashable] = set()
    for mention in analysis.mentions:
        if mention.actor_id:
            keys.add(mention.actor_id)
            continue
        if mention.label not in _NAMED_LABELS:
            continue  # a role ("the president") names different people in different stories
        words = (mention.key or mention.text).lower().split()
        if mention.label == "PERSON" and words:
            words = words[-1:]  # "Dina Boluarte" and "Boluarte" are one person
        if words:
            keys.add(" ".join(words))
    return keys


def _set_cosines(sets: Sequence[set[Hashable]]) -> tuple[Matrix, npt.NDArray[np.bool_]]:
    """Cosines of idf-weighted sets, and which rows have a non-empty set."""
    bags = [Counter({str(item): 1 for item in items}) for items in sets]
    present = np.array([bool(items) for items in sets])
    return _cosines(_weighted_vectors(bags, sublinear=False)), present


@dataclass(frozen=True)
class _Signals:
    """Per-article features of the articles taking part in similarity (originals)."""

    articles: list[Article]
    text: _Vectors
    combined: Matrix


def _combine(parts: Iterable[tuple[float, Matrix, npt.NDArray[np.bool_]]], size: int) -> Matrix:
    """Weighted mean over the parts both articles of a pair have."""
    total = np.zeros((size, size))
    weight = np.zeros((size, size))
    for part_weight, matrix, present in parts:
        both = present if present.ndim == 2 else np.outer(present, present)
        total += np.where(both, part_weight * matrix, 0.0)
        weight += np.where(both, part_weight, 0.0)
    combined = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
    np.fill_diagonal(combined, 1.0)
    return combined


def _signals(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    similarity: ArticleSimilarity | None,
) -> _Signals:
    size = len(articles)
    text = _weighted_vectors([Counter(_article_words(a)) for a in articles], sublinear=True)
    if similarity is None:
        text_matrix = _cosines(text)
        text_present = np.array([bool(row) for row in text.rows], dtype=bool)
    else:
        text_matrix = np.eye(size)
        for i in range(size):
            for j in range(i + 1, size):
                text_matrix[i, j] = text_matrix[j, i] = similarity(articles[i], articles[j])
        text_present = np.ones(size, dtype=bool)
    places, places_present = _set_cosines([_place_keys(analyses.get(a.id)) for a in articles])
    actors, actors_present = _set_cosines([_actor_keys(analyses.get(a.id)) for a in articles])
    across = cross_language_pairs(articles)
    text_pairs = np.outer(text_present, text_present) & ~across
    figures, figures_present = _set_cosines([figure_keys(analyses.get(a.id)) for a in articles])
    names, names_present = _set_cosines([surname_skeletons(analyses.get(a.id)) for a in articles])
    combined = _combine(
        (
            (WEIGHTS["text"], text_matrix, text_pairs),
            (WEIGHTS["places"], places, places_present),
            (WEIGHTS["actors"], actors, actors_present),
            (
                CROSS_WEIGHTS["figures"],
                figures,
                np.outer(figures_present, figures_present).astype(bool) & across,
            ),
            (
                CROSS_WEIGHTS["names"],
                names,
                np.outer(names_present, names_present).astype(bool) & across,
            ),
        ),
        size,
    )
    return _Signals(list(articles), text, combined)


def similarity_matrix(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    similarity: ArticleSimilarity | None = None,
) -> Matrix:
    """Combined similarity of every pair of ``articles`` (in the given order), 1 on the
    diagonal; the time window is not applied here."""
    return _signals(articles, analyses, similarity).combined


def _published_ordinal(article: Article) -> int | None:
    value = article.published.value
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _cannot_link(articles: Sequence[Article], window_days: int) -> npt.NDArray[np.bool_]:
    ordinals = [_published_ordinal(a) for a in articles]
    known = np.array([day is not None for day in ordinals], dtype=bool)
    days = np.array([day or 0 for day in ordinals], dtype=np.int64)
    apart = np.abs(days[:, None] - days[None, :]) > window_days
    return apart & np.outer(known, known)  # type: ignore[no-any-return]


def _membership(groups: Sequence[Sequence[int]], size: int) -> Matrix:
    """A groups x articles 0/1 matrix: row g marks the members of group g."""
    matrix = np.zeros((len(groups), size))
    for number, rows in enumerate(groups):
        matrix[number, list(rows)] = 1.0
    return matrix


def _agglomerate(
    similarity: Matrix,
    blocked: npt.NDArray[np.bool_],
    groups: list[list[int]],
    *,
    threshold: float,
) -> list[list[int]]:
    """Average-linkage merging of ``groups`` (lists of row indices) above ``threshold``.

    ``blocked`` forbids a merge of two groups when any pair across them is blocked;
    it is indexed by group (so the caller can also forbid whole groups pairing).
    """
    count = len(groups)
    membership = _membership(groups, similarity.shape[0])
    sums = membership @ similarity @ membership.T
    np.fill_diagonal(sums, 0.0)
    sizes = np.array([len(g) for g in groups], dtype=float)
    active = np.ones(count, dtype=bool)
    blocked = blocked.copy()
    members = [list(g) for g in groups]
    while active.sum() > 1:
        pairs = np.outer(sizes, sizes)
        mean = np.divide(sums, pairs, out=np.zeros_like(sums), where=pairs > 0)
        usable = np.outer(active, active) & ~blocked
        np.fill_diagonal(usable, False)
        mean = np.where(usable, mean, -np.inf)
        best = int(np.argmax(mean))
        keep, drop = divmod(best, count)
        if mean[keep, drop] < threshold:
            break
        keep, drop = min(keep, drop), max(keep, drop)
        sums[keep, :] += sums[drop, :]
        sums[:, keep] = sums[keep, :]
        sums[keep, keep] = 0.0
        blocked[keep, :] |= blocked[drop, :]
        blocked[:, keep] = blocked[keep, :]
        sizes[keep] += sizes[drop]
        members[keep].extend(members[drop])
        active[drop] = False
    return [sorted(members[i]) for i in range(count) if active[i]]


def _root_of(article: Article, by_id: Mapping[str, Article]) -> str:
    """The original a re-post points at (following chains), or the article itself."""
    seen = {article.id}
    current = article
    while current.duplicate_of and current.duplicate_of in by_id:
        if current.duplicate_of in seen:
            break
        seen.add(current.duplicate_of)
        current = by_id[current.duplicate_of]
    return current.id


def story_id_for(article_id: str) -> str:
    """A story's stable id: a hash of its first article's id."""
    return "story-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def _first_key(article: Article) -> tuple[int, str, str]:
    value = article.published.value
    return (0, value, article.id) if value else (1, "", article.id)


def _neutral_title(members: Sequence[Article], centrality: npt.NDArray[np.float64]) -> str:
    """The headline with the fewest marks of opinion (see :mod:`newsprism.headlines`),
    the most central of those: a news headline, not a commentary's rhetorical question."""
    candidates = [
        (headline_marks(article.title, article.url).count, -float(centrality[i]), i)
        for i, article in enumerate(members)
        if article.title and article.title.strip()
    ]
    if not candidates:
        return ""
    return members[min(candidates)[2]].title or ""


def _describe(
    story_id: str,
    member_ids: Sequence[str],
    by_id: Mapping[str, Article],
    signals: _Signals,
    position: Mapping[str, int],
) -> Story:
    ordered = sorted((by_id[i] for i in member_ids if i in by_id), key=_first_key)
    rows = [position[a.id] for a in ordered if a.id in position]
    terms: tuple[str, ...] = ()
    title = ""
    if rows:
        centroid: Counter[int] = Counter()
        for row in rows:
            centroid.update(signals.text.rows[row])
        ranked = sorted(
            centroid.items(), key=lambda item: (-item[1], signals.text.columns[item[0]])
        )
        terms = tuple(signals.text.columns[column] for column, _ in ranked[:TOP_TERMS])
        block = signals.combined[np.ix_(rows, rows)]
        centrality = block.sum(axis=1)
        title = _neutral_title([signals.articles[row] for row in rows], centrality)
    if not title:
        titled = [a.title for a in ordered if a.title]
        title = titled[0] if titled else " / ".join(terms[:3])
    dates = sorted(a.published.value[:10] for a in ordered if a.published.value)
    ids = tuple(dict.fromkeys(member_ids))
    return Story(
        id=story_id,
        article_ids=ids,
        title=title,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        terms=terms,
    )


def group_stories(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    existing: Sequence[Story] = (),
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = 7,
    similarity: ArticleSimilarity | None = None,
) -> list[Story]:
    """Group ``articles`` into stories (see the module docstring for the rules).

    Returns the ``existing`` stories first (same ids, members added), then new stories
    in order of their first article. Pass every article of the existing stories in
    ``articles``: members that are missing keep their place but cannot attract others.
    """
    by_id = {a.id: a for a in sorted(articles, key=lambda a: a.id)}
    roots = {a.id: _root_of(a, by_id) for a in by_id.values()}
    originals = [a for a in by_id.values() if roots[a.id] == a.id]
    position = {a.id: i for i, a in enumerate(originals)}
    signals = _signals(originals, analyses, similarity)
    pair_blocked = _cannot_link(originals, window_days)

    story_of: dict[str, int] = {}
    for number, story in enumerate(existing):
        for article_id in story.article_ids:
            story_of.setdefault(roots.get(article_id, article_id), number)
    groups: list[list[int]] = [[] for _ in existing]
    for article in originals:
        owner = story_of.get(article.id)
        if owner is not None:
            groups[owner].append(position[article.id])
    new_rows = [position[a.id] for a in originals if a.id not in story_of]
    groups += [[row] for row in new_rows]

    # Blocked between groups: any blocked pair across them, and existing story vs existing story.
    membership = _membership(groups, len(originals))
    blocked = (membership @ pair_blocked.astype(float) @ membership.T) > 0
    blocked[: len(existing), : len(existing)] = True
    # Empty groups (an existing story whose articles were not passed) never merge.
    empty = membership.sum(axis=1) == 0
    blocked[empty, :] = True
    blocked[:, empty] = True
    merged = _agglomerate(signals.combined, blocked, groups, threshold=threshold)

    existing_rows = {
        number: set(groups[number]) for number in range(len(existing)) if groups[number]
    }
    result: list[Story] = []
    new_groups: list[list[str]] = []
    members_of_existing: dict[int, list[str]] = {}
    for rows in merged:
        if not rows:
            continue
        ids = [originals[row].id for row in rows]
        owner = next((number for number, found in existing_rows.items() if found & set(rows)), None)
        if owner is None:
            new_groups.append(ids)
        else:
            members_of_existing[owner] = ids
    reposts = sorted((a for a in by_id.values() if roots[a.id] != a.id), key=lambda a: a.id)

    def with_reposts(ids: list[str]) -> list[str]:
        found = set(ids)
        return ids + [a.id for a in reposts if roots[a.id] in found and a.id not in found]

    for number, story in enumerate(existing):
        extra = [i for i in members_of_existing.get(number, []) if i not in story.article_ids]
        ids = with_reposts(list(story.article_ids) + extra)
        described = _describe(story.id, ids, by_id, signals, position)
        result.append(described if described.title else replace(described, title=story.title))
    fresh: list[Story] = []
    for ids in new_groups:
        first = min((by_id[i] for i in ids), key=_first_key)
        ordered = [a.id for a in sorted((by_id[i] for i in ids), key=_first_key)]
        fresh.append(
            _describe(story_id_for(first.id), with_reposts(ordered), by_id, signals, position)
        )
    fresh.sort(key=lambda s: _first_key(by_id[s.article_ids[0]]))
    return result + fresh


__all__ = [
    "DEFAULT_THRESHOLD",
    "WEIGHTS",
    "group_stories",
    "similarity_matrix",
    "story_id_for",
    "tokenize",
]


EVENT_LOOKBACK_DAYS = 31
"""How far before a story's first publication an event date may lie and still open its period
(older dates are background: an anniversary, an earlier crisis)."""


def _day(value: str | None) -> date | None:
    """The calendar day of an ISO date string ("~2022-01-06" approximate too), if it has one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.lstrip("~")[:10])
    except ValueError:
        return None


def story_period(
    article_ids: Sequence[str],
    published: Mapping[str, str],
    analyses: Mapping[str, ArticleAnalysis],
) -> tuple[str | None, str | None]:
    """The story's first and last day: the days its events and figures happened on.

    Day-precise event and claim dates of its articles count when no later than the latest
    publication (a forecast is not an event) and at most ``EVENT_LOOKBACK_DAYS`` before the
    first; without such dates the publication dates give the period.
    """
    days = sorted(d for i in article_ids if (d := _day(published.get(i))) is not None)
    happened: list[date] = []
    for article_id in article_ids:
        analysis = analyses.get(article_id)
        if analysis is None:
            continue
        found = [e.date for e in analysis.events] + [c.date for c in analysis.claims]
        happened.extend(d for value in found if (d := _day(value)) is not None)
    if days:
        earliest = days[0] - timedelta(days=EVENT_LOOKBACK_DAYS)
        happened = [d for d in happened if earliest <= d <= days[-1]]
    chosen = sorted(happened) or days
    if not chosen:
        return None, None
    return chosen[0].isoformat(), chosen[-1].isoformat()
