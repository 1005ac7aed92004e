"""`tqa fix --interactive`: review findings one at a time and decide each fix.

For each file, in text order: the finding with its line and the span marked,
the proposed change and the glossary entry behind it; the editor accepts it
(y), skips it (n), types another replacement (e), accepts every fix of the
rule in this file (a) or quits (q). Every fix can be accepted here, unsafe and
display-only ones too (the editor has looked at it); `a` takes the safe and
unsafe fixes of its rule and still asks about display-only ones. A finding
without a fix can be edited by hand.

An accepted change is applied to the text at once and the text is checked
again, so the findings that remain point into the text as it now is (a fix
can remove or create others); skipped findings are carried along by the same
edit and not asked about again. A file is written once, when its review ends
or the editor quits, atomically and only if it still holds what was read
(tqa.pipeline.write), with its encoding, BOM and line endings. In a `.po`
catalog the findings are those of its msgstrs, and typed text is escaped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from tqa.errors import UserError
from tqa.i18n import _, ngettext
from tqa.model import Applicability, Edit, Finding, Rule
from tqa.pipeline.check import FixSettings, check_document
from tqa.pipeline.fix import apply_edits
from tqa.pipeline.one_file import _original, read_input
from tqa.pipeline.run import FileResult, Input, Job
from tqa.pipeline.write import write_in_place
from tqa.report import Located, ReportOptions
from tqa.report.color import paint
from tqa.report.full import excerpt
from tqa.report.text import fix_line, glossary_line, heading
from tqa.text.snapshot import TextSnapshot

ACCEPT, SKIP, EDIT, ALL, QUIT = "y", "n", "e", "a", "q"


@dataclass
class Outcome:
    """What a review did, for the closing line and the exit code: changes accepted (and written), findings skipped."""

    accepted: int = 0
    skipped: int = 0
    files_changed: int = 0
    errors: list[UserError] = field(default_factory=list)
    quit: bool = False


@dataclass(frozen=True)
class Terminal:
    """Where the review talks: `ask(prompt, prefill)` shows a prompt with
    `prefill` ready to edit and returns the line typed (EOFError at the end of
    input), `out` takes everything else."""

    ask: Callable[[str, str], str]
    out: TextIO
    color: bool = False


@dataclass
class _Span:
    """A finding the editor has answered, followed through later edits."""

    code: str
    start: int
    end: int

    def moved(self, edits: Sequence[Edit]) -> _Span:
        return _Span(self.code, _moved(self.start, edits), _moved(self.end, edits, at_end=True))


def _moved(offset: int, edits: Sequence[Edit], at_end: bool = False) -> int:
    """Where an offset of the text before `edits` lies in the text after them. An
    insertion at the offset moves a span's start along, not its end; an offset
    inside a replaced text goes to the replacement's start (or end, `at_end`)."""
    shift = 0
    for edit in sorted(edits):
        if edit.end < offset or (edit.end == offset and (edit.start < edit.end or not at_end)):
            shift += len(edit.content) - (edit.end - edit.start)
        elif edit.start < offset:
            return edit.start + shift + (len(edit.content) if at_end else 0)
        else:
            break
    return offset + shift


def review(
    inputs: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, terminal: Terminal
) -> Outcome:
    """Review every input in turn; stop when the editor quits."""
    outcome = Outcome()
    for item in inputs:
        try:
            _review_file(item, rules_for(item.display), job, terminal, outcome)
        except UserError as error:
            outcome.errors.append(error)
        if outcome.quit:
            break
    return outcome


def _review_file(item: Input, rules: Sequence[Rule], job: Job, terminal: Terminal, outcome: Outcome) -> None:
    if item.is_stdin:
        raise UserError(_("standard input cannot be reviewed interactively: the terminal is for your answers"), "-")
    source = read_input(item, job.encoding)
    kind = _kind(item, source.text, rules, job)
    text = source.text
    answered: list[_Span] = []
    accept_all: set[str] = set()
    accepted = 0
    while True:
        findings = kind.findings(text)
        pending = [f for f in findings if not any(_same(f, span) for span in answered)]
        if not pending:
            break
        finding = pending[0]
        fix = finding.fix if finding.fix is not None and _fixable(finding, job) else None
        if fix is not None and finding.code in accept_all and fix.applicability is not Applicability.DISPLAY_ONLY:
            answer, edits = ACCEPT, list(fix.edits)
            terminal.out.write(_("{code}: {title} (accepted with the rule)").format(code=finding.code, title=fix.title))
            terminal.out.write("\n")
        else:
            _show(item, text, finding, fix, len(pending), terminal)
            answer, edits = _ask(finding, fix, text, kind, terminal)
        if answer == QUIT:
            outcome.quit = True
            break
        if answer == ALL:
            accept_all.add(finding.code)
        if answer in (ACCEPT, ALL, EDIT) and edits:
            try:
                changed = apply_edits(text, edits)
            except ValueError:
                terminal.out.write(_("The fix's edits overlap one another; skipped.") + "\n")
                answered.append(_Span(finding.code, finding.start, finding.end))
                outcome.skipped += 1
                continue
            # The accepted finding is answered too: a fix that leaves it in place is not offered again.
            answered = [span.moved(edits) for span in [*answered, _Span(finding.code, finding.start, finding.end)]]
            text = changed
            accepted += 1
        else:
            answered.append(_Span(finding.code, finding.start, finding.end))
            outcome.skipped += 1
    if text != source.text:
        write_in_place(FileResult(item, source=source, fixed_text=text))
        outcome.files_changed += 1
        outcome.accepted += accepted
        terminal.out.write(
            ngettext("{path}: wrote {count} change.", "{path}: wrote {count} changes.", accepted).format(
                path=item.display, count=accepted
            )
            + "\n"
        )


def _same(finding: Finding, span: _Span) -> bool:
    return finding.code == span.code and finding.start == span.start and finding.end == span.end


def _fixable(finding: Finding, job: Job) -> bool:
    """Whether the configuration lets this rule's fixes be applied (--fixable, --unfixable)."""
    return job.fix_codes is None or finding.code in job.fix_codes


@dataclass(frozen=True)
class _Kind:
    """How a kind of file is checked, and how text typed for it is written into
    it and read out of it (a catalog's msgstr is escaped)."""

    findings: Callable[[str], list[Finding]]
    escape: Callable[[str], str] = str
    unescape: Callable[[str], str] = str


def _kind(item: Input, text: str, rules: Sequence[Rule], job: Job) -> _Kind:
    name = item.path.lower()
    if name.endswith(".po"):
        import polib

        from tqa.catalog_check import check_catalog

        return _Kind(
            lambda current: check_catalog(current, item.display, rules, job.glossary_files, job.catalogs),
            polib.escape,
            polib.unescape,
        )
    markdown = name.endswith((".md", ".markdown"))
    original = _original(item, text, job.source, markdown, job.segmentation, job.encoding)
    settings = FixSettings(True, markdown, job.segmentation, job.glossary_files, original, None, job.transliteration)
    return _Kind(lambda current: check_document(settings.document(item.display, current), rules))


def _show(item: Input, text: str, finding: Finding, fix, left: int, terminal: Terminal) -> None:
    """The finding as the `full` format shows it, with the change it proposes."""
    color = terminal.color
    options = ReportOptions(color=color)
    snapshot = TextSnapshot(text, [finding])
    row, column = snapshot.position(finding.start)
    end_row, end_column = snapshot.position(finding.end)
    located = Located(finding, item.display, row, column, end_row, end_column, snapshot, FileResult(item))
    line, caret_at, caret_length = excerpt(located)
    number = str(row)
    gutter = paint(" " * len(number) + " |", "gutter", color)
    out = terminal.out
    out.write("\n" + paint(ngettext("[{count} left]", "[{count} left]", left).format(count=left), "gutter", color))
    out.write(" " + heading(located, options) + "\n")
    out.write(f"{paint(number + ' |', 'gutter', color)} {line.expandtabs(1)}\n")
    out.write(f"{gutter} {' ' * caret_at}{paint('^' * caret_length, 'caret', color)}\n")
    if fix is not None:
        out.write(f"  {fix_line(finding, options)}\n")
        for edit in sorted(fix.edits):
            out.write(paint(f"  - {_shown(text[edit.start : edit.end])}", "unsafe", color) + "\n")
            out.write(paint(f"  + {_shown(edit.content)}", "safe", color) + "\n")
    else:
        out.write("  " + _("no automatic fix: edit the text by hand (e) or skip it (n)") + "\n")
    if finding.glossary is not None:
        out.write(f"  {glossary_line(finding.glossary, options)}\n")


def _shown(text: str) -> str:
    """Text of a change on one line, in backquotes: line breaks and an empty text made visible."""
    return "`" + text.replace("\r", "\\r").replace("\n", "\\n") + "`" if text else _("(nothing)")


def _ask(finding: Finding, fix, text: str, kind: _Kind, terminal: Terminal) -> tuple[str, list[Edit]]:
    """The editor's answer and the edits it makes."""
    if fix is not None:
        keys = _("[y] accept, [n] skip, [e] edit, [a] accept all {code} in this file, [q] quit: ")
    else:
        keys = _("[n] skip, [e] edit, [q] quit: ")
    prompt = keys.format(code=finding.code)
    while True:
        try:
            answer = terminal.ask(prompt, "").strip().lower()
        except EOFError:
            return QUIT, []
        if answer in (ACCEPT, ALL) and fix is not None:
            return answer, list(fix.edits)
        if answer in (SKIP, QUIT):
            return answer, []
        if answer == EDIT:
            edit = _edited(finding, fix, text, kind, terminal)
            if edit is not None:
                return EDIT, [edit]
            continue
        terminal.out.write(_("Answer with one of the letters in brackets.") + "\n")


def _edited(finding: Finding, fix, text: str, kind: _Kind, terminal: Terminal) -> Edit | None:
    """The editor's own replacement for the span a one-edit fix replaces (else the
    finding's span), typed over the proposal (or the span's text) laid ready on
    the line; an empty answer goes back to the question."""
    if fix is not None and len(fix.edits) == 1:
        start, end, proposed = fix.edits[0].start, fix.edits[0].end, fix.edits[0].content
    else:
        start, end, proposed = finding.start, finding.end, text[finding.start : finding.end]
    prompt = _("Replace {found} with (edit the proposal; empty: back): ").format(found=_shown(text[start:end]))
    try:
        typed = terminal.ask(prompt, kind.unescape(proposed))
    except EOFError:
        return None
    return Edit(start, end, kind.escape(typed)) if typed else None


def summary(outcome: Outcome) -> str:
    accepted = ngettext("Accepted {count} change", "Accepted {count} changes", outcome.accepted).format(
        count=outcome.accepted
    )
    files = ngettext("in {count} file", "in {count} files", outcome.files_changed).format(count=outcome.files_changed)
    skipped = ngettext("skipped {count}.", "skipped {count}.", outcome.skipped).format(count=outcome.skipped)
    return f"{accepted} {files}; {skipped}"


def run(
    inputs: Sequence[Input],
    errors: Sequence[UserError],
    rules_for: Callable[[str], Sequence[Rule]],
    job: Job,
    color: bool,
) -> int:
    """`tqa fix --interactive` on a terminal: the review, the errors of the inputs
    (`errors`: those that could not be found) and the closing line; the exit code."""
    from tqa.cli_errors import EXIT_CLEAN, EXIT_ERROR, fail
    from tqa.report.color import is_terminal
    from tqa.signals import Stopped

    if not is_terminal(sys.stdin):
        fail(
            _(
                "--interactive asks on a terminal, and standard input is not one; "
                "run it in a terminal, or use `tqa fix --diff` to see the changes"
            )
        )
        return EXIT_ERROR
    try:
        outcome = review(inputs, rules_for, job, Terminal(line_with, sys.stdout, color))
    except Stopped:  # Ctrl-C: the run ends as any run stopped does (128 + the signal)
        sys.stdout.write("\n" + _("Interrupted: the file under review was left as it was.") + "\n")
        raise
    for error in [*errors, *outcome.errors]:
        fail(error)
    sys.stdout.write(summary(outcome) + "\n")
    return EXIT_ERROR if outcome.errors or errors else EXIT_CLEAN


def line_with(prompt: str, prefill: str) -> str:
    """A line read on the terminal with `prefill` already typed (line editing by
    readline where Python has it; else the prompt shows nothing typed)."""
    try:
        import readline
    except ImportError:
        return input(prompt)
    readline.set_startup_hook(lambda: readline.insert_text(prefill))
    try:
        return input(prompt)
    finally:
        readline.set_startup_hook(None)
