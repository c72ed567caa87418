"""The ``newsprism_actors`` component: people, organisations and role nominals per article.

The statistical model's PERSON and ORG entities are the starting point, corrected for
its usual slips before they become :class:`~newsprism.models.Mention` records:

- boundaries: a leading "the", a trailing possessive or punctuation, anything after a
  line break, and titles inside the span go ("President Dina Boluarte" ->
  person "Dina Boluarte" with title "president");
- titles and nationality around a name are recorded on the mention ("Kazakh President
  X", "Peru's interior minister X", "the President of Kenya, X"); an ORG entity with a
  title before it and no organisation word in it is a person;
- "Full Name (ACRONYM)" gives the acronym a mention whose ``key`` is the full name;
- not an actor: a span the places component found as a place, a nationality word
  alone, URLs, and single common words the model capitalised at a sentence start;
- role nominals that denote one specific actor are mentions labelled ROLE: a title from
  ``titles.txt`` with "the" or a country's possessive before it ("the Kazakh president",
  "the head of state", "Kenya's president", "the President of Peru"), unless a name
  follows it or a word such as "former" makes it someone else.

The corpus-wide merge of these mentions into actors is :mod:`newsprism.actors`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.actors import (
    ORG,
    PERSON,
    ROLE,
    canonical_org_name,
    country_of,
    demonym_words,
    is_organisation_phrase,
    title_classes,
)
from newsprism.countries import fold
from newsprism.lexicons import lexicon_cache, use_user_entries
from newsprism.models import Mention, Place
from newsprism.nlp.doc_index import doc_text
from newsprism.nlp.extensions import register_extensions

ENTITY_LABELS = frozenset({PERSON, ORG})
DETERMINERS = frozenset({"the"})
# Words that make "the former president" someone other than the office holder.
OTHER_HOLDER = frozenset(
    {"former", "ex", "ex-", "late", "then", "previous", "next", "future", "outgoing",
     "incoming", "new", "deposed", "ousted", "exiled", "first"}
)  # fmt: skip
MAX_TITLE_TOKENS = 5
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
_CAMEL_ACRONYM = re.compile(r"^[A-Z]?[a-z]+[A-Z]{2,}$")  # "BelTA": an agency, not a person
_URLISH = re.compile(r"(?:https?:|www\.|/|@|\.(?:com|org|net|html?)\b)", re.IGNORECASE)


@Language.factory("newsprism_actors", default_config={"lexicons": {}})
def make_actors(nlp: Language, name: str, lexicons: dict[str, list[str]]) -> ActorFinder:
    use_user_entries(lexicons)
    return ActorFinder(nouns=dictionary_nouns(nlp))


class ActorFinder:
    """Sets ``doc._.mentions`` to the people, organisations and role nominals of the text.

    ``nouns``: lower-case dictionary nouns, to drop headline words the model tags as names.
    """

    def __init__(self, *, nouns: frozenset[str] = frozenset()) -> None:
        register_extensions()
        self.nouns = nouns

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = find_mentions(doc, nouns=self.nouns)
        return doc


def dictionary_nouns(nlp: Language) -> frozenset[str]:
    """The noun index of the pipeline's lookup lemmatizer, or nothing when it has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(str(word) for word in index.get("noun", ()))


# --- titles and nationality around tokens ---------------------------------------------------


def _title_between(doc: Doc, start: int, end: int) -> str | None:
    """Canonical title when tokens [start, end) are exactly a title."""
    if start < 0 or end > len(doc) or start >= end:
        return None
    classes = title_classes().get(fold(doc[start:end].text))
    return classes[0] if classes else None


@lru_cache(maxsize=65_536)
def _folded(text: str) -> str:
    """:func:`fold`, remembered: the same words are folded again on every page."""
    return fold(text)


@lexicon_cache
def _title_prefixes() -> frozenset[str]:
    """Every leading part of every title, as folded (the titles start with one of these)."""
    return frozenset(key[:size] for key in title_classes() for size in range(len(key) + 1))


def _title_from(doc: Doc, start: int, limit: int) -> tuple[int, str] | None:
    """The longest title starting at token ``start`` and ending before ``limit``.

    A folded span leads the folded longer spans (:func:`fold` works character by
    character, then trims and collapses spaces), so the spans are grown only while their
    folded text still leads some title."""
    if start < 0:
        return None
    prefixes, classes = _title_prefixes(), title_classes()
    text, first = doc_text(doc), doc[start].idx if start < len(doc) else 0
    folded: list[str] = []
    for size in range(1, min(MAX_TITLE_TOKENS, limit - start, len(doc) - start) + 1):
        last = doc[start + size - 1]
        span_text = _folded(text[first : last.idx + len(last.text)])  # doc[start:...].text
        if span_text not in prefixes:
            break
        folded.append(span_text)
    for size in range(len(folded), 0, -1):
        found = classes.get(folded[size - 1])
        if found:
            return start + size, found[0]
    return None


def _title_until(doc: Doc, end: int, floor: int) -> tuple[int, str] | None:
    """The longest title ending just before token ``end`` and starting at or after ``floor``."""
    for size in range(min(MAX_TITLE_TOKENS, end - floor), 0, -1):
        title = _title_between(doc, end - size, end)
        if title:
            return end - size, title
    return None


def _country_from(doc: Doc, start: int, limit: int) -> tuple[int, str] | None:
    """A country name or nationality word of up to three tokens starting at ``start``."""
    for size in range(min(3, limit - start), 0, -1):
        span = doc[start : start + size]
        if not span[0].text[:1].isupper() or span[-1].is_punct or span[0].lower_ in DETERMINERS:
            continue
        code = country_of(span.text)
        if code:
            return start + size, code
    return None


def _country_until(doc: Doc, end: int, floor: int) -> tuple[int, str] | None:
    for size in range(min(3, end - floor), 0, -1):
        span = doc[end - size : end]
        if not span[0].text[:1].isupper() or span[-1].is_punct or span[0].lower_ in DETERMINERS:
            continue
        code = country_of(span.text)
        if code:
            return end - size, code
    return None


def _is_possessive(token: Token) -> bool:
    return token.tag_ == "POS" or token.text in {"'s", "’s", "'", "’"}


def _context_before(doc: Doc, index: int) -> tuple[str | None, str | None, int]:
    """(title, country, first token) written just before token ``index``.

    Reads "Kazakh President", "Peru's interior minister", "the President of Kenya," and
    "Foreign Minister" backwards from the name, within the sentence.
    """
    floor = doc[index].sent.start if doc.has_annotation("SENT_START") else 0
    title: str | None = None
    country: str | None = None
    first = index
    j = index
    if j - 1 >= floor and doc[j - 1].text == "," and _title_until(doc, j - 1, floor):
        j -= 1
    while j > floor:
        found_title = _title_until(doc, j, floor) if title is None else None
        if found_title:
            j, title = found_title
            first = j
            continue
        if country is None:
            if title is None and j - 1 > floor:  # "President of (the) Kenya" before the name
                found = _country_until(doc, j, floor)
                if found:
                    k = found[0]
                    if k - 1 >= floor and doc[k - 1].lower_ in DETERMINERS:
                        k -= 1
                    if k - 1 >= floor and doc[k - 1].lower_ == "of":
                        before = _title_until(doc, k - 1, floor)
                        if before:
                            j, title = before
                            country = found[1]
                            first = j
                            continue
            while (
                title is not None
                and j - 1 > floor
                and doc[j - 1].pos_ == "ADJ"
                and (doc[j - 1].is_lower)
            ):
                j -= 1  # "Belarus' authoritarian leader": adjectives before the title
            if title is not None and _is_possessive(doc[j - 1]):
                found = _country_until(doc, j - 1, floor)
                if found:
                    j, country = found
                    first = j
                    continue
            if title is not None:
                found = _country_until(doc, j, floor)
                if found and doc[found[0]].lower_ not in DETERMINERS:
                    j, country = found
                    first = j
                    continue
        break
    return title, country, first


# --- entity clean-up -----------------------------------------------------------------------


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without line-broken tails, leading articles and trailing punctuation."""
    for i in range(start, end):
        if doc[i].is_space or ("\n" in doc[i].whitespace_ and i + 1 < end):
            end = i if doc[i].is_space else i + 1
            break
    while start < end and (
        doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or _is_possessive(doc[end - 1])):
        end -= 1
    return start, end


def _place_bounds(places: list[Place]) -> set[tuple[int, int]]:
    return {(p.start, p.end) for p in places}


def _is_junk(span: Span, label: str) -> bool:
    """URLs, country and nationality words alone, lone common words the model capitalised."""
    if _URLISH.search(span.text):
        return True
    if not any(t.text[:1].isupper() for t in span):
        return True
    if len(span) == 1 and span[0].pos_ != "PROPN" and not span[0].text.isupper():
        return True
    if fold(span.text) in demonym_words():
        return True
    # a country name alone is a place the gazetteer missed, unless a person named in full
    # in the article carries it as surname ("Michael Jordan ... Jordan said")
    if country_of(span.text) is None:
        return False
    return label != PERSON or not any(
        ent.label_ == PERSON and len(ent) > 1 and ent[-1].text == span.text for ent in span.doc.ents
    )


def _mention(doc: Doc, start: int, end: int, label: str, **details: str | None) -> Mention:
    span = doc[start:end]
    return Mention(
        article_id=doc._.article_id,
        text=span.text,
        label=label,
        start=span.start_char,
        end=span.end_char,
        **details,
    )


def _person_or_org(
    doc: Doc, start: int, end: int, label: str, nouns: frozenset[str]
) -> list[Mention]:
    """Mentions for one trimmed entity span: titles inside split off, labels corrected."""
    title: str | None = None
    country: str | None = None
    i = start
    while i < end - 1:  # titles and nationality at the front of the span
        found_title = _title_from(doc, i, end - 1) if title is None else None
        if found_title:
            i, title = found_title
            continue
        found_country = _country_from(doc, i, end - 1) if country is None else None
        if found_country and (
            title is not None or label == PERSON or _next_is_title(doc, found_country[0], end)
        ):
            i, country = found_country
            continue
        if title is not None and doc[i].lower_ in {"of", ",", "the"}:
            i += 1
            continue
        break
    if i == start and country is None and _title_of_before(doc, start):
        found_country = _country_from(doc, start, end - 1)  # "President of | Peru Jane Doe"
        if found_country:
            i, country = found_country
    stripped_nationality = i > start and title is None
    mentions: list[Mention] = []
    if title is None and label == ORG:  # "Federation Council Speaker Jane Doe"
        for j in range(start + 1, end - 1):
            found_title = _title_from(doc, j, end - 1)
            if (
                found_title
                and doc[j].text[:1].isupper()
                and not is_organisation_phrase(doc[found_title[0] : end].text)
            ):
                org_start, org_end = _trim(doc, start, j)
                if org_end > org_start and is_organisation_phrase(doc[org_start:org_end].text):
                    mentions.extend(_person_or_org(doc, org_start, org_end, ORG, nouns))
                i, title = found_title
                break
    if title is None or country is None:
        before_title, before_country, _ = _context_before(doc, start)
        title = title or before_title
        country = country or before_country
    if i >= end:
        return mentions
    name = doc[i:end]
    if title is not None and label == ORG and not is_organisation_phrase(name.text):
        label = PERSON
    if (
        label == PERSON
        and title is None
        and (_has_org_head(name) or _CAMEL_ACRONYM.match(name.text))
    ):
        label = ORG
    if _is_junk(name, label) or _is_common_noun(
        name, nouns, after_nationality=stripped_nationality
    ):
        return mentions
    if label == PERSON:
        mentions.append(_mention(doc, i, end, PERSON, title=title, country=country, key=name.text))
    else:
        mentions.append(
            _mention(doc, i, end, ORG, country=country, key=canonical_org_name(name.text))
        )
    return mentions


def _next_is_title(doc: Doc, index: int, end: int) -> bool:
    return _title_from(doc, index, end) is not None


def _title_of_before(doc: Doc, index: int) -> bool:
    """True when "<title> of (the)" ends just before token ``index``."""
    j = index
    if j - 1 >= 0 and doc[j - 1].lower_ in DETERMINERS:
        j -= 1
    return j - 1 >= 0 and doc[j - 1].lower_ == "of" and _title_until(doc, j - 1, 0) is not None


def _has_org_head(name: Span) -> bool:
    """An organisation word heads the name: "Federation Council", "Ministry of Health"."""
    if is_organisation_phrase(name[-1].text):
        return True
    return len(name) > 2 and name[1].lower_ == "of" and is_organisation_phrase(name[0].text)


def _is_common_noun(name: Span, nouns: frozenset[str], *, after_nationality: bool) -> bool:
    """A lone dictionary noun the model took for a name: a headline word ("Riot, Arson")
    at a sentence start, or the noun after a nationality ("Ukrainian Expert").

    Names that are also dictionary words ("Rice", "Bush") are kept when the text also
    writes them capitalised in the middle of a sentence.
    """
    if len(name) != 1 or name[0].lower_ not in nouns:
        return False
    if after_nationality:
        return True
    token = name[0]
    if not (token.is_sent_start or token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws):
        return False
    return not any(
        t.text == token.text and not t.is_sent_start and "\n" not in t.doc[t.i - 1].text_with_ws
        for t in token.doc
        if t.i > 0 and t.i != token.i
    )


def _acronym_after(doc: Doc, end: int) -> int | None:
    """Token index of "ACRONYM" when the tokens after ``end`` are "( ACRONYM )"."""
    if (
        end + 2 < len(doc)
        and doc[end].text == "("
        and doc[end + 2].text == ")"
        and _ACRONYM.match(doc[end + 1].text)
    ):
        return end + 1
    return None


def _entity_mentions(
    doc: Doc, places: set[tuple[int, int]], nouns: frozenset[str]
) -> list[Mention]:
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if end <= start:
            continue
        span = doc[start:end]
        if (span.start_char, span.end_char) in places:
            continue
        acronym_inside = (
            end - start >= 4
            and doc[end - 1].text == ")"
            and doc[end - 3].text == "("
            and _ACRONYM.match(doc[end - 2].text)
        )
        if acronym_inside:  # "Collective Security Treaty Organization (CSTO)" as one entity
            end -= 3
        found = _person_or_org(doc, start, end, ent.label_, nouns)
        mentions.extend(found)
        acronym = end - 2 if acronym_inside else _acronym_after(doc, ent.end)
        if acronym is not None and found and found[-1].label == ORG:
            token = doc[acronym]
            mentions.append(
                Mention(
                    article_id=doc._.article_id,
                    text=token.text,
                    label=ORG,
                    start=token.idx,
                    end=token.idx + len(token.text),
                    key=found[-1].key,
                )
            )
    return [m for m in mentions if (m.start, m.end) not in places]


# --- role nominals -------------------------------------------------------------------------


def _role_mentions(doc: Doc, taken: list[tuple[int, int]]) -> list[Mention]:
    """Role nominals: "the Kazakh president", "Kenya's president", "the President of Peru"."""
    mentions: list[Mention] = []
    covered = {
        i for ent in doc.ents if ent.label_ in ENTITY_LABELS for i in range(ent.start, ent.end)
    }
    i = 0
    while i < len(doc):
        found = _title_from(doc, i, len(doc)) if i not in covered else None
        if found is None:
            i += 1
            continue
        end, title = found
        mention = _role_at(doc, i, end, title, covered)
        if mention is not None and not any(s < mention.end and mention.start < e for s, e in taken):
            mentions.append(mention)
        i = end
    return mentions


def _role_at(doc: Doc, start: int, end: int, title: str, covered: set[int]) -> Mention | None:
    head = doc[end - 1]
    if head.tag_ in {"NNS", "NNPS"} or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    after = doc[end] if end < len(doc) else None
    country: str | None = None
    last = end
    if after is not None and after.lower_ == "of":  # "the President of (the) Peru"
        k = end + 1
        if k < len(doc) and doc[k].lower_ in DETERMINERS:
            k += 1
        found = _country_from(doc, k, len(doc))
        if found:
            last, country = found
    elif after is not None and (
        after.i in covered
        or (after.pos_ in {"PROPN", "NOUN", "ADJ", "NUM"} and after.text[:1].isupper())
        or after.pos_ in {"NOUN", "NUM"}
    ):
        return None  # a name or a noun follows: a title of a name, or a modifier
    if last + 1 < len(doc) and doc[last].text == "," and doc[last + 1].i in covered:
        return None  # "the President of Peru, Jane Doe": the title of the name that follows
    first = start
    j = start - 1
    if (j >= 0 and doc[j].lower_ in OTHER_HOLDER) or (
        j >= 1 and doc[j].text == "-" and doc[j - 1].lower_ == "ex"
    ):
        return None
    if country is None and j >= 0:
        found = _country_until(doc, j + 1, max(0, j - 2))
        if found:
            first, country = found
            j = first - 1
        elif _is_possessive(doc[j]):
            found = _country_until(doc, j, max(0, j - 3))
            if not found:
                return None
            first, country = found
            return _mention(doc, first, last, ROLE, title=title, country=country, key=title)
    if j >= 0 and doc[j].lower_ in OTHER_HOLDER:
        return None
    if j < 0 or doc[j].lower_ not in DETERMINERS:
        return None
    return _mention(doc, first, last, ROLE, title=title, country=country, key=title)


def find_mentions(doc: Doc, *, nouns: frozenset[str] = frozenset()) -> list[Mention]:
    """People, organisations and role nominals in ``doc``, in text order.

    ``nouns``: dictionary nouns (lower case) for telling a capitalised headline word
    from a name; empty disables that check.
    """
    places = _place_bounds(list(doc._.places or []))
    named = _entity_mentions(doc, places, nouns)
    roles = _role_mentions(doc, [(m.start, m.end) for m in named])
    unique = {(m.start, m.end): m for m in (*named, *roles)}
    return sorted(unique.values(), key=lambda m: (m.start, m.end))
