"""Linear work on long inputs, guarded by counting work, never by timing.

The rule components and the record builders run over a long synthetic text (the
bundled examples, repeated) of n and of 4n characters, once as written and once
with every sentence end turned into ``，`` (a single endless sentence of clauses,
the worst case for anything that scans for a sentence). Work is counted as the
Python lines executed in fazhi_ie's own code (``sys.settrace``: generator
expressions over candidates count once per item), so a scan over every mention
for every candidate, or back to a sentence start that never comes, shows as
work growing with n², whatever the machine's speed. The text repeats, so each
block costs what the one before it cost: 4n characters cost 4 times the work
of n when the code is linear (a little less: set-up is shared).

The tokenizer's alignment is C-level string work that lines do not count; its
replacement is checked against spaCy's own function instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fazhi_ie.segmenter.tokenizer import words_and_spaces

ROOT = Path(__file__).resolve().parents[1]
PKG = str(ROOT / "fazhi_ie")
EXAMPLES = sorted((ROOT / "examples").glob("*.txt")) + sorted(
    (ROOT / "examples" / "gold").glob("*.txt")
)
#: Sentence ends (as in ``text.primitives.SENT_END``) and the clause mark put in their place.
_SENT_ENDS = re.compile("[\u3002\uff01\uff1f!?\n]+")
_COMMA = "\uff0c"
SMALL = 8_000
#: 4n characters may cost at most this many times the work of n (linear: 4).
MAX_RATIO = 4.4


def _block(sentences: bool) -> str:
    from fazhi_ie.text import normalize

    text = "\n".join(normalize(p.read_text(encoding="utf-8")).text for p in EXAMPLES) + "\n"
    return text if sentences else _SENT_ENDS.sub(_COMMA, text)


def _long(block: str, n: int) -> str:
    return (block * (n // len(block) + 1))[:n]


def count_lines(fn: Callable[[], object], root: str = PKG) -> int:
    """Lines executed while ``fn`` runs, in the code under ``root`` (fazhi_ie's)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    def call(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(root) else None

    old = sys.gettrace()
    sys.settrace(call)
    try:
        fn()
    finally:
        sys.settrace(old)
    return count


def _rules_and_assembly(nlp, text: str) -> Callable[[], object]:
    from fazhi_ie.build import assemble
    from fazhi_ie.text import normalize

    norm = normalize(text)
    doc = nlp.make_doc(norm.text)  # the tokenizer is not counted (see the docstring)

    def run() -> object:
        d = doc
        for _name, proc in nlp.pipeline:
            d = proc(d)
        return assemble(d, norm)

    return run


@pytest.mark.pipeline
@pytest.mark.parametrize("sentences", [True, False], ids=["ordinary", "sentence-less"])
def test_rules_and_assembly_do_linear_work(nlp, sentences):
    block = _block(sentences)
    _rules_and_assembly(nlp, block)()  # warm up: lexicons and rules built once
    small = count_lines(_rules_and_assembly(nlp, _long(block, SMALL)))
    large = count_lines(_rules_and_assembly(nlp, _long(block, 4 * SMALL)))
    assert small > 10_000  # the rules did run
    print(f"work: {small} lines for {SMALL} chars, {large} for {4 * SMALL}: {large / small:.2f}x")
    assert large / small <= MAX_RATIO, (small, large, large / small)


def test_count_lines_sees_quadratic_work():
    """The counter itself: a scan over all earlier items for each item is caught."""

    def quadratic(n: int) -> None:
        seen: list[int] = []
        for i in range(n):
            if not any(j == -i - 1 for j in seen):
                seen.append(i)

    def linear(n: int) -> None:
        seen: set[int] = set()
        for i in range(n):
            if -i - 1 not in seen:
                seen.add(i)

    here = str(Path(__file__).parent)

    def ratio(fn: Callable[[int], None]) -> float:
        return count_lines(lambda: fn(800), here) / count_lines(lambda: fn(200), here)

    assert ratio(linear) <= MAX_RATIO
    assert ratio(quadratic) > MAX_RATIO


@pytest.mark.parametrize(
    "text",
    ["", " ", "a  b \n\n c ", "\u9752\u5c71 \u5e02", "x\u3000y  z ", "  lead", "tail  "],
)
def test_words_and_spaces_matches_spacy(text):
    from spacy.util import get_words_and_spaces

    words = text.split() or [text]
    if not text.strip():
        words = []
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_words_and_spaces_refuses_words_not_in_the_text():
    with pytest.raises(ValueError):
        words_and_spaces(["ab", "x"], "abc")


@pytest.mark.pipeline
def test_pipeline_tokenizer_aligns_like_spacy(nlp):
    from spacy.util import get_words_and_spaces

    from fazhi_ie.segmenter.tokenizer import FazhiChineseTokenizer

    assert isinstance(nlp.tokenizer, FazhiChineseTokenizer)
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        words = nlp.tokenizer.pkuseg_seg.cut(text)
        assert words_and_spaces(words, text) == get_words_and_spaces(words, text)
        assert nlp.make_doc(text).text == text
