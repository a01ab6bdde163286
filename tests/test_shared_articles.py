"""Invariants over every real article in ../shared (skipped when absent)."""

import re

import pytest
from conftest import shared_articles

from fazhi_ie import parse_many

pytestmark = [pytest.mark.shared, pytest.mark.pipeline]


@pytest.fixture(scope="module")
def parsed(shared_dir):
    """Every shared article, parsed with the NER stage when the extra is installed
    (its spans must be grounded too)."""
    from fazhi_ie.pipeline import ner_available

    paths = shared_articles()
    items = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FAZHI_IE_NER", "1" if ner_available() else "0")
        return list(zip(items, parse_many(items, batch_size=8), strict=True))


def test_every_shared_article_parses_without_error(parsed):
    # one Article per .txt in seeds/ and corpus/dev/, whatever their number
    assert len(parsed) == len(shared_articles()) >= 45
    assert [a.error for _, a in parsed] == [None] * len(parsed)
    assert [a.id for _, a in parsed] == [item["id"] for item, _ in parsed]


def test_every_span_is_grounded_in_the_raw_text(parsed):
    checked = 0
    for item, article in parsed:
        assert article.text == item["text"]
        for where, span in article.iter_spans():
            assert item["text"][span.start : span.end] == span.text, (article.id, where)
            checked += 1
    assert checked > 100


PINYIN = re.compile(r"\([a-zA-Z\u00c0-\u024f\u0300-\u036f]+\)")


def test_names_are_clean(parsed):
    for _, article in parsed:
        for law in article.laws:
            assert not PINYIN.search(law.name) and "?" not in law.name, (article.id, law.name)
        assert not PINYIN.search(article.clean_text), article.id
