"""The cleaning steps and the Normalized interface, on sentences written for the tests."""

from __future__ import annotations

import pytest

from fazhi_ie.errors import ConfigError, InputError
from fazhi_ie.records import Script, Span
from fazhi_ie.text import (
    Normalized,
    OffsetText,
    convert_aligned,
    detect_script,
    fullwidth_to_halfwidth,
    make_pipeline,
    make_to_simplified,
    normalize,
    normalize_whitespace,
    remove_boilerplate,
    remove_html_debris,
    remove_pinyin,
    remove_question_runs,
    to_simplified,
)


def check_map(n: Normalized) -> None:
    assert len(n.offsets) == len(n.text)
    assert list(n.offsets) == sorted(n.offsets)
    assert all(0 <= o < len(n.raw) for o in n.offsets)


# --- pinyin ------------------------------------------------------------------------------
def test_pinyin_after_a_character_is_removed():
    raw = "青山縣司法局(jú)的工作人員在廣場(chǎng)發放資料"
    n = normalize(raw)
    assert n.text == "青山县司法局的工作人员在广场发放资料"
    assert "(" not in n.text
    check_map(n)
    assert [r for r in n.removed if r[2] == "pinyin"] == [
        (6, 10, "pinyin"),
        (18, 25, "pinyin"),
    ]


def test_raw_span_keeps_pinyin_inside_a_name():
    raw = "松濤區(qū)人民法院舉行開放日"
    n = normalize(raw)
    i = n.text.index("松涛区人民法院")
    span = n.raw_span(i, i + len("松涛区人民法院"))
    assert span.text == "松濤區(qū)人民法院"
    assert raw[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "raw",
    [
        "松林区(高新区)管委会召开会议",
        "案号为(2021)某01民初5号",
        "世界贸易组织(WTO)的规则",
        "按规定(见附件)办理",
        "abc(lì) 不是汉字后的拼音",
        "学习(xuexi)强国",  # no tone mark: not inserted pinyin
    ],
)
def test_legitimate_parentheses_stay(raw):
    assert remove_pinyin(OffsetText(raw)).text == raw


def test_fullwidth_parenthesised_pinyin_is_removed():
    raw = "調解（tiáo）委員會"
    assert normalize(raw).text == "调解委员会"


# --- ???? runs and HTML debris ---------------------------------------------------------
def test_question_runs_are_deleted():
    raw = "????今年春天，青山县开展普法活动。\n????活动现场热闹。"
    n = normalize(raw)
    assert "?" not in n.text
    assert n.text.startswith("今年春天,")
    assert n.raw_span(0, 2).text == "今年"
    check_map(n)


def test_question_run_between_words_becomes_space_and_single_mark_stays():
    assert remove_question_runs(OffsetText("abc???def")).text == "abc def"
    assert remove_question_runs(OffsetText("真的吗?对")).text == "真的吗?对"


def test_html_debris():
    ot = remove_html_debris(OffsetText("第一段。</p><p>第二段&nbsp;说明?/p>A&amp;B<br/>完"))
    assert ot.text == "第一段。\n\n第二段 说明\nA&B\n完"
    n = normalize("第一段。</p><p>第二段<span>说明</span>完&nbsp;")
    assert n.text == "第一段。\n第二段说明完"
    check_map(n)


def test_unknown_entity_is_left_alone():
    assert remove_html_debris(OffsetText("a&foo;b")).text == "a&foo;b"


# --- full-width ------------------------------------------------------------------------------
def test_fullwidth_to_halfwidth_is_char_for_char():
    raw = "ＡＢＣ１２３，：（）　“引号”《书名》。、"
    ot = fullwidth_to_halfwidth(OffsetText(raw))
    assert ot.text == "ABC123,:() “引号”《书名》。、"
    assert ot.offsets == list(range(len(raw)))


# --- Traditional -> Simplified ---------------------------------------------------------------
def test_to_simplified_keeps_length_and_offsets():
    raw = "臺灣縣區發佈會議記錄,遼寧長安網"
    ot = to_simplified(OffsetText(raw))
    assert ot.text == "台湾县区发布会议记录,辽宁长安网"
    assert ot.offsets == list(range(len(raw)))


def _length_changing(s: str) -> str:
    """A stand-in converter: converts 國->国, but turns the phrase 甲乙 into 甲乙乙."""
    return s.replace("甲乙", "甲乙乙").replace("國", "国")


def test_convert_aligned_falls_back_when_length_changes():
    text = "國家,甲乙丙國\n第二行國"
    out = convert_aligned(text, _length_changing)
    assert len(out) == len(text)
    # the clause with the length-changing phrase is converted character by character
    assert out == "国家,甲乙丙国\n第二行国"
    step = make_to_simplified(_length_changing)
    ot = step(OffsetText(text))
    assert ot.offsets == list(range(len(text)))


def test_convert_aligned_keeps_char_whose_conversion_is_not_one_char():
    def weird(s: str) -> str:
        return s.replace("乙", "")

    assert convert_aligned("甲乙丙", weird) == "甲乙丙"


# --- boilerplate -------------------------------------------------------------------------------
FURNITURE = """登录 注册
下载客户端
今天是2024年3月1日 星期五
当前位置：首页 > 法治动态 > 正文
字号：大 中 小
青山县举办法律知识讲座
浏览量：321 | 发布时间：2024-03-01
photo_0301.jpg
3月1日，青山县司法局在文化广场举办法律知识讲座，群众踊跃参加。
责任编辑：王小红
记者 李四 摄
【打印本页】 【关闭窗口】
分享到：
京ICP备12345678号
版权所有 青山县融媒体中心
"""


def test_boilerplate_lines_removed_bylines_kept():
    n = normalize(FURNITURE)
    text = n.text
    for gone in (
        "登录",
        "下载客户端",
        "今天是",
        "当前位置",
        "字号",
        "浏览量",
        ".jpg",
        "打印",
        "ICP",
    ):
        assert gone not in text, gone
    assert "版权所有" not in text and "分享" not in text
    for kept in (
        "青山县举办法律知识讲座",
        "发布时间:2024-03-01",
        "责任编辑:王小红",
        "记者 李四 摄",
    ):
        assert kept in text, kept
    reasons = {r for _, _, r in n.removed}
    assert {"furniture", "banner", "breadcrumb", "counter", "image", "footer"} <= reasons
    check_map(n)


def test_boilerplate_does_not_touch_body_sentences():
    body = "今天是青山县第一个法治宣传日,活动吸引了许多群众。\n欢迎来到法治讲堂的同学们认真听讲。"
    assert remove_boilerplate(OffsetText(body)).text == body


def test_counter_inline_does_not_cross_lines():
    ot = remove_boilerplate(OffsetText("作者:张三 浏览量:\n12 月 4 日是法治宣传日"))
    assert ot.text == "作者:张三 \n12 月 4 日是法治宣传日"


# --- whitespace ---------------------------------------------------------------------------------
def test_whitespace_letter_spacing_and_dates():
    raw = "  记者 王小明  通讯员 赵 军 \n\n\n 12 月 4 日 , 大家 有 了 进 一 步 认 识\n\n"
    ot = normalize_whitespace(OffsetText(raw))
    assert ot.text == "记者 王小明 通讯员 赵军\n12月4日,大家 有了进一步认识"


def test_whitespace_between_phrases_is_kept():
    raw = "弘扬法治精神 守护美好生活"
    assert normalize_whitespace(OffsetText(raw)).text == raw


# --- the Normalized interface ------------------------------------------------------------------
def test_normalized_fields_and_mapping():
    raw = "發布時間:2021-03-08\n本報(bào)記者"
    n = normalize(raw)
    assert n.raw == raw
    assert n.text == "发布时间:2021-03-08\n本报记者"
    assert n.published == "2021-03-08"
    assert n.script is Script.traditional
    i = n.text.index("本报")
    assert n.to_raw(i, i + 2) == (16, 18)
    assert n.raw_span(i, i + 2) == Span(start=16, end=18, text="本報")
    assert n.raw_span(i, i + 3) == Span(start=16, end=24, text="本報(bào)記")
    check_map(n)


def test_empty_spans_and_bad_ranges():
    n = normalize("甲乙(yǐ)丙")
    assert n.text == "甲乙丙"
    assert n.to_raw(0, 0) == (0, 0)
    assert n.to_raw(2, 2) == (6, 6)
    assert n.to_raw(3, 3) == (7, 7)
    assert n.raw_span(1, 1).text == ""
    with pytest.raises(ConfigError):
        n.to_raw(2, 1)
    with pytest.raises(ConfigError):
        n.to_raw(0, 4)


def test_to_clean_maps_raw_ranges_forward():
    n = normalize("甲乙(yǐ)丙")
    assert n.to_clean(0, 2) == (0, 2)
    assert n.to_clean(2, 6) == (2, 2)  # only pinyin: nothing left
    assert n.to_clean(0, 7) == (0, 3)


def test_empty_and_wrong_type():
    n = normalize("")
    assert n.text == "" and n.offsets == () and n.script is Script.unknown
    assert n.to_raw(0, 0) == (0, 0)
    assert n.title is None and n.published is None and n.source is None
    with pytest.raises(InputError):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_custom_pipeline():
    pipe = make_pipeline(remove_pinyin, to_simplified)
    n = normalize("會(huì)議", pipeline=pipe)
    assert n.text == "会议"


def test_crlf_and_invisible_characters():
    n = normalize("第一行\r\n第二\u200b行\u00a0结束\r第三行")
    assert n.text == "第一行\n第二行 结束\n第三行"
    check_map(n)


# --- script ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, script",
    [
        ("青山县司法局组织律师走进社区,为居民讲解民法典中的婚姻家庭编。", Script.simplified),
        ("青山縣司法局組織律師走進社區,為居民講解民法典中的婚姻家庭編。", Script.traditional),
        ("青山縣司法局組織律師走進社區。青山县司法局组织律师走进社区。", Script.mixed),
        ("大山人口", Script.unknown),
        ("Hello world", Script.unknown),
    ],
)
def test_detect_script(raw, script):
    assert detect_script(raw) is script


def test_performance_is_reasonable():
    import time

    raw = ("青山縣司法局(jú)在廣場(chǎng)舉辦普法活動,發放資料三百余份。\n" * 120)[:5000]
    normalize(raw)
    t = time.perf_counter()
    for _ in range(5):
        normalize(raw)
    assert (time.perf_counter() - t) / 5 < 0.1  # generous: ~5 ms on a laptop
