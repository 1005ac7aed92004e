"""Keeping the message catalogs in locales/ in step with the code.

`python -m tqa.catalog` extracts every `_()`/`ngettext()` message from the
package, writes locales/tqa.pot and merges it into each language's tqa.po
(new messages added untranslated, obsolete ones dropped, translations kept).
Of a rule's docstring only the first line (its summary) is a message; the
rest is documentation and stays in English.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from tqa.i18n import DOMAIN
from tqa.resources import locales_dir

PACKAGE = Path(__file__).resolve().parent


def extract(package: Path = PACKAGE) -> dict[tuple[str, str | None], list[str]]:
    """{(msgid, msgid_plural): [file:line, ...]} for every literal message in the package."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and "What it does:" in (ast.get_docstring(node) or ""):
                summary = ast.get_docstring(node).splitlines()[0].strip()
                found.setdefault((summary, None), []).append(f"{path.relative_to(package.parent)}:{node.lineno}")
                continue
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
            found.setdefault(key, []).append(f"{path.relative_to(package.parent)}:{node.lineno}")
    return found


def template():
    import polib

    pot = polib.POFile()
    pot.metadata = {"Project-Id-Version": "tqa", "Content-Type": "text/plain; charset=UTF-8", "MIME-Version": "1.0"}
    for (msgid, plural), places in sorted(extract().items()):
        entry = polib.POEntry(msgid=msgid, msgstr="", occurrences=[tuple(p.rsplit(":", 1)) for p in places])
        if plural:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: "", 1: ""}
        if "{" in msgid:
            entry.flags.append("python-brace-format")
        pot.append(entry)
    return pot


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
