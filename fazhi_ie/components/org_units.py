"""Units named right after a parent body that has no place of its own.

Hong Kong, Macau and Taiwan bodies are written without a place (治安警察局,
司法警察局, 法务局), and so are their departments and centres after them:
治安警察局 + 交通厅, 司法警察局 + 反诈骗协调中心. The
walk from the unit's suffix cannot start such a name (交通厅 needs a place or a
level word before it), so the unit is read here off the tokens that follow the
parent, up to a suffix of ``parent_unit_suffixes`` (``data/org_grammar.json``), as
a ``sub`` candidate (replacing a name read there on its own: 廉政公署 + 社区关系厅,
whose 社区 the walk takes for a place); :func:`~.org_lists.join_subunits` then
joins it to its parent.
Sections (…处, …科, …组) are not read: measured on *check*, a section so named
was no body of the gold (sections are mostly named for a person's post).
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicons.orgs import grammar
from ..text.primitives import is_han
from .org_candidate import OrgCandidate
from .org_lists import resolve
from .tokens import Tokens

__all__ = ["units_after_parent"]

#: At most this many tokens, and characters, in a unit's name after its parent.
MAX_TOKENS = 4
MAX_CHARS = 10


def units_after_parent(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """``found`` with the units read after parents that have no place (see the module)."""
    units: list[OrgCandidate] = []
    for c in found:
        if c.prefix or c.region or c.mode != "core":
            continue
        unit = _unit_after(text, toks, c.end)
        if unit is not None:
            units.append(unit)
    if not units:
        return found
    keep = [c for c in found if not any(u.start <= c.start and c.end <= u.end for u in units)]
    return resolve(keep + units)


def _unit_after(text: str, toks: Tokens, pos: int) -> OrgCandidate | None:
    """The unit whose tokens start at ``pos`` and end with a unit suffix, if any."""
    g = grammar()
    k = bisect_left(toks.starts_list, pos)
    if k >= len(toks.starts_list) or toks.starts_list[k] != pos:
        return None
    last = min(k + MAX_TOKENS, len(toks.starts_list))
    for j in range(k, last):
        s, e = toks.starts_list[j], toks.ends_list[j]
        word = text[s:e]
        if not is_han(word) or e - pos > MAX_CHARS:
            return None
        suffix = _unit_suffix(word)
        if suffix is None:
            # a verb opens no unit; one right before the suffix names it (协调 + 中心)
            ahead = text[toks.starts_list[j + 1] : toks.ends_list[j + 1]] if j + 1 < last else ""
            verb = word in g.stop_tokens or word in g.ner_inside_stop_tokens
            if verb and (j == k or _unit_suffix(ahead) is None):
                return None
            continue
        name = text[pos:e]
        if e - pos <= len(suffix) or text.startswith(g.title_words, e):
            return None  # a bare 厅; 交通厅厅长: a department named only in a title
        if name in g.not_subunits or any(name.endswith(w) for w in g.parent_unit_not):
            return None  # 办公厅, 党组, 诉讼服务中心 + 大厅: folded into the parent, or no unit
        if text[e : e + 1] == suffix[-1]:
            return None
        return OrgCandidate.bare(pos, e, name, suffix, "sub")
    return None


def _unit_suffix(word: str) -> str | None:
    """The unit suffix ``word`` ends with, longest first."""
    return next((x for x in grammar().parent_unit_suffixes if word.endswith(x)), None)
