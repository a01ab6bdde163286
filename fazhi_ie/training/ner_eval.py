"""Strict span evaluation of an NER model on MSRA test (or any ``char<TAB>tag`` file)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fazhi_ie.ner.loader import load_model
from fazhi_ie.ner.spans import strict_scores
from fazhi_ie.training import msra


def predict_spans(
    tagger: Any,
    sentences: list[list[str]],
    batch_size: int = 64,
    segs: list[list[str]] | None = None,
) -> list[list]:
    """Spans ``(start, end, label)`` predicted by a loaded HanLP tagger.

    ``segs`` (segmentation tags per sentence) go to models that use them; such a model
    segments with pkuseg itself when they are not given.
    """
    uses_seg = bool(getattr(tagger, "uses_segmentation", False))
    preds: list[list] = []
    for i in range(0, len(sentences), 1024):
        chunk = sentences[i : i + 1024]
        kwargs = {"segs": segs[i : i + 1024]} if uses_seg and segs is not None else {}
        for out in tagger.predict(chunk, batch_size=batch_size, **kwargs):
            preds.append([(b, e, t) for _, t, b, e in out])
    return preds


def evaluate_ner(
    model_dir: str | os.PathLike[str] | None = None,
    *,
    test_file: str | os.PathLike[str] | None = None,
    batch_size: int = 64,
) -> dict[str, dict[str, float | int]]:
    """Per-type and overall strict P/R/F1 (keys "PER", "LOC", "ORG", "overall").

    ``model_dir`` None = the shipped model (or ``$FAZHI_IE_NER_MODEL``); ``test_file``
    None = MSRA test, fetched through pip.
    """
    tagger = load_model(model_dir)
    sents = msra.read_tsv(Path(test_file)) if test_file else msra.load("test")
    segs = msra.read_seg_column(Path(test_file)) if test_file else None
    gold = msra.gold_spans(sents)
    chars = [c for c, _ in sents]
    pred = predict_spans(tagger, chars, batch_size=batch_size, segs=segs)
    scores = strict_scores(gold, pred)
    return {k: {m: (round(v, 4) if isinstance(v, float) else v) for m, v in d.items()}
            for k, d in scores.items()}  # fmt: skip


def add_arguments(p: argparse.ArgumentParser, *, gold: bool = True) -> argparse.ArgumentParser:
    """The options of ``evaluate-ner`` (``--gold`` only where a gold scorer is given to
    :func:`cmd_evaluate_ner`, as ``fazhi-ie evaluate-ner`` does)."""
    p.add_argument("--model", default=None, help="model directory (default: the shipped one)")
    p.add_argument("--test-file", default=None, help="char<TAB>tag TSV (default: MSRA test)")
    if gold:
        p.add_argument("--gold", default=None, help="also score PER/ORG names on a gold directory")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    return p


def format_table(scores: dict[str, dict[str, float | int]]) -> str:
    lines = [f"{'':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for key, s in scores.items():
        lines.append(
            f"{key:<14}{s['precision']:>8.4f}{s['recall']:>8.4f}{s['f1']:>8.4f}"
            f"{s['tp']:>7}{s['fp']:>7}{s['fn']:>7}"
        )
    return "\n".join(lines)


#: Scores PER/ORG names of a model (its directory or None) on a gold directory:
#: :func:`fazhi_ie.evaluate.ner_names.evaluate_ner_on_gold`.
GoldScorer = Callable[[str, str | None], dict[str, dict[str, float | int]]]


def cmd_evaluate_ner(args: argparse.Namespace, score_gold: GoldScorer | None = None) -> int:
    """Run ``evaluate-ner`` from parsed arguments; ``--gold`` is scored by ``score_gold``."""
    gold_dir = getattr(args, "gold", None)
    if gold_dir and score_gold is None:
        raise ValueError("--gold needs a gold scorer: run `fazhi-ie evaluate-ner --gold DIR`")
    report: dict[str, Any] = {"msra_test": evaluate_ner(args.model, test_file=args.test_file)}
    if gold_dir and score_gold is not None:
        report["gold"] = score_gold(gold_dir, args.model)
    if args.json:
        # `fazhi-ie evaluate-ner --json` gives the real stdout: stdout is stderr meanwhile
        out = getattr(args, "json_out", None) or sys.stdout
        print(json.dumps(report, ensure_ascii=False, indent=2), file=out)
    else:
        print("strict span scores on " + (args.test_file or "MSRA test"))
        print(format_table(report["msra_test"]))
        if "gold" in report:
            print(f"\nNER names vs gold in {gold_dir}")
            print(format_table(report["gold"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m fazhi_ie.training.ner_eval",
        epilog="Scoring names on a gold directory: fazhi-ie evaluate-ner --gold DIR.",
    )
    return cmd_evaluate_ner(add_arguments(p, gold=False).parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
