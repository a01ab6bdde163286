"""Speed of fazhi_ie in one run: stages, long inputs, worker processes, cold start.

    python bench/speed_bench.py                  # everything (about 10 minutes on 2 cores)
    python bench/speed_bench.py --quick          # smaller inputs (about 2 minutes)
    python bench/speed_bench.py --only stages scaling --json

Sections (each prints chars/s and ratios measured within this run, so that
figures from different machines or busy moments compare):

* ``stages``: the pipeline's own tokenizer (spaCy + pkuseg) on the cleaned
  texts, then each component of the pipeline (the NER stage, each rule
  component) and the record assembly, each timed over all the texts, and
  ``parse_many`` end to end, all back to back in each of ``--repeat`` rounds:
  seconds are the best round's; a ratio to the tokenizer is the median of the
  rounds' ratios (each taken within one round, moments apart).
* ``scaling``: ``parse()`` of one text of 10k / 100k / 1M characters, made of
  the texts as written (ordinary) and with every sentence end turned into
  ``，`` (sentence-less); time per character, its ratio to the 10k ordinary
  text and the sentence-less / ordinary ratio; peak RSS of each run.
* ``workers``: ``parse_many`` of ``--docs`` documents with ``n_process=1``
  and ``2``, with ``OMP_NUM_THREADS=1`` and with torch's default threads, timed
  from the call (``fazhi_ie`` already imported) and as the whole process (as a
  user times ``fazhi-ie parse --n-process``); also the time to the first result
  (start-up: model loads, worker start, one batch) and the ratio after it;
  and the command itself, ``fazhi-ie parse DOCS.jsonl --n-process 1`` and
  ``2``, as a new user runs it (torch's threads as they are by default).
* ``cold``: ``python -m fazhi_ie parse examples/01_open_day.txt`` in a fresh
  process: wall time and peak RSS.

Texts: the bundled examples and, when present, the articles of ../shared
(seeds and corpus/dev), read at run time. The NER stage follows
``FAZHI_IE_NER`` as the library does. This process runs torch with one thread.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SMALL_FILE = ROOT / "examples" / "01_open_day.txt"
_SENT_ENDS = re.compile("[\u3002\uff01\uff1f!?\n]+")
SECTIONS = ("stages", "scaling", "workers", "cold")


def texts() -> list[str]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    paths += sorted((ROOT / "examples" / "gold").glob("*.txt"))
    for sub in ("seeds", "corpus/dev"):
        paths += sorted((SHARED / sub).glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def long_text(kind: str, n: int) -> str:
    """``n`` characters of the cleaned texts, as written or sentence-less."""
    from fazhi_ie.text import normalize

    body = "\n".join(normalize(t).text for t in texts()) + "\n"
    if kind == "sentence-less":
        body = _SENT_ENDS.sub("\uff0c", body)
    return (body * (n // len(body) + 1))[:n]


def _one_thread() -> None:
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(1)


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _peak_rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- stages -------------------------------------------------------------------
TOKENIZER = "tokenizer (spaCy + pkuseg)"
END_TO_END = "parse_many end to end"
RULES = "rules + assembly"


def stages(repeat: int) -> dict:
    """Each stage timed over all texts, ``repeat`` times. Every repeat times the
    tokenizer, each component, the assembly and ``parse_many`` back to back, so that
    a ratio compares measurements taken moments apart: ``x_tokenizer`` is the median
    over repeats of the stage's time / the tokenizer's time in that repeat (on a
    machine shared with other work, a best-of-all-repeats tokenizer time and a
    best-of-all parse_many time can fall minutes apart). ``seconds`` is the best."""
    _one_thread()
    from fazhi_ie import load, parse_many
    from fazhi_ie.build import assemble
    from fazhi_ie.text import normalize

    docs_in = texts()
    norms = [normalize(t) for t in docs_in]
    clean = [n.text for n in norms]
    chars = sum(len(t) for t in clean)
    nlp = load()
    list(nlp.pipe(clean[:4]))  # warm up: lazy lexicons and rules
    for d, n in zip(nlp.pipe(clean[:4]), norms[:4], strict=True):
        assemble(d, n)
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        run: dict[str, float] = {}
        t0 = time.perf_counter()
        docs = [nlp.make_doc(t) for t in clean]
        run[TOKENIZER] = time.perf_counter() - t0
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=32))
            else:
                docs = [proc(d) for d in docs]
            run[name] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d, n in zip(docs, norms, strict=True):
            assemble(d, n)
        run["assembly (records)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        list(parse_many(docs_in, batch_size=32))
        run[END_TO_END] = time.perf_counter() - t0
        run[RULES] = (
            sum(v for k, v in run.items() if k.startswith("fazhi_") and k != "fazhi_hanlp_ner")
            + run["assembly (records)"]
        )
        runs.append(run)
    out = {}
    for name in runs[0]:
        best = min(r[name] for r in runs)
        out[name] = {
            "seconds": round(best, 4),
            "chars_per_s": round(chars / best),
            "x_tokenizer": statistics.median(r[name] / r[TOKENIZER] for r in runs),
            "x_tokenizer_runs": [round(r[name] / r[TOKENIZER], 3) for r in runs],
        }
    out[RULES] = out.pop(RULES)  # printed last
    return {
        "documents": len(docs_in),
        "characters": chars,
        "ner": nlp.meta.get("fazhi_ie", {}).get("ner", "off"),
        "repeats": repeat,
        "stages": out,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _child(args: list[str], env: dict[str, str] | None = None, unset: tuple[str, ...] = ()) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    e = {k: v for k, v in os.environ.items() if k not in unset}
    e.update(env or {})
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=e, check=False)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        return {"error": (res.stderr.strip().splitlines() or ["failed"])[-1]}
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["process_s"] = wall  # the whole child process: interpreter, imports, work
    return out


def child_scale(kind: str, n: int) -> dict:
    _one_thread()
    from fazhi_ie import load, parse

    text = long_text(kind, n)
    nlp = load()
    parse(long_text(kind, 3000), nlp=nlp)  # warm up: lazy lexicons, rules, imports
    t0 = time.perf_counter()
    parse(text, nlp=nlp)
    s = time.perf_counter() - t0
    return {"seconds": s, "us_per_char": 1e6 * s / n, "peak_rss_mb": _peak_rss_mb()}


def child_workers(n_process: int, n_docs: int) -> dict:
    from fazhi_ie import parse_many

    if n_process == 1:  # the in-process parser's imports (spaCy, the NER engine) before the clock
        import fazhi_ie.ner.preload  # noqa: F401

    base = texts()
    docs = (base * (n_docs // len(base) + 1))[:n_docs]
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in parse_many(docs, batch_size=32, n_process=n_process):
        n += 1
        if first is None:  # the pipeline loaded (and the workers started), one batch parsed
            first = time.perf_counter() - t0
    s = time.perf_counter() - t0
    return {"seconds": s, "first_s": first, "documents": n, "chars": sum(len(t) for t in docs)}


def scaling(sizes: list[int]) -> dict:
    rows: dict[str, dict] = {}
    for n in sizes:
        for kind in ("ordinary", "sentence-less"):
            rows[f"{kind} {n}"] = _child(["scale", kind, str(n)])
    ref = rows.get(f"ordinary {sizes[0]}", {}).get("us_per_char")
    for n in sizes:
        o, s = rows[f"ordinary {n}"], rows[f"sentence-less {n}"]
        if "us_per_char" in o and "us_per_char" in s:
            s["x_ordinary"] = s["us_per_char"] / o["us_per_char"]
        for r in (o, s):
            if ref and "us_per_char" in r:
                r["x_first_ordinary"] = r["us_per_char"] / ref
    return rows


def workers(n_docs: int) -> dict:
    rows = {}
    for label, env, unset in (
        ("OMP_NUM_THREADS=1", {"OMP_NUM_THREADS": "1"}, ()),
        ("default threads", None, ("OMP_NUM_THREADS",)),
    ):
        one = _child(["workers", "1", str(n_docs)], env, unset)
        two = _child(["workers", "2", str(n_docs)], env, unset)
        speedup = steady = process = None
        if "seconds" in one and "seconds" in two:
            speedup = one["seconds"] / two["seconds"]
            process = one["process_s"] / two["process_s"]
            # after the first result: the start-up (imports, model loads) left out
            steady = (one["seconds"] - one["first_s"]) / (two["seconds"] - two["first_s"])
        rows[label] = {
            "n_process=1": one,
            "n_process=2": two,
            "speedup": speedup,
            "speedup_process": process,
            "speedup_after_first": steady,
        }
    rows["command"] = command_workers(n_docs)
    return rows


def command_workers(n_docs: int) -> dict:
    """``fazhi-ie parse DOCS.jsonl --n-process 1`` and ``2`` as a user runs them.

    Whole commands in fresh processes, torch's threads left as a new user has
    them (``OMP_NUM_THREADS`` unset), JSON lines to a file; the number of
    output lines is checked against the input.
    """
    import tempfile

    base = texts()
    docs = (base * (n_docs // len(base) + 1))[:n_docs]
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, text in enumerate(docs):
                f.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
        for n in (1, 2):
            dst = Path(tmp) / f"out{n}.jsonl"
            cmd = [sys.executable, "-m", "fazhi_ie", "parse", str(src), "--n-process", str(n)]
            t0 = time.perf_counter()
            with dst.open("w", encoding="utf-8") as f:
                res = subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL, env=env, check=False)
            wall = time.perf_counter() - t0
            lines = sum(1 for _ in dst.open(encoding="utf-8"))
            out[f"n_process={n}"] = {"seconds": wall, "exit": res.returncode, "documents": lines}
    one, two = out["n_process=1"], out["n_process=2"]
    ok = one["exit"] == two["exit"] == 0 and one["documents"] == two["documents"] == n_docs
    out["speedup"] = one["seconds"] / two["seconds"] if ok else None
    return out


def cold(runs: int = 3) -> dict:
    """Best wall time and largest peak RSS of ``runs`` fresh processes."""
    cmd = [sys.executable, "-m", "fazhi_ie", "parse", str(SMALL_FILE)]
    walls, peaks, codes = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        peaks.append(usage.ru_maxrss / 1024)
        codes.append(os.waitstatus_to_exitcode(status))
    return {
        "command": "python -m fazhi_ie parse " + str(SMALL_FILE.relative_to(ROOT)),
        "seconds": min(walls),
        "seconds_all": [round(w, 2) for w in walls],
        "peak_rss_mb": round(max(peaks), 1),
        "exit": max(codes),
    }


# --- report -------------------------------------------------------------------
def report(result: dict) -> None:
    if "stages" in result:
        st = result["stages"]
        print(
            f"\n## stages: {st['documents']} texts, {st['characters']:,} characters, "
            f"NER {st['ner']}, peak RSS {st['peak_rss_mb']} MB; seconds: best of "
            f"{st['repeats']}, x tokenizer: median of the repeats' ratios (each repeat's)"
        )
        print(f"{'stage':32} {'seconds':>8} {'chars/s':>10} {'x tokenizer':>11}")
        for name, r in st["stages"].items():
            each = " ".join(f"{x:.2f}" for x in r["x_tokenizer_runs"])
            print(
                f"{name:32} {r['seconds']:8.3f} {r['chars_per_s']:10,} "
                f"{r['x_tokenizer']:11.2f}  ({each})"
            )
    if "scaling" in result:
        print("\n## scaling: parse() of one long text")
        print(
            f"{'text':24} {'seconds':>8} {'us/char':>8} {'x first':>8} "
            f"{'x ordinary':>10} {'RSS MB':>7}"
        )
        for name, r in result["scaling"].items():
            if "error" in r:
                print(f"{name:24} error: {r['error']}")
                continue
            print(
                f"{name:24} {r['seconds']:8.2f} {r['us_per_char']:8.2f} "
                f"{r.get('x_first_ordinary', 0):8.2f} {r.get('x_ordinary', 1.0):10.2f} "
                f"{r['peak_rss_mb']:7.0f}"
            )
    if "workers" in result:
        print("\n## workers: parse_many, n_process 1 vs 2")
        for label, r in result["workers"].items():
            one, two = r["n_process=1"], r["n_process=2"]
            if r["speedup"] is None:
                print(f"{label:20} failed: {one} / {two}")
            elif label == "command":
                print(
                    f"{label:20} fazhi-ie parse of {one['documents']} docs (JSONL), whole "
                    f"command, torch's default threads: --n-process 1 {one['seconds']:.1f} s, "
                    f"2 {two['seconds']:.1f} s: {r['speedup']:.2f}x"
                )
            else:
                _print_workers(label, r)
    if "cold" in result:
        c = result["cold"]
        print(
            f"\n## cold start: {c['command']}: {c['seconds']:.2f} s wall (best of "
            f"{c['seconds_all']}), {c['peak_rss_mb']} MB peak RSS (exit {c['exit']})"
        )


def _print_workers(label: str, r: dict) -> None:
    one, two = r["n_process=1"], r["n_process=2"]
    print(
        f"{label:20} {one['documents']} docs: 1 process {one['seconds']:.1f} s, "
        f"2 processes {two['seconds']:.1f} s: {r['speedup']:.2f}x; first result "
        f"after {one['first_s']:.1f} / {two['first_s']:.1f} s, "
        f"after it {r['speedup_after_first']:.2f}x; whole process (imports "
        f"included) {one['process_s']:.1f} / {two['process_s']:.1f} s: "
        f"{r['speedup_process']:.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", choices=SECTIONS, default=list(SECTIONS))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--quick", action="store_true", help="sizes up to 100k, 300 documents")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        what, *rest = args.child
        out = child_scale(rest[0], int(rest[1])) if what == "scale" else None
        if what == "workers":
            out = child_workers(int(rest[0]), int(rest[1]))
        print(json.dumps(out))
        return 0
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.quick:
        sizes, args.docs, args.repeat = [s for s in sizes if s <= 100_000], 300, 2
    result: dict = {}
    # cold start first: the file cache is as warm as the other sections leave it
    if "cold" in args.only:
        result["cold"] = cold()
    if "stages" in args.only:
        result["stages"] = stages(args.repeat)
    if "scaling" in args.only:
        result["scaling"] = scaling(sizes)
    if "workers" in args.only:
        result["workers"] = workers(args.docs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
