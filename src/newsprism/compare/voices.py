"""Voices: whom each outlet lets speak in a story, and whom it leaves out.

A voice is the speaker of a quote (direct or indirect). The speaker is named by its
corpus-wide actor when the quote is linked to one (the Actor's name, else the name its
mentions give most often), else by the speaker string; names are canonicalised story-wide
(sourcenames.SourceNames), so "Peruvian President Dina Boluarte", "President Boluarte"
and "Boluarte" are one voice. Quotes without a speaker, or with a pronoun, name no voice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from newsprism.compare.sourcenames import (
    find_focus_country,
    name_sources,
    outlet_name,
    story_articles,
    story_source_names,
)
from newsprism.models import Actor, Article, ArticleAnalysis, Story

_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them"}


def _actor_names(
    analyses: Sequence[ArticleAnalysis], actors: Mapping[str, Actor] | Sequence[Actor] | None
) -> dict[str, str]:
    """Actor id -> the name to show: the Actor's, else its most frequent mention."""
    if isinstance(actors, Mapping):
        names = {key: actor.name for key, actor in actors.items()}
    else:
        names = {actor.id: actor.name for actor in actors or ()}
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis in analyses:
        for mention in analysis.mentions:
            if mention.actor_id and mention.actor_id not in names:
                written[mention.actor_id][mention.text] += 1
    for actor_id, forms in written.items():
        names[actor_id] = max(forms, key=lambda f: (forms[f], len(f)))
    return names


def voices_by_outlet(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    actors: Mapping[str, Actor] | Sequence[Actor] | None = None,
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """outlet -> (voices it quotes, most quoted first; voices quoted elsewhere in the story
    but not by it, those quoted by most outlets first)."""
    members = story_articles(story, articles)
    found = [analyses[a.id] for a in members if a.id in analyses]
    actor_names = _actor_names(found, actors)
    spoken: list[tuple[str, str]] = []
    for article in members:
        for quote in analyses[article.id].quotes if article.id in analyses else ():
            name = actor_names.get(quote.speaker_id or "") or quote.speaker
            if name and name.strip() and name.strip().lower() not in _PRONOUNS:
                spoken.append((outlet_name(article), name))
    story_names = story_source_names(story, articles, analyses)
    names = name_sources(
        [*story_names.displays.values(), *(name for _, name in spoken)],
        focus_country=find_focus_country(found),
    )
    quoted: dict[str, Counter[str]] = {outlet_name(a): Counter() for a in members}
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for outlet, name in spoken:
        key = names.key(name)
        quoted[outlet][key] += 1
        shown[key][names.canonical(name)] += 1
    display = {key: forms.most_common(1)[0][0] for key, forms in shown.items()}
    reach = Counter(key for counts in quoted.values() for key in counts)
    result: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for outlet, counts in quoted.items():
        own = sorted(counts, key=lambda k: (-counts[k], display[k]))
        absent = sorted(set(reach) - set(counts), key=lambda k: (-reach[k], display[k]))
        result[outlet] = (tuple(display[k] for k in own), tuple(display[k] for k in absent))
    return result
