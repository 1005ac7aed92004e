"""ALL_RULES: every rule tqa has, in one table, and selection by code prefix.

Codes are a family letter and three digits, never renumbered or reused:
Q1xx quotes, S2xx document structure, P3xx punctuation and typography,
C4xx script (Cyrillic), T5xx terminology, N6xx names, M9xx tqa's own
suppression comments.

A few rules are opt-in (OPT_IN): they report what professional translators
also write, so they run only when selected by their code or name, or by ALL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tqa.model import FixAvailability as F
from tqa.model import Rule
from tqa.model import Severity as S
from tqa.pipeline import suppress
from tqa.rules import (
    initials,
    metonymy,
    names,
    numbers,
    openers,
    quotation_style,
    quotes,
    reporting,
    script,
    source,
    structure,
    terms,
    titles,
    typography,
    west_slavic,
)
from tqa.rules import triggers as T

ALL_RULES: tuple[Rule, ...] = (
    Rule("Q101", "detached-closing-quote", quotes.detached_closing_quote, F.ALWAYS, S.ERROR, triggers=T.DETACHED_MARK),
    Rule(
        "Q102", "flattened-nested-quotes", quotes.flattened_nested_quotes, F.ALWAYS, S.WARNING, triggers=T.THREE_MARKS
    ),
    Rule("Q103", "misspaced-quote", quotes.misspaced_quote, F.SOMETIMES, S.ERROR, triggers=T.QUOTE_MARK),
    Rule("Q104", "unbalanced-quotes", quotes.unbalanced_quotes, F.NEVER, S.WARNING, triggers=T.QUOTE_MARK),
    Rule("Q105", "mixed-quote-styles", quotes.mixed_quote_styles, F.ALWAYS, S.INFO, triggers=T.MIXED_MARKS),
    Rule(
        "Q106",
        "russian-quote-marks",
        quotes.russian_quote_marks,
        F.SOMETIMES,
        S.WARNING,
        triggers=T.RUSSIAN_OR_RIGHT_MARK,
    ),
    Rule(
        "S201",
        "torn-editorial-insertion",
        structure.torn_editorial_insertion,
        F.ALWAYS,
        S.ERROR,
        triggers=T.CLOSING_FRAGMENT,
    ),
    Rule(
        "S202",
        "russian-style-editorial-insertion",
        structure.russian_style_editorial_insertion,
        F.ALWAYS,
        S.WARNING,
        triggers=T.DASH_IN_BRACKETS,
    ),
    Rule("S203", "split-sentence", structure.split_sentence, F.ALWAYS, S.ERROR, triggers=T.LOWERCASE_LINE_START),
    Rule("S204", "scraped-page-debris", structure.scraped_page_debris, F.ALWAYS, S.ERROR, triggers=T.DEBRIS),
    Rule("P301", "hyphen-as-dash", typography.hyphen_as_dash, F.ALWAYS, S.WARNING, triggers=T.SPACED_HYPHEN),
    Rule("P302", "spaced-slash", typography.spaced_slash, F.ALWAYS, S.INFO, triggers=T.SPACED_SLASH),
    Rule(
        "P303",
        "russian-dash-attribution",
        quotation_style.russian_dash_attribution,
        F.ALWAYS,
        S.WARNING,
        triggers=T.DASH_ATTRIBUTION,
    ),
    Rule(
        "P304", "quote-glued-to-word", quotation_style.quote_glued_to_word, F.ALWAYS, S.WARNING, triggers=T.QUOTE_MARK
    ),
    Rule("P306", "quoted-proper-name", quotation_style.quoted_proper_name, F.ALWAYS, S.INFO, triggers=T.OPENING_MARK),
    Rule("P307", "russian-digit-grouping", numbers.russian_digit_grouping, F.ALWAYS, S.WARNING, triggers=T.GROUPING),
    Rule(
        "P308",
        "wrong-case-after-punctuation",
        typography.wrong_case_after_punctuation,
        F.SOMETIMES,
        S.WARNING,
        triggers=T.CASE_AFTER_STOP,
    ),
    Rule("C401", "cyrillic-homoglyph", script.cyrillic_homoglyph, F.ALWAYS, S.ERROR, triggers=T.CYRILLIC),
    Rule("C402", "leftover-cyrillic", script.leftover_cyrillic, F.NEVER, S.ERROR, triggers=T.CYRILLIC),
    Rule("C403", "untranslated-paragraph", script.untranslated_paragraph, F.NEVER, S.ERROR),
    Rule("T501", "calque", terms.calque, F.SOMETIMES, S.WARNING),
    Rule("T502", "non-standard-institution-name", terms.non_standard_institution_name, F.SOMETIMES, S.WARNING),
    Rule("T503", "non-standard-treaty-or-acronym", terms.non_standard_treaty_or_acronym, F.SOMETIMES, S.WARNING),
    Rule("T504", "overused-connector", terms.overused_connector, F.NEVER, S.INFO),
    Rule("T505", "translationese", terms.translationese, F.NEVER, S.INFO),
    Rule(
        "T510",
        "thousand-after-figures",
        numbers.number_word_after_digits,
        F.SOMETIMES,
        S.WARNING,
        triggers=("thousand",),
    ),
    Rule("T511", "nationality-side", metonymy.nationality_side, F.ALWAYS, S.WARNING, triggers=(" side",)),
    Rule("T512", "office-metonymy", metonymy.office_metonymy, F.ALWAYS, S.WARNING, triggers=T.OFFICE),
    Rule("T513", "russian-news-opener", openers.russian_news_opener, F.NEVER, S.INFO, triggers=T.OPENER),
    Rule(
        "T514",
        "russian-reporting-verb",
        reporting.russian_reporting_verb,
        F.ALWAYS,
        S.WARNING,
        triggers=T.REPORTING_VERB,
    ),
    Rule(
        "T515",
        "office-before-name",
        titles.office_before_name,
        F.SOMETIMES,
        S.WARNING,
        triggers=("cting ", "ead of the region "),
    ),
    Rule("N601", "person-name-spelling", names.person_name_spelling, F.SOMETIMES, S.WARNING),
    Rule("N602", "inconsistent-transliteration", names.inconsistent_transliteration, F.ALWAYS, S.WARNING),
    # Each match ends in a stem ending (`-sk`, `-ov`, `-n`...) and `-aya`/`-aia`: its last letter and those.
    Rule("N603", "russian-street-ending", west_slavic.russian_street_ending, F.NEVER, S.WARNING, triggers=("[kvn]a[iy]a",)),
    Rule(
        "N604",
        "russian-feminine-surname",
        west_slavic.russian_feminine_surname,
        F.NEVER,
        S.WARNING,
        triggers=("ka[iy]a",),
    ),
    Rule("N605", "russian-style-initial", initials.russian_style_initial, F.SOMETIMES, S.INFO, triggers=(r"[A-Z]\.",)),
    Rule("M901", "unused-suppression", suppress.unused_suppression, F.NEVER, S.WARNING),
    Rule("M902", "invalid-suppression", suppress.invalid_suppression, F.NEVER, S.ERROR),
    Rule("A701", "missing-glossary-term", source.missing_glossary_term, F.NEVER, S.WARNING),
    Rule("A702", "number-mismatch", source.number_mismatch, F.NEVER, S.ERROR),
    Rule("A703", "date-mismatch", source.date_mismatch, F.NEVER, S.ERROR),
    Rule("A704", "name-transliteration", source.name_transliteration, F.ALWAYS, S.WARNING),
    Rule("A705", "missing-insertion-or-quote", source.missing_insertion_or_quote, F.NEVER, S.WARNING),
    Rule("A706", "untranslated-segment", source.untranslated_segment, F.NEVER, S.ERROR),
    Rule("A707", "calque-of-source-term", source.calque_of_source_term, F.SOMETIMES, S.WARNING, replaces=("T501",)),
)

RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}
# Off by default: on the WMT21 human references they fire as often as the
# references use the Russian convention (`4 thousand`, `the head of the region`);
# T505 reports the glossary's `info` avoid-forms, which are ordinary English too;
# N604, N605: the references keep a Polish official's Russian-declined surname
# and `M. Pompeo`.
OPT_IN = frozenset({"T505", "T510", "T512", "N604", "N605"})


def find_rule(key: str) -> Rule | None:
    """A rule by code (case-insensitive) or by name."""
    key = key.strip()
    return RULES_BY_CODE.get(key.upper()) or next((r for r in ALL_RULES if r.name == key.lower()), None)


def _matches(rule: Rule, selectors: Iterable[str]) -> bool:
    return any(rule.code.startswith(s.upper()) or rule.name == s.lower() or s.upper() == "ALL" for s in selectors)


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    return [s for s in selectors if not any(_matches(rule, [s]) for rule in ALL_RULES)]


def _named(rule: Rule, selectors: Iterable[str]) -> bool:
    return any(rule.code == s.upper() or rule.name == s.lower() or s.upper() == "ALL" for s in selectors)


def select_rules(
    select: Sequence[str] = (), ignore: Sequence[str] = (), extend: Sequence[str] = ()
) -> tuple[Rule, ...]:
    """Rules chosen by code prefixes or names; `select` empty means all but the
    opt-in ones, which only their code, their name or ALL select."""
    chosen = [
        r
        for r in ALL_RULES
        if _named(r, (*select, *extend))
        or (r.code not in OPT_IN and ((not select or _matches(r, select)) or _matches(r, extend)))
    ]
    return tuple(r for r in chosen if not _matches(r, ignore))


def rule_keys() -> list[str]:
    """Every rule's code and name: what a selection or a did-you-mean hint may name."""
    return [key for rule in ALL_RULES for key in (rule.code, rule.name)]
