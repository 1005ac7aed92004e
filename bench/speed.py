"""How fast `tqa check` is: throughput, start-up, peak memory, growth with size, --jobs, against proselint.

Usage: python bench/speed.py [--quick] [--glossary-only] [--stages]

The corpus (bench/corpus/, git-ignored) is the seed article and the WMT21
English files rebuilt into articles, cycled into files of news-article size
(at least 5 KB, 600–900 words; the WMT21 documents are 1 KB excerpts): folders
of 1, 10 and 100 MB (--quick skips 100 MB). Every timing is of a whole
process, the installed `tqa check --exit-zero` with the default rules and its
output sent to /dev/null. proselint runs from its own venv,
bench/.proselint-venv, made on first use; it is never a dependency of tqa.
--glossary-only times the glossary matcher alone, in this process, on one core.
--stages times, in this process, each rule and the document structure the
rules share, over the 10 MB corpus: where one process spends its time.
MB here is 10^6 bytes.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wmt import REFERENCES, SYSTEMS, articles

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus"
SEED = BENCH.parent / "seeds" / "000_c3de124dd1822b05.txt"
PROSELINT_VENV = BENCH / ".proselint-venv"
TQA = Path(sys.executable).parent / "tqa"
GNU_TIME = Path("/usr/bin/time")
MB = 1_000_000
FILES_PER_FOLDER = 1000
ARTICLE_BYTES = 5000
GLOSSARY_RULES = ("T501", "T502", "T503", "T504", "N601")


def pool() -> list[tuple[str, str]]:
    """(name, text) of every source article: the seed and each WMT21 English file's articles."""
    found = [("seed", SEED.read_text(encoding="utf-8"))]
    for file in REFERENCES + SYSTEMS:
        found.extend((f"{file.removesuffix('.en')}_{doc}", text) for doc, text in articles(file))
    return found


def articles_of_news_size() -> Iterator[tuple[str, str]]:
    """The pool cycled into articles of at least ARTICLE_BYTES: the WMT21 documents
    are excerpts of about 1 KB, a news article runs to 600–900 words (4–6 KB)."""
    parts: list[str] = []
    size = 0
    for name, text in itertools.cycle(pool()):
        parts.append(text.strip("\n"))
        size += len(text.encode("utf-8"))
        if size >= ARTICLE_BYTES:
            yield name, "\n\n".join(parts) + "\n"
            parts, size = [], 0


def build(megabytes: int) -> Path:
    """A folder of at least `megabytes` MB of articles (kept once built)."""
    folder = CORPUS / f"{megabytes}mb-{ARTICLE_BYTES // 1000}kb"
    marker = folder / ".built"
    if marker.is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    total = 0
    for index, (name, text) in enumerate(articles_of_news_size()):
        if total >= megabytes * MB:
            break
        path = folder / f"{index // FILES_PER_FOLDER:04d}" / f"{index:06d}_{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        total += path.write_bytes(text.encode("utf-8"))
    marker.write_text(f"{total}\n")
    return folder


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


def run(command: list[str], accept: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall-clock seconds of one process and its peak resident memory in KB."""
    prefix = [str(GNU_TIME), "-v"] if GNU_TIME.is_file() else []
    started = time.perf_counter()
    done = subprocess.run(prefix + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in accept:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    # Without GNU time: the largest child so far (runs go from small to large).
    peak = int(found.group(1)) if found else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak


def median_run(command: list[str], times: int, accept: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Median seconds of `times` runs and the highest peak memory among them."""
    results = [run(command, accept) for _ in range(times)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def check(folder: Path, *options: str) -> list[str]:
    return [str(TQA), "check", "--exit-zero", *options, str(folder)]


def proselint() -> Path:
    """proselint's executable in its own venv, installed on first use."""
    executable = PROSELINT_VENV / "bin" / "proselint"
    if not executable.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
        subprocess.run([str(PROSELINT_VENV / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return executable


def glossary_only(folder: Path) -> None:
    from tqa.glossary.compiled import load_glossary

    started = time.perf_counter()
    matcher = load_glossary().matcher
    print(f"glossary: {len(matcher.entries)} entries compiled in {time.perf_counter() - started:.2f} s")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    timings, found = [], 0
    for _ in range(3):
        started = time.perf_counter()
        found = sum(len(matcher.find(text)) for text in texts)
        timings.append(time.perf_counter() - started)
    seconds = statistics.median(timings)
    print(f"matcher.find on {size / MB:.1f} MB in {len(texts)} files: {seconds:.2f} s (median of 3), ", end="")
    print(f"{size / MB / seconds:.1f} MB/s on one core, {found} matches")
    from tqa.pipeline.check import check_document
    from tqa.rules import ALL_RULES
    from tqa.text.document import Document

    glossary_rules = [rule for rule in ALL_RULES if rule.code in GLOSSARY_RULES]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            check_document(Document("x", text), glossary_rules)
        timings.append(time.perf_counter() - started)
    seconds = statistics.median(timings)
    print(
        f"glossary rules ({', '.join(GLOSSARY_RULES)}) through the engine: {size / MB / seconds:.1f} MB/s on one core"
    )


def stages(folder: Path) -> None:
    from tqa.glossary.compiled import load_glossary
    from tqa.rules import ALL_RULES
    from tqa.text.document import Document
    from tqa.text.textio import read_file

    load_glossary()
    files = sorted(folder.rglob("*.txt"))
    started = time.perf_counter()
    texts = [read_file(path).text for path in files]
    timings = {"reading": time.perf_counter() - started}
    shared = {
        "paragraphs": lambda doc: doc.paragraphs,
        "protected spans": lambda doc: doc.protected,
        "has Cyrillic": lambda doc: doc.has_cyrillic,
    }
    for _ in range(3):  # the best of three: stages run in order, each on fresh documents' caches
        docs = [Document(str(path), text) for path, text in zip(files, texts, strict=True)]
        steps = list(shared.items())
        steps += [(f"{rule.code} {rule.name}", lambda doc, rule=rule: list(rule.check(doc))) for rule in ALL_RULES]
        for name, step in steps:
            started = time.perf_counter()
            for doc in docs:
                step(doc)
            timings[name] = min(timings.get(name, float("inf")), time.perf_counter() - started)
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(f"in-process stages over {size / MB:.1f} MB in {len(files)} files (best of 3; a stage that")
    print("first computes something the rules share, such as the glossary matches, is charged for it):")
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        if seconds >= 0.005:
            print(f"  {seconds:6.3f} s  {name}")
    total = sum(timings.values())
    print(f"  {total:6.3f} s  all stages: {size / MB / total:.1f} MB/s before reporting and start-up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100 MB corpus")
    parser.add_argument(
        "--glossary-only", action="store_true", help="time the glossary matcher and rules alone, in-process"
    )
    parser.add_argument("--stages", action="store_true", help="time each rule and shared structure, in-process")
    args = parser.parse_args()
    if args.glossary_only:
        glossary_only(build(10))
        return
    if args.stages:
        stages(build(10))
        return
    folders = {mb: build(mb) for mb in ((1, 10) if args.quick else (1, 10, 100))}
    print(
        f"corpus: {len(pool())} source articles (seed + WMT21 {len(REFERENCES + SYSTEMS)} files) cycled into {CORPUS}"
    )
    print(f"tqa: {TQA}; peak memory from {'/usr/bin/time -v' if GNU_TIME.is_file() else 'getrusage'}\n")

    one = CORPUS / "one-paragraph.txt"
    one.write_text(SEED.read_text(encoding="utf-8").split("\n\n")[0] + "\n", encoding="utf-8")
    startup, peak = median_run(check(one), 5)
    print(f"start-up, one paragraph: {startup:.3f} s (median of 5), peak {peak / 1000:.0f} MB")

    print(f"\n{'corpus':>8} {'files':>8} {'seconds':>9} {'MB/s':>7} {'peak MB':>8}  runs")
    rates: dict[int, float] = {}
    seconds_by_size: dict[int, float] = {}
    for mb, folder in folders.items():
        size, runs = size_of(folder), 1 if mb >= 100 else 3
        seconds, peak = median_run(check(folder), runs)
        rates[mb], seconds_by_size[mb] = size / MB / seconds, seconds
        files = sum(1 for _ in folder.rglob("*.txt"))
        print(f"{size / MB:>6.1f}MB {files:>8} {seconds:>9.2f} {rates[mb]:>7.2f} {peak / 1000:>8.0f}  {runs}")
    steps = itertools.pairwise(seconds_by_size.items())
    growth = ", ".join(f"{b} MB / {a} MB: {tb / ta:.1f}x the time" for (a, ta), (b, tb) in steps)
    print(f"growth: {growth} (linear is 10x)")
    print(f"throughput: {rates[10]:.2f} MB/s (10 MB, whole process, median of 3)")

    help_text = subprocess.run([str(TQA), "check", "--help"], capture_output=True, text=True).stdout
    if "--jobs" in help_text:
        for mb in (size for size in (10, 100) if size in folders):
            runs = 1 if mb >= 100 else 3
            print(
                f"\n--jobs on {mb} MB ({'one run' if runs == 1 else f'median of {runs}'}; speed-up over one process):"
            )
            for jobs in sorted({2, 4, os.cpu_count() or 1}):
                seconds, peak = median_run(check(folders[mb], "--jobs", str(jobs)), runs)
                speedup = seconds_by_size[mb] / seconds
                rate = size_of(folders[mb]) / MB / seconds
                print(f"  --jobs {jobs}: {seconds:.2f} s, {rate:.2f} MB/s, {speedup:.2f}x, peak {peak / 1000:.0f} MB")
    else:
        print("\n--jobs: not available")

    sample, executable = folders[1], proselint()
    version = subprocess.run([str(executable), "version"], capture_output=True, text=True).stdout.strip()
    seconds, peak = run([str(executable), "check", str(sample)], accept=(0, 1))
    rate = size_of(sample) / MB / seconds
    print(
        f"\n{version or 'proselint'} on the {size_of(sample) / MB:.1f} MB corpus: {seconds:.1f} s (one run), ", end=""
    )
    print(f"{rate:.3f} MB/s, peak {peak / 1000:.0f} MB")
    print(f"tqa/proselint on the same 1 MB: {rates[1] / rate:.1f}x; tqa's 10 MB throughput / proselint: ", end="")
    print(f"{rates[10] / rate:.1f}x")


if __name__ == "__main__":
    main()
