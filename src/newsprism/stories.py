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
  surnames compared through a script-neutral consonant skeleton ("Зеленский",
  "Zelensky": ``zlnsk``) take part instead (see ``nlp/languages/crossing.py``).
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
  a hash of its first article's id (earliest publication date, then id). Only the new
  articles' similarities to the others are computed (k new articles against N: k x N
  pairs, never N x N), and only stories that gain an article (or hold one whose
  analysis changed, when the caller says which) are described again.
* **Re-posts** (``duplicate_of`` set) join their original's story and take no part
  in the similarities or the idf.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
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
_SMALL_BLOCK = 40_000
"""Pairs (rows x columns) up to which a block is multiplied without BLAS: a threaded BLAS
takes 10-100 times longer on small products when the cores are busy (a story's members)."""

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


@dataclass(frozen=True)
class _Sparse:
    """The rows of a :class:`_Vectors` as flat arrays: row r's weights are
    ``data[indptr[r]:indptr[r + 1]]`` in the columns ``indices[...]``."""

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int64]
    data: npt.NDArray[np.float64]
    width: int


def _sparse(vectors: _Vectors) -> _Sparse:
    lengths = [len(row) for row in vectors.rows]
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.fromiter(
        (column for row in vectors.rows for column in row), dtype=np.int64, count=int(indptr[-1])
    )
    data = np.fromiter(
        (weight for row in vectors.rows for weight in row.values()),
        dtype=np.float64,
        count=int(indptr[-1]),
    )
    return _Sparse(indptr, indices, data, len(vectors.columns))


def _entries(
    matrix: _Sparse, rows: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """(position in ``rows``, column, weight) of every weight of the chosen rows."""
    starts = matrix.indptr[rows]
    lengths = matrix.indptr[rows + 1] - starts
    total = int(lengths.sum())
    local = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    flat = np.repeat(starts, lengths) + offsets
    return local, matrix.indices[flat], matrix.data[flat]


def _cosine_block(
    matrix: _Sparse, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]
) -> Matrix:
    """Cosines of the L2-normalised rows ``rows`` against ``cols``, chunked over columns.

    Only the columns both sides use can add to a cosine, so the others are dropped before
    the dense products: a few articles against a few (a story's members) then cost their
    own vocabulary, not the corpus's.
    """
    result = np.zeros((len(rows), len(cols)))
    a_row, a_col, a_weight = _entries(matrix, rows)
    b_row, b_col, b_weight = _entries(matrix, cols)
    shared = np.intersect1d(a_col, b_col)
    in_a, in_b = np.isin(a_col, shared), np.isin(b_col, shared)
    a_row, a_col, a_weight = a_row[in_a], np.searchsorted(shared, a_col[in_a]), a_weight[in_a]
    b_row, b_col, b_weight = b_row[in_b], np.searchsorted(shared, b_col[in_b]), b_weight[in_b]
    width = len(shared)
    for first in range(0, width, _CHUNK):
        last = min(first + _CHUNK, width)
        in_a = (a_col >= first) & (a_col < last)
        in_b = (b_col >= first) & (b_col < last)
        if not in_a.any() or not in_b.any():
            continue
        block_a = np.zeros((len(rows), last - first))
        block_a[a_row[in_a], a_col[in_a] - first] = a_weight[in_a]
        block_b = np.zeros((len(cols), last - first))
        block_b[b_row[in_b], b_col[in_b] - first] = b_weight[in_b]
        if len(rows) * len(cols) <= _SMALL_BLOCK:
            result += np.einsum("ik,jk->ij", block_a, block_b)
        else:
            result += block_a @ block_b.T
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


@dataclass(frozen=True)
class _SetPart:
    """One idf-weighted set feature (places, actors ...) of every article."""

    weight: float
    vectors: _Sparse
    present: npt.NDArray[np.bool_]
    across_only: bool  # counts only between articles in different languages


def _set_part(weight: float, sets: Sequence[set[Hashable]], *, across_only: bool) -> _SetPart:
    bags = [Counter({str(item): 1 for item in items}) for items in sets]
    present = np.array([bool(items) for items in sets], dtype=bool)
    return _SetPart(weight, _sparse(_weighted_vectors(bags, sublinear=False)), present, across_only)


def _language_code(article: Article) -> str:
    """The language an article is compared in (its code without region; English unknown),
    as ``cross_language_pairs`` reads it."""
    return (article.language or "en").split("-")[0].lower()


@dataclass(frozen=True)
class _Signals:
    """Per-article features of the articles taking part in similarity (originals), with
    idf over all of them; any block of pairwise similarities is computed from these."""

    articles: list[Article]
    text: _Vectors
    text_vectors: _Sparse
    text_present: npt.NDArray[np.bool_]
    parts: tuple[_SetPart, ...]
    languages: npt.NDArray[np.str_]
    similarity: ArticleSimilarity | None

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> Matrix:
        """Combined similarity of ``rows`` against ``cols`` (positions in ``articles``):
        the weighted mean over the parts both articles have, 1 for an article with itself."""
        row_index = np.asarray(rows, dtype=np.int64)
        col_index = np.asarray(cols, dtype=np.int64)
        across = self.languages[row_index][:, None] != self.languages[col_index][None, :]
        itself = row_index[:, None] == col_index[None, :]
        if self.similarity is None:
            text = _cosine_block(self.text_vectors, row_index, col_index)
            text_present = self.text_present
        else:
            text = np.zeros((len(rows), len(cols)))
            for i, row in enumerate(rows):
                for j, col in enumerate(cols):
                    if row != col:  # asked once per pair, the lower position first
                        first, second = sorted((row, col))
                        text[i, j] = self.similarity(self.articles[first], self.articles[second])
            text = np.where(itself, 1.0, text)
            text_present = np.ones(len(self.articles), dtype=bool)
        pairs = np.outer(text_present[row_index], text_present[col_index]) & ~across
        total = np.where(pairs, WEIGHTS["text"] * text, 0.0)
        weight = np.where(pairs, WEIGHTS["text"], 0.0)
        for part in self.parts:
            both = np.outer(part.present[row_index], part.present[col_index])
            if part.across_only:
                both &= across
            matrix = _cosine_block(part.vectors, row_index, col_index)
            total += np.where(both, part.weight * matrix, 0.0)
            weight += np.where(both, part.weight, 0.0)
        combined = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
        return np.where(itself, 1.0, combined)


def _signals(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    similarity: ArticleSimilarity | None,
) -> _Signals:
    text = _weighted_vectors([Counter(_article_words(a)) for a in articles], sublinear=True)
    found = [analyses.get(a.id) for a in articles]
    parts = (
        _set_part(WEIGHTS["places"], [_place_keys(a) for a in found], across_only=False),
        _set_part(WEIGHTS["actors"], [_actor_keys(a) for a in found], across_only=False),
        _set_part(CROSS_WEIGHTS["figures"], [figure_keys(a) for a in found], across_only=True),
        _set_part(CROSS_WEIGHTS["names"], [surname_skeletons(a) for a in found], across_only=True),
    )
    return _Signals(
        articles=list(articles),
        text=text,
        text_vectors=_sparse(text),
        text_present=np.array([bool(row) for row in text.rows], dtype=bool),
        parts=parts,
        languages=np.array([_language_code(a) for a in articles], dtype=str),
        similarity=similarity,
    )


def similarity_matrix(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    similarity: ArticleSimilarity | None = None,
) -> Matrix:
    """Combined similarity of every pair of ``articles`` (in the given order), 1 on the
    diagonal; the time window is not applied here."""
    everything = range(len(articles))
    return _signals(articles, analyses, similarity).block(everything, everything)


def _published_ordinal(article: Article) -> int | None:
    value = article.published.value
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _cannot_link(
    articles: Sequence[Article], rows: Sequence[int], cols: Sequence[int], window_days: int
) -> npt.NDArray[np.bool_]:
    """Pairs (``rows`` x ``cols``) whose known publication dates lie too far apart."""
    ordinals = [_published_ordinal(a) for a in articles]
    known = np.array([day is not None for day in ordinals], dtype=bool)
    days = np.array([day or 0 for day in ordinals], dtype=np.int64)
    row_index = np.asarray(rows, dtype=np.int64)
    col_index = np.asarray(cols, dtype=np.int64)
    apart = np.abs(days[row_index][:, None] - days[col_index][None, :]) > window_days
    return apart & np.outer(known[row_index], known[col_index])  # type: ignore[no-any-return]


def _membership(groups: Sequence[Sequence[int]], size: int) -> Matrix:
    """A groups x articles 0/1 matrix: row g marks the members of group g."""
    matrix = np.zeros((len(groups), size))
    for number, rows in enumerate(groups):
        matrix[number, list(rows)] = 1.0
    return matrix


def _agglomerate(
    sums: Matrix,
    blocked: npt.NDArray[np.bool_],
    groups: list[list[int]],
    *,
    threshold: float,
) -> list[list[int]]:
    """Average-linkage merging of ``groups`` (lists of row indices) above ``threshold``.

    ``sums`` holds, for each pair of groups, the sum of their pairwise similarities;
    ``blocked`` forbids a merge of two groups when any pair across them is blocked;
    both are indexed by group (so the caller can also forbid whole groups pairing).
    """
    count = len(groups)
    sums = sums.copy()
    np.fill_diagonal(sums, 0.0)
    sizes = np.array([len(g) for g in groups], dtype=float)
    blocked = blocked.copy()
    np.fill_diagonal(blocked, True)
    members = [list(g) for g in groups]
    active = np.ones(count, dtype=bool)
    # mean[a, b]: mean pairwise similarity of two groups that may merge, else -inf. Each
    # merge changes one row and column of it, so each row's best is kept and only rows
    # whose best involved the merged groups are searched again: a merge costs O(groups).
    pairs = np.outer(sizes, sizes)
    mean = np.divide(sums, pairs, out=np.zeros_like(sums), where=pairs > 0)
    mean[blocked] = -np.inf
    best = mean.max(axis=1) if count else np.zeros(0)
    while active.sum() > 1:
        keep = int(np.argmax(best))  # the first row holding the highest mean ...
        drop = int(np.argmax(mean[keep]))  # ... and its first column with it
        if mean[keep, drop] < threshold:
            break
        keep, drop = min(keep, drop), max(keep, drop)
        old_keep, old_drop = mean[:, keep].copy(), mean[:, drop].copy()
        sums[keep, :] += sums[drop, :]
        sums[:, keep] = sums[keep, :]
        sums[keep, keep] = 0.0
        blocked[keep, :] |= blocked[drop, :]
        blocked[:, keep] = blocked[keep, :]
        sizes[keep] += sizes[drop]
        members[keep].extend(members[drop])
        active[drop] = False
        blocked[drop, :] = True
        blocked[:, drop] = True
        row = np.divide(
            sums[keep], sizes[keep] * sizes, out=np.zeros(count), where=sizes * sizes[keep] > 0
        )
        row[blocked[keep]] = -np.inf
        mean[keep, :] = row
        mean[:, keep] = row
        mean[drop, :] = -np.inf
        mean[:, drop] = -np.inf
        stale = (old_keep == best) | (old_drop == best)
        best = np.maximum(best, row)
        stale[keep] = True
        stale[drop] = False
        best[drop] = -np.inf
        for again in np.flatnonzero(stale):
            best[again] = mean[again].max()
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
    among: Callable[[list[int]], Matrix],
) -> Story:
    """A story of these members; ``among(rows)`` gives the members' pairwise similarities."""
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
        block = among(rows)
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
    changed: Collection[str] | None = None,
) -> list[Story]:
    """Group ``articles`` into stories (see the module docstring for the rules).

    Returns the ``existing`` stories first (same ids, members added), then new stories
    in order of their first article. Pass every article of the existing stories in
    ``articles``: members that are missing keep their place but cannot attract others.
    With ``changed`` (ids of articles whose analysis changed since the last grouping),
    an existing story that gains no article and holds none of them is returned as it
    was; without it every existing story is described again.
    """
    by_id = {a.id: a for a in sorted(articles, key=lambda a: a.id)}
    roots = {a.id: _root_of(a, by_id) for a in by_id.values()}
    originals = [a for a in by_id.values() if roots[a.id] == a.id]
    position = {a.id: i for i, a in enumerate(originals)}
    signals = _signals(originals, analyses, similarity)

    story_of: dict[str, int] = {}
    for number, story in enumerate(existing):
        for article_id in story.article_ids:
            story_of.setdefault(roots.get(article_id, article_id), number)
    old_groups: list[list[int]] = [[] for _ in existing]
    for article in originals:
        owner = story_of.get(article.id)
        if owner is not None:
            old_groups[owner].append(position[article.id])
    new_rows = [position[a.id] for a in originals if a.id not in story_of]
    everything = list(range(len(originals)))

    # Only the new articles' similarities to every article are computed (existing stories
    # never merge with each other, so their pairs are never needed): cost grows with what
    # was added times the corpus, not with the corpus squared.
    fresh_pairs = signals.block(new_rows, everything)
    fresh_blocked = _cannot_link(originals, new_rows, everything, window_days)
    old_members = _membership(old_groups, len(originals))
    to_old = fresh_pairs @ old_members.T  # new article x existing story: summed similarity
    blocked_old = (fresh_blocked.astype(float) @ old_members.T) > 0
    sizes = old_members.sum(axis=1)
    # An existing story no new article reaches on its own can never gain one: merged new
    # groups have a mean similarity to it no higher than their best member's.
    mean_old = np.divide(to_old, sizes[None, :], out=np.zeros_like(to_old), where=sizes > 0)
    reachable = ((mean_old >= threshold) & ~blocked_old).any(axis=0) & (sizes > 0)
    candidates = [number for number in range(len(existing)) if reachable[number]]
    count = len(candidates) + len(new_rows)
    sums = np.zeros((count, count))
    blocked = np.ones((count, count), dtype=bool)  # existing stories never pair
    inner = slice(len(candidates), count)
    sums[inner, : len(candidates)] = to_old[:, candidates]
    sums[: len(candidates), inner] = to_old[:, candidates].T
    sums[inner, inner] = fresh_pairs[:, new_rows]
    blocked[inner, : len(candidates)] = blocked_old[:, candidates]
    blocked[: len(candidates), inner] = blocked_old[:, candidates].T
    blocked[inner, inner] = fresh_blocked[:, new_rows]
    groups = [old_groups[number] for number in candidates] + [[row] for row in new_rows]
    merged = _agglomerate(sums, blocked, groups, threshold=threshold)

    if new_rows == everything:  # nothing existed: one full matrix serves every story
        full = fresh_pairs

        def among(rows: list[int]) -> Matrix:
            return full[np.ix_(rows, rows)]

    else:

        def among(rows: list[int]) -> Matrix:
            return signals.block(rows, rows)

    candidate_rows = {number: set(old_groups[number]) for number in candidates}
    new_groups: list[list[str]] = []
    members_of_existing: dict[int, list[str]] = {}
    for rows in merged:
        if not rows:
            continue
        ids = [originals[row].id for row in rows]
        owner = next((n for n, found in candidate_rows.items() if found & set(rows)), None)
        if owner is None:
            new_groups.append(ids)
        else:
            members_of_existing[owner] = ids
    reposts = sorted((a for a in by_id.values() if roots[a.id] != a.id), key=lambda a: a.id)

    def with_reposts(ids: list[str]) -> list[str]:
        found = set(ids)
        return ids + [a.id for a in reposts if roots[a.id] in found and a.id not in found]

    changed_ids = set(changed or ())
    result: list[Story] = []
    for number, story in enumerate(existing):
        extra = [i for i in members_of_existing.get(number, []) if i not in story.article_ids]
        ids = with_reposts(list(story.article_ids) + extra)
        if ids == list(story.article_ids) and (changed is not None and not changed_ids & set(ids)):
            result.append(story)  # nothing joined or changed: kept as it was
            continue
        described = _describe(story.id, ids, by_id, signals, position, among)
        result.append(described if described.title else replace(described, title=story.title))
    fresh: list[Story] = []
    for ids in new_groups:
        first = min((by_id[i] for i in ids), key=_first_key)
        ordered = [a.id for a in sorted((by_id[i] for i in ids), key=_first_key)]
        fresh.append(
            _describe(
                story_id_for(first.id), with_reposts(ordered), by_id, signals, position, among
            )
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
