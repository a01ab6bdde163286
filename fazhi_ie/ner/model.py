"""Our HanLP NER class: HanLP 2.1's BiLSTM-CRF with its CRF fixed, lenient decoding,
a strict span metric, optional character-bigram features.

This module imports torch and hanlp: import it lazily.

The CRF bug: ``hanlp.components.taggers.rnn.rnntaggingmodel.RNNTaggingModel`` builds its
CRF as ``CRF(n_out, crf_constraints)``, but ``hanlp.layers.crf.crf.CRF.__init__`` takes
``(num_tags, batch_first=True)``. The constraints (``None``) land in ``batch_first``,
so the CRF treats the batch axis as the time axis and scores transitions between
*different sentences*: the model learns next to nothing. :func:`fix_crf` sets
``batch_first=True`` on every CRF whose ``batch_first`` is not a bool (the signature of
that bug); our class applies it when it builds a model, for training and for loading.
"""

from __future__ import annotations

from typing import Any

import torch
from hanlp.common.dataset import TransformableDataset
from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.components.taggers.rnn.rnntaggingmodel import RNNTaggingModel
from hanlp.datasets.ner.loaders.tsv import TSVTaggingDataset
from hanlp.layers.crf.crf import CRF
from hanlp.metrics.metric import Metric
from hanlp.utils.time_util import CountdownTimer
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from fazhi_ie.ner.spans import StrictSpanCounter, tags_to_spans

BIGRAM_END = "</s>"


def fix_crf(module: nn.Module) -> int:
    """Set ``batch_first=True`` on CRFs built with HanLP's swapped argument.

    Returns how many CRF layers were fixed. CRFs whose ``batch_first`` is already a
    bool (built correctly) are left alone.
    """
    fixed = 0
    for sub in module.modules():
        if isinstance(sub, CRF) and not isinstance(sub.batch_first, bool):
            sub.batch_first = True
            fixed += 1
    return fixed


def add_bigrams(sample: dict[str, Any]) -> dict[str, Any]:
    """Transform: ``bigram[i] = token[i] + token[i+1]`` (``</s>`` after the last)."""
    chars = sample["token"]
    sample["bigram"] = [a + b for a, b in zip(chars, [*chars[1:], BIGRAM_END], strict=True)]
    return sample


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


class BigramTaggingModel(nn.Module):
    """Character + character-bigram embeddings -> BiLSTM -> linear -> CRF."""

    def __init__(self, n_chars: int, n_embed: int, n_bigrams: int, n_bigram_embed: int,
                 rnn_hidden: int, n_out: int, drop: float = 0.5) -> None:  # fmt: skip
        super().__init__()
        self.embed = nn.Embedding(n_chars, n_embed)
        self.bigram_embed = nn.Embedding(n_bigrams, n_bigram_embed)
        self.word_lstm = nn.LSTM(
            input_size=n_embed + n_bigram_embed,
            hidden_size=rnn_hidden,
            batch_first=True,
            bidirectional=True,
        )
        self.out = nn.Linear(rnn_hidden * 2, n_out)
        self.crf = CRF(n_out, batch_first=True)
        self.drop = nn.Dropout(drop)
        nn.init.xavier_uniform_(self.out.weight)

    def forward(self, x: torch.Tensor, batch=None, **kwargs):
        mask = x.gt(0)
        lens = mask.sum(dim=1)
        emb = torch.cat([self.embed(x), self.bigram_embed(batch["bigram_id"])], dim=-1)
        emb = self.drop(emb)
        packed = pack_padded_sequence(emb, lens.cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.word_lstm(packed)
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=x.size(1))
        return self.out(self.drop(h)), mask


class FazhiRNNNER(RNNNamedEntityRecognizer):
    """``RNNNamedEntityRecognizer`` with the CRF fix, lenient decoding and a strict metric.

    Extra fit options: ``bigram_embed`` (0 = off) and ``bigram_min_freq``.
    """

    # -- model -----------------------------------------------------------------
    def build_model(self, rnn_input, rnn_hidden, drop, crf, **kwargs) -> torch.nn.Module:
        if self.config.get("bigram_embed"):
            model = BigramTaggingModel(
                len(self.vocabs[self.config.token_key]),
                int(self.config.embed),
                len(self.vocabs["bigram"]),
                int(self.config.bigram_embed),
                rnn_hidden,
                len(self.vocabs["tag"]),
                drop,
            )
        else:
            model = super().build_model(rnn_input, rnn_hidden, drop, crf, **kwargs)
        fix_crf(model)
        return model

    # -- data ------------------------------------------------------------------
    def build_dataset(self, data, transform):
        if self.config.get("bigram_embed"):
            transform = [add_bigrams, *transform]
        return TSVTaggingDataset(data, transform)

    def build_vocabs(self, dataset: TransformableDataset, logger):
        if not self.config.get("bigram_embed"):
            return super().build_vocabs(dataset, logger)
        self.vocabs.tag = Vocab(unk_token=None, pad_token=None)
        self.vocabs[self.config.token_key] = Vocab()
        counts: dict[str, int] = {}
        for each in dataset.data:
            chars = each["token"]
            for bg in add_bigrams({"token": chars})["bigram"]:
                counts[bg] = counts.get(bg, 0) + 1
        bigrams = Vocab()
        min_freq = int(self.config.get("bigram_min_freq", 2))
        for bg, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if c >= min_freq:
                bigrams.add(bg)
        bigrams.lock()
        self.vocabs["bigram"] = bigrams
        for _ in dataset:
            pass
        self.vocabs.lock()
        self.vocabs.summary(logger)

    # -- training --------------------------------------------------------------
    def build_metric(self, **kwargs):
        return StrictSpanMetric()

    def fit_dataloader(self, trn, criterion, optimizer, metric, logger, ratio_width=None, **kwargs):
        """Like HanLP's, but no Viterbi decoding of every training batch (saves time)."""
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
            total_loss += loss.item()
            timer.log(
                f"loss: {total_loss / (idx + 1):.4f}",
                ratio_percentage=False,
                logger=logger,
                ratio_width=ratio_width,
            )

    def evaluate_dataloader(self, data, criterion, logger=None, ratio_width=None, **kwargs):
        loss, metric = super(RNNNamedEntityRecognizer, self).evaluate_dataloader(
            data, criterion, logger, ratio_width, **kwargs
        )
        if logger:
            logger.info(f"strict dev: {metric!r}")
        return loss, metric

    # -- prediction ------------------------------------------------------------
    def predict_data(self, data, batch_size, **kwargs):
        """Entities ``(text, label, begin, end)`` per sentence, decoded leniently."""
        tags = self.predict_tags(data, batch_size or self.config.get("batch_size", 32))
        delim = self.config.get("token_delimiter") or ""
        return [
            [(delim.join(tokens[b:e]), t, b, e) for b, e, t in tags_to_spans(ts[: len(tokens)])]
            for tokens, ts in zip(data, tags, strict=True)
        ]

    def predict_tags(self, data: list[list[str]], batch_size: int = 32) -> list[list[str]]:
        """Tag sequences for tokenised sentences.

        A direct path (vocab lookups, padding, model, Viterbi) that skips HanLP's
        dataset/transform machinery, which costs about as much as the model on CPU;
        it gives the same tags as HanLP's ``predict_data``.
        """
        self.model.eval()
        token_vocab = self.vocabs[self.config.token_key]
        tok_idx, tok_unk = token_vocab.token_to_idx, token_vocab.unk_idx
        bigram = bool(self.config.get("bigram_embed"))
        if bigram:
            bg_vocab = self.vocabs["bigram"]
            bg_idx, bg_unk = bg_vocab.token_to_idx, bg_vocab.unk_idx
        id_to_tag = self.vocabs["tag"].idx_to_token
        order = sorted(range(len(data)), key=lambda i: -len(data[i]))
        out: list[list[str]] = [[] for _ in data]
        with torch.inference_mode():
            for k in range(0, len(order), batch_size):
                idx = [i for i in order[k : k + batch_size] if len(data[i])]
                if not idx:
                    continue
                width = len(data[idx[0]])
                x = torch.zeros(len(idx), width, dtype=torch.long)
                batch: dict[str, Any] = {}
                if bigram:
                    bx = torch.zeros(len(idx), width, dtype=torch.long)
                for row, i in enumerate(idx):
                    toks = data[i]
                    x[row, : len(toks)] = torch.tensor([tok_idx.get(t, tok_unk) for t in toks])
                    if bigram:
                        bgs = add_bigrams({"token": toks})["bigram"]
                        bx[row, : len(toks)] = torch.tensor([bg_idx.get(b, bg_unk) for b in bgs])
                if bigram:
                    batch["bigram_id"] = bx
                logits, mask = self.model(x, batch=batch)
                pred = self.decode_output(logits, mask, batch)
                if isinstance(pred, torch.Tensor):
                    pred = pred.tolist()
                for row, i in enumerate(idx):
                    out[i] = [id_to_tag[j] for j in pred[row][: len(data[i])]]
        for i, toks in enumerate(data):
            if not toks:
                out[i] = []
        return out


__all__ = ["FazhiRNNNER", "RNNTaggingModel", "StrictSpanMetric", "add_bigrams", "fix_crf"]
