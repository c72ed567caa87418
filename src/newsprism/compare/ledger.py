"""The claim ledger: every reported figure of a story, grouped, with its history and status.

Grouping. Reports are grouped by category and counted group (``claim.who``, lower case,
singular and plural one). Reports that do not say who ("people", group ``unspecified``)
join the category's group when the story has exactly one named group for that category
and their figure agrees with one of its reports ("26 killed" beside "26 gunmen killed");
otherwise they stay a group of their own, since "1,000 casualties" may be a total or any
one side. Within a group, reports naming different
places neither of which contains the other (two cities; two regions; two countries) are
different figures: they are split by the most specific level at which the story names two
places, and reports at other levels or without a place form the group without a place.

Compatibility. Each report is a range: exact ``[v, v]``, "about v" ±20%, "up to v"
``[0, v]``, vague words their table range, and "at least / more than v" with a precise
number ``[v, max(1.5 v, v + 5)]`` (an open bound is read as "v and a bit more": "at least 200" and
"at least 2,000" are different figures, "at least 18" and "18" are one). Two reports
agree when their ranges overlap.

Independence. Reports attributed to one source (canonical names, see sourcenames.py) count
once however many outlets carry them; unattributed reports count per outlet, except that a
re-post counts as its original's outlet, an outlet citing another outlet of the story
that reports the same figure collapses into it, and an unattributed report of the same
specific exact figure (>= SPECIFIC_FIGURE) as the one source that is named for it counts
as that source (the why says so; setting ``infer_shared_figures = false`` turns this off).

Status. The latest word being a retraction -> retracted. Incompatible reports that no time
order explains (same day, or a later lower figure from another source) from independent
sources -> conflicting. Incompatible reports all explained by time (a count that grows, or
one source revising itself) -> updated. Otherwise two or more independent sources ->
corroborated, else single_source. A report's time is its claim's date, else its article's
publication date; a pair counts as ordered if either its claim dates or its publication
dates are ordered (a cumulative count read on a later day is later).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsprism.compare.retractions import is_retracted
from newsprism.compare.sourcenames import (
    SourceNames,
    classify_name,
    original_of,
    outlet_name,
    story_articles,
    story_source_names,
)
from newsprism.errors import InputError
from newsprism.models import Article, ArticleAnalysis, ClaimGroup, ClaimReport, Story
from newsprism.settings import Settings

HEADLINE_RULES = ("conservative", "latest_official", "median", "range")
STATUSES = ("corroborated", "conflicting", "updated", "retracted", "single_source")
CATEGORY_ORDER = ("killed", "injured", "casualties", "detained", "troops", "other")
OPEN_BOUND_FACTOR = 1.5
OPEN_BOUND_SLACK = 5
""""at least v" / "more than v" (a precise v) is read as [v, max(v * OPEN_BOUND_FACTOR,
v + OPEN_BOUND_SLACK)]: "at least 1" agrees with "2", "at least 200" not with "2,000"."""
ABOUT_MARGIN = 0.2
""""about v" is read as [v * (1 - ABOUT_MARGIN), v * (1 + ABOUT_MARGIN)]."""
UNSPECIFIED = "unspecified"
SPECIFIC_FIGURE = 10
"""Exact counts from this size up are specific enough that equal ones share a source."""
_BROAD_LEVELS = {"continent": 0, "country": 1, "admin1": 2}
_LEAF_LEVEL = 3


# --- figures and time --------------------------------------------------------------------------


def _effective_range(report: ClaimReport, vague: bool) -> tuple[float, float] | None:
    low, high = report.value_min, report.value_max
    if low is None and high is None:
        return None
    if report.qualifier == "up_to" or low is None:
        return 0.0, float(high if high is not None else 0.0)
    if report.qualifier == "about" and high in (None, low):
        return low * (1 - ABOUT_MARGIN), low * (1 + ABOUT_MARGIN)
    if high is None:
        return low, float("inf") if vague else max(low * OPEN_BOUND_FACTOR, low + OPEN_BOUND_SLACK)
    return low, high


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def _order(a: str | None, b: str | None) -> int:
    """-1 if a is before b, 1 if after, 0 when equal, unknown or of unorderable precision."""
    a, b = _day(a), _day(b)
    if not a or not b or a == b or a.startswith(b) or b.startswith(a):
        return 0
    return -1 if a < b else 1


def format_figure(report: ClaimReport) -> str:
    """ "at least 2,000", "18", "24-99": a report's figure as a reader would say it."""

    def number(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"

    low, high = report.value_min, report.value_max
    if low is None:
        return f"up to {number(high)}" if high is not None else "?"
    if high is not None and high != low:
        return f"{number(low)}-{number(high)}"
    words = {"about": "about ", "at_least": "at least ", "more_than": "more than "}
    return words.get(report.qualifier, "") + number(low)


def when_reported(report: ClaimReport) -> str:
    """The report's date as a reader should see it: "~" marks a date inferred from the text."""
    if not report.date:
        return "undated"
    return f"~{report.date}" if report.approximate else report.date


# --- the ledger --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    report: ClaimReport
    category: str
    who: str
    who_label: str
    place: str | None
    level: int
    outlet_key: str
    cited_outlets: frozenset[str]
    vague: bool
    order: int

    @property
    def when(self) -> str | None:
        return self.report.date

    def sort_key(self) -> tuple[str, str, int]:
        return (_day(self.report.date) or "", _day(self.report.published) or "", self.order)


def _who_key(who: str | None) -> str:
    words = (who or UNSPECIFIED).lower().split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words) or UNSPECIFIED


def _place_levels(analyses: Sequence[ArticleAnalysis]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for analysis in analyses:
        for place in analysis.places:
            levels[place.name.lower()] = _BROAD_LEVELS.get(place.feature or "", _LEAF_LEVEL)
    return levels


def _entries(
    members: Sequence[Article],
    by_id: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    names: SourceNames,
    published: Mapping[str, str],
    extra_cues: tuple[str, ...],
) -> list[_Entry]:
    outlet_keys = {names.key(outlet_name(a)) for a in members}
    levels = _place_levels([analyses[a.id] for a in members if a.id in analyses])
    entries: list[_Entry] = []
    for article in members:
        analysis = analyses.get(article.id)
        if analysis is None:
            continue
        original = original_of(article, by_id)
        own = names.key(outlet_name(original))
        cited = {names.key(c.source) for c in analysis.citations} & outlet_keys - {own}
        when_published = article.published.value or published.get(article.id)
        approximate = article.published.value is None and article.id in published
        for claim in analysis.claims:
            report = ClaimReport(
                outlet=outlet_name(article),
                article_id=article.id,
                value_min=claim.value_min,
                value_max=claim.value_max,
                qualifier=claim.qualifier,
                date=claim.date or when_published,
                attributed_to=claim.attributed_to,
                relayed_by=claim.relayed_by,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                published=when_published,
                retracted=is_retracted(article.text, claim, extra_cues=extra_cues),
                approximate=approximate and not claim.date,
            )
            relay = names.key(claim.relayed_by) if claim.relayed_by else None
            entries.append(
                _Entry(
                    report=report,
                    category=claim.category,
                    who=_who_key(claim.who),
                    who_label=claim.who or UNSPECIFIED,
                    place=claim.place,
                    level=levels.get((claim.place or "").lower(), _LEAF_LEVEL),
                    outlet_key=own,
                    cited_outlets=frozenset(cited | ({relay} & outlet_keys if relay else set())),
                    vague=claim.vague_rule is not None,
                    order=len(entries),
                )
            )
    return entries


def _group_entries(entries: Sequence[_Entry]) -> dict[tuple[str, str, str | None], list[_Entry]]:
    by_category: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_category[entry.category].append(entry)
    groups: dict[tuple[str, str, str | None], list[_Entry]] = defaultdict(list)
    for category, members in by_category.items():
        named = {e.who for e in members if e.who != UNSPECIFIED}
        only = next(iter(named)) if len(named) == 1 else None
        by_who: dict[str, list[_Entry]] = defaultdict(list)
        for entry in members:
            by_who[entry.who].append(entry)
        if only is not None:
            joining = [e for e in by_who[UNSPECIFIED] if _agrees_with_any(e, by_who[only])]
            by_who[only].extend(joining)
            by_who[UNSPECIFIED] = [e for e in by_who[UNSPECIFIED] if e not in joining]
        by_who = {who: same for who, same in by_who.items() if same}
        for who, same in by_who.items():
            for place, split in _split_by_place(same).items():
                groups[(category, who, place)].extend(split)
    return groups


def _agrees(a: _Entry, b: _Entry) -> bool:
    ra, rb = _effective_range(a.report, a.vague), _effective_range(b.report, b.vague)
    return ra is None or rb is None or (ra[0] <= rb[1] and rb[0] <= ra[1])


def _agrees_with_any(entry: _Entry, others: Sequence[_Entry]) -> bool:
    return any(_agrees(entry, other) for other in others)


def _split_by_place(entries: Sequence[_Entry]) -> dict[str | None, list[_Entry]]:
    """Split where the reports name two places that do not contain each other."""
    named: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.place:
            named[entry.level].add(entry.place.lower())
    split_levels = [level for level, places in named.items() if len(places) >= 2]
    if not split_levels:
        places = {e.place for e in entries if e.place}
        return {places.pop() if len(places) == 1 else None: list(entries)}
    level = max(split_levels)
    out: dict[str | None, list[_Entry]] = defaultdict(list)
    for entry in entries:
        out[entry.place if entry.place and entry.level == level else None].append(entry)
    return out


def _exact_value(entry: _Entry) -> float | None:
    report = entry.report
    if entry.vague or report.qualifier != "exact" or report.value_min != report.value_max:
        return None
    return report.value_min


def _inferred_sources(entries: Sequence[_Entry], names: SourceNames) -> dict[int, str]:
    """Unattributed reports of the same specific figure as one attributed source: its source.

    The same exact count of at least ``SPECIFIC_FIGURE`` from one named source and from
    outlets that name none is read as one figure travelling, not as independent counts.
    """
    attributed: dict[float, set[str]] = defaultdict(set)
    for entry in entries:
        value = _exact_value(entry)
        if value is not None and value >= SPECIFIC_FIGURE and entry.report.attributed_to:
            attributed[value].add(names.key(entry.report.attributed_to))
    inferred: dict[int, str] = {}
    for entry in entries:
        value = _exact_value(entry)
        if entry.report.attributed_to or value is None or len(attributed.get(value, ())) != 1:
            continue
        inferred[entry.order] = next(iter(attributed[value]))
    return inferred


def _source_keys(
    entries: Sequence[_Entry], names: SourceNames, *, infer_shared: bool
) -> dict[int, str]:
    """Each report's independent source (see the module docstring)."""
    reporting = {e.outlet_key for e in entries}
    inferred = _inferred_sources(entries, names) if infer_shared else {}
    keys: dict[int, str] = {}
    for entry in entries:
        if entry.report.attributed_to:
            keys[entry.order] = names.key(entry.report.attributed_to)
            continue
        if entry.order in inferred:
            keys[entry.order] = inferred[entry.order]
            continue
        relayed = sorted(entry.cited_outlets & reporting)
        keys[entry.order] = relayed[0] if relayed else entry.outlet_key
    return keys


def _inference_note(entries: Sequence[_Entry], names: SourceNames) -> str:
    inferred = _inferred_sources(entries, names)
    if not inferred:
        return ""
    outlets = sorted({e.report.outlet for e in entries if e.order in inferred})
    source = names.canonical(next(iter(inferred.values())))
    return (
        f" Counted with {source}: {', '.join(outlets)} give the same specific figure"
        " without naming a source."
    )


def _describe(entry: _Entry, names: SourceNames) -> str:
    report = entry.report
    source = names.canonical(report.attributed_to) if report.attributed_to else "own reporting"
    return f"{report.outlet} says {format_figure(report)} ({source}, {when_reported(report)})"


def _assess(
    entries: Sequence[_Entry], sources: Mapping[int, str], names: SourceNames
) -> tuple[str, str]:
    """(status, why) of one group's reports, ordered by time."""
    latest = entries[-1]
    live = [e for e in entries if not e.report.retracted]
    if latest.report.retracted or not live:
        withdrawn = [_describe(e, names) for e in entries if e.report.retracted]
        return "retracted", "withdrawn: " + "; ".join(withdrawn)
    unexplained: list[tuple[_Entry, _Entry]] = []
    explained = False
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if _agrees(a, b):
                continue
            same_source = sources[a.order] == sources[b.order]
            step = _order(a.when, b.when) or _order(a.report.published, b.report.published)
            if step == 0:
                explained = explained or same_source
                if not same_source:
                    unexplained.append((a, b))
                continue
            old, new = (a, b) if step < 0 else (b, a)
            grows = (new.report.value_min or 0) >= (old.report.value_min or 0)
            if grows or same_source:
                explained = True
            else:
                unexplained.append((old, new))
    if unexplained:
        involved = sorted({e for pair in unexplained for e in pair}, key=_Entry.sort_key)
        return "conflicting", "; ".join(_describe(e, names) for e in involved)
    independent = len({sources[e.order] for e in live})
    if explained or len(live) < len(entries):
        history = " -> ".join(
            f"{format_figure(e.report)} ({e.report.outlet}, {when_reported(e.report)})"
            + (" [withdrawn]" if e.report.retracted else "")
            for e in entries
        )
        return "updated", history
    described = "; ".join(_describe(e, names) for e in live)
    return ("corroborated" if independent >= 2 else "single_source"), described


def _is_official(name: str | None, names: SourceNames, official_keys: set[str]) -> bool:
    return bool(name) and (
        names.key(name or "") in official_keys or classify_name(name or "") == "official"
    )


def _headline(
    entries: Sequence[_Entry],
    sources: Mapping[int, str],
    status: str,
    rule: str,
    is_official: set[int],
) -> tuple[float | None, float | None, str]:
    live = [e for e in entries if not e.report.retracted] or list(entries)
    if rule == "range":
        lows = [e.report.value_min for e in live if e.report.value_min is not None]
        highs = [e.report.value_max for e in live]
        high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
        return (min(lows) if lows else None), high, rule
    if rule == "latest_official":
        official = [e for e in live if e.order in is_official]
        if official:
            return official[-1].report.value_min, official[-1].report.value_max, rule
        rule = "conservative"  # no official figure: say so by naming the rule applied
    newest: dict[str, _Entry] = {}
    for entry in live:
        newest[sources[entry.order]] = entry
    current = sorted(newest.values(), key=_Entry.sort_key)
    if status == "updated":
        last_day = _day(current[-1].when)
        current = [e for e in current if _day(e.when) == last_day] or current[-1:]
    valued = [e for e in current if e.report.value_min is not None]
    if not valued:
        return None, None, rule
    # A vague word ("dozens") stands for a range: where a precise figure inside that range
    # is reported, the headline shows the precise one.
    precise = [e for e in valued if not e.vague]
    if precise:
        valued = precise
    if rule == "median":
        points = [
            (e.report.value_min + e.report.value_max) / 2
            if e.report.value_max is not None and e.report.value_min is not None
            else e.report.value_min or 0.0
            for e in valued
        ]
        middle = statistics.median(points)
        return middle, middle, rule
    lowest = min(valued, key=lambda e: e.report.value_min or 0.0)
    return lowest.report.value_min, lowest.report.value_max, rule


def build_ledger(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    headline_rule: str = "conservative",
    published: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> list[ClaimGroup]:
    """One ClaimGroup per figure of the story, reports ordered by time (a history).

    ``published`` may give approximate dates (article id -> ISO date) for articles whose
    publication date is unknown: their reports are marked ``approximate``;
    ``settings`` may add retraction cues.
    """
    if headline_rule not in HEADLINE_RULES:
        raise InputError(
            f"unknown headline rule {headline_rule!r}; choose one of {', '.join(HEADLINE_RULES)}",
            where="headline_rule",
        )
    members = story_articles(story, articles)
    by_id = {a.id: a for a in articles}
    names = story_source_names(story, articles, analyses)
    extra = settings.lexicons.get("retraction_cues", ()) if settings else ()
    infer_shared = settings.infer_shared_figures if settings else True
    entries = _entries(members, by_id, analyses, names, published or {}, tuple(extra))
    official_keys = {
        names.key(c.originator or c.source)
        for a in members
        if a.id in analyses
        for c in analyses[a.id].citations
        if c.kind == "official"
    }
    ledger: list[ClaimGroup] = []
    for (category, who, place), group in _group_entries(entries).items():
        group.sort(key=_Entry.sort_key)
        sources = _source_keys(group, names, infer_shared=infer_shared)
        status, why = _assess(group, sources, names)
        if infer_shared:
            why += _inference_note(group, names)
        official = {
            e.order for e in group if _is_official(e.report.attributed_to, names, official_keys)
        }
        low, high, rule = _headline(group, sources, status, headline_rule, official)
        live = [e for e in group if not e.report.retracted] or group
        labels = Counter(e.who_label for e in group if e.who == who)
        ledger.append(
            ClaimGroup(
                story_id=story.id,
                category=category,
                who=max(labels, key=lambda w: (labels[w], w)) if labels else who,
                status=status,
                independent_sources=len({sources[e.order] for e in live}),
                reports=tuple(e.report for e in group),
                headline_min=low,
                headline_max=high,
                headline_rule=rule,
                why=why,
                place=place,
            )
        )
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    return sorted(
        ledger, key=lambda g: (rank.get(g.category, len(rank)), g.who or "", g.place or "")
    )
