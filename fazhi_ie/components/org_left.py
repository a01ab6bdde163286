"""The left walk from an institution suffix, and the analysis of the name found.

:func:`walk_left` collects the units left of a suffix, nearest first: region
units (named places, level words, party markers, a parenthesised region),
modifiers from the lexicon, quoted names, ordinals and free name tokens, and
stops at punctuation, stop words and determiners. :func:`analyse` decides
where the name starts (the leftmost region unit, or the free tokens a suffix
needs) and reads its prefix, region, level marker and core.
"""

from __future__ import annotations

from ..lexicons.orgs import admin_suffix, grammar, kind_of, level_of, longest_suffix
from ..text.primitives import is_han
from .org_candidate import OrgCandidate
from .org_tokens import (
    REGION_TYPES,
    Unit,
    autonomous_area,
    bare_head,
    classify,
    content_word,
    counted_before,
    county_short,
    district_short,
    lane_start,
    prefix_end_of,
    split_stem,
    starts_another_body,
    sub_unit_suffix,
    too_free,
)
from .tokens import Tokens

OPEN_QUOTES = ("‘", "“", "「", "『")
_CLOSE_QUOTES = frozenset("’”」』")
#: The most characters of free words between a coordinator inside a name and its suffix
#: (工业和信息化部), and before a task force's suffix (防范和处置非法集资工作领导小组办公室).
COORDINATED_MAX = 6
COORDINATED_LONG_MAX = 12
#: Units that anchor a name whose word before the suffix is a function word (after a
#: free name word: 矛盾纠纷 / 调处 / 中心).
_ANCHORS = frozenset({*REGION_TYPES, "orgtok"})


def _modifier_before(text: str, toks: Tokens, pos: int) -> int | None:
    """Length of the longest lexicon modifier ending at ``pos`` (may cross token edges:
    全面/依法/治/市)."""
    g = grammar()
    for k in range(min(g.max_modifier, pos), 1, -1):
        if text[pos - k : pos] in g.modifiers:
            return k
    return None


def _token_fix(text: str, toks: Tokens, start: int, pos: int, tok: str) -> tuple[int, str]:
    """The token ending at ``pos`` as the left walk reads it: the Han tail of a token
    the segmenter glued over punctuation (``牵头,市`` -> ``市``), or a long admin suffix
    cut into tokens (``特别`` / ``行政区`` -> ``特别行政区``)."""
    g = grammar()
    if tok and not is_han(tok):
        k = len(tok)
        while k > 0 and is_han(tok[k - 1]):
            k -= 1
        if 0 < k < len(tok):
            return pos - (len(tok) - k), tok[k:]
        return start, tok
    for suf in g.admin_suffixes:
        if len(suf) > len(tok) and text.endswith(suf, 0, pos) and (pos - len(suf)) in toks.starts:
            return pos - len(suf), suf
    return start, tok


def _coordinated_inside(
    text: str, toks: Tokens, units: list[Unit], start: int, suffix: str
) -> bool:
    """Whether the coordinator token at ``start`` is inside one name (工业和信息化部,
    政制及内地事务局): only free words stand between it and a government suffix, and a
    free word of 2-4 characters stands before it (not a body: 法院和检察院)."""
    g = grammar()
    if suffix not in g.coordinated_core_suffixes:
        return False
    long_aim = suffix in g.coordinated_core_long_suffixes
    span_max = COORDINATED_LONG_MAX if long_aim else COORDINATED_MAX
    if units and (any(u[2] != "free" for u in units) or units[0][1] - units[-1][0] > span_max):
        return False
    ps = toks.token_before(start)
    prev = text[ps:start]
    if text[ps - 1 : ps] in g.coordinators:
        # 公安、民政及财政局 lists stems; 教育局与民政及青年事务局 names a body first
        bs = toks.token_before(ps - 1)
        if bs >= ps - 1 or longest_suffix(text[bs : ps - 1]) is None:
            return False
    return (
        2 <= len(prev) <= 4
        and is_han(prev)
        and classify(prev) == "free"
        and longest_suffix(prev) is None
    )


def walk_left(
    text: str,
    toks: Tokens,
    pos: int,
    stems: dict[str, str] | None = None,
    suffix: str = "",
) -> list[Unit]:
    """Units (start, end, type) left of ``pos``, nearest first (``suffix``: the suffix
    the name ends with, which decides whether a coordinator may be inside it)."""
    g = grammar()
    committee = g.committee
    units: list[Unit] = []
    steps = 0
    tentative = False  # a function word (协调) before the suffix needs a prefix further left
    while pos > 0 and steps < 10:
        steps += 1
        mod = _modifier_before(text, toks, pos)
        if mod is not None and (pos - mod) in toks.starts:
            units.append((pos - mod, pos, "free"))
            pos -= mod
            continue
        pm = next((w for w in g.party_markers if text.endswith(w, 0, pos)), None)
        if pm is not None and (pos - len(pm)) in toks.starts:
            units.append((pos - len(pm), pos, "party"))
            pos -= len(pm)
            continue
        ch = text[pos - 1]
        if ch in _CLOSE_QUOTES and not units:
            # ‘暖心’未检工作室: a quoted name right before the suffix
            op = max(text.rfind(q, max(0, pos - 10), pos - 1) for q in OPEN_QUOTES)
            inner = text[op + 1 : pos - 1] if op >= 0 else ""
            if inner and 2 <= len(inner) <= 8 and is_han(inner.replace("·", "")):
                units.append((op, pos, "free"))
                pos = op
                ps = toks.token_before(pos)
                if classify(text[ps:pos]) == "org":
                    break  # 检察院“春苗芽”团队: a proper name, not a part of the body before
                continue
            break
        if ch == ")":
            op = text.rfind("(", max(0, pos - 16), pos - 1)
            inner = text[op + 1 : pos - 1] if op >= 0 else ""
            if len(inner) >= 2 and is_han(inner) and admin_suffix(inner):
                units.append((op, pos, "paren"))
                pos = op
                continue
            break
        if ch == committee and pos >= 2 and text[pos - 2] == ")":
            # 区(高新区)委: the committee marker after a parenthesised region
            units.append((pos - 1, pos, "level"))
            pos -= 1
            continue
        om = g.ordinal_end_re.search(text, max(0, pos - 8), pos)
        if om is not None and om.end() == pos:
            units.append((om.start(), pos, "free"))
            pos = om.start()
            continue
        glued = split_stem(text, toks, pos, stems)
        if glued is not None:  # 联同湾 / 畔 / 民政事务处: the article's place 湾畔
            units.append((glued, pos, "region"))
            pos = glued
            continue
        start = toks.token_before(pos)
        tok = text[start:pos]
        start, tok = _token_fix(text, toks, start, pos, tok)
        if not units and g.unit_number_re.fullmatch(tok) and sub_unit_suffix(suffix):
            units.append((start, pos, "free"))  # 支队 + 一 + 大队: a numbered sub-unit
            pos = start
            continue
        if tok.isdigit() and len(tok) >= 3 and not units:
            units.append((start, pos, "digits"))
            pos = start
            continue
        if not tok or not is_han(tok):
            break
        if tok in g.name_coordinators:
            if not _coordinated_inside(text, toks, units, start, suffix):
                break
            units.append((start, pos, "coord"))
            pos = start
            continue
        lane = lane_start(text, tok, start, pos, toks.token_before(start))
        if lane is not None:  # 幸福 / 里 / 社区居委会: a neighbourhood's name
            units.append((lane, pos, "region"))
            pos = lane
            continue
        typ = classify(tok)
        county = (not units and county_short(tok, suffix)) or district_short(tok)  # 垦利 / 交警
        if typ == "free" and ((stems and tok in stems) or tok in g.provinces or county):
            typ = "region"
        if typ == "free" and tok in g.country_words and units and units[-1][2] == "level":
            typ = "region"  # 中华 / 全国 / 律师协会
        if typ == "glued" and content_word(tok):
            typ = "free"  # 农村 / 商业银行: a word, not a place glued to a level
        if typ == "glued":
            # 联合县 / 司法局: keep the level character only
            suf = admin_suffix(tok) or ""
            stem = tok[: -len(suf)] if suf else tok
            if (len(suf) == 1 or suf in g.level_words) and not (
                stem in g.determiners or stem[0] in g.det.name_head
            ):
                units.append((pos - len(suf), pos, "level"))
            break
        if typ == "stop" and not units and tok in g.function_words:
            units.append((start, pos, "free"))  # 调处 / 中心: kept if a prefix follows
            pos = start
            tentative = True
            continue
        if typ == "stop":
            # 我市 / 本县: the level character belongs to the name
            if len(tok) == 2 and tok[0] in g.det.proximal and tok[1] in g.proximal_levels:
                units.append((pos - 1, pos, "level"))
            break
        if typ == "org" and starts_another_body(text, units):
            break  # 县法院 / 县 / 检察院: the level word belongs to the second body
        if typ == "org":
            # 市政府 / 法制办, 公安局 / 经济开发区分局: a parent body inside the name
            lead = next((w for w in g.level_words_by_len if tok.startswith(w)), None)
            if lead and len(tok) > len(lead):
                units.append((start + len(lead), pos, "free"))
                units.append((start, start + len(lead), "level"))
            else:
                units.append((start, pos, "orgtok"))
            pos = start
            continue
        if units and autonomous_area(text, units[-1], tok, typ):
            units[-1] = (start, units[-1][1], "region")  # 恩施 / 土家族 / 苗族自治州
            pos = start
            continue
        if typ == "free" and len(tok) > 4:
            break
        if typ == "free" and units and units[-1][2] in ("region", "level"):
            rs, re_, rtyp = units[-1]
            piece = text[rs:re_]
            if piece.endswith(committee) and len(piece) > 1:
                piece = piece[:-1]
            suf = admin_suffix(piece) or ""
            stem_len = len(piece) - len(suf)
            if (
                suf
                and (suf != g.province or tok in g.provinces)
                and 2 <= len(tok) <= 4
                and (stem_len <= 1 or tok + piece in g.admin_suffix_parts)
                and (rtyp == "region" or piece in g.admin_suffixes)
            ):
                # 白堿 / 滩区, 酒泉 / 市, 克拉玛依 / 高新区, 经济 / 技术开发区: the name goes on
                units[-1] = (start, re_, "region")
                pos = start
                continue
        units.append((start, pos, typ))
        pos = start
    if tentative and not (
        len(units) > 2 and units[1][2] == "free" and any(u[2] in _ANCHORS for u in units[2:])
    ):
        return []  # 司法局 / 服务 / 中心工作: a verb after a body, no name word before it
    return units


def _core_start(text: str, toks: Tokens, s: int, suffix: str) -> tuple[int, bool] | None:
    """Where the core before the suffix at ``s`` starts, and whether its head is a word.

    A name does not start mid-word: 审计局, 农村局 take the whole token, unless the
    token's head is a level word (市委 -> 市 + 委). None: the token's head is a
    determiner or a stop word (该局长).
    """
    g = grammar()
    core_start = s
    for k in range(min(g.max_modifier, s), 1, -1):
        # the longest modifier that starts on a token edge
        if text[s - k : s] in g.modifiers and (s - k) in toks.starts:
            core_start = s - k
            break
    head_ok = core_start < s
    if core_start == s and s not in toks.starts:
        ts = toks.start_at(s)
        head = text[ts:s]
        if is_han(head) and classify(head) not in ("level", "region", "party"):
            if head in g.determiners or head in g.stop_tokens or head[0] in g.det.name_head:
                return None
            core_start = ts
            head_ok = len(suffix) >= 2 or head in g.modifiers
    return core_start, head_ok


def _free_units(
    text: str, units: list[Unit], suffix: str, ext: int, head_ok: bool
) -> list[Unit] | None:
    """The free tokens a name without a region prefix takes, by the suffix's mode;
    None: no name."""
    g = grammar()
    suf = g.suffixes[suffix]
    free = []
    for u in units:
        if u[2] not in ("free", "orgtok", "digits", "coord"):
            break
        free.append(u)
    coord = next((i for i, u in enumerate(free) if u[2] == "coord"), None)
    if coord is not None and coord + 1 < len(free):
        if len(free) > coord + 2:
            return None  # more words before: a longer name cut short, or a list
        return free[: coord + 2]  # 政制及内地事务局: both words belong to the name
    free = free[:coord]
    if suf.mode == "core":
        return free[:1] if free and free[0][2] == "digits" else []
    if suf.mode in ("named", "core_named"):
        n = 1
        if suf.kind == "company":
            n = 4
        elif free and (free[0][2] == "orgtok" or free[0][1] - free[0][0] == 1):
            n = 3
        elif suffix in g.two_word_named:
            n = 2  # 听障人士协会
        use = list(free[:n])
        while use and use[-1][2] == "orgtok":
            use.pop()
        if sum(u[1] - u[0] for u in use) > 10:
            use = use[:1]
        if use and all(text[u[0] : u[1]] in g.not_names for u in use):
            use = []
        if not use and (ext < 2 or not head_ok) and suf.mode == "named":
            return None
        return use
    if suf.mode == "sub":
        use = [u for u in free[:1] if text[u[0] : u[1]] in g.modifiers]
        if not use and len(free) >= 2 and free[0][2] == "free" and free[1][2] == "orgtok":
            use = free[:1]  # 中国银行 / 白石 / 支行: joined with its parent below
        elif not use and [u[2] for u in free[:3]] == ["free", "free", "orgtok"]:
            if g.unit_number_re.fullmatch(text[free[0][0] : free[0][1]]):
                use = free[:2]  # 警察局 / 中正 / 第一 / 分局: a district's numbered branch
        if not use and ext == 0 and len(suffix) >= 3 and free and free[0][2] == "orgtok":
            return []  # 法务部 / 调查局: a whole unit word, joined with its parent below
        if not use and (ext < 2 or not head_ok):
            return None
        return use
    # prefixed
    use = [u for u in free[:1] if text[u[0]] in OPEN_QUOTES]
    if ext < 2 or not head_ok:
        mod_units = [u for u in free[:1] if text[u[0] : u[1]] in g.modifiers]
        if not mod_units:
            return None
        use = mod_units
    return use


def _prefix(
    text: str, use: list[Unit], start: int, stems: dict[str, str] | None
) -> tuple[int, str | None, str | None]:
    """End of the prefix (region units at the left edge), its named region and its
    last level marker."""
    g = grammar()
    committee = g.committee
    prefix_end = start
    region_named: list[str] = []
    marker = None
    for u in reversed(use):
        if u[2] not in REGION_TYPES:
            break
        prefix_end = u[1]
        piece = text[u[0] : u[1]]
        if u[2] == "region":
            if piece.endswith(committee) and len(piece) > 1:
                piece = piece[:-1]
            if stems and not admin_suffix(piece) and stems.get(piece):
                piece += stems[piece]  # 青山中院 in an article about 青山市
            region_named.append(piece)
            marker = admin_suffix(piece) or marker
        elif u[2] == "paren":
            if region_named:
                region_named[-1] += piece
        elif u[2] == "level":
            m = piece[:-1] if piece.endswith(committee) and len(piece) > 1 else piece
            if g.level_words.get(m) == "national":
                pass
            elif m in g.level_words or admin_suffix(m):
                marker = m if m in g.level_words else admin_suffix(m)
                if region_named and not admin_suffix(region_named[-1]) and admin_suffix(m):
                    # 青山 (a known place) + 市委: the region is 青山市
                    region_named[-1] += m
    return prefix_end, "".join(region_named) or None, marker


def _paired_level(
    text: str, use: list[Unit], core_start: int, s: int, e: int, suffix: str
) -> OrgCandidate | None:
    """县委县政府, 青山市委市政府: the committee and the government of one place written
    together are two bodies; the government is the level word and the suffix, and takes
    the place name before the committee (青山 -> 青山市政府)."""
    g = grammar()
    if suffix not in g.paired_government or core_start != s or not use:
        return None
    prefix = text[use[-1][0] : s]
    if len(prefix) < 3 or prefix[-2] != g.committee or prefix[-1] != prefix[-3]:
        return None
    level = prefix[-1]
    if level not in g.proximal_levels:
        return None
    name = text[s - 1 : e]
    return OrgCandidate(
        start=s - 1,
        end=e,
        name=name,
        prefix=level,
        core=text[s:e],
        marker=level,
        suffix=suffix,
        mode=g.suffixes[suffix].mode,
        kind=kind_of(name, text[s:e]),
        level=level_of(level, name),
        inherit=prefix[:-3],
    )


def analyse(
    text: str,
    toks: Tokens,
    s: int,
    e: int,
    suffix: str,
    stems: dict[str, str] | None = None,
) -> OrgCandidate | None:
    """The name ending with the suffix ``text[s:e]``, or None when there is none."""
    g = grammar()
    head = _core_start(text, toks, s, suffix)
    if head is None:
        return None
    core_start, head_ok = head
    if suffix in g.bare_bureau_suffixes and s - core_start == 2 and bare_head(text[core_start:s]):
        head_ok = True  # 法务局, 劳工局: a bureau named by a two-character field
    units = walk_left(text, toks, core_start, stems, suffix)
    left = [i for i, u in enumerate(units) if u[2] in REGION_TYPES]
    if left:
        last = left[-1]
        words = [u for u in units[: last + 1] if u[2] in ("free", "orgtok")]
        if too_free(text, words):
            left = []
    if left:
        use = units[: left[-1] + 1]
        paired = _paired_level(text, use, core_start, s, e, suffix)
        if paired is not None:
            return paired
        if (
            use[0][2] == "orgtok"
            and text[use[0][0] : use[0][1]] in g.paired_party_cores
            and suffix in g.paired_government
            and core_start == s
        ):
            # 镇党委政府: two bodies; the government shares the party committee's prefix
            inherit = text[use[-1][0] : prefix_end_of(use[1:], use[-1][0])]
            return OrgCandidate.bare(s, e, suffix, suffix, g.suffixes[suffix].mode, inherit=inherit)
        if any(u[2] == "orgtok" for u in use) and (
            (len(suffix) == 1 and not head_ok) or suffix in g.not_subunits
        ):
            # 公安分局党委 is the 公安分局 itself; 司法局机关支部 is not a body here
            return None
    else:
        free_use = _free_units(text, units, suffix, s - core_start, head_ok)
        if free_use is None:
            return None
        use = free_use
    if not left and suffix in g.weak_suffixes and not any(text[u[0]] in OPEN_QUOTES for u in use):
        # 检察中心, 宣传站, 社区矫正办公室: a function word + a generic unit, no body
        return None
    start = use[-1][0] if use else core_start
    # the token before the name: a determiner makes it generic (各级法院)
    region_units = [u for u in use if u[2] in REGION_TYPES]
    if start > 0:
        ps = toks.token_before(start)
        prev = text[ps:start]
        if prev.startswith(g.det.class_start) or counted_before(text, start):
            return None  # 各级法院, 十余个X公司: a class
        if not region_units and (prev in g.determiners or (prev and prev[-1] in g.det.before_name)):
            return None
    if g.suffixes[suffix].kind == "school" and text.endswith(
        g.school_status_words, max(0, start - 2), start
    ):
        start -= 2  # 国立 + 台湾大学: the status is part of the name
    name = text[start:e]
    if name in g.generic_names:
        return None
    if text[prefix_end_of(use, start) : e] in g.generic_cores:
        return None  # 区中小学校
    prefix_end, region, marker = _prefix(text, use, start, stems)
    core = text[prefix_end:e]
    return OrgCandidate(
        start=start,
        end=e,
        name=name,
        prefix=text[start:prefix_end],
        core=core,
        region=region,
        marker=marker,
        suffix=suffix,
        mode=g.suffixes[suffix].mode,
        kind=kind_of(name, core),
        level=level_of(marker, name),
    )
