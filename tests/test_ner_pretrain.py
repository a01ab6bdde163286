"""Pretrained character/bigram vectors for the NER model: the text they are trained on is
kept apart from held-out sentences, and they really start the embedding rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi_ie.training.pretrain import bigrams, decontaminate, strip_tags


def test_pos_tags_are_stripped_from_tagged_lines():
    assert strip_tags("今天/t  我们/r  学习/v  宪法/n  。/w") == "今天我们学习宪法。"
    assert strip_tags("  ") == ""
    # a slash inside the word stays: only the last one separates the tag
    assert strip_tags("１/2/m  份/q") == "１/2份"


def test_lines_sharing_a_long_string_with_held_out_sentences_are_dropped():
    lines = [
        "县司法局今天在广场举办了宪法宣传活动。",  # shares 10 chars with the held-out one
        "市图书馆开展读书月活动，吸引了许多读者。",
        "这句话只和短句重合：法律援助中心",  # contains a short held-out sentence whole
    ]
    held_out = ["昨天县司法局今天在广场举办了宪法宣传", "法律援助中心"]
    assert decontaminate(lines, held_out, n=10) == [lines[1]]
    # with a longer window nothing of the first line is long enough to match
    assert decontaminate(lines, held_out, n=20) == [lines[0], lines[1]]


def test_bigrams_end_with_the_model_end_marker():
    from fazhi_ie.training.pretrain import BIGRAM_END

    assert bigrams(list("宪法日")) == ["宪法", "法日", "日" + BIGRAM_END]


torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")
pytest.importorskip("hanlp")


def test_fill_embedding_copies_known_rows_on_the_layers_scale():
    from fazhi_ie.training.ner_model import fill_embedding

    torch.manual_seed(0)
    layer = torch.nn.Embedding(4, 3)
    before = layer.weight.detach().clone()
    vecs = {"甲": np.array([1.0, 2.0, 3.0], "float32"), "乙": np.array([-3.0, 0.0, 1.0], "float32")}
    filled = fill_embedding(layer, ["<pad>", "甲", "丙", "乙"], vecs)
    assert filled == 2
    w = layer.weight.detach()
    assert torch.equal(w[0], before[0]) and torch.equal(w[2], before[2])  # unknown: as built
    for row, tok in ((1, "甲"), (3, "乙")):
        cos = torch.nn.functional.cosine_similarity(w[row], torch.tensor(vecs[tok]), dim=0)
        assert cos.item() == pytest.approx(1.0, abs=1e-6)
    # one common factor: the ratio between the two pretrained rows is kept
    assert (w[1].norm() / w[3].norm()).item() == pytest.approx(
        float(np.linalg.norm(vecs["甲"]) / np.linalg.norm(vecs["乙"])), rel=1e-5
    )
    with pytest.raises(ValueError, match="dimensions"):
        fill_embedding(torch.nn.Embedding(2, 5), ["<pad>", "甲"], vecs)


def _write_vectors(d: Path, name: str, vecs: dict[str, list[float]]) -> None:
    d.mkdir(parents=True, exist_ok=True)
    np.save(d / f"{name}.npy", np.array(list(vecs.values()), "float32"))
    (d / f"{name}.json").write_text(json.dumps(list(vecs), ensure_ascii=False), "utf-8")


def test_training_starts_from_the_pretrained_vectors(tmp_path, monkeypatch):
    from fazhi_ie.ner import loader
    from fazhi_ie.training.ner import train_ner

    sents = ["张伟在北京工作。", "李娜在上海工作。", "记者张伟报道。"] * 4
    tags = {"张伟": "PER", "李娜": "PER", "北京": "LOC", "上海": "LOC"}
    rows = []
    for s in sents:
        lab = ["O"] * len(s)
        for w, t in tags.items():
            i = s.find(w)
            if i >= 0:
                lab[i], lab[i + 1] = f"B-{t}", f"E-{t}"
        rows.append("".join(f"{c}\t{t}\n" for c, t in zip(s, lab, strict=True)) + "\n")
    trn = tmp_path / "train.tsv"
    trn.write_text("".join(rows), encoding="utf-8")
    vec_dir = tmp_path / "vectors"
    rng = np.random.default_rng(0)
    chars = {c: rng.normal(size=6).tolist() for c in "张伟北京"}
    _write_vectors(vec_dir, "char", chars)
    _write_vectors(vec_dir, "bigram", {"张伟": rng.normal(size=4).tolist()})
    out = tmp_path / "model"
    train_ner(out, train_file=trn, dev_file=trn, epochs=1, embed=6, rnn_hidden=4,
              batch_size=4, lr=1e-9, drop=0.0, patience=5, seed=3, bigram_embed=4,
              bigram_min_freq=1, pretrained=vec_dir, evaluate=False, verbose=False)  # fmt: skip
    loader.clear_cache()
    monkeypatch.setenv(loader.ENGINE_ENV, "torch")  # the torch model's weights are read
    tagger = loader.load_model(out)
    emb = tagger.model.embed.weight.detach()
    vocab = tagger.vocabs["token"].token_to_idx
    for c, v in chars.items():  # lr ~ 0: still the pretrained direction after one epoch
        cos = torch.nn.functional.cosine_similarity(emb[vocab[c]], torch.tensor(v), dim=0)
        assert cos.item() > 0.999
    bg = tagger.model.bigram_embed.weight.detach()[tagger.vocabs["bigram"].token_to_idx["张伟"]]
    want = torch.tensor(np.load(vec_dir / "bigram.npy")[0])
    assert torch.nn.functional.cosine_similarity(bg, want, dim=0).item() > 0.999
    assert json.loads((out / "config.json").read_text())["pretrained"] == str(vec_dir.resolve())


def test_pretrained_vectors_need_the_feature_model(tmp_path):
    from fazhi_ie.training.ner import train_ner

    with pytest.raises(ValueError, match="bigram"):
        train_ner(tmp_path / "m", train_file=tmp_path / "x", dev_file=tmp_path / "x",
                  pretrained=tmp_path, evaluate=False, verbose=False)  # fmt: skip


def test_word2vec_writes_vectors_that_load(tmp_path):
    pytest.importorskip("gensim")
    from fazhi_ie.training.pretrain import load_vectors, train_vectors

    corpus = [list("县司法局举办宪法宣传活动。"), list("市司法局开展法律援助。")] * 20
    out = train_vectors(corpus, tmp_path / "v", char_dim=8, bigram_dim=4, min_count=2, epochs=2)
    chars = load_vectors(out, "char")
    bgs = load_vectors(out, "bigram")
    assert {"司", "法", "局"} <= set(chars) and len(chars["法"]) == 8
    assert "司法" in bgs and len(bgs["司法"]) == 4
    meta = json.loads((out / "pretrain.json").read_text())
    assert meta["char_dim"] == 8 and meta["sg"] == 1


def test_word2vec_vectors_are_the_same_in_another_process(tmp_path):
    """Reproducible: same corpus and seed give the same vectors in another process,
    even under another string-hash seed (one worker; no order jitter)."""
    pytest.importorskip("gensim")
    import os
    import subprocess
    import sys

    code = (
        "import sys; from fazhi_ie.training.pretrain import train_vectors; "
        "c=[list('县司法局举办宪法宣传活动。'), list('市司法局开展法律援助。')]*20; "
        "train_vectors(c, sys.argv[1], char_dim=8, bigram_dim=4, min_count=2, epochs=2)"
    )
    for k, seed in enumerate(("1", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / str(k))], check=True, env=env)
    for name in ("char", "bigram"):
        a, b = (np.load(tmp_path / k / f"{name}.npy") for k in ("0", "1"))
        assert np.array_equal(a, b)
