"""Segmentation (softword) and lexicon features of the NER model, warm starts, and a
tiny model with every feature trained, saved, loaded and run in spaCy."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi_ie.components.base import EntitySpan
from fazhi_ie.ner.lexicon import NONE_TAG, Lexicon
from fazhi_ie.ner.softword import tags_from_bounds, tags_from_words
from fazhi_ie.training import msra
from fazhi_ie.training.lexicon import clean_persons, entries_from_dict, word_tag_counts

# -- segmentation tags -------------------------------------------------------------


def test_tags_from_bounds_marks_word_positions():
    assert tags_from_bounds(6, [(0, 2), (2, 3), (3, 6)]) == ["B", "E", "S", "B", "M", "E"]


def test_tags_from_bounds_clipped_words_keep_their_inner_tags():
    # a window over chars 1..4 of a text whose words are (0,3) and (3,6)
    local = [(-1, 2), (2, 5)]
    assert tags_from_bounds(3, local) == ["M", "E", "B"]


def test_uncovered_characters_are_single():
    assert tags_from_bounds(4, [(1, 3)]) == ["S", "B", "E", "S"]
    assert tags_from_bounds(0, []) == []


def _plain_tags(n_chars: int, bounds: list[tuple[int, int]]) -> list[str]:
    tags = ["S"] * n_chars
    for start, end in bounds:
        for i in range(max(start, 0), min(end, n_chars)):
            if end - start >= 2:
                tags[i] = "B" if i == start else "E" if i == end - 1 else "M"
    return tags


@given(
    st.lists(st.integers(1, 6), max_size=30),
    st.integers(0, 40),
    st.integers(0, 40),
    st.randoms(use_true_random=False),
)
def test_tags_from_bounds_match_a_plain_scan_of_any_window(lengths, off, n, rnd):
    """Words of a segmented text seen through a window (clipped at both edges), some
    words missing (whitespace), given as pairs or as an array: the tags of a plain scan."""
    import numpy as np

    edges = [0, *itertools.accumulate(lengths)]
    words = [(a - off, b - off) for a, b in itertools.pairwise(edges) if rnd.random() > 0.1]
    window = [(a, b) for a, b in words if b > 0 and a < n]
    want = _plain_tags(n, window)
    assert tags_from_bounds(n, window) == want
    assert tags_from_bounds(n, np.array(window, dtype=np.int64).reshape(-1, 2)) == want


def test_word_bounds_locate_words_in_order():
    from fazhi_ie.ner.softword import word_bounds

    assert word_bounds("依法 治国，依法", ["依法", "治国", "，", "依法"]) == [
        (0, 2), (3, 5), (5, 6), (6, 8)
    ]  # fmt: skip


def test_tags_from_words_skips_dropped_whitespace():
    chars = list("依法 治国")
    assert tags_from_words(chars, ["依法", "治国"]) == ["B", "E", "S", "B", "E"]
    # a word the segmenter normalised (not found in the text) is skipped, not misaligned
    assert tags_from_words(list("甲乙丙丁"), ["甲乙", "XX", "丙丁"]) == ["B", "E", "B", "E"]


# -- lexicon ------------------------------------------------------------------------


def _lexicon() -> Lexicon:
    return Lexicon([("张小明", "PER"), ("河西", "LOC"), ("河西区", "LOC"),
                    ("河西区司法局", "ORG"), ("司法局", "ORG"), ("x", "PER")])  # fmt: skip


def test_lexicon_longest_word_of_each_type_wins():
    tags = _lexicon().tags(list("河西区司法局张小明来了"))
    per, loc, org = zip(*(t.split("|") for t in tags), strict=True)
    assert "".join(loc[:3]) == "BME"  # 河西区, not 河西
    assert "".join(org[:6]) == "BMMMME"  # the whole 河西区司法局
    assert "".join(per[6:9]) == "BME"
    assert tags[-1] == NONE_TAG


def test_lexicon_drops_single_characters_and_round_trips(tmp_path):
    lex = _lexicon()
    assert "x" not in lex.words
    again = Lexicon.read(lex.write(tmp_path / "lexicon.tsv"))
    assert again.words == lex.words
    assert again.tags(list("河西区")) == lex.tags(list("河西区"))


def test_tagged_corpus_counts_words_inside_bracketed_compounds():
    counts = word_tag_counts(["[河西/ns 剧团/n]nt 演出/v  王/nr 小二/nr", "演出/vn"])
    assert counts["河西"] == {"ns": 1} and counts["剧团"] == {"n": 1}
    assert counts["演出"] == {"v": 1, "vn": 1} and counts["小二"] == {"nr": 1}


def test_clean_persons_drops_words_the_corpus_uses_as_other_words():
    counts = word_tag_counts(["安慰/v 安慰/vn 文华/nr 文华/n 河西/ns 乐团/n"])
    entries = [("安慰", "PER"), ("文华", "PER"), ("张小明", "PER"), ("河西", "PER"),
               ("河西", "LOC"), ("乐团", "ORG")]  # fmt: skip
    kept, dropped = clean_persons(entries, counts)
    # a verb and a place go from the persons; a tie goes too; unseen names and other
    # types stay
    assert dropped == ["安慰", "文华", "河西"]
    assert kept == [("张小明", "PER"), ("河西", "LOC"), ("乐团", "ORG")]
    kept, dropped = clean_persons(entries, word_tag_counts(["文华/nr 文华/nr 文华/n"]))
    assert ("文华", "PER") in kept and dropped == []


def test_jieba_dictionary_lines_become_typed_entries():
    text = "张三丰 12 nr\n北京 100 ns\n公安部 20 nt\n法律 50 n\n约翰 3 nrt\n"
    assert entries_from_dict(text) == [
        ("张三丰", "PER"), ("北京", "LOC"), ("公安部", "ORG"), ("约翰", "PER")
    ]  # fmt: skip


# -- TSV with a segmentation column ---------------------------------------------------


def test_msra_tsv_with_segmentation_column_round_trips(tmp_path):
    sents = [(list("李明在京"), ["B-PER", "E-PER", "O", "S-LOC"])]
    path = msra.write_tsv(sents, tmp_path / "a.tsv", [["B", "E", "S", "S"]])
    assert msra.read_tsv(path) == sents
    assert msra.read_seg_column(path) == [["B", "E", "S", "S"]]
    assert msra.read_seg_column(msra.write_tsv(sents, tmp_path / "b.tsv")) is None


# -- the model --------------------------------------------------------------------------

torch = pytest.importorskip("torch")
pytest.importorskip("hanlp")


def test_warm_start_with_new_feature_columns_computes_the_same():
    from fazhi_ie.ner.model import BigramTaggingModel
    from fazhi_ie.training.ner_model import warm_start

    torch.manual_seed(0)
    old = BigramTaggingModel(30, 8, 40, 4, 6, 5, 0.0).eval()
    new = BigramTaggingModel(30, 8, 40, 4, 6, 5, 0.0, n_segs=6, n_seg_embed=3,
                             n_lex=20, n_lex_embed=2).eval()  # fmt: skip
    assert set(warm_start(new, old.state_dict())) == {"seg_embed.weight", "lex_embed.weight"}
    x = torch.randint(1, 30, (2, 7))
    batch = {
        "bigram_id": torch.randint(1, 40, (2, 7)),
        "seg_id": torch.randint(1, 6, (2, 7)),
        "lex_id": torch.randint(1, 20, (2, 7)),
    }
    with torch.no_grad():
        assert torch.allclose(old(x, batch=batch)[0], new(x, batch=batch)[0], atol=1e-6)
    new.word_lstm.weight_ih_l0.data[:, -1] = 1.0  # the new columns do matter once learned
    with torch.no_grad():
        assert not torch.allclose(old(x, batch=batch)[0], new(x, batch=batch)[0], atol=1e-6)


PEOPLE = ["张伟", "李娜", "王芳", "刘洋"]
PLACES = ["兰州", "酒泉", "成都"]


def _write_with_segs(path: Path) -> Path:
    lines = []
    for per in PEOPLE:
        for loc in PLACES:
            # person, 在, place, 普法 -- the words give the segmentation column
            words = [(per, "PER"), ("在", None), (loc, "LOC"), ("普法", None), ("。", None)]
            for word, label in words:
                for j, ch in enumerate(word):
                    pos = "S" if len(word) == 1 else "B" if j == 0 else "E"
                    tag = "O" if label is None else f"{pos if pos != 'S' else 'S'}-{label}"
                    lines.append(f"{ch}\t{tag}\t{pos}")
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def feature_model(tmp_path_factory) -> Path:
    from fazhi_ie.ner import loader
    from fazhi_ie.training.ner import train_ner

    d = tmp_path_factory.mktemp("tiny_ner_features")
    trn = _write_with_segs(d / "train.tsv")
    lex = Lexicon([(p, "PER") for p in PEOPLE] + [(p, "LOC") for p in PLACES])
    out = d / "model"
    train_ner(out, train_file=trn, dev_file=trn, epochs=25, embed=16, rnn_hidden=16,
              batch_size=4, lr=0.02, drop=0.1, patience=25, seed=3, bigram_embed=8,
              bigram_min_freq=1, seg_embed=4, lex_embed=4, lexicon=lex.write(d / "lex.tsv"),
              weight_average=0.9, keep_epochs=True, evaluate=False, verbose=False)  # fmt: skip
    loader.clear_cache()
    return out


def test_feature_model_saves_its_lexicon_and_learns(feature_model):
    from fazhi_ie.ner import loader
    from fazhi_ie.training.ner_eval import evaluate_ner

    assert (feature_model / "lexicon.tsv").is_file()
    tagger = loader.load_model(feature_model)  # its model.onnx, written after training
    assert type(tagger).__name__ == "OnnxNER"
    assert tagger.uses_segmentation
    assert {"seg", "lex"} <= set(tagger.features.features)
    f1 = evaluate_ner(feature_model, test_file=feature_model.parent / "train.tsv")
    assert f1["overall"]["f1"] > 0.9


def test_feature_model_without_its_lexicon_is_a_coded_error(feature_model, tmp_path):
    import shutil

    from fazhi_ie.errors import ModelError
    from fazhi_ie.ner import loader

    broken = tmp_path / "broken"
    shutil.copytree(feature_model, broken)
    (broken / "lexicon.tsv").unlink()
    with pytest.raises(ModelError) as err:
        loader.load_model(broken)
    assert "lexicon" in str(err.value)


def test_component_takes_segmentation_from_doc_tokens(feature_model, monkeypatch):
    import spacy

    import fazhi_ie.ner.component  # noqa: F401  (registers the factory)
    from fazhi_ie.ner import softword

    def no_pkuseg(_sents):  # the Doc's tokens must be used, not a second segmentation
        raise AssertionError("segmenter called")

    monkeypatch.setattr(softword, "segment", no_pkuseg)
    nlp = spacy.blank("zh")
    config = {"model": str(feature_model), "use_doc_tokens": True}
    nlp.add_pipe("fazhi_hanlp_ner", config=config)
    text = "李娜在酒泉普法。王芳在兰州普法。"
    doc = nlp(text)
    found = doc.user_data["fazhi_ie"]["ner"]
    assert EntitySpan(0, 2, "PER", "李娜") in found
    assert all(text[f.start : f.end] == f.text for f in found)
    docs = list(nlp.pipe([text, "", text]))
    assert docs[2].user_data["fazhi_ie"]["ner"] == found


@pytest.fixture
def segment_calls(monkeypatch):
    """pkuseg replaced by an all-"S" segmenter; the list records each call's size."""
    from fazhi_ie.ner import softword

    calls: list[int] = []

    def fake_segment(sents):
        calls.append(len(sents))
        return [["S"] * len(s) for s in sents]

    monkeypatch.setattr(softword, "segment", fake_segment)
    return calls


def test_component_segments_itself_after_a_character_tokenizer(feature_model, segment_calls):
    # spacy.blank("zh") cuts characters: those are not the words the model was
    # trained on, so by default the component runs pkuseg itself
    import spacy

    import fazhi_ie.ner.component  # noqa: F401  (registers the factory)
    from fazhi_ie.ner.component import _segments_like_pkuseg

    calls = segment_calls
    nlp = spacy.blank("zh")
    assert not _segments_like_pkuseg(nlp)
    nlp.add_pipe("fazhi_hanlp_ner", config={"model": str(feature_model)})
    nlp("李娜在酒泉普法。王芳在兰州普法。")
    assert calls == [2]


def test_pkuseg_tokenizers_give_their_words_to_the_model():
    from types import SimpleNamespace

    from fazhi_ie.ner.component import _segments_like_pkuseg

    assert _segments_like_pkuseg(SimpleNamespace(tokenizer=SimpleNamespace(segmenter="pkuseg")))
    assert not _segments_like_pkuseg(SimpleNamespace(tokenizer=SimpleNamespace(segmenter="jieba")))
    assert not _segments_like_pkuseg(SimpleNamespace(tokenizer=object()))  # another language
    assert _segments_like_pkuseg(None)  # used on its own: the caller's words


def test_plain_text_prediction_segments_when_no_tags_are_given(feature_model, segment_calls):
    from fazhi_ie.ner import loader

    calls = segment_calls
    tagger = loader.load_model(feature_model)
    tagger.predict([list("张伟在成都普法。")])
    assert calls == [1]
    calls.clear()
    tagger.predict([list("张伟在成都普法。")], segs=[list("BESBEBES")])
    assert calls == []


# -- runs of names --------------------------------------------------------------------


def _cut(name, known=frozenset()):
    from fazhi_ie.ner.names import split_name_run

    parts, prev = [], 0
    for cut in split_name_run(name, known):
        parts.append(name[prev:cut])
        prev = cut
    return parts


def test_runs_of_names_are_cut_at_surnames():
    assert _cut("张伟李娜王芳") == ["张伟", "李娜", "王芳"]
    assert _cut("刘小明陈静") == ["刘小明", "陈静"]
    # a lexicon name is preferred over an equally valid cut
    assert _cut("王小明李四", frozenset({"王小明", "李四"})) == ["王小明", "李四"]


def test_single_names_stay_whole():
    assert _cut("欧阳明月") == ["欧阳明月"]  # compound surname + two characters
    assert _cut("张伟") == ["张伟"]
    assert _cut("王小明") == ["王小明"]
    # four characters: cut only when a half is a known name
    assert _cut("黄明黄亮") == ["黄明黄亮"]
    assert _cut("黄明黄亮", frozenset({"黄明"})) == ["黄明", "黄亮"]
    # not Han, known as a whole, or spelt as a transliteration
    assert _cut("张伟·李娜") == ["张伟·李娜"]
    assert _cut("张伟李娜", frozenset({"张伟李娜"})) == ["张伟李娜"]
    assert _cut("马斯克维尔") == ["马斯克维尔"]


def test_person_spans_cut_only_for_per():
    from fazhi_ie.ner.names import split_person_spans

    chars = list("张伟李娜王芳在青山市法院")
    spans = [(0, 6, "PER"), (7, 12, "ORG")]
    assert split_person_spans(chars, spans, frozenset()) == [
        (0, 2, "PER"), (2, 4, "PER"), (4, 6, "PER"), (7, 12, "ORG")
    ]  # fmt: skip


def test_block_dev_split_holds_out_runs_of_consecutive_sentences():
    sents = [([str(i)], ["O"]) for i in range(1000)]
    train, dev = msra.split_dev(sents, 0.05, seed=1, block=20)
    assert len(dev) == 60  # 5% = 50 sentences, rounded up to whole blocks of 20
    ids = sorted(int(c[0]) for c, _ in dev)
    assert ids == [i for b in ids[::20] for i in range(b, b + 20)]
    assert all(b % 20 == 0 for b in ids[::20])
    assert len(train) + len(dev) == 1000
    assert not {c[0] for c, _ in train} & {c[0] for c, _ in dev}
    # block 0 is the sentence-level split of the shipped model, unchanged
    assert msra.split_dev(sents, 0.05, 1) == msra.split_dev(sents, 0.05, 1, 0)


# -- weight averaging ------------------------------------------------------------------


def test_weight_average_tracks_an_exponential_moving_average():
    import torch

    from fazhi_ie.training.averaging import WeightAverage

    layer = torch.nn.Linear(1, 1, bias=False)
    with torch.no_grad():
        layer.weight.fill_(0.0)
    avg = WeightAverage(layer, decay=0.5)
    with torch.no_grad():
        layer.weight.fill_(1.0)
    avg.update(layer)  # early updates forget faster: d = min(0.5, 2/11)
    d = 2 / 11
    assert avg.average["weight"].item() == pytest.approx(d * 0.0 + (1 - d) * 1.0)
    with torch.no_grad():
        layer.weight.fill_(3.0)
    before = avg.average["weight"].item()
    avg.update(layer)  # now d = min(0.5, 3/12) = 0.25
    assert avg.average["weight"].item() == pytest.approx(0.25 * before + 0.75 * 3.0)


def test_weight_average_swaps_in_and_gives_the_raw_weights_back():
    import torch

    from fazhi_ie.training.averaging import WeightAverage

    layer = torch.nn.Linear(2, 1)
    avg = WeightAverage(layer, decay=0.9)
    with torch.no_grad():
        layer.weight.add_(1.0)
    raw = layer.weight.detach().clone()
    avg.swap_in(layer)
    assert torch.equal(layer.weight, avg.average["weight"])
    avg.swap_in(layer)  # twice is harmless: the raw weights are not overwritten
    with pytest.raises(RuntimeError):
        avg.update(layer)
    avg.swap_out(layer)
    assert torch.equal(layer.weight, raw)
    with pytest.raises(ValueError):
        WeightAverage(layer, decay=1.0)


def test_training_with_weight_average_saves_the_option(feature_model):
    import json

    config = json.loads((feature_model / "config.json").read_text("utf-8"))
    assert config["weight_average"] == 0.9


# -- model soup --------------------------------------------------------------------------


def test_soup_averages_the_weights_and_loads(feature_model, tmp_path):
    import json
    import shutil

    import torch

    from fazhi_ie.ner import loader
    from fazhi_ie.training.soup import make_soup

    twin = tmp_path / "twin"
    shutil.copytree(feature_model, twin)
    state = torch.load(twin / "model.pt", map_location="cpu")
    key = next(k for k, v in state.items() if v.dtype.is_floating_point)
    original = state[key].clone()
    state[key] = state[key] + 2.0
    torch.save(state, twin / "model.pt")
    soup = make_soup([feature_model, twin], tmp_path / "soup")
    averaged = torch.load(soup / "model.pt", map_location="cpu")
    assert torch.allclose(averaged[key], original + 1.0)
    assert json.loads((soup / "config.json").read_text("utf-8"))["soup_of"] == [
        str(feature_model), str(twin)
    ]  # fmt: skip
    loader.clear_cache()
    tagger = loader.load_model(soup)
    assert tagger.predict(list("张小明来了"), segs=["B", "M", "E", "S", "S"]) is not None
    loader.clear_cache()


def test_soup_refuses_models_with_other_vocabularies(feature_model, tmp_path):
    import shutil

    from fazhi_ie.training.soup import make_soup

    other = tmp_path / "other"
    shutil.copytree(feature_model, other)
    vocab = (other / "vocabs.json").read_text("utf-8")
    (other / "vocabs.json").write_text(vocab.replace("张", "章", 1), "utf-8")
    with pytest.raises(ValueError, match=r"vocabs\.json"):
        make_soup([feature_model, other], tmp_path / "soup")
    with pytest.raises(ValueError, match="two models"):
        make_soup([feature_model], tmp_path / "soup1")


def test_kept_epochs_hold_every_scored_epoch_and_the_best_is_the_model(feature_model, tmp_path):
    import torch

    from fazhi_ie.ner import loader
    from fazhi_ie.training.soup import make_soup

    kept = Path(str(feature_model) + ".epochs")
    rows = [line.split("\t") for line in (kept / "scores.tsv").read_text().splitlines()]
    files = sorted(kept.glob("*.pt"))
    assert [int(r[0]) for r in rows] == list(range(1, 26)) and len(files) == 25
    scores = [float(r[1]) for r in rows]
    best = scores.index(max(scores)) + 1  # the first epoch with the best dev score
    saved = torch.load(feature_model / "model.pt", map_location="cpu")
    at_best = torch.load(kept / f"{best:03d}.pt", map_location="cpu")
    assert all(torch.equal(saved[k], at_best[k]) for k in saved)
    soup = make_soup(files[-3:], tmp_path / "soup", base=feature_model)
    loader.clear_cache()
    assert loader.load_model(soup).predict(list("张小明来了"), segs=list("BMESS")) is not None
    loader.clear_cache()
