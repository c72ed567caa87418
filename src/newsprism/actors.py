"""Actors: the people and organisations of a corpus, merged from their mentions.

The NLP stage gives one :class:`~newsprism.models.Mention` per name or role nominal in
an article, with the title and nationality the text gave it. Here the mentions of the
whole corpus are merged into :class:`~newsprism.models.Actor` records:

- people by full name, then transliteration variants (a rapidfuzz ratio on the surname,
  same first letter, similar length: "Zelensky" = "Zelenskyy", "Kadyrov" = "Kadirov"),
  then a bare surname joins the one full name that ends with it; two full names with
  the same surname and different first names stay two people;
- organisations by :func:`canonical_org_name` ("Peru's interior ministry" = "the
  Peruvian Interior Ministry"); an acronym joins its expansion when an article wrote
  "Full Name (ACRONYM)" or when it is the unique initials of a name in the corpus;
- a role nominal ("the Kazakh president", "the head of state") joins the person the
  corpus most often gives that office with that nationality; when no one or more than
  one person fits, it stays an actor of kind ``role``.

Roles (government, security forces, media, ...) come from ``actor_roles.txt`` words in
titles and names, and from nationality against the corpus's focus country. Actor ids
are hashes of the actor's kind and canonical key, so re-runs give the same ids.
This module is pure Python: it never imports spaCy.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from newsprism.countries import canonical_adjectives, country_codes, demonym_codes, fold
from newsprism.lexicons import lexicon_cache, load_mapping
from newsprism.models import Actor, Mention, Quote

PERSON, ORG, ROLE = "PERSON", "ORG", "ROLE"
FOREIGN_GOVERNMENT = "foreign government"
ARTICLES = frozenset({"the", "a", "an"})
NAME_PARTICLES = frozenset(
    {"of", "the", "and", "for", "on", "in", "at", "to", "de", "du", "la", "al", "el", "&"}
)
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"^(.+?)(?:['’]s|(?<=s)['’])\s+(.+)$")
_OF_COUNTRY = re.compile(r"^(.+)\s+of\s+(?:the\s+)?(.+)$", re.IGNORECASE)
# "Ministry of Foreign Affairs" is the Foreign Ministry, "of Internal Affairs" the Interior one.
_AFFAIRS = {
    "foreign": "Foreign",
    "internal": "Interior",
    "interior": "Interior",
    "home": "Interior",
}
_EDGE_PUNCT = " \t\n,;:.!?\"'“”‘’()[]«»"
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,3}$")

# Fuzzy surname matching: rapidfuzz ratio, minimum length for fuzzy (shorter names must
# match exactly) and the largest length difference allowed.
FUZZY_RATIO = 85.0
FUZZY_MIN_LENGTH = 5
FUZZY_MAX_LENGTH_GAP = 2
# A role joins the most frequent holder of its office only when it leads the next by this.
ROLE_DOMINANCE = 2.0


# --- lexicons and country names ------------------------------------------------------------


@lexicon_cache
def title_classes() -> dict[str, tuple[str, ...]]:
    """Lower-case title -> (canonical title, broader offices it fills), from ``titles.txt``."""
    table: dict[str, tuple[str, ...]] = {}
    for term, value in load_mapping("titles").items():
        parts = tuple(p.strip() for p in value.split("|") if p.strip())
        table[term.lower()] = parts or (term.lower(),)
    return table


@lexicon_cache
def _role_words() -> dict[str, tuple[str | None, str | None]]:
    """Lower-case word -> (role or None for "-", country code of a metonym or None)."""
    table: dict[str, tuple[str | None, str | None]] = {}
    for term, value in load_mapping("actor_roles").items():
        parts = value.split()
        role_words = [p for p in parts if not (len(p) == 2 and p.isupper())]
        codes = [p for p in parts if len(p) == 2 and p.isupper()]
        role = " ".join(role_words)
        table[term.lower()] = (None if role in {"", "-"} else role, codes[0] if codes else None)
    return table


def demonym_words() -> frozenset[str]:
    """Folded nationality words and their plurals ("kazakh", "kazakhs")."""
    return frozenset(demonym_codes())


def country_of(word: str) -> str | None:
    """ISO alpha-2 code for a country name or nationality word ("Peru", "Peruvian"), or None."""
    phrase = word.strip(_EDGE_PUNCT.replace(".", "") + ".")
    dotted = word.strip(_EDGE_PUNCT.replace(".", ""))
    if _DOTTED.match(dotted):
        phrase = dotted
    if not phrase:
        return None
    if _DOTTED.match(phrase):
        import pycountry

        letters = phrase.replace(".", "")
        found = pycountry.countries.get(alpha_2=letters) or pycountry.countries.get(alpha_3=letters)
        return str(found.alpha_2) if found else None
    key = fold(phrase)
    if key.startswith("the "):
        key = key[4:]
    return demonym_codes().get(key) or country_codes().get(key)


def adjective_of(code: str) -> str | None:
    """The canonical nationality adjective of a country code ("PE" -> "Peruvian")."""
    return canonical_adjectives().get(code.upper())


def title_of(phrase: str) -> str | None:
    """Canonical title when ``phrase`` is exactly a title ("Foreign Minister", "Gen.")."""
    classes = title_classes().get(fold(phrase))
    return classes[0] if classes else None


def offices_of(title: str) -> tuple[str, ...]:
    """The title itself and the broader offices it fills ("president" -> head of state ...)."""
    return title_classes().get(title.lower(), (title.lower(),))


# --- canonical names -----------------------------------------------------------------------


def _clean_phrase(text: str) -> str:
    phrase = _SPACE.sub(" ", text).strip(_EDGE_PUNCT)
    words = phrase.split(" ")
    while len(words) > 1 and words[0].lower() in ARTICLES:
        words = words[1:]
    phrase = " ".join(words)
    if phrase.endswith(("'s", "’s")):
        phrase = phrase[:-2]
    return phrase.strip(_EDGE_PUNCT)


def _capitalise(word: str) -> str:
    if word.lower() in NAME_PARTICLES or word.isupper() or not word[:1].isalpha():
        return word.lower() if word.lower() in NAME_PARTICLES else word
    return word[:1].upper() + word[1:]


def canonical_org_name(text: str) -> str:
    """One spelling for one organisation.

    Articles, possessives and edge punctuation go; a country name in front or after "of"
    becomes its adjective; words are capitalised: "the Russian foreign ministry",
    "Russia's Foreign Ministry" and "the Foreign Ministry of Russia" all give
    "Russian Foreign Ministry".
    """
    phrase = _clean_phrase(text)
    if not phrase:
        return text.strip()
    possessive = _POSSESSIVE.match(phrase)
    if possessive:
        code = country_of(possessive.group(1))
        adjective = adjective_of(code) if code else None
        if adjective:
            phrase = f"{adjective} {possessive.group(2)}"
    of_country = _OF_COUNTRY.match(phrase)
    if of_country and not possessive:
        code = country_of(of_country.group(2))
        adjective = adjective_of(code) if code else None
        if adjective and _role_of_words(of_country.group(1))[0] is not None:
            phrase = f"{adjective} {of_country.group(1)}"
    affairs = re.search(r"\bMinistry of (\w+) Affairs$", phrase, re.IGNORECASE)
    if affairs and affairs.group(1).lower() in _AFFAIRS:
        phrase = f"{phrase[: affairs.start()]}{_AFFAIRS[affairs.group(1).lower()]} Ministry"
    ministry = re.match(r"^(.*?)\bMinistry of (?:the )?([A-Za-z]+)$", phrase, re.IGNORECASE)
    if ministry:
        phrase = f"{ministry.group(1)}{ministry.group(2)} Ministry"
    words = phrase.split(" ")
    first_code = country_of(words[0]) if len(words) > 1 else None
    if first_code and (
        fold(words[0]) in demonym_codes() or is_organisation_phrase(" ".join(words[1:]))
    ):
        words[0] = adjective_of(first_code) or words[0]
    if any(w[:1].isupper() for w in words):
        words = [_capitalise(w) for w in words]
        if words:
            words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def org_country(name: str) -> str | None:
    """The country a canonical organisation name names, by its first or its metonym word."""
    words = name.split()
    if len(words) > 1:
        code = country_of(words[0])
        if code:
            return code
    return _role_of_words(name)[1]


def person_key(name: str) -> str:
    """Comparison form of a person's name: folded, hyphens and dots as spaces."""
    return _SPACE.sub(" ", fold(name).replace("-", " ").replace(".", " ")).strip()


def initials_of(name: str) -> str:
    """Initials of a name's capitalised words, skipping particles ("Treaty of X" -> "TX")."""
    return "".join(
        w[0].upper() for w in re.split(r"[\s-]+", name) if w and w.lower() not in NAME_PARTICLES
    )


# --- roles ---------------------------------------------------------------------------------


@lexicon_cache
def _media_names() -> frozenset[str]:
    """Folded names of news outlets and agencies (``source_kinds`` and ``outlets``)."""
    names = {
        fold(term) for term, value in load_mapping("source_kinds").items() if value == "media name"
    }
    names.update(fold(name) for name in load_mapping("outlets").values() if name)
    return frozenset(names)


def _role_of_words(phrase: str) -> tuple[str | None, str | None]:
    """(role, metonym country) of the longest ``actor_roles`` term in ``phrase``."""
    if fold(phrase) in _media_names():
        return "media", None
    words = re.findall(r"[\w'’.-]+", fold(phrase))
    table = _role_words()
    best: tuple[int, str | None, str | None] | None = None
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            term = " ".join(words[i : i + size])
            if term in table and (best is None or size > best[0]):
                role, code = table[term]
                best = (size, role, code)
        if best is not None:
            break
    if best is None:
        return None, None
    return best[1], best[2]


def is_organisation_phrase(phrase: str) -> bool:
    """True when ``phrase`` holds a word naming an organisation ("Ministry", "Party").

    Person titles that also give a role ("president", "general") do not count.
    """
    words = re.findall(r"[\w'’.-]+", fold(phrase))
    table, titles = _role_words(), title_classes()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            term = " ".join(words[i : i + size])
            if term in table and term not in titles:
                return True
    return False


def role_for(
    words: str, country: str | None, focus_country: str | None, *, assume_domestic: bool
) -> str | None:
    """Role from the words of a title or a name and the actor's nationality.

    A government word gives "government" for the focus country and "foreign government"
    for another; with no nationality it gives "government" only when ``assume_domestic``
    (an unqualified "Interior Ministry" in coverage of one country is that country's).
    """
    role, metonym = _role_of_words(words)
    country = country or metonym
    if role is None:
        return None
    if role != "government":
        return role
    if country and focus_country:
        return "government" if country == focus_country else FOREIGN_GOVERNMENT
    if country is None and focus_country and assume_domestic:
        return "government"
    return None


def resolve_focus_country(focus_country: str | None) -> str | None:
    """An ISO alpha-2 code from a code, a country name or a nationality word."""
    if not focus_country:
        return None
    if len(focus_country) == 2 and focus_country.isalpha():
        return focus_country.upper()
    return country_of(focus_country)


# --- merging -------------------------------------------------------------------------------


@dataclass
class _Group:
    """Mentions believed to name one actor, while merging."""

    kind: str
    key: str
    indices: list[int] = field(default_factory=list)
    titles: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)

    def add(self, index: int, mention: Mention) -> None:
        self.indices.append(index)
        if mention.title:
            self.titles[mention.title] += 1
        if mention.country:
            self.countries[mention.country] += 1

    def absorb(self, other: _Group) -> None:
        self.indices.extend(other.indices)
        self.titles.update(other.titles)
        self.countries.update(other.countries)

    @property
    def country(self) -> str | None:
        ranked = self.countries.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


def _surname(key: str) -> str:
    return key.split(" ")[-1] if key else key


def similar_names(a: str, b: str) -> bool:
    """Transliteration variants of one name word: "zelensky"/"zelenskiy", "kadyrov"/"kadirov"."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    if min(len(a), len(b)) < FUZZY_MIN_LENGTH or abs(len(a) - len(b)) > FUZZY_MAX_LENGTH_GAP:
        return False
    return fuzz.ratio(a, b) >= FUZZY_RATIO


def _same_person(a: str, b: str) -> bool:
    """Two full-name keys for one person: surnames alike and given names compatible."""
    wa, wb = a.split(" "), b.split(" ")
    if not similar_names(wa[-1], wb[-1]):
        return False
    given_a, given_b = wa[:-1], wb[:-1]
    if not given_a or not given_b:
        return True
    first_a, first_b = given_a[0], given_b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return similar_names(first_a, first_b)


def _person_key_of(mention: Mention) -> str:
    return person_key(mention.key or mention.text)


def _cluster_people(mentions: Sequence[Mention], people: list[int]) -> list[_Group]:
    """Full names first (with variants), then bare surnames joined when unambiguous."""
    full: list[_Group] = []
    bare: list[_Group] = []
    for index in sorted(people, key=lambda i: -len(_person_key_of(mentions[i]).split(" "))):
        key = _person_key_of(mentions[index])
        if not key:
            continue
        multi = " " in key
        pool = full if multi else bare
        target = next(
            (g for g in pool if (_same_person(g.key, key) if multi else similar_names(g.key, key))),
            None,
        )
        if target is None:
            target = _Group(PERSON, key)
            pool.append(target)
        target.add(index, mentions[index])
    for group in bare:
        owners = [g for g in full if similar_names(_surname(g.key), group.key)]
        if not owners:
            owners = [g for g in full if group.key in g.key.split(" ")[1:]]
        if len(owners) == 1:
            owners[0].absorb(group)
        else:
            full.append(group)
    return full


def _expansions(mentions: Sequence[Mention], orgs: list[int]) -> dict[str, str]:
    """Acronym -> folded canonical expansion, from "Full Name (ACRONYM)" in the articles."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for index in orgs:
        mention = mentions[index]
        text = mention.text.strip()
        if mention.key and text.isupper() and fold(mention.key) != fold(text):
            pairs[text].add(fold(canonical_org_name(mention.key)))
    return {acronym: next(iter(keys)) for acronym, keys in pairs.items() if len(keys) == 1}


def _cluster_orgs(mentions: Sequence[Mention], orgs: list[int]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    expansions = _expansions(mentions, orgs)
    for index in orgs:
        mention = mentions[index]
        text = mention.text.strip()
        key = fold(canonical_org_name(mention.key or text))
        if text.isupper() and text in expansions:
            key = expansions[text]
        groups.setdefault(key, _Group(ORG, key)).add(index, mention)
    # An acronym nobody expanded joins the one name in the corpus with those initials.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if " " in key:
            by_initials[initials_of(key)].append(key)
    for key, group in list(groups.items()):
        if all(mentions[i].text.strip().isupper() for i in group.indices) and " " not in key:
            names = by_initials.get(key.upper(), [])
            if len(names) == 1 and names[0] in groups:
                groups[names[0]].absorb(groups.pop(key))
    return list(groups.values())


def _holders(people: list[_Group], office: str, country: str | None) -> list[tuple[int, _Group]]:
    """People the corpus gives ``office``, with how often, for a role nominal to join."""
    ranked: list[tuple[int, _Group]] = []
    for group in people:
        count = sum(n for title, n in group.titles.items() if office in offices_of(title))
        if count and (country is None or group.country in {country, None}):
            ranked.append((count, group))
    if country is not None and any(g.country == country for _, g in ranked):
        ranked = [(n, g) for n, g in ranked if g.country == country]
    return sorted(ranked, key=lambda item: -item[0])


def _holder_in_article(
    mentions: Sequence[Mention], role: Mention, ranked: list[tuple[int, _Group]]
) -> _Group | None:
    """The office holder the role's own article names most (then last before the role).

    "the president said" in an article about one president is that president, even
    when the corpus is about another country.
    """
    best: tuple[int, int, _Group] | None = None
    for _, group in ranked:
        here = [
            mentions[i]
            for i in group.indices
            if mentions[i].article_id == role.article_id and mentions[i].label == PERSON
        ]
        if not here:
            continue
        last = max((m.end for m in here if m.end <= role.start), default=-1)
        score = (len(here), last, group)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def _join_roles(
    mentions: Sequence[Mention], roles: list[int], people: list[_Group], focus: str | None
) -> list[_Group]:
    """Attach each role nominal to the person holding that office, else keep it a role.

    The holder the role's article names most wins; otherwise the corpus's most frequent
    holder with that nationality (or the focus country's), when it clearly leads.
    """
    left: dict[str, _Group] = {}
    joins: list[tuple[int, _Group]] = []
    for index in roles:
        mention = mentions[index]
        office = (mention.title or fold(_clean_phrase(mention.text))).lower()
        holder = _holder_in_article(mentions, mention, _holders(people, office, mention.country))
        ranked = _holders(people, office, mention.country or focus)
        if mention.country is None and not ranked and focus is not None:
            ranked = _holders(people, office, None)
        if (
            holder is None
            and ranked
            and (len(ranked) == 1 or ranked[0][0] >= ROLE_DOMINANCE * ranked[1][0])
        ):
            holder = ranked[0][1]
        if holder is not None:
            joins.append((index, holder))
            continue
        key = f"{office}|{mention.country or ''}"
        left.setdefault(key, _Group(ROLE, key)).add(index, mention)
    for index, holder in joins:  # after the loop, so joined roles do not count as holders
        holder.add(index, mentions[index])
    return list(left.values())


def _people_from_orgs(
    mentions: Sequence[Mention], orgs: list[int], people: list[_Group]
) -> list[int]:
    """ORG mentions that are a person's name (a common NER slip): moved to that person.

    Only names without an organisation word, and only when one person fits.
    """
    kept: list[int] = []
    for index in orgs:
        text = mentions[index].key or mentions[index].text
        key = person_key(text)
        if not key or text.isupper() or is_organisation_phrase(text):
            kept.append(index)
            continue
        if " " in key:
            fits = [g for g in people if " " in g.key and _same_person(g.key, key)]
        else:
            fits = [g for g in people if similar_names(_surname(g.key), key)]
        if len(fits) == 1:
            fits[0].add(index, mentions[index])
        else:
            kept.append(index)
    return kept


def _best_name(surfaces: Iterable[str], *, kind: str) -> str:
    counts = Counter(s for s in surfaces if s)
    if not counts:
        return ""
    if kind == ORG:
        return max(counts, key=lambda s: (not s.isupper(), len(s.split()), counts[s], s))
    return max(counts, key=lambda s: (len(s.split()), counts[s], len(s), s))


def _actor_id(kind: str, key: str) -> str:
    return hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:16]


def _to_actor(group: _Group, mentions: Sequence[Mention], focus: str | None) -> Actor:
    surfaces = [mentions[i].text.strip() for i in group.indices]
    aliases = tuple(sorted(set(surfaces)))
    country = group.country
    if group.kind == PERSON:
        names = [
            _clean_phrase(mentions[i].key or mentions[i].text)
            for i in group.indices
            if mentions[i].label != ROLE
        ]
        name = _best_name(names, kind=PERSON)
        title_words = " ".join(t for t, _ in group.titles.most_common(1))
        role = role_for(title_words, country, focus, assume_domestic=False) if title_words else None
        return Actor(_actor_id("person", person_key(name)), name, "person", role, aliases)
    if group.kind == ORG:
        names = [canonical_org_name(mentions[i].key or mentions[i].text) for i in group.indices]
        name = _best_name(names, kind=ORG)
        country = country or org_country(name)
        role = role_for(name, country, focus, assume_domestic=True)
        return Actor(_actor_id("organisation", group.key), name, "organisation", role, aliases)
    name = _best_name([_clean_phrase(s) for s in surfaces], kind=ROLE)
    office = group.key.split("|")[0]
    role = role_for(office, country, focus, assume_domestic=True)
    return Actor(_actor_id("role", group.key), name, "role", role, aliases)


def merge_actors(
    mentions: Sequence[Mention], *, focus_country: str | None = None
) -> tuple[list[Actor], dict[int, str]]:
    """Merge the corpus's mentions into actors.

    Returns the actors (sorted by name) and, for each mention index, its actor id.
    ``focus_country`` (an ISO code or a country name: the country the corpus is about)
    decides "government" against "foreign government".
    """
    focus = resolve_focus_country(focus_country)
    people_idx = [i for i, m in enumerate(mentions) if m.label == PERSON]
    org_idx = [i for i, m in enumerate(mentions) if m.label not in {PERSON, ROLE}]
    role_idx = [i for i, m in enumerate(mentions) if m.label == ROLE]
    people = _cluster_people(mentions, people_idx)
    org_idx = _people_from_orgs(mentions, org_idx, people)
    orgs = _cluster_orgs(mentions, org_idx)
    roles = _join_roles(mentions, role_idx, people, focus)
    actors: list[Actor] = []
    assignment: dict[int, str] = {}
    seen: set[str] = set()
    for group in (*people, *orgs, *roles):
        if not group.indices:
            continue
        actor = _to_actor(group, mentions, focus)
        if actor.id in seen:  # two groups that ended with one name stay two actors
            actor = replace(actor, id=_actor_id(actor.kind, f"{actor.name}|{group.key}"))
        seen.add(actor.id)
        actors.append(actor)
        for index in group.indices:
            assignment[index] = actor.id
    actors.sort(key=lambda a: (a.kind, a.name.casefold(), a.id))
    return actors, assignment


def link_mentions(mentions: Sequence[Mention], assignment: dict[int, str]) -> list[Mention]:
    """The mentions with ``actor_id`` set from :func:`merge_actors`'s assignment."""
    return [replace(m, actor_id=assignment.get(i, m.actor_id)) for i, m in enumerate(mentions)]


def link_speakers(quotes: Sequence[Quote], actors: Sequence[Actor]) -> list[Quote]:
    """The quotes with ``speaker_id`` set to the actor whose name or alias the speaker is.

    A speaker matches an actor by exact folded alias, else (people only) by the same
    surname and a compatible full name; ambiguous speakers stay unlinked.
    """
    by_alias: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            by_alias[fold(_clean_phrase(alias))].add(actor.id)
        if actor.kind == "person":
            surnames[_surname(person_key(actor.name))].add(actor.id)
    linked: list[Quote] = []
    for quote in quotes:
        if not quote.speaker or quote.speaker_id:
            linked.append(quote)
            continue
        found = by_alias.get(fold(_clean_phrase(quote.speaker)), set())
        if not found:
            found = surnames.get(_surname(person_key(quote.speaker)), set())
        linked.append(replace(quote, speaker_id=next(iter(found))) if len(found) == 1 else quote)
    return linked
