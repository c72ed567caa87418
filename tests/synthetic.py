"""A synthetic store written straight from frozen dataclasses (no model): web tests, benchmark.

Articles of several outlets (names with dots and slashes) in several languages, grouped into
stories, each with places, dates, quotes, citations and casualty figures at true offsets.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from sqlalchemy import Engine

from newsprism.models import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    Place,
    PublicationDate,
    Quote,
    Story,
    TimeExpression,
)
from newsprism.store.analysis import save_analysis
from newsprism.store.articles import save_article
from newsprism.store.stories import save_stories

OUTLETS = ("wire.example.com", "news.example.org/world", "daily-post.example", "radio.example.net")
LANGUAGES = ("en", "en", "fr", "ru")
CITIES = (
    ("Almaty", 43.25, 76.95, "KZ"),
    ("Astana", 51.17, 71.45, "KZ"),
    ("Taraz", 42.9, 71.37, "KZ"),
    ("Aktobe", 50.28, 57.17, "KZ"),
)
WORDS = [
    "protest",
    "crowd",
    "police",
    "square",
    "government",
    "curfew",
    "internet",
    "outage",
    "fuel",
    "prices",
    "talks",
    "negotiation",
    "barricade",
    "hospital",
    "airport",
    "border",
    "troops",
    "witness",
    "statement",
    "ministry",
]

HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_OUTLET = 'evil.example/<script>alert("outlet")</script>'
HOSTILE_URL = "javascript:alert(document.cookie)"
HOSTILE_TEXT = (
    "Attackers wrote <script>alert('text')</script> and <img src=x onerror=alert(2)> into "
    "the page. At least 3 people were killed in Almaty, the health ministry said. "
    '<a href="javascript:alert(3)">click</a>'
)


@dataclass(frozen=True)
class SyntheticStore:
    article_ids: tuple[str, ...]
    story_ids: tuple[str, ...]
    hostile_id: str | None


def _article(n: int, story: int, rng: random.Random, day: int) -> tuple[Article, ArticleAnalysis]:
    outlet = OUTLETS[n % len(OUTLETS)]
    language = LANGUAGES[n % len(LANGUAGES)]
    city, lat, lon, cc = CITIES[story % len(CITIES)]
    killed = 10 + story * 3 + (n % 3) * (story % 2)
    date = f"2022-01-{day:02d}"
    filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 160)))
    lead = (
        f"At least {killed} people were killed in {city} on January {day}, "
        "the health ministry said."
    )
    quote = '"We will restore order," the interior minister said.'
    text = f"{lead} {filler}. {quote} Story {story} report {n}."
    published = PublicationDate(
        value=date, method="page_metadata", confidence=0.9, evidence="meta tag"
    )
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = Article(
        id=hashlib.sha256(f"synthetic-{n}".encode()).hexdigest()[:16],
        source=f"synthetic/{n:05d}.txt",
        text=text,
        content_hash=digest,
        url=f"https://{outlet.split('/')[0]}/a/{n}",
        outlet=outlet,
        title=f"Unrest in {city}: story {story}, report {n}",
        published=published,
        language=language,
    )
    aid = article.id
    c_start = text.index(f"{city} on")
    d_start = text.index(f"January {day}")
    q_start = text.index(quote)
    k_start = text.index("At least")
    k_end = text.index(" in ", k_start)
    s_start = text.index("the health ministry")
    analysis = ArticleAnalysis(
        article_id=aid,
        pipeline_version="synthetic",
        places=(Place(aid, city, city, c_start, c_start + len(city), None, lat, lon, cc, "city"),),
        dates=(
            TimeExpression(
                aid, f"January {day}", d_start, d_start + len(f"January {day}"), date, "day"
            ),
        ),
        quotes=(
            Quote(
                aid,
                "We will restore order,",
                "direct",
                q_start,
                q_start + len(quote),
                "the interior minister",
            ),
        ),
        citations=(
            Citation(
                aid,
                "health ministry",
                "official",
                s_start,
                s_start + 19,
                "health ministry",
                "the health ministry",
            ),
        ),
        claims=(
            Claim(
                aid,
                "killed",
                float(killed),
                float(killed),
                "at least",
                text[k_start:k_end],
                k_start,
                k_end,
                outlet=outlet,
                who="people",
                place=city,
                date=date,
                attributed_to="health ministry",
            ),
        ),
        anchor=date,
    )
    return article, analysis


def build_store(
    engine: Engine, *, articles: int = 40, per_story: int = 8, hostile: bool = True, seed: int = 7
) -> SyntheticStore:
    rng = random.Random(seed)
    ids: list[str] = []
    members: dict[int, list[str]] = {}
    with engine.begin() as conn:
        for n in range(articles):
            story = n // per_story
            article, analysis = _article(n, story, rng, day=2 + (n % per_story) % 6)
            save_article(conn, article)
            save_analysis(conn, analysis)
            ids.append(article.id)
            members.setdefault(story, []).append(article.id)
        hostile_id = None
        if hostile:
            text = HOSTILE_TEXT
            article = Article(
                id="hostile0000000001",
                source="synthetic/hostile.html",
                text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                url=HOSTILE_URL,
                outlet=HOSTILE_OUTLET,
                title=HOSTILE_TITLE,
                author='"><script>alert("author")</script>',
                language="en",
            )
            save_article(conn, article)
            start = text.index("At least")
            end = text.index(" in Almaty")
            save_analysis(
                conn,
                ArticleAnalysis(
                    article.id,
                    "synthetic",
                    claims=(
                        Claim(
                            article.id,
                            "killed",
                            3.0,
                            3.0,
                            "at least",
                            text[start:end],
                            start,
                            end,
                            outlet=HOSTILE_OUTLET,
                            who="people",
                        ),
                    ),
                ),
            )
            hostile_id = article.id
            members.setdefault(0, []).append(article.id)
        stories = [
            Story(
                id=f"story-{story:04d}",
                article_ids=tuple(found),
                title=f"Unrest in {CITIES[story % len(CITIES)][0]} ({story})",
                first_date="2022-01-02",
                last_date="2022-01-07",
            )
            for story, found in members.items()
        ]
        save_stories(conn, stories)
    return SyntheticStore(tuple(ids), tuple(s.id for s in stories), hostile_id)
