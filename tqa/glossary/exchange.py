"""Glossary exchange formats: TBX-Basic (ISO 30042) export and import, CSV, PO, TOML."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.parsers import expat

from tqa.errors import UserError
from tqa.glossary.entry import DOMAINS, KINDS, Entry, Example, Variant
from tqa.i18n import _

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
OMITTED = "(omit)"
# tqa fields with no TBX-Basic data category travel as notes with this prefix.
EXTENSION = "tqa-"
EXTENSION_FIELDS = ("fix", "case", "level")
CSV_FIELDS = ("id", "ru", "en", "avoid", "kind", "domain", "note", "ref", "fix", "flag", "ok", "case", "omit")
LIST_SEPARATOR = " | "
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as glossary files write ids


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.replace("_", ":") if k == "xml_lang" else k: v for k, v in attributes.items()}
    )
    if text is not None:
        element.text = text
    return element


def to_tbx(entries: Iterable[Entry], title: str = "tqa Russian–English diplomatic glossary") -> str:
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"style": "dca", "type": "TBX-Basic", XML_LANG: "en"})
    header = _sub(root, f"{{{TBX_NS}}}tbxHeader")
    description = _sub(header, f"{{{TBX_NS}}}fileDesc")
    _sub(_sub(description, f"{{{TBX_NS}}}titleStmt"), f"{{{TBX_NS}}}title", title)
    _sub(
        _sub(description, f"{{{TBX_NS}}}sourceDesc"), f"{{{TBX_NS}}}p", "Exported by tqa; each entry cites its source."
    )
    body = _sub(_sub(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    ns = f"{{{TBX_NS}}}"
    for entry in entries:
        concept = _sub(body, ns + "conceptEntry", id=entry.id)
        _sub(concept, ns + "descrip", entry.domain, type="subjectField")
        _sub(concept, ns + "admin", entry.kind, type="projectSubset")
        _sub(concept, ns + "note", entry.note)
        _sub(concept, ns + "note", f"{EXTENSION}fix: {entry.fix}")
        if entry.case:
            _sub(concept, ns + "note", f"{EXTENSION}case: {entry.case}")
        if entry.level != "warning":
            _sub(concept, ns + "note", f"{EXTENSION}level: {entry.level}")
        russian = _sub(concept, ns + "langSec", **{XML_LANG: "ru"})
        _sub(_sub(russian, ns + "termSec"), ns + "term", entry.ru)
        english = _sub(concept, ns + "langSec", **{XML_LANG: "en"})
        preferred = _sub(english, ns + "termSec")
        _sub(preferred, ns + "term", entry.en if not entry.omit else OMITTED)
        _sub(preferred, ns + "termNote", PREFERRED, type="administrativeStatus")
        for example in entry.ok:
            _sub(preferred, ns + "descrip", example, type="context")
        _sub(preferred, ns + "admin", entry.ref, type="source")
        for index, variant in enumerate(entry.variants):
            deprecated = _sub(english, ns + "termSec")
            _sub(deprecated, ns + "term", variant.form)
            _sub(deprecated, ns + "termNote", DEPRECATED, type="administrativeStatus")
            if variant.en is not None:
                _sub(deprecated, ns + "note", f"{EXTENSION}en: {variant.en}")
            if variant.fix:
                _sub(deprecated, ns + "note", f"{EXTENSION}fix: {variant.fix}")
            if variant.level:
                _sub(deprecated, ns + "note", f"{EXTENSION}level: {variant.level}")
            if index == 0:
                for example in entry.examples:
                    _sub(deprecated, ns + "descrip", example.text, type="context")
                    if example.fixed is not None:
                        _sub(deprecated, ns + "note", f"{EXTENSION}fixed: {example.text} => {example.fixed}")
        for rendering in entry.also:
            admitted = _sub(english, ns + "termSec")
            _sub(admitted, ns + "term", rendering)
            _sub(admitted, ns + "termNote", ADMITTED, type="administrativeStatus")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def from_tbx(data: bytes, name: str) -> list[Entry]:
    """Entries from a TBX file: TBX v3 (TBX-Basic, TBX-Core; DCA or DCT style) or
    TBX 2008 (martif). tqa's own export comes back whole; a file another tool
    wrote with terms and their status only gets what can be read from it: the
    avoided terms as `flag` examples, the preferred one as the `ok` example, a
    note saying what the termbase says and the termbase itself as the reference.
    A concept that lacks what an entry needs is a UserError naming the file, the
    concept's line and the missing element (every such concept is listed)."""
    entries, missing = _read_tbx(data, name)
    if missing:
        raise _all_of(name, missing)
    return entries


def _read_tbx(data: bytes, name: str) -> tuple[list[Entry], list[tuple[int, str]]]:
    """The entries of the complete concepts, and (line, what is missing) for the others."""
    root, lines = _parse(data, name)
    termbase = _termbase(root, name)
    entries = []
    missing: list[tuple[int, str]] = []
    concepts = [element for element in root.iter() if _local(element.tag) in ("conceptEntry", "termEntry")]
    if not concepts:
        raise UserError(_("no conceptEntry (or termEntry) in the file: is it TBX?"), name, 1)
    ids: set[str] = set()
    for number, concept in enumerate(concepts, start=1):
        line = lines.get(id(concept), 1)
        fields, problems = _concept_fields(concept, number, termbase)
        if fields["id"] in ids:
            fields["id"] = f"{fields['id']}-{number}"
        ids.add(fields["id"])
        if problems:
            label = concept.get("id") or f"#{number}"
            missing += [(line, _("conceptEntry `{id}`: {problem}").format(id=label, problem=p)) for p in problems]
            continue
        entries.append(
            Entry(
                **{
                    key: tuple(value) if isinstance(value, list) else value
                    for key, value in fields.items()
                    if key in Entry.__dataclass_fields__
                },
                path=name,
                line=line,
            )
        )
    return entries, missing


def imported_tbx(
    data: bytes, name: str, base: Sequence[Entry], skip_incomplete: bool = False
) -> tuple[list[Entry], list[str]]:
    """Entries from a TBX file (see `from_tbx`), validated as a glossary file
    layered over the `base` entries, and warnings. A concept that cannot become
    a valid entry (it lacks an element; it conflicts with another entry; an
    example does not match) is a UserError at its line, or, `skip_incomplete`,
    left out with a warning `FILE:LINE: what` (an error still when none is left)."""
    from tqa.glossary.load import layered
    from tqa.glossary.matcher import Matcher
    from tqa.glossary.validate import validate_entries

    entries, problems = _read_tbx(data, name)
    merged = layered(list(base), entries)
    invalid = [(p.line, p.message) for p in validate_entries(merged, Matcher(merged)) if p.path == name]
    problems = sorted(problems + invalid, key=lambda problem: problem[0])
    if problems and (not skip_incomplete or not entries):
        raise _all_of(name, problems)
    starts = [entry.line for entry in entries]  # in file order: a problem belongs to the last entry begun before it
    wrong = {bisect.bisect_right(starts, line) - 1 for line, _message in invalid}
    kept = [entry for index, entry in enumerate(entries) if index not in wrong]
    if not kept:
        raise _all_of(name, problems)
    return kept, [f"{name}:{line}: {message}" for line, message in problems]


def _all_of(name: str, problems: list[tuple[int, str]]) -> UserError:
    """One error for every problem of a file: the first as the error, the rest on lines of their own."""
    (line, first), rest = problems[0], problems[1:]
    return UserError("\n".join([first, *(f"{name}:{at}: {message}" for at, message in rest)]), name, line)


def _parse(data: bytes, name: str) -> tuple[ET.Element, dict[int, int]]:
    """The element tree and the line each element starts on (by the element's id())."""
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = builder.start(_clark(tag), {_clark(key): value for key, value in attributes.items()})
        lines[id(element)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        message = _("not well-formed TBX: {error}").format(error=error)
        raise UserError(message, name, error.lineno) from None
    return builder.close(), lines


def _clark(tag: str) -> str:
    """expat's `uri local` as ElementTree's `{uri}local`."""
    uri, _sep, local = tag.rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) in names]


def _typed(element: ET.Element, kind: str, *types: str) -> list[str]:
    """Texts of child elements `kind` with a `type` of `types`, or (TBX v3 DCT
    style) of child elements named like one of the types."""
    found = []
    for child in element:
        local = _local(child.tag)
        if (local == kind and child.get("type") in types) or local in types:
            found.append((child.text or "").strip())
    return found


def _termbase(root: ET.Element, name: str) -> str:
    """How an imported entry cites its termbase: its title and its file (in
    English, as glossary data is written)."""
    title = next((" ".join((e.text or "").split()) for e in root.iter() if _local(e.tag) == "title"), "")
    file = Path(name).name
    return f"TBX termbase “{title}” ({file})" if title else file


def _status(term_section: ET.Element) -> str:
    """preferred, admitted, deprecated or "" (not stated), from administrativeStatus
    or normativeAuthorization, in TBX v3 and TBX 2008 spellings."""
    values = _typed(term_section, "termNote", "administrativeStatus", "normativeAuthorization")
    for group in _children(term_section, "termGrp"):
        values += _typed(group, "termNote", "administrativeStatus", "normativeAuthorization")
    for value in values:
        word = value.removesuffix("-admn-sts").removesuffix("Term").lower()
        if word in ("preferred", "admitted", "deprecated"):
            return word
        if word in ("superseded", "obsolete", "forbidden", "notrecommended"):
            return "deprecated"
    return ""


def _term(term_section: ET.Element) -> str:
    terms = _children(term_section, "term") or [
        t for g in _children(term_section, "termGrp") for t in _children(g, "term")
    ]
    return " ".join((terms[0].text or "").split()) if terms else ""


def _language(section: ET.Element) -> str:
    return (section.get(XML_LANG) or section.get("lang") or "").lower()


def _concept_fields(concept: ET.Element, number: int, termbase: str) -> tuple[dict, list[str]]:
    """The entry's fields read from one concept, and what it lacks."""
    fields: dict = {
        "id": concept.get("id", ""),
        "avoid": [],
        "variants": [],
        "also": [],
        "flag": [],
        "examples": [],
        "ok": [],
        "fix": "unsafe",
        "case": "",
        "level": "warning",
        "omit": False,
    }
    subject = " ".join(_typed(concept, "descrip", "subjectField")).lower()
    fields["domain"] = subject if subject in DOMAINS else next((d for d in DOMAINS if d in subject), "general")
    kind = " ".join(_typed(concept, "admin", "projectSubset"))
    fields["kind"] = kind if kind in KINDS else "term"
    notes = [" ".join((n.text or "").split()) for n in _children(concept, "note")]
    notes += _typed(concept, "descrip", "definition")
    fields["note"] = " ".join(n for n in notes if n and not n.startswith(EXTENSION))
    for note in notes:
        if note.startswith(EXTENSION):
            key, _sep, value = note[len(EXTENSION) :].partition(":")
            if key.strip() in EXTENSION_FIELDS:
                fields[key.strip()] = value.strip()
    sources = _typed(concept, "admin", "source") + _typed(concept, "descrip", "source")
    fields["ref"] = sources[0] if sources else ""
    untyped: list[str] = []
    for section in _children(concept, "langSec", "langSet"):
        language = _language(section)
        for term_section in _children(section, "termSec", "tig", "ntig"):
            term = _term(term_section)
            if not term:
                continue
            status = _status(term_section)
            contexts = _typed(term_section, "descrip", "context")
            # Another tool's notes on a term (`MT calque; use the preferred term`) join the entry's note.
            said = [" ".join((n.text or "").split()) for n in _children(term_section, "note")]
            fields["note"] = " ".join(n for n in (fields["note"], *said) if n and not n.startswith(EXTENSION))
            if language.startswith("ru"):
                fields.setdefault("ru", term)
            elif not language.startswith("en"):
                continue
            elif status == "preferred" and "en" not in fields:
                fields["en"] = "" if term == OMITTED else term
                fields["omit"] = term == OMITTED
                fields["ok"] += contexts
                sources = _typed(term_section, "admin", "source") + _typed(term_section, "descrip", "source")
                fields["ref"] = sources[0] if sources else fields["ref"]
            elif status in ("admitted", "preferred"):
                fields["also"].append(term)
            elif status == "deprecated":
                fields["avoid"].append(term)
                fields["variants"].append(_variant(term, term_section))
                fixed = dict(_fixed(term_section))
                examples = [Example(context, fixed.get(context)) for context in contexts]
                fields["flag"] += [example.text for example in examples]
                fields["examples"] += examples
            else:
                untyped.append(term)
    if "en" not in fields and untyped:
        fields["en"], untyped = untyped[0], untyped[1:]
    fields["also"] += untyped
    return _completed(fields, number, termbase)


def _completed(fields: dict, number: int, termbase: str) -> tuple[dict, list[str]]:
    """Fields another tool's TBX has no place for, filled from what it has; the problems left."""
    problems = []
    if not _ID.match(fields["id"]):
        fields["id"] = _slug(fields["id"]) or _slug(fields.get("en", "")) or f"tbx-{number}"
    if "ru" not in fields:
        problems.append(_('no Russian term: add <langSec xml:lang="ru"><termSec><term>…</term></termSec></langSec>'))
    elif not re.search("[а-яёА-ЯЁ]", fields["ru"]):
        problems.append(_("the Russian term `{term}` is not written in Cyrillic").format(term=fields["ru"]))
    if "en" not in fields:
        problems.append(
            _(
                'no preferred English term: add to <langSec xml:lang="en"> a <termSec> with <term> and '
                '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>'
            )
        )
    if not fields["avoid"]:
        problems.append(
            _(
                'no English term to avoid (tqa reports only those): add to <langSec xml:lang="en"> a <termSec> with '
                '<term> and <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>'
            )
        )
    if problems:
        return fields, problems
    if not fields["flag"]:
        fields["flag"] = list(fields["avoid"])
        fields["examples"] = [Example(form) for form in fields["avoid"]]
    if not fields["ok"]:
        fields["ok"] = list(fields["en"] and [fields["en"]]) or list(fields["also"][:1])
    if not fields["note"]:
        fields["note"] = "{termbase} prefers `{en}` for «{ru}» and deprecates {avoid}.".format(
            termbase=termbase,
            en=fields["en"] or "(omit the phrase)",
            ru=fields["ru"],
            avoid=", ".join(f"`{form}`" for form in fields["avoid"]),
        )
    if not fields["ref"]:
        fields["ref"] = termbase
    if not fields["ok"]:
        problems.append(_("no English term a text may use: the entry needs an `ok` example"))
    return fields, problems


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _extension_notes(term_section: ET.Element) -> list[tuple[str, str]]:
    notes = []
    for note in _children(term_section, "note"):
        text = note.text or ""
        if text.startswith(EXTENSION):
            key, _sep, value = text[len(EXTENSION) :].partition(": ")
            notes.append((key, value))
    return notes


def _variant(term: str, term_section: ET.Element) -> Variant:
    notes = dict(_extension_notes(term_section))
    return Variant(term, notes.get("en"), notes.get("fix", ""), notes.get("level", ""))


def _fixed(term_section: ET.Element) -> list[tuple[str, str]]:
    """(example, fixed sentence) pairs from `tqa-fixed: example => fixed` notes."""
    pairs = []
    for key, value in _extension_notes(term_section):
        if key == "fixed" and " => " in value:
            text, _sep, fixed = value.partition(" => ")
            pairs.append((text, fixed))
    return pairs


def to_csv(entries: Iterable[Entry]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for entry in entries:
        row = []
        for field in CSV_FIELDS:
            value = getattr(entry, field)
            row.append(
                LIST_SEPARATOR.join(value)
                if isinstance(value, tuple)
                else str(value).lower()
                if isinstance(value, bool)
                else value
            )
        writer.writerow(row)
    return stream.getvalue()


def to_po(entries: Iterable[Entry]) -> str:
    """A PO catalog: msgctxt = entry id, msgid = Russian, msgstr = preferred English."""
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en", "X-Source-Language": "ru"}
    for entry in entries:
        po.append(
            polib.POEntry(
                msgctxt=entry.id,
                msgid=entry.ru,
                msgstr=entry.en,
                comment=f"{entry.kind}, {entry.domain}. {entry.note}",
                tcomment=_("avoid: {forms}").format(forms="; ".join(entry.avoid)) + f"\nref: {entry.ref}",
            )
        )
    return str(po)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _avoid_toml(entry: Entry) -> str:
    items = []
    for variant in entry.variants:
        if variant.en is None and not variant.fix and not variant.level:
            items.append(_quoted(variant.form))
            continue
        parts = [f"form = {_quoted(variant.form)}"]
        if variant.en is not None:
            parts.append(f"en = {_quoted(variant.en)}")
        if variant.fix:
            parts.append(f"fix = {_quoted(variant.fix)}")
        if variant.level:
            parts.append(f"level = {_quoted(variant.level)}")
        items.append("{ " + ", ".join(parts) + " }")
    return "[" + ", ".join(items) + "]"


def _flag_toml(entry: Entry) -> str:
    items = [
        _quoted(example.text)
        if example.fixed is None
        else f"{{ text = {_quoted(example.text)}, fixed = {_quoted(example.fixed)} }}"
        for example in entry.examples
    ]
    return "[" + ", ".join(items) + "]"


def to_toml(entries: Iterable[Entry]) -> str:
    """Glossary TOML in the format of glossary/*.toml."""
    blocks = []
    for entry in entries:
        lines = ["[[entry]]"]
        for field in CSV_FIELDS:
            value = getattr(entry, field)
            if field in ("case", "omit") and not value:
                continue
            if field == "avoid":
                lines.append(f"avoid = {_avoid_toml(entry)}")
            elif field == "flag":
                lines.append(f"flag = {_flag_toml(entry)}")
            else:
                lines.append(f"{field} = {_toml_value(value)}")
            if field == "en" and entry.also:
                lines.append(f"also = {_toml_value(entry.also)}")
            if field == "fix" and entry.level != "warning":
                lines.append(f"level = {_toml_value(entry.level)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
