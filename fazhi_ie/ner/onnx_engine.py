"""The NER model run by ONNX Runtime: no torch, no hanlp.

A model directory of ours (``config.json`` naming
:data:`~fazhi_ie.pretrained.NER_MODEL_CLASSPATH`, ``vocabs.json``, ``lexicon.tsv`` and
``model.onnx``, written by ``python -m fazhi_ie.training.onnx_export``) is all it reads:
the features are built as in training (:mod:`fazhi_ie.ner.features`), ONNX Runtime
gives the emission scores, and the CRF paths are decoded in numpy. The tags equal those
of the torch model in float32 (``tests/test_ner_onnx.py``). Nothing is unpickled: the
vocabularies are JSON, the graph is protobuf.

Importing this module imports ONNX Runtime (about 0.1 s); the loader does it lazily.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from fazhi_ie.ner import softword
from fazhi_ie.ner.features import FeatureIds, entities, index_from_json, tag_paths, wide_forms
from fazhi_ie.ner.lexicon import Lexicon, person_names, read_model_lexicon
from fazhi_ie.pretrained import NER_ONNX_FILE

CRF_OUTPUTS = ("crf_start", "crf_transitions", "crf_end")


class OnnxNER:
    """Tags sentences with a model directory's ``model.onnx``; the same ``predict``
    as HanLP's taggers (``(text, label, begin, end)`` per entity and sentence).

    ``threads``: ONNX Runtime's threads for one call (the library's default is 1 per
    process, :mod:`fazhi_ie.threads`).
    """

    def __init__(self, model_dir: str | Path, threads: int = 1) -> None:
        self.model_dir = Path(model_dir)
        self.config: dict[str, Any] = json.loads(
            (self.model_dir / "config.json").read_text("utf-8")
        )
        vocabs = json.loads((self.model_dir / "vocabs.json").read_text("utf-8"))
        self.id_to_tag: list[str] = list(vocabs["tag"]["idx_to_token"])
        self._lexicon: Lexicon | None = None
        self.features = FeatureIds.for_config(
            index_from_json(vocabs), self.config, lambda: self.lexicon
        )
        #: str.translate table for text before tagging (see features.wide_forms)
        self.input_table = wide_forms(self.features.index["token"][0])
        if "lex" in self.features.features:
            _ = self.lexicon  # read now: a missing lexicon.tsv fails at load
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only
        self.session = ort.InferenceSession(
            str(self.model_dir / NER_ONNX_FILE), options, providers=["CPUExecutionProvider"]
        )
        names = {i.name for i in self.session.get_inputs()}
        if names != {*self.features.features, "lengths"}:
            raise ValueError(
                f"{NER_ONNX_FILE} reads {sorted(names)}, config.json gives the features "
                f"{list(self.features.features)}: export the model again"
            )
        # the CRF's parameters are constant outputs: one run on a one-character input
        one = {f: np.ones((1, 1), dtype=np.int64) for f in self.features.features}
        start, trans, end = self.session.run(list(CRF_OUTPUTS), {**one, "lengths": _lengths([1])})
        self.crf = (start, trans, end)
        self._known: frozenset[str] | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The gazetteer of a model with ``lex_embed`` (``lexicon.tsv`` in its directory)."""
        if self._lexicon is None:
            self._lexicon = read_model_lexicon(self.model_dir)
        return self._lexicon

    @property
    def uses_segmentation(self) -> bool:
        """True when the model reads segmentation tags (``predict(..., segs=...)``)."""
        return self.features.uses_segmentation

    @property
    def split_name_lists(self) -> bool:
        return bool(self.config.get("split_name_lists", True))

    def _emissions(self, arrays: dict[str, np.ndarray], lengths: np.ndarray) -> np.ndarray:
        feed: dict[str, Any] = dict(arrays)
        feed["lengths"] = _lengths(lengths)
        return self.session.run(["emissions"], feed)[0]

    def predict_tags(
        self,
        data: list[list[str]],
        batch_size: int = 32,
        segs: list[list[str]] | None = None,
    ) -> list[list[str]]:
        """Tag sequences for tokenised sentences (``segs``: BMES segmentation tags per
        sentence; computed with pkuseg when the model needs them and none are given)."""
        if self.uses_segmentation and segs is None:
            segs = softword.segment(data)
        paths = tag_paths(data, batch_size, self.features, segs, self._emissions, self.crf)
        tags = self.id_to_tag
        return [[tags[j] for j in path] for path in paths]

    def predict(self, tokens: Any, batch_size: int | None = None, segs: Any = None, **_: Any):
        """Entities ``(text, label, begin, end)`` per sentence (a list of character
        lists; one flat list of characters gives one sentence's list)."""
        if tokens and isinstance(tokens[0], str):
            flat_segs = [segs] if segs and isinstance(segs[0], str) else segs
            return self.predict([list(tokens)], batch_size, segs=flat_segs)[0]
        data = [list(t) for t in tokens]
        tags = self.predict_tags(data, batch_size or int(self.config.get("batch_size", 32)), segs)
        if self.split_name_lists and self._known is None:
            self._known = person_names(self._lexicon_or_none())
        known = self._known if self.split_name_lists else None
        return entities(data, tags, self.config.get("token_delimiter") or "", known)

    def _lexicon_or_none(self) -> Lexicon | None:
        return self.lexicon if self.config.get("lex_embed") else None


def _lengths(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=np.int32)


__all__ = ["OnnxNER"]
