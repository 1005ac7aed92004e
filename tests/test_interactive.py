"""`tqa fix --interactive`, driven through a pseudo-terminal as an editor would use it."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write
from tqa.cli import main
from tqa.model import Edit
from tqa.pipeline.fix import apply_edits
from tqa.pipeline.interactive import _moved

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

# A question waits on the last, unfinished line (in any language), maybe with text laid ready after it.
PROMPT = re.compile(r"\S: ")
EOF_KEY = "\x04"  # Ctrl-D: the end of input on a terminal
# In text order: T501 (unsafe fix, glossary), P301 (unsafe), N601 (unsafe, glossary), Q101 (safe).
# CRLF line endings and a BOM, which the review must keep.
ARTICLE = (
    "\ufeffTensions rose along the contact line - officials said.\r\n"
    'Sergei Ermakov, a leading expert at RISS, explained. "We wait, "he said.\r\n'
)


def drive(folder, answers: list, *args: str, env: dict | None = None) -> tuple[int, str]:
    """Run `tqa fix --interactive` on a pseudo-terminal, answering each prompt in
    turn (a callable in `answers` is called with the process before the next
    answer is typed);
    the exit code and everything the terminal showed."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tqa", "fix", "--interactive", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=folder,
        env={**os.environ, "NO_COLOR": "1", "TQA_LANG": "en", **(env or {})},
        close_fds=True,
    )
    os.close(slave)
    shown = b""

    def read(until: re.Pattern | None) -> None:
        nonlocal shown
        start = len(shown)
        while until is None or not until.search(shown[start:].decode("utf-8", "replace").rsplit("\n", 1)[-1]):
            ready, _w, _x = select.select([master], [], [], 30)
            if not ready:
                raise AssertionError("no prompt came:\n" + repr(shown[-400:]))
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed (Linux)
                return
            if not chunk:
                return
            shown += chunk

    try:
        asked = False  # a question is on the screen, not yet answered
        for answer in answers:
            if not asked:
                read(PROMPT)
                asked = True
            if callable(answer):
                answer(process)
                continue
            os.write(master, answer.encode("utf-8") + (b"" if answer == EOF_KEY else b"\n"))
            asked = False
        read(None)
        code = process.wait(30)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return code, shown.decode("utf-8", "replace").replace("\r\n", "\n")


def test_accept_skip_edit_quit(tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    # Accept the calque, skip the dash, edit the name, quit before the quote.
    # The proposal is laid ready on the line: typing adds to it.
    code, shown = drive(tmp_path, ["y", "n", "e", ", PhD", "q"], "a.txt")
    assert code == 0, shown
    assert path.read_bytes().decode("utf-8") == (
        "\ufeffTensions rose along the line of contact - officials said.\r\n"
        'Sergei Yermakov, PhD, a leading expert at RISS, explained. "We wait, "he said.\r\n'
    )
    assert "[4 left] a.txt:1:25: T501 Calque" in shown
    assert "  |                         ^^^^^^^^^^^^\n" in shown  # the span marked under its line
    assert "  - `contact line`\n  + `line of contact`\n" in shown
    assert "  glossary (line-of-contact): Reuters and AP write" in shown
    # After the accepted edit the dash is found again where it now is (three characters on).
    assert "[3 left] a.txt:1:41: P301" in shown
    assert "Replace `Sergei Ermakov` with (edit the proposal; empty: back): Sergei Yermakov" in shown
    assert "a.txt: wrote 2 changes.\nAccepted 2 changes in 1 file; skipped 1.\n" in shown


def test_accept_all_of_a_rule_and_skipped_findings_stay_answered(tmp_path):
    text = "Talks - said one - went on - said another - and ended.\nAt the contact line, the contact line held.\n"
    path = write(tmp_path / "b.txt", text)
    # Skip the first dash, accept all the other dashes, then skip both calques.
    code, shown = drive(tmp_path, ["n", "a", "n", "n"], "b.txt")
    assert code == 0, shown
    assert path.read_text(encoding="utf-8") == (
        "Talks - said one – went on – said another – and ended.\nAt the contact line, the contact line held.\n"
    )
    assert shown.count("P301: Replace the hyphen with a dash: ` – ` (accepted with the rule)") == 2
    assert shown.count(": P301 ") == 2 and shown.count(": T501 ") == 2
    assert "Accepted 3 changes in 1 file; skipped 3." in shown


def test_display_only_and_unfixable_findings(tmp_path):
    path = write(tmp_path / "c.txt", "The word провокация stayed.\n")
    # Leftover Cyrillic has no fix: the span's own text is laid on the line; Ctrl-U clears it.
    code, shown = drive(tmp_path, ["y", "e", "\x15provocation"], "c.txt")
    assert code == 0, shown
    assert "no automatic fix: edit the text by hand (e) or skip it (n)" in shown
    assert "Answer with one of the letters in brackets." in shown  # `y` means nothing without a fix
    assert path.read_text(encoding="utf-8") == "The word provocation stayed.\n"


def test_end_of_input_quits_and_keeps_what_was_accepted(tmp_path):
    path = write(tmp_path / "d.txt", "The contact line - held.\n")
    code, shown = drive(tmp_path, ["y", EOF_KEY], "d.txt", "--select", "T501,P301", "--color", "always")
    assert code == 0, shown
    assert "\x1b[1;31mT501\x1b[0m" in shown and "\x1b[32m  + `line of contact`\x1b[0m" in shown  # coloured as asked
    assert path.read_text(encoding="utf-8") == "The line of contact - held.\n"
    assert "Accepted 1 change in 1 file; skipped 0." in shown


def test_several_files_and_localized_prompts(tmp_path):
    write(tmp_path / "e1.txt", "The contact line held.\n")
    write(tmp_path / "e2.txt", "The contact line held.\n")
    code, shown = drive(tmp_path, ["y", "y"], "e1.txt", "missing.txt", "e2.txt", env={"TQA_LANG": "ru"})
    assert code == 2 and "missing.txt" in shown, shown  # a path that is not there is an error; the rest is reviewed
    for name in ("e1.txt", "e2.txt"):
        assert (tmp_path / name).read_text(encoding="utf-8") == "The line of contact held.\n"
    assert "[q]" in shown and "quit" not in shown


CATALOG = r"""msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Напряжённость выросла на линии соприкосновения."
msgstr "Tensions rose along the contact line."

msgid "Он снова сказал «провокация»."
msgstr "He said провокация again."
"""


def test_a_catalog_is_reviewed_in_its_msgstr_and_typed_text_escaped(tmp_path):
    path = write(tmp_path / "news.po", CATALOG)
    # Accept the calque, skip the untranslated paragraph (A706), edit the Cyrillic word (C402).
    code, shown = drive(tmp_path, ["y", "n", "e", '\x15a "provocation"'], "news.po")
    assert code == 0, shown
    assert "news.po:7:" in shown and "news.po:10:" in shown
    assert path.read_text(encoding="utf-8") == CATALOG.replace("the contact line", "the line of contact").replace(
        "said провокация", 'said a \\"provocation\\"'
    )
    assert polib.pofile(str(path)).find("Он снова сказал «провокация».").msgstr == 'He said a "provocation" again.'


def test_refused_without_a_terminal(runner, tmp_path):
    path = write(tmp_path / "f.txt", "The contact line held.\n")
    result = runner.invoke(main, ["fix", "--interactive", str(path)], input="y\n")
    assert result.exit_code == 2
    assert "--interactive asks on a terminal, and standard input is not one" in result.stderr
    assert path.read_text(encoding="utf-8") == "The contact line held.\n"
    result = runner.invoke(main, ["fix", "--interactive", "--diff", str(path)])
    assert result.exit_code == 2 and "neither --diff nor --output" in result.stderr


def test_ctrl_c_leaves_the_file_under_review_as_it_was(tmp_path):
    write(tmp_path / "i1.txt", "The contact line held.\n")
    write(tmp_path / "i2.txt", "The contact line held.\n")

    def ctrl_c(process) -> None:
        time.sleep(0.5)  # as a person would: once the question waits for an answer, not as it is printed
        process.send_signal(signal.SIGINT)

    code, shown = drive(tmp_path, ["y", ctrl_c], "i1.txt", "i2.txt")
    assert code == 128 + signal.SIGINT, shown
    assert "Interrupted: the file under review was left as it was." in shown
    assert (tmp_path / "i1.txt").read_text(encoding="utf-8") == "The line of contact held.\n"  # its review had ended
    assert (tmp_path / "i2.txt").read_text(encoding="utf-8") == "The contact line held.\n"


def test_a_file_changed_during_review_is_not_overwritten(tmp_path):
    path = write(tmp_path / "g.txt", "The contact line held. The contact line moved.\n")

    def edit_elsewhere(_process) -> None:
        path.write_text("Someone else's edit.\n", encoding="utf-8")

    code, shown = drive(tmp_path, ["y", edit_elsewhere, "q"], "g.txt")
    assert code == 2, shown
    assert path.read_text(encoding="utf-8") == "Someone else's edit.\n"
    assert "tqa: error: g.txt: " in shown and "Accepted 0 changes in 0 files" in shown


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.data())
def test_a_span_edits_leave_alone_is_followed_to_the_same_text(data):
    text = data.draw(st.text(alphabet="ab \n", min_size=1, max_size=40))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits, position = [], 0
    for first, second in zip(points[::2], points[1::2], strict=False):
        edit = Edit(max(first, position), second, data.draw(st.text(alphabet="xy", max_size=3)))
        # Edits that leave the span alone: wholly before its start or at or after its end.
        if edit.start >= position and (edit.end <= start or edit.start >= end) and not (start < edit.start < end):
            if edit.start == edit.end == end and start < end:
                continue  # an insertion at the end lies outside the span: fine, but keep the case simple
            edits.append(edit)
            position = edit.end + 1
    changed = apply_edits(text, edits)
    assert changed[_moved(start, edits) : _moved(end, edits, at_end=True)] == text[start:end]


def test_display_only_suggestions_are_accepted_one_by_one(tmp_path):
    text = (
        "Moscow keeps an increased degree in relations with Kyiv. Tensions rose along the contact line. "
        "Again an increased degree in relations was seen.\n"
    )
    path = write(tmp_path / "h.txt", text)
    # `a` on a display-only suggestion accepts it and the rule's other fixes, but
    # the next display-only suggestion of the rule is still asked about.
    code, shown = drive(tmp_path, ["a", "n"], "h.txt")
    assert code == 0, shown
    assert "fix (display only): Replace with `a heightened tension`" in shown
    assert "T501: Replace with `line of contact` (accepted with the rule)" in shown
    assert shown.count("[a] accept all T501 in this file") == 2
    assert path.read_text(encoding="utf-8") == (
        "Moscow keeps a heightened tension with Kyiv. Tensions rose along the line of contact. "
        "Again an increased degree in relations was seen.\n"
    )
