"""Every entry's `flag` examples run through `tqa fix --unsafe-fixes`.

The examples of all entries are fixed together, one paragraph each, in one
document and in-process: the same code path as the command, at the cost of
one check per fix round rather than one per example. Each fixed paragraph
must be the example's `fixed` sentence (or, without one, the example as it
was: its finding is display-only).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tqa.glossary.entry import Entry, Example
from tqa.glossary.load import Problem, item_line
from tqa.i18n import _
from tqa.pipeline.check import FixSettings, fix_text
from tqa.rules import select_rules

# The rules whose fixes come from glossary entries.
GLOSSARY_FIX_RULES = ("T501", "T502", "T503", "T505", "N601")
_PARAGRAPH = "\n\n"


def example_line(entry: Entry, example: Example) -> int:
    """The line of an example in its file: found below the entry's `flag` key."""
    try:
        lines = Path(entry.path).read_text(encoding="utf-8").split("\n")
    except OSError:
        return entry.line_of("flag")
    return item_line(lines, entry.line_of("flag"), example.text)


def fixed_examples(examples: Sequence[str], glossary_files: Sequence[str] = ()) -> list[str]:
    """Each sentence as `tqa fix --unsafe-fixes` leaves it, with the glossary rules."""
    if not examples:
        return []
    text = _PARAGRAPH.join(examples) + "\n"
    settings = FixSettings(unsafe=True, glossary_files=tuple(glossary_files))
    fixed, _applied, _left = fix_text(text, "<glossary examples>", select_rules(GLOSSARY_FIX_RULES), settings)
    out = fixed.rstrip("\n").split(_PARAGRAPH)
    if len(out) != len(examples):  # a fix that ran across paragraphs: fix them one by one
        return [fixed_examples([example], glossary_files)[0] for example in examples]
    return out


def example_problems(entries: Sequence[Entry], glossary_files: Sequence[str] = ()) -> list[Problem]:
    """Examples whose fixed sentence is not the one the entry states."""
    pairs = [(entry, example) for entry in entries for example in entry.examples]
    results = fixed_examples([example.text for _entry, example in pairs], glossary_files)
    problems = []
    for (entry, example), result in zip(pairs, results, strict=True):
        expected = example.fixed if example.fixed is not None else example.text
        if result != expected:
            problems.append(
                Problem(
                    entry.path,
                    example_line(entry, example),
                    _("example of `{id}` is fixed into `{result}`, not `{expected}`").format(
                        id=entry.id, result=result, expected=expected
                    ),
                )
            )
    return problems
