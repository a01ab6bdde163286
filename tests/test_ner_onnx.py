"""The NER model on ONNX Runtime: the same tags as the torch model, parsing with no torch
or hanlp importable, the shipped model.onnx written from model.pt, and clear errors when
the engine asked for cannot run the model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_ie.errors import ConfigError, ModelError
from fazhi_ie.ner import loader
from fazhi_ie.pretrained import NER_ONNX_FILE

ROOT = Path(__file__).resolve().parents[1]

# invented sentences: names, places, bodies, Traditional script, digits, a long run
SENTENCES = [
    "青山市司法局局长李明远在白河县人民广场主持宪法宣传活动。",
    "法務部與臺北地方檢察署於12月4日舉辦反毒宣導，王小美律師到場講解。",
    "市公安局反诈中心民警张伟为新华社区居民讲解防范电信网络诈骗知识。",
    "某某律师事务所",
    "A",
    "2024年，东方红小学邀请县人民法院法官赵一鸣担任法治副校长，"
    "并组织全校师生观看庭审直播，共发放宣传资料1200余份。",
]


def _chars() -> list[list[str]]:
    return [list(s) for s in SENTENCES]


def test_onnx_engine_tags_equal_the_float32_torch_models(monkeypatch) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("hanlp")
    from fazhi_ie.ner import softword
    from fazhi_ie.ner.onnx_engine import OnnxNER

    monkeypatch.setenv(loader.INT8_ENV, "0")
    resolved = loader.resolve_model(None)
    torch_tagger = loader._load_torch(resolved, loader._read_config(resolved))
    onnx_tagger = OnnxNER(resolved)
    data = _chars()
    segs = softword.segment(data)
    for batch_size in (1, 4, 32):  # batches of different widths give the same tags
        want = torch_tagger.predict_tags(data, batch_size, segs)
        assert onnx_tagger.predict_tags(data, batch_size, segs) == want
    assert onnx_tagger.predict(data, 32, segs=segs) == torch_tagger.predict(data, 32, segs=segs)
    found = {
        (text, label)
        for sent in onnx_tagger.predict(data, 32, segs=segs)
        for text, label, *_ in sent
    }
    assert ("李明远", "PER") in found
    # one flat sentence gives that sentence's entities
    assert (
        onnx_tagger.predict(data[0], segs=segs[0])
        == onnx_tagger.predict([data[0]], segs=[segs[0]])[0]
    )


def test_the_shipped_model_onnx_is_the_export_of_model_pt(tmp_path) -> None:
    pytest.importorskip("torch")
    onnx = pytest.importorskip("onnx")
    from onnx import numpy_helper

    from fazhi_ie.training.onnx_export import export

    model_dir = loader.default_model_dir()
    fresh = onnx.load(export(model_dir, tmp_path / "fresh.onnx"))
    shipped = onnx.load(model_dir / NER_ONNX_FILE)

    def weights(model):
        return {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}

    a, b = weights(fresh), weights(shipped)
    assert a.keys() == b.keys()
    assert all((a[k] == b[k]).all() for k in a), "model.onnx is not model.pt's export: re-export it"
    assert [n.op_type for n in fresh.graph.node] == [n.op_type for n in shipped.graph.node]


BLOCKED_CODE = """
import sys
sys.modules["torch"] = None  # as if not installed: import fails, find_spec gives None
sys.modules["hanlp"] = None
import fazhi_ie
nlp = fazhi_ie.load()
doc = nlp("青山市司法局局长李明远在白河县人民广场主持宪法宣传活动。")
ner = doc.user_data["fazhi_ie"]["ner"]
print(nlp.meta["fazhi_ie"]["ner"], sorted(e.text for e in ner), sys.modules["torch"] is not None)
"""


@pytest.mark.pipeline
def test_parse_runs_the_ner_with_neither_torch_nor_hanlp_importable(nlp) -> None:
    """What a user of `pip install fazhi-ie` gets: the NER stage on ONNX Runtime."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FAZHI_IE_NER": "1"}
    env.pop(loader.ENGINE_ENV, None)
    run = subprocess.run(
        [sys.executable, "-c", BLOCKED_CODE], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr
    model, *names, torch_imported = run.stdout.split()
    assert model == loader.default_model_dir().name
    assert "李明远" in " ".join(names)
    assert torch_imported == "False"


def _copy_model(tmp_path: Path, *, onnx: bool) -> Path:
    src = loader.default_model_dir()
    dst = tmp_path / "model"
    dst.mkdir()
    for name in ("config.json", "vocabs.json", "lexicon.tsv", "model.pt"):
        shutil.copyfile(src / name, dst / name)
    if onnx:
        shutil.copyfile(src / NER_ONNX_FILE, dst / NER_ONNX_FILE)
    return dst


def test_an_unknown_engine_name_is_a_coded_error(monkeypatch) -> None:
    monkeypatch.setenv(loader.ENGINE_ENV, "tensorflow")
    with pytest.raises(ConfigError) as err:
        loader.load_model(None)
    assert err.value.code == "E401" and loader.ENGINE_ENV in str(err.value)


def test_the_onnx_engine_asked_for_a_model_without_model_onnx_is_e208(tmp_path, monkeypatch):
    model = _copy_model(tmp_path, onnx=False)
    monkeypatch.setenv(loader.ENGINE_ENV, "onnx")
    with pytest.raises(ModelError) as err:
        loader.load_model(model)
    assert err.value.code == "E208" and NER_ONNX_FILE in str(err.value)


def test_a_model_without_model_onnx_runs_on_torch_by_default(tmp_path, monkeypatch):
    pytest.importorskip("torch")
    pytest.importorskip("hanlp")
    model = _copy_model(tmp_path, onnx=False)
    monkeypatch.delenv(loader.ENGINE_ENV, raising=False)
    tagger = loader.load_model(model)
    assert type(tagger).__name__ == "FazhiRNNNER"
    loader.clear_cache()


def test_a_damaged_model_onnx_fails_to_load_with_e206(tmp_path, monkeypatch):
    model = _copy_model(tmp_path, onnx=False)
    (model / NER_ONNX_FILE).write_bytes(b"not a protobuf graph")
    monkeypatch.delenv(loader.ENGINE_ENV, raising=False)
    with pytest.raises(ModelError) as err:
        loader.load_model(model)
    assert err.value.code == "E206"


def test_a_model_onnx_that_disagrees_with_its_config_is_e206(tmp_path, monkeypatch):
    """A config whose features are not the graph's inputs (a stale export) fails at load
    with a hint to export again, not with wrong tags."""
    model = _copy_model(tmp_path, onnx=True)
    config = json.loads((model / "config.json").read_text("utf-8"))
    config["lex_embed"] = 0
    (model / "config.json").write_text(json.dumps(config), "utf-8")
    monkeypatch.delenv(loader.ENGINE_ENV, raising=False)
    with pytest.raises(ModelError) as err:
        loader.load_model(model)
    assert err.value.code == "E206" and "export the model again" in str(err.value)


def test_the_model_reads_the_cleanings_ascii_punctuation_as_the_wide_forms_it_knows():
    """The cleaning writes ``,`` and ``(``; MSRA, which the model learnt from, writes
    ``，`` and ``（``: the NER is given those (one character for one: offsets stay)."""
    from fazhi_ie.ner.features import wide_forms

    known = {"，": 1, "（": 2, "）": 3, "“": 4, "1": 5, "A": 6, "-": 7}
    table = wide_forms(known)
    assert 'a,(b)"1A-'.translate(table) == "a，（b）“1A-"
    assert ord("!") not in table  # neither form known: left alone


@pytest.mark.pipeline
def test_a_name_after_an_ascii_comma_is_found_without_the_comma(nlp_ner) -> None:
    from fazhi_ie.text import normalize

    text = normalize("12月4日，青石县住房公积金管理中心在城东广场开展宪法宣传活动。").text
    assert "," in text  # the cleaning's half-width comma
    doc = nlp_ner(text)
    orgs = [e.text for e in doc.user_data["fazhi_ie"]["ner"] if e.label == "ORG"]
    assert orgs == ["青石县住房公积金管理中心"]


def test_an_onnxruntime_that_does_not_import_is_e208(monkeypatch) -> None:
    """Installed but broken (a missing system library): a coded error, not a traceback."""
    monkeypatch.delenv(loader.ENGINE_ENV, raising=False)
    monkeypatch.setattr(loader, "_installed", lambda *modules: True)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    monkeypatch.delitem(sys.modules, "fazhi_ie.ner.onnx_engine", raising=False)
    loader.clear_cache()
    with pytest.raises(ModelError) as err:
        loader.load_model(None)
    assert err.value.code == "E208" and "onnxruntime" in str(err.value)
    loader.clear_cache()
