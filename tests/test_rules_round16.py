"""Rules of the sixteenth quality round (issue 14), on invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    "text",
    [
        "講座上，民警提醒同學們遇到校園欺凌要及時告知老師，切勿獨自承受。",
        "发现可疑情况要及时告诉老师或者家长，并拨打110报警。",
    ],
)
def test_a_word_ending_in_a_surname_character_does_not_start_a_name_before_a_title(
    text: str,
) -> None:
    assert [p.name for p in parse(text).persons] == []


def test_a_name_after_a_coordinating_character_before_a_title_is_still_a_name() -> None:
    names = [p.name for p in parse("会上，县司法局邀请了张立军及钱芳律师为群众答疑。").persons]
    assert "钱芳" in names
