"""The cached pipeline used from several threads (a Jupyter kernel, a web app) gives the
same records as serial use (docs/reliability.md)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
THREAD_TEXTS = [
    (EXAMPLES / "01_open_day.txt").read_text(encoding="utf-8"),
    (EXAMPLES / "02_traditional_noisy.txt").read_text(encoding="utf-8"),
    "白河县人民法院院长王立新于2022年3月15日带队走进青山中学，开展“法治进校园”宣讲活动，"
    "向300余名师生讲解《中华人民共和国未成年人保护法》。",
    "青山市公安局联合市市场监督管理局开展打击电信网络诈骗专项行动，共破获案件12起，"
    "挽回群众损失86.5万元。",
    "",  # an error record too
]


def _one(parse, i: int, text: str) -> str:
    try:
        return parse(text, id=str(i)).model_dump_json()
    except Exception as exc:  # the same error either way
        return f"{type(exc).__name__}: {exc}"


def _records(parse, texts: list[str]) -> list[str]:
    return [_one(parse, i, t) for i, t in enumerate(texts)]


def _parallel(parse, texts: list[str], workers: int) -> list[str]:
    with ThreadPoolExecutor(workers) as ex:
        return list(ex.map(lambda it: _one(parse, *it), enumerate(texts)))


@pytest.mark.pipeline
def test_parse_from_a_thread_pool_matches_serial(nlp):
    from fazhi_ie import parse

    def run(text: str, id: str):
        return parse(text, id=id, nlp=nlp)

    texts = THREAD_TEXTS * 4
    serial = _records(run, texts)
    assert _parallel(run, texts, 6) == serial


@pytest.mark.pipeline
def test_parse_with_ner_from_a_thread_pool_matches_serial(nlp_ner):
    from fazhi_ie import parse

    def run(text: str, id: str):
        return parse(text, id=id, nlp=nlp_ner)

    texts = THREAD_TEXTS * 2
    serial = _records(run, texts)
    assert _parallel(run, texts, 6) == serial
    assert any('"persons":[{' in r for r in serial)


@pytest.mark.pipeline
def test_the_first_load_from_many_threads_builds_one_pipeline(monkeypatch):
    from fazhi_ie import pipeline

    built = []
    real = pipeline.build

    def counting_build(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", counting_build)
    pipeline._cached.cache_clear()
    try:
        with ThreadPoolExecutor(4) as ex:
            nlps = list(ex.map(lambda _: pipeline.load(ner=False), range(8)))
    finally:
        pipeline._cached.cache_clear()
    assert len(built) == 1
    assert all(n is nlps[0] for n in nlps)
