"""Our HanLP NER class for inference: HanLP 2.1's BiLSTM-CRF with its CRF fixed, lenient
decoding and optional character-bigram, segmentation and lexicon features.

This module imports torch and hanlp: import it lazily. Training (``fit`` and what it
needs) is added by :class:`fazhi_ie.training.ner_model.FazhiRNNNERTrainer`, which saves
its models under this module's class path, so that they load here.

The CRF bug: ``hanlp.components.taggers.rnn.rnntaggingmodel.RNNTaggingModel`` builds its
CRF as ``CRF(n_out, crf_constraints)``, but ``hanlp.layers.crf.crf.CRF.__init__`` takes
``(num_tags, batch_first=True)``. The constraints (``None``) land in ``batch_first``,
so the CRF treats the batch axis as the time axis and scores transitions between
*different sentences*: the model learns next to nothing. :func:`fix_crf` sets
``batch_first=True`` on every CRF whose ``batch_first`` is not a bool (the signature of
that bug); our class applies it when it builds a model, for training and for loading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.datasets.ner.loaders.tsv import TSVTaggingDataset
from hanlp.layers.crf.crf import CRF
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from fazhi_ie.ner import softword
from fazhi_ie.ner.bigrams import char_bigrams
from fazhi_ie.ner.features import (
    FeatureIds,
    entities,
    index_from_hanlp,
    tag_paths,
    wide_forms,
)
from fazhi_ie.ner.lexicon import LEXICON_FILE, Lexicon, person_names, read_model_lexicon
from fazhi_ie.ner.viterbi import crf_params


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


def ensure_seg(sample: dict[str, Any]) -> dict[str, Any]:
    """Transform: a ``seg`` field of the right length (``S`` where it is missing)."""
    seg = sample.get("seg")
    if not seg or len(seg) != len(sample["token"]):
        sample["seg"] = ["S"] * len(sample["token"])
    return sample


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

    def forward(
        self, x: torch.Tensor, batch: dict[str, torch.Tensor] | None = None, **kwargs: Any
    ) -> tuple[torch.Tensor, torch.Tensor]:
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
    """``RNNNamedEntityRecognizer`` with the CRF fix, lenient decoding and our features.

    Config options read here: ``bigram_embed`` (0 = off), ``seg_embed`` (0 = off;
    segmentation BMES tags, see :mod:`fazhi_ie.ner.softword`), ``lex_embed`` (0 = off;
    gazetteer tags from the model directory's ``lexicon.tsv``, see
    :mod:`fazhi_ie.ner.lexicon`) and ``split_name_lists``. The training options are
    described in :class:`fazhi_ie.training.ner_model.FazhiRNNNERTrainer`.
    """

    LEXICON_FILE = LEXICON_FILE

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._model_dir: str | None = None
        self._lexicon: Lexicon | None = None
        self._known: frozenset[str] | None = None
        self._features: FeatureIds | None = None

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

    def load(self, save_dir: str, devices: Any = None, verbose: bool = False, **kwargs: Any):
        self._model_dir = str(save_dir)
        self._lexicon = None
        self._known = None
        self._features = None
        return super().load(save_dir, devices=devices, verbose=verbose, **kwargs)

    def load_weights(self, save_dir: str, filename: str = "model.pt", **kwargs: Any) -> None:
        """The weights, read with ``weights_only=True`` always: HanLP falls back to full
        unpickling on a torch that rejects the argument; this class never does."""
        path = Path(save_dir) / filename
        state = torch.load(path, map_location="cpu", weights_only=True)
        self.model_.load_state_dict(state, strict=False)

    @property
    def lexicon(self) -> Lexicon:
        """The gazetteer of a model with ``lex_embed`` (``lexicon.tsv`` in its directory)."""
        if self._lexicon is None:
            if not self._model_dir:
                raise ValueError("the model directory is unknown: cannot read its lexicon")
            self._lexicon = read_model_lexicon(self._model_dir)
        return self._lexicon

    @property
    def uses_segmentation(self) -> bool:
        """True when the model reads segmentation tags (``predict_data(..., segs=...)``)."""
        return bool(self.config.get("seg_embed"))

    # -- model -----------------------------------------------------------------
    def build_model(self, rnn_input, rnn_hidden, drop, crf, **kwargs: Any) -> nn.Module:
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
        return model

    # -- data ------------------------------------------------------------------
    def _add_lex(self, sample: dict[str, Any]) -> dict[str, Any]:
        sample["lex"] = self.lexicon.tags(sample["token"])
        return sample

    def build_dataset(self, data, transform):
        """HanLP's dataset of samples with our feature fields added (HanLP's own
        prediction and evaluation read it; :meth:`predict_tags` does not)."""
        if self._uses_features():
            extra = []
            if self.config.get("bigram_embed"):
                extra.append(add_bigrams)
            if self.config.get("seg_embed"):
                extra.append(ensure_seg)
            if self.config.get("lex_embed"):
                extra.append(self._add_lex)
            transform = [*extra, *transform]
        return TSVTaggingDataset(data, transform)

    # -- prediction ------------------------------------------------------------
    def predict(self, tokens: Any, batch_size: int | None = None, segs=None, **kwargs: Any):
        if segs and tokens and self.input_is_flat(tokens) and isinstance(segs[0], str):
            segs = [segs]
        return super().predict(tokens, batch_size, segs=segs, **kwargs)

    def predict_data(self, data, batch_size, segs=None, **kwargs: Any):
        """Entities ``(text, label, begin, end)`` per sentence, decoded leniently.

        ``segs``: BMES segmentation tags per sentence for a model that uses them; when
        not given they are computed with the library's pkuseg segmenter.
        """
        tags = self.predict_tags(data, batch_size or self.config.get("batch_size", 32), segs)
        known = self._known_names() if self.split_name_lists else None
        return entities(data, tags, self.config.get("token_delimiter") or "", known)

    @property
    def split_name_lists(self) -> bool:
        """Cut PER spans that are runs of several names (see :mod:`fazhi_ie.ner.names`);
        on unless the model's config sets ``split_name_lists`` to false."""
        return bool(self.config.get("split_name_lists", True))

    def _known_names(self) -> frozenset[str]:
        if self._known is None:
            self._known = person_names(self.lexicon if self.config.get("lex_embed") else None)
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
        features = self.feature_ids
        if features.uses_segmentation and segs is None:
            segs = softword.segment(data)
        id_to_tag = self.vocabs["tag"].idx_to_token
        crf = getattr(self.model, "crf", None)
        names = {"bigram": "bigram_id", "seg": "seg_id", "lex": "lex_id"}

        def run(arrays: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor]:
            batch = {
                names[f]: torch.from_numpy(a).to(device) for f, a in arrays.items() if f in names
            }
            return self.model(torch.from_numpy(arrays["token"]).to(device), batch=batch)

        with torch.inference_mode():
            if bool(self.config.get("crf")) and isinstance(crf, CRF) and crf.batch_first is True:
                paths = tag_paths(
                    data, batch_size, features, segs,
                    lambda arrays, _lengths: run(arrays)[0].float().cpu().numpy(),
                    crf_params(crf),
                )  # fmt: skip
                return [[id_to_tag[j] for j in path] for path in paths]
            out: list[list[str]] = [[] for _ in data]
            order = sorted((i for i in range(len(data)) if data[i]), key=lambda i: -len(data[i]))
            for k in range(0, len(order), batch_size):
                idx = order[k : k + batch_size]
                arrays = features.arrays(data, idx, segs)
                logits, mask = run(arrays)
                pred = self.decode_output(logits, mask, {})
                if isinstance(pred, torch.Tensor):
                    pred = pred.tolist()
                for i, path in zip(idx, pred, strict=True):
                    out[i] = [id_to_tag[j] for j in path[: len(data[i])]]
        return out

    @property
    def input_table(self) -> dict[int, str]:
        """``str.translate`` table for text before tagging: the ASCII punctuation the
        model never saw, as the full-width forms it knows (see features.wide_forms)."""
        return wide_forms(self.feature_ids.index["token"][0])

    @property
    def feature_ids(self) -> FeatureIds:
        """The model's input features as vocabulary ids (see :mod:`fazhi_ie.ner.features`)."""
        if self._features is None:
            self._features = FeatureIds.for_config(
                index_from_hanlp(self.vocabs), self.config, lambda: self.lexicon
            )
        return self._features


__all__ = ["BigramTaggingModel", "FazhiRNNNER", "add_bigrams", "ensure_seg", "fix_crf"]
