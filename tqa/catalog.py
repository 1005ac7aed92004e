"""Keeping the message catalogs in locales/ in step with the code.

`python -m tqa.catalog` extracts every `_()`/`ngettext()` message from the
package, writes locales/tqa.pot and merges it into each language's tqa.po
(new messages added untranslated, obsolete ones dropped, translations kept).
A rule's docstring gives its summary, each section heading and each prose
paragraph as messages (see tqa.rule_docs), with the rule's code in a comment;
its example lines stay in English.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqa import rule_docs
from tqa.i18n import DOMAIN
from tqa.model import Rule
from tqa.resources import locales_dir

PACKAGE = Path(__file__).resolve().parent


@dataclass
class Message:
    places: list[str] = field(default_factory=list)  # file:line
    comments: list[str] = field(default_factory=list)
    documentation: bool = False  # from a rule's docstring, not a `_()` call


def _docstring_line(check) -> int:
    """The line of the source file where a rule's docstring opens."""
    import inspect
    import textwrap

    lines, first = inspect.getsourcelines(check)
    function = ast.parse(textwrap.dedent("".join(lines))).body[0]
    return first + function.body[0].lineno - 1


def rule_messages(rules: Sequence[Rule], package: Path = PACKAGE) -> dict[tuple[str, None], Message]:
    """The summary, headings and prose paragraphs of each rule's docstring (tqa.rule_docs)."""
    import inspect

    found: dict[tuple[str, None], Message] = {}
    for rule in rules:
        path = os.path.relpath(inspect.getsourcefile(rule.check), package.parent)
        line = _docstring_line(rule.check)
        for message, index, heading in rule_docs.parse(rule.doc).messages():
            if message == heading:
                comment = "a section heading of the rule documentation (tqa rule CODE)"
            else:
                comment = f"{rule.code} {rule.name}: {heading.rstrip(':?') if heading else 'summary'}"
            entry = found.setdefault((message, None), Message(documentation=True))
            entry.places.append(f"{Path(path).as_posix()}:{line + index}")
            entry.comments.append(comment)
    return found


def call_messages(package: Path = PACKAGE) -> dict[tuple[str, str | None], Message]:
    """Every `_()` and `ngettext()` call with literal messages in the package."""
    found: dict[tuple[str, str | None], Message] = {}
    for path in sorted(package.rglob("*.py")):
        place = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
            if node.func.id == "_" and len(args) == 1 and literal[0]:
                key = (args[0].value, None)
            elif node.func.id == "ngettext" and len(args) == 3 and literal[0] and literal[1]:
                key = (args[0].value, args[1].value)
            else:
                continue
            found.setdefault(key, Message()).places.append(f"{place}:{node.lineno}")
    return found


def messages() -> dict[tuple[str, str | None], Message]:
    """{(msgid, msgid_plural): Message}: the package's messages and every rule's documentation."""
    from tqa.rules import ALL_RULES

    found: dict[tuple[str, str | None], Message] = dict(rule_messages(ALL_RULES))
    for key, message in call_messages().items():
        if key in found:  # also a `_()` message: an ordinary one
            message.places[:0] = found[key].places
            message.comments = found[key].comments
        found[key] = message
    return found


def extract() -> dict[tuple[str, str | None], list[str]]:
    """{(msgid, msgid_plural): [file:line, ...]} for every message."""
    return {key: message.places for key, message in messages().items()}


def template():
    import polib

    pot = polib.POFile()
    pot.metadata = {"Project-Id-Version": "tqa", "Content-Type": "text/plain; charset=UTF-8", "MIME-Version": "1.0"}
    for (msgid, plural), message in sorted(messages().items()):
        occurrences = [tuple(p.rsplit(":", 1)) for p in message.places]
        comment = "\n".join(dict.fromkeys(message.comments))
        entry = polib.POEntry(msgid=msgid, msgstr="", occurrences=occurrences, comment=comment)
        if plural:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: "", 1: ""}
        if "{" in msgid and not message.documentation:
            entry.flags.append("python-brace-format")
        pot.append(entry)
    return pot


PLACEHOLDER = re.compile(r"\{[^{}]*\}")

CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def _translation_problems(msgid: str, translation: str, documentation: bool) -> list[str]:
    if not translation:
        return ["untranslated"]
    found = []
    if sorted(PLACEHOLDER.findall(translation)) != sorted(PLACEHOLDER.findall(msgid)):
        found.append("placeholders differ")
    if documentation:
        if sorted(rule_docs.CODE_SPAN.findall(translation)) != sorted(rule_docs.CODE_SPAN.findall(msgid)):
            found.append("`code spans` differ")
        if not CYRILLIC.search(rule_docs.CODE_SPAN.sub("", translation)):
            found.append("left in English")
    return found


def problems(catalog, wanted: dict[tuple[str, str | None], Message]) -> list[str]:
    """What keeps a polib catalog from matching the package's messages `wanted`: one line each."""
    found: list[str] = []
    present = {(entry.msgid, entry.msgid_plural or None): entry for entry in catalog if not entry.obsolete}
    found += [f"missing: {msgid!r}" for msgid, _plural in sorted(wanted.keys() - present.keys())]
    found += [f"obsolete: {msgid!r}" for msgid, _plural in sorted(present.keys() - wanted.keys())]
    for key, entry in present.items():
        if key not in wanted:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            found += [
                f"{what}: {entry.msgid!r}"
                for what in _translation_problems(entry.msgid, form, wanted[key].documentation)
            ]
    return found


def catalog_path(language: str) -> Path:
    return locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> None:
    import polib

    pot = template()
    pot.save(str(locales_dir() / f"{DOMAIN}.pot"))
    for folder in sorted(p for p in locales_dir().iterdir() if (p / "LC_MESSAGES").is_dir()):
        path = catalog_path(folder.name)
        po = polib.pofile(str(path)) if path.is_file() else polib.POFile()
        po.merge(pot)
        po[:] = [entry for entry in po if not entry.obsolete]
        po.save(str(path))
        missing = [e.msgid for e in po if not (e.msgstr or any(e.msgstr_plural.values()))]
        print(f"{path}: {len(po)} messages, {len(missing)} untranslated", file=sys.stderr)


if __name__ == "__main__":
    update()
