import io
import json

import pytest

from fazhi_ie.errors import InputError
from fazhi_ie.inputs import decode_bytes, iter_jsonl, iter_path, iter_stdin

SAMPLE = "县司法局开展宪法宣传活动，发放资料五百余份。"


def test_utf8_and_bom():
    assert decode_bytes(SAMPLE.encode("utf-8")) == (SAMPLE, [])
    text, warnings = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert text == SAMPLE and warnings == []


def test_gb18030_fallback_records_a_warning():
    text, warnings = decode_bytes(SAMPLE.encode("gb18030"))
    assert text == SAMPLE
    assert [w.code for w in warnings] == ["W101"]


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E101"), (b"  \n\t ", "E101"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E102")],
)
def test_bad_bytes_get_coded_errors(data, code):
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.code == code
    assert info.value.hint


def test_jsonl_yields_one_doc_per_line_even_when_broken():
    lines = [
        json.dumps({"id": "a", "text": SAMPLE}, ensure_ascii=False).encode(),
        b"{not json",
        b"",
        json.dumps({"id": "c"}).encode(),
        json.dumps({"text": SAMPLE, "published": "2021-12-04"}, ensure_ascii=False).encode(),
    ]
    docs = list(iter_jsonl(lines, "in.jsonl"))
    assert [d.id for d in docs] == ["a", "in.jsonl:2", "c", "in.jsonl:5"]
    assert [d.error.code if d.error else None for d in docs] == [None, "E105", "E105", None]
    assert docs[3].published == "2021-12-04"


def test_folder_and_missing_path(tmp_path):
    (tmp_path / "b.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(SAMPLE.encode("gb18030"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    docs = list(iter_path(tmp_path))
    assert [d.id for d in docs] == ["a", "b", "c"]
    assert docs[0].warnings[0].code == "W101"
    assert docs[2].error.code == "E101"
    missing = list(iter_path(tmp_path / "nope.txt"))
    assert len(missing) == 1 and missing[0].error.code == "E106"


def test_stdin_autodetects_jsonl():
    data = json.dumps({"id": "x", "text": SAMPLE}, ensure_ascii=False).encode() + b"\n"
    docs = list(iter_stdin(io.BytesIO(data)))
    assert [(d.id, d.text) for d in docs] == [("x", SAMPLE)]
    docs = list(iter_stdin(io.BytesIO(SAMPLE.encode())))
    assert [(d.id, d.text) for d in docs] == [("stdin", SAMPLE)]
