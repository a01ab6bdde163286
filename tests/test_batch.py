"""Batch runs (fazhi_ie.batch) with a stand-in parser: sinks, resume, ids, manifest.

The parser here is a function with the contract of ``parse_many`` (one Article
per document, in order) that needs no model, so that interrupting a run at a
chosen document is exact. Runs with the real pipeline, and a subprocess killed
with SIGKILL, are in test_batch_cli.py.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from fazhi_ie.batch import open_sink, read_tables, run_batch, text_id
from fazhi_ie.batch.export import export_jsonl
from fazhi_ie.batch.reading import iter_batch_inputs
from fazhi_ie.errors import ConfigError
from fazhi_ie.inputs import InputDoc
from fazhi_ie.records import Article, Law, Notice, Span

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

SINKS = ["out.jsonl", "out.parquet", "out.csv", "out.sqlite"]
MODELS = {"spacy": "3", "pkuseg": "p", "ner": "off"}


class Stop(Exception):
    pass


def fake_parse(stop_after: int | None = None, models: dict[str, str] = MODELS):
    """A stand-in for parse_many: a law per document; raises Stop after ``stop_after``."""

    def parse(docs):
        for n, doc in enumerate(docs):
            if stop_after is not None and n >= stop_after:
                raise Stop
            if not doc.text:
                yield Article(id=doc.id, text="", error=Notice(code="E101", message="empty"))
                continue
            law = Law(
                id="law-1",
                name="宪法",
                full_name="中华人民共和国宪法",
                mentions=[Span(start=0, end=len(doc.text[:2]), text=doc.text[:2])],
            )
            yield Article(
                id=doc.id,
                text=doc.text,
                laws=[law],
                warnings=doc.warnings,
                pipeline=MODELS | models,
            )

    return parse


def corpus(n: int = 23):
    """Items as iter_batch_inputs yields them: documents with metadata, one empty."""
    items = []
    for i in range(n):
        text = "" if i == 5 else f"第{i}篇：白河县司法局开展宪法宣传。"
        items.append((InputDoc(id=f"d{i}", text=text), {"n": i} if i % 2 else None))
    return items


def run(path, items=None, **kw):
    kw.setdefault("parse", fake_parse())
    kw.setdefault("commit_every", 4)
    kw.setdefault("log", lambda msg: None)
    return run_batch(items if items is not None else corpus(), open_sink(path), **kw)


def article_ids(path) -> list[str]:
    return read_tables(path)["articles"]["article_id"].tolist()


@pytest.mark.parametrize("name", SINKS)
def test_interrupted_run_resumes_to_every_id_exactly_once(tmp_path, name):
    out = tmp_path / name
    with pytest.raises(Stop):
        run(out, parse=fake_parse(stop_after=10))
    partial = article_ids(out)
    assert partial == [f"d{i}" for i in range(8)]  # two committed batches of 4
    summary = run(out, resume=True)
    assert summary.skipped == 8 and summary.parsed + sum(summary.failed.values()) == 15
    ids = article_ids(out)
    assert sorted(ids) == sorted(f"d{i}" for i in range(23)) and len(ids) == 23
    tables = read_tables(out)
    arts = tables["articles"].set_index("article_id")
    assert arts.loc["d5", "error_code"] == "E101"  # the error record is a row
    assert json.loads(arts.loc["d3", "metadata"]) == {"n": 3}
    assert len(tables["laws"]) == 22


@pytest.mark.parametrize("name", SINKS)
def test_existing_run_is_refused_without_resume(tmp_path, name):
    out = tmp_path / name
    run(out)
    with pytest.raises(ConfigError) as exc:
        run(out)
    assert exc.value.code == "E501"
    run(out, overwrite=True, items=corpus(3))
    assert article_ids(out) == ["d0", "d1", "d2"]


@pytest.mark.parametrize("name", SINKS)
def test_resume_with_other_options_or_models_is_refused(tmp_path, name):
    out = tmp_path / name
    with pytest.raises(Stop):
        run(out, parse=fake_parse(stop_after=6), options={"clean_text": True})
    with pytest.raises(ConfigError) as exc:
        run(out, resume=True, options={"clean_text": False})
    assert exc.value.code == "E502" and "options" in exc.value.message
    with pytest.raises(ConfigError) as exc:
        other = fake_parse(models={"ner": "msra"})
        run(out, resume=True, options={"clean_text": True}, parse=other)
    assert exc.value.code == "E502" and "models" in exc.value.message
    assert len(article_ids(out)) == 4  # nothing written by the refused runs


def test_torn_jsonl_tail_is_cut_on_resume(tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(Stop):
        run(out, parse=fake_parse(stop_after=9))
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"schema_version": "1.0.0", "id": "d8", "text": "half a li')  # power cut
    run(out, resume=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(x)["id"] for x in lines]
    assert sorted(ids) == sorted(f"d{i}" for i in range(23))
    for line in lines:
        Article.model_validate_json(line)  # every line is a valid Article


@pytest.mark.parametrize("name", ["out.parquet", "out.csv"])
def test_uncommitted_parts_are_removed_on_resume(tmp_path, name):
    out = tmp_path / name
    with pytest.raises(Stop):
        run(out, parse=fake_parse(stop_after=9))
    suffix = name.split(".")[1]
    # a batch killed between its renames: a laws part without its articles part,
    # and a temporary file of another table
    (out / "laws" / f"part-000003.{suffix}").write_bytes(
        (out / "laws" / f"part-000001.{suffix}").read_bytes()
    )
    (out / "events" / f".part-000003.{suffix}.tmp").write_bytes(b"partial")
    summary = run(out, resume=True)
    assert summary.recovered == 2
    tables = read_tables(out)
    assert sorted(tables["articles"]["article_id"]) == sorted(f"d{i}" for i in range(23))
    assert not tables["laws"].duplicated(["article_id", "law_id"]).any()
    assert len(tables["laws"]) == 22


def test_sqlite_is_wal_and_keyed(tmp_path):
    out = tmp_path / "out.sqlite"
    run(out)
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        n = conn.execute("SELECT count(*) FROM articles WHERE error_code = 'E101'").fetchone()
        assert n[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO articles (article_id) VALUES ('d0')")


def test_duplicate_ids_are_kept_apart_with_a_warning(tmp_path):
    items = [(InputDoc(id="a", text="一"), None), (InputDoc(id="a", text="二"), None)]
    items.append((InputDoc(id="a", text="三"), None))
    out = tmp_path / "out.jsonl"
    messages: list[str] = []
    summary = run(out, items=items, log=messages.append)
    assert summary.duplicates == 2 and any("W501" in m for m in messages)
    arts = [Article.model_validate_json(x) for x in out.read_text("utf-8").splitlines()]
    assert [a.id for a in arts] == ["a", "a~2", "a~3"]
    assert [a.text for a in arts] == ["一", "二", "三"]
    assert [w.code for w in arts[1].warnings] == ["W501"]


def test_ids_without_input_id_are_stable_text_hashes(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"text": "白河县普法。", "url": "u1"}, {"id": 7, "text": "青山市普法。"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    items = list(iter_batch_inputs([str(src)]))
    assert [d.id for d, _ in items] == [None, "7"]
    assert [m for _, m in items] == [{"url": "u1"}, None]
    out = tmp_path / "out.parquet"
    run(out, items=items)
    assert article_ids(out) == [text_id("白河县普法。"), "7"]
    assert text_id("白河县普法。") == text_id("白河县普法。") != text_id("青山市普法。")


def test_a_folder_without_manifest_is_never_cleared(tmp_path):
    out = tmp_path / "mine.parquet"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        run(out)
    assert exc.value.code == "E506"
    assert (out / "notes.txt").exists()


def test_unknown_output_format_is_a_coded_error(tmp_path):
    with pytest.raises(ConfigError) as exc:
        open_sink(tmp_path / "out.xyz")
    assert exc.value.code == "E505"
    assert open_sink(tmp_path / "out.xyz", "csv").format == "csv"


@pytest.mark.parametrize("name", ["out.parquet", "out.csv", "out.sqlite"])
def test_export_of_a_jsonl_run_gives_the_same_tables(tmp_path, name):
    run(tmp_path / "out.jsonl")
    run(tmp_path / f"direct{name[3:]}")
    summary = export_jsonl(tmp_path / "out.jsonl", open_sink(tmp_path / name), log=lambda m: None)
    assert summary.parsed == 22 and summary.failed["E101"] == 1
    a, b = read_tables(tmp_path / name), read_tables(tmp_path / f"direct{name[3:]}")
    for table in a:
        pd.testing.assert_frame_equal(a[table], b[table])


def test_sinks_hold_the_same_tables(tmp_path):
    for name in SINKS:
        run(tmp_path / name)
    frames = [read_tables(tmp_path / name) for name in SINKS]
    for other in frames[1:3]:  # jsonl, parquet, csv
        for table in frames[0]:
            a, b = frames[0][table], other[table]
            assert list(a.columns) == list(b.columns)
            assert a["article_id"].tolist() == b["article_id"].tolist()
    for table in frames[0]:  # SQLite reads back exactly
        pd.testing.assert_frame_equal(frames[0][table], frames[3][table])


def test_duckdb_reads_the_parquet_output(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    run(tmp_path / "out.parquet")
    q = f"SELECT count(*), count(error_code) FROM '{tmp_path}/out.parquet/articles/*.parquet'"
    assert duckdb.sql(q).fetchall() == [(23, 1)]
