"""The glossary's field values (kind, domain, fix safety) as `glossary lookup` and `stats` show them."""

from __future__ import annotations

from tqa.i18n import _


def label(value: str) -> str:
    """A kind, domain or fix value in the message language; an unknown one as written."""
    labels = {
        "acronym": _("acronym"),
        "calque": _("calque"),
        "connector": _("connector"),
        "institution": _("institution"),
        "person": _("person"),
        "place": _("place"),
        "term": _("term"),
        "title": _("title"),
        "treaty": _("treaty"),
        "diplomacy": _("diplomacy"),
        "economy": _("economy"),
        "general": _("general"),
        "law": _("law"),
        "media": _("media"),
        "military": _("military"),
        "politics": _("politics"),
        "security": _("security"),
        "safe": _("safe"),
        "unsafe": _("unsafe"),
        "display-only": _("display only"),
    }
    return labels.get(value, value)
