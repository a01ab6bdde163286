"""Person names: anchored patterns on sentences written for these tests."""

from __future__ import annotations

import pytest

from fazhi_ie import parse
from fazhi_ie.build import Assembly
from fazhi_ie.build.persons import build_persons
from fazhi_ie.components.base import EntitySpan, candidates
from fazhi_ie.lexicons.person_rules import surname_length, valid_name
from fazhi_ie.records import Organization, Span
from fazhi_ie.text import normalize


def names(text: str) -> list[str]:
    return [p.name for p in parse(text).persons]


# --- name shape (no model needed, but kept here with the rest) ---------------------
@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("张积强", True),
        ("王静", True),
        ("欧阳振华", True),
        ("努尔买买提·艾山", True),
        ("记者", False),  # no surname
        ("群众", False),
        ("张贴", False),  # a listed common word
        ("王女士", False),  # a form of address, not a name
        ("李某", False),  # anonymised
        ("党委", False),  # 委 never ends a given name
        ("和法官", False),  # a title after a function character
        ("张积强说", False),  # too long without a compound surname
    ],
)
def test_valid_name(name, ok):
    assert valid_name(name) is ok


def test_surnames_single_compound_and_strict():
    assert surname_length("欧阳明") == 2
    assert surname_length("李明") == 1
    assert surname_length("于是") == 1
    assert surname_length("于是", strict=True) == 0  # 于 is ambiguous


# --- patterns --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县司法局党组书记、局长宋志平介绍说,今年共办理案件。", ["宋志平"]),
        ("市民姚晓东说:“这样的活动很实用。”", ["姚晓东"]),
        ("律师林慧敏为群众答疑解惑。", ["林慧敏"]),
        ("本网讯(记者 贺文杰 通讯员 卢晓宁)5月8日,普法活动开展。", ["贺文杰", "卢晓宁"]),
        ("活动现场气氛热烈。(冯子涵、蔡立新、彭家豪)", ["冯子涵", "蔡立新", "彭家豪"]),
        ("普法宣传效果良好。\n责任编辑:潘一鸣 审核:魏婷婷", ["潘一鸣", "魏婷婷"]),
        ("检察长邵建军致辞。", ["邵建军"]),
        ("副检察长胡琳主持会议。", ["胡琳"]),
        ("会后,叶海峰检察长为学生上法治课。", ["叶海峰"]),
        ("深入学习贯彻习近平法治思想。", ["习近平"]),
        ("广场上人头攒动。苏晓梅摄\n", ["苏晓梅"]),
        ("(本版图片由熊嘉怡摄)", ["熊嘉怡"]),
        ("他叫阿不都热依木·买买提,是一名普法志愿者。", ["阿不都热依木·买买提"]),
        ("来自保定市的曹明亮第一个走进展厅。", ["曹明亮"]),
        ("县司法局副局长韦志远、邹丽华参加活动。", ["韦志远", "邹丽华"]),
        ("。\n龚振宇指出,要把普法工作做实。", ["龚振宇"]),
        ("文/郭小川 图/欧阳明", ["郭小川", "欧阳明"]),
        ("讲座由钟文华主持。", ["钟文华"]),
        ("图为严向东向群众讲解法律知识。", ["严向东"]),
        ("镇综治中心工作人员吉莫阿芝将意见记录下来。", ["吉莫阿芝"]),
        ("作者:柳诗雨子", ["柳诗雨子"]),
    ],
)
@pytest.mark.pipeline
def test_patterns(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "记者来到现场看到,群众排起了长队。",
        "记者从市中级人民法院获悉,该院审结案件同比增长。",
        "活动现场,律师和法官为群众解答了法律问题。",
        "全体干警和群众代表共200余人参加活动。",
        "该局负责人表示,将继续加大普法力度。",
        "提升群众满意度。",
        "维护群众权益、化解矛盾纠纷。",
        "参观群众王女士说,这次活动很有意义。",
        "张某某因涉嫌诈骗被依法逮捕。",
        "开展“宪法·民法典”主题宣传活动。",
        "来自基层的法律明白人齐聚一堂。",
        "主任严肃指出存在的问题。",
        "局长郑重承诺,将依法行政。",
        "由王律师讲解。",
        "由于天气原因,活动推迟。",
    ],
)
@pytest.mark.pipeline
def test_no_person(text):
    assert names(text) == []


@pytest.mark.pipeline
def test_one_person_per_name_with_every_mention_and_titles():
    text = "区人民法院院长蒋卫国出席活动。随后,蒋卫国为新任陪审员颁发证书。"
    (p,) = parse(text).persons
    assert p.name == "蒋卫国"
    assert p.titles == ["院长"]
    assert [m.text for m in p.mentions] == ["蒋卫国", "蒋卫国"]
    assert p.id == "per-1"


@pytest.mark.pipeline
def test_mentions_index_the_raw_text_and_names_are_clean():
    raw = "縣司法局局長陳(chén)立新介紹說,活動很成功。"
    art = parse(raw)
    (p,) = art.persons
    assert p.name == "陈立新"
    (m,) = p.mentions
    assert raw[m.start : m.end] == m.text == "陳(chén)立新"


@pytest.mark.pipeline
def test_candidates_carry_clean_offsets_and_title_start(nlp):
    doc = nlp("市司法局局长陶建华介绍说。")
    (c,) = [c for c in candidates(doc, "persons") if c.source != "repeat"]
    assert doc.text[c.start : c.end] == c.name == "陶建华"
    assert c.title_start is not None and doc.text[c.title_start :].startswith("局长")
    assert [s.text for s in doc.spans["persons"]] == ["陶建华"]


def _ctx(nlp, text: str) -> Assembly:
    norm = normalize(text)
    return Assembly(doc=nlp(norm.text), norm=norm)


@pytest.mark.pipeline
def test_affiliation_to_the_organization_before_the_title(nlp):
    text = "青山市司法局党组书记、局长宋志平介绍说,今年以来成效明显。"
    ctx = _ctx(nlp, text)
    s = text.index("青山市司法局")
    ctx.add(
        Organization(
            id="org-1",
            name="青山市司法局",
            canonical="青山市司法局",
            mentions=[Span(start=s, end=s + 6, text="青山市司法局")],
        ),
        [(s, s + 6)],  # clean offsets: the text is already clean
    )
    build_persons(ctx)
    (p,) = ctx.persons
    assert (p.name, p.organization, p.titles) == ("宋志平", "org-1", ["党组书记", "局长"])


@pytest.mark.pipeline
def test_no_affiliation_across_a_sentence(nlp):
    text = "青山市司法局开展活动。局长宋志平说,效果很好。"
    ctx = _ctx(nlp, text)
    ctx.add(
        Organization(
            id="org-1",
            name="青山市司法局",
            canonical="青山市司法局",
            mentions=[Span(start=0, end=6, text="青山市司法局")],
        ),
        [(0, 6)],
    )
    build_persons(ctx)
    assert ctx.persons[0].organization is None


@pytest.mark.pipeline
def test_ner_persons_are_merged(nlp):
    text = "这次活动中,小区居民钟楚汉认真听讲。"
    ctx = _ctx(nlp, text)
    s = ctx.norm.text.index("钟楚汉")
    candidates(ctx.doc, "ner").append(EntitySpan(s, s + 3, "PER", "钟楚汉"))
    candidates(ctx.doc, "ner").append(EntitySpan(0, 2, "PER", "这次"))
    build_persons(ctx)
    assert [p.name for p in ctx.persons] == ["钟楚汉"]


@pytest.mark.pipeline
def test_ner_weekdays_are_not_persons(nlp):
    # 周 is a surname, so an NER span 周四 ("Thursday") looks like a name
    text = "周四下午,社区居民钟楚汉来到普法广场。"
    ctx = _ctx(nlp, text)
    candidates(ctx.doc, "ner").append(EntitySpan(0, 2, "PER", "周四"))
    s = ctx.norm.text.index("钟楚汉")
    candidates(ctx.doc, "ner").append(EntitySpan(s, s + 3, "PER", "钟楚汉"))
    build_persons(ctx)
    assert [p.name for p in ctx.persons] == ["钟楚汉"]


@pytest.mark.pipeline
@pytest.mark.shared
def test_persons_score_on_the_shared_articles(shared_dir, ner_on):
    from fazhi_ie.evaluate import evaluate_dir

    for sub in ("seeds", "corpus/dev"):
        c = evaluate_dir(shared_dir / sub).counts("persons")
        f1 = 2 * c.tp / (2 * c.tp + c.fp + c.fn)
        assert f1 >= 0.9, (sub, c)


@pytest.mark.pipeline
def test_ner_names_inside_a_short_quotation_are_not_persons(nlp):
    # a quoted programme or brand name (“青禾·一片天”) is not a person, even with a
    # transliteration dot; a name outside the quotation, or quoted in a long
    # sentence of speech, still is
    text = (
        "区检察院组建“青禾·一片天”宣讲团,居民钟楚汉参加。"
        "他说:“今天钟楚汉老师给我们讲了很多有用的法律知识,很受启发。”"
    )
    ctx = _ctx(nlp, text)
    norm = ctx.norm.text
    for name, at in (("青禾·一片天", norm.index("青禾")), ("钟楚汉", norm.index("钟楚汉")),
                     ("钟楚汉", norm.rindex("钟楚汉"))):  # fmt: skip
        span = EntitySpan(at, at + len(name), "PER", name)
        candidates(ctx.doc, "ner").append(span)
    build_persons(ctx)
    assert [(p.name, len(p.mentions)) for p in ctx.persons] == [("钟楚汉", 2)]


@pytest.mark.pipeline
def test_ner_two_character_names_need_an_unambiguous_surname(nlp):
    # 安 and 明 are surnames but also begin common words (安抚, 明确): a two-character
    # name the NER alone proposes with such a surname is a word; three characters,
    # or an unambiguous surname, still make a name
    text = "民警及时给予安慰和疏导。居民钟楚、安晓东也来了。"
    ctx = _ctx(nlp, text)
    norm = ctx.norm.text
    for name in ("安慰", "钟楚", "安晓东"):
        at = norm.index(name)
        span = EntitySpan(at, at + len(name), "PER", name)
        candidates(ctx.doc, "ner").append(span)
    build_persons(ctx)
    assert sorted(p.name for p in ctx.persons) == sorted(["钟楚", "安晓东"])
