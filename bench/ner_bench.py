"""NER throughput benchmark: the ``fazhi_hanlp_ner`` component on CPU with one thread
(the engine the loader picks: ONNX Runtime for the shipped model, or
``FAZHI_IE_NER_ENGINE=torch``), at several batch sizes, beside pkuseg's segmentation
speed on the same texts.

    python bench/ner_bench.py                      # the shipped model, MSRA test text
    python bench/ner_bench.py --model DIR --chars 200000 --json out.json

Texts: MSRA test sentences (fetched through pip, see fazhi_ie.training.msra) joined into
~1,000-character paragraphs, or every .txt file under ``--texts DIR``. Reports the load
time in a fresh process (the whole process, and the engine's import with the model), chars/s
per batch size, and peak RSS. pkuseg segments the texts first and the NER gets its
words, as in the pipeline (the tokenizer runs before the NER); for a model with
segmentation features the plain-text path, which runs pkuseg itself, is timed as well.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

BATCH_SIZES = (1, 8, 32, 64)


def load_texts(texts_dir: str | None, max_chars: int) -> list[str]:
    if texts_dir:
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(texts_dir).rglob("*.txt"))]
    else:
        from fazhi_ie.training import msra

        texts, cur = [], ""
        for chars, _ in msra.load("test"):
            cur += "".join(chars)
            if len(cur) >= 1000:
                texts.append(cur)
                cur = ""
        if cur:
            texts.append(cur)
    out, total = [], 0
    for t in texts:
        if total >= max_chars:
            break
        out.append(t)
        total += len(t)
    return out


def fresh_load_seconds(model: str | None) -> dict[str, float | str]:
    code = (
        "import time; t0 = time.perf_counter();"
        f"from fazhi_ie.ner.loader import load_model; m = load_model({model!r});"
        "t1 = time.perf_counter(); print(type(m).__name__, t1 - t0)"
    )
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    total = time.perf_counter() - t
    engine, load = out.stdout.split()[-2:]
    return {
        "process_total_s": round(total, 2),
        "engine": engine,
        "model_load_s": round(float(load), 2),
    }


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="model dir (default: the shipped one)")
    ap.add_argument("--texts", default=None, help="directory of .txt files")
    ap.add_argument("--chars", type=int, default=100_000, help="about this many characters")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", default=None, help="also write the results here")
    args = ap.parse_args(argv)

    try:  # the torch engine, where installed (the ONNX engine runs one thread by default)
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    texts = load_texts(args.texts, args.chars)
    n_chars = sum(map(len, texts))
    result: dict = {
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "threads": 1,
        "texts": len(texts),
        "chars": n_chars,
        "load": fresh_load_seconds(args.model),
    }
    # pkuseg first: in the pipeline the tokenizer has segmented the text before the NER
    # runs, and a model with segmentation features reads the Doc's tokens
    from fazhi_ie.ner.softword import word_bounds
    from fazhi_ie.segmenter import load_pkuseg

    seg = load_pkuseg()
    seg.cut(texts[0])
    t = time.perf_counter()
    cuts = [seg.cut(text) for text in texts]
    dt = time.perf_counter() - t
    result["pkuseg"] = {"chars_per_s": round(n_chars / dt), "seconds": round(dt, 2)}
    words = [word_bounds(text, cut) for text, cut in zip(texts, cuts, strict=True)]

    rss0 = rss_mb()
    from fazhi_ie.ner.component import HanlpNER

    comp = HanlpNER(None, model=args.model)
    result["model"] = comp.model_ref
    result["uses_segmentation"] = comp.uses_segmentation
    comp.predict_texts(texts[:2], words[:2])  # warm up
    speeds = {}
    for bs in BATCH_SIZES:
        comp.batch_size = bs
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            n_ents = sum(len(s) for s in comp.predict_texts(texts, words))
            best = min(best, time.perf_counter() - t)
        speeds[str(bs)] = {"chars_per_s": round(n_chars / best), "seconds": round(best, 2)}
    result["ner"] = speeds
    result["entities"] = n_ents
    if comp.uses_segmentation:  # plain text: the model segments with pkuseg itself
        comp.batch_size = 32
        t = time.perf_counter()
        comp.predict_texts(texts)
        dt = time.perf_counter() - t
        result["ner_plain_text_32"] = {"chars_per_s": round(n_chars / dt), "seconds": round(dt, 2)}
    result["peak_rss_mb_ner"] = round(rss_mb(), 1)
    result["rss_mb_before_model"] = round(rss0, 1)

    print(f"{n_chars} chars in {len(texts)} texts; model {result['model']}")
    ld = result["load"]
    print(
        f"load in a fresh process: engine import and model {ld['model_load_s']} s "
        f"({ld['engine']}; process total {ld['process_total_s']} s)"
    )
    print("| what | batch size | chars/s |")
    print("|---|---|---|")
    for bs, v in speeds.items():
        print(f"| NER (fazhi_hanlp_ner) | {bs} | {v['chars_per_s']:,} |")
    print(f"| pkuseg segmentation | - | {result['pkuseg']['chars_per_s']:,} |")
    if "ner_plain_text_32" in result:
        v = result["ner_plain_text_32"]["chars_per_s"]
        print(f"| NER on plain text (segments itself) | 32 | {v:,} |")
    print(f"peak RSS after NER: {result['peak_rss_mb_ner']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
