"""Cleaning and normalisation that keeps an offset map to the raw text.

>>> from fazhi_ie.text import normalize
>>> n = normalize("發布時間:2021-03-08\\n本報(bào)記者")
>>> n.text
'发布时间:2021-03-08\\n本报记者'
>>> n.published, n.raw_span(16, 19).text
('2021-03-08', '本報(bào)記')

Every step is a small function ``OffsetText -> OffsetText`` (textacy style),
composed with :func:`make_pipeline`; :data:`DEFAULT_STEPS` is the order
:func:`normalize` uses:

1. ``normalize_controls``: CR/LF, zero-width characters, odd spaces;
2. ``remove_html_debris``: ``<p>``, ``?/p>``, ``&nbsp;``;
3. ``remove_question_runs``: ``????`` (mojibake of full-width spaces);
4. ``fullwidth_to_halfwidth``: ``ＡＢＣ１２３，：（）`` -> ``ABC123,:()``;
5. ``remove_pinyin``: ``報(bào)`` -> ``報``;
6. ``to_simplified``: OpenCC ``t2s``, length-preserving;
7. ``remove_boilerplate``: page furniture, footers, crawl banners, counters
   (patterns in ``fazhi_ie/data/text_boilerplate.json``);
8. ``normalize_whitespace``: space runs, blank lines, letter-spacing, lines
   broken before punctuation (``省\n、市`` -> ``省、市``).

Then the header (title, source, publication date) is read from the clean text
(:mod:`fazhi_ie.text.header`) and the script is detected on the raw text
(:mod:`fazhi_ie.text.script`).
"""

from __future__ import annotations

from .header import Header, find_header
from .normalize import Normalized, normalize
from .offsets import OffsetText, make_pipeline
from .script import detect_script
from .steps import (
    DEFAULT_STEPS,
    convert_aligned,
    fullwidth_to_halfwidth,
    make_to_simplified,
    normalize_controls,
    normalize_whitespace,
    remove_boilerplate,
    remove_html_debris,
    remove_pinyin,
    remove_question_runs,
    to_simplified,
)

__all__ = [
    "DEFAULT_STEPS",
    "Header",
    "Normalized",
    "OffsetText",
    "convert_aligned",
    "detect_script",
    "find_header",
    "fullwidth_to_halfwidth",
    "make_pipeline",
    "make_to_simplified",
    "normalize",
    "normalize_controls",
    "normalize_whitespace",
    "remove_boilerplate",
    "remove_html_debris",
    "remove_pinyin",
    "remove_question_runs",
    "to_simplified",
]
