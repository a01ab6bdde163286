"""The NER stage alone against a gold directory: PER and ORG names per article.

This scores the HanLP model before any rule runs (``fazhi-ie evaluate-ner --gold``);
the parser as a whole is scored by :func:`fazhi_ie.evaluate.evaluate_dir`.
"""

from __future__ import annotations

import os

from fazhi_ie.evaluate.gold import load_gold_dir
from fazhi_ie.evaluate.keys import comparison_key, t2s_converter
from fazhi_ie.ner.component import HanlpNER
from fazhi_ie.ner.spans import prf


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
    comp = HanlpNER(None, model=None if model_dir is None else str(model_dir))
    comp.batch_size = batch_size
    counts = {"persons": [0, 0, 0], "organizations": [0, 0, 0]}
    conv = t2s_converter()
    for gold in load_gold_dir(gold_dir):
        text = conv.convert(gold.text)
        spans = comp.predict_texts([text])[0]
        for key, label, items in (
            ("persons", "PER", gold.persons),
            ("organizations", "ORG", gold.organizations),
        ):
            if items is None:
                continue
            g = {comparison_key(x.name) for x in items}
            p = {comparison_key(text[s:e]) for s, e, lab in spans if lab == label}
            c = counts[key]
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
    return {k: {m: (round(v, 4) if isinstance(v, float) else v) for m, v in prf(*c).items()}
            for k, c in counts.items()}  # fmt: skip


__all__ = ["evaluate_ner_on_gold"]
