"""The claim ledger: every reported figure of a story, grouped, with its history and status.

Times. Each report has ``stated`` (when the figure was given: the statement's own day where
the text dates it, else the publication day, ``approximate`` when that comes from story
anchoring) and ``covers`` (the period counted: an incident day, ``since`` a day, cumulative).
A figure's history is ordered by ``stated``, never by the day of the event it counts.

Identity. A figure is category x counted group x scope. Groups come from counted_groups.txt
and group_hierarchy.txt: labels one hierarchy line makes the same ("rioters" = "protesters")
are one group; a narrower group's report (police within security forces) joins the wider
figure when it agrees with it and is otherwise a part nested under it; reports that do not say
who join the one named group of their category when they agree with it. "Casualties" that
agree with the story's dead (and not its injured) are the dead. Reports the text marks as
parts of a total ("including 5 children", "two of them") are nested under their total's
figure, and parts of one total that agree are one figure. Reports naming two places at one
level are different figures; a town's report that agrees with none of the wider ones is a
local figure nested under them, and so is a site's count (a facility, or where deaths happened
said in general: "in hospitals") or one operation's arrests ("in overnight raids") below what
the wider figure already was. A later day's own count ("four died on Sunday", dated after a
larger figure was stated) is a figure of that day beside the running total, never its value.

Compatibility. Each report is a range: exact ``[v, v]``, "about v" +-20%, "up to v"
``[0, v]``, vague words their table range, and "at least / more than v" with a precise
number ``[v, max(1.5 v, v + 5)]``. Two reports agree when their ranges overlap. Two
incident days are different periods; an incident's count below a cumulative one is part of it.

Originators. A report's originator is the institution its source speaks for (see
originators.py: a person, their title and their body are one), canonicalised with the story's
other names; an outlet's own unattributed report is that outlet (a re-post counts as its
original, an outlet citing another outlet of the story that reports the figure collapses into
it, and an unattributed report of the same specific exact figure (>= SPECIFIC_FIGURE) as the
one named source counts as that source, setting ``infer_shared_figures``).
``independent_sources`` counts originators; a re-post or a figure repeated in one article is
listed once.

Status. The latest word being a retraction, or a correction below its originator's earlier
figure ("revised down to 253"), -> retracted. Disjoint values from different
originators stated within ``conflict_window_days`` (unless the later one is larger and
presented as a rise), or a later, lower figure from another originator while the earlier one
is still its originator's latest -> conflicting, and the why names both sides. Disjoint values
explained by time (one originator's series, or a later larger figure) -> updated. Otherwise
two or more originators -> corroborated, else single_source. Each originator's own series is
kept on the figure (``series``), with its latest value.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from newsprism.compare.originators import Originators, story_originators
from newsprism.compare.retractions import is_retracted, is_revision
from newsprism.compare.sourcenames import (
    SourceNames,
    classify_name,
    original_of,
    outlet_name,
    story_articles,
    story_source_names,
)
from newsprism.countries import demonym_codes, fold
from newsprism.errors import InputError
from newsprism.lexicons import lexicon_cache, load_lexicon, load_mapping
from newsprism.models import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimGroup,
    ClaimReport,
    OriginatorSeries,
    Story,
)
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
BACKGROUND_DAYS = 60
"""A figure counting an incident this long before it was stated is background (an earlier
event's toll), a figure of its own."""
CONFLICT_WINDOW_DAYS = 0
"""Figures from different originators stated at most this many days apart (0: the same day)
are compared as current at once (setting ``conflict_window_days``)."""
SPECIFIC_FIGURE = 10
"""Exact counts from this size up are specific enough that equal ones share a source."""
_BROAD_LEVELS = {"continent": 0, "country": 1, "admin1": 2}
_REGION_LEVEL = 2
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
    site: str | None
    operation: str | None
    outlet_key: str
    original_id: str
    cited_outlets: frozenset[str]
    vague: bool
    order: int
    claim_key: tuple[str, int]
    revision: bool
    parent_key: tuple[str, int] | None

    @property
    def when(self) -> str | None:
        return self.report.stated

    def sort_key(self) -> tuple[str, str, int]:
        return (_day(self.report.stated) or "", _day(self.report.published) or "", self.order)


def _who_key(who: str | None) -> str:
    words = (who or UNSPECIFIED).lower().split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words) or UNSPECIFIED


@lexicon_cache
def _hierarchy() -> tuple[dict[str, str], dict[str, str]]:
    """(narrower group -> wider group, label -> the group it is the same as), by group key."""
    wider: dict[str, str] = {}
    same: dict[str, str] = {}
    for group, value in load_mapping("group_hierarchy").items():
        if value.startswith("="):
            same[_who_key(group)] = _who_key(value[1:])
        elif value:
            wider[_who_key(group)] = _who_key(value)
    return wider, same


def _group_of(who: str | None) -> str:
    key = _who_key(who)
    return _hierarchy()[1].get(key, key)


@lexicon_cache
def _other_kinds() -> tuple[tuple[str, str], ...]:
    return tuple((word.lower(), kind) for word, kind in load_mapping("other_kinds").items() if kind)


def _other_kind(claim: Claim) -> str:
    """What an `other` figure counts (other_kinds.txt): "missing people", "displaced"..."""
    words = [w.strip(".,;:!?\"'()“”’") for w in claim.text.lower().split()]
    for stem, kind in _other_kinds():
        if any(w.startswith(stem) for w in words):
            return kind
    return "other"


FOREIGNERS = "foreigner"
"""Group key of foreign nationals, the wider group of every foreign nationality."""


def _nationals_group(claim: Claim, focus_country: str | None) -> str | None:
    """ "8 Britons", "three Danish nationals" in a story about another country: that
    nationality, a part of the foreigners (``FOREIGNERS``); None for the story's own people."""
    if claim.who not in {UNSPECIFIED, "foreigners"} or not claim.who_text:
        return None
    words = fold(claim.who_text).split()
    codes = demonym_codes()
    found = next((w for w in words if w in codes and (w.endswith("s") or w != words[-1])), None)
    if found is None or codes[found] == (focus_country or "").upper():
        return None
    return _who_key(found if found.endswith("s") else found + "s")


def _wider_groups(who: str) -> list[str]:
    """The groups ``who`` is a part of, nearest first (a foreign nationality: the foreigners)."""
    wider = _hierarchy()[0]
    chain: list[str] = []
    if who not in wider and who != FOREIGNERS and fold(who) in demonym_codes():
        chain.append(FOREIGNERS)
        who = FOREIGNERS
    while who in wider and wider[who] not in chain:
        who = wider[who]
        chain.append(who)
    return chain


def _place_levels(analyses: Sequence[ArticleAnalysis]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for analysis in analyses:
        for place in analysis.places:
            levels[place.name.lower()] = _BROAD_LEVELS.get(place.feature or "", _LEAF_LEVEL)
    return levels


def _places_abroad(analyses: Sequence[ArticleAnalysis], names: SourceNames) -> set[str]:
    """Names of places outside the story's country ("the UN said in Geneva"): where a figure
    was given, never the scope it counts, so a figure naming one is not a local figure."""
    focus = (names.focus_country or "").upper()
    if not focus:
        return set()
    return {
        place.name.lower()
        for analysis in analyses
        for place in analysis.places
        if place.country_code and place.country_code.upper() != focus
    }


def _entries(
    members: Sequence[Article],
    by_id: Mapping[str, Article],
    analyses: Mapping[str, ArticleAnalysis],
    names: SourceNames,
    originators: Originators,
    published: Mapping[str, str],
    extra_cues: tuple[str, ...],
) -> list[_Entry]:
    outlet_keys = {names.key(outlet_name(a)) for a in members}
    levels = _place_levels([analyses[a.id] for a in members if a.id in analyses])
    abroad = _places_abroad([analyses[a.id] for a in members if a.id in analyses], names)
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
            stated = claim.stated or when_published
            source = claim.attributed_to if originators.is_source(claim.attributed_to) else None
            if source:
                source = originators.antecedent(source, article.text, claim.start)
            report = ClaimReport(
                outlet=outlet_name(article),
                article_id=article.id,
                value_min=claim.value_min,
                value_max=claim.value_max,
                qualifier=claim.qualifier,
                date=stated,
                attributed_to=source,
                relayed_by=claim.relayed_by,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                published=when_published,
                retracted=is_retracted(article.text, claim, extra_cues=extra_cues),
                approximate=approximate and not claim.stated,
                stated=stated,
                covers=claim.covers,
                originator=originators.display(source) if source else None,
                rising=claim.rising,
                site=claim.site,
                operation=claim.operation,
            )
            relay = names.key(claim.relayed_by) if claim.relayed_by else None
            nationals = _nationals_group(claim, names.focus_country)
            kind = _other_kind(claim) if claim.category == "other" else None
            if kind and (claim.who or UNSPECIFIED) == UNSPECIFIED:
                nationals = _who_key(kind)  # "99 missing" and "16,700 displaced": two figures
            entries.append(
                _Entry(
                    report=report,
                    category=claim.category,
                    who=nationals or _group_of(claim.who),
                    who_label=(kind if kind and nationals == _who_key(kind) else None)
                    or (claim.who_text if nationals else claim.who)
                    or UNSPECIFIED,
                    place=None if (claim.place or "").lower() in abroad else claim.place,
                    level=levels.get((claim.place or "").lower(), _LEAF_LEVEL),
                    site=claim.site
                    or _site_source(source)
                    or _site_source(originators.institution(source) if source else None),
                    operation=None if _counts_so_far(claim.covers) else claim.operation,
                    outlet_key=own,
                    original_id=original.id,
                    cited_outlets=frozenset(cited | ({relay} & outlet_keys if relay else set())),
                    vague=claim.vague_rule is not None,
                    order=len(entries),
                    claim_key=(article.id, claim.start),
                    revision=is_revision(article.text, claim, extra_cues=extra_cues),
                    parent_key=(
                        (article.id, claim.subset_of) if claim.subset_of is not None else None
                    ),
                )
            )
    return entries


def _counts_so_far(covers: str | None) -> bool:
    """The figure counts everything up to now ("so far", "since Sunday"): a total, whatever
    operation the sentence also names ("58 arrested so far in raids")."""
    return covers == "cumulative" or (covers or "").startswith("since")


def _agrees(a: _Entry, b: _Entry) -> bool:
    ra, rb = _effective_range(a.report, a.vague), _effective_range(b.report, b.vague)
    return ra is None or rb is None or (ra[0] <= rb[1] and rb[0] <= ra[1])


def _agrees_with_any(entry: _Entry, others: Sequence[_Entry]) -> bool:
    return any(_agrees(entry, other) for other in others)


def _at_most(part: _Entry, totals: Sequence[_Entry]) -> bool:
    """The part's lowest value does not exceed what any total says (a part of each)."""
    low = part.report.value_min or 0.0
    return all((r := _effective_range(t.report, t.vague)) is None or low <= r[1] for t in totals)


@dataclass
class _Card:
    """A figure being assembled: its key, its reports, and the card it is a part of."""

    category: str
    who: str
    place: str | None
    entries: list[_Entry]
    parent: _Card | None = None
    local: bool = False
    operation: bool = False


def _is_local(entry: _Entry) -> bool:
    return bool(entry.site) or (bool(entry.place) and entry.level >= _LEAF_LEVEL)


@lexicon_cache
def _site_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon("count_sites"))


def _site_source(source: str | None) -> str | None:
    """A source that is itself a count site ("the Colombo National Hospital said it received
    47 bodies") gives that site's own count."""
    words = (source or "").lower().split()
    for i, word in enumerate(words):  # "national hospital in colombo": before the preposition
        if word in {"in", "at", "of", "for", "on"}:
            words = words[:i]
            break
    if not words:
        return None
    head = words[-1]
    return source if head in _site_words() or " ".join(words[-2:]) in _site_words() else None


def _site_key(site: str) -> str:
    """One key for the ways outlets write a site ("the Royal Care hospital", "Royal Care
    Hospital"; "died in hospital", "in hospitals"): its words, lower case, singular, without
    articles, as a set."""
    words = [_who_key(w) for w in (w.strip("'’.,") for w in site.split()) if w]
    return " ".join(sorted(dict.fromkeys(w for w in words if w and w not in {"the", "a", "an"})))


def _is_sub_scope(entry: _Entry, home: str | None = None) -> bool:
    """A report that counts a part of the country or of the whole: a site, a town, a region
    other than ``home`` (the region the story happens in: Central Sulawesi for a quake
    there), or one operation's detentions ("arrested 18 in overnight raids")."""
    if entry.site or entry.operation:
        return True
    if not entry.place or entry.level < _REGION_LEVEL:
        return False
    return entry.level >= _LEAF_LEVEL or entry.place.lower() != (home or "").lower()


def _home_region(entries: Sequence[_Entry]) -> str | None:
    """The region most of a group's regional reports name, when one does."""
    regions = Counter(e.place.lower() for e in entries if e.place and e.level == _REGION_LEVEL)
    if not regions:
        return None
    (top, count), *rest = regions.most_common()
    return top if not rest or count > rest[0][1] else None


def _apart_from(entry: _Entry, broad: Sequence[_Entry]) -> bool:
    """A report of a part (a site, a town, a region) is a figure of its own beside the wider
    ones: a town's count that agrees with none of them, or any part's count below what the
    wider figure already was on the day it was stated (one hospital's 47 beside a national
    200 is that hospital's; West Darfur's 9 beside Sudan's 100)."""
    if not entry.site and not _agrees_with_any(entry, broad):
        return True
    own = _effective_range(entry.report, entry.vague)
    day = _day(entry.when)
    lows = [
        b.report.value_min
        for b in broad
        if b.report.value_min is not None and (day is None or _order(b.when, day) <= 0)
    ]
    if own is None or not lows:
        return False
    # a facility's open count ("at least 485 were admitted to six hospitals") is read by its
    # written number: a site's count below the day's toll is that site's, whatever its bound
    written = _written_number(entry) if entry.site or entry.operation else None
    return (written if written is not None else own[1]) < max(lows)


def _cards(entries: Sequence[_Entry]) -> list[_Card]:
    """Figures of the story (see the module docstring: identity, narrower groups, subsets)."""
    keyed = {e.claim_key: e for e in entries}
    subsets = [e for e in entries if e.parent_key is not None and e.parent_key in keyed]
    past = [e for e in entries if e not in subsets and _is_background(e)]
    wholes = [e for e in entries if e not in subsets and e not in past]
    cards = _whole_cards(wholes)
    earlier: dict[tuple[str, str], _Card] = {}
    for entry in past:  # "the 2004 tsunami killed 226,000": another event's figure
        key = (entry.category, entry.report.covers or "")
        if key not in earlier:
            earlier[key] = _Card(entry.category, entry.who, entry.place, [])
            cards.append(earlier[key])
        earlier[key].entries.append(entry)
    card_of = {e.claim_key: card for card in cards for e in card.entries}
    nested: dict[tuple[int, str, str], _Card] = {}
    pending = list(subsets)
    for _ in range(4):  # a part of a part ("of whom two children"): a few levels at most
        left: list[_Entry] = []
        for entry in pending:
            parent_card = card_of.get(entry.parent_key) if entry.parent_key else None
            if parent_card is None:
                left.append(entry)
                continue
            part_key = (id(parent_card), entry.category, entry.who)
            card = nested.get(part_key)
            if card is None:
                card = _Card(entry.category, entry.who, None, [], parent=parent_card)
                nested[part_key] = card
                cards.append(card)
            card.entries.append(entry)
            card_of[entry.claim_key] = card
        if not left or len(left) == len(pending):
            pending = left
            break
        pending = left
    for entry in pending:  # a part whose total never made a card: a figure of its own
        cards.append(_Card(entry.category, entry.who, entry.place, [entry]))
    return _split_increments(_merge_parts(cards))


def _incident_day(entry: _Entry) -> str | None:
    covers = entry.report.covers or ""
    return covers if len(covers) == 10 and covers[:1].isdigit() else None


def _is_increment(entry: _Entry, others: Sequence[_Entry]) -> bool:
    """A count of one later day's deaths, not the running total ("later_day_increment"):
    "four people died on Sunday" counts Sunday, and a larger figure of the same thing was
    already stated before Sunday, so it cannot be the total (which cannot fall below what it
    already was) nor a correction of it (not told as one)."""
    day = _incident_day(entry)
    if day is None or entry.revision or entry.report.retracted:
        return False
    own = _effective_range(entry.report, entry.vague)
    if own is None:
        return False
    return any(
        other is not entry
        and _order(other.when, day) < 0
        and other.report.value_min is not None
        and other.report.value_min > own[1]
        for other in others
    )


def _split_increments(cards: list[_Card]) -> list[_Card]:
    """A later day's own count ("two more died overnight", "four people died Sunday") is a
    figure of that day (covers: the day), beside the running total, never its value: one
    figure per day, at the level of the figure it was reported with."""
    out: list[_Card] = []
    for card in cards:
        out.append(card)
        increments = [e for e in card.entries if _is_increment(e, card.entries)]
        if not increments:
            continue
        card.entries = [e for e in card.entries if e not in increments]
        by_day: dict[str, _Card] = {}
        for entry in increments:
            day = _incident_day(entry) or ""
            if day not in by_day:
                by_day[day] = _Card(
                    card.category,
                    card.who,
                    card.place,
                    [],
                    parent=card.parent,
                    local=card.local,
                    operation=card.operation,
                )
                out.append(by_day[day])
            by_day[day].entries.append(entry)
    return out


def _merge_parts(cards: list[_Card]) -> list[_Card]:
    """Parts of one total that count the same thing are one figure: "two of whom were
    beheaded" in one outlet and "beheaded 2 police officers" in another."""
    merged: list[_Card] = []
    for card in cards:
        twin = next(
            (
                other
                for other in merged
                if card.parent is not None
                and other.parent is card.parent
                and other.category == card.category
                and other.place == card.place
                and UNSPECIFIED in {other.who, card.who} | ({card.who} & {other.who})
                and all(_agrees(a, b) for a in card.entries for b in other.entries)
            ),
            None,
        )
        if twin is None:
            merged.append(card)
            continue
        twin.entries.extend(card.entries)
        if twin.who == UNSPECIFIED:
            twin.who = card.who
    return merged


def _is_background(entry: _Entry) -> bool:
    """The figure counts an incident more than ``BACKGROUND_DAYS`` before it was stated."""
    covers = entry.report.covers or ""
    if not covers[:1].isdigit():
        return False
    apart = _days_apart(covers, entry.report.stated)
    return apart is not None and apart > BACKGROUND_DAYS and covers < (entry.report.stated or "")


def _whole_cards(entries: Sequence[_Entry]) -> list[_Card]:
    by_category: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_category[entry.category].append(entry)
    # "18 casualties" beside "18 killed": the text means the dead when the figure agrees
    # with the story's dead of that group and with none of its injured
    for entry in list(by_category.get("casualties", [])):
        killed = [e for e in by_category.get("killed", []) if e.who == entry.who]
        injured = [e for e in by_category.get("injured", []) if e.who == entry.who]
        if killed and _agrees_with_any(entry, killed) and not _agrees_with_any(entry, injured):
            by_category["casualties"].remove(entry)
            by_category["killed"].append(entry)
    cards: list[_Card] = []
    for category, members in by_category.items():
        if not members:
            continue
        by_who: dict[str, list[_Entry]] = defaultdict(list)
        for entry in members:
            by_who[entry.who].append(entry)
        named = {w for w in by_who if w != UNSPECIFIED}
        # a narrower group joins the wider one when its figure agrees with it
        for who in sorted(named, key=lambda w: -len(_wider_groups(w))):
            for wider in _wider_groups(who):
                if wider in by_who:
                    joining = [e for e in by_who[who] if _agrees_with_any(e, by_who[wider])]
                    by_who[wider].extend(joining)
                    by_who[who] = [e for e in by_who[who] if e not in joining]
                    break
        tops = {w for w, same in by_who.items() if same and w != UNSPECIFIED}
        tops = {w for w in tops if not any(x in tops for x in _wider_groups(w))}
        only = next(iter(tops)) if len(tops) == 1 else None
        if only is not None:
            joining = [e for e in by_who[UNSPECIFIED] if _agrees_with_any(e, by_who[only])]
            by_who[only].extend(joining)
            by_who[UNSPECIFIED] = [e for e in by_who[UNSPECIFIED] if e not in joining]
        group_cards: dict[str, list[_Card]] = {}
        for who, same in by_who.items():
            if same:
                group_cards[who] = _scope_cards(category, who, same)
                cards.extend(group_cards[who])
        for who, made in group_cards.items():
            wider_group = next((w for w in _wider_groups(who) if w in group_cards), None)
            if wider_group is None:
                continue
            for card in made:
                if card.parent is None:
                    card.parent = group_cards[wider_group][0]
    return cards


def _scope_cards(category: str, who: str, entries: Sequence[_Entry]) -> list[_Card]:
    """Split one group's reports by the places they count (a town's toll is not the nation's).

    Reports naming places at the same level that do not contain each other are different
    figures; a local (town-level) report that agrees with none of the others is a figure of
    its own, nested under the wider one.
    """
    named: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.place:
            named[entry.level].add(entry.place.lower())
    split_levels = [level for level, places in named.items() if len(places) >= 2]
    by_place: dict[str | None, list[_Entry]] = defaultdict(list)
    if split_levels:
        level = max(split_levels)
        for entry in entries:
            by_place[entry.place if entry.place and entry.level == level else None].append(entry)
    else:
        by_place[None] = list(entries)
    cards: list[_Card] = []
    wide = by_place.pop(None, [])
    if wide:
        home = _home_region(wide)
        local = [e for e in wide if _is_sub_scope(e, home)]
        broad = [e for e in wide if not _is_sub_scope(e, home)]
        apart = [e for e in local if broad and _apart_from(e, broad)]
        kept = [e for e in wide if e not in apart]
        places = {e.place for e in kept if e.place}
        main = _Card(category, who, places.pop() if len(places) == 1 else None, kept)
        cards.append(main)
        split: dict[str, list[_Entry]] = defaultdict(list)
        for entry in apart:
            scoped = entry.site or entry.operation
            split[_site_key(scoped) if scoped else entry.place or ""].append(entry)
        for same in split.values():
            where = same[0].site or same[0].operation or same[0].place
            operation = not same[0].site and bool(same[0].operation)
            cards.append(
                _Card(
                    category,
                    who,
                    where,
                    same,
                    parent=main,
                    local=_is_local(same[0]),
                    operation=operation,
                )
            )
    for place, same in by_place.items():
        sited = _site_parts(same)
        rest = [e for e in same if not any(e in part for part in sited)]
        first = rest or sited.pop(0)
        card = _Card(category, who, place if rest else first[0].site, first, local=True)
        card.local = any(_is_local(e) for e in card.entries)
        if cards and (card.local or any(e.level >= _REGION_LEVEL for e in card.entries)):
            card.parent = cards[0]
        cards.append(card)
        for part in sited:  # "29 remains at the X hospital, 102 at the Y hospital" in one town
            cards.append(_Card(category, who, part[0].site, part, parent=card, local=True))
    return cards


def _site_parts(entries: Sequence[_Entry]) -> list[list[_Entry]]:
    """A place's reports taken at one facility each, by facility ("site_list_in_a_town"): a
    site's count is its own figure beside the town's unless it agrees with the town's figure
    and is not below it (``_apart_from``); two facilities are two figures."""
    broad = [e for e in entries if not e.site]
    parts: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry.site and (not broad or _apart_from(entry, broad)):
            parts[_site_key(entry.site)].append(entry)
    return list(parts.values()) if broad or len(parts) > 1 else []


def _written_number(entry: _Entry) -> float | None:
    """The number as written ("at least 832", "832", "more than 832": 832), None when vague."""
    report = entry.report
    if entry.vague or (report.value_min is None and report.value_max is None):
        return None
    if report.qualifier == "more_than" and report.value_min is not None:
        return report.value_min - 1
    if report.qualifier == "up_to":
        return report.value_max
    if report.value_max is not None and report.value_min != report.value_max:
        return None  # a range ("40 to 50") is not one figure
    return report.value_min


def _inferred_sources(entries: Sequence[_Entry], originators: Originators) -> dict[int, str]:
    """Unattributed reports of a specific figure a named source gave: that source.

    A number of at least ``SPECIFIC_FIGURE`` that a named source gave and outlets repeat
    without naming one ("at least 832" after the agency's 832) is read as that figure
    travelling, not as independent counts; when several named sources gave it, the first
    to state it.
    """
    attributed: dict[float, tuple[str, str]] = {}
    for entry in sorted(entries, key=_Entry.sort_key):
        value = _written_number(entry)
        if value is not None and value >= SPECIFIC_FIGURE and _named(entry, originators):
            attributed.setdefault(value, (originators.key(entry.report.attributed_to or ""), ""))
    inferred: dict[int, str] = {}
    for entry in entries:
        value = _written_number(entry)
        if _named(entry, originators) or value is None or value not in attributed:
            continue
        inferred[entry.order] = attributed[value][0]
    return inferred


UNNAMED = "\x00unnamed"
"""Source key of reports whose originator is not named ("the toll rose to 844", "officials
said") in a figure that named originators also report: shown, never counted as a source."""


def _named(entry: _Entry, originators: Originators) -> bool:
    return bool(entry.report.attributed_to) and not originators.is_vague(
        entry.report.attributed_to or ""
    )


def _source_keys(
    entries: Sequence[_Entry], originators: Originators, *, infer_shared: bool
) -> dict[int, str]:
    """Each report's originator key (see the module docstring)."""
    reporting = {e.outlet_key for e in entries}
    inferred = _inferred_sources(entries, originators) if infer_shared else {}
    any_named = any(_named(e, originators) for e in entries)
    keys: dict[int, str] = {}
    for entry in entries:
        if _named(entry, originators):
            keys[entry.order] = originators.key(entry.report.attributed_to or "")
            continue
        if entry.order in inferred:
            keys[entry.order] = inferred[entry.order]
            continue
        relayed = sorted(entry.cited_outlets & reporting)
        if relayed:
            keys[entry.order] = relayed[0]
        elif any_named and infer_shared:
            keys[entry.order] = UNNAMED
        elif entry.report.attributed_to:
            keys[entry.order] = originators.key(entry.report.attributed_to)
        else:
            keys[entry.order] = entry.outlet_key
    return _parents_as_agency(keys, originators)


def _parents_as_agency(keys: dict[int, str], originators: Originators) -> dict[int, str]:
    """On a figure its agency gives, the organisation's word is the agency's ("agency_of_
    parent": "the United Nations said 45 children died" beside "UNICEF spokesman X: 45")."""
    present = set(keys.values())
    for agency, parent_keys in originators.parents.items():
        if agency in present and present & parent_keys:
            keys = {order: agency if key in parent_keys else key for order, key in keys.items()}
    return keys


def _without_copies(entries: Sequence[_Entry], sources: Mapping[int, str]) -> list[_Entry]:
    """One report per figure an originator gave through one original article.

    A re-post or exact copy of an article, and a figure an article repeats (headline and
    body), never appear twice.
    """
    seen: set[tuple[object, ...]] = set()
    kept: list[_Entry] = []
    for entry in entries:
        report = entry.report
        key = (
            entry.original_id,
            sources[entry.order],
            report.value_min,
            report.value_max,
            report.qualifier,
            report.retracted,
        )
        if key in seen:
            continue
        seen.add(key)
        kept.append(entry)
    return kept


def _inference_note(entries: Sequence[_Entry], originators: Originators) -> str:
    inferred = _inferred_sources(entries, originators)
    if not inferred:
        return ""
    outlets = sorted({e.report.outlet for e in entries if e.order in inferred})
    source = originators.names.canonical(next(iter(inferred.values())))
    return (
        f" Counted with {source}: {', '.join(outlets)} give the same specific figure"
        " without naming a source."
    )


def _describe(entry: _Entry) -> str:
    report = entry.report
    source = report.originator or "own reporting"
    return f"{report.outlet} says {format_figure(report)} ({source}, {when_reported(report)})"


def _days_apart(a: str | None, b: str | None) -> int | None:
    a, b = _day(a), _day(b)
    if not a or not b or len(a) < 10 or len(b) < 10:
        return None
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def _counts_other_period(a: _Entry, b: _Entry) -> bool:
    """Two reports that count different periods are different figures, never a conflict:
    two incident days, or an incident's count beside a larger cumulative one."""
    ca, cb = a.report.covers, b.report.covers
    incident_a = bool(ca) and ca not in {"cumulative"} and not (ca or "").startswith("since")
    incident_b = bool(cb) and cb not in {"cumulative"} and not (cb or "").startswith("since")
    if incident_a and incident_b:
        return ca != cb
    if incident_a != incident_b and ca and cb:
        incident, whole = (a, b) if incident_a else (b, a)
        return _at_most(incident, [whole])
    return False


def _superseded(entry: _Entry, by_day: str | None, series: Sequence[_Entry]) -> bool:
    """The entry's originator gave a newer figure of its own before ``by_day``."""
    return any(
        other is not entry and _order(entry.when, other.when) < 0 and _order(other.when, by_day) < 0
        for other in series
    )


def _revised_down(
    entries: Sequence[_Entry], live: Sequence[_Entry], sources: Mapping[int, str]
) -> str:
    """Why the figure reads as revised down, or "": the latest live report is a correction
    ("revised down to 253") or follows its article's own withdrawn figure, and it is below
    an earlier figure of the same originator (or of no named one) that it does not agree with.
    """
    latest = live[-1]
    withdrawn_here = any(
        e.report.retracted and e.original_id == latest.original_id for e in entries
    )
    if not (latest.revision or withdrawn_here):
        return ""
    own = sources[latest.order]
    low = latest.report.value_min
    higher = [
        e
        for e in entries
        if e is not latest
        and sources[e.order] in {own, UNNAMED}
        and _order(e.when, latest.when) <= 0
        and e.report.value_min is not None
        and low is not None
        and e.report.value_min > low
        and not _agrees(e, latest)
    ]
    if not higher:
        return ""
    before = max(higher, key=lambda e: e.report.value_min or 0.0)
    return (
        f"revised down: {format_figure(before.report)} ({before.report.outlet},"
        f" {when_reported(before.report)}) -> {_describe(latest)}"
    )


def _assess(
    entries: Sequence[_Entry], sources: Mapping[int, str], window_days: int
) -> tuple[str, str]:
    """(status, why) of one figure's reports, ordered by ``stated`` time."""
    latest = entries[-1]
    live = [e for e in entries if not e.report.retracted]
    if latest.report.retracted or not live:
        withdrawn = [_describe(e) for e in entries if e.report.retracted]
        return "retracted", "withdrawn: " + "; ".join(withdrawn)
    revised = _revised_down(entries, live, sources)
    if revised:
        return "retracted", revised
    series: dict[str, list[_Entry]] = defaultdict(list)
    for entry in live:
        series[sources[entry.order]].append(entry)
    conflicts: list[tuple[_Entry, _Entry]] = []
    grew = False
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if _agrees(a, b) or _counts_other_period(a, b):
                continue
            step = _order(a.when, b.when) or _order(a.report.published, b.report.published)
            old, new = (a, b) if step <= 0 else (b, a)
            higher = (new.report.value_min or 0) >= (old.report.value_min or 0)
            if UNNAMED in (sources[a.order], sources[b.order]):
                grew = grew or (step != 0 and higher)
                continue  # a figure nobody is named for contradicts no one
            if sources[a.order] == sources[b.order]:
                grew = grew or step != 0 or higher
                continue
            apart = _days_apart(a.when, b.when)
            near = step == 0 or (apart is not None and apart <= window_days)
            if step != 0 and higher and (new.report.rising or not near):
                grew = True  # a later, larger figure: the toll rose
                continue
            larger = max((a, b), key=lambda e: e.report.value_min or 0.0)
            if step == 0 and larger.report.rising:
                grew = True  # the same day, the larger one told as a rise ("has risen to")
                continue
            if near or (not higher and not _superseded(old, new.when, series[sources[old.order]])):
                conflicts.append((old, new))
            else:
                grew = True
    if conflicts:
        sides = sorted({e for pair in conflicts for e in pair}, key=_Entry.sort_key)
        labels: dict[str, str] = {}
        for e in sides:  # one label per originator however its reports write it
            labels.setdefault(sources[e.order], e.report.originator or e.report.outlet)
        who = " vs ".join(dict.fromkeys(labels[k] for k in sorted(labels)))
        return "conflicting", f"{who}: " + "; ".join(_describe(e) for e in sides)
    independent = len(set(series) - {UNNAMED})
    if grew or len(live) < len(entries):
        history = " -> ".join(
            f"{format_figure(e.report)} ({e.report.outlet}, {when_reported(e.report)})"
            + (" [withdrawn]" if e.report.retracted else "")
            for e in entries
        )
        return "updated", history
    described = "; ".join(_describe(e) for e in live)
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


def _series(
    entries: Sequence[_Entry], sources: Mapping[int, str], originators: Originators
) -> tuple[OriginatorSeries, ...]:
    by_source: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        by_source[sources[entry.order]].append(index)
    out: list[OriginatorSeries] = []
    for key, indexes in by_source.items():
        first = entries[indexes[0]].report
        own = [i for i in indexes if _named(entries[i], originators)]
        own = [
            i for i in own if originators.key(entries[i].report.attributed_to or "") == key
        ] or own
        named = entries[own[0]].report if own else first
        label = (
            "unnamed sources"
            if key == UNNAMED
            else named.originator or originators.names.canonical(first.outlet)
        )
        live = [i for i in indexes if not entries[i].report.retracted] or indexes
        last = entries[live[-1]].report
        out.append(
            OriginatorSeries(
                originator=label if key else first.outlet,
                report_indexes=tuple(indexes),
                latest_min=last.value_min,
                latest_max=last.value_max,
                latest_stated=last.stated,
            )
        )
    return tuple(sorted(out, key=lambda s: (-len(s.report_indexes), s.originator)))


def _scope(card: _Card, entries: Sequence[_Entry]) -> str:
    if card.place and card.operation:
        where = f"operation: {card.place}"
    elif card.place and card.local:
        where = f"local: {card.place}"
    elif card.place:
        level = min((e.level for e in entries if e.place == card.place), default=_LEAF_LEVEL)
        where = f"national: {card.place}" if level <= 1 else f"regional: {card.place}"
    elif any(e.place for e in entries):
        where = "national"
    else:
        where = UNSPECIFIED
    periods = {e.report.covers for e in entries if e.report.covers}
    if len(periods) == 1 and len(entries) > 0 and all(e.report.covers for e in entries):
        period = periods.pop() or ""
        where += f", {period}" if not period[:1].isdigit() else f", incident {period}"
    return where


def build_ledger(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    headline_rule: str = "conservative",
    published: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> list[ClaimGroup]:
    """One ClaimGroup per figure of the story, reports ordered by ``stated`` time.

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
    found = [analyses[a.id] for a in members if a.id in analyses]
    titled = {m.text: m.title for a in found for m in a.mentions if m.title and m.label == "PERSON"}
    source_names = [
        n
        for a in found
        for n in (
            *(c.attributed_to for c in a.claims),
            *(c.source for c in a.citations),
            *(c.originator for c in a.citations),
        )
        if n
    ]
    originators = story_originators(
        names,
        source_names,
        titled,
        texts=[a.text for a in members],
        place_names=[p.name for a in found for p in a.places],
    )
    extra = settings.lexicons.get("retraction_cues", ()) if settings else ()
    infer_shared = settings.infer_shared_figures if settings else True
    window = settings.conflict_window_days if settings else CONFLICT_WINDOW_DAYS
    entries = _entries(members, by_id, analyses, names, originators, published or {}, tuple(extra))
    official_keys = {
        names.key(c.originator or c.source)
        for a in found
        for c in a.citations
        if c.kind == "official"
    }
    cards = _cards(entries)
    built: list[tuple[_Card, ClaimGroup]] = []
    for card in cards:
        group = sorted(card.entries, key=_Entry.sort_key)
        sources = _source_keys(group, originators, infer_shared=infer_shared)
        group = _without_copies(group, sources)
        status, why = _assess(group, sources, window)
        if infer_shared:
            why += _inference_note(group, originators)
        official = {
            e.order for e in group if _is_official(e.report.attributed_to, names, official_keys)
        }
        low, high, rule = _headline(group, sources, status, headline_rule, official)
        live = [e for e in group if not e.report.retracted] or group
        labels = Counter(e.who_label for e in group)
        main_labels = Counter(e.who_label for e in group if _group_of(e.who_label) == card.who)
        shown = main_labels or labels
        built.append(
            (
                card,
                ClaimGroup(
                    story_id=story.id,
                    category=card.category,
                    who=max(shown, key=lambda w: (shown[w], w)) if shown else card.who,
                    status=status,
                    independent_sources=len({sources[e.order] for e in live} - {UNNAMED}),
                    reports=tuple(e.report for e in group),
                    headline_min=low,
                    headline_max=high,
                    headline_rule=rule,
                    why=why,
                    place=card.place,
                    scope=_scope(card, group),
                    series=_series(group, sources, originators),
                    latest_min=live[-1].report.value_min,
                    latest_max=live[-1].report.value_max,
                    group_labels=tuple(sorted(labels)),
                ),
            )
        )
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}

    def order_key(item: tuple[_Card, ClaimGroup]) -> tuple[int, str, str]:
        return (rank.get(item[0].category, len(rank)), item[1].who or "", item[1].place or "")

    children: dict[int, list[tuple[_Card, ClaimGroup]]] = defaultdict(list)
    for item in built:
        if item[0].parent is not None:
            children[id(item[0].parent)].append(item)
    ordered: list[tuple[_Card, ClaimGroup]] = []

    def visit(item: tuple[_Card, ClaimGroup]) -> None:
        ordered.append(item)
        for child in sorted(children.get(id(item[0]), []), key=order_key):
            visit(child)

    for item in sorted((i for i in built if i[0].parent is None), key=order_key):
        visit(item)
    built = ordered
    index = {id(card): i for i, (card, _g) in enumerate(built)}
    return [
        replace(group, parent=index[id(card.parent)] if card.parent is not None else None)
        for card, group in built
    ]
