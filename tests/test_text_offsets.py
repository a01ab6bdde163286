"""OffsetText: the three operations and the offset bookkeeping."""

from __future__ import annotations

import re

import pytest

from fazhi_ie.text import OffsetText, make_pipeline


def test_identity_offsets():
    ot = OffsetText("abc")
    assert ot.text == "abc"
    assert ot.offsets == [0, 1, 2]
    assert len(ot) == 3


def test_delete_keeps_other_offsets_and_records_reason():
    ot = OffsetText("ab(xy)cd").delete([(2, 6)], reason="pinyin")
    assert ot.text == "abcd"
    assert ot.offsets == [0, 1, 6, 7]
    assert ot.removed == [(2, 6, "pinyin")]


def test_replace_maps_to_first_raw_char_of_range():
    ot = OffsetText("x&amp;y").replace([(1, 6, "&")])
    assert ot.text == "x&y"
    assert ot.offsets == [0, 1, 6]
    ot = OffsetText("ab   cd").replace([(2, 5, " ")])
    assert ot.offsets == [0, 1, 2, 5, 6]


def test_replace_longer_and_insertion():
    ot = OffsetText("ab").edit([(1, 1, "--")])
    assert ot.text == "a--b"
    assert ot.offsets == [0, 1, 1, 1]
    ot = OffsetText("ab").edit([(2, 2, "!")])
    assert ot.text == "ab!"
    assert ot.offsets == [0, 1, 2]


def test_substitute_is_char_for_char():
    ot = OffsetText("國家").delete([(0, 0)])
    out = ot.substitute("国家")
    assert out.text == "国家"
    assert out.offsets == [0, 1]
    with pytest.raises(ValueError):
        ot.substitute("国")


def test_steps_compose_and_offsets_stay_monotonic():
    ot = OffsetText("一二  三(sān)四")
    ot = ot.sub(re.compile(r"\(sān\)"), "", "pinyin")
    ot = ot.sub(re.compile(r" +"), " ")
    assert ot.text == "一二 三四"
    assert ot.offsets == [0, 1, 2, 4, 10]
    assert ot.offsets == sorted(ot.offsets)


def test_sub_callable_can_skip_a_match():
    ot = OffsetText("a1b2c3").sub(re.compile(r"\d"), lambda m: None if m.group() == "2" else "")
    assert ot.text == "ab2c"
    assert ot.offsets == [0, 2, 3, 4]


def test_sub_without_match_returns_same_object():
    ot = OffsetText("abc")
    assert ot.sub(re.compile("z"), "") is ot


def test_bad_edits_raise():
    ot = OffsetText("abcdef")
    with pytest.raises(ValueError):
        ot.edit([(3, 4, ""), (1, 2, "")])  # not ascending
    with pytest.raises(ValueError):
        ot.edit([(5, 9, "")])  # past the end
    with pytest.raises(ValueError):
        OffsetText("ab", [0])


def test_edit_does_not_mutate_the_input():
    ot = OffsetText("abc")
    ot.delete([(0, 1)], reason="x")
    assert ot.text == "abc"
    assert ot.removed == []


def test_make_pipeline_runs_left_to_right():
    def upper(ot: OffsetText) -> OffsetText:
        return ot.substitute(ot.text.upper())

    def drop_x(ot: OffsetText) -> OffsetText:
        return ot.sub(re.compile("X"), "")

    pipe = make_pipeline(upper, drop_x)
    out = pipe(OffsetText("axbxc"))
    assert out.text == "ABC"
    assert out.offsets == [0, 2, 4]
    assert pipe.steps == (upper, drop_x)
