"""Rules of the sixth quality round (issue 14): organizer lists across a time,
pronouns joined to a list, joining verbs before an NER name. Invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse
from fazhi_ie.build.org_ner import with_ner
from fazhi_ie.components.base import EntitySpan, candidates
from fazhi_ie.components.organizations import OrgRecognizer

pytestmark = pytest.mark.pipeline


def _events(text: str) -> list[tuple[str, list[str]]]:
    art = parse(text)
    names = {o.id: o.name for o in art.organizations}
    return [(e.type.value, [names[x] for x in e.organizers]) for e in art.events]


@pytest.mark.parametrize(
    "text",
    [
        "律政司今日與香港大學法律學院合辦「國家憲法日」研討會。",
        "青山区司法局12月4日与青山大学法学院合办宪法研讨会。",
        "青山区司法局（12月4日）同青山大学法学院合办宪法研讨会。",
    ],
)
def test_a_time_between_two_hosts_keeps_both(text: str):
    (event,) = _events(text)
    assert event[0] == "meeting"
    assert len(event[1]) == 2


def test_a_pronoun_joined_to_a_body_organizes_with_it():
    text = "白河县人民法院召开会议。12月5日，该院联合县司法局在人民广场设立宪法宣传咨询台。"
    assert ("publicity", ["白河县人民法院", "县司法局"]) in _events(text)


def test_a_pronoun_that_attends_joins_no_list():
    # the pronoun is the subject of another verb: only the body after 联合 is read
    text = "白河县人民法院召开会议。12月5日，县司法局联合县妇联设立宪法宣传咨询台，该院干警到场。"
    assert ("publicity", ["县司法局", "县妇联"]) in _events(text)


def test_joining_verb_before_an_ner_name_is_cut(nlp):
    text = "治安警察局联同社会工作局举行防骗讲座。"
    doc = nlp.make_doc(text)
    OrgRecognizer()(doc)
    span = EntitySpan(5, 12, "ORG", text[5:12])  # 联同社会工作局, as the NER gives it
    merged = with_ner(doc, text, candidates(doc, "orgs"), [span])
    assert "社会工作局" in [c.name for c in merged]
    assert not any(c.name.startswith("联同") for c in merged)
