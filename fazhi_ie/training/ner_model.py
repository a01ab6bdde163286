"""Training our HanLP NER class: :class:`FazhiRNNNERTrainer` adds ``fit`` and what it
needs (datasets with our feature transforms, vocabularies, warm starts, pretrained
vectors, weight averaging, per-epoch weights, a strict span metric) to the inference
class :class:`fazhi_ie.ner.model.FazhiRNNNER`.

Models are saved under the inference class path
(:data:`fazhi_ie.pretrained.NER_MODEL_CLASSPATH`): what training writes loads for
inference without this module. This module imports torch and hanlp: import it lazily.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from hanlp.common.dataset import TransformableDataset
from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.metrics.metric import Metric
from hanlp.utils.time_util import CountdownTimer
from torch import nn

from fazhi_ie.ner import softword
from fazhi_ie.ner.bigrams import char_bigrams
from fazhi_ie.ner.lexicon import TYPES as LEX_TYPES
from fazhi_ie.ner.model import FazhiRNNNER
from fazhi_ie.ner.softword import SEG_TAGS
from fazhi_ie.ner.spans import StrictSpanCounter, tags_to_spans
from fazhi_ie.pretrained import NER_MODEL_CLASSPATH
from fazhi_ie.training.averaging import WeightAverage
from fazhi_ie.training.pretrain import load_vectors


def read_tagged_tsv(path: str) -> list[dict[str, list[str]]]:
    """Samples from a ``char<TAB>tag[<TAB>seg]`` file (blank line between sentences)."""
    samples: list[dict[str, list[str]]] = []
    cur: dict[str, list[str]] = {"token": [], "tag": [], "seg": []}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line:
                if cur["token"]:
                    samples.append(cur)
                cur = {"token": [], "tag": [], "seg": []}
                continue
            cols = line.split("\t")
            cur["token"].append(cols[0])
            cur["tag"].append(cols[1])
            cur["seg"].append(cols[2] if len(cols) > 2 else "")
    if cur["token"]:
        samples.append(cur)
    missing = [s for s in samples if not all(s["seg"])]
    if missing:  # no segmentation column: run the library's segmenter
        tags = softword.segment([s["token"] for s in missing])
        for s, seg in zip(missing, tags, strict=True):
            s["seg"] = seg
    return samples


def warm_start(model: nn.Module, state: dict[str, torch.Tensor]) -> list[str]:
    """Copy ``state`` into ``model``; returns the names of parameters left as built.

    Same-shaped tensors are copied. An LSTM input matrix with more input columns than
    the source (features appended at the end of the input, e.g. segmentation tags) gets
    the source's columns and zeros for the new ones, so the new model starts out
    computing exactly what the source computed, and learns to use the new features.
    """
    own = model.state_dict()
    fresh: list[str] = []
    with torch.no_grad():
        for name, param in own.items():
            src = state.get(name)
            if src is not None and src.shape == param.shape:
                param.copy_(src)
            elif (
                src is not None
                and "weight_ih" in name
                and src.dim() == 2
                and src.shape[0] == param.shape[0]
                and src.shape[1] < param.shape[1]
            ):
                param.zero_()
                param[:, : src.shape[1]].copy_(src)
            else:
                fresh.append(name)
    return fresh


def fill_embedding(layer: nn.Embedding, tokens: list[str], vectors: dict[str, Any]) -> int:
    """Copy ``vectors[token]`` into the rows of ``layer`` (row i = ``tokens[i]``).

    The pretrained vectors are rescaled together so that their values have the standard
    deviation of the rows left as initialised (N(0, 1) for ``nn.Embedding``), so the
    two kinds of rows feed the network on the same scale. Returns the rows filled.
    """
    rows = [(i, vectors[t]) for i, t in enumerate(tokens) if t in vectors]
    if not rows:
        return 0
    dim = layer.weight.shape[1]
    if len(rows[0][1]) != dim:
        raise ValueError(f"pretrained vectors have {len(rows[0][1])} dimensions, the layer {dim}")
    idx = torch.tensor([i for i, _ in rows])
    mat = torch.tensor(np.stack([v for _, v in rows]), dtype=layer.weight.dtype)
    mat = mat * (layer.weight.detach().std() / mat.std().clamp_min(1e-8))
    with torch.no_grad():
        layer.weight[idx] = mat
    return len(rows)


class StrictSpanMetric(Metric):
    """HanLP ``Metric`` wrapper around our strict span scorer (score = overall F1)."""

    def __init__(self) -> None:
        self.counter = StrictSpanCounter()

    @property
    def score(self) -> float:
        return self.counter.f1

    def __call__(self, pred, gold, mask=None) -> None:  # lists of tag lists
        for p, g in zip(pred, gold, strict=False):
            self.counter.add(tags_to_spans(g), tags_to_spans(p[: len(g)]))

    def reset(self) -> None:
        self.counter.reset()

    def __repr__(self) -> str:
        s = self.counter.scores()
        return " ".join(f"{k} {v['f1']:.2%}" for k, v in s.items())


class FazhiRNNNERTrainer(FazhiRNNNER):
    """:class:`~fazhi_ie.ner.model.FazhiRNNNER` that can be trained.

    Extra fit options: ``bigram_embed`` (0 = off), ``bigram_min_freq``, ``seg_embed``
    (0 = off; segmentation BMES tags, see :mod:`fazhi_ie.ner.softword`) and ``init_from``
    (a model directory with the same vocabularies whose weights start the training),
    ``lex_embed`` (0 = off; gazetteer tags from the model directory's ``lexicon.tsv``,
    see :mod:`fazhi_ie.ner.lexicon`), ``weight_average`` (0 = off; the decay of an
    exponential moving average of the weights, which is what is evaluated on dev and
    saved, see :mod:`fazhi_ie.training.averaging`), ``keep_epochs`` (keep every epoch's
    scored weights in ``<model dir>.epochs/NNN.pt`` with ``scores.tsv``, for soups),
    ``pretrained`` (a folder of character/bigram vectors written by
    :mod:`fazhi_ie.training.pretrain`; they start the embedding rows of known tokens).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._average: WeightAverage | None = None
        self._epoch = 0  # epochs trained in the current fit (0 outside fit)

    @property
    def _savable_config(self) -> Any:
        """HanLP's saved config, naming the inference class (which loads the model)."""
        config = super()._savable_config
        config["classpath"] = NER_MODEL_CLASSPATH
        return config

    # -- model -----------------------------------------------------------------
    def build_model(self, rnn_input, rnn_hidden, drop, crf, **kwargs: Any) -> nn.Module:
        model = super().build_model(rnn_input, rnn_hidden, drop, crf, **kwargs)
        pretrained = kwargs.get("training") and self.config.get("pretrained")
        if pretrained:
            self._init_pretrained(model, str(pretrained))
        init_from = kwargs.get("training") and self.config.get("init_from")
        if init_from:
            self._init_weights(model, str(init_from))
        return model

    def _init_pretrained(self, model: nn.Module, directory: str) -> dict[str, int]:
        """Fill the character (and bigram) embedding rows of tokens that have a
        pretrained vector (see :mod:`fazhi_ie.training.pretrain`); returns rows filled."""
        filled: dict[str, int] = {}
        targets = [("char", self.config.token_key, getattr(model, "embed", None))]
        if self.config.get("bigram_embed"):
            targets.append(("bigram", "bigram", getattr(model, "bigram_embed", None)))
        for name, vocab_key, layer in targets:
            if not isinstance(layer, nn.Embedding):
                raise ValueError(f"pretrained {name} vectors: the model has no such embedding")
            filled[name] = fill_embedding(
                layer, self.vocabs[vocab_key].idx_to_token, load_vectors(directory, name)
            )
        return filled

    def _init_weights(self, model: nn.Module, model_dir: str) -> None:
        """Start from another model's weights (see :func:`warm_start`)."""
        theirs = json.loads((Path(model_dir) / "vocabs.json").read_text("utf-8"))
        for key, vocab in self.vocabs.items():
            if key in theirs and theirs[key].get("idx_to_token") != vocab.idx_to_token:
                raise ValueError(f"init_from {model_dir}: vocabulary {key!r} differs")
        state = torch.load(Path(model_dir) / "model.pt", map_location="cpu", weights_only=True)
        warm_start(model, state)

    # -- data ------------------------------------------------------------------
    def build_dataset(self, data, transform):
        """The inference class's dataset; a training file of a model with segmentation
        features is read with its segmentation column (see :func:`read_tagged_tsv`)."""
        if self.config.get("seg_embed") and isinstance(data, str):
            data = read_tagged_tsv(data)
        return super().build_dataset(data, transform)

    def build_vocabs(self, dataset: TransformableDataset, logger):
        if not self._uses_features():
            return super().build_vocabs(dataset, logger)
        self.vocabs.tag = Vocab(unk_token=None, pad_token=None)
        self.vocabs[self.config.token_key] = Vocab()
        if self.config.get("bigram_embed"):
            counts: dict[str, int] = {}
            for each in dataset.data:
                chars = each["token"]
                for bg in char_bigrams(chars):
                    counts[bg] = counts.get(bg, 0) + 1
            bigrams = Vocab()
            min_freq = int(self.config.get("bigram_min_freq", 2))
            for bg, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                if c >= min_freq:
                    bigrams.add(bg)
            bigrams.lock()
            self.vocabs["bigram"] = bigrams
        if self.config.get("seg_embed"):
            segs = Vocab()
            for t in SEG_TAGS:
                segs.add(t)
            segs.lock()
            self.vocabs["seg"] = segs
        if self.config.get("lex_embed"):
            lex = Vocab()
            for combo in itertools.product("-BMES", repeat=len(LEX_TYPES)):
                lex.add("|".join(combo))
            lex.lock()
            self.vocabs["lex"] = lex
        for _ in dataset:
            pass
        self.vocabs.lock()
        self.vocabs.summary(logger)

    # -- training --------------------------------------------------------------
    def build_metric(self, **kwargs: Any) -> StrictSpanMetric:
        return StrictSpanMetric()

    def fit(self, *args: Any, **kwargs: Any):
        self._epoch = 0
        try:
            return super().fit(*args, **kwargs)
        finally:
            self._average = None  # the best (averaged) weights are saved and loaded
            self._epoch = 0

    def epochs_dir(self) -> str | None:
        """Where ``keep_epochs`` training keeps every epoch's weights: ``<model dir>.epochs``
        beside the model directory (so the model directory stays shippable)."""
        if not self._model_dir:
            return None
        return self._model_dir.rstrip("/\\") + ".epochs"

    def _keep_epoch(self, metric: Any) -> None:
        folder = self.epochs_dir()
        if not folder:
            return
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        torch.save(self.model.state_dict(), out / f"{self._epoch:03d}.pt")
        with (out / "scores.tsv").open("a", encoding="utf-8") as fh:
            fh.write(f"{self._epoch}\t{metric.score:.6f}\n")

    def fit_dataloader(self, trn, criterion, optimizer, metric, logger, ratio_width=None, **kwargs):
        """Like HanLP's, but no Viterbi decoding of every training batch (saves time),
        and with the optional weight average updated after every step."""
        decay = float(self.config.get("weight_average") or 0.0)
        if decay and self._average is None:
            self._average = WeightAverage(self.model, decay)
        if self._average is not None:
            self._average.swap_out(self.model)
        self._epoch += 1
        self.model.train()
        timer = CountdownTimer(len(trn))
        total_loss = 0.0
        for idx, batch in enumerate(trn):
            optimizer.zero_grad()
            out, mask = self.feed_batch(batch)
            loss = self.compute_loss(criterion, out, batch["tag_id"], mask)
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
            optimizer.step()
            if self._average is not None:
                self._average.update(self.model)
            total_loss += loss.item()
            timer.log(
                f"loss: {total_loss / (idx + 1):.4f}",
                ratio_percentage=False,
                logger=logger,
                ratio_width=ratio_width,
            )

    def evaluate_dataloader(self, data, criterion, logger=None, ratio_width=None, **kwargs):
        if self._average is not None:  # during training: score (and save) the average
            self._average.swap_in(self.model)
        loss, metric = super(RNNNamedEntityRecognizer, self).evaluate_dataloader(
            data, criterion, logger, ratio_width, **kwargs
        )
        if logger:
            logger.info(f"strict dev: {metric!r}")
        if self.config.get("keep_epochs") and self._epoch:
            self._keep_epoch(metric)  # inside fit: the weights just scored on dev
        return loss, metric


__all__ = [
    "FazhiRNNNERTrainer",
    "StrictSpanMetric",
    "fill_embedding",
    "read_tagged_tsv",
    "warm_start",
]
