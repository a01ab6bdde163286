"""NER helpers that need neither torch nor hanlp: decoding, strict scoring, splitting."""

from __future__ import annotations

import itertools

import pytest

from fazhi_ie.ner.spans import bmes_to_iobes, split_sentences, strict_scores, tags_to_spans


def test_well_formed_iobes():
    tags = ["B-PER", "I-PER", "E-PER", "O", "S-LOC", "B-ORG", "E-ORG"]
    assert tags_to_spans(tags) == [(0, 3, "PER"), (4, 5, "LOC"), (5, 7, "ORG")]


def test_adjacent_entities_are_kept_apart():
    assert tags_to_spans(["S-LOC", "S-LOC", "B-ORG", "E-ORG", "B-ORG", "E-ORG"]) == [
        (0, 1, "LOC"),
        (1, 2, "LOC"),
        (2, 4, "ORG"),
        (4, 6, "ORG"),
    ]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["I-PER", "E-PER"], [(0, 2, "PER")]),  # no B-
        (["B-PER", "I-PER"], [(0, 2, "PER")]),  # no E- at the end
        (["B-PER", "O", "E-LOC"], [(0, 1, "PER"), (2, 3, "LOC")]),
        (["B-PER", "I-LOC", "E-LOC"], [(0, 1, "PER"), (1, 3, "LOC")]),  # label switch
        (["B-ORG", "B-ORG", "E-ORG"], [(0, 1, "ORG"), (1, 3, "ORG")]),
        (["E-ORG"], [(0, 1, "ORG")]),
        (["M-LOC", "E-LOC"], [(0, 2, "LOC")]),  # BMES
        (["B-LOC", "I-LOC", "O"], [(0, 2, "LOC")]),  # BIO
        (["<pad>", "weird", "O"], []),
        ([], []),
    ],
)
def test_lenient_decoding_never_raises(tags, spans):
    assert tags_to_spans(tags) == spans


def test_bmes_to_iobes():
    assert bmes_to_iobes(["B-ORG", "M-ORG", "M-ORG", "E-ORG", "S-PER", "O"]) == [
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "E-ORG",
        "S-PER",
        "O",
    ]


def test_strict_scorer_counts_single_char_and_adjacent_entities():
    gold = [[(0, 1, "LOC"), (1, 2, "LOC"), (3, 6, "PER")], [(0, 4, "ORG")]]
    pred = [[(0, 2, "LOC"), (3, 6, "PER")], [(0, 4, "ORG"), (5, 6, "PER")]]
    s = strict_scores(gold, pred)
    assert (s["LOC"]["tp"], s["LOC"]["fp"], s["LOC"]["fn"]) == (0, 1, 2)
    assert (s["PER"]["tp"], s["PER"]["fp"], s["PER"]["fn"]) == (1, 1, 0)
    assert (s["ORG"]["tp"], s["ORG"]["fp"], s["ORG"]["fn"]) == (1, 0, 0)
    o = s["overall"]
    assert (o["tp"], o["fp"], o["fn"]) == (2, 2, 2)
    assert o["precision"] == pytest.approx(0.5)
    assert o["recall"] == pytest.approx(0.5)
    assert o["f1"] == pytest.approx(0.5)


def test_strict_scorer_wrong_label_or_boundary_is_an_error():
    s = strict_scores([[(0, 3, "ORG")]], [[(0, 3, "LOC")]])
    assert s["overall"]["f1"] == 0.0
    s = strict_scores([[(0, 3, "ORG")]], [[(0, 4, "ORG")]])
    assert (s["ORG"]["fp"], s["ORG"]["fn"]) == (1, 1)


def test_strict_scorer_empty():
    s = strict_scores([[]], [[]])
    assert s["overall"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}
    assert set(s) == {"PER", "LOC", "ORG", "overall"}


def test_split_sentences_ends_and_closers():
    text = "他说：“开会了。”大家到了！真的吗？？好；\n\n结束"
    pieces = split_sentences(text, 126)
    assert [text[s:e] for s, e in pieces] == [
        "他说：“开会了。”",
        "大家到了！",
        "真的吗？？",
        "好；",
        "\n",
        "\n",
        "结束",
    ]


@pytest.mark.parametrize("max_chars", [1, 5, 17, 126])
def test_split_sentences_keeps_every_char_and_bounds_length(max_chars):
    text = "甘肃省酒泉市司法局" * 40 + "，" + "啊" * 300 + "。尾巴\n  \n" + "x" * 7
    pieces = split_sentences(text, max_chars)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 < e - s <= max_chars for s, e in pieces)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)


def test_split_sentences_prefers_commas_when_hard_splitting():
    text = "一二三四五六七，八九十一二三四五六"
    pieces = split_sentences(text, 10)
    assert text[pieces[0][0] : pieces[0][1]] == "一二三四五六七，"


def test_split_sentences_empty():
    assert split_sentences("") == []
    with pytest.raises(ValueError):
        split_sentences("abc", 0)
