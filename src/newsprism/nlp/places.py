"""The ``newsprism_places`` component: toponyms found by gazetteer, checked against the model.

The small statistical model misses or mislabels many places (cities tagged PERSON or
ORG), so every capitalised word sequence is looked up in the GeoNames gazetteer and
the model's entity labels serve as evidence rather than as the only source:

- accepted outright when the model tags the span GPE or LOC (``ner+gazetteer``);
- never a place: nationality words (the ``demonyms`` lexicon, NORP), spans inside a
  longer person name, dates and numbers, and the surname of a person named in full
  elsewhere in the article ("Denzel Washington ... Washington said");
- inside an organisation or facility name ("Almaty Airport Authority", "New York
  Times"): not a place unless the model tags the place word itself GPE/LOC, since
  the words name the organisation; the possessive form is kept ("Russia's Foreign
  Ministry" names Russia);
- words that are also common English words or first names (the
  ``place_common_words`` lexicon: "Reading", "Nice", "March", "Jordan") need the
  model's place tag or a locative preposition ("in Nice");
- otherwise (untagged, or tagged PERSON/ORG) a gazetteer signal is needed: a locative
  preposition, a candidate in a country the article is about, or a large population.

Context the model's labels cannot see also counts: a capitalised dateline ("DHAKA, Dec
25 -"); a division word ("Dadu district", "the provinces of A and B") that reaches the
second-level divisions; an entity label that only spans a list or a possessive
("Mashhad and Rasht", "Sri Lanka's") is read as the label of the name alone; "President
of Ghana Nana ..." keeps Ghana; "spokesperson Florence Mwansa" is a person. A name the
model tags GPE one letter off a country ("Tajilistan") is that country. Settlements the
gazetteer lacks are kept without an id or coordinates (``method="context"``) when the
text says what they are ("the town of X", "X, a suburb of ...", "from Dhaka to X",
"X district", GPE after "in"), with every other mention of the same name.

Ambiguous names are resolved by population, feature (countries, capitals), the
article's country focus (countries and nationality words it mentions, places that are
certain), places in the same sentence, and one sense per name per article.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.lexicons import load_lexicon, load_mapping, use_user_entries
from newsprism.models import Place
from newsprism.nlp.doc_index import doc_text, entities_overlapping
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, normalize_name
from newsprism.settings import Settings

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Entities around "X County" that make it part of something other than the division.
DIVISION_BLOCKERS = frozenset({"PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
LOCATIVES = frozenset(
    {"in", "at", "near", "from", "into", "across", "outside", "inside", "throughout", "around",
     "toward", "towards", "via", "between", "within", "to"}
)  # fmt: skip
# Prepositions of being somewhere, not of motion or address ("spoke to Nino").
STATIC_LOCATIVES = frozenset(
    {"in", "at", "near", "outside", "inside", "throughout", "around", "within", "across"}
)
# Words allowed between a locative preposition and the name: "in the north of", "in central".
LOCATIVE_FILLERS = frozenset(
    {"the", "central", "northern", "southern", "eastern", "western", "north", "south", "east",
     "west", "northeastern", "northwestern", "southeastern", "southwestern", "downtown", "rural",
     "occupied", "neighbouring", "neighboring"}
)  # fmt: skip
REGION_WORDS = frozenset(
    {"region", "province", "oblast", "governorate", "prefecture", "state", "territory", "county",
     "district", "department", "voivodeship"}
)  # fmt: skip
# Region words of divisions that are first-level in some countries, second in others.
COUNTY_WORDS = frozenset({"county", "parish"})
# Region words of first-level divisions: a name beside them is never a district.
FIRST_LEVEL_WORDS = frozenset({"region", "oblast", "governorate", "state", "voivodeship"})
# "the town of X", "X, a suburb of ...": the word says X is a settlement.
SETTLEMENT_WORDS = frozenset(
    {"town", "village", "city", "suburb", "hamlet", "settlement", "township", "commune",
     "municipality", "port", "capital", "outskirts", "district", "neighbourhood",
     "neighborhood", "locality"}
)  # fmt: skip
# Separators inside a list of names: "Aktau, Atyrau and Aktobe".
LIST_WORDS = frozenset({",", "and", "or", "&", ";"})
# Punctuation after a dateline: "DHAKA, Dec 25 -", "RABAT (Agency) -".
DATELINE_FOLLOWERS = frozenset({",", "-", "–", "—", "(", ":"})
DASHES = frozenset({"-", "--", "–", "—", "―"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
MAX_WORDS = 6


@dataclass
class _Match:
    """A token span whose text names something in the gazetteer."""

    start: int
    end: int
    key: str
    candidates: list[GazetteerEntry]
    region_word: bool = False
    region_list: str = ""  # a plural region word shared by a list: "the provinces of A and B"
    dateline: bool = False
    apposed: bool = False  # "Springfield, Ill.": a town and the region after it, each certain
    party_home: bool = False  # "Sen. Ann Roe, D-Marshall,": a legislator's home town or state
    method: str = "gazetteer"
    focus_vote: tuple[str, float] | None = None  # what this mention added to the focus
    scores: dict[int, float] = field(default_factory=dict)


@Language.factory(
    "newsprism_places",
    default_config={
        "min_population_untagged": 50_000,
        "min_population_in_focus": 1_000,
        "min_population_person": 1_000_000,
        "lexicons": {},
    },
)
def make_places(
    nlp: Language,
    name: str,
    min_population_untagged: int,
    min_population_in_focus: int,
    min_population_person: int,
    lexicons: dict[str, list[str]],
) -> PlaceFinder:
    use_user_entries(lexicons)
    return PlaceFinder(
        min_population_untagged=min_population_untagged,
        min_population_in_focus=min_population_in_focus,
        min_population_person=min_population_person,
    )


class PlaceFinder:
    """Sets ``doc._.places`` to the places named in the text, geocoded to GeoNames.

    ``min_population_untagged``: a name the model did not tag needs this population
    (or locative/focus evidence). ``min_population_in_focus``: the floor for a place in
    a country the article is about. ``min_population_person``: a name the model tagged
    PERSON becomes a place on population alone only above this.
    """

    def __init__(
        self,
        *,
        min_population_untagged: int = 50_000,
        min_population_in_focus: int = 1_000,
        min_population_person: int = 1_000_000,
        settings: Settings | None = None,
    ) -> None:
        register_extensions()
        self.min_population_untagged = min_population_untagged
        self.min_population_in_focus = min_population_in_focus
        self.min_population_person = min_population_person
        self._settings = settings
        self.demonyms = {
            normalize_name(k): v.upper() for k, v in load_mapping("demonyms", settings).items()
        }
        self.common_words = {
            normalize_name(w) for w in load_lexicon("place_common_words", settings)
        }
        self.not_place_names = {
            normalize_name(w) for w in load_lexicon("not_place_names", settings)
        }
        self.street_words = frozenset(w.lower() for w in load_lexicon("street_words", settings))
        self.institution_words = frozenset(
            w.lower() for w in load_lexicon("local_institution_words", settings)
        )
        self.calendar_words = frozenset(
            normalize_name(term)
            for term, value in load_mapping("time_words", settings).items()
            if value.startswith(("month:", "weekday:"))
        )
        self.region_abbreviations: dict[str, int] = {}
        for term, value in load_mapping("region_abbreviations", settings).items():
            if value.isdigit():
                self.region_abbreviations[term] = int(value)
        self.outlet_names = {
            normalize_name(display) for display in load_mapping("outlets", settings).values()
        }
        # Last words of offices ("president", "minister"): "President of X <name>".
        self.titles = frozenset(
            word
            for term in load_mapping("titles", settings)
            if term.split() and (word := term.split()[-1].lower()) not in REGION_WORDS
        )

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer(self._settings)

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = find_places(doc, self)
        return doc


def find_places(doc: Doc, finder: PlaceFinder) -> list[Place]:
    """The places in ``doc``, in text order."""
    gazetteer = finder.gazetteer
    matches = _with_misspelled_countries(doc, _match_names(doc, gazetteer), finder)
    matches = _with_apposed_regions(doc, matches, finder)
    matches = _with_party_homes(doc, matches, finder)
    labels = [_labels(doc, m, finder.titles) for m in matches]
    focus = _country_focus(doc, matches, labels, finder)
    top = max(focus.values(), default=0)
    context = _Context(
        focus=frozenset(code for code, n in focus.items() if n * 3 >= top),
        surnames=frozenset(_surnames(doc)),
    )
    kept: list[_Match] = []
    for match, label in zip(matches, labels, strict=True):
        if _is_place(doc, match, label, context, finder):
            kept.append(match)
            context.place_ends.add(match.end)
            context.place_starts[match.end] = match.start
    _score(doc, kept, focus)
    _vote_regions(kept)
    chosen = _one_sense_per_name(kept)
    places = _unlisted_places(doc, matches, context, finder)
    for match in kept:
        entry = chosen[_sense_key(match)]
        start = doc[match.start].idx
        last = doc[match.end - 1]
        end = last.idx + len(last.text)
        places.append(
            Place(
                article_id=doc._.article_id or "",
                text=doc[match.start : match.end].text,
                name=entry.name,
                start=start,
                end=end,
                geonames_id=entry.geonames_id,
                lat=entry.lat,
                lon=entry.lon,
                country_code=entry.country_code,
                feature=entry.feature,
                method=match.method,
            )
        )
    places.sort(key=lambda p: p.start)
    return places


# --- finding names ---------------------------------------------------------------


def _starts_capital(token: Token) -> bool:
    text = token.text.lstrip("\u200b\u200c\u200d\u2060\ufeff")
    return bool(text) and text[0].isupper()


def _breaks_line(token: Token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _match_names(doc: Doc, gazetteer: Gazetteer) -> list[_Match]:
    """Longest gazetteer names starting at capitalised tokens, left to right, no overlaps.

    A name only the second-level index knows ("Al Haouz") is matched when the text
    says a division is meant ("the province of Al Haouz", "Al Haouz province").
    """
    matches: list[_Match] = []
    text = doc_text(doc)  # Doc.text is rebuilt from the tokens on every access
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        if not _starts_capital(token) or token.is_punct:
            i += 1
            continue
        found: _Match | None = None
        limit = i
        while limit < n - 1 and limit - i < MAX_WORDS - 1 and not _breaks_line(doc[limit]):
            limit += 1
        for j in range(limit, i - 1, -1):
            last = doc[j]
            if last.is_punct or last.is_space or last.text in POSSESSIVES:
                continue
            key = normalize_name(text[token.idx : last.idx + len(last.text)])
            if gazetteer.has_name(key):
                found = _Match(i, j + 1, key, gazetteer.candidates(key))
                break
            if gazetteer.has_subregion(key) and (
                _region_word_after(doc, j + 1) or _region_word_before(doc, i, matches)
            ):
                found = _Match(i, j + 1, key, [])
                break
        if found is None:
            i += 1
            continue
        _attach_region_word(doc, found, gazetteer, matches)
        if found.candidates:
            matches.append(found)
        i = found.end
    return matches


def _region_word_after(doc: Doc, end: int) -> str | None:
    """ "Dadu district": the region word right after a name.

    Not a capitalised word that opens an "of" phrase: "the Texas Department of Health"
    is an office of Texas, not a department named Texas.
    """
    if end < len(doc) and doc[end].lower_ in REGION_WORDS:
        word = doc[end]
        if _starts_capital(word) and end + 1 < len(doc) and doc[end + 1].lower_ == "of":
            return None
        return word.lower_
    return None


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def _region_word_before(doc: Doc, start: int, matches: list[_Match]) -> tuple[str, bool] | None:
    """ "the province of Al Haouz"; "the provinces of Taroudant (452 dead) and Chichaoua".

    Returns the region word and whether it was plural (so a list shares it).
    """
    if start >= 2 and doc[start - 1].lower_ == "of":
        word = _singular(doc[start - 2].lower_)
        if word in REGION_WORDS:
            return word, word != doc[start - 2].lower_
        return None
    previous = _previous_list_item(doc, start, matches)
    if previous is not None and previous.region_list:
        return previous.region_list, True
    return None


def _previous_list_item(doc: Doc, start: int, matches: list[_Match]) -> _Match | None:
    """The match this one follows in a list, skipping separators and "(452 dead)" asides."""
    i = start - 1
    seen_separator = False
    while i >= 0:
        token = doc[i]
        if token.is_space or token.lower_ in LIST_WORDS:
            seen_separator = seen_separator or not token.is_space
            i -= 1
        elif token.text == ")":
            while i >= 0 and doc[i].text != "(" and start - i < 12:
                i -= 1
            i -= 1
        else:
            break
    if not seen_separator:
        return None
    return next((m for m in reversed(matches) if m.end == i + 1), None)


def _attach_region_word(
    doc: Doc, match: _Match, gazetteer: Gazetteer, matches: list[_Match]
) -> None:
    """ "Mangystau region", "Dadu district", "the province of Al Haouz": a division.

    A name written as its own first-level region wins; then, unless the word only
    names first-level divisions, a second-level division of that name; then the
    first-level region named after a city ("Kherson oblast" for Khersonska oblast).
    """
    after = _region_word_after(doc, match.end)
    before = None if after else _region_word_before(doc, match.start, matches)
    word = after or (before[0] if before else None)
    if word is None:
        return
    direct = [c for c in match.candidates if c.feature == "admin1"]
    divisions = gazetteer.subregions(match.key)
    direct += [c for c in divisions if c.feature == "admin1" and c not in direct]
    second = [c for c in divisions if c.feature == "admin2"]
    named_after: list[GazetteerEntry] = []
    for city in match.candidates[:5]:
        region = gazetteer.admin1(city)
        if region and _named_after(region, match.key) and region not in named_after:
            named_after.append(region)
    if word in FIRST_LEVEL_WORDS:
        regions = direct or named_after
    elif word in COUNTY_WORDS:
        # a county is first-level in Ireland or Kenya, second-level in the United States
        # or England: both readings stay, the article's region decides
        regions = [c for c in direct if _names_exactly(c, match.key)] + second or named_after
    else:
        regions = direct or second or named_after
    if regions:
        match.candidates = regions
        match.region_word = True
        match.region_list = word if before and before[1] else ""
        if after:
            match.end += 1


def _names_exactly(region: GazetteerEntry, key: str) -> bool:
    """ "Cork" for County Cork, not "Columbia" for the District of Columbia."""
    return key in {normalize_name(region.name), *map(normalize_name, _stems(region.name))}


def _stems(name: str) -> list[str]:
    words = name.split()
    return [" ".join(words[1:]), " ".join(words[:-1])] if len(words) > 1 else []


def _named_after(region: GazetteerEntry, key: str) -> bool:
    """A region named for its centre: "Khersonska oblast" for Kherson."""
    words = [w for w in normalize_name(region.name).split() if w not in _REGION_NAME_WORDS]
    return fuzz.ratio(" ".join(words), key) >= 75


_REGION_NAME_WORDS = frozenset(
    {"oblysy", "oblast", "oblasty", "oblys", "region", "province", "governorate", "respublika",
     "kray", "krai", "state", "prefecture", "of", "the", "autonomous", "okrug", "muhafazat"}
)  # fmt: skip


# --- deciding what is a place ---------------------------------------------------


@dataclass(frozen=True)
class _Labels:
    """What the statistical model says about a matched span."""

    place: str | None = None  # GPE or LOC on any part of the span
    exact: str | None = None  # another label on exactly the span
    container: str | None = None  # another label on a longer span around it


def _labels(doc: Doc, match: _Match, titles: frozenset[str]) -> _Labels:
    place = exact = container = None
    for ent in entities_overlapping(doc, match.start, match.end):
        if ent.label_ in PLACE_LABELS:
            longer = _extends_name(doc[ent.start : match.start], before=True) or (
                _extends_name(doc[match.end : ent.end], before=False)
                and doc[match.end].lower_ not in REGION_WORDS
            )
            if not longer:  # not "Los" in a place-tagged "Los Tiguerones"
                place = ent.label_
            elif ent.start <= match.start and ent.end >= match.end:
                container = ent.label_
        elif ent.start == match.start and ent.end == match.end:
            exact = ent.label_
        elif ent.start <= match.start and ent.end >= match.end:
            before = _extends_name(doc[ent.start : match.start], before=True)
            after = _extends_name(doc[match.end : ent.end], before=False)
            if after and _after_title_of(doc, match.start, titles):
                after = False  # "President of Peru Dina Boluarte"
            if before or after:
                container = ent.label_
            elif exact is None:
                exact = ent.label_  # "Sri Lanka's" as PERSON, "Mashhad and Rasht" as a title
    return _Labels(place, exact, container)


def _extends_name(extra: Span, *, before: bool) -> bool:
    """Whether the tokens an entity adds beside a place make the whole a longer name.

    Not when a list separator or a possessive touches the place ("Mashhad and
    Rasht", "Eldoret, Ruto's", "Sri Lanka's"), nor when the words before it are
    descriptive fillers ("Neighbouring Mali").
    """
    if len(extra) == 0:
        return False
    touching = extra[-1] if before else extra[0]
    if touching.lower_ in LIST_WORDS or touching.text in POSSESSIVES or touching.is_punct:
        return False
    if before:
        return any(
            _starts_capital(t) and not t.is_stop and t.lower_ not in LOCATIVE_FILLERS for t in extra
        )
    return True


def _after_title_word(doc: Doc, match: _Match, titles: frozenset[str]) -> bool:
    """ "spokesperson Rae Hamoonga": an office, then two capitalised words, is a person."""
    previous = _previous_word(doc, match.start)
    if previous is None or previous.lower_ not in titles or match.end >= len(doc):
        return False
    following = doc[match.end]
    return (
        "\n" not in doc[match.end - 1].whitespace_
        and _capitalised_name_word(following)
        and following.lower_ not in REGION_WORDS
    )


def _after_title_of(doc: Doc, start: int, titles: frozenset[str]) -> bool:
    """ "President of Kazakhstan ...": the place completes an office, a name follows."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in titles


def _is_demonym(key: str, demonyms: dict[str, str]) -> bool:
    return key in demonyms or (key.endswith("s") and key[:-1] in demonyms)


def _previous_word(doc: Doc, start: int) -> Token | None:
    i = start - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    return doc[i] if i >= 0 and not doc[i].is_space else None


def _after_locative(doc: Doc, start: int, locatives: frozenset[str] = LOCATIVES) -> bool:
    """ "in Nice", "near the Mangystau region", "from central Almaty"."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ in LOCATIVE_FILLERS or doc[i].is_space):
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in SETTLEMENT_WORDS:
        return True  # "the town of X"
    return i >= 0 and doc[i].lower_ in locatives


# "a Roswell man": nouns for people that "of" then ties to their home town.
HOMETOWN_NOUNS = frozenset(
    {"resident", "residents", "man", "woman", "men", "women", "boy", "girl", "teen", "teenager",
     "native", "natives", "couple", "family", "student", "students", "driver", "mother",
     "father"}
)  # fmt: skip


def _hometown(doc: Doc, start: int) -> bool:
    """ "Daniel Hufstetler of Roswell", "Jane Doe, 29, of Roswell", "a woman of Nelson":
    "of" after a person gives the town the person is from."""
    of = _previous_word(doc, start)
    if of is None or of.lower_ != "of":
        return False
    before = _previous_word(doc, of.i)
    if before is None:
        return False
    if before.text == ",":  # "Jane Doe, 29, of"
        age = _previous_word(doc, before.i)
        return age is not None and age.like_num
    return before.lower_ in HOMETOWN_NOUNS or (
        before.ent_type_ == "PERSON" and before.ent_iob_ in {"B", "I"} and _starts_capital(before)
    )


def _based_in(doc: Doc, end: int) -> bool:
    """ "Northbrook-based Crate & Barrel", "a Washington-area group": where it sits."""
    return (
        end + 1 < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and doc[end + 1].lower_ in {"based", "area"}
    )


def _modifies_a_resident(doc: Doc, match: _Match) -> bool:
    """ "A Rolling Meadows resident", "Roswell man charged": the name, as a modifier of a
    person noun after an article or opening a sentence, gives where the person is from."""
    if match.end >= len(doc) or doc[match.end].lower_ not in HOMETOWN_NOUNS:
        return False
    if doc[match.end].text != doc[match.end].lower_:
        return False  # "Rolling Meadows Family Center"
    previous = _previous_word(doc, match.start)
    return (
        previous is None
        or previous.lower_ in {"a", "an"}
        or previous.is_sent_end is True
        or (previous.is_punct and previous.text in {".", "!", "?", ":", "—", "–", "-", "--"})
    )


def _after_article(doc: Doc, start: int) -> bool:
    """ "the West", "the Union": a bare common word with an article is not a town."""
    previous = _previous_word(doc, start)
    return previous is not None and previous.lower_ in {"the", "a", "an"}


def _is_possessive(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].text in POSSESSIVES


def _capitalised_name_word(token: Token) -> bool:
    return _starts_capital(token) and not token.is_stop and not token.is_punct


def _inside_longer_name(doc: Doc, match: _Match, titles: frozenset[str]) -> bool:
    """ "Nikita Mendkovich", "Ordo Ab Chao", "Almaty Airport Authority": part of another name."""
    previous = _previous_word(doc, match.start)
    if (
        previous is not None
        and _capitalised_name_word(previous)
        and previous.lower_ not in LOCATIVE_FILLERS  # "Neighbouring Mali"
        and "\n" not in previous.whitespace_
    ):
        return True
    if match.end >= len(doc) or "\n" in doc[match.end - 1].whitespace_:
        return False
    following = doc[match.end]
    if following.ent_type_ in NUMERIC_LABELS or following.lower_ in REGION_WORDS:
        return False
    if _after_title_of(doc, match.start, titles) or _in_title_case(doc, match.start):
        return False
    return _capitalised_name_word(following)


def _in_title_case(doc: Doc, start: int) -> bool:
    """ "Mass Protests In Kazakhstan Advantageous ...": a headline capitalises its
    prepositions, so a capitalised word after the name says nothing."""
    previous = _previous_word(doc, start)
    if previous is None or previous.lower_ not in LOCATIVES or not _starts_capital(previous):
        return False
    before = _previous_word(doc, previous.i)
    return before is not None and not before.is_punct and "\n" not in before.whitespace_


def _glued_to_number(doc: Doc, match: _Match) -> bool:
    """ "Rossiya-24", "Su-35": a designation, not a place."""
    end = match.end
    return (
        end + 1 < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isdigit()
    )


def _is_dateline(doc: Doc, match: _Match) -> bool:
    """ "DHAKA, Dec 25 -", "RABAT (Agency) -": a capitalised city opening a line."""
    text = doc[match.start : match.end].text
    if not text.isupper() or match.end >= len(doc):
        return False
    previous = doc[match.start - 1] if match.start else None
    at_line_start = previous is None or "\n" in previous.whitespace_ or "\n" in previous.text
    following = doc[match.end]
    if at_line_start and (
        following.text in DATELINE_FOLLOWERS or following.text[:1] in DATELINE_FOLLOWERS
    ):
        return True
    # run into the text before it: "... a headline. NEWARK -- The council", "MANSFIELD  It"
    after_sentence = previous is not None and previous.text in {".", "!", "?", "”", '"'}
    return (at_line_start or after_sentence) and (
        _is_dash(following)
        or following.text == ":"  # "... near the airport. BEIRUT: A drug dealer"
        or (following.is_space and "\n" not in following.text)
    )


def _is_dash(token: Token) -> bool:
    """ "-", "--", "---", "–", "—": a token of dashes only."""
    return bool(token.text) and all(ch in "-–—―" for ch in token.text)


def _is_acronym(doc: Doc, match: _Match) -> bool:
    text = doc[match.start : match.end].text
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _surnames(doc: Doc) -> set[str]:
    """Last words of person names written in full: a later bare mention is the person.

    Leading descriptive words the model swept in ("Neighbouring Mali") do not count.
    """
    found: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = [t for t in ent if t.lower_ not in LOCATIVE_FILLERS]
        if len(words) > 1 and _starts_capital(words[0]):
            found.add(normalize_name(words[-1].text))
    return found


def _country_focus(
    doc: Doc, matches: list[_Match], labels: list[_Labels], finder: PlaceFinder
) -> dict[str, float]:
    """How often each country is evidently at issue: named, its nationality, its certain places."""
    focus: dict[str, float] = defaultdict(float)
    for token in doc:
        if _starts_capital(token):
            key = normalize_name(token.text)
            singular = key[:-1] if key.endswith("s") else key
            code = finder.demonyms.get(key) or finder.demonyms.get(singular)
            if code:
                focus[code] += 1
    for match, label in zip(matches, labels, strict=True):
        if _is_demonym(match.key, finder.demonyms) or not match.candidates:
            continue
        countries = {c.country_code for c in match.candidates}
        first = match.candidates[0]
        if first.feature == "country" and label.container is None:
            match.focus_vote = (first.country_code, 2.0)
        elif label.place or match.region_word:
            match.focus_vote = (first.country_code, 1.0 if len(countries) == 1 else 0.5)
        if match.focus_vote:
            focus[match.focus_vote[0]] += match.focus_vote[1]
    return focus


def _is_place(
    doc: Doc,
    match: _Match,
    labels: _Labels,
    context: _Context,
    finder: PlaceFinder,
) -> bool:
    """Decide on the evidence (see the module docstring); may narrow ``match.candidates``."""
    if _is_demonym(match.key, finder.demonyms) or _never_a_place(doc, match, labels, finder):
        return False
    if match.apposed or match.party_home:
        return True
    if _is_dateline(doc, match):
        cities = [c for c in match.candidates if c.is_city]
        match.candidates = cities or match.candidates
        match.method = "dateline+gazetteer"
        return True
    if match.region_word and not _is_demonym(doc[match.start].lower_, finder.demonyms):
        # "the West department", "Al Haouz province"
        match.method = "ner+gazetteer" if labels.place else "gazetteer+region"
        # an organisation named for the division is its government's: "the Levy County
        # Sheriff's Office", "Clarke County Board of Education"
        if labels.place is not None:
            return True
        if match.key in finder.institution_words:
            return False  # "the Police Department" is no department named Police
        return labels.container not in DIVISION_BLOCKERS
    if _after_title_word(doc, match, finder.titles):
        return False  # "spokesperson Rae Hamoonga"
    if labels.place is None and _names_its_institution(doc, match, labels, context, finder):
        match.method = "gazetteer+institution"
        return True
    if labels.place is None:
        if labels.exact in NUMERIC_LABELS or labels.container in NUMERIC_LABELS:
            return False  # "in June 2023"
        if labels.container in NAME_LABELS and (
            labels.container == "PERSON" or not _is_possessive(doc, match.end)
        ):
            return False
    if match.key in finder.common_words:
        if _after_article(doc, match.start) or _inside_longer_name(doc, match, finder.titles):
            return False
        if labels.place == "GPE":
            match.method = "ner+gazetteer"
            return True
        return _after_locative(doc, match.start) and match.key not in context.surnames
    if labels.place is not None:
        match.method = "ner+gazetteer"
        return True
    return _has_gazetteer_signal(doc, match, labels, context, finder)


def _names_its_institution(
    doc: Doc, match: _Match, labels: _Labels, context: _Context, finder: PlaceFinder
) -> bool:
    """ "Richmond Police Department", "the Ohio Supreme Court", "University of Georgia",
    "the Conference Board of Canada": an organisation of the place (its services, courts,
    schools) or an institution "of" it, so the name still names the place. Not a brand
    ("New York Times"), nor a person's name, nor a common word or a surname."""
    if labels.container == "PERSON" or labels.exact == "PERSON":
        return False
    key = match.key
    if key in finder.common_words or key in context.surnames:
        return False
    if _is_acronym(doc, match) and not finder.gazetteer.is_curated(key):
        return False  # "U.S. Census" names the country, "NATO" nothing
    following = doc[match.end] if match.end < len(doc) else None
    before = _previous_word(doc, match.start)
    institution = _institution_word_follows(doc, match.end, finder.institution_words)
    of_name = (
        before is not None
        and before.lower_ == "of"
        and (earlier := _previous_word(doc, before.i)) is not None
        and _capitalised_name_word(earlier)
        and (following is None or not _capitalised_name_word(following))
        and (following is None or following.lower_ not in {"and", "or", "&"})
    )
    agency = not (institution or of_name) and _opens_an_agency(doc, match, finder)
    if not (institution or of_name or agency):
        return False
    if match.end - match.start == 1 and doc[match.start].pos_ not in {"", "PROPN"}:
        return False  # "Department of Fiscal Affairs"
    if agency:  # a state's or country's own body, never a town's brand
        regions = [
            c
            for c in match.candidates
            if (normalize_name(c.name) == key or finder.gazetteer.is_curated(key))
            and (
                c.feature == "country"
                or (c.feature == "admin1" and c.country_code in context.focus)
            )
        ]
        if not regions:
            return False
        match.candidates = regions
        return True
    named = [
        c
        for c in match.candidates
        if not c.is_city
        or (
            (normalize_name(c.name) == key or finder.gazetteer.is_curated(key))
            and (
                c.population >= finder.min_population_untagged
                or (
                    c.country_code in context.focus
                    and c.population >= finder.min_population_in_focus
                )
            )
        )
    ]
    if not named:
        return False
    match.candidates = named
    return True


def _opens_an_agency(doc: Doc, match: _Match, finder: PlaceFinder) -> bool:
    """ "the U.S. Fish and Wildlife Service", "the Florida Highway Patrol", "the Minnesota
    House": a country or state opening an organisation's name (the model's ORG entity,
    more capitalised words after it) is that body's country or state. Not an outlet's
    name ("New York Times")."""
    if match.end >= len(doc) or not _capitalised_name_word(doc[match.end]):
        return False
    if "\n" in doc[match.end - 1].whitespace_:
        return False
    for ent in doc.ents:
        if ent.label_ != "ORG" or not (ent.start <= match.start and ent.end > match.end):
            continue
        opening = doc[ent.start : match.start]
        if any(t.lower_ not in {"the", "a", "an"} for t in opening):
            return False
        name = normalize_name(doc[match.start : ent.end].text)
        return name not in finder.outlet_names and normalize_name(ent.text) not in (
            finder.outlet_names
        )
    return False


# Institutions often named for a person ("Foley Middle School"): they count only right
# after the place name ("Paris High School").
NAMED_FOR_PEOPLE = frozenset({"school", "schools", "high", "elementary", "library"})


def _institution_word_follows(doc: Doc, end: int, words: frozenset[str]) -> bool:
    """ "Richmond Police", "the Ohio Supreme Court", "Bridgeport Superior Court",
    "Princeton Community Hospital": an institution word right after the name, or closing
    the run of up to three capitalised words that follows it on the same line."""
    if end >= len(doc) or "\n" in doc[end - 1].whitespace_:
        return False
    if doc[end].lower_ in words:
        return True
    i = end
    while i < len(doc) and i - end < 3 and _capitalised_name_word(doc[i]):
        if doc[i].lower_ in words and doc[i].lower_ not in NAMED_FOR_PEOPLE:
            return True
        if "\n" in doc[i].whitespace_:
            break
        i += 1
    return False


HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "madam", "mx"})


def _never_a_place(doc: Doc, match: _Match, labels: _Labels, finder: PlaceFinder) -> bool:
    """Contexts that rule a gazetteer name out whatever the model says: a month or weekday
    beside a number or abbreviated ("CITY, Nov 20", "Tue"); an outlet's name ("The Hill");
    a person's honorific before it ("Mr. Washington"); a street word after it ("Bourbon
    Street"); an institution or vehicle name ("Congress", "a Chinook helicopter") unless
    the model tags it GPE after a locative preposition."""
    key = match.key
    single = match.end - match.start == 1
    if single and key in finder.calendar_words:
        nearby = [doc[i] for i in (match.start - 1, match.end) if 0 <= i < len(doc)]
        if len(key) <= 4 or any(t.like_num for t in nearby):
            return True
    previous = _previous_word(doc, match.start)
    if key in finder.outlet_names or (
        previous is not None
        and previous.lower_ == "the"
        and normalize_name(f"the {key}") in finder.outlet_names
    ):
        return True
    outlet = doc._.outlet if doc.has_extension("outlet") else None
    if isinstance(outlet, str) and outlet and normalize_name(outlet) == key:
        return True
    if previous is not None and previous.lower_.rstrip(".") in HONORIFICS:
        return True
    if match.end < len(doc) and doc[match.end].lower_ in finder.street_words:
        return True
    if key in finder.not_place_names:
        return not (labels.place == "GPE" and _after_locative(doc, match.start))
    return False


def _has_gazetteer_signal(
    doc: Doc,
    match: _Match,
    labels: _Labels,
    context: _Context,
    finder: PlaceFinder,
) -> bool:
    """A name the model did not call a place: decide on context and the gazetteer alone."""
    single = match.end - match.start == 1
    if match.key in context.surnames or _glued_to_number(doc, match):
        return False
    curated = finder.gazetteer.is_curated(match.key)
    if _is_acronym(doc, match) and not curated:
        return False
    if _inside_longer_name(doc, match, finder.titles) or (
        single and not _looks_proper(doc[match.start])
    ):
        return False
    if single and labels.exact is None and doc[match.start].tag_ == "NNS":
        return False  # "Banks have been shut": a plural common noun opening a sentence
    locative = (
        _after_locative(doc, match.start)
        or _coordinated_with_place(doc, match, context)
        or _hometown(doc, match.start)
        or _based_in(doc, match.end)
        or _modifies_a_resident(doc, match)
    )
    # Alternate names include translations ("White House" for Casablanca): trust them
    # only for large places, places in the article's countries, or after "in".
    trusted = [
        c
        for c in match.candidates
        if curated
        or not c.is_city
        or c.country_code in context.focus
        or normalize_name(c.name) == match.key
        or (c.population >= finder.min_population_person and labels.exact != "ORG")
        or (locative and c.population >= finder.min_population_untagged)
    ]
    if not trusted:
        return False
    match.candidates = trusted
    focus_ok = any(
        c.country_code in context.focus
        and (c.population >= finder.min_population_in_focus or not c.is_city)
        for c in trusted
    )
    if labels.exact == "PERSON":
        big = any(c.population >= finder.min_population_person for c in trusted)
        return locative or big or focus_ok
    strong = any(c.population >= finder.min_population_untagged or not c.is_city for c in trusted)
    if labels.exact is not None:  # the model saw a name of another kind: ORG, NORP ...
        return locative or strong or match.region_word
    return locative or strong or focus_ok or match.region_word or not single


@dataclass
class _Context:
    focus: frozenset[str]
    surnames: frozenset[str]
    place_ends: set[int] = field(default_factory=set)  # token index after each accepted place
    place_starts: dict[int, int] = field(default_factory=dict)  # end -> start of each place


def _coordinated_with_place(doc: Doc, match: _Match, context: _Context) -> bool:
    """ "in Paris and Lyon", "Aktau, Atyrau and Aktobe": listed with an accepted place."""
    i = match.start - 1
    while i >= 0 and (doc[i].lower_ in {",", "and", "or", "&"} or doc[i].is_space):
        i -= 1
    return i + 1 < match.start and (i + 1) in context.place_ends


def _looks_proper(token: Token) -> bool:
    """A capitalised word the tagger reads as a name or noun ("Reading the report" is a verb)."""
    return token.pos_ in {"", "PROPN", "X", "NOUN", "ADJ"}  # unknown names often come out ADJ


# --- places the gazetteer does not list ------------------------------------------


def _with_apposed_regions(doc: Doc, matches: list[_Match], finder: PlaceFinder) -> list[_Match]:
    """ "Springfield, Ill.", "Reno, NV", "Paris, Texas", "London, Ontario", "Paris, France":
    a region or country right after a town and a comma says which town is meant, when the
    town has a namesake there; both are then places. A region abbreviation (the
    ``region_abbreviations`` lexicon) counts only in this position."""
    by_start = {m.start: m for m in matches}
    added: list[_Match] = []
    for town in matches:
        after = town.end
        if after + 1 >= len(doc) or doc[after].text != "," or _breaks_line(doc[after]):
            continue
        if not any(c.is_city or c.feature == "admin2" for c in town.candidates):
            continue
        region_match = by_start.get(after + 1)
        regions: list[GazetteerEntry] = []
        end = after + 1
        if region_match is not None:
            regions = [c for c in region_match.candidates if c.feature in {"admin1", "country"}]
            end = region_match.end
        if not regions:
            abbreviation = _abbreviation_at(doc, after + 1, finder)
            if abbreviation is None:
                continue
            entry, end = abbreviation
            regions = [entry]
        inside = [
            c
            for c in town.candidates
            if (c.is_city or c.feature == "admin2") and any(_lies_in(c, r) for r in regions)
        ]
        if not inside:
            continue
        region = next(r for r in regions if any(_lies_in(c, r) for c in inside))
        town.candidates = inside
        town.apposed = True
        town.method = "gazetteer+region"
        if region_match is not None and region_match.end == end:
            region_match.candidates = [region]
            region_match.apposed = True
        elif region_match is None or region_match.end <= end:
            if region_match is not None:
                matches = [m for m in matches if m is not region_match]
            key = normalize_name(doc[after + 1 : end].text)
            added.append(
                _Match(after + 1, end, key, [region], apposed=True, method="gazetteer+region")
            )
    return sorted(matches + added, key=lambda m: m.start) if added else matches


# Party letters of the press's "Name, D-Town," for legislators (Democrat, Republican,
# Independent, Minnesota's Democratic-Farmer-Labor).
PARTY_LETTERS = frozenset({"D", "R", "I", "DFL", "Ind"})


def _with_party_homes(doc: Doc, matches: list[_Match], finder: PlaceFinder) -> list[_Match]:
    """ "Sen. Bob Casey, D-Pa.,", "Marty Seifert, R-Marshall,": after a comma, a party
    letter and a hyphen, the town or state a legislator represents. A region abbreviation
    counts here as after a town ("Pa.", "W. Va.")."""
    by_start = {m.start: m for m in matches}
    added: list[_Match] = []
    for token in doc[1:-2]:
        i = token.i
        if (
            token.text not in PARTY_LETTERS
            or doc[i - 1].text not in {",", "("}
            or token.whitespace_
            or doc[i + 1].text != "-"
            or doc[i + 1].whitespace_
        ):
            continue
        start = i + 2
        found = by_start.get(start)
        abbreviation = _abbreviation_at(doc, start, finder)
        if abbreviation is not None:  # "D-Pa." is Pennsylvania, not a town named Pa
            entry, end = abbreviation
            if found is not None and found.end > end:
                continue
            if found is not None:
                matches = [m for m in matches if m is not found]
            key = normalize_name(doc[start:end].text)
            added.append(
                _Match(start, end, key, [entry], party_home=True, method="gazetteer+party")
            )
        elif found is not None and found.end < len(doc) and doc[found.end].text in {",", ")"}:
            found.party_home = True
            found.method = "gazetteer+party"
    return sorted(matches + added, key=lambda m: m.start) if added else matches


def _abbreviation_at(doc: Doc, i: int, finder: PlaceFinder) -> tuple[GazetteerEntry, int] | None:
    """The region a press abbreviation at token ``i`` stands for ("Ill.", "Ill" "."), and
    the token after it."""
    token = doc[i]
    forms = [(token.text, i + 1)]
    if i + 1 < len(doc) and doc[i + 1].text == "." and not token.whitespace_:
        forms.insert(0, (token.text + ".", i + 2))
    # "W. Va.", "N. Y.": initials split into tokens, written with or without the space
    if (
        token.text.endswith(".")
        and len(token.text) <= 3
        and i + 1 < len(doc)
        and doc[i + 1].text.endswith(".")
    ):
        forms.insert(0, (token.text + doc[i + 1].text, i + 2))
    for form, end in forms:
        gid = finder.region_abbreviations.get(form)
        if gid is not None and (entry := finder.gazetteer.get(gid)) is not None:
            return entry, end
    return None


def _lies_in(place: GazetteerEntry, region: GazetteerEntry) -> bool:
    if place.country_code != region.country_code:
        return False
    return region.feature == "country" or place.admin1_code == region.admin1_code


def _with_misspelled_countries(
    doc: Doc, matches: list[_Match], finder: PlaceFinder
) -> list[_Match]:
    """Add names the model tags GPE that are one letter off a country ("Tajilistan")."""
    taken = {i for m in matches for i in range(m.start, m.end)}
    added: list[_Match] = []
    for ent in doc.ents:
        if (
            ent.label_ != "GPE"
            or len(ent) > 2
            or any(i in taken for i in range(ent.start, ent.end))
        ):
            continue
        key = normalize_name(ent.text)
        if not _starts_capital(ent[0]) or _is_demonym(key, finder.demonyms):
            continue
        country = finder.gazetteer.closest_country(ent.text)
        if country is not None:
            added.append(_Match(ent.start, ent.end, key, [country], method="ner+fuzzy"))
    return sorted(matches + added, key=lambda m: m.start) if added else matches


def _unlisted_places(
    doc: Doc, matches: list[_Match], context: _Context, finder: PlaceFinder
) -> list[Place]:
    """Places the gazetteer lacks, named as such by the text, without coordinates.

    "near the town of X", "X, a suburb of the capital", "from Dhaka to X", or a
    name the model tags GPE after a locative preposition; once a name is known to
    be a place, its other mentions in the article are too.
    """
    taken = {i for m in matches for i in range(m.start, m.end)}
    names: set[str] = set()
    for start, end in _unlisted_candidates(doc, context):
        if any(i in taken for i in range(start, end)):
            continue
        key = normalize_name(doc[start:end].text)
        if (
            key in finder.common_words
            or _is_demonym(key, finder.demonyms)
            or key in context.surnames
            or finder.gazetteer.has_name(key)
        ):
            continue
        names.add(key)
    if not names:
        return []
    found: list[Place] = []
    for start, end in _capitalised_runs(doc):
        key = normalize_name(doc[start:end].text)
        if key not in names or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        found.append(
            Place(
                article_id=doc._.article_id or "",
                text=span.text,
                name=span.text,
                start=span.start_char,
                end=span.end_char,
                method="context",
            )
        )
    return found


def _capitalised_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Maximal runs of up to three capitalised words on one line ("Barsalogho", "Port Loko")."""
    i, n = 0, len(doc)
    while i < n:
        if not _name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 3 and _name_token(doc[j]) and not _breaks_line(doc[j - 1]):
            j += 1
        if j < n and _name_token(doc[j]) and not _breaks_line(doc[j - 1]):
            while j < n and _name_token(doc[j]):  # a longer name: not ours
                j += 1
        else:
            yield i, j
        i = j


def _name_token(token: Token) -> bool:
    return (
        _starts_capital(token)
        and token.is_alpha
        and not token.is_stop
        and not (token.is_upper and len(token) <= 4)
    )


def _run_at(doc: Doc, start: int) -> tuple[int, int] | None:
    """The capitalised run starting at ``start``, if one does."""
    if start >= len(doc) or not _name_token(doc[start]):
        return None
    end = start + 1
    while end < len(doc) and end - start < 3 and _name_token(doc[end]):
        end += 1
    if end < len(doc) and _name_token(doc[end]):
        return None
    return start, end


def _run_ending_at(doc: Doc, end: int) -> tuple[int, int] | None:
    start = end
    while start > 0 and end - start < 3 and _name_token(doc[start - 1]):
        start -= 1
    if start == end or (start > 0 and _capitalised_name_word(doc[start - 1])):
        return None
    return start, end


def _unlisted_candidates(doc: Doc, context: _Context) -> Iterator[tuple[int, int]]:
    """Token spans the context marks as a settlement's name."""
    n = len(doc)
    for token in doc:
        i = token.i
        lower = token.lower_
        # "the town of X", "a village of X"
        if lower == "of" and i >= 2 and doc[i - 1].lower_ in SETTLEMENT_WORDS:
            if doc[i - 2].lower_ in {"the", "a"}:
                run = _run_at(doc, i + 1)
                if run:
                    yield run
        # "X, a suburb of the capital", "X, a town in the north"
        elif lower == "," and i + 3 < n and doc[i + 1].lower_ in {"a", "the"}:
            noun = i + 2
            while noun < n - 1 and doc[noun].pos_ == "ADJ":
                noun += 1
            if doc[noun].lower_ in SETTLEMENT_WORDS and (
                doc[noun + 1].pos_ == "ADP" or doc[noun + 1].is_punct
            ):
                run = _run_ending_at(doc, i)
                if run:
                    yield run
        # "from Dhaka to X"
        elif lower == "to" and _from_place_to(doc, i, context):
            run = _run_at(doc, i + 1)
            if run:
                yield run
    for ent in doc.ents:
        if ent.label_ == "GPE" and _after_locative(doc, ent.start, STATIC_LOCATIVES):
            run = _run_at(doc, ent.start)
            if run and run[1] == ent.end:
                yield run
    # "Omdurman's Ombada district": a proper noun, not an adjective ("the Kurdish region")
    for token in doc:
        if token.lower_ in REGION_WORDS and token.text.islower() and token.i > 0:
            run = _run_ending_at(doc, token.i)
            if run and all(t.tag_ == "NNP" for t in doc[run[0] : run[1]]):
                yield run


def _from_place_to(doc: Doc, to: int, context: _Context) -> bool:
    """ "travelling from Dhaka to ...": "to" right after a place that follows "from"."""
    if to not in context.place_ends:
        return False
    start = context.place_starts.get(to)
    return start is not None and start > 0 and doc[start - 1].lower_ == "from"


# --- choosing among candidates --------------------------------------------------


def _sentence_ids(doc: Doc) -> list[int]:
    ids = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return ids
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = number
    return ids


def _focus_without(focus: dict[str, float], matches: list[_Match], key: str) -> dict[str, float]:
    """The focus as the rest of the article sets it: a name is no evidence for itself."""
    rest = dict(focus)
    for match in matches:
        if match.key == key and match.focus_vote:
            rest[match.focus_vote[0]] -= match.focus_vote[1]
    return rest


def _score(doc: Doc, matches: list[_Match], focus: dict[str, float]) -> None:
    sentence_of = _sentence_ids(doc)
    by_sentence: dict[int, list[_Match]] = defaultdict(list)
    for match in matches:
        by_sentence[sentence_of[match.start]].append(match)
    focus_by_key = {m.key: _focus_without(focus, matches, m.key) for m in matches}
    article_regions = _certain_regions(matches)
    for match in matches:
        own_focus = focus_by_key[match.key]
        top = max(own_focus.values(), default=0.0)
        neighbours = [m for m in by_sentence[sentence_of[match.start]] if m is not match]
        near_countries = {c.country_code for m in neighbours for c in m.candidates[:3]}
        near_regions = {
            (c.country_code, c.admin1_code)
            for m in neighbours
            for c in m.candidates
            if c.feature == "admin1"
        }
        largest_city = max((c.population for c in match.candidates if c.is_city), default=0)
        city_regions = {
            (c.country_code, c.admin1_code)
            for c in match.candidates
            if c.is_city and c.population >= largest_city / 2
        }
        in_focus = {
            c.country_code
            for c in match.candidates
            if top > 0 and own_focus.get(c.country_code, 0.0) * 3 >= top
        }
        for c in match.candidates:
            score = math.log10(c.population + 10)
            if c.feature == "country":
                # a country the article is not about yields to a namesake in the country it
                # is about ("Georgia" in news about Atlanta is the state)
                score += 4.0 if not in_focus or c.country_code in in_focus else 0.5
            elif c.feature == "PPLC":
                score += 1.5
            if top > 0:
                score += 3.0 * own_focus.get(c.country_code, 0.0) / top
            if c.country_code in near_countries:
                score += 2.0
            if c.is_city and (c.country_code, c.admin1_code) in near_regions:
                score += 2.0
            if c.feature != "admin1" and (c.country_code, c.admin1_code) in article_regions:
                score += 1.5
            if match.apposed:
                score += 5.0  # its region was named beside it: outweighs bare mentions
            if normalize_name(c.name) == match.key:
                score += 1.0
            if (
                c.feature == "admin1"
                and not match.region_word
                and largest_city >= c.population / 10
            ):
                # a bare "Almaty" is the city, not the region around it; more so when
                # that city lies in the region ("New York")
                score -= 3.0 if (c.country_code, c.admin1_code) in city_regions else 1.5
            match.scores[c.geonames_id] = score


# How much the article's leading first-level region adds to a candidate inside it.
REGION_VOTE_WEIGHT = 3.0
# How far below a name's best reading another still counts as a possible reading.
CONTENTION_MARGIN = 3.0
# A region's vote counts fully with this many votes or this many names behind it.
AGREEMENT = 1.5
SUPPORTERS = 2


def _region_votes(matches: list[_Match]) -> dict[str, dict[tuple[str, str], float]]:
    """Per name, the first-level regions of its readings still in contention, 1/k each.

    Local news rarely names its state: "Cornwall", "Kent" and "Salisbury" each have
    namesakes in several states, but the one state that holds all three is where the
    article is. A reading is in contention when its score (before this vote) comes within
    ``CONTENTION_MARGIN`` of the name's best, so "Russia" votes for no Russia, Ohio; a
    name with k such readings gives each a k-th of a vote (a reading without a region,
    such as a country, takes its share too), a region named beside a town ("Salem, Ore.")
    or a name that is only a region counts double.
    """
    certain = _certain_regions(matches)
    totals: dict[str, dict[int, float]] = defaultdict(dict)
    readings: dict[int, GazetteerEntry] = {}
    for match in matches:
        for c in match.candidates:
            readings[c.geonames_id] = c
            best_seen = totals[match.key].get(c.geonames_id, -math.inf)
            totals[match.key][c.geonames_id] = max(best_seen, match.scores.get(c.geonames_id, 0.0))
    votes: dict[str, dict[tuple[str, str], float]] = {}
    for key, scores in totals.items():
        best = max(scores.values(), default=0.0)
        near = [readings[gid] for gid, score in scores.items() if score >= best - CONTENTION_MARGIN]
        regions = {(c.country_code, c.admin1_code) for c in near if c.admin1_code}
        if not regions:
            continue
        share = len(regions) + sum(1 for c in near if not c.admin1_code)
        weight = (2.0 if regions <= certain else 1.0) / share
        votes[key] = dict.fromkeys(regions, weight)
    return votes


def _vote_regions(matches: list[_Match]) -> None:
    """Add the article's region vote to every reading's score (after :func:`_score`)."""
    votes = _region_votes(matches)
    shares: dict[str, dict[tuple[str, str], float]] = {}
    for match in matches:
        if match.key not in shares:
            shares[match.key] = _region_share(votes, match.key)
        share = shares[match.key]
        for c in match.candidates:
            region = (c.country_code, c.admin1_code)
            match.scores[c.geonames_id] += REGION_VOTE_WEIGHT * share.get(region, 0.0)


def _region_share(
    votes: dict[str, dict[tuple[str, str], float]], key: str
) -> dict[tuple[str, str], float]:
    """Each region's votes from the article's other names, as a share of the leading
    region's; damped unless ``AGREEMENT`` votes or ``SUPPORTERS`` names back it, so one
    ambiguous name alone ("Tabriz" beside a village named Shiraz) moves little, while
    "Paris" and "Henry County", each with namesakes in many states, agree on one."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    names: dict[tuple[str, str], int] = defaultdict(int)
    for other, regions in votes.items():
        if other != key:
            for region, weight in regions.items():
                totals[region] += weight
                names[region] += 1
    top = max(totals.values(), default=0.0)
    if top <= 0:
        return {}
    return {
        region: min(1.0, max(total / AGREEMENT, names[region] / SUPPORTERS)) * total / top
        for region, total in totals.items()
    }


def _certain_regions(matches: list[_Match]) -> set[tuple[str, str]]:
    """First-level regions the article names without doubt: a region given beside a town
    ("Gainesville, Ga."), or a region name that is nothing else."""
    found: set[tuple[str, str]] = set()
    for match in matches:
        regions = {(c.country_code, c.admin1_code) for c in match.candidates if c.admin1_code}
        if len(regions) != 1:
            continue
        if match.apposed or all(c.feature == "admin1" for c in match.candidates):
            found |= regions
    return found


def _sense_key(match: _Match) -> tuple[str, bool]:
    return match.key, match.region_word


def _one_sense_per_name(matches: list[_Match]) -> dict[tuple[str, bool], GazetteerEntry]:
    """Every mention of one name in one article resolves to the same place."""
    totals: dict[tuple[str, bool], dict[int, float]] = defaultdict(lambda: defaultdict(float))
    entries: dict[int, GazetteerEntry] = {}
    for match in matches:
        for c in match.candidates:
            entries[c.geonames_id] = c
            totals[_sense_key(match)][c.geonames_id] += match.scores.get(c.geonames_id, 0.0)
    chosen: dict[tuple[str, bool], GazetteerEntry] = {}
    for key, scores in totals.items():
        best = max(scores, key=lambda gid: (scores[gid], entries[gid].population, -gid))
        chosen[key] = entries[best]
    return chosen
