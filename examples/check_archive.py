"""Check a JSON-lines archive of articles on a Dask cluster and write the findings to Parquet.

Each line of the archive is one article, a JSON object with its name and its
text (field names set with --path-field and --text-field):

    {"path": "2024/03/kremlin-briefing", "text": "Peskov said ..."}

Usage (needs `pip install 'tqa[dask]'`):

    python examples/check_archive.py 'archive/*.jsonl' findings.parquet --scheduler tcp://HOST:8786
    python examples/check_archive.py 'archive/*.jsonl.gz' findings.parquet --local 4

The archive can be anywhere Dask reads from (a local folder, or s3://, gs://
and the like with fsspec's packages for them installed). The Parquet dataset
has one row a finding, the fields of `tqa check --output-format json` with
locations and the fix flattened; the workers write it, one file per partition
of the archive (the output folder must be one they can write to: a shared
folder or an object store).
"""

from __future__ import annotations

import argparse
import json
import os

import dask
import dask.bag
import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster

import tqa.dask

SCHEMA = pa.schema(
    [
        ("filename", pa.string()),
        ("code", pa.string()),
        ("name", pa.string()),
        ("severity", pa.string()),
        ("message", pa.string()),
        ("document_language", pa.string()),
        ("row", pa.int64()),
        ("column", pa.int64()),
        ("end_row", pa.int64()),
        ("end_column", pa.int64()),
        ("fix_applicability", pa.string()),
        ("fix_message", pa.string()),
        ("fix_edits", pa.string()),
    ]
)


def flat(finding: dict) -> dict:
    """One finding as a table row: locations as columns, the fix's edits as JSON."""
    fix = finding["fix"] or {}
    return {
        "filename": finding["filename"],
        "code": finding["code"],
        "name": finding["name"],
        "severity": finding["severity"],
        "message": finding["message"],
        "document_language": finding["document_language"],
        "row": finding["location"]["row"],
        "column": finding["location"]["column"],
        "end_row": finding["end_location"]["row"],
        "end_column": finding["end_location"]["column"],
        "fix_applicability": fix.get("applicability"),
        "fix_message": fix.get("message"),
        "fix_edits": json.dumps(fix["edits"], ensure_ascii=False) if fix else None,
    }


def write_part(findings: list[dict], path: str) -> int:
    """One partition's findings as one Parquet file (written where the partition was checked)."""
    pq.write_table(pa.Table.from_pylist([flat(finding) for finding in findings], schema=SCHEMA), path)
    return len(findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", help="JSON-lines files: a path or glob pattern, compressed or not")
    parser.add_argument("output", help="folder of the Parquet dataset to write")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, tcp://HOST:8786")
    where.add_argument("--local", metavar="N", type=int, help="a local cluster of N worker processes")
    parser.add_argument("--path-field", default="path")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--select", help="rule codes or prefixes, comma-separated")
    parser.add_argument("--ignore", help="rule codes or prefixes to skip, comma-separated")
    parser.add_argument("--blocksize", default="16MiB", help="archive bytes a partition (default 16MiB)")
    args = parser.parse_args()

    cluster = LocalCluster(n_workers=args.local, threads_per_worker=1) if args.local else None
    with Client(cluster or args.scheduler):
        articles = dask.bag.read_text(args.archive, blocksize=args.blocksize).map(json.loads)
        findings = tqa.dask.check_bag(
            articles,
            path=args.path_field,
            text=args.text_field,
            select=args.select.split(",") if args.select else None,
            ignore=args.ignore.split(",") if args.ignore else None,
        )
        os.makedirs(args.output, exist_ok=True)
        parts = [
            dask.delayed(write_part)(part, os.path.join(args.output, f"part-{index:05}.parquet"))
            for index, part in enumerate(findings.to_delayed())
        ]
        counts = dask.compute(*parts)
    if cluster is not None:
        cluster.close()
    print(f"{sum(counts)} findings in {len(counts)} Parquet files under {args.output}")


if __name__ == "__main__":
    main()
