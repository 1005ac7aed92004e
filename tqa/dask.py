"""tqa over a Dask bag: articles from any store Dask reads, checked on its workers.

`check_bag(articles)` takes a bag of articles (dicts such as the lines of a
JSON-lines archive, or `(path, text)` pairs) and gives a bag of findings, each
the object `tqa check --output-format json` prints for it, `filename` being
the article's path. The run-wide name check (N602, one name spelled two ways
across articles) makes it two passes: the first gathers each article's name
spellings (a few short lines an article) and findings, the second reads the
articles again and adds the names the rest of the bag spells otherwise.
Needs the dask extra: `pip install 'tqa[dask]'`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tqa.api import Codes, checked, plan
from tqa.errors import UserError
from tqa.i18n import _, current_language, set_language
from tqa.model import Finding as RuleFinding
from tqa.model import Rule
from tqa.pipeline.engine import add_name_findings
from tqa.pipeline.fix import within_reach
from tqa.pipeline.one_file import CROSS_FILE_RULE
from tqa.pipeline.plan import Plan, fix_codes
from tqa.pipeline.run import FileResult, Input
from tqa.report import located
from tqa.report.json_output import finding_object
from tqa.rules.names import CrossFileReport, NameIndex
from tqa.text.textio import Source

if TYPE_CHECKING:
    import dask.bag


@dataclass(frozen=True)
class Fields:
    """Where an article keeps its path, its text and maybe its Russian original."""

    path: str = "path"
    text: str = "text"
    source: str | None = None

    def read(self, article: Any) -> tuple[str, str, str | None]:
        if not isinstance(article, dict):
            path, text = article
            return str(path), text, None
        for name in (self.path, self.text):
            if not isinstance(article.get(name), str):
                raise UserError(
                    _("an article has no text field `{field}`; name its fields with path= and text=").format(field=name)
                )
        return article[self.path], article[self.text], article.get(self.source) if self.source else None


@dataclass(frozen=True)
class _Run:
    """What every partition needs: the plan, the fields, the message language."""

    plan: Plan
    fields: Fields
    markdown: bool
    language: str

    def check(self, article: Any) -> FileResult:
        set_language(self.language)
        path, text, source = self.fields.read(article)
        return checked(path, text, self.plan, source=source, markdown=self.markdown)

    @property
    def cross_file_rule(self) -> Rule | None:
        return next((rule for rule in self.plan.rules if rule.code == CROSS_FILE_RULE), None)


def check_bag(
    articles: dask.bag.Bag,
    *,
    path: str = "path",
    text: str = "text",
    source: str | None = None,
    select: Codes = None,
    ignore: Codes = None,
    glossary: Iterable[str | os.PathLike[str]] = (),
    markdown: bool = False,
    config: str | os.PathLike[str] | None = None,
) -> dask.bag.Bag:
    """A bag of findings (dicts shaped as in `--output-format json`), article by
    article in the bag's order and in text order within each.

    `path`, `text` and `source` name the fields of a dict article that hold its
    name (unique in the bag: findings are told by it), its text and its Russian
    original; the other arguments are those of `tqa.check_text`. The settings
    are checked here (a bad rule code or glossary raises UserError at once);
    glossary files must be readable at the same paths on the workers.

    Without the run-wide name check (`ignore="N602"`) nothing runs until the
    bag is computed, in one pass. With it, this call runs the first pass (its
    results, a few lines an article, are kept by the cluster) and the bag it
    returns is the second, which reads the articles again."""
    chosen = plan(select=select, ignore=ignore, glossary=glossary, config=config)
    run = _Run(chosen, Fields(path, text, source), markdown, current_language())
    if run.cross_file_rule is None:
        return articles.map_partitions(_findings_of, run)
    import dask.bag

    first = articles.map_partitions(_first_pass, run).persist()
    reports = _name_reports(first, chosen.settings.transliteration)
    return dask.bag.map_partitions(_second_pass, articles, first, reports, run)


def _findings_of(articles: Iterable[Any], run: _Run) -> list[dict]:
    """One pass: each article checked, its findings as JSON objects."""
    return [row for article in articles for row in _rows(run.check(article))]


def _rows(result: FileResult) -> list[dict]:
    return [finding_object(item) for item in located([result])]


def _first_pass(articles: Iterable[Any], run: _Run) -> list[tuple[str, list[RuleFinding], str]]:
    """Each article's path, findings and name spellings."""
    found = []
    for article in articles:
        result = run.check(article)
        found.append((result.input.path, result.findings, result.name_spellings))
    return found


def _name_reports(first: dask.bag.Bag, transliteration: str) -> dict[str, list[CrossFileReport]]:
    """Per article path, the names the other articles spell otherwise, in the bag's order."""
    names = NameIndex(transliteration)
    paths: list[str] = []
    for path, _findings, spellings in first.compute():
        names.add(spellings)
        paths.append(path)
    return {paths[index]: reports for index, reports in names.reports().items()}


def _second_pass(
    articles: Iterable[Any],
    found: Iterable[tuple[str, list[RuleFinding], str]],
    reports: dict[str, list[CrossFileReport]],
    run: _Run,
) -> list[dict]:
    """Each article's findings of the first pass, with the names told across the bag added."""
    rule = run.cross_file_rule
    rows = []
    for article, (path, findings, _spellings) in zip(articles, found, strict=True):
        set_language(run.language)
        result = FileResult(Input(path, path), Source(run.fields.read(article)[1]), list(findings))
        if rule is not None and path in reports:
            add_name_findings(result, reports[path], rule, run.plan.settings.glossary)
            result.findings = within_reach(result.findings, fix_codes(run.plan.settings))
        rows.extend(_rows(result))
    return rows
