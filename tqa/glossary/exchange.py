"""Glossary exchange formats: TBX-Basic (ISO 30042) export and import, CSV, PO, TOML."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from tqa.errors import UserError
from tqa.glossary.entry import Entry, Example, Variant
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
    """Entries from a TBX-Basic file; fields TBX cannot carry get tqa's defaults."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise UserError(_("not well-formed TBX: {error}").format(error=error), name, error.position[0]) from None
    ns = f"{{{TBX_NS}}}" if root.tag.startswith(f"{{{TBX_NS}}}") else ""
    entries = []
    for concept in root.iter(ns + "conceptEntry"):
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
        fields["domain"] = concept.findtext(f"{ns}descrip[@type='subjectField']", "general")
        fields["kind"] = concept.findtext(f"{ns}admin[@type='projectSubset']", "term")
        notes = [n.text or "" for n in concept.findall(ns + "note")]
        fields["note"] = " ".join(n for n in notes if not n.startswith(EXTENSION))
        for note in notes:
            if note.startswith(EXTENSION):
                key, _sep, value = note[len(EXTENSION) :].partition(":")
                if key.strip() in EXTENSION_FIELDS:
                    fields[key.strip()] = value.strip()
        fields["ref"] = ""
        for section in concept.findall(ns + "langSec"):
            language = section.get(XML_LANG, "")
            for term_section in section.findall(ns + "termSec"):
                term = term_section.findtext(ns + "term", "")
                status = term_section.findtext(f"{ns}termNote[@type='administrativeStatus']", PREFERRED)
                contexts = [c.text or "" for c in term_section.findall(f"{ns}descrip[@type='context']")]
                if language.startswith("ru"):
                    fields["ru"] = term
                elif status == PREFERRED:
                    fields["en"] = "" if term == OMITTED else term
                    fields["omit"] = term == OMITTED
                    fields["ok"] += contexts
                    fields["ref"] = term_section.findtext(f"{ns}admin[@type='source']", fields["ref"])
                elif status == ADMITTED:
                    fields["also"].append(term)
                else:
                    fields["avoid"].append(term)
                    fields["variants"].append(_variant(term, term_section, ns))
                    fields["flag"] += contexts
                    fixed = dict(_fixed(term_section, ns))
                    fields["examples"] += [Example(context, fixed.get(context)) for context in contexts]
        missing = [key for key in ("ru", "en") if key not in fields]
        if missing:
            raise UserError(
                _(
                    "conceptEntry `{id}` has no {language} term (a langSec with a termSec); every entry needs both"
                ).format(id=fields["id"], language=" or ".join(missing)),
                name,
                _line_of(data, fields["id"]),
            )
        fields["omit"] = fields["omit"] is True or fields["omit"] == "true"
        entries.append(
            Entry(
                **{
                    key: tuple(value) if isinstance(value, list) else value
                    for key, value in fields.items()
                    if key in Entry.__dataclass_fields__
                }
            )
        )
    return entries


def _line_of(data: bytes, concept_id: str) -> int | None:
    """The line of a conceptEntry in the TBX file, found by its id."""
    at = data.find(f'id="{concept_id}"'.encode()) if concept_id else -1
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def _extension_notes(term_section: ET.Element, ns: str) -> list[tuple[str, str]]:
    notes = []
    for note in term_section.findall(ns + "note"):
        text = note.text or ""
        if text.startswith(EXTENSION):
            key, _sep, value = text[len(EXTENSION) :].partition(": ")
            notes.append((key, value))
    return notes


def _variant(term: str, term_section: ET.Element, ns: str) -> Variant:
    notes = dict(_extension_notes(term_section, ns))
    return Variant(term, notes.get("en"), notes.get("fix", ""), notes.get("level", ""))


def _fixed(term_section: ET.Element, ns: str) -> list[tuple[str, str]]:
    """(example, fixed sentence) pairs from `tqa-fixed: example => fixed` notes."""
    pairs = []
    for key, value in _extension_notes(term_section, ns):
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
