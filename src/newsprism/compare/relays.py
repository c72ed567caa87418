"""Who relays whom: the sources each outlet cites, the chains behind them, and re-posts.

Sources are named story-wide by sourcenames.SourceNames, so "the TASS agency" cited by
two outlets is one node, and an outlet citing another outlet of the story is an edge
between outlets.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from newsprism.compare.sourcenames import (
    classify_name,
    original_of,
    outlet_name,
    story_articles,
    story_source_names,
)
from newsprism.models import Article, ArticleAnalysis, RelayEdge, Story


def relay_graph(
    story: Story, articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> list[RelayEdge]:
    """Edges outlet -> cited source, source -> its originator, outlet -> outlet it re-posts.

    One edge per (citing, cited) pair; its kind is "repost" (a re-post to its original's
    outlet), else "outlet" (the cited source is another outlet of the story), else the
    kind the citations give most (media, official, social, other). Claim attributions the
    citations missed add edges too. Most cited first.
    """
    members = story_articles(story, articles)
    by_id = {a.id: a for a in articles}
    names = story_source_names(story, articles, analyses)
    outlet_keys = {names.key(outlet_name(a)) for a in members}
    known_kinds: dict[str, str] = {}
    for found in (analyses[a.id] for a in members if a.id in analyses):
        for citation in found.citations:
            known_kinds.setdefault(names.key(citation.source), citation.kind)

    def kind_of(name: str) -> str:
        key = names.key(name)
        if key in outlet_keys:
            return "outlet"
        return known_kinds.get(key) or classify_name(name) or "other"

    tally: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)

    def add(frm: str, to: str, kind: str, article_id: str) -> None:
        if names.key(frm) != names.key(to):
            tally[(names.canonical(frm), names.canonical(to))].append((kind, article_id))

    for article in members:
        outlet = outlet_name(article)
        analysis = analyses.get(article.id)
        cited: set[str] = set()
        for citation in analysis.citations if analysis else ():
            kind = "outlet" if kind_of(citation.source) == "outlet" else citation.kind
            add(outlet, citation.source, kind, article.id)
            cited.add(names.key(citation.source))
            if citation.originator:
                add(citation.source, citation.originator, kind_of(citation.originator), article.id)
                cited.add(names.key(citation.originator))
        for claim in analysis.claims if analysis else ():
            chain = [n for n in (claim.relayed_by, claim.attributed_to) if n]
            if not chain or names.key(chain[0]) in cited:
                continue
            add(outlet, chain[0], kind_of(chain[0]), article.id)
            if len(chain) == 2:
                add(chain[0], chain[1], kind_of(chain[1]), article.id)
            cited.update(names.key(n) for n in chain)
        original = original_of(article, by_id)
        if original.id != article.id:
            add(outlet, outlet_name(original), "repost", article.id)
    edges = []
    for (frm, to), seen in tally.items():
        kinds = Counter(kind for kind, _ in seen)
        strongest = next((k for k in ("repost", "outlet") if k in kinds), None)
        edges.append(
            RelayEdge(
                story_id=story.id,
                outlet=frm,
                source=to,
                kind=strongest or max(kinds, key=lambda k: (kinds[k], k)),
                count=len(seen),
                article_ids=tuple(sorted({article_id for _, article_id in seen})),
            )
        )
    return sorted(edges, key=lambda e: (-e.count, e.outlet, e.source, e.kind))
