"""Batch throughput: serial, a 2-process pool and Dask with 2 workers, in one run.

    python bench/batch_bench.py [--docs N] [--texts DIR ...] [--ner auto|on|off] [--json]

The same corpus (../shared/seeds and ../shared/corpus/dev if present, else
examples/, repeated to N documents) is parsed three ways, each into a parquet
sink through the batch runner (``fazhi-ie parse -o``), and each figure is
reported in documents and characters per second, with its ratio to serial:

* ``serial``: ``parse_many`` in this process (pipeline loaded beforehand);
* ``n_process=2``: the process pool of ``parse_many`` (wall time includes
  starting the workers and loading the pipeline in each: ``startup_s``,
  measured on 2 documents, is also subtracted for ``net``);
* ``dask 2 workers``: a LocalCluster of 2 processes x 1 thread; ``cold``
  includes starting the cluster and loading the pipeline on each worker,
  ``warm`` is a second run on the same cluster.

Every figure is a single run: on a shared machine, rerun and compare ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]


def _texts(dirs: list[str]) -> list[str]:
    if not dirs:
        shared = ROOT.parent / "shared"
        dirs = [str(shared / "seeds"), str(shared / "corpus" / "dev")]
        if not Path(dirs[0]).is_dir():
            dirs = [str(ROOT / "examples")]
    paths = [p for d in dirs for p in sorted(Path(d).glob("*.txt"))]
    return [p.read_text(encoding="utf-8") for p in paths]


def _items(texts: list[str], n: int):
    from fazhi_ie.inputs import InputDoc

    return [(InputDoc(id=f"b{i:06d}", text=texts[i % len(texts)]), None) for i in range(n)]


def _run(out: Path, items, parse) -> float:
    from fazhi_ie.batch import open_sink, run_batch

    t0 = time.perf_counter()
    run_batch(items, open_sink(out), parse=parse, commit_every=500, log=lambda m: None)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--texts", nargs="*", default=[])
    ap.add_argument("--ner", choices=["auto", "on", "off"], default="auto")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.ner != "auto":
        os.environ["FAZHI_IE_NER"] = "1" if args.ner == "on" else "0"

    from fazhi_ie import load, parse_many
    from fazhi_ie.dask import close, connect, parse_stream

    texts = _texts(args.texts)
    n = args.docs
    chars = sum(len(texts[i % len(texts)]) for i in range(n))
    bs = args.batch_size
    nlp = load()
    ner = nlp.meta.get("fazhi_ie", {}).get("ner", "off")
    list(parse_many(texts[:2]))  # warm up
    rows: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        rows["serial"] = _run(
            d / "serial.parquet", _items(texts, n), lambda docs: parse_many(docs, batch_size=bs)
        )
        t0 = time.perf_counter()
        list(parse_many(texts[:2], n_process=2, batch_size=1))
        startup = time.perf_counter() - t0
        rows["n_process=2 (wall)"] = _run(
            d / "pool.parquet",
            _items(texts, n),
            lambda docs: parse_many(docs, batch_size=bs, n_process=2),
        )
        rows["n_process=2 (net of startup)"] = max(rows["n_process=2 (wall)"] - startup, 1e-9)
        t0 = time.perf_counter()
        client = connect("local", n_workers=2)
        try:

            def dask_parse(docs):
                return parse_stream(docs, client, batch_size=bs)

            dask_start = time.perf_counter() - t0
            cold = _run(d / "dask1.parquet", _items(texts, n), dask_parse)
            rows["dask 2 workers (cold)"] = cold + dask_start
            rows["dask 2 workers (warm)"] = _run(d / "dask2.parquet", _items(texts, n), dask_parse)
        finally:
            close(client)
    base = rows["serial"]
    result = {
        "documents": n,
        "characters": chars,
        "ner": ner,
        "cores": os.cpu_count(),
        "pool_startup_s": round(startup, 2),
        "runs": {
            k: {
                "seconds": round(s, 2),
                "docs_per_s": round(n / s, 1),
                "chars_per_s": round(chars / s),
                "vs_serial": round(base / s, 2),
            }
            for k, s in rows.items()
        },
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{n} documents, {chars:,} characters, NER {ner}, {os.cpu_count()} cores")
    print(f"{'run':32} {'s':>8} {'docs/s':>8} {'chars/s':>10} {'x serial':>9}")
    for k, r in result["runs"].items():
        print(
            f"{k:32} {r['seconds']:8.2f} {r['docs_per_s']:8.1f} "
            f"{r['chars_per_s']:10,} {r['vs_serial']:9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
