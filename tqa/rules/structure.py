"""Structure rules: torn editorial insertions, split sentences, scraped page debris."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import pairwise

from tqa.i18n import _, ngettext
from tqa.lazy_pattern import lazy
from tqa.model import Applicability, Edit, Fix, Violation
from tqa.rules._shared import char_positions, excerpt, matches_from
from tqa.text.document import Document, Paragraph

_OPEN_TO_CLOSE = {"(": ")", "[": "]"}
_BRACKET = lazy(r"[()\[\]]")
_MAX_FRAGMENT_WORDS = 5
_MAX_FRAGMENTS = 3
# An editor's or outlet's tag at the end of an insertion: `- RT`, `— Ed.`,
# `- прим. ред.`, `– TASS`: one to four short words, capitalised or abbreviated.
_TAG = r"(?:[A-ZА-ЯЁ][\w.&’'-]*|[a-zа-яё]{1,6}\.)(?:\s+(?:[A-ZА-ЯЁ][\w.&’'-]*|[a-zа-яё]{1,6}\.)){0,3}"
_TORN_TAIL = lazy(r"[\s.]*(?:\s[-–—]{1,2}|[-–—]{1,2})\s*$")
_STYLED_INSERTION = lazy(
    r"(?P<body>[^\s.]|[^\s.][^()\[\]]*?[^\s.])(?P<dash>\.?\s+[-–]{1,2}\s*|\.\s*—\s*)(?P<tag>" + _TAG + r")\s*$"
)
# Its dash and tag, at the end: far cheaper to search for than the whole, whose
# body the regex engine would stretch from every start to every dash.
_TAGGED_END = lazy(r"(?:\s+[-–]{1,2}\s*|\.\s*—\s*)" + _TAG + r"\s*$")
# A tag torn onto its own line is known by its position; any short word or two will do.
_TORN_TAGGED = lazy(
    r"(?P<body>[^\s.]|[^\s.][^()\[\]]*?[^\s.])(?P<dash>\s*\.?\s+[-–—]{1,2}\s*)(?P<tag>\w[\w.&’'/-]*(?:\s+\w[\w.&’'/-]*){0,3})\s*$"
)
_TAG_LINE_DASH = lazy(r"\s*\.?\s*[-–—]{1,2}\s*")
_MAX_TAG_WORDS = 4
_MAX_TAG_CHARS = 30
# Two patterns, each opening with a literal bracket the regex engine can jump to.
_INTACT_INSERTIONS = (
    lazy(r"\((?P<inner>[^()\[\]\n]{1,400}?)\)"),
    lazy(r"\[(?P<inner>[^()\[\]\n]{1,400}?)\]"),
)

_TERMINAL = ".!?…:;"
_CLOSING_WRAPPERS = "\"'”’»)]*_"
_OPENING_WRAPPERS = "\"'“‘«„([*_"
# A line that ends without closing punctuation, then a line break (blank lines
# or not) and a lowercase start: the only place a split can be.
# Matched from the start of a run of white space only: tried from each line
# break of ten thousand blank lines, it would scan the rest of them each time.
_SPLIT_HINT = lazy(r"(?<!\s)(?=\s*\n)\s*+[\"'“‘«„(\[*_]*+[a-zа-яё]")
# The same from the run's last line feed on: a literal the regex engine jumps to, and
# from each line feed it reads no further than the next (see _break_runs).
_LINE_FEED_THEN_LOWERCASE = lazy(r"\n[^\S\n]*+[\"'“‘«„(\[*_]*+[a-zа-яё]")
_LIST_ITEM = lazy(r"^\s*(?:[-*+•·▪●◦‣]|\d{1,3}[.)])\s")
_MD_HEADING = lazy(r"^\s{0,3}#{1,6}\s")

_BULLET = lazy(r"^\s*[•·▪●◦‣]\s*(?P<body>\S.*)$", re.S)
_AGENCIES = (
    r"AP|AP Photo|AFP|Reuters|EPA|EPA-EFE|Getty Images|TASS|ITAR-TASS|RIA Novosti|RIA|Sputnik|Interfax|"
    r"Global Look Press|Kommersant|Izvestia|Shutterstock|Xinhua|Anadolu|Anadolu Agency|Pool|"
    r"Associated Press|Reuters Pictures|Bloomberg|DPA|dpa|ANSA|Keystone|Zuma Press|ZUMA|"
    r"Wikimedia Commons|Wikipedia|AP Images|RT|Ruptly|Pixabay|Unsplash|Depositphotos|Legion-Media|"
    r"Кремль|Kremlin\.ru|kremlin\.ru|mil\.ru|mid\.ru|Press service|Press Service"
)
_CREDIT = lazy(
    r"©|\(c\)\s|\b(?:Photo|Photos|Photograph|Image|Images|Picture|Video|Illustration|Credit|Credits|Source|Фото|Видео|Источник)"
    r"\s*(?:by\b|:|/|—|-)",
    re.I,
)
_AGENCY_ONLY = lazy(r"^(?:" + _AGENCIES + r")(?:\s*/\s*[\w.\- ]{1,40}){0,3}\.?$")
_NAVIGATION = lazy(
    r"^\s*(?:(?:Read more|Read also|Also read|See also|More on this|Related|Читайте также|Подробнее)\s*:"
    r"|(?:Subscribe|Share|Follow|Join)\b.{0,40}\b(?:Telegram|Twitter|Facebook|VK|VKontakte|YouTube|channel|newsletter|us)\b\W*$"
    r"|(?:Advertisement|ADVERTISEMENT|Sponsored content|Реклама)\s*$)",
    re.I,
)
_MAX_CAPTION_WORDS = 30
# Something only debris has: a bullet at a line start, a credit, a read-more or share prompt.
DEBRIS_MARKS = ("©", "(c) ", "•", "·", "▪", "●", "◦", "‣")
DEBRIS_LINE_STARTS: tuple[str, ...] = (
    "Read", "See also", "Also read", "More on", "Related", "Читайте", "Подробнее", "Subscribe", "Share", "Follow",
    "Join", "Advertisement", "ADVERTISEMENT", "Sponsored", "Реклама", "Photo", "PHOTO", "Image", "Picture", "Video",
    "Illustration", "Credit", "Source", "Фото", "Видео", "Источник",
)  # fmt: skip
# A line starting with one of them; the pattern opens with a literal line break
# so the regex engine can skip ahead to line starts.
_DEBRIS_LINE = lazy(r"\n[ \t]*(?:" + "|".join(re.escape(start) for start in DEBRIS_LINE_STARTS) + ")")


def _unmatched_opener(text: str) -> int | None:
    """Index of the last bracket left open at the end of `text`, if any."""
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        char, index = match.group(), match.start()
        if char in _OPEN_TO_CLOSE:
            stack.append(index)
        elif stack and _OPEN_TO_CLOSE[text[stack[-1]]] == char:
            stack.pop()
    return stack[-1] if stack else None


def _tag_line(previous: str, line: str, prose: list[Paragraph], index: int, closer: str) -> bool:
    """Whether `line` is an insertion's tag torn onto a line of its own, by shape and
    position: a short line after a fragment ending in a dash (or opening with the
    dash itself, `. - Ed.`), before a lone closing bracket (`Ed.`, `Gazeta.ru`,
    `transl.`, `comp.`)."""
    following = prose[index + 1].text.lstrip() if index + 1 < len(prose) else ""
    dash = _TAG_LINE_DASH.match(line)
    tag = line[dash.end() :] if dash else line
    return (
        (bool(dash) or previous.rstrip().endswith(("-", "–", "—")))
        and len(tag.split()) <= _MAX_TAG_WORDS
        and len(tag.strip()) <= _MAX_TAG_CHARS
        and following.startswith(closer)
    )


def _styled_inner(inner: str, pattern: re.Pattern | None = None) -> str | None:
    """`response to NATO actions. - RT` -> `response to NATO actions — RT`; None if not a tagged insertion."""
    inner = " ".join(inner.split())
    if pattern is None and not _TAGGED_END.search(inner):
        return None
    match = (pattern or _STYLED_INSERTION).search(inner)
    if not match:
        return None
    return f"{match.group('body')} — {match.group('tag')}"


def _paragraphs_with(doc: Document, chars: str) -> list[int]:
    """Numbers of the prose paragraphs holding any of `chars`, in order."""
    prose, starts, numbers = doc.prose, doc.prose_starts, []
    for offset in char_positions(doc.text, chars):
        number = bisect.bisect_right(starts, offset) - 1
        if number >= 0 and offset < prose[number].end and (not numbers or numbers[-1] != number):
            numbers.append(number)
    return numbers


def _torn_insertions(doc: Document) -> list[tuple[int, int, str, str, int]]:
    """(start, end, replacement, found, end of the opening paragraph) for each bracket torn across paragraphs."""
    cached = doc.cache.get("torn")
    if cached is not None:
        return cached
    found: list[tuple[int, int, str, str, int]] = []
    prose = doc.prose if ("(" in doc.text or "[" in doc.text) else []
    bracketed = _paragraphs_with(doc, "([") if prose else []
    index = 0
    while index < len(prose):
        paragraph = prose[index]
        opener = _unmatched_opener(paragraph.text) if ("(" in paragraph.text or "[" in paragraph.text) else None
        if opener is None:
            # Paragraphs without an opening bracket have none left open: on to the next that has one.
            following = bisect.bisect_right(bracketed, index)
            index = bracketed[following] if following < len(bracketed) else len(prose)
            continue
        closer_char = _OPEN_TO_CLOSE[paragraph.text[opener]]
        fragments: list[str] = [paragraph.text[opener + 1 :]]
        for ahead in range(index + 1, min(index + 1 + _MAX_FRAGMENTS, len(prose))):
            candidate = prose[ahead]
            close_at = candidate.text.find(closer_char)
            before = candidate.text[:close_at] if close_at >= 0 else candidate.text
            if (
                len(before.split()) > _MAX_FRAGMENT_WORDS
                or any(c in before for c in "([")
                or (
                    close_at < 0
                    and _TERMINAL.find(before.strip()[-1:]) >= 0
                    and not _tag_line(fragments[-1], before, prose, ahead, closer_char)
                )
            ):
                break
            fragments.append(before)
            if close_at < 0:
                continue
            inner = " ".join(" ".join(fragments).split())
            styled = _styled_inner(inner) or _styled_inner(inner, _TORN_TAGGED)
            start = paragraph.start + opener + 1
            end = candidate.start + close_at
            found.append((start, end, styled or _TORN_TAIL.sub("", inner), inner, paragraph.end))
            # The closing paragraph may open the next torn insertion.
            index = ahead - 1
            break
        index += 1
    doc.cache["torn"] = found
    return found


def torn_editorial_insertion(doc: Document) -> Iterator[Violation]:
    """Editorial insertion torn across paragraphs by scraping.

    What it does:
        Finds a bracketed insertion that opens in one paragraph and closes one
        to three short paragraphs later, such as an editor's or an outlet's
        gloss `(response to NATO actions. -` ¶ `RT` ¶ `) steps.`, whatever the
        tag (RT, TASS, RIA Novosti, Ed., Gazeta.ru, transl., comp. …): a tag
        line is known by its shape and place, a short line between a `. -`
        fragment and a lone `)`, not from a list.

    Why is this bad?
        Web scrapers turn the inline tag of a Russian editorial insertion into
        separate paragraphs; the sentence falls apart.

    Example:
        Bad: Just today we announced such (response to NATO actions. - ¶ RT ¶ ) steps.
        Bad: Our (combat. - ¶ TASS ¶ ) readiness is high.
        Bad: They denied it (the reports. – ¶ Ed.) yesterday.
        Bad: They denied it (the reports. - ¶ Ed. ¶ ) yesterday.
        Bad: They denied it (the reports. - ¶ Gazeta.ru ¶ ) yesterday.
        Bad: They denied it (the reports. - ¶ transl. ¶ ) yesterday.
        Bad: They denied it (the reports. ¶ - Ed. ¶ ) yesterday.
        Good: Just today we announced such (response to NATO actions — RT) steps.

    Fix safety:
        Safe: the pieces are rejoined into one insertion in English style,
        `(response to NATO actions — RT)`; no word is added or lost.
    """
    for start, end, replacement, found, first_end in _torn_insertions(doc):
        # Shown on the opening paragraph: a tag such as `Gazeta.ru` is a protected domain.
        yield Violation(
            start - 1,
            first_end,
            _("Editorial insertion torn across paragraphs: `{found}`").format(found=excerpt(found, 0, len(found))),
            Fix(
                _("Rejoin the insertion: `({fixed})`").format(fixed=replacement),
                (Edit(start, end, replacement),),
                Applicability.SAFE,
            ),
        )


def russian_style_editorial_insertion(doc: Document) -> Iterator[Violation]:
    """Editorial insertion in Russian style: `(diplomatic. - RT)`.

    What it does:
        Finds a bracketed insertion that ends in a full stop, a hyphen and an
        editor's or outlet's tag, the Russian convention `(… . — Ред.)`.

    Why is this bad?
        English marks an insertion `(… — RT)` or `[… — Ed.]`; the stray full
        stop and hyphen read as a broken sentence.

    Example:
        Bad: Members of the mission conduct activities that do not correspond to their (diplomatic. - RT) accreditation.
        Good: Members of the mission conduct activities that do not correspond to their (diplomatic — RT) accreditation.
        Good: The figure (about 10 percent) is low.

    Fix safety:
        Safe: only the punctuation between the text and the tag changes.
    """
    matches = sorted((m for pattern in _INTACT_INSERTIONS for m in pattern.finditer(doc.text)), key=lambda m: m.start())
    for match in matches:
        inner = match.group("inner")
        if "-" not in inner and "—" not in inner and "–" not in inner:
            continue
        styled = _styled_inner(inner)
        if styled is None or styled == " ".join(inner.split()):
            continue
        start = match.start("inner")
        yield Violation(
            start - 1,
            start + len(inner) + 1,
            _("Editorial insertion in Russian style: `{found}`").format(
                found=excerpt(match.group(), 0, len(match.group()))
            ),
            Fix(
                _("Write it in English style: `({fixed})`").format(fixed=styled),
                (Edit(start, start + len(inner), styled),),
                Applicability.SAFE,
            ),
        )


def _ends_open(text: str) -> bool:
    tail = text.rstrip().rstrip(_CLOSING_WRAPPERS)
    return bool(tail) and tail[-1] not in _TERMINAL and tail[-1] not in "-–—(["


def _ends_open_before(text: str, end: int) -> bool:
    """`_ends_open(text[:end])` without copying the text before `end`."""
    index = end - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    while index >= 0 and text[index] in _CLOSING_WRAPPERS:
        index -= 1
    return index >= 0 and text[index] not in _TERMINAL and text[index] not in "-–—(["


def _starts_lowercase(text: str) -> bool:
    head = text.lstrip().lstrip(_OPENING_WRAPPERS)
    return bool(head) and head[0].islower()


def _is_block_item(paragraph: Paragraph, markdown: bool) -> bool:
    text = paragraph.text
    return bool(
        _LIST_ITEM.match(text)
        or _BULLET.match(text)
        or (markdown and (_MD_HEADING.match(text) or text.lstrip().startswith((">", "|"))))
    )


def _break_runs(text: str) -> Iterator[int]:
    """Where a match of _SPLIT_HINT can start: where a run of white space that
    holds a line feed starts (the look-behind rejects any later start), when
    the run is followed by a lowercase letter; found from its last line feed."""
    for candidate in _LINE_FEED_THEN_LOWERCASE.finditer(text):
        start = candidate.start()
        while start and text[start - 1].isspace():
            start -= 1
        yield start


def split_sentence(doc: Document) -> Iterator[Violation]:
    """Sentence split across paragraphs.

    What it does:
        Finds a paragraph that ends without closing punctuation followed by a
        paragraph that starts with a lowercase letter, and reports the whole
        chain of pieces as one sentence. Headings (followed by a capital) and
        list items are not splits.

    Why is this bad?
        Scraping and segmenting break sentences at line ends; each piece
        then reads as a fragment.

    Example:
        Bad: Our readiness, technology development, cyberspace and resilience ¶ activities ¶ all target the same threats.
        Good: Existential threat ¶ NATO continues to call Russia a threat.
        Good: The steps include: ¶ sanctions and visa bans.

    Fix safety:
        Unsafe: the paragraphs are merged with a space; check that the pieces
        really are one sentence.
    """
    text = doc.text
    if not any(_ends_open_before(text, hint.start()) for hint in matches_from(_SPLIT_HINT, text, _break_runs(text))):
        return
    prose = doc.prose
    chain: list[tuple[Paragraph, Paragraph]] = []
    for first, second in pairwise(prose):
        joined = (
            second.index == first.index + 1
            and not _is_block_item(first, doc.markdown)
            and not _is_block_item(second, doc.markdown)
            and _ends_open(first.text)
            and _starts_lowercase(second.text)
        )
        if joined:
            if chain and chain[-1][1] is not first:
                yield _split_violation(doc, chain)
                chain = []
            chain.append((first, second))
    if chain:
        yield _split_violation(doc, chain)


def _split_violation(doc: Document, chain: list[tuple[Paragraph, Paragraph]]) -> Violation:
    text = doc.text
    edits = []
    for first, second in chain:
        end = first.start + len(first.text.rstrip())
        start = second.start + len(second.text) - len(second.text.lstrip())
        edits.append(Edit(end, start, " "))
    begin = chain[0][0]
    last = chain[-1][1]
    tail_start = max(begin.start, begin.start + len(begin.text.rstrip()) - 30)
    shown = " ¶ ".join([text[tail_start : begin.start + len(begin.text.rstrip())]] + [p.text.strip() for _, p in chain])
    return Violation(
        edits[0].start - len(begin.text.rstrip().split()[-1]) if begin.text.split() else edits[0].start,
        last.start + len(last.text.rstrip()),
        _("Sentence split across {count} paragraphs: `{found}`").format(
            count=len(chain) + 1, found=excerpt(shown, 0, len(shown), 80)
        ),
        Fix(_("Join the pieces into one paragraph"), tuple(edits), Applicability.UNSAFE),
    )


def _debris_kind(paragraph: Paragraph) -> str | None:
    """'credit', 'caption', 'navigation' or None for a paragraph."""
    text = paragraph.text.strip()
    if _NAVIGATION.match(text) and len(text.split()) <= 20:
        return "navigation"
    bullet = _BULLET.match(text)
    body = bullet.group("body").strip() if bullet else text
    if len(body.split()) > _MAX_CAPTION_WORDS or "\n" in body.strip():
        return None
    if _CREDIT.search(body) and (bullet or len(body.split()) <= 12):
        return "credit"
    if bullet and _AGENCY_ONLY.match(body):
        return "credit"
    if bullet and body[-1:] not in ".!?":
        return "caption"
    return None


def _debris_seeds(text: str) -> Iterator[int]:
    """Offsets of bullets, credit marks and lines that start like a caption, credit or prompt."""
    if text.lstrip(" \t").startswith(DEBRIS_LINE_STARTS):
        yield 0
    for match in _DEBRIS_LINE.finditer(text):
        yield match.end()
    for mark in DEBRIS_MARKS:
        position = text.find(mark)
        while position >= 0:
            yield position
            position = text.find(mark, position + 1)


def scraped_page_debris(doc: Document) -> Iterator[Violation]:
    """Scraped page debris: photo captions, credits, agency tags, share and read-more lines.

    What it does:
        Finds runs of paragraphs that belong to the web page, not the
        article: bulleted photo captions with their credits (`• AP`,
        `• © Armando Franca`, `Photo: Reuters`), `Read more:` links, share and
        subscribe prompts.

    Why is this bad?
        Left in the body they interrupt the text and end up quoted as if
        they were part of the article.

    Example:
        Bad: The minister spoke in Moscow. ¶   • NATO Secretary General Jens Stoltenberg ¶   • AP ¶   • © Armando Franca ¶ He added more.
        Bad: The talks ended. ¶ Read more: Lavrov says talks are over ¶ The talks resume on Monday.
        Bad: The talks ended. ¶ Photo: © Sputnik / Ilya Pitalev
        Good: The steps include: ¶ • sanctions; ¶ • visa bans. ¶ The list is long.

    Fix safety:
        Unsafe: the paragraphs are removed; review that nothing of the
        article goes with them.
    """
    text = doc.text
    hinted = (
        any(mark in text for mark in DEBRIS_MARKS)
        or text.lstrip(" \t").startswith(DEBRIS_LINE_STARTS)
        or _DEBRIS_LINE.search(text)
    )
    prose = doc.prose if hinted else []
    # Only paragraphs with a bullet, a credit or a prompt can be debris.
    candidates = sorted(
        {bisect.bisect_right(doc.prose_starts, position) - 1 for position in _debris_seeds(text)} if prose else ()
    )
    kinds_of = {i: _debris_kind(prose[i]) for i in candidates if i >= 0}
    index = 0
    for index in candidates:
        if index < 0 or kinds_of.get(index) is None or kinds_of.get(index - 1) is not None:
            continue  # not debris, or inside a block already reported
        kinds = []
        end = index
        while kinds_of.get(end) is not None:
            kinds.append(kinds_of[end])
            end += 1
        if "credit" in kinds or "navigation" in kinds:
            block = prose[index:end]
            following = prose[end] if end < len(prose) else None
            preceding = prose[index - 1] if index > 0 else None
            yield _debris_violation(doc, block, following, preceding)


def _debris_violation(
    doc: Document, block: list[Paragraph], following: Paragraph | None, preceding: Paragraph | None
) -> Violation:
    first, last = block[0], block[-1]
    if following is not None:
        edit = Edit(first.start, following.start, "")
    elif preceding is not None:
        edit = Edit(preceding.end, last.end, "")
    else:
        edit = Edit(first.start, last.end, "")
    shown = " | ".join(p.text.strip() for p in block)
    return Violation(
        first.start + len(first.text) - len(first.text.lstrip()),
        last.end,
        ngettext(
            "Scraped page debris ({count} paragraph): `{found}`",
            "Scraped page debris ({count} paragraphs): `{found}`",
            len(block),
        ).format(count=len(block), found=excerpt(shown, 0, len(shown), 80)),
        Fix(_("Remove the debris"), (edit,), Applicability.UNSAFE),
    )
