"""How fast `tqa check` is: the figures of the README's performance table.

Usage: python bench/speed.py [--quick] [--runs N] [--glossary-only] [--stages]
                             [--outputs save|check] [--critical-path]

Corpora (bench/corpus/, git-ignored, built on first use; MB is 10^6 bytes):
  (a) the WMT21 documents, one file each (about 1 KB), cycled to 10 MB;
  (b) articles of news size (5 KB: the seed and the WMT21 documents cycled) to
      10 MB and 100 MB (--quick skips 100 MB), and 2 MB for proselint;
  (c) corpus (a) concatenated into one 10 MB file, and a file of its first MB.
Every figure is of a whole process, the installed `tqa check --exit-zero`,
output to /dev/null, `--no-cache` unless the cache is measured, caches in a
folder of the benchmark's own. One-process figures are CPU time (user +
system, from wait4), the best of --runs (default 3): with other work on the
machine, wall-clock time of one process is noise. `--jobs` figures compare
wall-clock time, best of --runs, and CPU time process by process: the main
process's CPU time is the critical path of a run on idle cores (--critical-path
prints only that). Peak memory is the largest resident set.
proselint runs from its own venv, bench/.proselint-venv, made on first use;
it is never a dependency of tqa.
--glossary-only times the glossary matcher and the glossary rules alone, in this
process, on one core: CPU time, the best of --runs passes.
--stages times, in this process, the scan, each rule (where the scan does not
hold it back, as `tqa check` runs it) and the document structure the rules
share, over the 10 MB corpus (b): where one process spends its time (CPU time).
--outputs save keeps the JSON output on (a), (b) 10 MB and (c) in
bench/corpus/outputs/; --outputs check compares today's output with it byte
for byte: a change made for speed must not change a finding.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wmt import REFERENCES, SYSTEMS, articles

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus"
SEED = BENCH.parent / "seeds" / "000_c3de124dd1822b05.txt"
PROSELINT_VENV = BENCH / ".proselint-venv"
TQA = Path(sys.executable).parent / "tqa"
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
    return _write_corpus(CORPUS / f"{megabytes}mb-{ARTICLE_BYTES // 1000}kb", articles_of_news_size(), megabytes)


def build_documents(megabytes: int) -> Path:
    """Corpus (a): the WMT21 documents, one file each (about 1 KB), cycled to `megabytes` MB."""
    return _write_corpus(CORPUS / f"{megabytes}mb-documents", itertools.cycle(pool()), megabytes)


def _write_corpus(folder: Path, texts: Iterator[tuple[str, str]], megabytes: int) -> Path:
    """`folder` filled with (name, text) files up to `megabytes` MB, once: a marker says it is built."""
    marker = folder / ".built"
    if marker.is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    total = 0
    for index, (name, text) in enumerate(texts):
        if total >= megabytes * MB:
            break
        path = folder / f"{index // FILES_PER_FOLDER:04d}" / f"{index:06d}_{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        total += path.write_bytes(text.encode("utf-8"))
    marker.write_text(f"{total}\n")
    return folder


def build_one_file(megabytes: int) -> tuple[Path, Path]:
    """Corpus (c): corpus (a) concatenated into one file, and a file of its first MB."""
    whole, first = CORPUS / f"{megabytes}mb-one-file.txt", CORPUS / "1mb-one-file.txt"
    if not whole.is_file() or not first.is_file():
        texts = [p.read_text(encoding="utf-8").strip("\n") for p in sorted(build_documents(megabytes).rglob("*.txt"))]
        data = ("\n\n".join(texts) + "\n").encode("utf-8")
        cut = data.index(b"\n\n", MB) + 1
        first.write_bytes(data[:cut])
        whole.write_bytes(data)
    return whole, first


def size_of(folder: Path) -> int:
    if folder.is_file():
        return folder.stat().st_size

    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], accept: tuple[int, ...] = (0,), stdout: int | None = None) -> Timing:
    """One process: wall-clock and CPU seconds, and its peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in accept:
        raise SystemExit(f"{' '.join(command)} exited {code}:\n{process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1000)


def best(command: list[str], runs: int) -> Timing:
    """The best wall-clock and CPU time of `runs` runs, and the highest peak."""
    timings = [run(command) for _ in range(runs)]
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings), max(t.peak_mb for t in timings))


def check(target: Path, *options: str) -> list[str]:
    return [str(TQA), "check", "--exit-zero", "--no-respect-gitignore", *options, str(target)]


def one_process(target: Path, *options: str) -> list[str]:
    return check(target, "--jobs", "1", "--no-cache", *options)


def output_of(command: list[str]) -> bytes:
    return subprocess.run(command, capture_output=True, check=False).stdout


def proselint() -> Path:
    """proselint's executable in its own venv, installed on first use."""
    executable = PROSELINT_VENV / "bin" / "proselint"
    if not executable.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
        subprocess.run([str(PROSELINT_VENV / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return executable


def as_the_command_runs() -> None:
    """The collector set as `tqa check` sets it: the entry point's thresholds,
    and the loaded glossary frozen (the collector need not walk it again and again)."""
    from tqa.__main__ import GC_THRESHOLD

    gc.set_threshold(*GC_THRESHOLD)
    gc.freeze()


def glossary_only(folder: Path, runs: int) -> None:
    """The matcher, then the glossary rules through the engine, in this process:
    CPU time (time.process_time), the best of `runs` passes over every file."""
    from tqa.glossary.compiled import load_glossary
    from tqa.pipeline.check import check_document
    from tqa.rules import ALL_RULES
    from tqa.text.document import Document

    started = time.perf_counter()
    matcher = load_glossary().matcher
    print(f"glossary: {len(matcher.entries)} entries compiled in {time.perf_counter() - started:.2f} s")
    as_the_command_runs()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)

    def cpu_seconds(one_pass: Callable[[], object]) -> float:
        timings = []
        for _ in range(runs):
            started = time.process_time()
            one_pass()
            timings.append(time.process_time() - started)
        return min(timings)

    found = sum(len(matcher.find(text)) for text in texts)
    seconds = cpu_seconds(lambda: [matcher.find(text) for text in texts])
    print(f"matcher.find on {size / MB:.1f} MB in {len(texts)} files: {seconds:.2f} s CPU (best of {runs}), ", end="")
    print(f"{size / MB / seconds:.1f} MB/s on one core, {found} matches")
    glossary_rules = [rule for rule in ALL_RULES if rule.code in GLOSSARY_RULES]
    seconds = cpu_seconds(lambda: [check_document(Document("x", text), glossary_rules) for text in texts])
    rate = size / MB / seconds
    print(f"glossary rules ({', '.join(GLOSSARY_RULES)}) through the engine: {seconds:.2f} s CPU, ", end="")
    print(f"{rate:.1f} MB/s on one core ({verdict(rate >= 20)} of 20 MB/s)")


def stages(folder: Path) -> None:
    from tqa.glossary.compiled import load_glossary
    from tqa.pipeline.scan import chosen_engine, scanner_for
    from tqa.rules import ALL_RULES
    from tqa.text.document import Document
    from tqa.text.textio import read_file

    load_glossary()
    as_the_command_runs()
    files = sorted(folder.rglob("*.txt"))
    started = time.process_time()
    texts = [read_file(path).text for path in files]
    timings = {"reading": time.process_time() - started}
    shared = {
        "paragraphs": lambda doc: doc.paragraphs,
        "protected spans": lambda doc: doc.protected,
        "has Cyrillic": lambda doc: doc.has_cyrillic,
    }
    scanner = scanner_for(ALL_RULES)
    for _ in range(3):  # the best of three: stages run in order, each on fresh documents' caches
        docs = [Document(str(path), text) for path, text in zip(files, texts, strict=True)]
        started = time.process_time()
        quiet = [scanner.quiet(doc.text) for doc in docs]
        timings["scan"] = min(timings.get("scan", float("inf")), time.process_time() - started)
        steps = [(name, "", step) for name, step in shared.items()]
        steps += [
            (f"{rule.code} {rule.name}", rule.code, lambda doc, rule=rule: list(rule.check(doc))) for rule in ALL_RULES
        ]
        for name, code, step in steps:
            started = time.process_time()
            for doc, held_back in zip(docs, quiet, strict=True):
                if code not in held_back:  # as tqa.pipeline.check runs them
                    step(doc)
            timings[name] = min(timings.get(name, float("inf")), time.process_time() - started)
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(f"in-process stages over {size / MB:.1f} MB in {len(files)} files: CPU time, best of 3; each rule runs")
    print(f"where the scan ({chosen_engine()}) does not hold it back; a stage that first computes something")
    print("the rules share, such as the glossary matches, is charged for it:")
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        if seconds >= 0.005:
            print(f"  {seconds:6.3f} s  {name}")
    total = sum(timings.values())
    print(f"  {total:6.3f} s  all stages: {size / MB / total:.1f} MB/s before reporting and start-up")


def outputs(action: str) -> None:
    folder = CORPUS / "outputs"
    folder.mkdir(parents=True, exist_ok=True)
    corpora = {"a": build_documents(10), "b": build(10), "c": build_one_file(10)[0]}
    different = []
    for name, corpus in corpora.items():
        output = output_of(one_process(corpus, "--output-format", "json"))
        kept = folder / f"{name}.json"
        if action == "save":
            kept.write_bytes(output)
            print(f"({name}) {len(output) / MB:.1f} MB of JSON kept in {kept}")
        elif output == kept.read_bytes():
            print(f"({name}) output identical to {kept}")
        else:
            different.append(name)
            print(f"({name}) output DIFFERS from {kept}")
    if different:
        raise SystemExit(1)


# Runs `tqa check` (the arguments after the log's path) and appends to the log,
# one JSON line each: every worker's CPU time and clock after each batch it
# checked, and this process's CPU time at its first fork and at exit.
CRITICAL_PATH_DRIVER = r"""
import atexit, json, os, sys, time
log = open(sys.argv[1], "a", buffering=1)
forked = []
os.register_at_fork(before=lambda: forked or forked.append(time.process_time()))
from tqa.pipeline import workers
checked = workers._work
def work(batch):
    results = checked(batch)
    log.write(json.dumps(["worker", os.getpid(), time.process_time(), time.monotonic()]) + "\n")
    return results
workers._work = work
atexit.register(lambda: log.write(json.dumps(["main", forked[:1], time.process_time(), time.monotonic()]) + "\n"))
sys.argv = ["tqa", *sys.argv[2:]]
from tqa.__main__ import main
main()
"""


@dataclass(frozen=True)
class CriticalPath:
    main: float  # CPU seconds of this process
    before_fork: float  # of which before the workers were started
    workers: tuple[float, ...]  # CPU seconds of each worker
    tail: float  # seconds from the last batch a worker checked to the end


def critical_path(target: Path, jobs: int, runs: int) -> CriticalPath:
    """`--jobs` seen process by process, CPU time rather than wall-clock (which a
    shared machine makes noise of): the run with the least CPU time in this
    process, of `runs`. This process is the critical path: it starts the run,
    checks its share, takes in the workers' results, writes the output and
    finishes the run-wide checks."""
    found = []
    log = CORPUS / ".critical-path.log"
    for _ in range(runs):
        log.unlink(missing_ok=True)
        command = [
            sys.executable,
            "-c",
            CRITICAL_PATH_DRIVER,
            str(log),
            *check(target, "--jobs", str(jobs), "--no-cache")[1:],
        ]
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        rows = [json.loads(line) for line in log.read_text().splitlines()]
        ((_, forked, cpu, ended),) = (row for row in rows if row[0] == "main")
        last = {row[1]: row for row in rows if row[0] == "worker"}
        done = max((row[3] for row in last.values()), default=ended)
        found.append(
            CriticalPath(cpu, forked[0] if forked else cpu, tuple(row[2] for row in last.values()), ended - done)
        )
    log.unlink(missing_ok=True)
    return min(found, key=lambda path: path.main)


def print_critical_path(folder: Path, runs: int) -> None:
    single = best(one_process(folder), runs)
    path = critical_path(folder, 2, runs)
    print(
        f"  critical path, CPU time: one process {single.cpu:.2f} s; with --jobs 2 this process {path.main:.2f} s ",
        end="",
    )
    print(f"({path.before_fork:.2f} s before the worker started), the worker ", end="")
    print(
        ", ".join(f"{cpu:.2f} s" for cpu in path.workers)
        + f"; {path.tail:.3f} s from the worker's last batch to the end"
    )
    print(
        f"  bound from CPU time on two idle cores: {single.cpu / path.main:.2f}x (an estimate; the target is judged on wall-clock)"
    )


def verdict(ok: bool) -> str:
    return "meets the target" if ok else "MISSES the target"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100 MB corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the best counts)")
    parser.add_argument(
        "--glossary-only", action="store_true", help="time the glossary matcher and rules alone, in-process"
    )
    parser.add_argument("--stages", action="store_true", help="time each rule and shared structure, in-process")
    parser.add_argument("--outputs", choices=("save", "check"), help="keep or compare the JSON output on the corpora")
    parser.add_argument("--critical-path", action="store_true", help="--jobs 2 on (b) process by process, in CPU time")
    args = parser.parse_args()
    if args.critical_path:
        os.environ["TQA_CACHE_DIR"] = str(CORPUS / ".cache")
        print_critical_path(build(10), args.runs)
        return
    if args.outputs:
        os.environ["TQA_CACHE_DIR"] = str(CORPUS / ".cache")
        outputs(args.outputs)
        return
    if args.glossary_only:
        glossary_only(build(10), args.runs)
        return
    if args.stages:
        stages(build(10))
        return
    os.environ["TQA_CACHE_DIR"] = str(CORPUS / ".cache")
    runs = args.runs
    documents, articles, (whole, first) = build_documents(10), build(10), build_one_file(10)
    print(f"tqa: {TQA}; corpus: {CORPUS}; best of {runs} runs; CPU time is user + system of the process")
    # Bytecode as an installed package has it (PYTHONDONTWRITEBYTECODE may be set here),
    # and the glossary compiled into the cache once.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(BENCH.parent / "tqa")], capture_output=True)
    subprocess.run(check(SEED, "--no-cache"), capture_output=True)

    one = CORPUS / "one-paragraph.txt"
    one.write_text(SEED.read_text(encoding="utf-8").split("\n\n")[0] + "\n", encoding="utf-8")
    startup = best(check(one, "--no-cache"), max(runs, 5))
    print(f"\nstart-up, one paragraph: {startup.cpu:.3f} s CPU, {startup.wall:.3f} s wall, ", end="")
    print(f"peak {startup.peak_mb:.0f} MB ({verdict(startup.cpu <= 0.15)} of 0.15 s in CPU time)")

    print("\n--jobs 1 --output-format json:")
    rates = {}
    for name, corpus in (("(a) 1 KB documents", documents), ("(b) 5 KB articles", articles)):
        timing = best(one_process(corpus, "--output-format", "json"), runs)
        rates[name] = size_of(corpus) / MB / timing.cpu
        target = 10 if name.startswith("(a)") else 15
        print(f"  {name}, {size_of(corpus) / MB:.1f} MB: {timing.cpu:.2f} s CPU, {rates[name]:.1f} MB/s, ", end="")
        print(f"peak {timing.peak_mb:.0f} MB ({verdict(rates[name] >= target)} of {target} MB/s)")

    print("\nlinearity, (c) one 10 MB file against its first MB (--jobs 1 --output-format json):")
    small, large = (
        best(one_process(first, "--output-format", "json"), runs),
        best(one_process(whole, "--output-format", "json"), runs),
    )
    ratio = (large.cpu / (size_of(whole) / MB)) / (small.cpu / (size_of(first) / MB))
    print(f"  first MB {small.cpu:.2f} s, 10 MB {large.cpu:.2f} s: time per MB {ratio:.2f}x the first MB's ", end="")
    print(f"({verdict(ratio <= 1.3)} of 1.3x)")
    net = ((large.cpu - startup.cpu) / (size_of(whole) / MB)) / ((small.cpu - startup.cpu) / (size_of(first) / MB))
    print(f"  less the one-paragraph run's time (start-up) from both: {net:.2f}x")

    print("\noutput formats on (b) 10 MB, --jobs 1, against text:")
    text = best(one_process(articles), runs)
    print(f"  text: {text.cpu:.2f} s CPU")
    for output_format in ("json", "sarif", "github"):
        timing = best(one_process(articles, "--output-format", output_format), runs)
        print(f"  {output_format}: {timing.cpu:.2f} s CPU, {timing.cpu / text.cpu:.2f}x ", end="")
        print(f"({verdict(timing.cpu <= 1.2 * text.cpu)} of 1.2x)")

    print("\nresults cache on (a), --jobs 1, text output:")
    cached = check(documents, "--jobs", "1")
    colds, warms = [], []
    for _ in range(runs):  # each cold run from an empty results cache, then a warm one
        shutil.rmtree(CORPUS / ".cache" / "results", ignore_errors=True)
        colds.append(run(cached).cpu)
        warms.append(run(cached).cpu)
    cold, warm = min(colds), min(warms)
    print(f"  cold {cold:.2f} s CPU, warm {warm:.3f} s CPU (best of {runs} each): {cold / warm:.1f}x ", end="")
    print(f"({verdict(cold >= 10 * warm)} of 10x)")
    edited = next(iter(sorted(documents.rglob("*.txt"))))
    original = edited.read_bytes()
    try:
        edited.write_bytes(original.replace(b" the ", b" the the ", 1) + b"Said - he.\n")
        again = run(cached)
        same = output_of(cached) == output_of(check(documents, "--jobs", "1", "--no-cache"))
        print(
            f"  one file edited: {again.cpu:.2f} s CPU, output {'identical to' if same else 'DIFFERENT from'} a cold run"
        )
    finally:
        edited.write_bytes(original)

    folders = {10: articles} if args.quick else {10: articles, 100: build(100)}
    print("\n--jobs 2 against one process on (b), text output, wall-clock:")
    for mb, folder in folders.items():
        single = best(one_process(folder), 1 if mb >= 100 else runs)
        double = best(check(folder, "--jobs", "2", "--no-cache"), 1 if mb >= 100 else runs)
        print(f"  {mb} MB: one process {single.wall:.2f} s, --jobs 2 {double.wall:.2f} s: ", end="")
        print(f"{single.wall / double.wall:.2f}x ({verdict(single.wall / double.wall >= 1.7)} of 1.7x); ", end="")
        print(f"peak {single.peak_mb:.0f} MB in one process")
        if mb == 10:
            print_critical_path(folder, runs)
        if mb == 100:
            for output_format in ("text", "json"):
                peak = run(one_process(folder, "--output-format", output_format)).peak_mb
                print(f"  peak memory, 100 MB, {output_format}: {peak:.0f} MB ({verdict(peak < 200)} of 200 MB)")

    sample, executable = build(2), proselint()
    version = subprocess.run([str(executable), "version"], capture_output=True, text=True).stdout.strip()
    theirs = run([str(executable), "check", str(sample)], accept=(0, 1))
    ours = best(one_process(sample), runs)
    print(f"\n{version or 'proselint'} on {size_of(sample) / MB:.1f} MB of (b): {theirs.cpu:.1f} s CPU; ", end="")
    print(
        f"tqa --jobs 1: {ours.cpu:.2f} s CPU: {theirs.cpu / ours.cpu:.0f}x ({verdict(theirs.cpu >= 30 * ours.cpu)} of 30x)"
    )


if __name__ == "__main__":
    main()
