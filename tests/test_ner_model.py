"""The HanLP side of the NER stage: the CRF fix, a tiny model trained and saved in the
test, loaded through the ``fazhi_hanlp_ner`` spaCy factory. Seconds, not minutes."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_ie.components.base import EntitySpan

hanlp = pytest.importorskip("hanlp")
torch = pytest.importorskip("torch")

from fazhi_ie.ner import loader  # noqa: E402
from fazhi_ie.ner.model import fix_crf  # noqa: E402

PERS = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆"]
LOCS = ["北京", "上海", "兰州", "酒泉", "广州", "成都"]
ORGS = ["市司法局", "人民法院", "检察院", "公安局"]
TEMPLATES = [
    "{per}在{loc}工作。",
    "{org}的{per}来到{loc}。",
    "{loc}{org}举办活动。",
    "记者{per}报道。",
]


def _prefix(j: int, n: int) -> str:
    if n == 1:
        return "S"
    return "B" if j == 0 else "E" if j == n - 1 else "I"


def _sentences() -> list[list[tuple[str, str]]]:
    out = []
    combos = itertools.product(range(len(TEMPLATES)), PERS, LOCS, ORGS)
    for i, (t, per, loc, org) in enumerate(combos):
        if i % 7:  # a few dozen sentences
            continue
        sent: list[tuple[str, str]] = []
        template = TEMPLATES[t]
        pos = 0
        while pos < len(template):
            if template.startswith("{", pos):
                key = template[pos + 1 : template.index("}", pos)]
                word, label = {"per": (per, "PER"), "loc": (loc, "LOC"), "org": (org, "ORG")}[key]
                sent += [(ch, f"{_prefix(j, len(word))}-{label}") for j, ch in enumerate(word)]
                pos = template.index("}", pos) + 1
            else:
                sent.append((template[pos], "O"))
                pos += 1
        out.append(sent)
    return out


def _write(path: Path, sents) -> Path:
    path.write_text(
        "".join("".join(f"{c}\t{t}\n" for c, t in s) + "\n" for s in sents), encoding="utf-8"
    )
    return path


def _train_tiny(d: Path, **extra) -> Path:
    from fazhi_ie.training.ner import train_ner

    sents = _sentences()
    assert 40 <= len(sents) <= 120
    trn = _write(d / "train.tsv", sents)
    out = d / "model"
    train_ner(
        out,
        train_file=trn,
        dev_file=trn,
        epochs=25,
        embed=16,
        rnn_hidden=16,
        batch_size=8,
        lr=0.02,
        drop=0.1,
        patience=25,
        seed=3,
        evaluate=False,
        verbose=False,
        **extra,
    )
    loader.clear_cache()
    return out


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """The plain HanLP BiLSTM-CRF (``RNNTaggingModel``), which has the CRF bug."""
    return _train_tiny(tmp_path_factory.mktemp("tiny_ner"))


@pytest.fixture(scope="module")
def tiny_bigram_model(tmp_path_factory) -> Path:
    """Our character + bigram model, the architecture of the shipped model."""
    return _train_tiny(tmp_path_factory.mktemp("tiny_ner_bg"), bigram_embed=8, bigram_min_freq=1)


def _crf_is_per_sentence(crf) -> bool:
    """A correct CRF scores a batch as the sum of its sentences scored alone."""
    torch.manual_seed(0)
    emissions = torch.randn(3, 5, crf.num_tags)
    tags = torch.randint(0, crf.num_tags, (3, 5))
    mask = torch.ones(3, 5, dtype=torch.bool)
    with torch.no_grad():
        joint = crf(emissions, tags, mask, reduction="sum")
        alone = sum(crf(emissions[i : i + 1], tags[i : i + 1], mask[i : i + 1]) for i in range(3))
    return torch.allclose(joint, alone, atol=1e-4)


def test_hanlp_rnn_tagging_model_crf_is_broken_and_fix_crf_repairs_it():
    from hanlp.components.taggers.rnn.rnntaggingmodel import RNNTaggingModel

    model = RNNTaggingModel(8, None, 4, 5, crf=True)
    if isinstance(model.crf.batch_first, bool):  # pragma: no cover - fixed upstream
        pytest.skip("this HanLP builds its CRF correctly")
    # the bug: CRF(n_out, crf_constraints) puts None into batch_first
    assert model.crf.batch_first is None
    assert not _crf_is_per_sentence(model.crf)
    assert fix_crf(model) == 1
    assert model.crf.batch_first is True
    assert _crf_is_per_sentence(model.crf)
    assert fix_crf(model) == 0  # idempotent, leaves correct CRFs alone


def test_tiny_model_learns_and_loads_with_the_fix(tiny_model, monkeypatch):
    import json

    from fazhi_ie.ner.model import FazhiRNNNER
    from fazhi_ie.pretrained import NER_MODEL_CLASSPATH
    from fazhi_ie.training.ner_eval import evaluate_ner
    from fazhi_ie.training.ner_model import FazhiRNNNERTrainer

    # trained by the training subclass, saved under the inference class path
    config = json.loads((tiny_model / "config.json").read_text(encoding="utf-8"))
    assert config["classpath"] == NER_MODEL_CLASSPATH
    assert NER_MODEL_CLASSPATH == f"{FazhiRNNNER.__module__}.{FazhiRNNNER.__qualname__}"
    monkeypatch.setenv(loader.ENGINE_ENV, "torch")
    tagger = loader.load_model(tiny_model)
    assert type(tagger) is FazhiRNNNER and not isinstance(tagger, FazhiRNNNERTrainer)
    assert tagger.model.crf.batch_first is True
    assert loader.load_model(str(tiny_model)) is tagger  # loaded once per process
    scores = evaluate_ner(tiny_model, test_file=tiny_model.parent / "train.tsv")
    assert set(scores) == {"PER", "LOC", "ORG", "overall"}
    assert scores["overall"]["f1"] > 0.6, scores
    # training wrote its model.onnx too: the ONNX engine scores the same
    assert (tiny_model / "model.onnx").is_file()
    monkeypatch.setenv(loader.ENGINE_ENV, "onnx")
    assert evaluate_ner(tiny_model, test_file=tiny_model.parent / "train.tsv") == scores


def test_tiny_model_learns_nothing_without_the_fix(tiny_model, monkeypatch, tmp_path):
    """The same training with fix_crf disabled scores far lower: the fix is what works."""
    from fazhi_ie.ner import model as model_mod
    from fazhi_ie.training.ner import train_ner
    from fazhi_ie.training.ner_eval import evaluate_ner

    monkeypatch.setattr(model_mod, "fix_crf", lambda m: 0)
    trn = tiny_model.parent / "train.tsv"
    out = tmp_path / "broken"
    train_ner(out, train_file=trn, dev_file=trn, epochs=25, embed=16, rnn_hidden=16,
              batch_size=8, lr=0.02, drop=0.1, patience=25, seed=3, evaluate=False,
              verbose=False)  # fmt: skip
    broken = model_mod.FazhiRNNNER()
    broken.load(str(out), devices=-1, verbose=False)
    assert broken.model.crf.batch_first is None
    broken.model.crf.batch_first = True  # decode correctly: what did training learn?
    monkeypatch.undo()
    loader.clear_cache()
    fixed = evaluate_ner(tiny_model, test_file=trn)["overall"]["f1"]
    from fazhi_ie.ner.spans import strict_scores
    from fazhi_ie.training import msra
    from fazhi_ie.training.ner_eval import predict_spans

    sents = msra.read_tsv(trn)
    pred = predict_spans(broken, [c for c, _ in sents])
    unfixed = strict_scores(msra.gold_spans(sents), pred)["overall"]["f1"]
    assert unfixed < fixed - 0.2, (unfixed, fixed)


@pytest.mark.parametrize("which", ["tiny_model", "tiny_bigram_model"])
def test_fast_prediction_path_matches_hanlps(which, request, monkeypatch):
    from hanlp.components.taggers.tagger import Tagger

    path = request.getfixturevalue(which)
    monkeypatch.setenv(loader.ENGINE_ENV, "torch")
    tagger = loader.load_model(path)
    assert tagger.model.crf.batch_first is True
    sents = [list("张伟在北京工作。"), list("记者王芳报道"), list("酒泉市司法局"), ["x"]]
    with torch.inference_mode():
        ref = Tagger.predict_data(tagger, sents, 2)
    assert tagger.predict_tags(sents, 2) == ref


@pytest.mark.parametrize("which", ["tiny_model", "tiny_bigram_model"])
def test_component_on_blank_zh(which, request):
    import spacy

    model = request.getfixturevalue(which)
    nlp = spacy.blank("zh")
    nlp.add_pipe("fazhi_hanlp_ner", config={"model": str(model), "batch_size": 4})
    text = "张伟在北京工作。酒泉市司法局的李娜来到兰州。" * 3 + "记者王芳报道。"
    doc = nlp(text)
    found = doc.user_data["fazhi_ie"]["ner"]
    assert found, "the tiny model should find something"
    for item in found:
        assert isinstance(item, EntitySpan)
        assert text[item.start : item.end] == item.text
        assert item.label in {"PER", "LOC", "ORG"}
    assert EntitySpan(0, 2, "PER", "张伟") in found
    assert all(e.label_ in {"PER", "LOC", "ORG"} for e in doc.ents)
    assert [e.text for e in doc.ents if e.start_char == 0] == ["张伟"]
    # pipe gives the same as __call__, and empty / whitespace docs are fine
    docs = list(nlp.pipe([text, "", "  \n", text]))
    assert docs[0].user_data["fazhi_ie"]["ner"] == found
    assert docs[3].user_data["fazhi_ie"]["ner"] == found
    assert not docs[1].ents and not docs[2].ents


def test_component_long_text_offsets(tiny_model):
    """Overlong sentences are hard-split; offsets still point into doc.text."""
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("fazhi_hanlp_ner", config={"model": str(tiny_model), "max_sentence_chars": 9})
    text = "，".join(["张伟在北京工作"] * 30) + "。"
    doc = nlp(text)
    for item in doc.user_data["fazhi_ie"]["ner"]:
        assert text[item.start : item.end] == item.text


def test_model_config_errors(tmp_path, monkeypatch):
    from fazhi_ie.errors import ModelError

    with pytest.raises(ModelError) as err:
        loader.resolve_model(tmp_path)  # exists but holds no model
    assert err.value.code == "E205"
    monkeypatch.setenv(loader.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(ModelError) as err:
        loader.resolve_model(None)
    assert err.value.code == "E205"


def test_env_var_selects_model(tiny_model, monkeypatch):
    monkeypatch.setenv(loader.ENV_VAR, str(tiny_model))
    assert loader.resolve_model(None) == str(tiny_model.resolve())


def test_unreachable_pretrained_identifier_is_a_coded_error(monkeypatch):
    from fazhi_ie.errors import ModelError

    def fail(identifier, *a, **k):
        raise OSError("network unreachable")

    monkeypatch.setattr(hanlp, "load", fail)
    with pytest.raises(ModelError) as err:
        loader.load_model("SOME_HANLP_PRETRAINED_ID")
    assert err.value.code == "E207"
    assert "SOME_HANLP_PRETRAINED_ID" in str(err.value)


def test_importing_the_package_does_not_import_hanlp():
    code = "import sys, fazhi_ie.ner; print('hanlp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_spacy_finds_the_factories_without_an_import_of_fazhi_ie():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    if "fazhi_orgs" not in names:
        pytest.skip("fazhi_ie is not installed (no entry points): pip install -e .")
    assert {"fazhi_hanlp_ner", "fazhi_orgs", "fazhi_persons", "fazhi_events"} <= names
    code = (
        "import spacy; nlp = spacy.blank('zh'); nlp.add_pipe('fazhi_orgs'); "
        "doc = nlp('青岚县司法局今天送法进村。'); print(doc.spans['orgs'][0].text)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("司法局")  # (character tokens: the grammar wants pkuseg's)


@pytest.mark.model
def test_shipped_model_tags_a_sentence():
    if not loader.is_model_dir(loader.default_model_dir()):
        pytest.skip("the shipped NER model is not in models/")
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("fazhi_hanlp_ner")
    doc = nlp("昨天，张建国在兰州市参加了甘肃省司法厅组织的普法宣传活动。")
    got = {(i.text, i.label) for i in doc.user_data["fazhi_ie"]["ner"]}
    assert ("张建国", "PER") in got
    assert any(label == "LOC" and "兰州" in t for t, label in got)
    assert any(label == "ORG" and "司法厅" in t for t, label in got)


def test_shipped_model_config_matches_pretrained_constants():
    """The shipped model names the inference class and the HanLP release that
    fazhi_ie.pretrained records; the loader finds it under the recorded name."""
    import json

    from fazhi_ie import pretrained

    path = loader.default_model_dir()
    if not loader.is_model_dir(path):
        pytest.skip("the shipped NER model is not in models/")
    assert path.name == pretrained.NER_MODEL_NAME
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    assert config["classpath"] == pretrained.NER_MODEL_CLASSPATH
    assert config["hanlp_version"] == pretrained.NER_HANLP_VERSION


@pytest.mark.parametrize("engine", ["torch", "onnx"])
def test_ill_formed_predictions_are_decoded_leniently(tiny_model, monkeypatch, engine):
    """HanLP's own decoding raises InvalidTagSequence on these; ours does not."""
    from hanlp.utils.span_util import InvalidTagSequence, iobes_tags_to_spans

    from fazhi_ie.ner.model import FazhiRNNNER
    from fazhi_ie.ner.onnx_engine import OnnxNER

    bad = ["O", "E-ORG", "I-PER", "E-PER", "B-LOC"]
    with pytest.raises(InvalidTagSequence):
        iobes_tags_to_spans(bad)
    cls = FazhiRNNNER if engine == "torch" else OnnxNER
    monkeypatch.setattr(cls, "predict_tags", lambda self, data, bs, segs=None: [list(bad)])
    monkeypatch.setenv(loader.ENGINE_ENV, engine)
    tagger = loader.load_model(tiny_model)
    assert tagger.predict([list("甲乙丙丁戊")]) == [
        [("乙", "ORG", 1, 2), ("丙丁", "PER", 2, 4), ("戊", "LOC", 4, 5)]
    ]


def test_wheel_build_ships_the_models_inside_the_package(tmp_path):
    """``pip install .`` (not editable) must get the NER model: setup.py's build_py
    copies ``models/`` into ``fazhi_ie/_models``, where the loader looks first."""
    import importlib.util

    pytest.importorskip("setuptools")
    from setuptools.dist import Distribution

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("fazhi_setup", root / "setup.py")
    assert spec is not None and spec.loader is not None
    setup_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup_mod)
    cmd = setup_mod.BuildPyWithModels(Distribution({"name": "fazhi-ie", "packages": []}))
    cmd.initialize_options()
    cmd.finalize_options()
    cmd.build_lib = str(tmp_path)
    cmd.editable_mode = False
    cmd.run()
    shipped = tmp_path / "fazhi_ie" / "_models" / "ner-msra-bilstm-crf"
    names = ("config.json", "vocabs.json", "model.pt", "model.onnx", "lexicon.tsv", "MODEL_CARD.md")
    for name in names:
        assert (shipped / name).is_file(), name
    for name in ("model.pt", "model.onnx"):
        want = (root / "models" / "ner-msra-bilstm-crf" / name).stat().st_size
        assert (shipped / name).stat().st_size == want
