"""Polish, Czech and Slovak names that machine translation gives Russian
endings: the Russian spelling of a name (`Галецкая`, `улица Базилианская`)
is declined like a Russian adjective, and MT writes that ending out in
Latin letters (`Galetskaya`, `Basilianskaya Street`). No Polish, Czech or
Slovak name ends in `-aya`: the language's own form ends in `-a`, `-á`,
`-ska`, `-cka`, `-ská`, `-cká`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.i18n import _
from tqa.model import Violation
from tqa.rules.terms import glossary_covers
from tqa.text.document import Document, Paragraph

# A paragraph is about Poland, Czechia or Slovakia when it names one of them,
# their people or their larger cities.
_WEST_SLAVIC_CUE = re.compile(
    r"\b(?:Pol(?:and|ish|es?)|Warsaw|Krak[oó]w|Cracow|Gda[nń]sk|Wroc[lł]aw|Pozna[nń]|[LŁ][oó]d[zź]|Lublin|"
    r"Szczecin|Katowice|Bia[lł]ystok|Rzesz[oó]w|Bydgoszcz|Sejm|Czech(?:ia|s)?|Prague|Brno|Ostrava|Plze[nň]|"
    r"Slovak(?:ia|s)?|Bratislava|Ko[sš]ice)\b"
)
# Cities whose streets keep their Russian, Ukrainian or Belarusian names.
_EAST_SLAVIC_CITY = re.compile(
    r"\b(?:Moscow|Petersburg|Kaliningrad|Kyiv|Kiev|Kharkiv|Kharkov|Odesa|Odessa|Lviv|Dnipro|Minsk|Brest|Grodno|Hrodna)\b"
)
# A Russian feminine adjectival ending: `-skaya`, `-tskaya`, `-ovaya`, `-naya`.
_RUSSIAN_FEMININE = r"[A-Z][a-z]+(?:sk|tsk|ck|zk|ov|ev|n)(?:aya|aia)"
# What Polish and Czech put after a street's adjectival name (`ulica Marszałkowska`).
_STREET_WORDS = r"(?:Street|St\.|Avenue|Square|Lane|Boulevard|Road|ulitsa|ulica|Ulitsa|Ulica)"
_STREET = re.compile(rf"\b(?P<name>{_RUSSIAN_FEMININE})(?:[ \u00a0]+{_STREET_WORDS}\b)")
# A first name and a surname with the Russian feminine ending of a Polish
# `-ska`/`-cka` or a Czech `-ská`/`-cká`: `Karolina Galetskaya`.
_SURNAME = re.compile(r"\b[A-Z][a-z]+[ \u00a0]+(?P<name>[A-Z][a-z]+(?:sk|tsk|ck|zk|dzk)(?:aya|aia))\b")
# A Russian, Belarusian or Ukrainian woman in Warsaw keeps her own name.
_EAST_SLAVIC_BEFORE = re.compile(
    r"\b(?:Russian|Belarusian|Belarussian|Ukrainian|Soviet|Moscow|Kyiv|Kiev|Minsk)\b[^.!?]{0,60}$"
)
_EAST_SLAVIC_REACH = 60
_PERSON = ("person",)  # a glossary person's listed spellings: person-name-spelling reports them


def _paragraphs_with_russian_ending(doc: Document) -> Iterator[Paragraph]:
    """The prose paragraphs with an `-aya` word that are about Poland, Czechia or
    Slovakia (read from their texts: the others are never made)."""
    for number, text in enumerate(doc.prose_texts):
        if ("aya" in text or "aia" in text) and _WEST_SLAVIC_CUE.search(text) is not None:
            yield doc.prose[number]


def _line_about_west_slavs(text: str, start: int, end: int) -> bool:
    """Whether the line around `start:end` names Poland, Czechia or Slovakia
    and no Russian, Ukrainian or Belarusian city (a Polish envoy on Moscow's
    Tverskaya Street): a text without blank lines is one paragraph, each of
    its lines a paragraph of the article."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return (
        _WEST_SLAVIC_CUE.search(text, line_start, line_end) is not None
        and _EAST_SLAVIC_CITY.search(text, line_start, line_end) is None
    )


def russian_street_ending(doc: Document) -> Iterator[Violation]:
    """A Polish, Czech or Slovak street name with a Russian ending.

    What it does:
        In a paragraph about Poland, Czechia or Slovakia (the country, its
        people or its larger cities named), finds a street, square or
        avenue whose name ends in a Russian feminine adjectival ending
        (`-skaya`, `-tskaya`, `-ovaya`, `-naya`): the Russian spelling of a
        Polish `-ska`, `-owa`, `-na` or a Czech `-ská`, `-ová`, `-ná`,
        written out by machine translation.

    Why is this bad?
        No such street exists: Warsaw's `ulica Bazyliańska` is `Bazylianska
        Street` in English, never `Basilianskaya Street`. A reader cannot
        find the place, and the Russian form shows the text went through
        Russian.

    Example:
        Bad: The bomb was found near Basilianskaya Street in Warsaw.
        Bad: Protesters gathered on Marshalkovskaya Street, Polish media reported.
        Good: The bomb was found near Bazylianska Street in Warsaw.
        Good: The rally was held on Tverskaya Street in Moscow.

    Fix safety:
        Display-only: the Polish or Czech spelling of the stem (`sz`, `w`,
        `ł`, diacritics) cannot be derived from the Russian one.
    """
    for paragraph in _paragraphs_with_russian_ending(doc):
        for match in _STREET.finditer(paragraph.text):
            start, end = paragraph.start + match.start("name"), paragraph.start + match.end("name")
            if not _line_about_west_slavs(paragraph.text, match.start(), match.end()) or doc.is_protected(start, end):
                continue
            yield Violation(
                start,
                end,
                _(
                    "`{found}` is a Russian form of a Polish, Czech or Slovak street name; "
                    "write the name as the city does (`-ska`, `-owa`, `-ská`, `-ová`…)"
                ).format(found=match.group("name")),
            )


def russian_feminine_surname(doc: Document) -> Iterator[Violation]:
    """A Polish, Czech or Slovak woman's surname with a Russian ending.

    What it does:
        In a paragraph about Poland, Czechia or Slovakia, finds a first name
        followed by a surname in `-skaya`, `-tskaya` or `-dzkaya`: the
        Russian declension of a Polish `-ska`, `-cka`, `-dzka` or a Czech
        `-ská`, `-cká`. People of the glossary (`Sviatlana Tsikhanouskaya`
        and her Russian spellings) and names after `Russian`, `Belarusian`,
        `Ukrainian` in the sentence are left alone: they keep their own
        spelling. Opt-in (`--extend-select N604`): human translators of
        Russian news keep such forms too.

    Why is this bad?
        The Warsaw city hall's spokeswoman Karolina Gałecka is not `Karolina Galetskaya`;
        the Russian form misnames a real person and cannot be searched.

    Example:
        Bad: The Warsaw mayor's spokeswoman Karolina Galetskaya said residents would return.
        Good: The Warsaw mayor's spokeswoman Karolina Gałecka said residents would return.
        Good: Belarusian opposition leader Svetlana Tikhanovskaya arrived in Warsaw.

    Fix safety:
        Display-only: `-skaya` becomes `-ska` or `-cka`, but the stem's
        Polish spelling (`Gałecka`, `Wiśniewska`) cannot be derived from
        the Russian one.
    """
    for paragraph in _paragraphs_with_russian_ending(doc):
        for match in _SURNAME.finditer(paragraph.text):
            name = match.group("name")
            start, end = paragraph.start + match.start("name"), paragraph.start + match.end("name")
            before = paragraph.text[max(0, match.start() - _EAST_SLAVIC_REACH) : match.start()]
            if (
                not _line_about_west_slavs(paragraph.text, match.start(), match.end())
                or _EAST_SLAVIC_BEFORE.search(before)
                or glossary_covers(doc, start, end, _PERSON)
                or doc.is_protected(start, end)
            ):
                continue
            yield Violation(
                start,
                end,
                _(
                    "`{found}` has the Russian ending of a Polish, Czech or Slovak surname; "
                    "write it as the person does (`-ska`, `-cka`, `-ská`…)"
                ).format(found=name),
            )
