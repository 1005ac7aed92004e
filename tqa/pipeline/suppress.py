"""Inline suppressions in Markdown, and the rules that keep them honest.

`<!-- tqa: ignore[Q101,S203] -->` silences those codes in the next paragraph;
`<!-- tqa: disable[T501] -->` … `<!-- tqa: enable -->` in a block. Codes (or
code prefixes) are required: a blanket switch-off hides new problems too.
Plain text has no comment syntax; use a baseline file there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from tqa.i18n import _
from tqa.model import Finding, Rule, Violation, finding_order
from tqa.text.document import Document

_COMMENT = re.compile(r"<!--\s*tqa:\s*(?P<verb>[a-z-]+)\s*(?:\[(?P<codes>[^\]]*)\])?\s*-->")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_CODE = re.compile(r"^[A-Z](?:\d{1,3})?$")


@dataclass
class Suppression:
    start: int  # the comment
    end: int
    codes: tuple[str, ...]
    scope: tuple[int, int]
    used: set[str] = field(default_factory=set)


def _comments(doc: Document) -> Iterator[re.Match]:
    """Suppression comments of a Markdown file; one shown in inline code or a code block is text."""
    if not doc.markdown:
        return
    code: list[tuple[int, int]] | None = None
    for match in _COMMENT.finditer(doc.text):
        if code is None:
            code = [m.span() for m in _INLINE_CODE.finditer(doc.text)]
            code += [(p.start, p.end) for p in doc.paragraphs if p.is_code]
        if not any(start <= match.start() and match.end() <= end for start, end in code):
            yield match


def _codes(match: re.Match) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in (match.group("codes") or "").split(",") if code.strip())


def _next_paragraph_end(doc: Document, position: int) -> int:
    """End of the text the comment at `position` governs: the rest of its own
    paragraph when text follows it there, else the next paragraph."""
    for paragraph in doc.paragraphs:
        if paragraph.end <= position:
            continue
        rest = doc.text[max(position, paragraph.start) : paragraph.end]
        if _COMMENT.sub("", rest).strip():
            return paragraph.end
    return len(doc.text)


def suppressions(doc: Document) -> list[Suppression]:
    found: list[Suppression] = []
    open_blocks: list[Suppression] = []
    for match in _comments(doc):
        verb, codes = match.group("verb"), _codes(match)
        if verb == "ignore" and codes:
            found.append(
                Suppression(match.start(), match.end(), codes, (match.end(), _next_paragraph_end(doc, match.end())))
            )
        elif verb == "disable" and codes:
            block = Suppression(match.start(), match.end(), codes, (match.end(), len(doc.text)))
            found.append(block)
            open_blocks.append(block)
        elif verb == "enable":
            closing = [b for b in open_blocks if not codes or set(b.codes) <= set(codes)]
            for block in closing:
                block.scope = (block.scope[0], match.start())
                open_blocks.remove(block)
    return found


def apply(doc: Document, findings: list[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """Drop suppressed findings; add unused-suppression findings when that rule is selected."""
    if not doc.markdown:
        return findings  # suppression comments are Markdown's (see `_comments`)
    active = suppressions(doc)
    if not active:
        return findings
    kept = []
    for finding in findings:
        hit = next(
            (
                s
                for s in active
                if s.scope[0] <= finding.start < s.scope[1] and any(finding.code.startswith(c) for c in s.codes)
            ),
            None,
        )
        if hit is None:
            kept.append(finding)
        else:
            hit.used.update(c for c in hit.codes if finding.code.startswith(c))
    unused_rule = next((r for r in rules if r.code == UNUSED_CODE), None)
    if unused_rule is not None:
        for suppression in active:
            unused = [c for c in suppression.codes if c not in suppression.used]
            if unused:
                kept.append(
                    Finding(
                        unused_rule.code,
                        unused_rule.name,
                        _("Unused suppression: nothing to suppress for {codes}").format(codes=", ".join(unused)),
                        suppression.start,
                        suppression.end,
                        unused_rule.severity,
                    )
                )
        kept.sort(key=finding_order)
    return kept


UNUSED_CODE = "M901"


def unused_suppression(doc: Document) -> Iterator[Violation]:
    """Suppression comment that suppresses nothing.

    What it does:
        Reports a `<!-- tqa: ignore[…] -->` or `disable[…]` comment whose
        codes silenced no finding. The engine computes it from the other
        rules' findings, so this function itself yields nothing.

    Why is this bad?
        A stale suppression hides the next real problem at that place.

    Example:
        Bad: <!-- tqa: ignore[Q101] --> ¶ A sentence with nothing wrong.
        Good: <!-- tqa: ignore[P301] --> ¶ A sentence - with a hyphen.

    Fix safety:
        No fix: delete the comment by hand.
    """
    return iter(())


def invalid_suppression(doc: Document) -> Iterator[Violation]:
    """Suppression comment without codes, with an unknown verb or a bad code.

    What it does:
        Checks every `<!-- tqa: … -->` comment: the verb is `ignore`,
        `disable` or `enable`, and `ignore`/`disable` name codes or code
        prefixes in brackets.

    Why is this bad?
        A comment tqa cannot read silences nothing and misleads the reader.

    Example:
        Bad: <!-- tqa: ignore --> ¶ Text.
        Bad: <!-- tqa: disabel[Q101] --> ¶ Text.
        Good: <!-- tqa: ignore[Q101] --> ¶ Text, ”he said.

    Fix safety:
        No fix.
    """
    for match in _comments(doc):
        verb, codes = match.group("verb"), _codes(match)
        if verb not in ("ignore", "disable", "enable"):
            message = _("Unknown suppression `{verb}`; use ignore[CODES], disable[CODES] or enable").format(verb=verb)
        elif verb != "enable" and not codes:
            message = _("Suppression without codes: write `{verb}[CODE,…]`").format(verb=verb)
        elif any(not _CODE.match(code) for code in codes):
            message = _("Suppression with a malformed code: `{codes}`").format(codes=match.group("codes"))
        else:
            continue
        yield Violation(match.start(), match.end(), message)
