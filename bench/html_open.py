"""How fast the HTML review report of 1,000 articles opens in a browser.

Usage: python bench/html_open.py [--articles N] [--runs N]

Builds N articles (default 1,000) in bench/corpus/html/: the WMT21 documents
of the five systems, each paired with its Russian original (NAME.en.txt beside
NAME.ru.txt), and of the two human references, cycled to N. Writes the report
with the installed `tqa check --output-format html` (timed), then opens it in
headless Chromium (/usr/bin/chromium, over the DevTools pipe of
tests/chromium.py), --runs times (default 5), and prints:
  open: from navigation start to the overview's first render (the page sets
        data-ready to performance.now() when it is drawn), the median and the worst;
  article: opening the article with the most findings (click to rendered),
           the median and the worst.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import CHROMIUM, Browser
from wmt import REFERENCES, SYSTEMS, articles

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus" / "html"
TQA = Path(sys.executable).parent / "tqa"
TARGET_MS = 2000


def build(count: int) -> Path:
    """The articles, in a fresh folder."""
    folder = CORPUS / "articles"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = dict(articles("src.ru"))
    pool = [
        (f"{name.removesuffix('.en')}_{doc}", text, sources[doc]) for name in SYSTEMS for doc, text in articles(name)
    ]
    pool += [(f"{name.removesuffix('.en')}_{doc}", text, None) for name in REFERENCES for doc, text in articles(name)]
    for number in range(count):
        name, text, source = pool[number % len(pool)]
        stem = f"{number:04d}_{name}"
        (folder / f"{stem}.en.txt").write_text(text, encoding="utf-8")
        if source is not None:
            (folder / f"{stem}.ru.txt").write_text(source, encoding="utf-8")
    return folder


def report(folder: Path) -> tuple[Path, float]:
    out = CORPUS / "report.html"
    start = time.perf_counter()
    subprocess.run(
        [
            str(TQA),
            "check",
            "--no-cache",
            "--no-respect-gitignore",
            "--exit-zero",
            "--output-format",
            "html",
            "-o",
            str(out),
            str(folder),
        ],
        check=True,
    )
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    folder = build(options.articles)
    out, seconds = report(folder)
    print(f"report: {options.articles} articles, {out.stat().st_size / 1e6:.1f} MB, written in {seconds:.1f} s")
    opens, views = [], []
    with Browser() as browser:
        for _run in range(options.runs):
            browser.open(out)
            opens.append(float(browser.evaluate("document.documentElement.dataset.ready")))
            views.append(
                browser.evaluate(
                    """(() => { const data = JSON.parse(document.getElementById('tqa-data').textContent);
                    let most = 0;
                    data.files.forEach((f, i) => { if ((f.findings || []).length > (data.files[most].findings || []).length) most = i; });
                    const start = performance.now();
                    document.querySelector(`#files tr[data-file="${most}"] button`).click();
                    document.querySelector('#article').getBoundingClientRect();  // layout done
                    return performance.now() - start; })()"""
                )
            )
        assert browser.errors == [], browser.errors
    print(f"open: median {statistics.median(opens):.0f} ms, worst {max(opens):.0f} ms (target {TARGET_MS} ms)")
    print(f"article: median {statistics.median(views):.0f} ms, worst {max(views):.0f} ms")


if __name__ == "__main__":
    main()
