"""The speed-ups of session 38 change no result: a stretch's bounds found by regex
equal the character-by-character scan; a long alternation with its first characters
checked first finds the same matches; the NER's feature ids looked up for many
batches at once give each batch the arrays it had, and its tags do not depend on the
batch size."""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_ie.lexicons.laws import lexicon_re
from fazhi_ie.lexicons.triggers import trigger_rules
from fazhi_ie.ner import features as ner_features
from fazhi_ie.ner.features import FeatureIds, tag_paths
from fazhi_ie.ner.lexicon import Lexicon
from fazhi_ie.text.primitives import CLAUSE_END, SENT_END, bounds, first_chars
from fazhi_ie.text.regex_guard import first_class, guarded

_LINE = frozenset("\n")


def _scan(text: str, i: int, j: int, stops: frozenset[str], limit: int) -> tuple[int, int]:
    """What bounds() computed before: one character at a time."""
    s, lo = i, max(0, i - limit)
    while s > lo and text[s - 1] not in stops:
        s -= 1
    e, hi = j, min(len(text), j + limit)
    while e < hi and text[e] not in stops:
        e += 1
    if e < len(text) and e < hi and text[e] != "\n":
        e += 1
    return s, e


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet="法治。，；：！？\n!?,;:a ", max_size=40),
    data=st.data(),
    stops=st.sampled_from([SENT_END, CLAUSE_END, _LINE, frozenset()]),
    limit=st.sampled_from([0, 1, 3, 400]),
)
def test_bounds_equal_the_character_scan(text, data, stops, limit) -> None:
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    assert bounds(text, i, j, stops, limit) == _scan(text, i, j, stops, limit)


def test_bounds_stop_at_the_window() -> None:
    text = "甲" * 50 + "。" + "乙" * 50
    assert bounds(text, 60, 60, SENT_END, limit=5) == (55, 65)
    assert bounds(text, 60, 60, SENT_END) == (51, 101)
    assert bounds(text, 40, 40, SENT_END) == (0, 51)  # the end keeps its 。


def test_first_chars_is_a_class_of_first_characters() -> None:
    cls = first_chars(["宣传", "讲座", "]x", "-y", "^z", "\\w", ""])
    rx = re.compile(cls)
    for ch in "宣讲]-^\\":
        assert rx.fullmatch(ch), ch
    for ch in "传座xyzw a":
        assert not rx.fullmatch(ch), ch


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The alternation without its leading first-character lookahead."""
    head = re.match(r"\(\?=\[(?:\\.|[^\]\\])*\]\)", pattern.pattern)
    assert head, "the pattern starts with its first-character check"
    return re.compile(pattern.pattern[head.end() :], pattern.flags)


SENTENCES = [
    "12月4日，青山区司法局在人民广场开展宪法主题宣传活动，设立宣传咨询台，发放宣传资料两千余份。",
    "活动现场，律师为群众解答法律问题，并举办“宪法进万家”有奖问答活动。",
    "学校开放校史馆，让学生参观学习；法院举行开放日，邀请人大代表旁听庭审。",
    "会上传达学习了《中华人民共和国宪法》和民法典，并就反有组织犯罪法的适用进行了讨论。",
    "該署於十二月四日舉辦憲法講座，並派發宣傳單張。",
    "",
    "宣传",
    "交通安全宣传，消防安全宣传于今日启动。",
    "2024年12月4日上午，第11个国家宪法日前一天，约300余名群众参加；活动持续至10日。",
    "发布时间：2024-12-05 09:30  来源：青山区司法局  浏览次数：12",
    "民国113年5月20日，該署舉辦講座，共有近八十人參加，發放資料二千份。",
    "昨天(3日)和12月1日至7日宪法宣传周期间，“4·15”全民国家安全教育日……",
]


@pytest.mark.parametrize(
    ("pattern", "want"),
    [
        ("abc", "[a]"),
        ("a*b", "[ab]"),
        ("(?:x|)y", "[xy]"),
        (r"(?<![0-9])(19|20)\d{2}", "[12]"),
        (r"\d+|民国", r"[\d民]"),
        ("[0-9一-龥]+年", "[0-9一-龥]"),
        ("(?=(今天|昨日))", "[今昨]"),
        ("(?=.)x", "[x]"),
        ("[^a]b", None),  # a negated class
        (".b", None),
        ("a*", None),  # matches the empty string
        ("(?i)ab", None),
        ("(a)\\1|b", "[ab]"),
        ("(?:(a)|b)(?(1)c|d)", "[ab]"),
        (r"\w+", r"[\w]"),
        (r"\W", None),
    ],
)
def test_first_class(pattern: str, want: str | None) -> None:
    assert first_class(pattern) == want


GUARD_PATTERNS = [
    r"(?<![0-9])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![0-9])",
    r"(?:第(?P<n>[0-9一二三]{1,2})(?:个|届))?[“\"]?(?P<name>宪法日|宪法宣传周|法治宣传日)[”\"]?",
    r"(?=(日前|前一天|当天|昨天|今日))",
    r"(?P<pre>(?:约|近|超过)*)(?P<num>[0-9]+|[一二三四五六七八九十百千万]+)(?:余|多)?",
    r"(?:于|在)?([12][0-9]|3[01]|0?[1-9])[日号]",
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[0-9]{1,2})日)?",
    r"(?:[，,。]\s*)?(?:报名|征稿)",
]


GUARD_ALPHABET = '0123456789年月日号第个届约近超过余多于在“”"宪法日宣传周治今天昨前一当，。 -/.'


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=GUARD_ALPHABET, max_size=40),
    k=st.integers(0, len(GUARD_PATTERNS) - 1),
)
def test_guarded_patterns_match_as_the_plain_ones(text: str, k: int) -> None:
    plain, fast = re.compile(GUARD_PATTERNS[k]), guarded(GUARD_PATTERNS[k])
    assert fast.pattern != plain.pattern  # a guard was added
    want = [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == want
    for pos in range(len(text) + 1):  # match and search at a position, as the rules do
        assert bool(fast.match(text, pos)) == bool(plain.match(text, pos))
        a, b = fast.search(text, pos), plain.search(text, pos)
        assert (a and a.span()) == (b and b.span())


def _project_patterns() -> list[re.Pattern[str]]:
    import fazhi_ie.values.dates as dates
    from fazhi_ie.lexicons.metric_units import metric_data
    from fazhi_ie.text import header
    from fazhi_ie.values.numbers import expression_pattern

    found = [trigger_rules().trigger_re, lexicon_re(), expression_pattern()]
    found += [dates.rules().recurring_re, dates.rules().word_re, metric_data().pattern]
    for module in (dates, header):
        found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    return [p for p in found if p.pattern.startswith("(?=[")]


def test_project_patterns_are_guarded() -> None:
    guarded_ones = _project_patterns()
    assert len(guarded_ones) >= 20


def test_guarded_project_patterns_find_what_the_bare_ones_find() -> None:
    rng = np.random.default_rng(7)
    alphabet = list("".join(SENTENCES) + "，。、")
    texts = SENTENCES + ["".join(rng.choice(alphabet, 80)) for _ in range(200)]
    for guarded_re in _project_patterns():
        _same_matches(guarded_re, texts)


def _same_matches(guarded_re: re.Pattern[str], texts: list[str]) -> None:
    guarded = guarded_re
    bare = _unguarded(guarded)
    for text in texts:
        want = [(m.start(), m.end()) for m in bare.finditer(text)]
        assert [(m.start(), m.end()) for m in guarded.finditer(text)] == want
        # with a window, as the event rules search a clause
        got = [(m.start(), m.end()) for m in guarded.finditer(text, 3, len(text) - 2)]
        assert got == [(m.start(), m.end()) for m in bare.finditer(text, 3, len(text) - 2)]


def _features() -> FeatureIds:
    chars = list("青山区司法局开展宪法宣传活动学校。，")
    index = {
        "token": ({c: k + 2 for k, c in enumerate(chars)}, 1),
        "bigram": ({a + b: k + 2 for k, (a, b) in enumerate(pairwise(chars))}, 1),
        "seg": ({"B": 0, "M": 1, "E": 2, "S": 3}, 3),
        "lex": ({"-|-|-": 0, "B|-|-": 1, "E|-|-": 2}, 0),
    }
    lexicon = Lexicon([("青山区", "LOC"), ("司法局", "ORG")])
    return FeatureIds(index, ["token", "bigram", "seg", "lex"], lambda: lexicon)


def test_lookups_for_many_batches_give_each_batch_its_arrays(monkeypatch) -> None:
    feats = _features()
    rng = np.random.default_rng(3)
    alphabet = list("青山区司法局开展宪法宣传活动学校。，")
    data = [list("".join(rng.choice(alphabet, n))) for n in rng.integers(0, 30, 45)]
    segs = [["BMES"[k] for k in rng.integers(0, 4, len(s))] for s in data]
    table = rng.normal(size=(4, 200, 5)).astype(np.float32)
    crf = (
        rng.normal(size=5).astype(np.float32),
        rng.normal(size=(5, 5)).astype(np.float32),
        rng.normal(size=5).astype(np.float32),
    )
    seen: list[dict[str, np.ndarray]] = []

    def emissions(arrays: dict[str, np.ndarray], lengths: np.ndarray) -> np.ndarray:
        seen.append(arrays)
        width = arrays["token"].shape[1]
        assert width == lengths[0] == lengths.max()  # each batch as wide as its longest
        return sum(table[k][arrays[f]] for k, f in enumerate(feats.features))

    def run(batch: int, lookup_rows: int) -> tuple[list[list[int]], list]:
        monkeypatch.setattr(ner_features, "LOOKUP_ROWS", lookup_rows)
        seen.clear()
        paths = tag_paths(data, batch, feats, segs, emissions, crf)
        return paths, [{f: a.copy() for f, a in arrays.items()} for arrays in seen]

    for batch in (1, 4, 8):
        one_by_one, arrays_small = run(batch, batch)  # one batch per look-up
        together, arrays_big = run(batch, 512)
        assert together == one_by_one
        assert len(arrays_big) == len(arrays_small)
        for a, b in zip(arrays_big, arrays_small, strict=True):
            assert a.keys() == b.keys()
            for f in a:
                np.testing.assert_array_equal(a[f], b[f])
        assert [len(p) for p in together] == [len(s) for s in data]


@pytest.mark.pipeline
@pytest.mark.usefixtures("ner_on")
def test_ner_tags_do_not_depend_on_the_batch_size() -> None:
    from fazhi_ie import load

    nlp = load()
    ner = nlp.get_pipe("fazhi_hanlp_ner")
    assert ner.batch_size == 8  # the default measured fastest (docs/performance.md)
    texts = [s for s in SENTENCES if s] * 3
    found = {}
    for batch in (1, 8, 32):
        ner.batch_size = batch
        found[batch] = ner.predict_texts(texts)
    ner.batch_size = 8
    assert found[1] == found[8] == found[32]
    assert any(found[8])
