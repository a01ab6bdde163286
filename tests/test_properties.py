"""Property-based tests (hypothesis) of the promises on hostile input (docs/reliability.md).

* any ``str`` (surrogates, controls, combining marks, RTL marks, emoji, full-width,
  mixed scripts, long runs of one character or punctuation): ``parse()`` returns an
  Article or raises a coded ``InputError``; every span is grounded in ``article.text``;
  the JSON round-trips through ``Article.model_validate_json``;
* any bytes: ``decode_bytes`` returns text or raises E101/E102/E103/E108, nothing else;
  ``fazhi-ie parse`` over a folder writes exactly one record per file and exits 0.

CI runs a modest, derandomized number of examples. The longer, seeded run is opt-in:
``FAZHI_IE_HYPOTHESIS=long python -m pytest tests/test_properties.py``
(``FAZHI_IE_HYPOTHESIS_SEED`` picks another seed).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from fazhi_ie.decode import SURROGATE_RE, decode_bytes
from fazhi_ie.errors import InputError
from fazhi_ie.records import Article

LONG = os.environ.get("FAZHI_IE_HYPOTHESIS", "").lower() == "long"
SEED = int(os.environ.get("FAZHI_IE_HYPOTHESIS_SEED", "20240518"))
SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


def _settings(ci: int, long: int):
    """``ci`` examples, derandomized (the same every run), or ``long`` seeded ones."""
    if LONG:
        return settings(max_examples=long, deadline=None, suppress_health_check=SLOW_OK)
    return settings(max_examples=ci, deadline=None, derandomize=True, suppress_health_check=SLOW_OK)


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from(
    list("，。、；：？！“”‘’《》（）【】—…·「」『』〈〉,.;:?!\"'()[]{}<>-_/\\|")
)
SPECIAL = st.sampled_from(
    [
        "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
        "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi
        "\u0301", "\u0308", "\u20dd",  # combining marks
        "\ud800", "\udfff", "\udc80",  # lone surrogates
        "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f",  # controls
        "\u2028", "\u2029", "\r", "\n", "\t", "\f", "\v",  # line breaks
        "🎉", "⚖️", "👨‍⚖️", "🇨🇳", "\U0001f600",  # emoji and sequences
        "０", "１", "２", "Ａ", "ｂ", "％", "　",  # full-width
        "Ω", "ж", "ع", "א", "ह", "한", "カ", "ก",  # other scripts
        "\ufffd", "\uffff", "\U0010ffff",
    ]
)  # fmt: skip
PIECES = st.one_of(
    st.text(HAN, max_size=20),
    st.text(PUNCT, max_size=8),
    SPECIAL,
    st.text(max_size=12),  # anything, surrogates included
    st.integers(min_value=0, max_value=10**60).map(str),
    st.sampled_from(["2023年12月4日", "局长", "司法局", "《宪法》", "罚款", "万元", "余人", "县"]),
)
RUNS = st.builds(
    lambda ch, n: ch * n, st.one_of(HAN, PUNCT, SPECIAL, st.characters()), st.integers(50, 3000)
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=30).map("".join),
    st.tuples(st.lists(PIECES, max_size=8).map("".join), RUNS).map("".join),
    st.text(max_size=200),
)


def _check_grounded(article: Article) -> None:
    text = article.text
    for _, span in article.iter_spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@pytest.mark.pipeline
@_settings(ci=150, long=3000)
@seed(SEED)
@given(text=TEXTS)
def test_parse_any_string_is_grounded_and_round_trips(nlp, text):
    from fazhi_ie import parse

    try:
        article = parse(text, nlp=nlp)
    except InputError as exc:
        assert exc.code == "E101" and not text.strip()
        return
    assert isinstance(article, Article)
    assert article.text == SURROGATE_RE.sub("\ufffd", text)  # same length, same offsets
    assert ("W107" in [w.code for w in article.warnings]) == bool(SURROGATE_RE.search(text))
    _check_grounded(article)
    data = article.model_dump_json()
    again = Article.model_validate_json(data)
    assert again.model_dump_json() == data


@_settings(ci=500, long=20000)
@seed(SEED)
@given(
    data=st.one_of(
        st.binary(max_size=3000), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_decode_any_bytes_gives_text_or_a_coded_input_error(data):
    try:
        text, warnings = decode_bytes(data)
    except InputError as exc:
        assert exc.code in {"E101", "E102", "E103"}
        assert exc.hint
        return
    assert isinstance(text, str) and text.strip()
    assert all(w.code.startswith("W") for w in warnings)
    json.dumps(text)  # a str a record can hold


@pytest.mark.pipeline
@_settings(ci=15, long=200)
@seed(SEED)
@given(
    files=st.lists(
        st.binary(max_size=600) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
        min_size=1,
        max_size=5,
    )
)
def test_cli_writes_one_record_per_file_and_exits_0(nlp, tmp_path_factory, capfd, files):
    from fazhi_ie import cli

    folder: Path = tmp_path_factory.mktemp("hostile")
    for i, data in enumerate(files):
        (folder / f"doc{i}.txt").write_bytes(data)
    capfd.readouterr()
    assert cli.main(["parse", str(folder)]) == 0
    out, err = capfd.readouterr()
    # JSON lines end with "\n"; str.splitlines would also split at a raw U+2028
    records = [json.loads(line) for line in out.split("\n") if line]
    assert [r["id"] for r in records] == [f"doc{i}" for i in range(len(files))]
    assert "Traceback" not in err
    for r in records:
        article = Article.model_validate(r)
        if article.error is None:
            _check_grounded(article)
        else:
            assert article.error.code in {"E101", "E102", "E103"}, article.error
