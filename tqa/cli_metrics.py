"""`tqa score` and `tqa eval`: the commands and their text and JSON reports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from tqa.cli_errors import user_errors
from tqa.errors import UserError
from tqa.i18n import _, ngettext
from tqa.rules import ALL_RULES

if TYPE_CHECKING:  # imported when a command runs: start-up time matters
    from tqa.evaluation import Evaluation, Result
    from tqa.metrics import Aligned

_PAIRING = _(
    "HYP and each REF are files with one segment a line, or folders of articles "
    "paired by relative name (reference files without a hypothesis are ignored): "
    "an article's segments are its paragraphs (blocks between blank lines), or "
    "its lines when it has no blank line."
)
_reference_option = click.option(
    "--ref",
    "references",
    multiple=True,
    required=True,
    metavar="REF",
    help=_("A reference translation, aligned with HYP; repeat for several."),
)
_format_option = click.option(
    "--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True, help=_("How to print.")
)
_chrf_plus_option = click.option("--chrf-plus", is_flag=True, help=_("chrF++ (word unigrams and bigrams too)."))


def _load(hypotheses: Sequence[str], references: Sequence[str], source: str | None = None) -> list[Aligned]:
    from tqa.metrics import load

    docs = [doc for hypothesis in hypotheses for doc in load(hypothesis, references, source)]
    if not any(doc.hypothesis for doc in docs):
        raise UserError(_("nothing to score: no segments"), hypotheses[0])
    return docs


def _table(rows: list[list[str]], left: int) -> str:
    """Columns padded to their widest cell; the first `left` aligned left, the rest right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


@click.command(
    help=_("Score HYP against references with sacrebleu: corpus BLEU, chrF (or chrF++) and TER.") + "\n\n" + _PAIRING
)
@click.argument("hypothesis", metavar="HYP")
@_reference_option
@_chrf_plus_option
@click.option("--sentence", is_flag=True, help=_("Also score each segment (BLEU with effective order)."))
@_format_option
def score(hypothesis: str, references: tuple[str, ...], chrf_plus: bool, sentence: bool, output_format: str) -> None:
    from tqa.metrics import corpus_scores, metrics, sentence_scores

    with user_errors():
        docs = _load([hypothesis], references)
    hyps = [h for doc in docs for h in doc.hypothesis]
    refs = [[r for doc in docs for r in doc.references[k]] for k in range(len(references))]
    corpus = corpus_scores(hyps, refs, metrics(chrf_plus))
    names = [s.name for s in corpus]
    rows: list[tuple[str, int, list[float]]] = []
    signatures: dict[str, str] = {}
    if sentence:
        per_segment = metrics(chrf_plus, sentence=True)
        for doc in docs:
            scores = sentence_scores(doc.hypothesis, doc.references, per_segment)
            rows.extend((doc.name, index, values) for index, values in enumerate(scores, 1))
        signatures = {n: str(m.get_signature()) for n, m in zip(names, per_segment)}
    if output_format == "json":
        report: dict = {
            "corpus": [{"name": s.name, "score": round(s.score, 4), "signature": s.signature} for s in corpus]
        }
        if sentence:
            report["sentence_signatures"] = signatures
            report["segments"] = [
                {"file": name, "segment": index, "scores": {n: round(v, 4) for n, v in zip(names, values)}}
                for name, index, values in rows
            ]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for s in corpus:
        click.echo(s.line)
    if sentence:
        listed = "  ".join(f"{n}|{signature}" for n, signature in signatures.items())
        click.echo("\n" + _("Each segment: {signatures}").format(signatures=listed))
        body = [[name, str(index), *(f"{v:.2f}" for v in values)] for name, index, values in rows]
        click.echo(_table([[_("file"), _("segment"), *names], *body], 1))


def _version_labels() -> dict[str, str]:
    return {"before": _("none"), "safe": _("safe"), "unsafe": _("safe+unsafe")}


def _result_json(result: Result) -> dict:
    return {
        "file": result.name,
        "segments": result.segments,
        "chrf": {v: round(s, 4) for v, s in result.chrf.items()},
        "ter": {v: round(s, 4) for v, s in result.ter.items()},
        **{v: vars(counts) for v, counts in result.counts.items()},
    }


def warnings(evaluation: Evaluation) -> list[str]:
    """One line for each rule whose safe fixes hurt more often than they help."""
    lines = []
    for effect in evaluation.rules:
        if effect.hurts_when_safe:
            message = ngettext(
                "{code} {name}: its safe fixes lowered sentence chrF in {hurt} segment and raised it in {helped}; "
                "a fix that hurts more often than it helps must not be safe",
                "{code} {name}: its safe fixes lowered sentence chrF in {hurt} segments and raised it in {helped}; "
                "a fix that hurts more often than it helps must not be safe",
                effect.counts.worsened,
            )
            counts = effect.counts
            lines.append(
                message.format(code=effect.code, name=effect.name, hurt=counts.worsened, helped=counts.improved)
            )
    return lines


def evaluation_json(evaluation: Evaluation) -> dict:
    rules = [
        {
            "code": e.code,
            "name": e.name,
            "applicability": e.applicability,
            "changed": e.counts.changed,
            "helped": e.counts.improved,
            "hurt": e.counts.worsened,
            "hurts_when_safe": e.hurts_when_safe,
        }
        for e in evaluation.rules
    ]
    return {
        "signatures": evaluation.signatures,
        "files": [{**_result_json(r), "changes": r.changes} for r in evaluation.files],
        "overall": _result_json(evaluation.overall),
        "rules": rules,
        "warnings": warnings(evaluation),
    }


def _score_rows(result: Result, label: str) -> list[list[str]]:
    """Three rows (no fixes, safe, safe+unsafe) of counts and scores with their change."""
    rows = []
    labels = _version_labels()
    for v in result.chrf:
        chrf, ter = result.chrf[v], result.ter[v]
        if v == "before":
            cells = [label, labels[v], str(result.segments), "", "", "", f"{chrf:.2f}", f"{ter:.2f}"]
        else:
            counts = result.counts[v]
            cells = ["", labels[v], "", str(counts.changed), str(counts.improved), str(counts.worsened)]
            cells.append(f"{chrf:.2f} ({chrf - result.chrf['before']:+.2f})")
            cells.append(f"{ter:.2f} ({ter - result.ter['before']:+.2f})")
        rows.append(cells)
    return rows


def evaluation_text(evaluation: Evaluation) -> str:
    """The score table, the per-rule table and the warnings."""
    out = [f"chrF: {evaluation.signatures['chrf']}", f"TER:  {evaluation.signatures['ter']}", ""]
    rows = [[_("file"), _("fixes"), _("segments"), _("changed"), _("improved"), _("worsened"), "chrF", "TER"]]
    for result in evaluation.files:
        rows.extend(_score_rows(result, result.name))
    if len(evaluation.files) > 1:
        rows.extend(_score_rows(evaluation.overall, _("all files")))
    out.extend([_table(rows, 2), ""])
    if not evaluation.rules:
        out.append(_("No rule changed anything."))
    else:
        applicability = {"safe": _("safe"), "unsafe": _("unsafe")}
        header = [_("rule"), _("name"), _("fixes"), _("changed"), _("helped"), _("hurt")]
        body = [
            [
                e.code,
                e.name,
                applicability[e.applicability],
                *map(str, (e.counts.changed, e.counts.improved, e.counts.worsened)),
            ]
            for e in evaluation.rules
        ]
        out.append(_("Each rule alone: segments its fixes changed, and whose sentence chrF they raised or lowered"))
        out.append(_table([header, *body], 3))
    out.extend(f"{_('warning')}: {line}" for line in warnings(evaluation))
    return "\n".join(out)


@click.command(
    help=_(
        "Apply tqa's fixes to each HYP (safe ones, then safe and unsafe) and measure them against the references: "
        "chrF and TER before and after; segments changed, improved and worsened (sentence chrF); and for each rule "
        "run alone, how often its fixes helped or hurt (unsafe fixes measured against the rule's safe result). "
        "chrF counts whitespace here (sacrebleu space:yes), since most fixes only move a quote or a space. "
        "Segments a fix merges are scored as one, against their references joined. "
        "Warns about any rule whose safe fixes hurt more often than they help."
    )
    + "\n\n"
    + _PAIRING
)
@click.argument("hypotheses", nargs=-1, required=True, metavar="HYP...")
@_reference_option
@click.option("--source", metavar="SRC", help=_("The source text, aligned like REF; shown with each change in JSON."))
@_chrf_plus_option
@_format_option
def evaluate(
    hypotheses: tuple[str, ...], references: tuple[str, ...], source: str | None, chrf_plus: bool, output_format: str
) -> None:
    from tqa.evaluation import evaluate_fixes

    with user_errors():
        docs = _load(hypotheses, references, source)
    evaluation = evaluate_fixes(docs, ALL_RULES, chrf_plus)
    if output_format == "json":
        click.echo(json.dumps(evaluation_json(evaluation), ensure_ascii=False, indent=2))
    else:
        click.echo(evaluation_text(evaluation))
