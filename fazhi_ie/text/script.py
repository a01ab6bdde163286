"""Which script an article is written in: Simplified, Traditional or a mix.

Measured on the Han characters of the raw text: ``t`` is the share that
OpenCC ``t2s`` changes (characters only Traditional writing uses), ``s`` the
share that ``s2t`` changes (characters only Simplified writing uses). On the 45
articles of ../shared (40 dev, 5 seeds), Simplified articles have ``t = 0`` and
``s = 0.26-0.43``; Traditional ones ``t = 0.25-0.47`` and ``s <= 0.05`` (the
``s`` there comes from characters both scripts share but ``s2t`` maps, such as
``于`` or ``后``). The decision uses ``r = t / (t + s)``:

* ``r < 0.2`` simplified, ``r > 0.75`` traditional, otherwise mixed
  (dev: simplified r = 0, traditional r >= 0.86);
* fewer than :data:`MIN_HAN` Han characters, or ``t + s == 0`` (only characters
  both scripts write alike): unknown.
"""

from __future__ import annotations

import re
from operator import ne

from ..records import Script
from .primitives import HAN
from .steps import convert_aligned, opencc_converter

MIN_HAN = 4
SIMPLIFIED_MAX = 0.2
TRADITIONAL_MIN = 0.75

_HAN_RUN = re.compile(f"[{HAN}]+")


def script_ratios(raw: str) -> tuple[int, float, float]:
    """``(n_han, t, s)`` as described in the module docstring."""
    han = "".join(_HAN_RUN.findall(raw))
    n = len(han)
    if n == 0:
        return 0, 0.0, 0.0
    to_s = convert_aligned(han, opencc_converter("t2s"))
    to_t = convert_aligned(han, opencc_converter("s2t"))
    t = sum(map(ne, han, to_s)) / n
    s = sum(map(ne, han, to_t)) / n
    return n, t, s


def detect_script(raw: str) -> Script:
    """Simplified / traditional / mixed / unknown, from the raw text."""
    n, t, s = script_ratios(raw)
    if n < MIN_HAN or t + s == 0:
        return Script.unknown
    r = t / (t + s)
    if r < SIMPLIFIED_MAX:
        return Script.simplified
    if r > TRADITIONAL_MIN:
        return Script.traditional
    return Script.mixed
