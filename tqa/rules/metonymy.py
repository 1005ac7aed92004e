"""Russian ways of naming a country or an office holder: `the Ukrainian side`,
`the head of the Pentagon`, `the official representative of the ministry`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import anchored_matches
from tqa.rules.nations import ADJECTIVE_OF, COUNTRY_OF, OWNER_OF
from tqa.rules.terms import glossary_covers
from tqa.text.document import Document


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ADJECTIVES = _alternation(COUNTRY_OF)
# `the Ukrainian side`, `the American side's`; not `on the Russian side of the border`.
# Found from ` side`, a literal the engine jumps to; the nationality is read backwards.
_SIDE_WORD = lazy(r" side(?P<possessive>['’]s)?\b(?! of\b)")
# `on the Russian side of the border` is a place; `according to the Russian side` is how
# English news itself attributes a claim to a party in talks.
_NATIONALITY_BEFORE = lazy(r"(?<![Oo]n )(?<!according to )\b(?P<the>[Tt]he) (?P<adjective>" + _ADJECTIVES + r")$")
_NATIONALITY_REACH = 20

# The minister a ministry's head is: `Foreign Ministry` / `Ministry of Foreign Affairs` -> `foreign minister`.
_MINISTERS = {
    "Foreign": "foreign", "Foreign Affairs": "foreign", "Defense": "defense", "Defence": "defence",
    "Finance": "finance", "Finances": "finance", "Health": "health", "Healthcare": "health",
    "Interior": "interior", "Internal Affairs": "interior", "Justice": "justice", "Economy": "economy",
    "Economic Development": "economy", "Energy": "energy", "Education": "education", "Transport": "transport",
    "Agriculture": "agriculture", "Culture": "culture", "Emergencies": "emergencies", "Emergency Situations": "emergencies",
    "Labor": "labor", "Labour": "labour", "Sport": "sports", "Sports": "sports", "Industry and Trade": "industry and trade",
}  # fmt: skip
_DEPARTMENTS = _alternation(_MINISTERS)
_COUNTRIES = _alternation(ADJECTIVE_OF)
_SHORT_ADJECTIVES = _ADJECTIVES + "|US|U\\.S\\.|Russian Federation"
_NAME_AFTER = lazy(r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)")
# `the regional head of the Ministry of Internal Affairs` is someone else: a word
# other than `the` before `head` takes the match out.
_WORD_BEFORE = lazy(r"[a-z]\s+$")
# `the head of the US Treasury Department`: the office's name goes on.
_NAME_GOES_ON = r"(?! (?:Department|Ministry|Office|Service|Committee|Directorate|Administration|Press)\b)"
# Found from `head of the`, then read forwards (the ministry or office) and backwards
# (`the`, `deputy`): patterns that open with optional words make the engine try every word.
_HEAD_OF = lazy(r"[Hh]ead of the ")
_BEFORE_HEAD = lazy(r"\b(?P<the>[Tt]he )?(?P<deputy>(?:[Ff]irst )?[Dd]eputy )?$")
_BEFORE_HEAD_REACH = 20
_MINISTRY = lazy(
    r"(?:(?P<adjective>" + _SHORT_ADJECTIVES + r") )?"
    r"(?:(?P<department>" + _DEPARTMENTS + r") Ministry|Ministry of (?P<department_of>" + _DEPARTMENTS + r"))"
    r"(?: of (?P<country>" + _COUNTRIES + r"))?(?P<possessive>['’]s)?\b" + _NAME_GOES_ON
)
# Offices named by their building or body: display-only, the referent needs a look.
_OFFICES = {
    "Pentagon": "the US defense secretary", "State Department": "the US secretary of state",
    "US State Department": "the US secretary of state", "White House": "the US president",
    "Kremlin": "the Russian president", "US Treasury": "the US treasury secretary",
    "Treasury": "the treasury secretary", "European Commission": "the European Commission president",
    "European Diplomacy": "the EU foreign policy chief", "EU Diplomacy": "the EU foreign policy chief",
    "region": "the governor", "Central Bank": "the central bank governor", "government": "the prime minister",
    "Cabinet": "the prime minister", "Cabinet of Ministers": "the prime minister",
}  # fmt: skip
_OFFICE = lazy(r"(?P<office>" + _alternation(_OFFICES) + r")\b(?!['’]s| of\b)" + _NAME_GOES_ON)
_REPRESENTATIVE = lazy(r"\b(?:[Oo]fficial|[Pp]ress) representative of\b")
# Where the two can start, from their words (found by str.find, far faster than the patterns).
_HEAD_OF_ANCHORS = (("ead of the ", 1),)
_REPRESENTATIVE_ANCHORS = (("representative of", len("official ")), ("representative of", len("press ")))


def _capitalised(text: str, start: int, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if text[start].isupper() else replacement


def nationality_side(doc: Document) -> Iterator[Violation]:
    """A country called `the <nationality> side`.

    What it does:
        Finds `the Russian side`, `the Ukrainian side`, `the American side's`
        and proposes the country they stand for (`Russia`, `Ukraine`, `the
        United States'`), from a table of nationalities. `On the Russian side
        of the border` is left alone.

    Why is this bad?
        «Российская сторона» is how Russian diplomatic prose names a
        country in talks; English news names the country, its capital or its
        delegation.

    Example:
        Bad: The Ukrainian side did not respond to the proposal.
        Bad: The talks were initiated by the Ukrainian side.
        Good: Ukraine did not respond to the proposal; they met on the Russian side of the border.
        Good: The law, according to the Russian side, ignores the agreements.

    Fix safety:
        Display-only: the country is proposed, but the capital, the leader
        or the delegation may be what the place needs (`Moscow`, `the
        Russian delegation`, `Kyiv`), and only a reader can tell.
    """
    text = doc.text
    if " side" not in text:
        return
    for side in _SIDE_WORD.finditer(text):
        match = _NATIONALITY_BEFORE.search(text, max(0, side.start() - _NATIONALITY_REACH), side.start())
        if match is None:
            continue
        start, end = match.start(), side.end()
        if glossary_covers(doc, start, end):
            continue
        country = COUNTRY_OF[match.group("adjective")]
        possessive = side.group("possessive")
        replacement = country + (possessive[0] + ("" if country.endswith("s") else "s") if possessive else "")
        replacement = _capitalised(text, start, replacement)
        message = _("`{found}` names a country the Russian way; write `{replacement}`")
        yield _replacing(text, start, end, message, replacement, Applicability.DISPLAY_ONLY)


def _office_title(match: re.Match, text: str) -> str:
    """`the governor`; before a name a capitalized title without the article: `Governor Igor Kobzev`."""
    title = _OFFICES[match.group("office")]
    if not _NAME_AFTER.match(text, match.end()):
        return title
    words = title.removeprefix("the ").split()
    return " ".join(w if w.isupper() else w.capitalize() for w in words)


def _minister(match: re.Match, deputy: str, text: str) -> str:
    """The minister's title for the ministry after `head of the`."""
    department = _MINISTERS[match.group("department") or match.group("department_of")]
    adjective = match.group("adjective") or ADJECTIVE_OF.get(match.group("country") or "")
    title = f"{deputy}{department} minister"
    if _NAME_AFTER.match(text, match.end()):
        # `the head of the Russian Foreign Ministry Sergei Lavrov` -> `Russian Foreign Minister Sergei Lavrov`:
        # a title before a name is capitalized and takes no article.
        title = title.title().replace(" And ", " and ")
        if adjective is None:
            return title
        adjective = {"U.S.": "US", "Russian Federation": "Russian"}.get(adjective, adjective)
        return f"{adjective} {title}"
    if adjective is None:
        return f"the {title}"
    owner = OWNER_OF.get(adjective, adjective)
    owner = owner + ("'" if owner.endswith("s") else "'s")
    return f"{owner} {title}"


def office_metonymy(doc: Document) -> Iterator[Violation]:
    """Office holder named as the head of a ministry or a building.

    What it does:
        Finds `the head of the Ukrainian Foreign Ministry`, `the head of the
        Ministry of Defense of Britain`, `the head of the Pentagon`, `the head
        of the region` and `the official representative of the ministry`,
        and proposes the title English news uses (`Ukraine's foreign
        minister`, `Britain's defense minister`, `the US defense secretary`,
        `the governor`, `the spokesperson for the ministry`).

    Why is this bad?
        «Глава МИД», «глава Пентагона», «официальный представитель» are
        Russian news formulas; English names the office: foreign minister,
        defense secretary, spokesperson.

    Example:
        Bad: The head of the Mongolian Foreign Ministry arrived in Brussels.
        Bad: The head of the Ministry of Defense of Mongolia visited the base.
        Bad: The head of the State Department spoke to reporters.
        Bad: The official representative of the Mongolian Foreign Ministry declined to comment.
        Good: Mongolia's foreign minister arrived in Brussels; Mongolia's defense minister visited the base.
        Good: The head of state spoke; the head of the Foreign Ministry's press service declined to comment.
        Good: The regional head of the Ministry of Internal Affairs said; the head of the US Treasury Department said.

    Fix safety:
        Display-only. Where the referent needs a reader, the computed title
        may be wrong: no country, a building (`the Pentagon`), `the region`
        (governor or head of a republic), a spokesperson's gender. Where the
        country is named (`the head of the Ukrainian Foreign Ministry` ->
        `Ukraine's foreign minister`) the title is right, but the long form
        is English that professional translators keep (see Known problems),
        so the rewrite is the editor's choice, as for `translationese`.

    Known problems:
        Opt-in (`--extend-select T512`): professional translations keep these
        formulas too (14 times in the two WMT21 human references), so it is
        not run by default.
    """
    text = doc.text
    if "ead of the" in text:
        for head in anchored_matches(_HEAD_OF, text, _HEAD_OF_ANCHORS):
            before = _BEFORE_HEAD.search(text, max(0, head.start() - _BEFORE_HEAD_REACH), head.start())
            start = before.start() if before else head.start()
            if not (before and before.group("the")) and _WORD_BEFORE.search(text, max(0, start - 2), start):
                continue  # `the regional head of …` is someone else
            deputy = (before.group("deputy") or "").lower() if before else ""
            if ministry := _MINISTRY.match(text, head.end()):
                if ministry.group("possessive") or glossary_covers(doc, start, ministry.end()):
                    continue
                yield _violation(text, start, ministry.end(), _minister(ministry, deputy, text))
            elif (
                (office := _OFFICE.match(text, head.end()))
                and not deputy
                and not glossary_covers(doc, start, office.end())
            ):
                yield _violation(text, start, office.end(), _office_title(office, text))
    if "representative of" in text:
        for match in anchored_matches(_REPRESENTATIVE, text, _REPRESENTATIVE_ANCHORS):
            if not glossary_covers(doc, *match.span()):
                yield _violation(text, match.start(), match.end(), "spokesperson for")


def _violation(text: str, start: int, end: int, replacement: str) -> Violation:
    if start and text[start - 1] == "-":
        replacement = replacement.removeprefix("the ")  # `ex-head of the region` -> `ex-governor`
    replacement = _capitalised(text, start, replacement)
    message = _("`{found}` names an office the Russian way; English news writes `{replacement}`")
    return _replacing(text, start, end, message, replacement, Applicability.DISPLAY_ONLY)


def _replacing(
    text: str, start: int, end: int, message: str, replacement: str, applicability: Applicability
) -> Violation:
    """A finding whose fix puts `replacement` in place of `start:end`; `message` names both."""
    return Violation(
        start,
        end,
        message.format(found=text[start:end], replacement=replacement),
        Fix(
            _("Replace with `{replacement}`").format(replacement=replacement),
            (Edit(start, end, replacement),),
            applicability,
        ),
    )
