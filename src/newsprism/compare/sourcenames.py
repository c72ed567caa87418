"""Canonical names of a story's sources, speakers and outlets.

One source is written many ways across a story ("Kazakhstan's Interior Ministry", "the
interior ministry", "Interior Ministry"); the ledger, the relay graph and the voices all
need it to be one node. Names are normalised (case, articles, possessives, "Ministry of
X" -> "X ministry"), the qualifier of the story's focus country is dropped (the country
its places name most: an unqualified ministry in a story about that country is its
ministry), other countries' adjectives are unified ("Russia's" = "Russian"), and then
near-identical names (rapidfuzz) and a bare name contained in exactly one longer name
("Boluarte" in "President Dina Boluarte") are merged. Names that differ by a
country ("Russian Foreign Ministry" vs "Foreign Ministry") never merge. Outlets that are
file paths or URLs (unknown outlets) stand for themselves and never merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz

from newsprism.countries import canonical_adjectives, country_codes, demonym_codes
from newsprism.lexicons import lexicon_cache, load_mapping
from newsprism.models import Article, ArticleAnalysis, Story

_T = TypeVar("_T")
SOURCE_KINDS = ("media", "official", "social", "other")
FUZZY_MIN_RATIO = 90.0
"""rapidfuzz ratio (0-100) above which two source names of a story are one source."""
WORD_MIN_RATIO = 85.0
"""rapidfuzz ratio above which two words of five letters or more are one spelling (Zelenskiy)."""

_ARTICLES = {"the", "a", "an"}
_WORD = re.compile(r"[^\W_][\w.&'-]*")
_HYPHEN_DIGIT = re.compile(r"(?<=[^\W\d_])-(?=\d)")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_INTERIOR = {("internal", "affairs"), ("home", "affairs")}
"""Other names of the interior portfolio: "Ministry of Internal Affairs" = "Interior Ministry"."""
_OWNER_WORDS = {"country", "nation", "state"}
"""Owners that stand for the story's country when possessive: "the country's health ministry"."""
_LINK_WORDS = {"of", "the", "and", "for"}
"""Words a shorter form may add or leave out ("committee of doctors" in "central committee of
sudan doctors")."""
_TIME_WORDS = {"earlier", "later", "previously", "initially"}
"""Words before a source that date the statement, not name the source ("Earlier authorities")."""
_PRONOUNS = {"he", "she", "him", "her", "they", "them", "i", "we", "you", "it", "his", "their"}


# --- country words --------------------------------------------------------------------------


@lexicon_cache
def _canonical_demonym() -> dict[str, str]:
    """Country code -> its canonical nationality adjective, lower case."""
    return {code: term.lower() for code, term in canonical_adjectives().items()}


@lexicon_cache
def _country_names() -> dict[tuple[str, ...], str]:
    """Country name or nationality word as a tuple of lower-case words -> code."""
    names: dict[tuple[str, ...], str] = {}
    for name, code in country_codes().items():
        names.setdefault(tuple(_WORD.findall(name)), code)
    for term, code in demonym_codes().items():
        names.setdefault((term,), code)
    return names


_NAME_PARTS = {
    "of",
    "the",
    "and",
    "republic",
    "democratic",
    "people",
    "peoples",
    "united",
    "states",
    "state",
    "islands",
    "island",
    "federation",
    "federal",
    "kingdom",
    "islamic",
    "arab",
    "socialist",
    "union",
    "territory",
    "south",
    "north",
    "east",
    "west",
    "new",
    "saint",
    "great",
    "central",
    "plurinational",
    "bolivarian",
}


@lexicon_cache
def _country_words() -> frozenset[str]:
    """Words that name a country on their own (not "republic", "united", "of" ...)."""
    return frozenset(w for name in _country_names() for w in name if w not in _NAME_PARTS)


def _country_at(words: Sequence[str], index: int) -> tuple[str, int] | None:
    """(code, length) of a country name or demonym starting at ``words[index]``."""
    names = _country_names()
    for size in (4, 3, 2, 1):
        if index + size <= len(words):
            code = names.get(tuple(words[index : index + size]))
            if code:
                return code, size
    return None


# --- canonical names ------------------------------------------------------------------------


def is_unknown_outlet(name: str) -> bool:
    """A file path or URL standing for an outlet nobody named: it never merges."""
    return "/" in name or "\\" in name


def _without_focus(
    items: list[_T], focus_country: str | None, words: Sequence[str] | None = None
) -> list[_T]:
    """Drop the focus country wherever it qualifies a name ("of Kazakhstan", "Kazakh").

    ``words`` are the lower-case words matched, one per item (the items themselves when
    not given), so the same rule can keep the original spelling of the kept words.
    """
    plain = [str(item) for item in items] if words is None else list(words)
    if focus_country is None:
        return items
    kept: list[_T] = []
    i = 0
    while i < len(plain):
        at = i + 1 if plain[i] in {"of", "in"} else i
        found = _country_at(plain, at)
        if found and found[0] == focus_country:
            i = at + found[1]
            continue
        kept.append(items[i])
        i += 1
    return kept or items


@lexicon_cache
def _spelling_variants() -> dict[str, str]:
    """American -> British spellings of institution words (lexicon ``spelling_variants``)."""
    return {k.lower(): v.lower() for k, v in load_mapping("spelling_variants").items() if v}


def _normal_words(name: str, focus_country: str | None) -> list[str]:
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    text = _POSSESSIVE.sub("", _HYPHEN_DIGIT.sub(" ", text))
    variants = _spelling_variants()
    words = [w.strip(".'-") for w in _WORD.findall(text.lower())]
    words = [variants.get(w, w) for w in words if w]  # "defense" = "defence"
    while words and (words[0] in _ARTICLES or words[0] in _TIME_WORDS) and len(words) > 1:
        words = words[1:]
    # "the country's health ministry": the story's own country, as an unqualified name is
    owner = re.match(r"^\W*(?:the\s+)?(\w+)['’]s?\s", name.lower())
    if len(words) >= 2 and owner and owner.group(1) in _OWNER_WORDS and words[0] in _OWNER_WORDS:
        words = words[1:]
    words = _without_focus(words, focus_country)
    # "... of Russia", "... in Russia": a trailing country qualifier goes first as an adjective
    for i in range(1, len(words) - 1):
        found = _country_at(words, i + 1)
        if words[i] in {"of", "in"} and found and i + 1 + found[1] == len(words):
            words = [_canonical_demonym().get(found[0], words[i + 1]), *words[:i]]
            break
    found = _country_at(words, 0)
    if found and found[1] < len(words):
        words = [_canonical_demonym().get(found[0], words[0]), *words[found[1] :]]
    if len(words) >= 3 and words[0] == "ministry" and words[1] == "of":
        words = [*[w for w in words[2:] if w not in _ARTICLES], "ministry"]
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) in _INTERIOR:
            words = [*words[:i], "interior", *words[i + 2 :]]
            break
    return words


def base_key(name: str, *, focus_country: str | None = None) -> str:
    """The normalised form of one source name, before story-wide merging."""
    if is_unknown_outlet(name):
        return name.strip()
    words = _normal_words(name, focus_country)
    return " ".join(words) if words else name.strip().lower()


def _display_form(name: str, focus_country: str | None) -> str:
    """The name as written, without leading articles or the focus country's qualifier."""
    text = " ".join(name.split()).strip(" ,;:.\"'“”‘’()[]")
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]
    plain = [_POSSESSIVE.sub("", w.replace("’", "'")).strip(",;:.'").lower() for w in words]
    kept = _without_focus(list(range(len(words))), focus_country, plain)
    return " ".join(words[i] for i in kept).strip(" ,;:")


def _differ_by_country(a: set[str], b: set[str]) -> bool:
    return bool((a ^ b) & _country_words())


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= WORD_MIN_RATIO)


def _is_shorter_form(short: str, long: str, *, country_may_differ: bool = False) -> bool:
    """True when every word of ``short`` is in ``long``, both end on one head, and only
    non-country words are added: "boluarte" -> "president dina boluarte".

    With ``country_may_differ`` (no focus country known) ``long`` may add a country.
    """
    a = [w for w in short.split() if w not in _LINK_WORDS]
    b = [w for w in long.split() if w not in _LINK_WORDS]
    if len(a) >= len(b) or not a or not _same_word(a[-1], b[-1]):
        return False
    if set(a) & _country_words() - set(b):
        return False
    if not country_may_differ and _differ_by_country(set(a), set(b)):
        return False
    return all(any(_same_word(w, x) for x in b) for w in a)


def _most_written(forms: Counter[str]) -> str:
    return max(forms, key=lambda f: (forms[f], sum(ch.isupper() for ch in f), len(f)))


def _numbers(words: Iterable[str]) -> set[str]:
    return {w for w in words if any(ch.isdigit() for ch in w)}


@dataclass(frozen=True)
class SourceNames:
    """Canonical names of the sources, speakers and outlets of one story."""

    focus_country: str | None
    keys: Mapping[str, str]
    """base key -> the story-wide key of its group"""
    displays: Mapping[str, str]
    """story-wide key -> the name shown for the group"""

    def key(self, name: str) -> str:
        base = base_key(name, focus_country=self.focus_country)
        return self.keys.get(base, base)

    def canonical(self, name: str) -> str:
        key = self.key(name)
        return self.displays.get(key) or _display_form(name, self.focus_country)


def name_sources(names: Iterable[str], *, focus_country: str | None = None) -> SourceNames:
    """Group the names of one story into sources (see the module docstring for the rules)."""
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        if name and name.strip() and name.strip().lower() not in _PRONOUNS:
            base = base_key(name, focus_country=focus_country)
            written[base][_display_form(name, focus_country)] += 1
    bases = sorted(written, key=lambda k: (len(k.split()), k))
    parent = {b: b for b in bases}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[min(ra, rb, key=lambda k: (len(k), k))] = max(ra, rb, key=lambda k: (len(k), k))

    mergeable = [b for b in bases if not is_unknown_outlet(b)]
    word_sets = {b: set(b.split()) for b in mergeable}
    # one name in another word order: "central committee of doctors" = "doctors central committee"
    by_bag: dict[frozenset[str], str] = {}
    for b in mergeable:
        bag = frozenset(word_sets[b] - _LINK_WORDS)
        if len(bag) >= 2:
            if bag in by_bag:
                join(by_bag[bag], b)
            else:
                by_bag[bag] = b
    for i, a in enumerate(mergeable):
        for b in mergeable[i + 1 :]:
            wa, wb = word_sets[a], word_sets[b]
            if _differ_by_country(wa, wb) or _numbers(wa) != _numbers(wb):
                continue
            if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= FUZZY_MIN_RATIO:
                join(a, b)
    for a in mergeable:
        # a shorter name with the same head inside one lineage of longer names: "Boluarte" <
        # "Dina Boluarte" < "President Dina Boluarte" is one person;
        # "ministry" inside both "interior ministry" and "foreign ministry" is neither.
        # without a focus country, "interior ministry" is the one country's ministry the
        # story names, if it names only one ("Kazakh interior ministry")
        loose = focus_country is None
        wider = sorted(
            (b for b in mergeable if _is_shorter_form(a, b, country_may_differ=loose)),
            key=lambda k: len(k.split()),
        )
        if wider and all(
            _is_shorter_form(x, wider[-1], country_may_differ=loose) for x in wider[:-1]
        ):
            for b in wider:
                join(a, b)
    keys = {b: root(b) for b in bases}
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for base, forms in written.items():
        shown[keys[base]].update(forms)
    # show the fullest name ("President Dina Boluarte"), as most often written
    displays = {key: _most_written(written[key] if key in written else shown[key]) for key in shown}
    return SourceNames(focus_country=focus_country, keys=keys, displays=displays)


# --- a story's articles, outlets and names ----------------------------------------------------


def story_articles(story: Story, articles: Sequence[Article]) -> list[Article]:
    """The story's articles in the story's order (articles outside the story are ignored)."""
    by_id = {a.id: a for a in articles}
    return [by_id[i] for i in story.article_ids if i in by_id]


def outlet_name(article: Article) -> str:
    """The outlet of an article; its source (path or URL) when no outlet is known."""
    return article.outlet or article.source


def original_of(article: Article, by_id: Mapping[str, Article]) -> Article:
    """The article a re-post copies (following chains), or the article itself."""
    seen = {article.id}
    while article.duplicate_of and article.duplicate_of in by_id:
        article = by_id[article.duplicate_of]
        if article.id in seen:
            break
        seen.add(article.id)
    return article


def find_focus_country(analyses: Iterable[ArticleAnalysis]) -> str | None:
    """The country a story's places (and people's nationalities) name most, or None."""
    counts: Counter[str] = Counter()
    for analysis in analyses:
        counts.update(p.country_code for p in analysis.places if p.country_code)
        counts.update(m.country for m in analysis.mentions if m.country)
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], code))


def story_source_names(
    story: Story, articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> SourceNames:
    """Canonical names for every outlet, cited source, claim source and speaker of a story."""
    members = story_articles(story, articles)
    found = [analyses[a.id] for a in members if a.id in analyses]
    names: list[str] = [outlet_name(a) for a in members]
    for analysis in found:
        for citation in analysis.citations:
            names.extend(n for n in (citation.source, citation.originator) if n)
        for claim in analysis.claims:
            names.extend(n for n in (claim.attributed_to, claim.relayed_by) if n)
        names.extend(q.speaker for q in analysis.quotes if q.speaker)
    return name_sources(names, focus_country=find_focus_country(found))


@lexicon_cache
def _kind_terms() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for term, value in load_mapping("source_kinds").items():
        kind = value.split()[0] if value.split() else "other"
        kinds[term.lower()] = kind if kind in SOURCE_KINDS else "other"
    return kinds


def classify_name(name: str) -> str | None:
    """media | official | social | other from the longest source-kind term in ``name``."""
    words = _WORD.findall(name.lower().replace("’", "'"))
    kinds = _kind_terms()
    best: tuple[int, str] | None = None
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            kind = kinds.get(" ".join(words[i : i + size]))
            if kind and (best is None or size > best[0]):
                best = (size, kind)
    return best[1] if best else None
