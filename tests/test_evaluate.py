"""Tests of the gold loader and scorer (docs/ANNOTATION.md, docs/evaluation-method.md).

Every fixture here is a tiny hand-made gold/prediction pair.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from fazhi_ie.errors import ConfigError, GoldError
from fazhi_ie.evaluate import (
    EvaluationReport,
    GoldArticle,
    evaluate_dir,
    gold_from_dict,
    gold_to_article,
    load_gold_dir,
    match_one_to_one,
    normalize,
    normalize_law,
    score_article,
)
from fazhi_ie.records import Article, Event, Law, Metric, Organization, Person, Span

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TYPE_KEYS = {"precision", "recall", "f1", "tp", "fp", "fn"}


# --- builders -------------------------------------------------------------------
def org(oid: str, name: str, canonical: str | None = None, mentions=()) -> Organization:
    spans = [Span(start=0, end=len(t), text=t) for t in mentions]
    return Organization(id=oid, name=name, canonical=canonical or name, mentions=spans)


def metric(mid: str, value, unit: str, quantity="other", approx="exact") -> Metric:
    return Metric(
        id=mid,
        value=value,
        unit=unit,
        quantity=quantity,
        approx=approx,
        span=Span(start=0, end=0, text=""),
    )


def event(eid: str, etype: str, date=None, date_end=None, organizers=()) -> Event:
    return Event(id=eid, type=etype, date=date, date_end=date_end, organizers=list(organizers))


def art(**kw) -> Article:
    kw.setdefault("text", "")
    return Article(**kw)


def gold(**kw) -> dict:
    kw.setdefault("id", "t")
    return kw


def counts(score, kind):
    c = score.counts[kind]
    return (c.tp, c.fp, c.fn)


# --- normalisation ----------------------------------------------------------------
def test_normalize_t2s_whitespace_and_quotes():
    assert normalize("克拉瑪依區公安分局") == "克拉玛依区公安分局"
    assert normalize("“八五”普法 规划") == "八五普法规划"
    assert normalize("「八五」『普法』‘规划’\"x\"'y'\u3000") == "八五普法规划xy"
    assert normalize_law("《中華人民共和國憲法》") == "宪法"
    assert normalize_law("中华人民共和国 民法典") == "民法典"
    # only a LEADING 中华人民共和国 is stripped
    assert normalize_law("关于中华人民共和国国旗的规定") == "关于中华人民共和国国旗的规定"


def test_strings_compared_after_t2s_and_quote_removal():
    g = gold(
        organizations=[{"name": "克拉瑪依區公安分局"}],
        persons=[{"name": "閆文瑜"}],
        laws=[{"name": "“八五”普法规划"}],
        metrics=[{"value": 3, "unit": "個", "quantity": "institutions", "approx": "exact"}],
    )
    p = art(
        organizations=[org("org-1", "克拉玛依区 公安分局")],
        persons=[Person(id="p1", name="闫文瑜")],
        laws=[Law(id="l1", name="「八五」普法规划", full_name="八五普法规划")],
        metrics=[metric("m1", 3, "个", "institutions")],
    )
    s = score_article(g, p)
    for kind in ("organizations", "persons", "laws", "metrics"):
        assert counts(s, kind) == (1, 0, 0), kind


# --- organizations ------------------------------------------------------------------
def test_org_alias_canonical_and_mention_matching():
    g = gold(
        organizations=[
            {"name": "酒泉市司法局", "aliases": ["市司法局"]},
            {"name": "酒泉市阳关律师事务所"},
            {"name": "酒泉市妇联"},
        ]
    )
    p = art(
        organizations=[
            org("org-1", "市司法局"),  # name = a gold alias
            org("org-2", "阳关所", canonical="酒泉市阳关律师事务所"),  # canonical = gold name
            org("org-3", "妇联", canonical="妇联", mentions=["酒泉市妇联"]),  # a mention
        ]
    )
    assert counts(score_article(g, p), "organizations") == (3, 0, 0)


def test_org_one_to_one_alias_and_name_predicted_separately():
    g = gold(organizations=[{"name": "酒泉市司法局", "aliases": ["市司法局"]}])
    p = art(organizations=[org("org-1", "酒泉市司法局"), org("org-2", "市司法局")])
    s = score_article(g, p)
    assert counts(s, "organizations") == (1, 1, 0)
    assert len(s.spurious["organizations"]) == 1


def test_law_normalising_to_empty_matches_nothing():
    g = gold(laws=[{"name": "《》"}])
    p = art(laws=[Law(id="l", name="《 》", full_name="")])
    assert counts(score_article(g, p), "laws") == (0, 1, 1)


def test_org_empty_mention_text_matches_nothing():
    g = gold(organizations=[{"name": "市法院", "aliases": [""]}])
    p = art(organizations=[org("org-1", "某公司", mentions=[""])])
    assert counts(score_article(g, p), "organizations") == (0, 1, 1)


# --- one-to-one -------------------------------------------------------------------
def test_two_identical_gold_metrics_vs_one_prediction():
    m = {"value": 5000, "unit": "份", "quantity": "materials", "approx": "more_than"}
    g = gold(metrics=[m, dict(m)])
    s = score_article(g, art(metrics=[metric("m1", 5000, "份", "materials", "more_than")]))
    assert counts(s, "metrics") == (1, 0, 1)
    # and the other way round
    p = art(metrics=[metric("m1", 5000, "份"), metric("m2", 5000, "份")])
    assert counts(score_article(gold(metrics=[m]), p), "metrics") == (1, 1, 0)


def test_maximum_matching_beats_greedy_order_metrics():
    # gold 1000 (±5) and 1008 (±5.04); pred 1004 fits both, pred 999 only the first.
    # First-fit in list order pairs 1000-1004 and leaves 1008 unmatched.
    g = gold(metrics=[{"value": 1000, "unit": "人"}, {"value": 1008, "unit": "人"}])
    preds = [metric("a", 1004, "人"), metric("b", 999, "人")]
    for order in itertools.permutations(preds):
        assert counts(score_article(g, art(metrics=list(order))), "metrics") == (2, 0, 0)


def test_maximum_matching_beats_greedy_order_events():
    # the undated gold event accepts any date; the dated one only its own
    g = gold(
        events=[
            {"type": "publicity", "date": None, "organizers": []},
            {"type": "publicity", "date": "2020-12-04", "organizers": []},
        ]
    )
    preds = [event("e1", "publicity", "2020-12-04"), event("e2", "publicity", "2021-01-01")]
    for order in itertools.permutations(preds):
        assert counts(score_article(g, art(events=list(order))), "events") == (2, 0, 0)


def test_matching_prefers_pairs_agreeing_on_quantity_and_approx():
    g = gold(
        metrics=[
            {"value": 500, "unit": "份", "quantity": "materials", "approx": "exact"},
            {"value": 500, "unit": "份", "quantity": "audience", "approx": "more_than"},
        ]
    )
    preds = [
        metric("a", 500, "份", "audience", "more_than"),
        metric("b", 500, "份", "materials", "exact"),
    ]
    for order in itertools.permutations(preds):
        s = score_article(g, art(metrics=list(order)))
        assert counts(s, "metrics") == (2, 0, 0)
        assert (s.quantity.correct, s.quantity.total) == (2, 2)
        assert (s.approx.correct, s.approx.total) == (2, 2)
        assert s.mismatches == []


def test_matching_prefers_pairs_agreeing_on_organizers():
    g = gold(
        organizations=[{"name": "甲法院"}, {"name": "乙检察院"}],
        events=[
            {"type": "open_day", "date": "2020-12-04", "organizers": ["甲法院"]},
            {"type": "open_day", "date": "2020-12-04", "organizers": ["乙检察院"]},
        ],
    )
    orgs = [org("o1", "甲法院"), org("o2", "乙检察院")]
    preds = [
        event("e1", "open_day", "2020-12-04", organizers=["o2"]),
        event("e2", "open_day", "2020-12-04", organizers=["o1"]),
    ]
    for order in itertools.permutations(preds):
        s = score_article(g, art(organizations=orgs, events=list(order)))
        assert counts(s, "events") == (2, 0, 0)
        assert (s.organizers.correct, s.organizers.total) == (2, 2)


def _brute_force(n_gold, n_pred, edges):
    best = (0, 0, 0)
    items = list(edges)
    for r in range(min(n_gold, n_pred), -1, -1):
        for combo in itertools.combinations(items, r):
            gs = {g for g, _ in combo}
            ps = {p for _, p in combo}
            if len(gs) == r and len(ps) == r:
                key = (
                    r,
                    sum(edges[e][0] for e in combo),
                    sum(edges[e][1] for e in combo),
                )
                best = max(best, key)
    return best


def test_match_one_to_one_is_lexicographically_optimal_on_random_graphs():
    rng = random.Random(7)
    for _ in range(150):
        n_gold, n_pred = rng.randint(0, 5), rng.randint(0, 5)
        edges = {
            (g, p): (rng.randint(0, 2), rng.randint(0, 1))
            for g in range(n_gold)
            for p in range(n_pred)
            if rng.random() < 0.45
        }
        pairs = match_one_to_one(n_gold, n_pred, edges)
        assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
        assert all(pair in edges for pair in pairs)
        got = (
            len(pairs),
            sum(edges[e][0] for e in pairs),
            sum(edges[e][1] for e in pairs),
        )
        assert got == _brute_force(n_gold, n_pred, edges)


# --- metrics tolerance ------------------------------------------------------------
@pytest.mark.parametrize(
    ("gold_value", "pred_value", "ok"),
    [
        (1000, 1005, True),
        (1000, 995, True),
        (1000, 1005.01, False),
        (1000, 994.9, False),
        (203400, 203400 * 1.005, True),
        (203400, 203400 * 1.0051, False),
        (0, 0, True),
        (0, 0.001, False),
        (4990000, 4990000.0, True),
    ],
)
def test_metric_value_tolerance(gold_value, pred_value, ok):
    g = gold(metrics=[{"value": gold_value, "unit": "件"}])
    s = score_article(g, art(metrics=[metric("m", pred_value, "件")]))
    assert counts(s, "metrics") == ((1, 0, 0) if ok else (0, 1, 1))


def test_metric_units_must_be_equal():
    g = gold(metrics=[{"value": 100, "unit": "人次"}])
    s = score_article(g, art(metrics=[metric("m", 100, "人")]))
    assert counts(s, "metrics") == (0, 1, 1)
    g = gold(metrics=[{"value": 17000, "unit": ""}])
    assert counts(score_article(g, art(metrics=[metric("m", 17000, "")])), "metrics") == (1, 0, 0)


def test_metric_secondary_accuracy_and_mismatch_report():
    g = gold(
        metrics=[
            {"value": 35000, "unit": "人次", "quantity": "consultations", "approx": "more_than"}
        ]
    )
    s = score_article(g, art(metrics=[metric("m", 35000, "人次", "audience", "more_than")]))
    assert (s.quantity.correct, s.quantity.total) == (0, 1)
    assert (s.approx.correct, s.approx.total) == (1, 1)
    assert len(s.mismatches) == 1 and "quantity" in s.mismatches[0]


def test_metric_without_gold_quantity_is_left_out_of_that_accuracy():
    g = gold(metrics=[{"value": 3, "unit": "名", "approx": "exact"}])
    s = score_article(g, art(metrics=[metric("m", 3, "名", "personnel")]))
    assert (s.quantity.correct, s.quantity.total) == (0, 0)
    assert (s.approx.correct, s.approx.total) == (1, 1)


# --- laws -------------------------------------------------------------------------
def test_law_brackets_and_prc_prefix_stripped_on_both_sides():
    g = gold(
        laws=[{"name": "宪法"}, {"name": "《中華人民共和國民法典》"}, {"name": "信访工作条例"}]
    )
    p = art(
        laws=[
            Law(id="l1", name="《中华人民共和国宪法》", full_name="中华人民共和国宪法"),
            Law(id="l2", name="民法典", full_name="中华人民共和国民法典"),
            Law(id="l3", name="信访条例", full_name="信访条例"),
        ]
    )
    assert counts(score_article(g, p), "laws") == (2, 1, 1)


# --- events -------------------------------------------------------------------------
def test_event_type_must_match_and_null_gold_date_accepts_any():
    g = gold(events=[{"type": "lecture", "date": None, "organizers": []}])
    assert counts(score_article(g, art(events=[event("e", "lecture")])), "events") == (1, 0, 0)
    p = art(events=[event("e", "lecture", "2020-12-04")])
    assert counts(score_article(g, p), "events") == (1, 0, 0)
    p = art(events=[event("e", "meeting")])
    assert counts(score_article(g, p), "events") == (0, 1, 1)


def test_event_gold_date_set_needs_equal_date():
    g = gold(events=[{"type": "open_day", "date": "2020-12-04", "organizers": []}])
    for pred_date, ok in [
        ("2020-12-04", True),
        (None, False),
        ("2020-12", False),
        ("--12-04", False),
        ("2020-12-05", False),
    ]:
        s = score_article(g, art(events=[event("e", "open_day", pred_date)]))
        assert counts(s, "events") == ((1, 0, 0) if ok else (0, 1, 1)), pred_date


def test_event_partial_dates_compare_as_strings():
    g = gold(events=[{"type": "open_day", "date": "--08-14", "organizers": []}])
    s = score_article(g, art(events=[event("e", "open_day", "--08-14")]))
    assert counts(s, "events") == (1, 0, 0)


def test_event_ranges():
    g = gold(events=[{"type": "training", "date": "2020-11-30/2020-12-07", "organizers": []}])
    p = art(events=[event("e", "training", "2020-11-30", "2020-12-07")])
    assert counts(score_article(g, p), "events") == (1, 0, 0)
    p = art(events=[event("e", "training", "2020-11-30")])
    assert counts(score_article(g, p), "events") == (0, 1, 1)
    p = art(events=[event("e", "training", "2020-11-30", "2020-12-06")])
    assert counts(score_article(g, p), "events") == (0, 1, 1)
    # a one-day range equals the single date, on either side
    g = gold(events=[{"type": "training", "date": "2020-12-04", "organizers": []}])
    p = art(events=[event("e", "training", "2020-12-04", "2020-12-04")])
    assert counts(score_article(g, p), "events") == (1, 0, 0)
    g = gold(events=[{"type": "training", "date": "2020-12-04/2020-12-04", "organizers": []}])
    p = art(events=[event("e", "training", "2020-12-04")])
    assert counts(score_article(g, p), "events") == (1, 0, 0)


def test_organizer_accuracy():
    g = gold(
        organizations=[{"name": "酒泉市司法局", "aliases": ["市司法局"]}, {"name": "酒泉市妇联"}],
        events=[
            {"type": "open_day", "date": None, "organizers": ["酒泉市司法局"]},
            {"type": "lecture", "date": None, "organizers": ["酒泉市司法局", "酒泉市妇联"]},
            {"type": "meeting", "date": None, "organizers": []},
            {"type": "publicity", "date": None, "organizers": ["酒泉市妇联"]},
            {"type": "training", "date": None, "organizers": []},
        ],
    )
    p = art(
        organizations=[org("org-1", "市司法局"), org("org-2", "酒泉市妇联")],
        events=[
            event("e1", "open_day", organizers=["org-1", "org-1"]),  # alias, duplicate id: ok
            event("e2", "lecture", organizers=["org-1"]),  # one organizer missing
            event("e3", "meeting"),  # none and none: ok
            event("e4", "publicity", organizers=["org-9"]),  # unknown id: wrong
            event("e5", "training", organizers=["org-2"]),  # spurious organizer: wrong
        ],
    )
    s = score_article(g, p)
    assert counts(s, "events") == (5, 0, 0)
    assert (s.organizers.correct, s.organizers.total) == (2, 5)
    assert len([m for m in s.mismatches if m.startswith("events")]) == 3


def test_organizer_named_by_alias_in_gold_event():
    g = gold(
        organizations=[{"name": "酒泉市司法局", "aliases": ["市司法局"]}],
        events=[{"type": "open_day", "date": None, "organizers": ["市司法局"]}],
    )
    p = art(
        organizations=[org("org-1", "酒泉市司法局")],
        events=[event("e1", "open_day", organizers=["org-1"])],
    )
    s = score_article(g, p)
    assert (s.organizers.correct, s.organizers.total) == (1, 1)


# --- missing keys -------------------------------------------------------------------
def test_missing_key_is_skipped_not_empty():
    g = gold(organizations=[], laws=[{"name": "宪法"}])  # no persons/events/metrics/published
    p = art(
        organizations=[org("o", "市法院")],
        persons=[Person(id="p", name="张三")],
        laws=[Law(id="l", name="宪法", full_name="中华人民共和国宪法")],
        events=[event("e", "meeting")],
        metrics=[metric("m", 3, "个")],
        published="2020-01-01",
    )
    s = score_article(g, p)
    assert counts(s, "organizations") == (0, 1, 0)  # annotated as empty: fp
    assert counts(s, "laws") == (1, 0, 0)
    assert set(s.skipped) == {"persons", "events", "metrics", "published"}
    assert "persons" not in s.counts and "published" not in s.counts
    rep = EvaluationReport(articles=[s])
    js = rep.to_json()
    assert js["persons"]["fp"] == 0 and js["persons"]["tp"] == 0
    assert js["published_accuracy"] is None
    assert js["annotated"]["persons"] == 0


# --- published ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gold_pub", "pred_pub", "status", "tp_fp_fn"),
    [
        ("2019-12-05", "2019-12-05", "correct", (1, 0, 0)),
        (None, None, "correct", (0, 0, 0)),
        ("2019-12-05", "2019-12-04", "wrong", (0, 1, 1)),
        (None, "2019-12-04", "wrong", (0, 1, 0)),
        ("2019-12-05", None, "missing", (0, 0, 1)),
        ("--05-27", "--05-27", "correct", (1, 0, 0)),
    ],
)
def test_published(gold_pub, pred_pub, status, tp_fp_fn):
    s = score_article(gold(published=gold_pub), art(published=pred_pub))
    assert s.published_status == status
    assert counts(s, "published") == tp_fp_fn


def test_published_accuracy_counts_null_null_as_correct():
    pairs = [
        ("2019-12-05", "2019-12-05"),
        (None, None),
        ("2019-12-05", None),
        (None, "2020-01-01"),
    ]
    rep = EvaluationReport(
        articles=[score_article(gold(published=g), art(published=p)) for g, p in pairs]
    )
    js = rep.to_json()
    assert js["published_accuracy"] == 0.5
    assert (js["published"]["tp"], js["published"]["fp"], js["published"]["fn"]) == (1, 1, 1)


# --- inputs ---------------------------------------------------------------------------
def test_score_article_accepts_dicts():
    g = gold(
        published="2019-12-05",
        organizations=[{"name": "酒泉市司法局"}],
        metrics=[{"value": 5000, "unit": "份", "quantity": "materials", "approx": "more_than"}],
    )
    p = art(
        published="2019-12-05",
        organizations=[org("org-1", "酒泉市司法局")],
        metrics=[metric("m", 5000, "份", "materials", "more_than")],
    )
    a = score_article(g, p)
    b = score_article(gold_from_dict(g), p.model_dump(mode="json"))
    assert a.to_json() == b.to_json()


def test_gold_to_article_is_an_oracle():
    g = gold(
        text="酒泉市司法局（市司法局）举办活动",
        published="2019-12-05",
        organizations=[{"name": "酒泉市司法局", "aliases": ["市司法局"]}, {"name": "某律所"}],
        persons=[{"name": "张三"}],
        laws=[{"name": "宪法"}],
        events=[
            {"type": "open_day", "date": "2019-12-04", "organizers": ["市司法局"]},
            {"type": "training", "date": "2020-11-30/2020-12-07", "organizers": []},
        ],
        metrics=[{"value": 35000, "unit": "人次", "quantity": "audience", "approx": "about"}],
    )
    a = gold_to_article(g)
    assert a.events[0].organizers == ["org-1"]
    assert a.events[1].date_end == "2020-12-07"
    for _, span in a.iter_spans():
        assert a.text[span.start : span.end] == span.text
    s = score_article(g, a)
    rep = EvaluationReport(articles=[s]).to_json()
    for kind in ("organizations", "persons", "laws", "events", "metrics", "published"):
        assert rep[kind]["f1"] == 1.0, kind
    assert rep["events_organizer_accuracy"] == 1.0
    assert rep["metrics_quantity_accuracy"] == 1.0
    assert rep["metrics_approx_accuracy"] == 1.0


@pytest.mark.parametrize(
    "bad",
    [
        [1, 2],
        {"events": {"type": "open_day"}},
        {"events": [{"type": "party", "date": None}]},
        {"events": [{"type": "open_day", "date": "2020/12/04"}]},
        {"metrics": [{"value": "5000", "unit": "份"}]},
        {"metrics": [{"value": 5000, "unit": "份", "quantity": "leaflets"}]},
        {"organizations": [{"aliases": ["x"]}]},
        {"persons": [{"name": ""}]},
        {"published": "2019年12月5日"},
    ],
)
def test_gold_from_dict_rejects_malformed(bad):
    with pytest.raises(GoldError) as exc:
        gold_from_dict(bad, id="x")
    assert exc.value.code == "E302"


# --- directories ------------------------------------------------------------------------
def write_pair(d: Path, stem: str, data: dict | str, text: str = "正文", encoding="utf-8"):
    (d / f"{stem}.txt").write_bytes(text.encode(encoding))
    body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    (d / f"{stem}.json").write_text(body, encoding="utf-8")


def test_load_gold_dir(tmp_path):
    write_pair(tmp_path, "b", {"id": "b", "published": None, "persons": [{"name": "張三"}]})
    write_pair(
        tmp_path, "a", {"id": "a", "laws": []}, text="繁體中文\r\n第二行", encoding="gb18030"
    )
    (tmp_path / "c.txt").write_text("no json", encoding="utf-8")  # skipped
    (tmp_path / "index.jsonl").write_text('{"id": "a", "url": "x"}\nnot json\n', encoding="utf-8")
    golds = load_gold_dir(tmp_path)
    assert [g.id for g in golds] == ["a", "b"]
    a, b = golds
    assert isinstance(a, GoldArticle)
    assert a.text == "繁體中文\r\n第二行" and a.encoding == "gb18030"
    assert a.laws == [] and a.persons is None and not a.published_annotated
    assert b.published_annotated and b.published is None and b.persons[0].name == "張三"


def test_load_gold_dir_e301(tmp_path):
    for path in (tmp_path, tmp_path / "missing"):
        with pytest.raises(GoldError) as exc:
            load_gold_dir(path)
        assert exc.value.code == "E301"
    (tmp_path / "only.txt").write_text("text", encoding="utf-8")
    with pytest.raises(GoldError) as exc:
        load_gold_dir(tmp_path)
    assert exc.value.code == "E301"


def test_load_gold_dir_e302(tmp_path):
    write_pair(tmp_path, "a", '{"id": "a", "persons": [')
    with pytest.raises(GoldError) as exc:
        load_gold_dir(tmp_path)
    assert exc.value.code == "E302" and "a.json" in exc.value.message


def _two_article_dir(d: Path) -> None:
    write_pair(
        d,
        "001",
        {"id": "001", "published": "2020-12-05", "persons": [{"name": "张三"}], "metrics": []},
        text="第一篇 张三",
    )
    write_pair(
        d,
        "002",
        {"id": "002", "published": None, "persons": [{"name": "李四"}], "metrics": []},
        text="第二篇 李四",
    )


def test_evaluate_dir_parse_fn_error_counted_and_run_continues(tmp_path):
    _two_article_dir(tmp_path)
    calls = []

    def parse_fn(text, id):
        calls.append(id)
        if id == "001":
            raise RuntimeError("boom")
        return art(text=text, id=id, persons=[Person(id="p", name="李四")])

    rep = evaluate_dir(tmp_path, parse_fn=parse_fn)
    assert calls == ["001", "002"]
    js = rep.to_json()
    assert js["articles"] == 2
    assert js["persons"]["tp"] == 1 and js["persons"]["fn"] == 1 and js["persons"]["fp"] == 0
    assert js["published"]["fn"] == 1  # the failed article predicted nothing
    assert js["published_accuracy"] == 0.5
    assert [e["id"] for e in js["errors"]] == ["001"]
    assert "boom" in js["errors"][0]["error"]
    assert "boom" in rep.format_verbose()


def test_evaluate_dir_parse_fn_may_return_json_and_bad_types_are_errors(tmp_path):
    _two_article_dir(tmp_path)

    def parse_fn(text, id):
        if id == "001":
            return 42
        return art(text=text, id=id, persons=[Person(id="p", name="李四")]).model_dump(mode="json")

    rep = evaluate_dir(tmp_path, parse_fn=parse_fn)
    assert list(rep.errors) == ["001"]
    assert rep.counts("persons").tp == 1


def test_evaluate_dir_with_predictions(tmp_path):
    _two_article_dir(tmp_path)
    preds = {"002": art(text="x", persons=[Person(id="p", name="李四")]), "999": art()}
    rep = evaluate_dir(tmp_path, predictions=preds)
    assert list(rep.errors) == ["001"]  # missing prediction: empty + error
    assert rep.counts("persons").tp == 1
    with pytest.raises(ConfigError):
        evaluate_dir(tmp_path, predictions=preds, parse_fn=lambda t, i: art())


def test_evaluate_dir_scores_only_the_given_ids(tmp_path):
    _two_article_dir(tmp_path)
    preds = {"002": art(text="x", persons=[Person(id="p", name="李四")])}
    js = evaluate_dir(tmp_path, predictions=preds, ids=["002"]).to_json()
    assert js["articles"] == 1 and js["errors"] == []
    assert js["persons"]["f1"] == 1.0
    with pytest.raises(GoldError) as info:
        evaluate_dir(tmp_path, predictions=preds, ids=["002", "404"])
    assert info.value.code == "E304" and "404" in str(info.value)


def test_dev_split_is_reproducible_and_covers_the_dev_set(tmp_path):
    dev = SHARED / "corpus" / "dev"
    if not dev.is_dir():
        pytest.skip(f"{dev} is absent")
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_split", ROOT / "bench" / "dev_split.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tune, check = mod.draw(dev)
    committed = {
        part: (ROOT / "bench" / "dev_split" / f"{part}.txt").read_text(encoding="utf-8").split()
        for part in ("tune", "check")
    }
    assert committed == {"tune": tune, "check": check}
    assert not set(tune) & set(check)
    assert len(tune) + len(check) == len(load_gold_dir(dev))
    assert 0.6 < len(tune) / (len(tune) + len(check)) < 0.72


def test_evaluate_dir_default_parse_fn_gets_text_only(tmp_path, monkeypatch):
    from fazhi_ie import api  # imports spaCy, but loads no pipeline

    _two_article_dir(tmp_path)
    seen = []

    def fake_parse(text, *, id=None, **kw):
        seen.append((text, id, kw))
        return art(text=text, id=id)

    # the default parse_fn is fazhi_ie.api.parse, looked up when evaluate_dir runs
    monkeypatch.setattr(api, "parse", fake_parse)
    rep = evaluate_dir(tmp_path)
    assert seen == [("第一篇 张三", "001", {}), ("第二篇 李四", "002", {})]
    assert rep.errors == {}


def test_report_json_keys_exact_and_tables(tmp_path):
    _two_article_dir(tmp_path)
    rep = evaluate_dir(tmp_path, parse_fn=lambda text, id: art(text=text, id=id))
    js = rep.to_json()
    required = {
        "organizations",
        "persons",
        "laws",
        "events",
        "metrics",
        "published",
        "events_organizer_accuracy",
        "metrics_quantity_accuracy",
        "metrics_approx_accuracy",
        "published_accuracy",
        "articles",
    }
    assert required <= set(js)
    for kind in ("organizations", "persons", "laws", "events", "metrics", "published"):
        assert set(js[kind]) == TYPE_KEYS
        assert all(isinstance(js[kind][k], float) for k in ("precision", "recall", "f1"))
        assert all(isinstance(js[kind][k], int) for k in ("tp", "fp", "fn"))
    # no matched pairs: secondary accuracies are null
    assert js["events_organizer_accuracy"] is None
    assert js["metrics_quantity_accuracy"] is None
    assert js["metrics_approx_accuracy"] is None
    assert isinstance(js["published_accuracy"], float)
    assert isinstance(js["articles"], int)
    json.dumps(js)  # serialisable
    json.dumps(rep.to_json(include_articles=True), ensure_ascii=False)
    table = rep.format_table()
    for kind in ("organizations", "persons", "laws", "events", "metrics", "published"):
        assert kind in table
    verbose = rep.format_verbose()
    assert "missed:   张三" in verbose and "== 002" in verbose


def test_verbose_lists_spurious_and_secondary_mismatches():
    g = gold(
        id="v",
        persons=[],
        metrics=[{"value": 5000, "unit": "份", "quantity": "materials", "approx": "more_than"}],
    )
    p = art(persons=[Person(id="p", name="记者")], metrics=[metric("m", 5000, "份")])
    text = EvaluationReport(articles=[score_article(g, p)]).format_verbose()
    assert "spurious: 记者" in text
    assert "mismatch: metrics: 5000份" in text


# --- the shared gold sets ------------------------------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize(("sub", "least"), [("seeds", 5), ("corpus/dev", 130)])
def test_shared_gold_loads_and_oracle_scores_perfectly(sub, least):
    d = SHARED / sub
    if not d.is_dir():
        pytest.skip(f"{d} is absent")
    golds = load_gold_dir(d)
    # every gold file loads: one GoldArticle per .json beside its .txt
    n = len([p for p in d.glob("*.json") if p.with_suffix(".txt").is_file()])
    assert len(golds) == n >= least
    assert all(g.text for g in golds)
    preds = {g.id: gold_to_article(g) for g in golds}
    js = evaluate_dir(d, predictions=preds).to_json()
    assert js["articles"] == n and js["errors"] == []
    for kind in ("organizations", "persons", "laws", "events", "metrics", "published"):
        assert js[kind]["f1"] == 1.0, kind
    assert js["published_accuracy"] == 1.0
    assert js["events_organizer_accuracy"] == 1.0
    assert js["metrics_quantity_accuracy"] == 1.0
    assert js["metrics_approx_accuracy"] == 1.0
    # and via the JSON form of the predictions
    as_json = {k: v.model_dump(mode="json") for k, v in preds.items()}
    assert evaluate_dir(d, predictions=as_json).to_json() == js
