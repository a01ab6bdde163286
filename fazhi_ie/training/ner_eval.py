"""Strict span evaluation of an NER model on MSRA test (or any ``char<TAB>tag`` file)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from fazhi_ie.ner.spans import strict_scores


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
    from fazhi_ie.ner.loader import load_model
    from fazhi_ie.training import msra

    tagger = load_model(model_dir)
    sents = msra.read_tsv(Path(test_file)) if test_file else msra.load("test")
    segs = msra.read_seg_column(Path(test_file)) if test_file else None
    gold = msra.gold_spans(sents)
    chars = [c for c, _ in sents]
    pred = predict_spans(tagger, chars, batch_size=batch_size, segs=segs)
    scores = strict_scores(gold, pred)
    return {k: {m: (round(v, 4) if isinstance(v, float) else v) for m, v in d.items()}
            for k, d in scores.items()}  # fmt: skip


def evaluate_ner_on_gold(
    gold_dir: str | os.PathLike[str],
    model_dir: str | os.PathLike[str] | None = None,
    *,
    batch_size: int = 32,
) -> dict[str, dict[str, float | int]]:
    """Name-level P/R/F1 of the NER alone against a gold directory (ANNOTATION.md).

    Per article, the set of normalised PER span texts is compared with the gold
    persons' names, and the ORG span texts with the gold organizations' names (exact,
    so gold short forms like 司法局 only match an identical span). The text is converted
    to Simplified first. This measures the NER stage only, before any rules.
    """
    from fazhi_ie.evaluate.gold import load_gold_dir
    from fazhi_ie.evaluate.normalize import _converter, normalize
    from fazhi_ie.ner.component import HanlpNER

    comp = HanlpNER(None, model=None if model_dir is None else str(model_dir))
    comp.batch_size = batch_size
    counts = {"persons": [0, 0, 0], "organizations": [0, 0, 0]}
    conv = _converter()
    for gold in load_gold_dir(gold_dir):
        text = conv.convert(gold.text)
        spans = comp.predict_texts([text])[0]
        for key, label, items in (
            ("persons", "PER", gold.persons),
            ("organizations", "ORG", gold.organizations),
        ):
            if items is None:
                continue
            g = {normalize(x.name) for x in items}
            p = {normalize(text[s:e]) for s, e, lab in spans if lab == label}
            c = counts[key]
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
    from fazhi_ie.ner.spans import _prf

    return {k: {m: (round(v, 4) if isinstance(v, float) else v) for m, v in _prf(*c).items()}
            for k, c in counts.items()}  # fmt: skip


def add_arguments(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``evaluate-ner``."""
    p.add_argument("--model", default=None, help="model directory (default: the shipped one)")
    p.add_argument("--test-file", default=None, help="char<TAB>tag TSV (default: MSRA test)")
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


def cmd_evaluate_ner(args: argparse.Namespace) -> int:
    """Run ``evaluate-ner`` from parsed arguments."""
    report: dict[str, Any] = {"msra_test": evaluate_ner(args.model, test_file=args.test_file)}
    if args.gold:
        report["gold"] = evaluate_ner_on_gold(args.gold, args.model)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print("strict span scores on " + (args.test_file or "MSRA test"))
        print(format_table(report["msra_test"]))
        if "gold" in report:
            print(f"\nNER names vs gold in {args.gold}")
            print(format_table(report["gold"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fazhi_ie.training.ner_eval")
    return cmd_evaluate_ner(add_arguments(p).parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
