"""Hostile input (issue 18, docs/reliability.md): every document decoded or explained.

The inputs are written here: no file from outside the project is read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fazhi_ie.decode import binary_kind, decode_bytes
from fazhi_ie.errors import InputError
from fazhi_ie.inputs import MAX_FILE_BYTES, iter_path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "青山市司法局于2023年12月4日在白河县开展宪法宣传活动，局长李明远出席，发放资料五百余份。"
TRAD = "青山市司法局於2023年12月4日在白河縣開展憲法宣傳活動，局長李明遠出席，發放資料五百餘份。"


def _codes(warnings) -> list[str]:
    return [w.code for w in warnings]


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


# --- decoding ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (SENTENCE.encode("utf-16"), "W105"),  # BOM + native order
        (b"\xfe\xff" + SENTENCE.encode("utf-16-be"), "W105"),
        (SENTENCE.encode("utf-32"), "W105"),
        (SENTENCE.encode("utf-16-be"), "W105"),  # no BOM: detected
        (TRAD.encode("big5"), "W105"),
        (SENTENCE.encode("gbk"), "W101"),
    ],
    ids=["utf16-bom", "utf16be-bom", "utf32-bom", "utf16be-nobom", "big5", "gbk"],
)
def test_other_encodings_decode_with_a_warning_naming_them(data: bytes, warning: str):
    text, warnings = decode_bytes(data)
    assert text in (SENTENCE, TRAD)
    assert _codes(warnings) == [warning]
    if warning == "W105":
        assert any(x in warnings[0].message for x in ("UTF-16", "UTF-32", "BIG5"))


def test_utf8_bom_is_silent_and_removed():
    assert decode_bytes(b"\xef\xbb\xbf" + SENTENCE.encode()) == (SENTENCE, [])


@pytest.mark.parametrize(
    "prefix", [b"\x01" * 12, b"\x01\x02\x03\x04\x1b[0m\x7f" * 30, b"\x08\x0e\x1f"]
)
def test_leading_and_embedded_controls_are_stripped_with_a_warning(prefix: bytes):
    body = SENTENCE.encode()
    data = prefix + body[:30] + b"\x1b\x07" + body[30:]
    text, warnings = decode_bytes(data)
    assert text == SENTENCE
    assert _codes(warnings) == ["W106"]
    assert "removed" in warnings[0].message


def test_tabs_newlines_and_form_feeds_are_kept():
    text = "标题\r\n\t正文\f第二页\n"
    assert decode_bytes(text.encode()) == (text, [])


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (_zip_bytes(), "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56, "ELF"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50, "PE"),
        (gzip.compress(SENTENCE.encode()), "gzip"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100, "OLE2"),
        (b"SQLite format 3\x00" + b"\x10\x00" * 40, "SQLite"),
    ],
)
def test_real_binaries_stay_e102_and_are_named(data: bytes, kind: str):
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.code == "E102"
    assert kind in info.value.message
    assert binary_kind(data) is not None


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E101"),
        (b" \n\t\r\n", "E101"),
        (b"\x01\x02\x03\x04", "E102"),  # nothing but controls
        (bytes(range(256)) * 8, "E102"),  # NUL bytes, no encoding fits
        (b"\x00\x01\x02binary", "E102"),  # NUL bytes: not text
        (b"\x00" * 8 + SENTENCE.encode(), "E102"),
    ],
)
def test_empty_and_unreadable_get_codes(data: bytes, code: str):
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.code == code and info.value.hint


def test_text_that_merely_starts_like_a_signature_is_text():
    # "MZ" without the executable's header, "BZh" without bzip2's block magic
    for text in ("MZ型号的说明。" + SENTENCE, "BZh标准。" + SENTENCE):
        assert decode_bytes(text.encode())[0] == text


def test_a_few_broken_bytes_are_replaced_with_a_warning():
    data = SENTENCE.encode()
    text, warnings = decode_bytes(data[:10] + b"\xff" + data[10:])
    assert "\ufffd" in text and "W102" in _codes(warnings)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    import fazhi_ie.inputs as inputs

    (tmp_path / "big.txt").write_text(SENTENCE * 10, encoding="utf-8")
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 100)
    (doc,) = iter_path(tmp_path / "big.txt")
    assert doc.error is not None and doc.error.code == "E108"
    assert MAX_FILE_BYTES >= 2**20


# --- limits in parse_many (no pipeline: every document here is refused) ---------------
def test_max_chars_makes_an_error_record_and_keeps_order():
    from fazhi_ie import parse_many

    items = [{"id": "long", "text": "长" * 50}, "", {"id": "long2", "text": "长" * 1000}]
    out = list(parse_many(items, max_chars=40))
    assert [a.id for a in out] == ["long", None, "long2"]
    assert [a.error.code for a in out] == ["E108", "E101", "E108"]
    assert "1000 characters" in out[2].error.message and out[2].error.hint


@pytest.mark.parametrize(
    ("kwargs", "name"), [({"time_limit": 0}, "time_limit"), ({"max_chars": -1}, "max_chars")]
)
def test_bad_limits_are_config_errors(kwargs, name):
    from fazhi_ie import ConfigError, parse_many

    with pytest.raises(ConfigError) as info:
        list(parse_many(["x"], **kwargs))
    assert info.value.code == "E401" and name in info.value.message


# --- the README's names ----------------------------------------------------------
def test_summary_is_reachable_after_import_fazhi_ie_as_the_readme_writes_it():
    code = (
        "import fazhi_ie\n"
        "from fazhi_ie import Article\n"
        "print(fazhi_ie.summary.summarize(Article(id='a1', text='x')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.startswith("a1: (no title)")


def test_readme_batch_example_is_under_a_main_guard():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("n_process=2")
    assert 'if __name__ == "__main__":' in readme[max(0, start - 400) : start]


# --- the CLI over a folder of hostile files ---------------------------------------
def hostile_files() -> dict[str, bytes]:
    """name -> bytes; each is one hostile category of docs/reliability.md."""
    line = SENTENCE.encode()
    return {
        "empty": b"",
        "whitespace": b" \n\t \r\n  ",
        "pdf": b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n",
        "docx": _zip_bytes(),
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20,
        "elf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56,
        "nul_bytes": b"\x00" * 64,
        "random": bytes((i * 7919 + 13) % 256 for i in range(4096)),
        "controls_then_text": b"\x01\x02\x03\x1b\x7f" * 40 + line,
        "utf16_bom": SENTENCE.encode("utf-16"),
        "utf32_bom": SENTENCE.encode("utf-32"),
        "gbk": line.decode().encode("gbk"),
        "big5": TRAD.encode("big5"),
        "surrogate_bytes": b"\xed\xa0\x80" + line,
        "html": ("<html><body><p>" + SENTENCE + "</p><script>x()</script></body></html>").encode(),
        "emoji": ("🎉⚖️👨‍⚖️" + SENTENCE + "🇨🇳" * 20).encode(),
        "zero_width": ("\u200b\u200c\u200d\ufeff\u2060".join(SENTENCE)).encode(),
        "rtl_marks": ("\u202e" + SENTENCE + "\u202c\u200f").encode(),
        "digits_400": ("罚款" + "9" * 400 + "元。" + SENTENCE).encode(),
        "deep_quotes": ("“‘《" * 300 + SENTENCE + "》’”" * 300).encode(),
        "punctuation_run": ("。" * 5000 + "，" * 5000).encode(),
        "lines_10000": "\n".join(f"第{i}条。" for i in range(10_000)).encode(),
        "long_single_line": (SENTENCE * 2000).encode(),  # over --max-chars below
        "crlf": SENTENCE.replace("，", "\r\n").encode(),
    }


@pytest.mark.pipeline
def test_cli_parse_over_a_folder_of_hostile_files(tmp_path):
    files = hostile_files()
    for name, data in files.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FAZHI_IE_NER": "0"}
    cmd = [sys.executable, "-m", "fazhi_ie", "parse", str(tmp_path), "--max-chars", "60000"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.split("\n") if line]
    assert sorted(r["id"] for r in records) == sorted(files)
    by_id = {r["id"]: r for r in records}

    def code(name: str) -> str | None:
        err = by_id[name]["error"]
        return err["code"] if err else None

    def warned(name: str) -> list[str]:
        return [w["code"] for w in by_id[name]["warnings"]]

    assert code("empty") == code("whitespace") == "E101"
    for name in ("pdf", "docx", "png", "elf", "nul_bytes", "random"):
        assert code(name) == "E102", name
    assert code("long_single_line") == "E108"
    for name in ("utf16_bom", "utf32_bom", "big5"):
        assert code(name) is None and "W105" in warned(name), name
    assert code("gbk") is None and warned("gbk") == ["W101"]
    assert code("controls_then_text") is None and warned("controls_then_text") == ["W106"]
    assert by_id["controls_then_text"]["text"] == SENTENCE
    parsed = [r for r in records if r["error"] is None]
    assert len(parsed) >= 14
    for r in parsed:  # grounded spans in whatever was parsed
        text = r["text"]
        for org in r["organizations"]:
            for m in org["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.pipeline
def test_cli_parse_in_worker_processes_with_a_time_limit(tmp_path):
    files = {k: v for k, v in hostile_files().items() if k in {"empty", "pdf", "utf16_bom", "gbk"}}
    for name, data in files.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FAZHI_IE_NER": "0"}
    cmd = [sys.executable, "-m", "fazhi_ie", "parse", str(tmp_path), "--n-process", "2"]
    cmd += ["--time-limit", "120", "--batch-size", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.split("\n") if line]
    assert [r["id"] for r in records] == sorted(files)  # input order
    codes = {r["id"]: (r["error"] or {}).get("code") for r in records}
    assert codes == {"empty": "E101", "gbk": None, "pdf": "E102", "utf16_bom": None}
