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

import itertools
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

from fazhi_ie.ner.averaging import WeightAverage
from fazhi_ie.ner.bigrams import BIGRAM_END, char_bigrams
from fazhi_ie.ner.lexicon import TYPES as LEX_TYPES
from fazhi_ie.ner.lexicon import Lexicon
from fazhi_ie.ner.names import split_person_spans
from fazhi_ie.ner.softword import SEG_TAGS
from fazhi_ie.ner.spans import StrictSpanCounter, tags_to_spans


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
    sample["bigram"] = char_bigrams(sample["token"])
    return sample


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
    import numpy as np

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
        from fazhi_ie.ner.softword import segment

        for s, tags in zip(missing, segment([s["token"] for s in missing]), strict=True):
            s["seg"] = tags
    return samples


def ensure_seg(sample: dict[str, Any]) -> dict[str, Any]:
    """Transform: a ``seg`` field of the right length (``S`` where it is missing)."""
    seg = sample.get("seg")
    if not seg or len(seg) != len(sample["token"]):
        sample["seg"] = ["S"] * len(sample["token"])
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
    """Character (+ character-bigram) (+ segmentation tag) (+ lexicon tag) embeddings ->
    BiLSTM -> linear -> CRF. Feature embeddings of size 0 are left out (the weights are
    then those of a model built before the feature existed).
    """

    def __init__(self, n_chars: int, n_embed: int, n_bigrams: int, n_bigram_embed: int,
                 rnn_hidden: int, n_out: int, drop: float = 0.5,
                 n_segs: int = 0, n_seg_embed: int = 0,
                 n_lex: int = 0, n_lex_embed: int = 0) -> None:  # fmt: skip
        super().__init__()
        self.embed = nn.Embedding(n_chars, n_embed)
        if n_bigram_embed:
            self.bigram_embed = nn.Embedding(n_bigrams, n_bigram_embed)
        if n_seg_embed:
            self.seg_embed = nn.Embedding(n_segs, n_seg_embed)
        if n_lex_embed:
            self.lex_embed = nn.Embedding(n_lex, n_lex_embed)
        self.word_lstm = nn.LSTM(
            input_size=n_embed + n_bigram_embed + n_seg_embed + n_lex_embed,
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
        parts = [self.embed(x)]
        if hasattr(self, "bigram_embed"):
            parts.append(self.bigram_embed(batch["bigram_id"]))
        if hasattr(self, "seg_embed"):
            parts.append(self.seg_embed(batch["seg_id"]))
        if hasattr(self, "lex_embed"):
            parts.append(self.lex_embed(batch["lex_id"]))
        emb = self.drop(torch.cat(parts, dim=-1))
        packed = pack_padded_sequence(emb, lens.cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.word_lstm(packed)
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=x.size(1))
        return self.out(self.drop(h)), mask


class FazhiRNNNER(RNNNamedEntityRecognizer):
    """``RNNNamedEntityRecognizer`` with the CRF fix, lenient decoding and a strict metric.

    Extra fit options: ``bigram_embed`` (0 = off), ``bigram_min_freq``, ``seg_embed``
    (0 = off; segmentation BMES tags, see :mod:`fazhi_ie.ner.softword`) and ``init_from``
    (a model directory with the same vocabularies whose weights start the training),
    ``lex_embed`` (0 = off; gazetteer tags from the model directory's ``lexicon.tsv``,
    see :mod:`fazhi_ie.ner.lexicon`), ``weight_average`` (0 = off; the decay of an
    exponential moving average of the weights, which is what is evaluated on dev and
    saved, see :mod:`fazhi_ie.ner.averaging`), ``keep_epochs`` (keep every epoch's
    scored weights in ``<model dir>.epochs/NNN.pt`` with ``scores.tsv``, for soups),
    ``pretrained`` (a folder of character/bigram vectors written by
    :mod:`fazhi_ie.training.pretrain`; they start the embedding rows of known tokens).
    """

    LEXICON_FILE = "lexicon.tsv"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._model_dir: str | None = None
        self._lexicon: Lexicon | None = None
        self._known: frozenset[str] | None = None
        self._average: WeightAverage | None = None
        self._epoch = 0  # epochs trained in the current fit (0 outside fit)

    def _uses_features(self) -> bool:
        return bool(
            self.config.get("bigram_embed")
            or self.config.get("seg_embed")
            or self.config.get("lex_embed")
        )

    def on_config_ready(self, **kwargs: Any) -> None:
        if kwargs.get("save_dir"):
            self._model_dir = str(kwargs["save_dir"])
        super().on_config_ready(**kwargs)

    def load(self, save_dir: str, devices=None, verbose: bool = False, **kwargs: Any):
        self._model_dir = str(save_dir)
        self._lexicon = None
        self._known = None
        return super().load(save_dir, devices=devices, verbose=verbose, **kwargs)

    @property
    def lexicon(self) -> Lexicon:
        """The gazetteer of a model with ``lex_embed`` (``lexicon.tsv`` in its directory)."""
        if self._lexicon is None:
            from pathlib import Path

            if not self._model_dir:
                raise ValueError("the model directory is unknown: cannot read its lexicon")
            path = Path(self._model_dir) / self.LEXICON_FILE
            if not path.is_file():
                raise FileNotFoundError(f"{path}: the model's lexicon file is missing")
            self._lexicon = Lexicon.read(path)
        return self._lexicon

    def _add_lex(self, sample: dict[str, Any]) -> dict[str, Any]:
        sample["lex"] = self.lexicon.tags(sample["token"])
        return sample

    @property
    def uses_segmentation(self) -> bool:
        """True when the model reads segmentation tags (``predict_data(..., segs=...)``)."""
        return bool(self.config.get("seg_embed"))

    # -- model -----------------------------------------------------------------
    def build_model(self, rnn_input, rnn_hidden, drop, crf, **kwargs) -> torch.nn.Module:
        if self._uses_features():
            seg = int(self.config.get("seg_embed") or 0)
            model = BigramTaggingModel(
                len(self.vocabs[self.config.token_key]),
                int(self.config.embed),
                len(self.vocabs["bigram"]) if "bigram" in self.vocabs else 0,
                int(self.config.get("bigram_embed") or 0),
                rnn_hidden,
                len(self.vocabs["tag"]),
                drop,
                n_segs=len(self.vocabs["seg"]) if seg else 0,
                n_seg_embed=seg,
                n_lex=len(self.vocabs["lex"]) if "lex" in self.vocabs else 0,
                n_lex_embed=int(self.config.get("lex_embed") or 0),
            )
        else:
            model = super().build_model(rnn_input, rnn_hidden, drop, crf, **kwargs)
        fix_crf(model)
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
        from fazhi_ie.training.pretrain import load_vectors

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
        import json
        from pathlib import Path

        theirs = json.loads((Path(model_dir) / "vocabs.json").read_text("utf-8"))
        for key, vocab in self.vocabs.items():
            if key in theirs and theirs[key].get("idx_to_token") != vocab.idx_to_token:
                raise ValueError(f"init_from {model_dir}: vocabulary {key!r} differs")
        state = torch.load(Path(model_dir) / "model.pt", map_location="cpu")
        warm_start(model, state)

    # -- data ------------------------------------------------------------------
    def build_dataset(self, data, transform):
        if self._uses_features():
            extra = []
            if self.config.get("bigram_embed"):
                extra.append(add_bigrams)
            if self.config.get("seg_embed"):
                if isinstance(data, str):
                    data = read_tagged_tsv(data)
                extra.append(ensure_seg)
            if self.config.get("lex_embed"):
                extra.append(self._add_lex)
            transform = [*extra, *transform]
        return TSVTaggingDataset(data, transform)

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
    def build_metric(self, **kwargs):
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
        from pathlib import Path

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

    # -- prediction ------------------------------------------------------------
    def predict(self, tokens: Any, batch_size: int | None = None, segs=None, **kwargs):
        if segs and tokens and self.input_is_flat(tokens) and isinstance(segs[0], str):
            segs = [segs]
        return super().predict(tokens, batch_size, segs=segs, **kwargs)

    def predict_data(self, data, batch_size, segs=None, **kwargs):
        """Entities ``(text, label, begin, end)`` per sentence, decoded leniently.

        ``segs``: BMES segmentation tags per sentence for a model that uses them; when
        not given they are computed with the library's pkuseg segmenter.
        """
        tags = self.predict_tags(data, batch_size or self.config.get("batch_size", 32), segs)
        delim = self.config.get("token_delimiter") or ""
        split = self.split_name_lists
        known = self._known_names() if split else frozenset()
        out = []
        for tokens, ts in zip(data, tags, strict=True):
            spans = tags_to_spans(ts[: len(tokens)])
            if split:
                spans = split_person_spans(tokens, spans, known)
            out.append([(delim.join(tokens[b:e]), t, b, e) for b, e, t in spans])
        return out

    @property
    def split_name_lists(self) -> bool:
        """Cut PER spans that are runs of several names (see :mod:`fazhi_ie.ner.names`);
        on unless the model's config sets ``split_name_lists`` to false."""
        return bool(self.config.get("split_name_lists", True))

    def _known_names(self) -> frozenset[str]:
        if self._known is None:
            if self.config.get("lex_embed"):
                words = self.lexicon.words
                self._known = frozenset(w for w, types in words.items() if "PER" in types)
            else:
                self._known = frozenset()
        return self._known

    def predict_tags(
        self,
        data: list[list[str]],
        batch_size: int = 32,
        segs: list[list[str]] | None = None,
    ) -> list[list[str]]:
        """Tag sequences for tokenised sentences.

        A direct path (vocab lookups, padding, model, Viterbi) that skips HanLP's
        dataset/transform machinery, which costs about as much as the model on CPU;
        it gives the same tags as HanLP's ``predict_data``.
        """
        self.model.eval()
        device = next(self.model.parameters()).device
        token_vocab = self.vocabs[self.config.token_key]
        tok_idx, tok_unk = token_vocab.token_to_idx, token_vocab.unk_idx
        bigram = bool(self.config.get("bigram_embed"))
        if bigram:
            bg_vocab = self.vocabs["bigram"]
            bg_idx, bg_unk = bg_vocab.token_to_idx, bg_vocab.unk_idx
        use_seg = self.uses_segmentation
        if use_seg:
            if segs is None:
                from fazhi_ie.ner.softword import segment

                segs = segment(data)
            seg_idx = self.vocabs["seg"].token_to_idx
            seg_s = seg_idx["S"]
        use_lex = bool(self.config.get("lex_embed"))
        if use_lex:
            lex_idx, lex_unk = self.vocabs["lex"].token_to_idx, self.vocabs["lex"].unk_idx
            lexicon = self.lexicon
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
                if use_seg:
                    sx = torch.zeros(len(idx), width, dtype=torch.long)
                if use_lex:
                    lx = torch.zeros(len(idx), width, dtype=torch.long)
                for row, i in enumerate(idx):
                    toks = data[i]
                    x[row, : len(toks)] = torch.tensor([tok_idx.get(t, tok_unk) for t in toks])
                    if bigram:
                        bgs = char_bigrams(toks)
                        bx[row, : len(toks)] = torch.tensor([bg_idx.get(b, bg_unk) for b in bgs])
                    if use_seg:
                        sg = segs[i] if len(segs[i]) == len(toks) else ["S"] * len(toks)
                        sx[row, : len(toks)] = torch.tensor([seg_idx.get(t, seg_s) for t in sg])
                    if use_lex:
                        lt = lexicon.tags(toks)
                        lx[row, : len(toks)] = torch.tensor([lex_idx.get(t, lex_unk) for t in lt])
                if bigram:
                    batch["bigram_id"] = bx.to(device)
                if use_seg:
                    batch["seg_id"] = sx.to(device)
                if use_lex:
                    batch["lex_id"] = lx.to(device)
                logits, mask = self.model(x.to(device), batch=batch)
                pred = self.decode_output(logits, mask, batch)
                if isinstance(pred, torch.Tensor):
                    pred = pred.tolist()
                for row, i in enumerate(idx):
                    out[i] = [id_to_tag[j] for j in pred[row][: len(data[i])]]
        for i, toks in enumerate(data):
            if not toks:
                out[i] = []
        return out


__all__ = [
    "BIGRAM_END",
    "FazhiRNNNER",
    "RNNTaggingModel",
    "StrictSpanMetric",
    "add_bigrams",
    "fix_crf",
]
