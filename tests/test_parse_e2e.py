"""End to end on the bundled example articles (written for this project)."""

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES

from fazhi_ie import Article, InputError, parse, parse_many

pytestmark = pytest.mark.pipeline


@pytest.fixture(scope="module")
def open_day(_nlp_rules) -> Article:
    text = (EXAMPLES / "01_open_day.txt").read_text(encoding="utf-8")
    return parse(text, id="open-day", nlp=_nlp_rules)


def all_spans_grounded(article: Article) -> None:
    for where, span in article.iter_spans():
        assert article.text[span.start : span.end] == span.text, where


def test_header_fields(open_day):
    assert open_day.id == "open-day"
    assert open_day.title == "青山市司法局举办第三届“司法行政开放日”活动"
    assert open_day.published == "2023-12-06"
    assert open_day.source == "青山日报"
    assert open_day.script == "simplified"


def test_laws_found_with_full_names(open_day):
    laws = {law.name: law for law in open_day.laws}
    assert set(laws) == {"民法典", "宪法", "反有组织犯罪法", "青山市文明行为促进条例"}
    assert laws["民法典"].full_name == "中华人民共和国民法典"
    assert laws["青山市文明行为促进条例"].kind == "regulation"
    # 宪法 appears once in 《》 and four times bare; 国家宪法日 is not a mention of it
    mentions = laws["宪法"].mentions
    assert len(mentions) == 5
    day = open_day.text.index("国家宪法日")
    assert all(not (day <= m.start < day + 5) for m in mentions)
    all_spans_grounded(open_day)


def test_pipeline_versions_recorded(open_day):
    assert set(open_day.pipeline) >= {"fazhi_ie", "schema", "spacy", "pkuseg"}


def test_traditional_noisy_article(nlp):
    raw = (EXAMPLES / "02_traditional_noisy.txt").read_text(encoding="utf-8")
    art = parse(raw, nlp=nlp)
    assert art.script == "traditional"
    assert art.published == "2022-12-08"
    assert "(xiàn)" not in art.clean_text and "????" not in art.clean_text
    assert "登录" not in art.clean_text and "ICP" not in art.clean_text
    assert {law.name for law in art.laws} == {"宪法", "民法典"}
    # names are Simplified, mentions keep the raw Traditional text
    xianfa = next(law for law in art.laws if law.name == "宪法")
    assert {m.text for m in xianfa.mentions} == {"憲法"}
    all_spans_grounded(art)


def test_caller_published_date_wins_with_a_warning(nlp):
    raw = (EXAMPLES / "01_open_day.txt").read_text(encoding="utf-8")
    art = parse(raw, published="2023-12-07", nlp=nlp)
    assert art.published == "2023-12-07"
    assert [w.code for w in art.warnings] == ["W104"]


@pytest.mark.parametrize(("bad", "code"), [("", "E101"), ("   \n", "E101"), (b"x", "E104")])
def test_parse_rejects_bad_input_with_codes(bad, code):
    with pytest.raises(InputError) as info:
        parse(bad)
    assert info.value.code == code


def test_parse_many_keeps_every_document_in_order(nlp):
    items = [
        "青山市司法局开展宪法宣传活动。",
        {"id": "b", "text": ""},
        {"id": "c", "text": "学习《民法典》。", "published": "2020-05-28"},
        {"id": "d", "text": "学习宪法。", "published": "May 5th"},
        42,
    ]
    out = list(parse_many(items, batch_size=2))
    assert len(out) == 5
    assert [a.id for a in out] == [None, "b", "c", "d", None]
    assert [a.error.code if a.error else None for a in out] == [None, "E101", None, "E107", "E104"]
    assert [law.name for law in out[2].laws] == ["民法典"]
    assert out[2].published == "2020-05-28"


def test_cli_parses_a_file_folder_and_jsonl(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("县司法局宣传《宪法》。", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "fazhi_ie",
            "parse",
            str(tmp_path),
            str(EXAMPLES / "articles.jsonl"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    lines = [json.loads(x) for x in run.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["bin", "empty", "ok", "demo-1", "demo-2", "demo-3"]
    assert [d["error"]["code"] if d["error"] else None for d in lines] == [
        "E102",
        "E101",
        None,
        None,
        "E101",
        None,
    ]
    assert "Traceback" not in run.stderr
    assert lines[3]["published"] == "2021-12-04"


def test_cli_single_bad_file_gives_one_line_error(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    run = subprocess.run(
        [sys.executable, "-m", "fazhi_ie", "parse", str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "E101" in run.stderr and "Traceback" not in run.stderr


def test_parse_many_in_worker_processes_matches_in_process(nlp):
    items = [{"id": str(i), "text": f"第{i}篇：学习《宪法》和民法典。"} for i in range(5)]
    items.insert(2, {"id": "bad", "text": "  "})
    serial = list(parse_many(items, batch_size=2))
    parallel = list(parse_many(items, batch_size=2, n_process=2))
    assert [a.id for a in parallel] == ["0", "1", "bad", "2", "3", "4"]
    assert [a.model_dump() for a in parallel] == [a.model_dump() for a in serial]


def test_summary_view_of_an_article(nlp):
    from fazhi_ie.summary import summarize

    art = parse(
        "县司法局举办宪法宣传活动\n2023-12-04\n12月4日,县司法局在广场举办宪法宣传活动,"
        "发放宣传资料3000余份。",
        id="s1",
    )
    text = summarize(art)
    lines = text.splitlines()
    assert lines[0] == "s1: 县司法局举办宪法宣传活动"
    assert "published 2023-12-04" in lines[1]
    assert any(line.strip().startswith("县司法局") for line in lines)
    assert "3000余份" in text
    bad = parse_many([{"id": "x", "text": "  "}])
    assert summarize(next(iter(bad))).startswith("x: error E101")


def test_cli_summary_instead_of_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("县司法局开展民法典宣传。", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "fazhi_ie", "parse", "--summary", str(f)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("a: ")
    assert "《民法典》" in run.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(run.stdout.splitlines()[0])
