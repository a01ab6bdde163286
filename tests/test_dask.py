"""fazhi_ie.dask on a LocalCluster: 2 worker processes x 1 thread, loopback only.

Same records as the serial run, the pipeline loaded once per worker, a worker
killed mid-run loses and duplicates nothing, and ``fazhi-ie parse --dask``
writes the same sinks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT

from fazhi_ie.inputs import InputDoc

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

pytestmark = [pytest.mark.pipeline, pytest.mark.dask]

PLACES = ["白河县", "青山市", "东湖区", "西岭镇"]


def docs(n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        text = f"{place}司法局在广场开展宪法宣传活动，发放《民法典》宣传册{i + 20}份。"
        out.append({"id": f"k{i:03d}", "text": text})
    out[3]["text"] = "   "  # an error record travels like any other
    return out


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    os.environ["FAZHI_IE_NER"] = "0"
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        env={"OMP_NUM_THREADS": "1", "FAZHI_IE_NER": "0"},
    )
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _serial(items):
    from fazhi_ie import parse_many

    return [a.model_dump() for a in parse_many(items, batch_size=4)]


def test_stream_gives_the_serial_records_and_loads_once_per_worker(client, nlp):
    from fazhi_ie.dask import loads, parse_stream

    items = docs(40)
    inputs = [InputDoc(id=d["id"], text=d["text"]) for d in items]
    got = [a.model_dump() for a in parse_stream(inputs, client, batch_size=4)]
    assert got == _serial(items)
    again = list(parse_stream([InputDoc(id=d["id"], text=d["text"]) for d in items], client))
    assert [a.id for a in again] == [d["id"] for d in items]
    per_worker = client.run(loads)
    assert len(per_worker) == 2 and set(per_worker.values()) == {1}


def test_bag_and_dataframe_give_the_serial_tables(client, nlp):
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    from fazhi_ie import to_frames
    from fazhi_ie.dask import parse_bag, parse_dataframe, to_dataframes

    items = docs(24)
    expected = to_frames(_serial_articles(items))
    frames = to_dataframes(parse_bag(db.from_sequence(items, npartitions=3)))
    computed = dict(zip(frames, dask.compute(*frames.values()), strict=True))
    for table, df in expected.items():
        pd.testing.assert_frame_equal(computed[table].reset_index(drop=True), df)
    ddf = dd.from_pandas(pd.DataFrame(items), npartitions=2)
    arts = parse_dataframe(ddf).compute()
    assert [a.model_dump() for a in arts] == _serial(items)


def _serial_articles(items):
    from fazhi_ie import parse_many

    return list(parse_many(items))


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, nlp):
    from fazhi_ie.dask import parse_stream

    items = docs(60)
    stream = parse_stream(
        (InputDoc(id=d["id"], text=d["text"]) for d in items), client, batch_size=3, window=8
    )
    got = [next(stream)]
    pids = client.run(os.getpid)
    victim = sorted(pids)[0]
    os.kill(pids[victim], signal.SIGKILL)  # the nanny starts a new worker
    got += list(stream)
    ids = [a.id for a in got]
    assert ids == [d["id"] for d in items]  # every id once, in order
    assert [a.model_dump() for a in got] == _serial(items)
    assert pids[victim] not in client.run(os.getpid).values()  # it really died


def test_cli_parse_dask_writes_the_same_sink_and_resumes(client, nlp, tmp_path):
    from fazhi_ie.batch import read_tables

    src = tmp_path / "in.jsonl"
    items = docs(30)
    src.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in items) + "\n", "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), FAZHI_IE_NER="0")
    address = client.scheduler.address
    base = [sys.executable, "-m", "fazhi_ie", "parse", str(src), "--commit-every", "7"]
    for name, extra in (("dask.parquet", ["--dask", address]), ("serial.parquet", [])):
        run = subprocess.run(
            [*base, "-o", str(tmp_path / name), *extra], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
    a, b = read_tables(tmp_path / "dask.parquet"), read_tables(tmp_path / "serial.parquet")
    for table in a:
        pd.testing.assert_frame_equal(a[table], b[table])
    run = subprocess.run(
        [*base, "-o", str(tmp_path / "dask.parquet"), "--dask", address, "--resume"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and "30 already done" in run.stderr, run.stderr


def test_the_cluster_keeps_the_size_limit(client, nlp):
    from fazhi_ie.dask import parse_stream

    items = docs(6)
    for d in items[::2]:
        d["text"] += "活动现场还设立了法律咨询台。"  # longer than the limit below
    limit = len(items[1]["text"])
    long_ids = {d["id"] for d in items[::2]}
    got = list(parse_stream(items, client, batch_size=4, max_chars=limit))
    assert [a.id for a in got] == [d["id"] for d in items]
    assert {a.id for a in got if a.error is not None and a.error.code == "E108"} == long_ids
