"""Law recognition on Docs whose segmentation is given by hand (no model needed)."""

import pytest
from spacy.tokens import Doc

from fazhi_ie.components.base import candidates
from fazhi_ie.components.laws import LawRecognizer
from fazhi_ie.lexicons.laws import classify_title, describe


def make_doc(nlp, words):
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def names(doc):
    return [(c.name, c.kind, doc.text[c.start : c.end]) for c in candidates(doc, "laws")]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("中华人民共和国宪法", "law"),
        ("民法典", "law"),
        ("青山市文明行为促进条例", "regulation"),
        ("中国共产党纪律处分条例", "party_regulation"),
        ("关于开展法治宣传教育的第八个五年规划", "normative_document"),
        ("2023年全县普法依法治理工作要点", "normative_document"),
        ("宪法学习读本", None),
        ("今日说法", None),
        ("我和我的祖国", None),
        ("谈谈新时代的普法", None),
    ],
)
def test_classify_title(title, kind):
    assert classify_title(title) == kind


def test_describe_strips_prc_prefix_and_knows_full_name():
    assert describe("中华人民共和国民法典") == ("民法典", "中华人民共和国民法典", "law")
    assert describe("宪法") == ("宪法", "中华人民共和国宪法", "law")
    assert describe("党章") == ("党章", "中国共产党章程", "party_regulation")


def test_bracketed_titles(blank_zh):
    words = [
        "学习",
        "《",
        "中华人民共和国",
        "民法典",
        "》",
        "和",
        "《",
        "宪法",
        "学习",
        "读本",
        "》",
    ]
    doc = LawRecognizer()(make_doc(blank_zh, words))
    # the book is no law, but the law its title names is mentioned (as the gold
    # counts laws named in the titles of talks and programmes)
    assert names(doc) == [("民法典", "law", "中华人民共和国民法典"), ("宪法", "law", "宪法")]
    assert [s.text for s in doc.spans["laws"]] == ["中华人民共和国民法典", "宪法"]


def test_bare_names_need_token_boundaries(blank_zh):
    words = [
        "开展",
        "宪法宣传周",
        "活动",
        "，",
        "宣传",
        "宪法",
        "和",
        "民法典",
        "，",
        "教师",
        "法治",
        "教育",
    ]
    doc = LawRecognizer()(make_doc(blank_zh, words))
    assert [n for n, _, _ in names(doc)] == ["宪法", "民法典"]


def test_quoted_bare_names_and_long_names(blank_zh):
    words = ["普及", "“", "未成年人", "保护法", "”", "、", "反有组织犯罪法律", "知识"]
    doc = LawRecognizer()(make_doc(blank_zh, words))
    # 未成年人保护法 is on token edges; 反有组织犯罪法 is glued to 律 (法律), rejected
    assert [n for n, _, _ in names(doc)] == ["未成年人保护法"]


def test_generic_title_refers_back_to_the_last_matching_document(blank_zh):
    words = ["印发", "《", "2024年全县普法工作要点", "》", "，", "按照", "《", "要点", "》", "落实"]
    doc = LawRecognizer()(make_doc(blank_zh, words))
    got = names(doc)
    assert [n for n, _, _ in got] == ["2024年全县普法工作要点", "2024年全县普法工作要点"]
    assert got[1][2] == "要点"  # the mention is the short form as written


def test_lone_generic_title_is_dropped(blank_zh):
    doc = LawRecognizer()(make_doc(blank_zh, ["学习", "《", "通知", "》", "精神"]))
    assert names(doc) == []


def test_unbracketed_decisions_and_named_plans(blank_zh):
    text = "县人大常委会会议表决通过了关于加强法治乡村建设的决定，全面落实“九五”普法规划。"
    doc = LawRecognizer()(make_doc(blank_zh, list(text)))
    assert [(n, k) for n, k, _ in names(doc)] == [
        ("关于加强法治乡村建设的决定", "normative_document"),
        ("“九五”普法规划", "normative_document"),
    ]
