"""``fazhi-ie parse -o`` and ``fazhi-ie export`` with the real pipeline.

The kill test runs the command in a subprocess, kills it with SIGKILL as
soon as its first batch is committed, then runs it again with ``--resume``:
the output must hold every input id exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, shared_articles

from fazhi_ie.cli import main

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

pytestmark = pytest.mark.pipeline

PLACES = ["白河县", "青山市", "东湖区", "西岭镇", "南坪乡"]


def write_corpus(path: Path, n: int) -> list[str]:
    """n invented articles as JSONL; every fourth has no id (hashed from its text)."""
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            text = (
                f"{place}司法局第{i}次普法活动\n12月{i % 28 + 1}日，{place}司法局在文化广场举办"
                f"宪法宣传活动，发放《民法典》宣传资料{i + 100}份，接受群众咨询{i % 50 + 3}人次。"
            )
            rec = {"text": text, "source_url": f"http://example.invalid/{i}"}
            if i % 4:
                rec["id"] = f"n{i:04d}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            ids.append(rec.get("id", ""))
    return ids


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["FAZHI_IE_NER"] = "0"
    env["OMP_NUM_THREADS"] = "1"
    return env


def _committed(out: Path) -> int:
    if out.suffix == ".jsonl":
        return out.read_bytes().count(b"\n") if out.exists() else 0
    if out.suffix == ".parquet":
        folder = out / "articles"
        return len(list(folder.glob("part-*"))) if folder.is_dir() else 0
    if not out.exists():
        return 0
    try:
        with sqlite3.connect(out, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet", "out.sqlite"])
def test_kill_9_then_resume_gives_every_id_exactly_once(tmp_path, name):
    from fazhi_ie.batch import read_tables

    src = tmp_path / "in.jsonl"
    n = 160
    write_corpus(src, n)
    out = tmp_path / name
    cmd = [sys.executable, "-m", "fazhi_ie", "parse", str(src), "-o", str(out)]
    cmd += ["--commit-every", "10", "--batch-size", "5"]
    proc = subprocess.Popen(cmd, env=_env(), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _committed(out) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    partial = read_tables(out)["articles"]["article_id"].tolist()
    assert 0 < len(partial) < n
    again = subprocess.run(
        [*cmd, "--resume"], env=_env(), capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stderr
    assert "already done (skipped)" in again.stderr
    ids = read_tables(out)["articles"]["article_id"].tolist()
    assert len(ids) == n and len(set(ids)) == n
    assert set(partial) <= set(ids)
    assert sum(i.startswith("t-") for i in ids) == n // 4  # hashed ids, stable across runs


def _example_inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "txt"
    folder.mkdir()
    for p in EXAMPLES.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return [str(folder), str(EXAMPLES / "articles.jsonl")]


def test_four_sinks_hold_the_same_tables_as_to_frames(tmp_path, nlp, capsys):
    from fazhi_ie import parse_many, to_frames
    from fazhi_ie.batch import iter_batch_inputs, read_tables
    from fazhi_ie.batch.ids import IdAssigner

    inputs = _example_inputs(tmp_path)
    for name in ("out.jsonl", "out.parquet", "out.csv", "out.sqlite"):
        assert main(["parse", *inputs, "-o", str(tmp_path / name), "--commit-every", "2"]) == 0
    err = capsys.readouterr().err
    assert "parsed, 2 failed (E101: 2)" in err
    items = list(iter_batch_inputs(inputs))
    ids = IdAssigner()
    for doc, _ in items:
        ids.assign_doc(doc)
    expected = to_frames(parse_many(doc for doc, _ in items))
    for name in ("out.parquet", "out.sqlite", "out.jsonl"):
        got = read_tables(tmp_path / name)
        for table, df in expected.items():
            pd.testing.assert_frame_equal(got[table], df, obj=f"{name}:{table}")
    csv = read_tables(tmp_path / "out.csv")
    for table, df in expected.items():
        assert csv[table]["article_id"].tolist() == df["article_id"].tolist()
    arts = expected["articles"].set_index("article_id")
    assert arts.loc["empty", "error_code"] == "E101"


def test_export_gives_the_tables_of_a_direct_run(tmp_path, nlp):
    from fazhi_ie.batch import read_tables

    inputs = _example_inputs(tmp_path)
    assert main(["parse", *inputs, "-o", str(tmp_path / "run.jsonl")]) == 0
    assert main(["parse", *inputs, "-o", str(tmp_path / "direct.sqlite")]) == 0
    assert main(["export", str(tmp_path / "run.jsonl"), "-o", str(tmp_path / "x.sqlite")]) == 0
    a, b = read_tables(tmp_path / "x.sqlite"), read_tables(tmp_path / "direct.sqlite")
    for table in a:
        pd.testing.assert_frame_equal(a[table], b[table])


@pytest.mark.shared
def test_shared_articles_into_parquet_and_sqlite(tmp_path, nlp, shared_dir):
    from fazhi_ie import parse_many, to_frames
    from fazhi_ie.batch import read_tables

    folder = tmp_path / "shared"
    folder.mkdir()
    paths = shared_articles()[:30]
    for p in paths:
        (folder / p.name).write_bytes(p.read_bytes())
    expected = to_frames(parse_many({"id": p.stem, "text": p.read_text("utf-8")} for p in paths))
    for name in ("out.parquet", "out.sqlite"):
        assert main(["parse", str(folder), "-o", str(tmp_path / name)]) == 0
        got = read_tables(tmp_path / name)
        for table, df in expected.items():
            assert len(got[table]) == len(df), (name, table)
        assert sorted(got["articles"]["article_id"]) == sorted(p.stem for p in paths)
