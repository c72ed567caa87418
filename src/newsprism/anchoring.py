"""Anchoring undated articles in time through the story they belong to.

Most articles name weekdays, not years ("on Thursday", "today, Friday"); their
ingest left partial hints on ``article.published.hints``: ``("weekday", "Friday")``
(the day of writing), ``("month_day", "01-07")``, ``("not_before", "2022-01-06")``
(the latest full date the text looks back on). Once articles are grouped, the
story's other evidence can pin such an article to one calendar date. The rules,
so a reader can check every anchor:

1. **Story window.** If the story has dated articles (``published.value``), the
   window is their span widened by ``slack_days`` on each side. Otherwise it comes
   from full dates in the articles' text: ``not_before`` hints, time expressions that
   state a year ("January 6, 2022"), and weekday + month-day pairs whose year rule 2
   fixes. Those dates are clustered: the ``window_days`` stretch holding dates from
   the most articles wins (ties: the latest), so a background date ("the treaty of
   May 15, 1992") does not stretch the window; the window is that cluster, extended
   ``slack_days`` after its last date (articles follow the events they report). The
   window never reaches past ``today``.
2. **Weekday + month-day pairs fix a year** ("Sunday, the ninth of January" in a time
   expression, or an article's own ``weekday`` + ``month_day`` hints): the year must
   be one in which that day falls on that weekday, between ``window_days`` before the
   latest full date the story states and ``window_days`` after ``today``. Exactly one
   such year, or the pair fixes nothing.
3. **An undated article** is anchored by its own hints:
   a ``month_day`` hint takes the year that puts it in (or within ``window_days`` of)
   the story window; a ``month_day`` + ``weekday`` pair of its own uses rule 2 instead
   unless the window comes from dated articles (then the pair must agree with it);
   a ``weekday`` hint alone is the date in the window with that weekday.
   Candidates before the article's ``not_before`` hint or after ``today`` are dropped.
   Exactly one candidate must remain, else the article is ambiguous and not anchored.
4. **Contradictions stop an anchor.** A weekday hint must agree with the date its
   month-day resolves to; two different month-days or weekdays in one article's hints
   disagree. The reason is given in the decision's evidence (:func:`decide_anchors`).
5. **Never invent.** Articles already dated are left alone; anchored dates are not fed
   back into the window (no chains of inference); time expressions without a year
   ("on Thursday") say when an event happened, not when the article was written, and
   are not used as publication evidence.

Time expressions come from ``analysis.dates`` when an analysis is given, else from
the article's text through :func:`newsprism.nlp.temporal.find_time_expressions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from newsprism.lexicons import load_mapping
from newsprism.models import AnchoredDate, Article, ArticleAnalysis, Story
from newsprism.nlp.temporal import find_time_expressions, parse_anchor, parse_explicit_date

SLACK_DAYS = 2
WINDOW_DAYS = 7
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# How many years back a weekday + month-day pair is tried when nothing bounds it.
_UNBOUNDED_YEARS = 200


@dataclass(frozen=True)
class AnchorDecision:
    """What anchoring decided for one undated article: a date, or why there is none."""

    article_id: str
    value: str | None
    method: str
    evidence: str


@dataclass(frozen=True)
class StoryWindow:
    """The dates a story's articles were plausibly published on, and where they came from."""

    start: date
    end: date
    basis: str
    evidence: str

    def describe(self) -> str:
        return f"story window {self.start.isoformat()}..{self.end.isoformat()} ({self.evidence})"


@dataclass(frozen=True)
class _Point:
    """A full calendar date some article of the story states."""

    value: date
    article_id: str
    evidence: str


@cache
def _weekday_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for phrase, value in load_mapping("time_words").items():
        kind, _, number = value.partition(":")
        if kind == "weekday" and number.isdigit():
            words[phrase.lower()] = int(number)
    return words


def _weekday_in(expression: str) -> int | None:
    """The one weekday named in ``expression``, or None (none, or two different ones)."""
    words = _weekday_words()
    found = {words[w] for w in re.findall(r"[a-z]+\.?", expression.lower()) if w in words}
    return found.pop() if len(found) == 1 else None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _expressions(article: Article, analysis: ArticleAnalysis | None) -> list[str]:
    if analysis is not None:
        return [expression.text for expression in analysis.dates]
    return [found.text for found in find_time_expressions(article.text)]


def _full_date(expression: str) -> date | None:
    """The date of an expression that states day, month and year."""
    resolved = parse_explicit_date(expression)
    if resolved and resolved.method == "explicit" and resolved.granularity == "day":
        return resolved.value
    return None


def _month_day_pair(expression: str) -> tuple[int, int, int] | None:
    """(month, day, weekday) of a year-less date said with its weekday."""
    resolved = parse_explicit_date(expression, anchor_year=2000)  # a leap year: 29 Feb parses
    if resolved is None or resolved.value is None or resolved.method != "explicit_no_year":
        return None
    if resolved.granularity != "day":
        return None
    weekday = _weekday_in(expression)
    if weekday is None:
        return None
    return resolved.value.month, resolved.value.day, weekday


def years_for_weekday(
    month: int, day: int, weekday: int, *, earliest: date | None, latest: date
) -> list[date]:
    """Dates of ``month``/``day`` falling on ``weekday`` (0 = Monday) between the bounds."""
    first_year = earliest.year if earliest else latest.year - _UNBOUNDED_YEARS
    found = []
    for year in range(first_year, latest.year + 1):
        candidate = _valid(year, month, day)
        if candidate is None or candidate.weekday() != weekday or candidate > latest:
            continue
        if earliest is None or candidate >= earliest:
            found.append(candidate)
    return found


def _hints(article: Article, kind: str) -> list[str]:
    return list(dict.fromkeys(value for name, value in article.published.hints if name == kind))


def _not_before(article: Article) -> date | None:
    bounds = [parse_anchor(value) for value in _hints(article, "not_before")]
    known = [bound for bound in bounds if bound is not None]
    return max(known) if known else None


def _stated_points(
    articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> list[_Point]:
    points: list[_Point] = []
    for article in articles:
        for value in _hints(article, "not_before"):
            bound = parse_anchor(value)
            if bound:
                points.append(_Point(bound, article.id, f"not-before hint {value}"))
        for expression in _expressions(article, analyses.get(article.id)):
            stated = _full_date(expression)
            if stated:
                points.append(_Point(stated, article.id, f"'{expression}'"))
    return points


def _pair_points(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    stated: Sequence[_Point],
    today: date,
    window_days: int,
) -> list[_Point]:
    """Weekday + month-day pairs in the text whose year rule 2 fixes."""
    earliest = max((p.value for p in stated), default=None)
    if earliest is not None:
        earliest -= timedelta(days=window_days)
    latest = today + timedelta(days=window_days)
    points: list[_Point] = []
    for article in articles:
        for expression in _expressions(article, analyses.get(article.id)):
            pair = _month_day_pair(expression)
            if pair is None:
                continue
            years = years_for_weekday(*pair, earliest=earliest, latest=latest)
            if len(years) == 1:
                note = f"'{expression}', year {years[0].year}: the only year in range"
                points.append(_Point(years[0], article.id, note))
    return points


def _densest(points: Sequence[_Point], window_days: int) -> list[_Point]:
    """The points in the ``window_days`` stretch stated by the most articles (ties: latest)."""
    best: list[_Point] = []
    best_key: tuple[int, date] | None = None
    for start in sorted({p.value for p in points}):
        inside = [p for p in points if start <= p.value < start + timedelta(days=window_days)]
        key = (len({p.article_id for p in inside}), start)
        if best_key is None or key > best_key:
            best, best_key = inside, key
    return best


def _short(points: Iterable[_Point]) -> str:
    seen = dict.fromkeys(f"{p.evidence} in article {p.article_id}" for p in points)
    return "; ".join(seen)


def story_window(
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    today: date | None = None,
    slack_days: int = SLACK_DAYS,
    window_days: int = WINDOW_DAYS,
) -> StoryWindow | None:
    """The window of rule 1 for one story's ``articles``, or None when nothing dates it."""
    today = today or date.today()
    originals = [a for a in articles if not a.duplicate_of]
    slack = timedelta(days=slack_days)
    dated = [(parse_anchor(a.published.value), a.id) for a in originals]
    published = [(value, article_id) for value, article_id in dated if value is not None]
    if published:
        first, last = min(v for v, _ in published), max(v for v, _ in published)
        ids = ", ".join(sorted({article_id for _, article_id in published}))
        return StoryWindow(
            first - slack,
            min(last + slack, today),
            "dated_articles",
            f"publication dates {first.isoformat()}..{last.isoformat()} of {ids}",
        )
    stated = _stated_points(originals, analyses)
    pairs = _pair_points(originals, analyses, stated=stated, today=today, window_days=window_days)
    cluster = _densest([p for p in stated + pairs if p.value <= today], window_days)
    if not cluster:
        return None
    first, last = min(p.value for p in cluster), max(p.value for p in cluster)
    return StoryWindow(
        first, min(last + slack, today), "text_dates", "dates stated: " + _short(cluster)
    )


def _decide(
    article: Article,
    window: StoryWindow | None,
    *,
    stated: Sequence[_Point],
    today: date,
    window_days: int,
) -> AnchorDecision:
    def refuse(reason: str) -> AnchorDecision:
        return AnchorDecision(article.id, None, "not_anchored", reason)

    month_days = _hints(article, "month_day")
    weekdays = [w for w in _hints(article, "weekday") if w.capitalize() in WEEKDAY_NAMES]
    bound = _not_before(article)
    if len(month_days) > 1:
        return refuse(f"its month-day hints disagree ({', '.join(month_days)})")
    if len(weekdays) > 1:
        return refuse(f"its weekday hints disagree ({', '.join(weekdays)})")
    weekday = WEEKDAY_NAMES.index(weekdays[0].capitalize()) if weekdays else None
    source = f" (from: {article.published.evidence})" if article.published.evidence else ""
    window_text = window.describe() if window else "no story window"
    candidates: list[date]
    if month_days:
        try:
            month, day = (int(part) for part in month_days[0].split("-"))
        except ValueError:
            return refuse(f"unreadable month-day hint {month_days[0]!r}")
        if window is not None and (window.basis == "dated_articles" or weekday is None):
            reach = timedelta(days=window_days)
            years = range(window.start.year - 1, window.end.year + 2)
            candidates = [
                found
                for year in years
                if (found := _valid(year, month, day))
                and window.start - reach <= found <= window.end + reach
            ]
            method = "story_window+month_day"
            told = f"month-day {month_days[0]} with the year of the {window_text}"
        elif weekday is not None:
            lower = [p.value - timedelta(days=window_days) for p in stated]
            earliest = max([*lower, *([bound] if bound else [])], default=None)
            candidates = years_for_weekday(
                month, day, weekday, earliest=earliest, latest=today + timedelta(days=window_days)
            )
            method = "weekday+month_day"
            told = (
                f"month-day {month_days[0]} falls on a {WEEKDAY_NAMES[weekday]} in one year "
                f"only from {earliest.isoformat() if earliest else 'any time'} to now"
            )
        else:
            return refuse(f"month-day {month_days[0]} but no story window gives its year")
    elif weekday is not None:
        if window is None:
            return refuse(f"weekday {WEEKDAY_NAMES[weekday]} but no story window")
        span = (window.end - window.start).days
        candidates = [
            window.start + timedelta(days=offset)
            for offset in range(span + 1)
            if (window.start + timedelta(days=offset)).weekday() == weekday
        ]
        method = "story_window+weekday"
        told = f"the only {WEEKDAY_NAMES[weekday]} in the {window_text}"
    else:
        return refuse("no month-day or weekday of its own")

    if bound is not None:
        candidates = [c for c in candidates if c >= bound]
    candidates = [c for c in candidates if c <= today]
    if not candidates:
        limit = f" on or after its not-before {bound.isoformat()}" if bound else ""
        return refuse(f"no date fits: {told}{limit} gives nothing{source}")
    if len(candidates) > 1:
        listed = ", ".join(c.isoformat() for c in candidates)
        return refuse(f"ambiguous: {told} allows {listed}{source}")
    found = candidates[0]
    if weekday is not None and found.weekday() != weekday:
        return refuse(
            f"contradiction: {told} gives {found.isoformat()}, a {WEEKDAY_NAMES[found.weekday()]}, "
            f"but the text says {WEEKDAY_NAMES[weekday]}{source}"
        )
    if weekday is not None and month_days and method == "story_window+month_day":
        method += "+weekday"
        told += f", a {WEEKDAY_NAMES[weekday]} as the text says"
    if bound is not None:
        told += f", not before {bound.isoformat()}"
    return AnchorDecision(article.id, found.isoformat(), method, f"{told}{source}")


def decide_anchors(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    today: date | None = None,
    slack_days: int = SLACK_DAYS,
    window_days: int = WINDOW_DAYS,
) -> list[AnchorDecision]:
    """One decision per undated article of ``story``: a date with its evidence, or the
    reason there is none (ambiguous, contradicted, no evidence)."""
    today = today or date.today()
    members = set(story.article_ids)
    in_story = [a for a in articles if a.id in members]
    window = story_window(
        in_story, analyses, today=today, slack_days=slack_days, window_days=window_days
    )
    stated = _stated_points([a for a in in_story if not a.duplicate_of], analyses)
    return [
        _decide(article, window, stated=stated, today=today, window_days=window_days)
        for article in sorted(in_story, key=lambda a: a.id)
        if parse_anchor(article.published.value) is None
    ]


def anchor_story(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    today: date | None = None,
) -> list[AnchoredDate]:
    """Publication dates for the undated articles of ``story`` that the evidence pins
    to exactly one day (rules in the module docstring); the others are left out."""
    return [
        AnchoredDate(d.article_id, d.value, d.method, d.evidence)
        for d in decide_anchors(story, articles, analyses, today=today)
        if d.value is not None
    ]


__all__ = [
    "AnchorDecision",
    "StoryWindow",
    "anchor_story",
    "decide_anchors",
    "story_window",
    "years_for_weekday",
]
