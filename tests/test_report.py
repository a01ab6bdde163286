"""The corpus report (fazhi_ie.report, corpus_stats) and the view/report commands.

Articles are built by hand (tests/test_view.py's sample) or read from JSONL written
here; only the test that views a .txt file loads the pipeline.
"""

from __future__ import annotations

import json
import sys

import pytest
from test_view import IMG, SCRIPT, Page, sample_article

import fazhi_ie
from fazhi_ie import Article, ConfigError, InputError
from fazhi_ie.cli import main
from fazhi_ie.records import Event, EventType, Notice, Organization, Script
from fazhi_ie.view import corpus_stats, load_articles


def corpus() -> list[Article]:
    a = sample_article(id="a1")
    b = sample_article(
        id="b2",
        script=Script.traditional,
        events=[
            Event(id="evt-1", type=EventType.lecture, date="2024-02-10"),
            Event(id="evt-2", type=EventType.publicity, date="--03-15"),
            Event(id="evt-3", type=EventType.publicity),
        ],
        organizations=[
            Organization(id="org-1", name="县司法局", canonical="白河县司法局"),
            Organization(id="org-2", name=f"绿水镇 {SCRIPT}", canonical=f"绿水镇 {SCRIPT}"),
        ],
    )
    c = Article(id="c3", text="", error=Notice(code="E101", message="input is empty"))
    return [a, b, c]


def test_corpus_counts():
    st = corpus_stats(corpus())
    assert (st.articles, st.parsed, dict(st.errors)) == (3, 2, {"E101": 1})
    assert dict(st.scripts) == {"unknown": 1, "traditional": 1}
    assert dict(st.events_by_type) == {"publicity": 3, "lecture": 1}
    assert dict(st.events_by_month) == {"2023-12": 1, "2024-02": 1}
    assert st.undated_events == 2  # no year (--03-15) and no date
    top = st.organizations[0]
    assert (top.name, top.articles, top.mentions) == ("白河县司法局", 2, 2)
    assert [(n.name, n.articles, n.mentions) for n in st.laws] == [("宪法", 2, 2)]
    q = {t.quantity: t for t in st.quantities}
    assert (q["materials"].metrics, q["materials"].approx, q["materials"].by_unit) == (
        2,
        2,
        {"份": 1000},
    )
    assert q["consultations"].by_unit == {"人次": 160}
    assert st.published == ("2023-12-05", "2023-12-05")
    regions = {n.name: n.articles for n in st.regions}
    assert regions == {"白河县": 2, "白河县人民广场": 2}  # a location, or an org's region


def test_report_html_plots_and_escaping():
    html = fazhi_ie.report(corpus())
    page = Page(html)
    assert html.count("<svg") == 3  # events by type, by month, metrics by quantity
    assert "script" not in page.tags and "img" not in page.tags
    assert "&lt;script&gt;" in html
    for cls in ("fzr-event-months", "fzr-quantities", "fzr-orgs", "fzr-regions", "fzr-laws"):
        assert f'class="{cls}"' in html
    assert '<td>2024-01</td><td class="n">0</td>' in html  # empty months are shown
    assert 'data-stat="errors"><b>1</b>' in html
    assert "<svg" not in fazhi_ie.report(corpus(), plots=False)
    assert fazhi_ie.report(corpus())._repr_html_() == html


def test_report_without_matplotlib_says_how_to_fix_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ConfigError) as err:
        fazhi_ie.report(corpus())
    assert err.value.code == "E601" and "fazhi-ie[view]" in err.value.hint
    assert "fzr-orgs" in fazhi_ie.report(corpus(), plots=False)


def write_jsonl(path, articles):
    path.write_text(
        "".join(json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n" for a in articles),
        encoding="utf-8",
    )
    return path


def test_view_command_on_parsed_records(tmp_path):
    src = write_jsonl(tmp_path / "out.jsonl", corpus())
    out = tmp_path / "page.html"
    assert main(["view", str(src), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count('<div class="fzv"') == 3
    assert main(["view", str(src), "--id", "b2", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('<div class="fzv"') == 1
    assert main(["view", str(src), "--id", "zz", "-o", str(out)]) == 1  # E603


def test_view_reads_a_json_article_and_rejects_broken_records(tmp_path, capsys):
    one = tmp_path / "a.json"
    one.write_text(sample_article().model_dump_json(indent=2), encoding="utf-8")
    assert [a.id for a in load_articles(one)] == [sample_article().id]
    many = tmp_path / "many.json"  # `parse --pretty` of several documents
    many.write_text("\n".join(a.model_dump_json(indent=2) for a in corpus()), encoding="utf-8")
    assert [a.id for a in load_articles(many)] == ["a1", "b2", "c3"]
    bad = write_jsonl(tmp_path / "bad.jsonl", corpus())
    with bad.open("a", encoding="utf-8") as fh:
        fh.write('{"schema_version": "1.0.0", "text": 5}\n')
    with pytest.raises(InputError) as err:
        list(load_articles(bad))
    assert err.value.code == "E602" and "line 4" in err.value.message
    assert main(["report", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert "error E602" in capsys.readouterr().err


def test_report_command(tmp_path):
    src = write_jsonl(tmp_path / "out.jsonl", corpus())
    out = tmp_path / "report.html"
    assert main(["report", str(src), "-o", str(out), "--title", f"corpus {IMG}"]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "<img" not in html
    assert main(["report", str(src), "-o", str(out), "--no-plots"]) == 0
    assert "<svg" not in out.read_text(encoding="utf-8")


def test_input_records_are_not_mistaken_for_parsed_ones(tmp_path):
    from fazhi_ie.view.cli import _parsed_records

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x", "text": "some text"}\n', encoding="utf-8")
    assert _parsed_records(src) is None  # these go to the parser


@pytest.mark.pipeline
def test_view_command_parses_a_text_file(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text(
        "12月4日，白河县司法局在人民广场开展宪法宣传活动，发放《宪法》宣传册500余份。",
        encoding="utf-8",
    )
    out = tmp_path / "page.html"
    assert main(["view", str(txt), "-o", str(out)]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    art = fazhi_ie.parse(txt.read_text(encoding="utf-8"), id="a")
    for kind, records in (("org", art.organizations), ("law", art.laws)):
        spans = {(s.start, s.end) for r in records for s in r.mentions}
        assert spans and page.count(kind) == len(spans), kind
    assert page.count("num") == len(art.metrics) == 1
