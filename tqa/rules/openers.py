"""Sentence openers of Russian news that English news does not use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tqa.glossary.entry import KINDS
from tqa.i18n import _
from tqa.lazy_pattern import lazy
from tqa.model import Violation
from tqa.rules._shared import matches_from
from tqa.rules.terms import glossary_covers
from tqa.text.document import Document


class Opener(NamedTuple):
    pattern: str  # at a sentence start, case as written
    russian: str
    advice: str  # "source", "drop", "amid", "turn", "said", "document" or "more"; see _advice
    mid_sentence: bool = False  # also found in lower case after a comma (`At the same time, it is noted that`)

    @property
    def after_comma(self) -> str:
        """The pattern as it opens a clause after a comma: its first letter in lower case."""
        return self.pattern[0].lower() + self.pattern[1:]


# Impersonal reporting formulas and discourse openers. «Напомним», «стало известно»,
# «сообщается» and «при этом» are glossary entries (calque, overused-connector): not repeated
# here. «Сообщается» is left to the count: translators write `It is reported that` too.
OPENERS: tuple[Opener, ...] = (
    Opener(r"It (?:is|was) (?:also )?noted that", "Отмечается, что", "source", mid_sentence=True),
    Opener(r"It (?:is|was) (?:also )?(?:emphasi[sz]ed|stressed|underlined) that", "Подчёркивается, что", "source", mid_sentence=True),
    Opener(r"It (?:is|was) (?:also )?(?:specified|clarified) that", "Уточняется, что", "source", mid_sentence=True),
    Opener(r"It (?:is|was) (?:also )?indicated that", "Указывается, что", "source", mid_sentence=True),
    Opener(r"It is (?:also )?stated that", "Говорится, что", "source"),
    Opener(r"It is (?:also )?assumed that", "Предполагается, что", "source"),
    Opener(r"It is known that", "Известно, что", "drop"),
    Opener(r"As (?:is|it is) known,", "Как известно,", "drop"),
    Opener(r"As you know,", "Как известно,", "drop"),
    Opener(r"It should be (?:noted|recalled|reminded) that", "Следует отметить/напомнить, что", "drop"),
    Opener(r"It is worth (?:noting|recalling|mentioning) that", "Стоит отметить, что", "drop"),
    Opener(r"(?:Let us|Let's|We) note that", "Отметим, что", "drop"),
    Opener(r"Note that", "Отметим, что", "drop"),
    Opener(r"As a reminder,", "Напомним,", "drop"),
    Opener(r"Against (?:this|that) background,?", "На этом фоне", "amid"),
    Opener(r"In this regard,", "В связи с этим", "drop"),
    Opener(r"In connection with (?:this|that),", "В связи с этим", "drop"),
    Opener(r"In (?:his|her|its|their) turn,", "В свою очередь", "turn"),
    Opener(r"In turn,", "В свою очередь", "drop"),
    Opener(r"As specified", "Как уточняется", "source"),
    Opener(r"As (?:the (?:head of state|head of government|president|minister|governor|mayor|head of the region)|he|she) (?:specified|clarified),", "Как уточнил", "said"),
    Opener(r"In (?:the|his|her|its|their) (?:post|statement|message|publication|letter|appeal|document|press release|telegram) it (?:is|was) (?:also )?(?:said|stated|noted|reported|written|indicated) that", "В сообщении говорится/сообщалось, что", "document", mid_sentence=True),
    Opener(r"As (?:it )?became known,", "Как стало известно,", "source"),
    Opener(r"More (?:details|(?:on|about) (?:the situation|this|the topic|the subject))\s?[-–—]\s?in", "Подробнее о ситуации — в материале", "more"),
)  # fmt: skip
_SENTENCE_START = r"(?:^|(?<=[.!?…»”\"] ))[ \t]*"
# Impersonal reporting also opens a clause after a comma: `At the same time, it is noted that`.
_AFTER_COMMA = r"(?<=, )"
_PATTERN = lazy(
    "(?:"
    + _SENTENCE_START
    + "(?:"
    + "|".join(f"(?P<o{i}>{o.pattern})" for i, o in enumerate(OPENERS))
    + ")"
    + "|"
    + _AFTER_COMMA
    + "(?:"
    + "|".join(f"(?P<c{i}>{o.after_comma})" for i, o in enumerate(OPENERS) if o.mid_sentence)
    + r"))(?!\w)",
    re.M,
)
_OPENER_WORDS = tuple(sorted({o.pattern.split()[0].strip("(?:") for o in OPENERS}))


def first_words(pattern: str) -> list[str]:
    """The words an opener's pattern opens with: its first word, or the first
    word of each alternative of an opening `(?:…|…)` group."""
    if pattern.startswith("(?:"):
        return [alternative.split(" ")[0] for alternative in pattern[3 : pattern.index(")")].split("|")]
    return [pattern.split(" ")[0]]


# Where an opener can stand: its first word (at a sentence start), or a comma and the
# word in lower case. An alternation of literals, which the regex engine jumps between
# (_PATTERN opens with look-behinds, tried at every position). No word overlaps another
# (tests/test_rule_anchors.py), so finditer misses none.
_FIRST_WORDS = tuple(sorted({word for o in OPENERS for word in first_words(o.pattern)}))
_AFTER_COMMA_WORDS = tuple(
    sorted({", " + word for o in OPENERS if o.mid_sentence for word in first_words(o.after_comma)})
)
_CANDIDATE = lazy("|".join(map(re.escape, _FIRST_WORDS + _AFTER_COMMA_WORDS)))
# Connectors are counted by overused-connector, not reported where they stand: an opener is reported here too.
_NOT_CONNECTORS = tuple(kind for kind in KINDS if kind != "connector")


def russian_news_opener(doc: Document) -> Iterator[Violation]:
    """Sentence opener of Russian news.

    What it does:
        Finds sentences that open with a formula of Russian news from one
        table: impersonal reporting (`It is noted that`, `It was stressed
        that` for отмечается, подчёркивается), `As is known,`, `Note
        that`, `Against this background,`, `In turn,`, and more; impersonal
        reporting also where it opens a clause after a comma (`At the same
        time, it is noted that`), a document spoken of impersonally (`In
        her post it was reported that`), and `As the head of state
        specified,` (как уточнил). Openers the
        glossary lists as calques (`Recall that`, `It became known`) are
        reported by its rules, not again here; `At the same time` is left
        to overused-connector, which counts it.

    Why is this bad?
        Russian news hangs facts on impersonal formulas; English news says who
        said it or states the fact. The opener marks the copy as translated.

    Example:
        Bad: It is noted that the drone fell on Lebanese territory.
        Bad: Against this background, the rouble fell.
        Bad: In turn, the ministry denied the reports.
        Bad: At the same time, it is noted that the emphasis will be on new missiles.
        Bad: As the head of state specified, the new systems have no equal.
        Bad: According to the channel, in her post it was reported that planes spray acid.
        Good: The army said the drone fell on Lebanese territory; the rouble fell against that background.
        Good: The new systems have no equal, the president added; her post claimed that planes spray acid.
        Good: It is not known whether he will run; though details are scarce, it is known that it landed.

    Fix safety:
        No fix: the sentence needs rewording (who said it, or the fact alone).
    """
    text = doc.text
    if not any(word in text for word in _OPENER_WORDS) and ", it " not in text and ", in " not in text:
        return
    for match in matches_from(_PATTERN, text, _match_starts(text)):
        group = match.lastgroup or "o0"  # `o<i>` at a sentence start, `c<i>` after a comma
        start = match.start(group)
        if glossary_covers(doc, start, match.end(), _NOT_CONNECTORS):
            continue  # a glossary rule reports it (connectors only by density: reported here too)
        opener = OPENERS[int(group[1:])]
        yield Violation(
            start,
            match.end(),
            _("Sentence opener of Russian news (for «{ru}»): `{found}`; {advice}").format(
                ru=opener.russian, found=match.group(group), advice=_advice(opener.advice)
            ),
        )


def _match_starts(text: str) -> Iterator[int]:
    """Every offset where a match of _PATTERN can start: at an opener's first
    word, or where the run of spaces and tabs before it starts, or one character
    into that run (after `. `); after a comma, at the word."""
    for candidate in _CANDIDATE.finditer(text):
        found = candidate.start()
        if text[found] == ",":
            yield found + 2
            continue
        start = found
        while start and text[start - 1] in " \t":
            start -= 1
        yield start
        if start < found:
            yield start + 1
            yield found


def _advice(kind: str) -> str:
    if kind == "source":
        return _("say who said it, or state the fact")
    if kind == "amid":
        return _("write `Meanwhile,` or `Amid this,`, or drop it")
    if kind == "turn":
        return _("write `For his part,` or drop it")
    if kind == "more":
        return _("write `Read more in` with the article's title, or drop the line")
    if kind == "said":
        return _("write `he said` or `he added`, with who said it")
    if kind == "document":
        return _("let the document speak: `the statement said that`")
    return _("drop it and state the fact")
