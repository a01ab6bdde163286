import pytest
from pydantic import ValidationError

from fazhi_ie import Article, Event, Metric, Organization, Span
from fazhi_ie.records import SCHEMA_VERSION, Approx, EventType, Quantity


def test_public_imports():
    import fazhi_ie

    for name in ("parse", "parse_many", "load", "Article", "Organization", "Event", "Metric"):
        assert getattr(fazhi_ie, name) is not None


def test_span_text_must_match_length():
    Span(start=2, end=4, text="宪法")
    with pytest.raises(ValidationError):
        Span(start=2, end=5, text="宪法")
    with pytest.raises(ValidationError):
        Span(start=5, end=2, text="")


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        Organization(id="org-1", name="市司法局", canonical="市司法局", colour="red")


def test_partial_dates():
    Event(id="evt-1", type=EventType.open_day, date="2020-12-04")
    Event(id="evt-1", type="lecture", date="--12-04")
    Event(id="evt-1", type="lecture", date="2020-12")
    with pytest.raises(ValidationError):
        Event(id="evt-1", type="lecture", date="12月4日")
    with pytest.raises(ValidationError):
        Event(id="evt-1", type="party", date=None)


def test_article_round_trips_through_json():
    text = "发放资料2000余份"
    art = Article(
        id="a",
        text=text,
        metrics=[
            Metric(
                id="met-1",
                value=2000,
                approx=Approx.more_than,
                unit="份",
                quantity=Quantity.materials,
                span=Span(start=4, end=10, text=text[4:10]),
            )
        ],
    )
    data = art.model_dump(mode="json")
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["metrics"][0]["approx"] == "more_than"
    assert data["metrics"][0]["value"] == 2000
    again = Article.model_validate_json(art.model_dump_json())
    assert again == art
    assert [p for p, _ in again.iter_spans()] == ["metrics.met-1"]


def test_summary_is_reachable_after_import_fazhi_ie():
    # the README's `fazhi_ie.summary.summarize(article)` after a plain import
    import fazhi_ie

    assert callable(fazhi_ie.summary.summarize)
