"""Who originated a figure, as one institution however the text names it.

"Health Minister Jane Doe", "Doe", "the country's health minister" and "a health ministry
spokesperson" are one originator, the health ministry: an independent-source count counts
institutions, not the ways a story names them. The rules, tried in order on the lower-cased
name (``ROLE_RULES``):

- ``role_of_org``: "spokesperson for the X", "head of X", "officials at X" -> X;
- ``org_role``: "X spokesperson", "X officials", "X chief" -> X;
- ``portfolio_minister``: "health minister (Jane Doe)" -> "health ministry", and
  "minister of health" -> "health ministry";
- a person's name -> the institution of the title the story gives them ("Health Minister
  Jane Doe ... Doe said");
- an initialism -> the story's name it abbreviates ("CCSD" = "Central Committee of Sudanese
  Doctors"), or the name an article writes it after ("National Disaster Mitigation Agency
  (BNPB)"), whatever language the initials come from;
- a description -> the one named institution of the story it describes: every word of
  "committee of doctors" is in "Central Committee of Sudan Doctors"; failing that, the only
  named institution that shares a word with it ("doctors group"); a description that
  several names share a word with stays itself;
- a first name or a surname -> the one titled person of the story who carries it.

Not originators: a time word alone ("Earlier"), a communication ("reports", "a
clarification", lexicon ``not_originators``) and a dateline place in capitals ("PALU").

The result is then canonicalised with the story's other source names (sourcenames.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsprism.compare.sourcenames import SourceNames, base_key, is_unknown_outlet
from newsprism.countries import demonym_codes, fold
from newsprism.lexicons import lexicon_cache, load_lexicon, load_mapping

_ROLES = (
    r"(?:media\s+)?spokes(?:person|man|woman)|media (?:unit|division|office|centre|center)|"
    r"press (?:service|office|secretary)|officials?|sources?|"
    r"representatives?|head|chief|director|commander|chairman|chairwoman|chair|"
    r"coordinator|(?:under-?|deputy |permanent |general )?secretary|member|staff|adviser|advisor"
)
ROLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("role_of_org", re.compile(rf"^(?:{_ROLES})\s+(?:of|for|at|from|with|in)\s+(?P<org>.+)$")),
    (
        "portfolio_of_minister",
        re.compile(r"^(?:(?:deputy|state|vice|acting)\s+)?minister\s+of\s+(?P<portfolio>.+)$"),
    ),
    (
        "portfolio_minister",
        re.compile(
            r"^(?:(?:deputy|vice|acting|state)\s+)?"
            r"(?P<portfolio>(?!prime\b)[a-z][a-z -]*?)\s+(?:deputy\s+)?minister\b.*$"
        ),
    ),
    ("org_role", re.compile(rf"^(?P<org>.+?)\s+(?:{_ROLES})\b.*$")),
)
"""Named patterns, tried in order; a name no rule matches stands for itself."""
_LEADING = re.compile(
    r"^(?:(?:the|a|an|one|two|three|several|senior|top|local|other|earlier|later|previously|"
    r"initially|also|then)\s+)+"
)
_LEADING_WRITTEN = re.compile(r"^(?:(?:earlier|later|previously|initially|also|then),?\s+)+", re.I)
_OWNER = re.compile(r"^(?:the\s+)?(?:country|nation|state|region|city|province)(?:'s|’s)\s+")
_MINOR = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "al", "el"}
_WEAK_ORGS = {"government", "a", "an", "the", "his", "her", "their", "its", "security"}


def _clean(name: str) -> str:
    text = " ".join(name.replace("’", "'").split()).strip(" ,;:.\"'()[]").lower()
    text = _OWNER.sub("", text)
    return _LEADING.sub("", text).strip()


@lexicon_cache
def _institution_heads() -> frozenset[str]:
    return frozenset(entry.strip().lower() for entry in load_lexicon("institution_heads"))


_PERSON_OF_BODY = re.compile(
    r"^(?P<person>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+of\s+(?:the\s+)?(?P<org>[A-Z].+)$"
)


_DOUBLE_TITLE = re.compile(r"^.+?\band\s+(?=(?:(?:state|deputy|vice)\s+)?minister\b)")


def _person_of_body(name: str) -> str | None:
    """ "Mohamed Babakr of the Central Committee": the body, when the words before "of" are a
    name (no institution head or title among them)."""
    match = _PERSON_OF_BODY.match(" ".join(name.split()))
    if match is None:
        return None
    words = {w.lower().strip(".") for w in match["person"].split()}
    if words & (_institution_heads() | _title_words()):
        return None
    return match["org"]


def institution_of(name: str) -> str | None:
    """The institution a title-bearing name speaks for, or None when no rule applies."""
    body = _person_of_body(name)
    if body is not None:
        return body
    person = _person_part(name)
    if person is not None and len(person.split()) >= 2:
        name = name[: name.rindex(person)]  # "Head of the X Sutopo Purwo Nugroho": the X
    acronym = next((w for w in name.split() if len(w) >= 3 and w.isupper() and w.isalpha()), None)
    text = _clean(name)
    double = _DOUBLE_TITLE.search(text)
    if double:  # "minister of mass media and state minister of defense": the last office
        text = text[double.end() :]
    first, _, rest = text.partition(" ")
    if rest and fold(first) in demonym_codes() and ROLE_RULES[0][1].match(rest):
        text = rest  # "Sudanese undersecretary for the health ministry"
    for rule, pattern in ROLE_RULES:
        match = pattern.match(text)
        if match is None:
            continue
        if rule in {"portfolio_minister", "portfolio_of_minister"}:
            portfolio = _LEADING.sub("", match["portfolio"]).strip()
            if portfolio and portfolio not in {"deputy", "former", "acting"}:
                return f"{portfolio} ministry"
            continue
        org = _LEADING.sub("", _OWNER.sub("", match["org"])).strip()
        org_words = org.split()
        while len(org_words) > 1 and org_words[-1].strip(".") in _rank_abbreviations():
            org_words.pop()  # "joint task force for the province col.": the rank is the person's
        org = " ".join(org_words)
        if acronym and org.split()[:1] == [acronym.lower()]:
            return acronym  # "the BNPB data and information center": a unit of the BNPB
        if org and org not in _WEAK_ORGS and not org.endswith("'s"):
            return org
    return None


def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", name)
    return "".join(w[0] for w in words if w.lower() not in _MINOR).upper()


@lexicon_cache
def _rank_abbreviations() -> frozenset[str]:
    """Abbreviated titles of titles.txt ("col.", "gen."), without their period."""
    return frozenset(e.lower().rstrip(".") for e in load_mapping("titles") if e.endswith("."))


@lexicon_cache
def _title_words() -> frozenset[str]:
    """Words of titles and offices (titles.txt) and of the role rules: never a name."""
    words = {w for entry in load_mapping("titles") for w in entry.lower().split()}
    words |= {"minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "official"}
    words |= set(re.findall(r"[a-z]+", _ROLES))
    return frozenset(words)


def _person_part(name: str) -> str | None:
    """The trailing capitalised words of "Health Minister Jane Doe": "Jane Doe"."""
    words = name.split()
    tail: list[str] = []
    titles = _title_words()
    heads = _institution_heads()
    for word in reversed(words):
        if word[:1].isupper() and word.lower() not in _MINOR | titles | heads:
            tail.append(word)
        else:
            break
    tail.reverse()
    if not tail or len(tail) == len(words):
        return None
    if words[len(words) - len(tail) - 1].lower() in _MINOR:
        return None  # "Minister of Health and Indigenous Medicine": part of the office
    return " ".join(tail)


@dataclass(frozen=True)
class Originators:
    """The story's originator for any source name its reports carry."""

    names: SourceNames
    aliases: Mapping[str, str]
    """base key of a person's name, surname or initialism -> the institution name it stands for"""

    not_sources: frozenset[str] = frozenset()
    """base keys of names in the story that stand for no source (dateline places)"""

    written: tuple[str, ...] = ()
    """every source name the story's reports and citations carry, as written"""

    parents: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """key of an agency the story names (UNICEF) -> keys of the organisation it belongs to
    ("united nations", "un"): lexicon ``agency_parents``"""

    def antecedent(self, name: str, text: str, before: int) -> str:
        """ "the committee said": the body of that head the article named last before
        ``before`` ("the Central Committee of Sudan Doctors ... the committee"), else ``name``."""
        return antecedent_body(name, text, before, self.written) or name

    def is_source(self, name: str | None) -> bool:
        """False for a time word, a communication or a dateline place taken for a source."""
        if not name or not name.strip():
            return False
        plain = _LEADING_WRITTEN.sub("", name).strip(" ,;:.")
        if not plain:
            return False
        words = _clean(plain)
        if not words or words in _not_originators() or plain.lower() in _not_originators():
            return False
        return base_key(plain, focus_country=self.names.focus_country) not in self.not_sources

    def is_vague(self, name: str) -> bool:
        """A source named only by vague officialdom ("officials", "the authorities", "local
        government officials"): no institution one could ask."""
        plain = _LEADING_WRITTEN.sub("", name).strip()
        if institution_of(plain) or self.aliases.get(
            base_key(plain, focus_country=self.names.focus_country)
        ):
            return False
        words = _description_words(plain)
        return bool(words) and _is_description(plain) and set(words) <= _UNNAMED_OFFICIALDOM

    def institution(self, name: str) -> str:
        plain = _LEADING_WRITTEN.sub("", name).strip() or name
        found = institution_of(plain) or plain
        focus = self.names.focus_country
        seen = {found}
        for _ in range(3):  # an alias may point at a name that has one ("Nugroho" -> BNPB -> ...)
            words = found.split()
            target = self.aliases.get(base_key(found, focus_country=focus))
            if target is None and len(words) >= 2 and all(w[:1].isupper() for w in words):
                target = self.aliases.get(base_key(words[-1], focus_country=focus))  # surname
            if target is None or target in seen:
                break
            seen.add(target)
            found = target
        return found

    def key(self, name: str) -> str:
        return self.names.key(self.institution(name))

    def display(self, name: str) -> str:
        institution = self.institution(name)
        if institution == name:
            return self.names.canonical(name)
        known = self.names.canonical(institution)
        return known[:1].upper() + known[1:]


@lexicon_cache
def _not_originators() -> frozenset[str]:
    return frozenset(entry.strip().lower() for entry in load_lexicon("not_originators"))


_SPELLED_OUT = re.compile(
    r"((?:[A-Z][\w'’-]*|of|for|and|the|on)(?:\s+(?:[A-Z][\w'’-]*|of|for|and|the|on))+)"
    r"\s+\(([A-Z]{2,8})\)"
)
"""A capitalised name followed by its initials in brackets: "... Mitigation Agency (BNPB)"."""
_VAGUE_OFFICIALDOM = {
    "authority", "official", "government", "source", "officer", "people", "witness",
    "resident", "report", "medium", "media", "state", "opposition",
}  # fmt: skip
"""Words of descriptions too vague to stand for one named body ("authorities", "officials")."""
_UNNAMED_OFFICIALDOM = {
    "authority", "official", "source", "officer", "local", "senior", "opposition", "activist",
}  # fmt: skip
"""Words of a source that names nobody one could ask ("officials", "local authorities")."""
_DESCRIPTION_SKIP = _MINOR | {
    "a", "an", "to", "close", "near", "its", "their", "his", "her", "some", "other", "local",
    "senior", "top", "country", "nation", "state",
}  # fmt: skip


def spelled_out_initials(texts: Iterable[str]) -> dict[str, Counter[str]]:
    """Initials -> the names the texts write them after, with how often."""
    found: dict[str, Counter[str]] = {}
    for text in texts:
        for match in _SPELLED_OUT.finditer(text):
            long_name = re.sub(r"^(?:(?:The|the|of|for|and|on)\s+)+", "", match.group(1))
            long_name = institution_of(long_name) or long_name  # "Head of the X (XY)": X
            if len(long_name.split()) >= 2:
                found.setdefault(match.group(2), Counter())[long_name] += 1
    return found


def _description_words(name: str) -> list[str]:
    words = re.findall(r"[^\W\d_][\w-]*", _POSSESSIVE_TAIL.sub("", name.lower()))
    return [_singular(w) for w in words if w not in _DESCRIPTION_SKIP]


_POSSESSIVE_TAIL = re.compile(r"['’]s\b|(?<=s)['’]")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _is_description(name: str) -> bool:
    """A source written without a capitalised word after its first ("committee of doctors",
    "Doctors group"): a description of a body, not its name."""
    words = name.split()
    return (
        bool(words)
        and not any(w[:1].isupper() for w in words[1:])
        and not (len(words) == 1 and words[0].isupper())
    )


def story_originators(
    names: SourceNames,
    source_names: Iterable[str],
    titled_people: Mapping[str, str],
    *,
    texts: Iterable[str] = (),
    place_names: Iterable[str] = (),
) -> Originators:
    """Originators of a story from every source name its reports and citations carry.

    ``titled_people`` maps a person's name to the title the story gives them (mentions);
    ``texts`` are the story's article texts (for initials written after a name);
    ``place_names`` the names of its places (a dateline in capitals is no source).
    """
    written = [n for n in source_names if n and n.strip()]
    aliases: dict[str, str] = {}
    focus = names.focus_country
    surnames_of: dict[str, set[str]] = {}
    for someone in {*titled_people, *(p for n in written if (p := _person_part(n)))}:
        for word in someone.split()[:-1]:
            surnames_of.setdefault(word, set()).add(someone.split()[-1])

    def alias(person: str, institution: str) -> None:
        forms = [person, person.split()[-1]]
        forms += [w for w in person.split()[:-1] if len(surnames_of.get(w, ())) == 1 and len(w) > 3]
        for form in forms:
            if len(form) > 2:
                aliases.setdefault(base_key(form, focus_country=focus), institution)

    for name in written:
        institution = institution_of(name)
        person = _person_part(name)
        if institution and person:
            alias(person, institution)
    for person, title in titled_people.items():
        institution = institution_of(f"{title} {person}")
        if institution and person.strip():
            alias(person, institution)
    texts = list(texts)
    for person, institution in apposed_roles(written, texts).items():
        alias(person, institution)
    for description, named_body in apposed_descriptions(written, texts).items():
        aliases.setdefault(base_key(description, focus_country=focus), named_body)
    by_initials: dict[str, set[str]] = {}
    for name in written:
        if len(name.split()) >= 2:
            by_initials.setdefault(_initials(name), set()).add(name)
    for name in written:
        short = name.strip(" ()")
        if 2 <= len(short) <= 6 and short.isupper() and short.isalpha():
            longer = by_initials.get(short, set())
            if len({names.key(n) for n in longer}) == 1:
                aliases.setdefault(base_key(short, focus_country=focus), next(iter(longer)))
    for initials, spelled in spelled_out_initials(texts).items():
        main = max(spelled, key=lambda n: (spelled[n], n))
        for form in (initials, *spelled):
            aliases.setdefault(base_key(form, focus_country=focus), main)
    parents = _agency_names(written, names, aliases)
    _describe_to_names(written, names, aliases)
    _spelling_variants(written, aliases, focus)
    capitals = {p.lower() for p in place_names if p}
    not_sources = frozenset(
        base_key(n, focus_country=focus)
        for n in written
        if n.strip().isupper() and n.strip().lower() in capitals
    )
    return Originators(
        names=names,
        aliases=aliases,
        not_sources=not_sources,
        written=tuple(dict.fromkeys(written)),
        parents=parents,
    )


@lexicon_cache
def _agencies() -> tuple[tuple[str, str, str], ...]:
    """(agency, full name, parent) rows of the ``agency_parents`` lexicon."""
    rows: list[tuple[str, str, str]] = []
    for entry in load_lexicon("agency_parents"):
        parts = [p.strip().lower() for p in entry.split("\t")]
        if len(parts) == 3 and all(parts):
            rows.append((parts[0], parts[1], parts[2]))
    return tuple(rows)


def _parent_forms(parent: str) -> set[str]:
    """ "united nations" is also written "UN" and "U.N."."""
    words = parent.split()
    initials = "".join(w[0] for w in words) if len(words) >= 2 else ""
    return {parent, initials, ".".join(initials) + "." if initials else ""} - {""}


def _agency_names(
    written: Sequence[str], names: SourceNames, aliases: dict[str, str]
) -> dict[str, frozenset[str]]:
    """Agencies of an international organisation the story names ("agency_of_parent"):
    the agency's full name and a description naming its parent and a word of its full name
    ("the UN children's agency" for UNICEF) are that agency; returns each named agency's key
    -> the keys of its parent's names, for the ledger to count the parent's word on one
    figure as its agency's."""
    focus = names.focus_country
    named: dict[str, str] = {}  # agency -> the form the story writes
    for name in written:
        body = _clean(institution_of(name) or name)
        for agency, full, _parent in _agencies():
            written_as = (
                w.strip(",.;:()'’").removesuffix("'s").removesuffix("’s") for w in name.split()
            )
            if body in {agency, full} or any(
                w.lower() == agency and w[:1].isupper() for w in written_as
            ):
                named.setdefault(agency, (institution_of(name) or name).strip())
    parents: dict[str, frozenset[str]] = {}
    heads = _institution_heads() | {"agency", "fund", "programme", "program", "office"}
    for agency, full, parent in _agencies():
        if agency not in named:
            continue
        target = named[agency]
        aliases.setdefault(base_key(full, focus_country=focus), target)
        forms = _parent_forms(parent)
        parents[names.key(target)] = frozenset(names.key(f) for f in forms)
        distinctive = {_singular(w.removesuffix("'s")) for w in re.findall(r"[a-z']+", full)}
        distinctive -= heads | _MINOR | {_singular(w) for f in forms for w in f.split()}
        for name in written:
            words = [w.replace("’", "'").removesuffix("'s") for w in _clean(name).split()]
            mentions_parent = any(
                " ".join(words[i : i + len(f.split())]) == f
                for f in forms
                for i in range(len(words))
            )
            if " ".join(words) in forms:
                continue  # the organisation itself, never its agency
            if mentions_parent and {_singular(w) for w in words} & distinctive:
                aliases.setdefault(base_key(name, focus_country=focus), target)
    return parents


def _head_word(name: str) -> str:
    """The head noun of a body's name: before its first "of"/"for", else its last word."""
    words = re.findall(r"[^\W\d_][\w-]*", name.lower())
    for i, word in enumerate(words):
        if word in {"of", "for"} and i > 0:
            return _singular(words[i - 1])
    return _singular(words[-1]) if words else ""


def _describe_to_names(written: Sequence[str], names: SourceNames, aliases: dict[str, str]) -> None:
    """Alias each description to the one named institution it describes (module docstring).

    A one-word description ("the committee") must be the head of that name; a longer one
    must have all its words in it, or share a distinctive word (not an institution head
    such as "association") with that name alone.
    """
    focus = names.focus_country
    named: dict[str, tuple[str, set[str], set[str]]] = {}
    for name in written:
        if _is_description(name) or is_unknown_outlet(name):
            continue
        institution = institution_of(name) or name
        key = base_key(institution, focus_country=focus)
        target = aliases.get(key, institution)
        if _looks_like_person(target):
            continue  # a person is described by their title, never by "health ministry"
        vocabulary = set(_description_words(institution)) | set(_description_words(name))
        known = named.setdefault(names.key(target), (target, set(), set()))
        known[1].update(vocabulary)
        known[2].add(_head_word(institution))
    heads = _institution_heads()
    for name in written:
        if not _is_description(name):
            continue
        plain = _LEADING_WRITTEN.sub("", name).strip()
        words = _description_words(institution_of(plain) or plain)
        if set(words) <= _VAGUE_OFFICIALDOM:
            continue
        single = len(words) == 1
        words = [w for w in words if w not in _VAGUE_OFFICIALDOM]
        if not words or base_key(plain, focus_country=focus) in aliases:
            continue
        if names.key(plain) in named:
            continue
        if single:
            chosen = {k for k, (_, _, hs) in named.items() if words[0] in hs}
        else:
            whole = {k for k, (_, ws, _) in named.items() if all(w in ws for w in words)}
            some = {
                k
                for k, (_, ws, _) in named.items()
                if any(w in ws and w not in heads for w in words)
            }
            chosen = whole or some
        if len(chosen) == 1:
            aliases[base_key(plain, focus_country=focus)] = named[next(iter(chosen))][0]


_BARE_HEAD = re.compile(r"^(?:the|this|that)\s+(?P<head>[a-z][a-z-]+)$", re.I)


def antecedent_body(name: str, text: str, before: int, candidates: Iterable[str]) -> str | None:
    """The body a bare "the <head>" ("the committee", "the ministry") refers back to.

    The candidate of that head word (the head of its institution, see ``_head_word``) whose
    last mention in ``text`` before ``before`` is the latest; a description of that head
    ("the doctors' committee") may be the antecedent too. None when the name is not a bare
    head noun of ``institution_heads`` or no candidate of that head was mentioned before.
    """
    match = _BARE_HEAD.match(" ".join(name.split()))
    if match is None:
        return None
    head = _singular(match["head"].lower())
    if head not in _institution_heads() and match["head"].lower() not in _institution_heads():
        return None
    earlier = text[:before].lower()
    best: tuple[int, str] | None = None
    for candidate in candidates:
        words = candidate.split()
        if len(words) < 2 or _BARE_HEAD.match(" ".join(words)):
            continue
        if _head_word(institution_of(candidate) or candidate) != head:
            continue
        at = earlier.rfind(" ".join(words).lower())
        if at >= 0 and (best is None or at > best[0]):
            best = (at, candidate)
    return best[1] if best else None


_APPOSED_BEFORE = (
    r"(?P<role>\b(?:[Tt]he|[Aa]n?)\s[^,.;:!?\"“”()]{3,80}?),\s+(?:[A-Z][\w’'.-]+\s+)?{name}\b"
)
"""A role before the name, which may be written with one more given name ("Solaiman")."""
_TITLED_BEFORE = (
    r"(?P<role>(?:[A-Z][\w’'-]*\s+){1,8}[A-Za-z][\w’'-]*),?\s+(?:(?:[A-Z]{2,3}|Dr|Mr|Ms|Mrs)\.?\s+)?"
    r"{name}\b"
)
"""An office right before the name, capitalised but for its last word, a title: "Sri Lanka
Tourism Development Authority Chairman Kishu Gomes", "Police Spokesperson, SP Ruwan
Gunasekara", "UNICEF spokesman Christophe Boulierac"."""
_APPOSED_AFTER = (
    r"\b{name},\s+(?P<role>(?:(?:[Tt]he|[Aa]n?)\s|(?=[a-z]))[^,.;:!?\"“”()]{3,80}?)[,.;]"
)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    heads = _institution_heads() | _title_words()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.lower().strip(".,") in heads for w in words)
        and not any(w.isupper() and len(w) > 1 for w in words)
    )


_BODIES_BY_HEAD = frozenset({"police", "army", "government", "parliament", "military", "navy"})
"""Institution heads that name one body of a country on their own ("Police spokesperson X")."""


def _is_bare_head(institution: str) -> bool:
    """ "Agency spokesman X" at a sentence's start: "agency" alone names no one body."""
    words = institution.lower().split()
    return len(words) == 1 and words[0] in _institution_heads() and words[0] not in _BODIES_BY_HEAD


def apposed_roles(names: Iterable[str], texts: Sequence[str]) -> dict[str, str]:
    """Person -> institution, from a role written beside the name in the story's texts:
    "the Undersecretary of the Ministry of Health, Suleiman Abdul-Jabbar, said" or
    "Jane Doe, the country's health minister, said" (an apposition: the two are one)."""
    found: dict[str, str] = {}
    for name in dict.fromkeys(n.strip() for n in names):
        words = name.split()
        while len(words) > 2 and (
            (words[0].isupper() and len(words[0]) <= 4) or words[0].lower() in _title_words()
        ):
            words = words[1:]  # "SP Ruwan Gunasekara", "Dr. Jane Roe": the name after the rank
        core = " ".join(words)
        if not _looks_like_person(core):
            continue
        escaped = re.escape(core).replace(r"\ ", r"[\s-]+")
        patterns = [
            re.compile(p.replace("{name}", escaped))
            for p in (_APPOSED_BEFORE, _APPOSED_AFTER, _TITLED_BEFORE)
        ]
        for text in texts:
            for pattern in patterns:
                for match in pattern.finditer(text):
                    role = match["role"].split(" said")[0]
                    if pattern is patterns[2] and role.split()[-1].lower() not in _title_words():
                        continue
                    institution = institution_of(role)
                    if institution and not _is_bare_head(institution):
                        found.setdefault(name, institution)
    return found


def apposed_descriptions(names: Iterable[str], texts: Sequence[str]) -> dict[str, str]:
    """Description -> the one name written right after it: "the medical association the
    Central Committee of Sudan Doctors", "a pro-democracy group, Central Committee of
    Sudanese Doctors" (an apposition names the body the description stands for)."""
    written = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    named = [
        n
        for n in written
        if not _is_description(n) and len(n.split()) >= 2 and not _looks_like_person(n)
    ]
    found: dict[str, set[str]] = {}
    for description in written:
        plain = _LEADING_WRITTEN.sub("", description).strip()
        words = _description_words(plain)
        if not _is_description(plain) or not words or set(words) <= _VAGUE_OFFICIALDOM:
            continue
        lead = re.escape(_LEADING.sub("", plain.lower()))
        for body in named:
            pattern = re.compile(rf"\b{lead},?\s+(?:the\s+)?{re.escape(body)}", re.IGNORECASE)
            if any(pattern.search(text) for text in texts):
                found.setdefault(description, set()).add(body)
    return {d: next(iter(b)) for d, b in found.items() if len(b) == 1}


SPELLING_SIMILARITY = 0.8
"""How alike two surnames of at least six letters must be (difflib ratio) to be one person
written two ways by two outlets ("Jayasinghe" and "Jasinghe", "Gunasekara" and
"Gunaeskara")."""


def _spelling_variants(written: Sequence[str], aliases: dict[str, str], focus: str | None) -> None:
    """Alias a surname no rule placed to the one known surname it is a variant spelling of."""
    import difflib

    known = {k: v for k, v in aliases.items() if " " not in k and len(k) >= 6}
    for name in written:
        words = name.split()
        if not words or (not _looks_like_person(name) and len(words) != 1):
            continue
        surname = words[-1]
        key = base_key(surname, focus_country=focus)
        if (
            len(key) < 6
            or " " in key
            or key in aliases
            or base_key(name, focus_country=focus) in aliases
            or not surname[:1].isupper()
        ):
            continue
        close = {
            target
            for other, target in known.items()
            if other[0] == key[0]
            and difflib.SequenceMatcher(None, key, other).ratio() >= SPELLING_SIMILARITY
        }
        if len(close) == 1:
            target = next(iter(close))
            aliases[key] = target
            aliases.setdefault(base_key(name, focus_country=focus), target)
