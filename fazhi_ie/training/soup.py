"""Average the weights of NER models trained from the same starting weights ("model soup").

    python -m fazhi_ie.training.soup --out SOUP_DIR MODEL_A MODEL_B [...]
    python -m fazhi_ie.training.soup --out SOUP_DIR --base MODEL OUT.epochs/01[0-9].pt

Inputs are model directories or weight files (``NNN.pt`` kept by ``train-ner
--keep-epochs``, which share the base model's vocabularies by construction).

Models fine-tuned from one checkpoint usually stay in one basin of the loss, where the
average of their weights scores at least as well as each of them. This only makes
sense for such models: the inputs must have the same configuration, vocabularies and
lexicon (checked), and they should share their starting weights (not checkable: say
so where you use it). The output is an ordinary model directory: the first model's
files with the averaged ``model.pt``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

# options that only describe how a model was trained (they may differ in a soup)
TRAINING_ONLY = {
    "lr",
    "epochs",
    "patience",
    "init_from",
    "weight_average",
    "keep_epochs",
    "batch_size",
}
SAME_FILES = ("vocabs.json", "lexicon.tsv")


def _config(model_dir: Path) -> dict[str, Any]:
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    return {k: v for k, v in config.items() if k not in TRAINING_ONLY}


def make_soup(models: list[str | Path], out: str | Path, base: str | Path | None = None) -> Path:
    """Write a model directory at ``out`` whose weights are the mean of ``models``'
    (model directories or weight files); its other files come from ``base`` (default:
    the first model directory given)."""
    import torch

    items = [Path(m) for m in models]
    if len(items) < 2:
        raise ValueError("a soup needs at least two models")
    dirs = [d for d in items if d.is_dir()]
    if base is None and not dirs:
        raise ValueError("give --base (a model directory) when all inputs are weight files")
    first = Path(base) if base is not None else dirs[0]
    for d in dirs:
        if _config(d) != _config(first):
            raise ValueError(f"{d}: its model options differ from {first}'s")
        for name in SAME_FILES:
            a, b = first / name, d / name
            if a.is_file() != b.is_file() or (a.is_file() and a.read_bytes() != b.read_bytes()):
                raise ValueError(f"{d}: {name} differs from {first}'s")
    states = [
        torch.load(d / "model.pt" if d.is_dir() else d, map_location="cpu", weights_only=True)
        for d in items
    ]
    ref = next(
        (state for item, state in zip(items, states, strict=True) if item == first), None
    ) or torch.load(first / "model.pt", map_location="cpu", weights_only=True)
    for item, state in zip(items, states, strict=True):
        if set(state) != set(ref) or any(state[k].shape != ref[k].shape for k in ref):
            raise ValueError(f"{item}: its weights do not fit {first}'s model")
    soup = {}
    for k, v in states[0].items():
        if v.dtype.is_floating_point:
            soup[k] = sum(s[k] for s in states) / len(states)
        else:
            soup[k] = v
    out = Path(out)
    if out.exists():
        raise FileExistsError(f"{out} exists; not overwriting")
    out.mkdir(parents=True)
    for path in first.iterdir():
        if path.is_file() and path.name not in {"model.pt", "msra_test_scores.json"}:
            shutil.copyfile(path, out / path.name)
    torch.save(soup, out / "model.pt")
    config = json.loads((out / "config.json").read_text("utf-8"))
    config["soup_of"] = [str(d) for d in items]
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m fazhi_ie.training.soup",
        description="Average the weights of NER models fine-tuned from the same weights.",
    )
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--base", default=None, help="model directory giving the other files")
    p.add_argument(
        "models", nargs="+", help="model directories (same options and vocabularies) or .pt files"
    )
    args = p.parse_args(argv)
    try:
        out = make_soup(args.models, args.out, base=args.base)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
