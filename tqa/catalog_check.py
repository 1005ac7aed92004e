"""Checking and fixing gettext catalogs: every msgstr through the same engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tqa.model import Edit, Finding, Fix, Rule, finding_order

if TYPE_CHECKING:
    from tqa.formats import po

# The engine and the document model are imported where a catalog is checked: a
# run reads CatalogOptions (below) whether or not it checks anything.


def _to_file(unit: po.Unit, finding: Finding) -> Finding:
    """A finding in a msgstr, moved to the catalog's own offsets."""
    import polib

    from tqa.formats import po

    start = po.file_offset(unit, finding.start)
    end = po.file_offset(unit, finding.end - 1) + 1 if finding.end > finding.start else start
    fix = finding.fix
    if fix is not None:
        edits = []
        for edit in fix.edits:
            edit_start = po.file_offset(unit, edit.start)
            edit_end = po.file_offset(unit, edit.end - 1) + 1 if edit.end > edit.start else edit_start
            edits.append(Edit(edit_start, edit_end, polib.escape(edit.content)))
        fix = Fix(fix.title, tuple(edits), fix.applicability)
    return dataclasses.replace(finding, start=start, end=end, fix=fix)


@dataclass(frozen=True)
class CatalogOptions:
    """How to read catalogs: fuzzy entries too, and the languages when the header and text should not decide."""

    include_fuzzy: bool = False
    source_lang: str | None = None
    target_lang: str | None = None

    def translates_into_english(self, catalog: po.Catalog) -> bool:
        from tqa.formats import po

        if self.target_lang:
            return self.target_lang.lower().startswith("en")
        return po.target_is_english(catalog)

    def source_is_russian(self, catalog: po.Catalog) -> bool:
        from tqa.formats import po

        if self.source_lang:
            return self.source_lang.lower().startswith("ru")
        return po.source_is_russian(catalog)


DEFAULT_CATALOG_OPTIONS = CatalogOptions()


def _documents(catalog: po.Catalog, display: str, options: CatalogOptions):
    from tqa.text.document import Document

    russian = options.source_is_russian(catalog)
    for unit in catalog.units:
        if unit.fuzzy and not options.include_fuzzy:
            continue
        source = Document(display, unit.msgid, segmentation="blocks") if russian else None
        yield unit, source


def check_catalog(
    text: str,
    display: str,
    rules: Sequence[Rule],
    glossary_files: tuple[str, ...] = (),
    options: CatalogOptions = DEFAULT_CATALOG_OPTIONS,
) -> list[Finding]:
    from tqa.formats import po
    from tqa.pipeline.check import check_document
    from tqa.text.document import Document

    catalog = po.parse(text, display)
    if not options.translates_into_english(catalog):
        return []
    findings: list[Finding] = []
    for unit, source in _documents(catalog, display, options):
        doc = Document(display, unit.msgstr, segmentation="blocks", glossary_files=glossary_files, source=source)
        findings.extend(_to_file(unit, finding) for finding in check_document(doc, rules))
    findings.sort(key=finding_order)
    return findings


def fix_catalog(
    text: str,
    display: str,
    rules: Sequence[Rule],
    unsafe: bool,
    glossary_files: tuple[str, ...] = (),
    options: CatalogOptions = DEFAULT_CATALOG_OPTIONS,
    fix_codes: frozenset[str] | None = None,
) -> tuple[str, list[Finding], list[Finding]]:
    """The catalog with its msgstrs fixed (only `fix_codes`' fixes, when given), the
    fixes applied, and what remains."""
    from tqa.formats import po
    from tqa.pipeline.check import FixSettings, fix_text

    catalog = po.parse(text, display)
    if not options.translates_into_english(catalog):
        return text, [], []
    changes: list[tuple[po.Unit, str]] = []
    applied: list[Finding] = []
    for unit, source in _documents(catalog, display, options):
        settings = FixSettings(
            unsafe, segmentation="blocks", glossary_files=glossary_files, source=source, fix_codes=fix_codes
        )
        fixed, unit_applied, _remaining = fix_text(unit.msgstr, display, rules, settings)
        if fixed != unit.msgstr:
            changes.append((unit, fixed))
            applied.extend(unit_applied)
    fixed_text = po.rewrite(text, changes) if changes else text
    return fixed_text, applied, check_catalog(fixed_text, display, rules, glossary_files, options)
