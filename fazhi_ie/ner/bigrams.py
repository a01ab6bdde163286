"""Character bigrams, the NER model's second feature (no torch needed: the pretraining
script uses them too)."""

from __future__ import annotations

from operator import add

BIGRAM_END = "</s>"  # the bigram of the last character: it + this end marker


def char_bigrams(chars: list[str]) -> list[str]:
    """``bigram[i] = chars[i] + chars[i+1]`` (``</s>`` after the last character)."""
    return list(map(add, chars, [*chars[1:], BIGRAM_END]))
