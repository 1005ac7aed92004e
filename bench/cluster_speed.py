"""What checking on Dask costs: the figures of the README's cost model.

Usage: python bench/cluster_speed.py [--workers N] [--runs N]   (needs the dask extra)

On corpus (b) of bench/speed.py (5 KB articles, 10 MB), whole processes of
the installed `tqa check --no-cache --exit-zero --output-format json`:
  - one process (`--jobs 1`): CPU seconds, so MB/s per core;
  - `--dask-local N`: CPU seconds of the whole process tree (the command,
    the local cluster's nanny and worker processes, all reaped before it
    exits, so counted by wait4) and wall-clock time, the output compared byte
    for byte with the one process's;
  - `--dask-local N` on a batch of one-paragraph files for each worker: what
    starting a local cluster and its workers costs.
The CPU seconds a megabyte on Dask, less the start-up, give a worker's rate:
a worker is one process with one thread, so one core. Then the workers an
archive of G GB needs to be checked in T hours: ceil(G * 1000 / (rate * T * 3600)).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import CORPUS, MB, SEED, best, build, check, output_of, size_of

from tqa.pipeline.dask_run import BATCH_FILES

ARCHIVES_GB = (1, 10, 100, 1000)
TARGET_HOURS = (1, 8)


def workers_needed(gigabytes: float, hours: float, rate: float) -> int:
    """Workers (one core each) that check `gigabytes` in `hours` at `rate` MB/s a worker."""
    return math.ceil(gigabytes * 1000 / (rate * hours * 3600))


def warm_up_corpus(workers: int) -> Path:
    """One paragraph in a batch of files for each worker: what starting the
    cluster and its workers (each loads the glossary and the lemma tables) costs."""
    folder = CORPUS / f"warm-up-{workers}"
    paragraph = SEED.read_text(encoding="utf-8").split("\n\n")[0] + "\n"
    for number in range(workers * BATCH_FILES):
        write_text(folder / f"{number:04}.txt", paragraph)
    return folder


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster (default 2)")
    parser.add_argument("--runs", type=int, default=2, help="runs per figure (the best counts)")
    args = parser.parse_args()
    os.environ["TQA_CACHE_DIR"] = str(CORPUS / ".cache")
    articles = build(10)
    megabytes = size_of(articles) / MB
    subprocess.run(check(SEED, "--no-cache"), capture_output=True)  # the glossary compiled into the cache once
    json = ("--no-cache", "--no-respect-gitignore", "--output-format", "json")  # bench/corpus is git-ignored
    local = ("--dask-local", str(args.workers))
    one = best(check(articles, "--jobs", "1", *json), args.runs)
    cluster = best(check(articles, *local, *json), args.runs)
    startup = best(check(warm_up_corpus(args.workers), *local, *json), args.runs)
    same = output_of(check(articles, "--jobs", "1", *json)) == output_of(check(articles, *local, *json))
    rate = megabytes / max(cluster.cpu - startup.cpu, 1e-9)
    print(f"corpus (b): {megabytes:.1f} MB; best of {args.runs} runs; CPU time is user + system of the process tree")
    print(f"one process:        {one.cpu:6.2f} s CPU, {one.wall:6.2f} s wall: {megabytes / one.cpu:.2f} MB/s per core")
    print(f"--dask-local {args.workers}:     {cluster.cpu:6.2f} s CPU, {cluster.wall:6.2f} s wall")
    print(f"  start-up (a batch of one paragraph a worker): {startup.cpu:.2f} s CPU, {startup.wall:.2f} s wall")
    print(f"  a worker checks {rate:.2f} MB/s (CPU of the run less the start-up); output identical: {same}")
    print("\nworkers needed (one core each) for an archive in a target time:")
    print("archive | " + " | ".join(f"{hours} h" for hours in TARGET_HOURS))
    for gigabytes in ARCHIVES_GB:
        print(f"{gigabytes} GB | " + " | ".join(str(workers_needed(gigabytes, h, rate)) for h in TARGET_HOURS))


if __name__ == "__main__":
    main()
