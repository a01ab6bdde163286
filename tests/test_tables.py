"""Flat tables (fazhi_ie.tables): rows, typed pandas frames, the schema snapshot."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import EXAMPLES, ROOT, shared_articles

from fazhi_ie.records import (
    Article,
    Event,
    EventType,
    Law,
    Metric,
    Notice,
    Organization,
    Person,
    Relation,
    Span,
)
from fazhi_ie.tables import KEYS, TABLES, TABLES_VERSION, article_rows, tables_schema

pd = pytest.importorskip("pandas")

TEXT = "白河县司法局在青山广场举办宪法宣传活动，李明远局长讲解《民法典》，发放资料300份。"
SNAPSHOT = ROOT / "docs" / "schema" / "tables.schema.json"
REGEN = "fazhi-ie schema --tables -o docs/schema/tables.schema.json"


def _span(word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start=start, end=start + len(word), text=word)


def hand_article(aid: str = "a1", published: str | None = "2023-12-04") -> Article:
    """An article built by hand (no pipeline), with one record of most kinds."""
    return Article(
        id=aid,
        text=TEXT,
        title="白河县宪法宣传",
        published=published,
        organizations=[
            Organization(
                id="org-1",
                name="白河县司法局",
                canonical="白河县司法局",
                kind="justice_admin",
                level="county",
                region="白河县",
                mentions=[_span("白河县司法局")],
            )
        ],
        persons=[
            Person(
                id="per-1",
                name="李明远",
                titles=["局长"],
                organization="org-1",
                mentions=[_span("李明远")],
            )
        ],
        laws=[Law(id="law-1", name="民法典", full_name="中华人民共和国民法典", mentions=[])],
        events=[
            Event(
                id="ev-1",
                type=EventType.publicity,
                date="--12-04",
                organizers=["org-1"],
                participants=["per-1"],
                laws=["law-1"],
                metrics=["m-1"],
                trigger=_span("宣传"),
            )
        ],
        metrics=[Metric(id="m-1", value=300, unit="份", quantity="materials", span=_span("300份"))],
        relations=[
            Relation(
                id="r-1", type="organized_by", head="ev-1", tail="org-1", evidence=_span("举办")
            )
        ],
        warnings=[Notice(code="W101", message="decoded as GB18030")],
        pipeline={"fazhi_ie": "0.1.0"},
    )


def error_article(aid: str = "bad") -> Article:
    return Article(id=aid, text="", error=Notice(code="E101", message="input is empty"))


def test_rows_of_one_article_are_keyed_and_complete():
    rows = article_rows(hand_article(), metadata={"url": "http://example.invalid/1"})
    (art,) = rows["articles"]
    assert art["article_id"] == "a1"
    assert art["published"] == dt.date(2023, 12, 4)
    assert art["n_organizations"] == 1 and art["n_metrics"] == 1 and art["n_warnings"] == 1
    assert json.loads(art["metadata"]) == {"url": "http://example.invalid/1"}
    links = {(r["role"], r["target_id"]) for r in rows["event_links"]}
    assert links == {("organizer", "org-1"), ("participant", "per-1"), ("law", "law-1")} | {
        ("metric", "m-1")
    }
    (ev,) = rows["events"]
    assert ev["date"] is None and ev["date_iso"] == "--12-04"  # partial: string only
    assert ev["trigger_text"] == "宣传"
    for m in rows["mentions"]:
        assert TEXT[m["start"] : m["end"]] == m["text"]
    assert {m["record_type"] for m in rows["mentions"]} == {"organization", "person"}
    for name, table in rows.items():
        cols = [c for c, _ in TABLES[name]]
        for row in table:
            assert list(row) == cols, name
        keys = [tuple(r[k] for k in KEYS[name]) for r in table]
        assert len(keys) == len(set(keys)), name


def test_error_record_is_a_row_never_dropped():
    rows = article_rows(error_article())
    assert [(r["article_id"], r["error_code"]) for r in rows["articles"]] == [("bad", "E101")]
    assert all(not rows[t] for t in TABLES if t != "articles")


def test_to_frames_types_dates_and_categoricals():
    from fazhi_ie import to_frames

    frames = to_frames([hand_article(), error_article(), hand_article("a2", "2023-12")])
    assert set(frames) == set(TABLES)
    arts = frames["articles"]
    assert list(arts["article_id"]) == ["a1", "bad", "a2"]
    assert str(arts["published"].dtype) == "datetime64[s]"
    assert arts["published"].iloc[0] == pd.Timestamp("2023-12-04")
    assert pd.isna(arts["published"].iloc[2]) and arts["published_iso"].iloc[2] == "2023-12"
    assert list(arts["error_code"].fillna("")) == ["", "E101", ""]
    assert str(arts["n_laws"].dtype) == "Int64"
    orgs = frames["organizations"]
    assert isinstance(orgs["kind"].dtype, pd.CategoricalDtype)
    assert "court" in orgs["kind"].cat.categories  # every enum value is a category
    assert frames["metrics"]["value"].iloc[0] == 300.0
    assert frames["events"]["date_resolved"].dtype == "boolean"
    assert json.loads(frames["persons"]["titles"].iloc[0]) == ["局长"]
    for name, df in frames.items():
        assert list(df.columns) == [c for c, _ in TABLES[name]]


def test_empty_input_gives_empty_typed_frames():
    from fazhi_ie.tables import to_frames

    frames = to_frames([])
    assert all(len(df) == 0 for df in frames.values())
    assert str(frames["events"]["date"].dtype) == "datetime64[s]"


def test_arrow_tables_follow_the_schema():
    pa = pytest.importorskip("pyarrow")
    from fazhi_ie.tables import arrow_schema, arrow_table, rows_of

    rows = rows_of([hand_article(), error_article()])
    for name in TABLES:
        tab = arrow_table(name, rows[name])
        assert tab.schema.equals(arrow_schema(name)), name
    arts = arrow_table("articles", rows["articles"])
    assert arts.schema.field("published").type == pa.date32()
    assert pa.types.is_dictionary(arts.schema.field("script").type)


def test_tables_schema_matches_snapshot():
    saved = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    current = tables_schema()
    if saved != current:
        if saved.get("x-tables-version") == TABLES_VERSION:
            raise AssertionError(
                f"The table schemas changed but TABLES_VERSION is still {TABLES_VERSION}. "
                "Bump it in fazhi_ie/tables.py (major for removed/renamed/retyped columns, "
                f"minor for additions), note it in docs/schema/CHANGELOG.md, then run `{REGEN}`."
            )
        raise AssertionError(f"TABLES_VERSION was bumped: regenerate the snapshot with `{REGEN}`.")


def test_every_enum_member_is_a_category():
    """A new enum member (a records schema change) shows up in the table schema."""
    from fazhi_ie.records import OrgKind

    cols = {c["name"]: c for c in tables_schema()["tables"]["organizations"]["columns"]}
    assert cols["kind"]["categories"] == [m.value for m in OrgKind]


@pytest.mark.pipeline
def test_to_frames_on_the_example_articles(nlp):
    from fazhi_ie import parse_many, to_frames

    items = [json.loads(x) for x in (EXAMPLES / "articles.jsonl").read_text("utf-8").splitlines()]
    items.append({"id": "open-day", "text": (EXAMPLES / "01_open_day.txt").read_text("utf-8")})
    arts = list(parse_many(items))
    frames = to_frames(arts)
    assert list(frames["articles"]["article_id"]) == ["demo-1", "demo-2", "demo-3", "open-day"]
    assert frames["articles"]["error_code"].iloc[1] == "E101"
    assert (frames["organizations"]["article_id"] == "open-day").sum() == len(arts[3].organizations)
    assert len(frames["events"]) == sum(len(a.events) for a in arts)
    ment = frames["mentions"].merge(frames["articles"][["article_id", "text"]], on="article_id")
    for row in ment.itertuples():
        assert row.text_y[row.start : row.end] == row.text_x


@pytest.mark.pipeline
@pytest.mark.shared
def test_to_frames_on_shared_articles(nlp, shared_dir):
    from fazhi_ie import parse_many, to_frames

    paths = shared_articles()[:20]
    arts = list(parse_many({"id": p.stem, "text": p.read_text("utf-8")} for p in paths))
    frames = to_frames(arts)
    assert len(frames["articles"]) == len(paths)
    for name, df in frames.items():
        keys = list(KEYS[name])
        assert not df.duplicated(keys).any(), name
    assert len(frames["metrics"]) == sum(len(a.metrics) for a in arts)
