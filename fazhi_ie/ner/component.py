"""The ``fazhi_hanlp_ner`` spaCy component: a HanLP NER model run over sentences in
batches; results go to ``doc.ents`` (PER/LOC/ORG, token-aligned) and, with exact
character offsets, to ``doc.user_data["fazhi_ie"]["ner"]``.

torch and hanlp are imported when the component is created, not when this module is.

    nlp.add_pipe("fazhi_hanlp_ner")                                # the shipped model
    nlp.add_pipe("fazhi_hanlp_ner", config={"model": "/path/dir"})  # any HanLP model dir
    nlp.add_pipe("fazhi_hanlp_ner", config={"model": "<HanLP identifier>"})

Models with segmentation features read the Doc's tokens as words when the
pipeline's tokenizer is spaCy's Chinese tokenizer with the pkuseg segmenter (as
in :func:`fazhi_ie.load`), which is what they were trained on; after any other
tokenizer (``spacy.blank("zh")`` cuts characters) they segment with pkuseg
themselves. ``use_doc_tokens`` (true/false) overrides that choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from fazhi_ie.components.base import EntitySpan, candidates, doc_text
from fazhi_ie.ner.loader import load_model, resolve_model
from fazhi_ie.ner.softword import tags_from_bounds
from fazhi_ie.ner.spans import split_sentences

FACTORY = "fazhi_hanlp_ner"
STORE_KEY = "ner"

# label names of other NER models -> ours; labels not listed here are dropped
LABEL_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "NR": "PER",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "NS": "LOC",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "NT": "ORG",
}


class HanlpNER:
    """Runs a HanLP tagger over a Doc's sentences; see the module docstring.

    ``batch_size``: sentences per model call, longest first. 8 by default: ONNX
    Runtime's LSTM on one thread costs the least per character with a few rows of
    nearly the same length (fewer padded steps, buffers that stay in cache); 4-8 were
    fastest on the bench texts, 32 about 10% slower (docs/performance.md, session 38).
    The tags do not depend on it.
    """

    def __init__(
        self,
        nlp: Language | None,
        name: str = FACTORY,
        *,
        model: str | None = None,
        batch_size: int = 8,
        max_sentence_chars: int = 126,
        use_doc_tokens: bool | None = None,
    ) -> None:
        if batch_size < 1 or max_sentence_chars < 1:
            raise ValueError("batch_size and max_sentence_chars must be >= 1")
        self.name = name
        self.model_ref = resolve_model(model)
        self.tagger = load_model(self.model_ref)
        self.batch_size = batch_size
        self.max_sentence_chars = max_sentence_chars
        self.use_doc_tokens = (
            _segments_like_pkuseg(nlp) if use_doc_tokens is None else bool(use_doc_tokens)
        )

    @property
    def uses_segmentation(self) -> bool:
        """Whether the model reads segmentation features (taken from the Doc's tokens)."""
        return bool(getattr(self.tagger, "uses_segmentation", False))

    # -- prediction on plain text ----------------------------------------------
    def predict_texts(
        self,
        texts: list[str],
        words: Sequence[Sequence[tuple[int, int]] | np.ndarray] | None = None,
    ) -> list[list[tuple[int, int, str]]]:
        """Exact ``(start, end, label)`` spans for each text (offsets into that text).

        ``words``: per text, the ``(start, end)`` offsets of its words (a Doc's tokens;
        pairs or an ``(n, 2)`` array);
        used by models with segmentation features, which otherwise segment with pkuseg.
        """
        pieces: list[tuple[int, int, int]] = []  # text index, start, end
        for ti, text in enumerate(texts):
            for s, e in split_sentences(text, self.max_sentence_chars):
                if text[s:e].strip():
                    pieces.append((ti, s, e))
        results: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        if not pieces:
            return results
        # the punctuation the model knows (，not the cleaning's ,): one char for one
        table = getattr(self.tagger, "input_table", None) or {}
        sents = [list(texts[ti][s:e].translate(table)) for ti, s, e in pieces]
        if self.uses_segmentation and words is not None:
            # a word cut by a sentence's edge keeps its tags in the whole text, so the
            # sentences' tags are slices of the text's
            full = [tags_from_bounds(len(t), w) for t, w in zip(texts, words, strict=True)]
            segs = [full[ti][s:e] for ti, s, e in pieces]
            outputs = self.tagger.predict(sents, batch_size=self.batch_size, segs=segs)
        else:
            outputs = self.tagger.predict(sents, batch_size=self.batch_size)
        for (ti, s, _e), out in zip(pieces, outputs, strict=True):
            for item in out:
                _text, label, b, e = item[:4]
                label = LABEL_MAP.get(str(label).upper())
                if label is None or not 0 <= b < e:
                    continue
                results[ti].append((s + b, s + e, label))
        return results

    # -- spaCy API -------------------------------------------------------------
    def set_annotations(self, doc: Doc, spans: list[tuple[int, int, str]]) -> None:
        store = candidates(doc, STORE_KEY)
        text = doc_text(doc)
        new: list[Span] = []
        for start, end, label in spans:
            store.append(EntitySpan(start, end, label, text[start:end]))
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and len(span):
                new.append(span)
        existing = list(doc.ents)
        taken = {i for ent in existing for i in range(ent.start, ent.end)}
        new = [s for s in filter_spans(new) if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(existing + new, key=lambda s: s.start)

    def _words(self, docs: list[Doc]) -> list[np.ndarray] | None:
        if not self.uses_segmentation or not self.use_doc_tokens:
            return None  # the model segments with pkuseg itself
        return [_word_offsets(doc) for doc in docs]

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict_texts([doc_text(doc)], self._words([doc]))[0])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 16) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs: list[Doc]) -> list[Doc]:
        found = self.predict_texts([doc_text(d) for d in docs], self._words(docs))
        for doc, spans in zip(docs, found, strict=True):
            self.set_annotations(doc, spans)
        return docs


def _word_offsets(doc: Doc) -> np.ndarray:
    """``(start, end)`` rows of the Doc's tokens that are not whitespace, read in one
    array call (no Token objects)."""
    if not len(doc):
        return np.zeros((0, 2), dtype=np.int64)
    arr = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
    words = arr[arr[:, 2] == 0]
    return np.stack([words[:, 0], words[:, 0] + words[:, 1]], axis=1)


@Language.factory(
    FACTORY,
    assigns=["doc.ents"],
    default_config={
        "model": None,
        "batch_size": 8,
        "max_sentence_chars": 126,
        "use_doc_tokens": None,
    },
)
def make_hanlp_ner(
    nlp: Language,
    name: str,
    model: Any,
    batch_size: int,
    max_sentence_chars: int,
    use_doc_tokens: bool | None,
) -> HanlpNER:
    return HanlpNER(
        nlp,
        name,
        model=model,
        batch_size=batch_size,
        max_sentence_chars=max_sentence_chars,
        use_doc_tokens=use_doc_tokens,
    )


def _segments_like_pkuseg(nlp: Language | None) -> bool:
    """Whether ``nlp``'s tokens are pkuseg words (spaCy's Chinese tokenizer with the
    pkuseg segmenter). Without a pipeline (the component used on its own) the
    caller's words are trusted."""
    if nlp is None:
        return True
    segmenter = getattr(nlp.tokenizer, "segmenter", None)
    return str(getattr(segmenter, "value", segmenter)) == "pkuseg"
