"""spaCy's Chinese tokenizer with a linear-time word alignment.

spaCy's ``ChineseTokenizer`` aligns the segmenter's words with the text through
``spacy.util.get_words_and_spaces``, which looks each word up in a *copy of the
rest of the text* (``text[pos:].index(word)``): quadratic in the length of one
text (a 1M-character article spends about a minute there). :func:`words_and_spaces`
gives the same words and spaces, searching in place (``text.index(word, pos)``).

:class:`FazhiChineseTokenizer` is ``ChineseTokenizer`` with that alignment for the
pkuseg segmenter and reads the pkuseg features from an array cache next to the
model (:mod:`~fazhi_ie.segmenter.fastload`; everything else, serialisation
included, is inherited); it
also hands the text to :func:`~fazhi_ie.components.base.doc_text`, so that the
components do not rebuild it from the tokens;
the pipeline builds it through the registered function
``fazhi_ie.ChineseTokenizer.v1`` (same settings as ``spacy.zh.ChineseTokenizer``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.errors import Errors
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..components.base import doc_text
from .splits import split_joined

TOKENIZER_NAME = "fazhi_ie.ChineseTokenizer.v1"


def words_and_spaces(words: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` in linear time: the same result and errors."""
    words = list(words)
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(Errors.E194.format(text=text, words=words))
    text_words: list[str] = []
    text_spaces: list[bool] = []
    pos = 0
    n = len(text)
    for word in words:
        if word.isspace():
            continue
        try:
            start = text.index(word, pos)
        except ValueError:
            raise ValueError(Errors.E194.format(text=text, words=words)) from None
        if start > pos:
            text_words.append(text[pos:start])
            text_spaces.append(False)
            pos = start
        text_words.append(word)
        text_spaces.append(False)
        pos += len(word)
        if pos < n and text[pos] == " ":
            text_spaces[-1] = True
            pos += 1
    if pos < n:
        text_words.append(text[pos:])
        text_spaces.append(False)
    return text_words, text_spaces


class FazhiChineseTokenizer(ChineseTokenizer):
    """``ChineseTokenizer`` whose pkuseg path aligns words in linear time and loads its
    features from an array cache (:mod:`~fazhi_ie.segmenter.fastload`)."""

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        pkuseg_model: str | None = None,
        pkuseg_user_dict: str | None = "default",
    ) -> None:
        if self.segmenter == Segmenter.pkuseg and pkuseg_model:
            from .fastload import load_segmenter

            user_dict = pkuseg_model if pkuseg_user_dict is None else pkuseg_user_dict
            self.pkuseg_seg = load_segmenter(pkuseg_model, user_dict)
            return
        super().initialize(
            get_examples, nlp=nlp, pkuseg_model=pkuseg_model, pkuseg_user_dict=pkuseg_user_dict
        )

    def __call__(self, text: str) -> Doc:
        if self.segmenter == Segmenter.pkuseg and self.pkuseg_seg is not None:
            words, spaces = words_and_spaces(split_joined(self.pkuseg_seg.cut(text)), text)
            doc = Doc(self.vocab, words=words, spaces=spaces)
            doc_text(doc, text)  # the components read it without joining the tokens again
            return doc
        return super().__call__(text)


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer(
    segmenter: Segmenter = Segmenter.char,
) -> Callable[[Language], FazhiChineseTokenizer]:
    """The factory the pipeline config names (``@tokenizers``)."""

    def make(nlp: Language) -> FazhiChineseTokenizer:
        return FazhiChineseTokenizer(nlp.vocab, segmenter=segmenter)

    return make
