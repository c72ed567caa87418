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
  Doctors").

The result is then canonicalised with the story's other source names (sourcenames.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsprism.compare.sourcenames import SourceNames, base_key
from newsprism.lexicons import lexicon_cache, load_mapping

_ROLES = (
    r"spokes(?:person|man|woman)|press (?:service|office|secretary)|officials?|sources?|"
    r"representatives?|head|chief|director|commander|chairman|chairwoman|chair|"
    r"coordinator|secretary|member|staff"
)
ROLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("role_of_org", re.compile(rf"^(?:{_ROLES})\s+(?:of|for|at|from|with|in)\s+(?P<org>.+)$")),
    ("portfolio_of_minister", re.compile(r"^(?:deputy\s+)?minister\s+of\s+(?P<portfolio>.+)$")),
    (
        "portfolio_minister",
        re.compile(r"^(?P<portfolio>(?!prime\b)[a-z][a-z -]*?)\s+(?:deputy\s+)?minister\b.*$"),
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


def institution_of(name: str) -> str | None:
    """The institution a title-bearing name speaks for, or None when no rule applies."""
    person = _person_part(name)
    if person is not None and len(person.split()) >= 2:
        name = name[: name.rindex(person)]  # "Head of the X Sutopo Purwo Nugroho": the X
    acronym = next((w for w in name.split() if len(w) >= 3 and w.isupper() and w.isalpha()), None)
    text = _clean(name)
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
        if acronym and org.split()[:1] == [acronym.lower()]:
            return acronym  # "the BNPB data and information center": a unit of the BNPB
        if org and org not in _WEAK_ORGS and not org.endswith("'s"):
            return org
    return None


def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", name)
    return "".join(w[0] for w in words if w.lower() not in _MINOR).upper()


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
    for word in reversed(words):
        if word[:1].isupper() and word.lower() not in _MINOR | titles:
            tail.append(word)
        else:
            break
    tail.reverse()
    if not tail or len(tail) == len(words):
        return None
    return " ".join(tail)


@dataclass(frozen=True)
class Originators:
    """The story's originator for any source name its reports carry."""

    names: SourceNames
    aliases: Mapping[str, str]
    """base key of a person's name, surname or initialism -> the institution name it stands for"""

    def institution(self, name: str) -> str:
        found = institution_of(name)
        if found is not None:
            return found
        plain = _LEADING_WRITTEN.sub("", name).strip() or name
        key = base_key(plain, focus_country=self.names.focus_country)
        return self.aliases.get(key, plain)

    def key(self, name: str) -> str:
        return self.names.key(self.institution(name))

    def display(self, name: str) -> str:
        institution = self.institution(name)
        if institution == name:
            return self.names.canonical(name)
        known = self.names.canonical(institution)
        return known[:1].upper() + known[1:]


def story_originators(
    names: SourceNames, source_names: Iterable[str], titled_people: Mapping[str, str]
) -> Originators:
    """Originators of a story from every source name its reports and citations carry.

    ``titled_people`` maps a person's name to the title the story gives them (mentions).
    """
    written = [n for n in source_names if n and n.strip()]
    aliases: dict[str, str] = {}
    focus = names.focus_country

    def alias(person: str, institution: str) -> None:
        for form in (person, person.split()[-1]):
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
    return Originators(names=names, aliases=aliases)
