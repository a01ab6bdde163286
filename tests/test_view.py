"""The article view: render(article) and Article._repr_html_ (fazhi_ie.view).

The sample article is written here (invented names) and carries hostile text: a
``<script>`` in its title, an ``"><img onerror=...>`` in its source and markup in its
body, which must all reach the page as text. The HTML is read back with the standard
library's parser, so these tests need no browser (tests/test_browser.py has one).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import fazhi_ie
from fazhi_ie import Article, ConfigError
from fazhi_ie.records import (
    Approx,
    Event,
    EventType,
    Law,
    Location,
    Metric,
    Notice,
    Organization,
    OrgKind,
    Person,
    Quantity,
    Span,
)
from fazhi_ie.view import render

SCRIPT = "<script>document.title='PWNED'</script>"
IMG = '"><img src=x onerror="document.title=\'PWNED2\'">'
TEXT = (
    f"白河县司法局开展“宪法进万家”活动 {SCRIPT}\n"
    f"来源：白河日报 {IMG}\n"
    "12月4日，白河县司法局在白河县人民广场开展宪法宣传活动，发放《宪法》宣传册500余份，"
    "接受咨询约80人次。局长李明远说<b>法治</b>很重要。"
)


def span(needle: str, nth: int = 0, text: str = TEXT) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start=start, end=start + len(needle), text=needle)


def sample_article(**changes) -> Article:
    """A hand-built Article over TEXT: nested (a place inside an organization name) and
    crossing (a trigger overlapping a place) mentions, two metrics, one event."""
    square = span("白河县人民广场")
    crossing = span("广场开展宪法")
    assert square.start < crossing.start < square.end < crossing.end
    first = span("12月4日")
    end = span("500余份").end
    sentence = Span(start=first.start, end=end, text=TEXT[first.start : end])
    art = Article(
        id='demo"><b>x',
        title=TEXT.splitlines()[0],
        source=f"白河日报 {IMG}",
        published="2023-12-05",
        text=TEXT,
        organizations=[
            Organization(
                id="org-1",
                name="白河县司法局",
                canonical="白河县司法局",
                kind=OrgKind.justice_admin,
                region="白河县",
                mentions=[span("白河县司法局"), span("白河县司法局", 1)],
            ),
        ],
        persons=[
            Person(
                id="per-1",
                name="李明远",
                titles=["局长"],
                organization="org-1",
                mentions=[span("李明远")],
            )
        ],
        locations=[
            Location(id="loc-1", name="白河县", mentions=[span("白河县")]),
            Location(id="loc-2", name="白河县人民广场", mentions=[square]),
        ],
        laws=[
            Law(id="law-1", name="宪法", full_name="中华人民共和国宪法", mentions=[span("宪法", 2)])
        ],
        events=[
            Event(
                id="evt-1",
                type=EventType.publicity,
                date="2023-12-04",
                date_text="12月4日",
                date_resolved=True,
                organizers=["org-1"],
                laws=["law-1"],
                metrics=["met-1"],
                trigger=crossing,
                evidence=sentence,
            )
        ],
        metrics=[
            Metric(
                id="met-1",
                value=500,
                approx=Approx.more_than,
                unit="份",
                quantity=Quantity.materials,
                subject="宣传册",
                event="evt-1",
                span=span("500余份"),
            ),
            Metric(
                id="met-2",
                value=80,
                approx=Approx.about,
                unit="人次",
                quantity=Quantity.consultations,
                span=span("约80人次"),
            ),
        ],
        warnings=[Notice(code="W999", message=f"a warning that quotes {SCRIPT}")],
    )
    return art.model_copy(update=changes)


#: Distinct highlighted stretches per legend kind in sample_article().
EXPECTED = {"org": 2, "per": 1, "loc": 2, "law": 1, "evt": 1, "date": 1, "num": 2}


class Page(HTMLParser):
    """Elements, marks and the text of the highlighted text box, read back from HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.marks: list[dict[str, str]] = []
        self.open_marks: list[dict[str, str]] = []
        self.text_box: list[str] = []
        self.tags_in_text: set[str] = set()
        self.depth = 0  # inside <div class="fzv-text"> when > 0
        self.covered: dict[str, str] = {}  # mark data-ids -> text inside its pieces
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.attrs.update(a)
        if self.depth:
            self.tags_in_text.add(tag)
            self.depth += tag == "div"
        elif tag == "div" and "fzv-text" in a.get("class", "").split():
            self.depth = 1
        if tag == "mark":
            self.marks.append(a)
            self.open_marks.append(a)

    def handle_endtag(self, tag):
        if tag == "mark":
            assert self.open_marks, "a </mark> without an open <mark>"
            self.open_marks.pop()
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text_box.append(data)
            for m in self.open_marks:
                key = m["class"].split()[1] + " " + m["data-ids"]
                self.covered[key] = self.covered.get(key, "") + data

    def count(self, kind: str) -> int:
        return sum(
            1
            for m in self.marks
            if f"fz-{kind}" in m["class"].split() and "fz-cont" not in m["class"]
        )


def test_the_text_comes_back_exactly_and_hostile_markup_stays_text():
    art = sample_article()
    html = render(art)
    page = Page(html)
    assert "".join(page.text_box) == art.text  # escaped, marked, and read back unchanged
    assert "script" not in page.tags and "img" not in page.tags
    assert page.tags_in_text == {"mark"}  # the body's <b> is text too
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert not page.open_marks  # every <mark> closed, properly nested


def test_every_mention_is_highlighted_once_per_kind():
    page = Page(render(sample_article()))
    assert {k: page.count(k) for k in EXPECTED} == EXPECTED
    legend = {m: n for m, n in EXPECTED.items()}
    html = render(sample_article())
    for kind, n in legend.items():
        assert f'<span class="fz fz-{kind}" data-count="{n}">' in html


def test_nested_and_crossing_mentions_cover_exactly_their_text():
    page = Page(render(sample_article()))
    # the place inside the organization name, and the trigger that crosses a place name
    assert page.covered["fz-loc loc-1"] == "白河县"
    assert page.covered["fz-loc loc-2"] == "白河县人民广场"
    assert page.covered["fz-evt evt-1"] == "广场开展宪法"  # split in two pieces
    assert any("fz-cont" in m["class"] for m in page.marks)
    assert page.covered["fz-date evt-1"] == "12月4日"
    assert page.covered["fz-num met-2"] == "约80人次"


def test_tooltips_give_the_record():
    page = Page(render(sample_article()))
    tips = {m["data-ids"]: m["title"] for m in page.marks}
    assert "org-1" in tips["org-1"] and "justice_admin" in tips["org-1"]
    assert "region: 白河县" in tips["org-1"]
    assert "500 份" in tips["met-1"] and "materials" in tips["met-1"]
    assert "more_than" in tips["met-1"]
    assert "about" in tips["met-2"] and "consultations" in tips["met-2"]
    assert "中华人民共和国宪法" in tips["law-1"]
    assert "publicity" in tips["evt-1"] and "白河县司法局" in tips["evt-1"]
    assert "局长" in tips["per-1"]


def test_header_tables_and_warnings():
    html = render(sample_article())
    assert "白河日报 &#34;&gt;&lt;img" in html  # the source, escaped
    assert "demo&#34;&gt;&lt;b&gt;x" in html
    assert "W999" in html and "published 2023-12-05" in html and "simplified" not in html
    for table in ("fzv-events", "fzv-organizations", "fzv-persons", "fzv-laws", "fzv-metrics"):
        assert f'<table class="{table}">' in html
    assert '<table class="' not in render(sample_article(), tables=False)


def test_repr_html_is_the_view_and_dicts_are_accepted():
    art = sample_article()
    assert art._repr_html_() == render(art)
    assert fazhi_ie.render(art.model_dump(mode="json")) == render(art)
    with pytest.raises(ConfigError) as err:
        render("just text")  # type: ignore[arg-type]
    assert err.value.code == "E604"


def test_the_page_is_self_contained():
    page = render(sample_article(), full_page=True)
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src &#39;none&#39;" in page
    read = Page(page)
    assert not {"src", "href", "srcset", "action"} & read.attrs  # nothing to fetch
    assert not {"link", "script", "img", "iframe", "object"} & set(read.tags)
    for needle in ("http://", "https://", "url(", "@import", "@font-face"):
        assert needle not in page.lower(), needle
    assert "<title>" in page and "&lt;script&gt;" in page.split("</title>")[0]


def test_spans_that_do_not_match_the_text_are_reported_not_drawn():
    art = sample_article()
    bad = art.organizations[0].model_copy(
        update={"mentions": [Span(start=0, end=3, text="青山市")]}
    )
    html = render(art.model_copy(update={"organizations": [bad]}))
    assert "1 span(s) do not match the text" in html
    assert Page(html).count("org") == 0


def test_an_error_record_shows_its_error():
    art = Article(
        id="e1",
        text="",
        error=Notice(
            code="E101", message="input is empty", hint="Pass a non-empty string or file."
        ),
    )
    html = render(art)
    assert "error E101" in html and "Pass a non-empty" in html
    assert 'class="fzv-text"' not in html
