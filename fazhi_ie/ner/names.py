"""Splitting person-name runs: ``张伟李娜王芳`` tagged as one PER span is three names.

Chinese personal names are a surname and one or two given-name characters (a compound
surname and one or two). Lists of names written without separators (members of a
committee, a delegation) come out of the tagger as one long PER span. A span of four or
more Han characters that is not itself a known name is cut into pieces that each start
with a surname (``data/person_surnames.json``), pieces of 2-3 characters (3-4 after a
compound surname). Among the possible cuts, pieces that are names of the lexicon count
most, then three-character pieces (the usual length), then pieces that start with a
surname that is not also a common word; a four-character span is only cut
when one of its halves is a lexicon name, since four-character single names exist.
Names spelt with transliteration characters (``data/ner_names.json``) stay whole.
"""

from __future__ import annotations

import re
from functools import cache

from fazhi_ie.resources import load_json
from fazhi_ie.text.primitives import HAN_BASIC

_HAN_BASIC_ONLY = re.compile(f"[{HAN_BASIC}]+")


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Single-character surnames, compound surnames, and the single ones that are
    also common words (明, 文: weaker evidence of a name start)."""
    d = load_json("person_surnames.json")
    ambiguous = frozenset(d.get("ambiguous", ""))
    return frozenset(d["single"]) | ambiguous, frozenset(d["compound"]), ambiguous


@cache
def _transliteration() -> tuple[frozenset[str], int]:
    d = load_json("ner_names.json")
    return frozenset(d["transliteration_chars"]), int(d["min_transliteration"])


def looks_transliterated(name: str) -> bool:
    """Whether ``name`` spells a foreign name (巴蒂斯图塔): left whole."""
    chars, least = _transliteration()
    return sum(ch in chars for ch in name) >= least


def _piece_ok(piece: str, single: frozenset[str], compound: frozenset[str]) -> bool:
    if piece[:2] in compound:
        return 3 <= len(piece) <= 4
    return piece[0] in single and 2 <= len(piece) <= 3


def split_name_run(name: str, known: set[str] | frozenset[str] = frozenset()) -> list[int]:
    """Cut points (relative ends of each piece) for a run of names; ``[len(name)]`` when
    the span stays whole. ``known`` holds full names (e.g. the lexicon's PER words)."""
    n = len(name)
    if n < 4 or name in known or not _HAN_BASIC_ONLY.fullmatch(name):
        return [n]
    if looks_transliterated(name):
        return [n]
    single, compound, ambiguous = _surnames()
    # best[i] = (score, cuts) for name[:i]
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score, cuts = best[i]
        for j in range(i + 2, min(n, i + 4) + 1):
            piece = name[i:j]
            if not _piece_ok(piece, single, compound):
                continue
            gain = (2.0 if piece in known else 0.0) + (0.5 if len(piece) == 3 else 0.0)
            gain += 0.0 if piece[0] in ambiguous else 0.25
            cand = (score + gain, [*cuts, j])
            if best[j] is None or cand[0] > best[j][0]:
                best[j] = cand
    result = best[n]
    if result is None or len(result[1]) < 2:
        return [n]
    score, cuts = result
    if n == 4 and not any(name[a:b] in known for a, b in zip([0, *cuts], cuts, strict=False)):
        return [n]
    return cuts


def split_person_spans(
    chars: list[str], spans: list[tuple[int, int, str]], known: set[str] | frozenset[str]
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` spans with PER runs cut into single names."""
    out: list[tuple[int, int, str]] = []
    for b, e, label in spans:
        if label != "PER" or e - b < 4:
            out.append((b, e, label))
            continue
        prev = b
        for cut in split_name_run("".join(chars[b:e]), known):
            out.append((prev, b + cut, label))
            prev = b + cut
    return out


__all__ = ["looks_transliterated", "split_name_run", "split_person_spans"]
