"""A rule's documentation, read from its docstring and shown in the current language.

The English docstring is the only source: a summary line, then headed sections
(`What it does:`, `Why is this bad?`, `Example:`, `Fix safety:`...) of indented
paragraphs. `tqa.catalog` extracts the summary, each heading and each prose
paragraph (its lines joined by single spaces) as a message; rendering looks
each one up with `_()`. Example lines (`Bad: ...`, `Good: ...`) illustrate
English text and stay as written; only their label is translated.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from tqa.i18n import _
from tqa.model import Rule

EXAMPLE_LINE = re.compile(r"(Bad|Good):\s")
FIX_SAFETY = "Fix safety:"
INDENT = "    "
CODE_SPAN = re.compile(r"`[^`]*`")
UNBROKEN = re.compile(r"`[^`]*`| —|[«„“‘] [»“”’]")
KEEP_SPACE = "\ue000"  # a space textwrap must not break at (private use)
WIDTH = 76


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines of one kind: prose (a message) or example lines (shown as written)."""

    lines: tuple[str, ...]  # stripped of their indentation
    line: int  # index of the first line in the docstring
    example: bool

    @property
    def message(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Section:
    heading: str
    line: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    sections: tuple[Section, ...]

    def messages(self) -> list[tuple[str, int, str]]:
        """(message, docstring line index, heading) for the summary, each heading and each prose paragraph."""
        found = [(self.summary, 0, "")]
        for section in self.sections:
            found.append((section.heading, section.line, section.heading))
            found.extend((p.message, p.line, section.heading) for p in section.paragraphs if not p.example)
        return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def parse(docstring: str) -> RuleDoc:
    """A docstring as written in the source (first line unindented, the rest indented alike)."""
    lines = docstring.expandtabs().splitlines()
    summary_index = next((i for i, line in enumerate(lines) if line.strip()), 0)
    summary = lines[summary_index].strip() if lines else ""
    rest = [(i, line) for i, line in enumerate(lines) if i > summary_index and line.strip()]
    margin = min((_indent(line) for _i, line in rest), default=0)
    sections: list[Section] = []
    heading, heading_line, paragraphs, current = "", 0, [], []

    def close_paragraph() -> None:
        if current:
            paragraphs.append(Paragraph(tuple(t for _i, t, _e in current), current[0][0], current[0][2]))
            current.clear()

    def close_section() -> None:
        close_paragraph()
        if heading:
            sections.append(Section(heading, heading_line, tuple(paragraphs)))
        paragraphs.clear()

    for index in range(summary_index + 1, len(lines)):
        line = lines[index]
        text = line.strip()
        if not text:
            close_paragraph()
        elif _indent(line) <= margin:
            close_section()
            heading, heading_line = text, index
        else:
            example = bool(EXAMPLE_LINE.match(text))
            if current and current[-1][2] != example:
                close_paragraph()
            current.append((index, text, example))
    close_section()
    return RuleDoc(summary, tuple(sections))


def _example_line(text: str) -> str:
    label, rest = text.split(":", 1)
    translated = {"Bad": _("Bad"), "Good": _("Good")}[label]
    return f"{INDENT}{translated}:{rest}"


def _paragraph(paragraph: Paragraph) -> str:
    if paragraph.example:
        return "\n".join(_example_line(text) for text in paragraph.lines)
    translated = _(paragraph.message)
    if translated == paragraph.message:  # English, as the author wrapped it
        return "\n".join(INDENT + text for text in paragraph.lines)
    # A `code span` is never broken across lines, a dash never starts one, a pair of marks (“ ”) stays whole.
    unbroken = UNBROKEN.sub(lambda m: m.group().replace(" ", KEEP_SPACE), translated)
    return textwrap.fill(
        unbroken,
        WIDTH,
        initial_indent=INDENT,
        subsequent_indent=INDENT,
        break_long_words=False,
        break_on_hyphens=False,
    ).replace(KEEP_SPACE, " ")


def _section(section: Section) -> str:
    return _(section.heading) + "\n" + "\n\n".join(_paragraph(p) for p in section.paragraphs)


def explanation(rule: Rule) -> str:
    """The whole documentation of a rule (summary and sections) in the current language."""
    doc = parse(rule.doc)
    return "\n\n".join([_(doc.summary), *(_section(section) for section in doc.sections)])


def fix_safety(rule: Rule) -> str:
    """The `Fix safety:` section's prose in the current language, paragraphs separated by a blank line."""
    for section in parse(rule.doc).sections:
        if section.heading == FIX_SAFETY:
            return "\n\n".join(_(p.message) for p in section.paragraphs if not p.example)
    return ""
