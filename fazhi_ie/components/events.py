"""Events (activities reported as held) and the relations between records.

The component ``fazhi_events`` finds event *mentions*: a trigger word of an
event type (``data/event_triggers.json``: 开放日 → open_day, 讲座 → lecture …)
in a sentence that frames it as held — a hold verb (开展/举办/召开 …) before it
in the sentence or a frame word right after it (…活动, …仪式) — and that is
not a reference (``传达…会议精神``), a total or an ongoing duty (``今年以来``,
``累计``, ``共开展…次``), nor one of the forms of another activity
(``通过发放资料、现场咨询等形式``). Each mention is stored as a dict with exact
offsets into ``doc.text`` in ``doc.user_data["fazhi_ie"]["events"]``.

The builders:

* :func:`build_events` resolves each mention's date (nearest date expression
  in its sentence, else the last one earlier in its paragraph; see
  :mod:`fazhi_ie.values.dates`), finds its organizers (organizations in the
  subject of the hold verb, coordinated lists ``A、B联合开展``, ``由…主办/承办``;
  ``相继``/``分别`` splits the list into one activity each), participants
  (``邀请…``), audience, location, laws and metrics, then merges the mentions
  of one activity (same type, compatible dates, organizers and names: a
  caption or headline repeating a body sentence is the same event);
* :func:`build_relations` writes typed relations with their evidence sentence:
  organized_by, participated_in, held_at, promotes_law, reported_metric,
  affiliated_with (from ``Person.organization``) and quoted (``X说:“…”``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Event, EventType, Relation, RelationType
from ..resources import load_json
from ..values.dates import DateExpr, find_dates
from .base import candidates, char_span

KEY = "events"
_SENT_END = "。！？!?\n"
_CLAUSE_END = "，,；;：:。！？!?\n"


@dataclass(frozen=True)
class TriggerRules:
    trigger_re: re.Pattern[str]
    types: dict[str, str]
    hold_verbs: tuple[str, ...]
    frame_after: tuple[str, ...]
    organizer_verbs: tuple[str, ...]
    coordination: tuple[str, ...]
    sequential: tuple[str, ...]
    host_re: re.Pattern[str]
    object_before_org: tuple[str, ...]
    reference_after: tuple[str, ...]
    reference_cues: tuple[str, ...]
    spoil_cues: tuple[str, ...]
    form_open: tuple[str, ...]
    form_close: tuple[str, ...]
    audience_re: re.Pattern[str]
    metric_followers: tuple[str, ...]
    pronouns: tuple[str, ...]
    purpose: tuple[str, ...]
    held_right_after: tuple[str, ...]
    meeting_decided: tuple[str, ...]
    personnel_after: tuple[str, ...]
    attend_verbs: tuple[str, ...]
    secondary: frozenset[str]
    held_after: tuple[str, ...]
    sentence_spoil: tuple[str, ...]
    self_framed: frozenset[str]


@lru_cache(maxsize=1)
def trigger_rules() -> TriggerRules:
    d = load_json("event_triggers.json")
    types: dict[str, str] = {}
    for etype, words in d["types"].items():
        for w in words:
            types.setdefault(w, etype)
    words = sorted(types, key=len, reverse=True)
    host = "|".join(map(re.escape, d["host_frames"]))
    return TriggerRules(
        trigger_re=re.compile("|".join(map(re.escape, words))),
        types=types,
        hold_verbs=tuple(d["hold_verbs"]),
        frame_after=tuple(d["frame_after"]),
        organizer_verbs=tuple(sorted(d["organizer_verbs"], key=len, reverse=True)),
        coordination=tuple(d["coordination"]),
        sequential=tuple(d["sequential"]),
        host_re=re.compile(r"由([^，,。；;！？\n]{2,80}?)(?:共同|联合)?(?:" + host + ")"),
        object_before_org=tuple(d["object_before_org"]),
        reference_after=tuple(d["reference_after"]),
        reference_cues=tuple(d["reference_cues"]),
        spoil_cues=tuple(d["spoil_cues"]),
        form_open=tuple(d["form_open"]),
        form_close=tuple(d["form_close"]),
        audience_re=re.compile("|".join(map(re.escape, sorted(d["audience"], key=len)[::-1]))),
        metric_followers=tuple(d["metric_followers"]),
        pronouns=tuple(d["relative_pronouns"]),
        purpose=tuple(d["purpose_openers"]),
        held_right_after=tuple(d["held_right_after"]),
        meeting_decided=tuple(d["meeting_decided"]),
        personnel_after=tuple(d["personnel_after"]),
        attend_verbs=tuple(d["attend_verbs"]),
        secondary=frozenset(d["secondary_types"]),
        held_after=tuple(d["held_after"]),
        sentence_spoil=tuple(d["sentence_spoil_cues"]),
        self_framed=frozenset(w for ws in d["self_framed"].values() for w in ws),
    )


# --- text structure ---------------------------------------------------------
def _bounds(text: str, i: int, j: int, stops: str) -> tuple[int, int]:
    s = i
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = j
    while e < len(text) and text[e] not in stops:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1
    return s, e


def sentence_of(text: str, i: int, j: int) -> tuple[int, int]:
    return _bounds(text, i, j, _SENT_END)


def paragraph_of(text: str, i: int) -> tuple[int, int]:
    return _bounds(text, i, i, "\n")


def _in_quotes(text: str, s: int, e: int, sent: tuple[int, int]) -> bool:
    before = text[sent[0] : s]
    return before.count("“") > before.count("”") and "”" in text[e : sent[1]]


def _quoted_activity(text: str, e: int, sent: tuple[int, int]) -> bool:
    """The trigger sits in a quoted name of an activity: “送法下乡”活动."""
    k = text.find("”", e, sent[1])
    return k >= 0 and "“" not in text[e:k] and text[k + 1 : k + 3] in ("活动", "仪式")


_BACK_REFERENCE = re.compile(r"(?:此次|本次|这次|该次)[^，,。；;]{0,10}活动")
_FORM_LIST = re.compile(r"^[^。；;]{0,40}?等(?:多种|常规|多样)?(?:形式|方式)")


def _in_form_list(text: str, s: int, e: int, sent: tuple[int, int], r: TriggerRules) -> bool:
    """The trigger names a form of another activity: 通过…、现场咨询等形式."""
    after = text[e : sent[1]]
    if _FORM_LIST.match(after):
        return True
    close = min((after.find(c) for c in r.form_close if c in after), default=-1)
    if close < 0 or any(ch in after[:close] for ch in "，,；;"):
        return False
    before = text[sent[0] : s]
    opened = max((before.rfind(o) for o in r.form_open), default=-1)
    return opened >= 0 and not any(ch in before[opened:] for ch in "；;")


_QUOTED = re.compile(r"“[^“”]*”")
_QUOTED_SHORT = re.compile(r"“[^“”。！？\n]{1,30}”")


def find_mentions(text: str) -> list[dict[str, Any]]:
    """Trigger mentions framed as held activities (see the module docstring)."""
    r = trigger_rules()
    out: list[dict[str, Any]] = []
    # commas inside short quoted names do not end a clause: “学法,守法”为主题
    masked = _QUOTED_SHORT.sub(lambda q: "“" + "_" * (len(q.group(0)) - 2) + "”", text)
    for m in r.trigger_re.finditer(text):
        s, e, word = m.start(), m.end(), m.group(0)
        etype = r.types[word]
        sent = sentence_of(text, s, e)
        clause = _bounds(masked, s, e, _CLAUSE_END)
        # quoted content does not speak for the frame: “传承法治精神”
        before = _QUOTED.sub("“”", text[sent[0] : s])
        clause_before = _QUOTED.sub("“”", text[clause[0] : s])
        named = text[e : e + 1] in '”"」'  # “公众开放日”活动: the trigger ends a name
        a = e + 1 if named else e
        after = text[a : min(sent[1], a + 6)]
        if any(after.startswith(w) for w in r.reference_after):
            continue
        if any(c in clause_before for c in r.reference_cues):
            continue
        if any(c in clause_before for c in r.spoil_cues):
            continue
        if any(c in before for c in r.sentence_spoil):
            continue
        # 本次…活动的开展: a look back at the activity already reported
        if _BACK_REFERENCE.search(text, sent[0], min(sent[1], e + 4)):
            continue
        # a purpose clause: 为进一步推动…宣传月深入开展
        if clause_before.lstrip().startswith(r.purpose):
            continue
        # a count right after: 开展宣讲活动11次 is a total
        if re.match(r"^(?:活动)?[0-9一二两三四五六七八九十百余多]+(?:次|场|期|轮)", after):
            continue
        if _in_form_list(text, s, e, sent, r):
            continue
        framed = any(after.startswith(w) for w in r.frame_after)
        held_clause = any(v in clause_before for v in r.hold_verbs)
        held = any(v in before for v in r.hold_verbs)
        heading = text[sent[0] : sent[1]].strip() == text[clause[0] : clause[1]].strip()
        # …座谈会周四举行 / …启动仪式暨…活动举行: the verb comes after
        held_after = any(v in text[e : clause[1]] for v in r.held_after) or any(
            v in text[e : e + 8] for v in r.held_right_after
        )
        # 启动 is a verb itself: 启动…宣传活动 (with an object in its clause)
        self_framed = word in r.self_framed and (
            bool(re.search(r"(?:活动|行动|月|周|仪式|工作)", text[e : clause[1]]))
            or text[e : e + 1] in "。，,；;"  # …活动当天在某地启动。
        )
        # 在…会议上: the meeting was held
        met = etype == "meeting" and (
            ("会议" in word and after.startswith("上") and "在" in clause_before)
            or after.startswith(r.meeting_decided)
        )
        if not (held_clause or held_after or self_framed or met or (framed and (held or heading))):
            continue
        if _in_quotes(text, s, e, sent) and not named and not _quoted_activity(text, e, sent):
            continue
        out.append(
            {
                "start": s,
                "end": e,
                "type": etype,
                "trigger": word,
                "sent_start": sent[0],
                "sent_end": sent[1],
                "clause_start": clause[0],
            }
        )
    out = _drop_nested(text, out)
    # 启动…宣传活动: the launch is the event, the campaign its object
    launched = {
        (c["clause_start"]) for c in out if c["type"] == "launch" and c["trigger"] in r.self_framed
    }
    out = [
        c
        for c in out
        if not (
            c["type"] == "publicity" and c["clause_start"] in launched and not _launch_after(c, out)
        )
    ]
    # visits and awards inside a paragraph that reports another activity are parts of it
    primary = {paragraph_of(text, c["start"]) for c in out if c["type"] not in r.secondary}
    return [
        c
        for c in out
        if c["type"] not in r.secondary or paragraph_of(text, c["start"]) not in primary
    ]


def _launch_after(c: dict[str, Any], found: list[dict[str, Any]]) -> bool:
    """A launch verb after the campaign (…活动…启动): both are reported."""
    return any(
        x["type"] == "launch" and x["clause_start"] == c["clause_start"] and x["start"] > c["start"]
        for x in found
    )


def _another_name(text: str, a: int, b: int) -> bool:
    """A second quoted activity name in a list: “…”宣传活动和“…”活动."""
    return bool(re.search(r"(?:和|、|及|以及|与)“", text[a:b]))


def _drop_nested(text: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Within one clause, 宣传周 + 宣传活动 of one type: keep one mention per type."""
    out: list[dict[str, Any]] = []
    for c in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev["type"] == c["type"]
            and prev["clause_start"] == c["clause_start"]
            and not _another_name(text, prev["end"], c["start"])
        ):
            continue
        out.append(c)
    return out


class EventRecognizer:
    def __init__(self, spans_key: str = KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        found = find_mentions(doc.text)
        candidates(doc, self.spans_key).extend(found)
        spans = [char_span(doc, c["start"], c["end"], c["type"]) for c in found]
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        return doc


@Language.factory("fazhi_events", assigns=["doc.spans"], default_config={"spans_key": KEY})
def make_event_recognizer(nlp: Language, name: str, spans_key: str) -> EventRecognizer:
    return EventRecognizer(spans_key=spans_key)


# --- builder ----------------------------------------------------------------
def _clean_mentions(ctx: Any, records: list[Any]) -> list[tuple[int, int, str]]:
    out = []
    for rec in records:
        for sp in rec.mentions:
            s, e = ctx.norm.to_clean(sp.start, sp.end)
            if e > s:
                out.append((s, e, rec.id))
    out.sort()
    return out


def _date_for(
    c: dict[str, Any], dates: list[DateExpr], starts: list[int], text: str
) -> DateExpr | None:
    """The mention's date: an explicit date in its sentence (nearest before the
    trigger first), else a recurring day named there (宪法宣传周期间), else the
    last explicit date earlier in its paragraph."""
    s0, s1 = c["sent_start"], c["sent_end"]
    lo = bisect_right(starts, s0 - 1)
    hi = bisect_right(starts, s1 - 1)
    inside = dates[lo:hi]
    # 12月4日是第七个国家宪法日: a date defining a day, not the activity's
    explicit = [
        d for d in inside if d.kind != "recurring" and not _definitional(text, d, c["start"])
    ]
    before = [d for d in explicit if d.end <= c["start"]]
    # the trigger names a campaign period itself: “宪法宣传周”活动
    own = [
        d
        for d in inside
        if d.kind == "recurring" and d.date_end and d.start <= c["start"] < d.end + 1
    ]
    if before:
        return before[-1]
    if own:
        return own[0]
    explicit = [d for d in explicit if d.date]
    if explicit:
        return explicit[0]
    if inside:
        before = [d for d in inside if d.end <= c["start"]]
        return before[-1] if before else inside[0]
    p0, _ = paragraph_of(text, s0)
    prev = [
        d
        for d in dates[bisect_right(starts, p0 - 1) : lo]
        if d.kind != "recurring" and not (d.date_end and text[d.end : d.end + 1] in ("是", "为"))
    ]
    if prev:
        return prev[-1]
    return None


_ENUMERATED = re.compile(
    r"^\s*(?:[0-9]{1,2}[、.．]|[一二三四五六七八九十]{1,2}[、是]|[（(][0-9一二三四五六七八九十]{1,2}[)）])"
)


def _enumerated_details(text: str, c: dict[str, Any]) -> dict[str, Any] | None:
    """An enumerated heading (1、举办…报告会。) is told in the next sentence of its paragraph."""
    if not _ENUMERATED.match(text[c["sent_start"] : c["sent_end"]]):
        return None
    _, p1 = paragraph_of(text, c["sent_start"])
    if c["sent_end"] >= p1:
        return None
    s0, s1 = sentence_of(text, c["sent_end"], c["sent_end"])
    return {**c, "sent_start": s0, "sent_end": s1, "start": s1, "end": s1}


def _definitional(text: str, d: DateExpr, trigger: int) -> bool:
    return d.end < trigger and text[d.end : d.end + 1] in ("是", "为")


def _subject_orgs(
    c: dict[str, Any], text: str, orgs: list[tuple[int, int, str]], r: TriggerRules
) -> tuple[list[str], bool]:
    """Organizations acting as subject of the activity, and whether they act one by one."""
    s0, trig = c["sent_start"], c["start"]
    # 由A、B主办/承办 anywhere in the sentence
    sent_text = text[s0 : c["sent_end"]]
    hosts: list[str] = []
    for m in r.host_re.finditer(sent_text):
        a, b = s0 + m.start(1), s0 + m.end(1)
        hosts += [oid for s, e, oid in orgs if a <= s and e <= b and oid not in hosts]
    if hosts:
        return hosts, False
    # the last organizer verb before the trigger in the sentence
    window = text[s0:trig]
    verb_at = -1
    for v in r.organizer_verbs:
        k = window.rfind(v)
        if k > verb_at:
            verb_at = k
    # 某单位参加了…活动: those who attend are participants
    if max((window.rfind(v) for v in r.attend_verbs), default=-1) > verb_at:
        return [], False
    # 某局组织某中心工作人员…开展: the staff act, their body organizes nothing
    orgs = [o for o in orgs if not text.startswith(r.personnel_after, o[1])]
    end = s0 + verb_at if verb_at >= 0 else trig
    cands = [(s, e, oid) for s, e, oid in orgs if s0 <= s and e <= end]
    if not cands:
        end = trig
        cands = [(s, e, oid) for s, e, oid in orgs if s0 <= s and e <= end]
    if not cands:
        return [], False
    # the chain of organizations right before the verb, joined by coordination words
    chain: list[tuple[int, int, str]] = []
    pos = end
    for s, e, oid in reversed(cands):
        gap = text[e:pos]
        if chain:
            if not _coordinated(gap, r):
                break
        elif len(gap) > 25 or re.search(r"[。；;！？]", gap):
            break
        elif re.search(r"[，,]", gap) and not re.match(r"^[^，,]*[，,][^，,]{0,12}$", gap):
            break
        prefix = text[max(s0, s - 3) : s]
        if (
            any(prefix.endswith(w) for w in r.object_before_org)
            or _locative(text, s0, s)
            or _directed(text, s0, s)
        ):
            if chain:
                break
            pos = s
            continue
        chain.append((s, e, oid))
        pos = s
    if not chain:
        chain = _sentence_subject(text, s0, end, cands, r)
    ids: list[str] = []
    for _, _, oid in reversed(chain):
        if oid not in ids:
            ids.append(oid)
    seq = any(w in text[pos:trig] for w in r.sequential)
    return ids, seq


def _directed(text: str, s0: int, s: int) -> bool:
    """An organization whose instructions are followed: 根据某委员会的部署."""
    clause0 = max(text.rfind(ch, s0, s) for ch in "，,；;") + 1
    return bool(re.search(r"根据|按照|依据|依照|在.{0,12}指导下", text[max(s0, clause0) : s]))


def _locative(text: str, s0: int, s: int) -> bool:
    """An organization inside a place phrase: 在某县某商场门口."""
    k = text.rfind("在", max(s0, s - 12), s)
    return k >= 0 and not re.search(r"[、，,和与及]", text[k:s])


def _sentence_subject(
    text: str, s0: int, end: int, cands: list[tuple[int, int, str]], r: TriggerRules
) -> list[tuple[int, int, str]]:
    """The first organization list of the sentence when it is its subject."""
    chain: list[tuple[int, int, str]] = []
    for s, e, oid in cands:
        prefix = text[max(s0, s - 3) : s]
        if chain:
            if _coordinated(text[chain[-1][1] : s], r):
                chain.append((s, e, oid))
                continue
            break
        if any(prefix.endswith(w) for w in r.object_before_org) or _locative(text, s0, s):
            continue
        if "邀请" in text[s0:s] or _directed(text, s0, s):
            break
        chain.append((s, e, oid))
    return list(reversed(chain))


def _coordinated(gap: str, r: TriggerRules) -> bool:
    """The text between two organizations of one list (、 / 和 / 联合)."""
    g = gap.strip()
    return not g or g in r.coordination


def _name(text: str, c: dict[str, Any]) -> str | None:
    """A quoted name right before the trigger: “法治夜市”活动 → 法治夜市活动."""
    s0, s, e = c["sent_start"], c["start"], c["end"]
    before = text[s0:s]
    m = re.search(r"“([^“”]{2,40})”(?:[^，,。“”]{0,12})$", before)
    tail = text[e : e + 2]
    if m:
        return m.group(1) + text[s0 + m.end(1) + 1 : e] + ("活动" if tail == "活动" else "")
    return None


_LISTED = re.compile(r"((?:“[^“”]{2,30}”[、和及与]?){2,})等(?!主题|内容|方面)[^，,。“”]{0,6}$")


def _listed_names(text: str, c: dict[str, Any]) -> list[str]:
    """Quoted names listed right before the trigger: “A”“B”等演出活动 → [A, B]."""
    m = _LISTED.search(text, c["sent_start"], c["start"])
    if not m:
        return []
    return re.findall(r"“([^“”]{2,30})”", m.group(1))


def _theme(text: str, c: dict[str, Any]) -> str | None:
    m = re.search(r"以“([^“”]{2,60})”为主题", text[c["sent_start"] : c["sent_end"]])
    return m.group(1) if m else None


def build_events(ctx: Any) -> None:
    """Events from the mentions found by ``fazhi_events`` (see the module docstring)."""
    r = trigger_rules()
    text = ctx.norm.text
    mentions = list(ctx.candidates(KEY))
    if not mentions:
        return
    dates = [d for d in find_dates(text, ctx.published) if d.kind != "recurring" or d.date]
    # the header's publication date is not an activity's date
    pub_span = ctx.norm.published_span
    if pub_span is not None:
        ps, pe = ctx.norm.to_clean(pub_span.start, pub_span.end)
        dates = [d for d in dates if not (d.start < pe and ps < d.end)]
    starts = [d.start for d in dates]
    orgs = _clean_mentions(ctx, ctx.organizations)
    persons = _clean_mentions(ctx, ctx.persons)
    locs = _clean_mentions(ctx, ctx.locations)
    laws = _clean_mentions(ctx, ctx.laws)
    metric_at = []
    for met in ctx.metrics:
        s, e = ctx.norm.to_clean(met.span.start, met.span.end)
        metric_at.append((s, e, met.id))

    mention_at = [c["start"] for c in mentions]
    items: list[dict[str, Any]] = []
    last_orgs: list[str] = []
    context: DateExpr | None = None  # the date of the activity reported last
    for c in mentions:
        d = _date_for(c, dates, starts, text)
        ahead = _enumerated_details(text, c)
        if d is None and ahead is not None:
            d = _date_for(ahead, dates, starts, text)
        if d is None:
            d = context
        elif d.date:
            context = d
        organizers, seq = _subject_orgs(c, text, orgs, r)
        if not organizers and ahead is not None:
            organizers, seq = _subject_orgs(ahead, text, orgs, r)
        before = text[c["sent_start"] : c["start"]]
        if not organizers and any(p in before for p in r.pronouns) and last_orgs:
            organizers = list(last_orgs)
        if organizers:
            last_orgs = organizers
        s0, s1 = c["sent_start"], c["sent_end"]
        follow = _follow_up(text, c, mention_at, r)
        base = {
            "c": c,
            "type": c["type"],
            "date": d,
            "name": _name(text, c),
            "theme": _theme(text, c),
            "sent": (s0, s1),
            "headline": _headline(text, c),
            "named_day": d is not None
            and d.kind == "recurring"
            and not (d.start <= c["start"] < d.end)  # the activity is the period itself
            and not re.match(
                r"^[”」\"]?(?:期间|当天|当日|这天|之际|来临|前夕|活动期间)", text[d.end : d.end + 5]
            ),
            "participants": _participants(text, c, orgs, persons),
            "audience": _audience(text, c, r),
            "location": _location(text, c, locs),
            "laws": _ids_in(laws, s0, s1)
            + [
                x
                for f0, f1 in follow
                for x in _ids_in(laws, f0, f1)
                if x not in _ids_in(laws, s0, s1)
            ],
            "metrics": _metrics_for(c, metric_at, follow),
        }
        names = _listed_names(text, c)
        if seq and len(organizers) > 1:
            for oid in organizers:
                items.append({**base, "organizers": [oid]})
        elif len(names) > 1:
            # “A”“B”等演出活动: one activity per name
            for name in names:
                items.append({**base, "name": name, "listed": True, "organizers": organizers})
        else:
            items.append({**base, "organizers": organizers})

    events: list[dict[str, Any]] = []
    for it in items:
        target = next((ev for ev in events if _same(text, ev, it)), None)
        if target is None:
            events.append({**it, "mentions": [it]})
            continue
        target["mentions"].append(it)
        if _weaker(target, it):
            target["date"] = it["date"]
            target["headline"] = it["headline"]
        if set(target["organizers"]) < set(it["organizers"]):
            # a headline names the lead body only; the body sentence names them all
            target["organizers"] = it["organizers"]
        for k in ("name", "theme", "audience", "location"):
            if target[k] is None:
                target[k] = it[k]
        for k in ("participants", "laws", "metrics"):
            target[k] = target[k] + [x for x in it[k] if x not in target[k]]

    used_metrics: set[str] = set()
    for ev in events:
        # the trigger and evidence shown: the first body sentence (a headline says less)
        lead = next((m for m in ev["mentions"] if not m["headline"]), ev["mentions"][0])
        d: DateExpr | None = ev["date"]
        mets = [m for m in ev["metrics"] if m not in used_metrics]
        used_metrics.update(mets)
        ev_id = f"evt-{len(ctx.events) + 1}"
        ctx.events.append(
            Event(
                id=ev_id,
                type=EventType(ev["type"]),
                name=ev["name"],
                theme=ev["theme"],
                date=d.date if d is not None else None,
                date_end=d.date_end if d is not None else None,
                date_text=d.text if d is not None else None,
                date_resolved=bool(d is not None and d.resolved and d.date),
                organizers=ev["organizers"],
                participants=[p for p in ev["participants"] if p not in ev["organizers"]],
                audience=ev["audience"],
                location=ev["location"],
                laws=ev["laws"],
                metrics=mets,
                trigger=ctx.span(lead["c"]["start"], lead["c"]["end"]),
                evidence=ctx.span(*_trim(text, *lead["sent"])),
            )
        )
    _link_metrics(ctx)


def _headline(text: str, c: dict[str, Any]) -> bool:
    """A one-clause line without final punctuation: a headline or a caption."""
    line = text[c["sent_start"] : c["sent_end"]].strip()
    return bool(line) and line[-1] not in "。！？!?" and not re.search(r"[，,；;]", line)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _weaker(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Mention ``b`` says more about the date than event ``a``: a body sentence's date
    beats a headline's, any date beats none."""
    if b["date"] is None or b["date"].date is None:
        return False
    if a["date"] is None or a["date"].date is None:
        return True
    return _weak(a) and not _weak(b)


def _same(text: str, ev: dict[str, Any], it: dict[str, Any]) -> bool:
    """Two mentions of one activity: same type, compatible dates and organizers, and
    not two activities listed in one sentence."""
    if ev["type"] != it["type"]:
        return False
    if any(
        m["sent"] == it["sent"]
        and (
            _another_name(text, m["c"]["end"], it["c"]["start"])
            or (m.get("listed") and it.get("listed") and m["name"] != it["name"])
        )
        for m in ev["mentions"]
    ):
        return False
    # two captions naming their organizers are two activities (a review's photo captions)
    if (
        it["headline"]
        and it["organizers"]
        and any(
            m["headline"] and m["organizers"] and _line(text, m) != _line(text, it)
            for m in ev["mentions"]
        )
    ):
        return False
    d1 = ev["date"].date if ev["date"] is not None else None
    d2 = it["date"].date if it["date"] is not None else None
    # a headline or caption takes its date from the body
    weak = _weak(ev) or _weak(it)
    if d1 and d2 and not weak and (d1, ev["date"].date_end) != (d2, it["date"].date_end):
        return False
    o1, o2 = set(ev["organizers"]), set(it["organizers"])
    if ev["headline"] or it["headline"]:
        return not (o1 and o2 and not (o1 <= o2 or o2 <= o1))
    return not (o1 and o2 and o1 != o2)


def _line(text: str, m: dict[str, Any]) -> str:
    return text[m["sent"][0] : m["sent"][1]].strip().lstrip("—-－ ")


def _weak(m: dict[str, Any]) -> bool:
    """A date that yields to another: a headline's, or one read off a named day
    that is not used as the time of the activity (宪法宣传周期间 is)."""
    return m["headline"] or m["named_day"]


def _ids_in(spans: list[tuple[int, int, str]], s0: int, s1: int) -> list[str]:
    out: list[str] = []
    for s, e, oid in spans:
        if s0 <= s and e <= s1 and oid not in out:
            out.append(oid)
    return out


def _participants(
    text: str,
    c: dict[str, Any],
    orgs: list[tuple[int, int, str]],
    persons: list[tuple[int, int, str]],
) -> list[str]:
    """Organizations and persons invited (邀请…) in the sentence."""
    s0, s1 = c["sent_start"], c["sent_end"]
    k = text.find("邀请", s0, s1)
    if k < 0:
        return []
    end = s1
    for ch in "。；;":
        j = text.find(ch, k, s1)
        if j >= 0:
            end = min(end, j)
    return _ids_in(orgs, k, end) + _ids_in(persons, k, end)


_INVITED = re.compile(
    r"邀请([^，,。；;]{2,40}?)(?:等|共|[0-9一二三四五六七八九十百]+余?[名人位]|走进|参加|参观|参与|来到|到|齐聚|[，,。；;])"
)
_SERVED = re.compile(
    r"(?:为|向|面向|给)([^，,。；;为向给]{0,16}?)(?:讲解|讲授|宣讲|普及|解读|解答|上了|送去|发放|开展)"
)


def _audience(text: str, c: dict[str, Any], r: TriggerRules) -> str | None:
    """Those the activity was for, as written: 邀请…代表, 为…学生讲解."""
    s0, s1 = c["sent_start"], c["sent_end"]
    for pattern in (_INVITED, _SERVED):
        m = pattern.search(text, s0, s1)
        if m and r.audience_re.search(m.group(1)):
            return m.group(1).strip()
    return None


def _location(text: str, c: dict[str, Any], locs: list[tuple[int, int, str]]) -> str | None:
    for s, _e, lid in locs:
        if c["sent_start"] <= s < c["sent_end"] and text[max(0, s - 1) : s] in ("在", "于", "赴"):
            return lid
    return None


def _follow_up(
    text: str, c: dict[str, Any], mention_at: list[int], r: TriggerRules
) -> list[tuple[int, int]]:
    """Sentences that go on reporting the mention's activity: up to two after its
    sentence (one paragraph break at most), up to the next mention, and not a total
    (今年以来…, 累计…)."""
    out: list[tuple[int, int]] = []
    pos, breaks = c["sent_end"], 0
    while len(out) < 2 and pos < len(text):
        while pos < len(text) and text[pos] in "\n \t\u3000":
            breaks += text[pos] == "\n"
            pos += 1
        if breaks > 1 or pos >= len(text):
            break
        s0, s1 = sentence_of(text, pos, pos)
        if s1 <= pos or any(s0 <= m < s1 for m in mention_at):
            break
        if any(w in text[s0:s1] for w in r.sentence_spoil):
            break
        out.append((s0, s1))
        pos = s1
    return out


def _metrics_for(
    c: dict[str, Any], metric_at: list[tuple[int, int, str]], follow: list[tuple[int, int]]
) -> list[str]:
    """Metrics after the trigger in its sentence and in the follow-up sentences."""
    out = [mid for s, _e, mid in metric_at if c["end"] <= s < c["sent_end"]]
    for s0, s1 in follow:
        out += [mid for s, _e, mid in metric_at if s0 <= s < s1]
    return out


def _link_metrics(ctx: Any) -> None:
    """Set Metric.event for the metrics an event reports."""
    owner = {m: ev.id for ev in ctx.events for m in ev.metrics}
    if not owner:
        return
    ctx.metrics[:] = [
        m.model_copy(update={"event": owner[m.id]}) if m.id in owner and m.event is None else m
        for m in ctx.metrics
    ]


# --- relations --------------------------------------------------------------
_QUOTE_RE = re.compile(
    r"(?:说|表示|介绍|指出|强调|谈到|感慨|坦言|告诉记者)[:：]?\s*“([^“”]{2,400})”"
)


def build_relations(ctx: Any) -> None:
    """Typed relations between the records, each with its evidence span."""
    rels: list[Relation] = []

    def add(rtype: RelationType, head: str, tail: str | None, evidence: Any) -> None:
        if evidence is None:
            return
        rels.append(
            Relation(
                id=f"rel-{len(ctx.relations) + len(rels) + 1}",
                type=rtype,
                head=head,
                tail=tail,
                evidence=evidence,
            )
        )

    for ev in ctx.events:
        for oid in ev.organizers:
            add(RelationType.organized_by, ev.id, oid, ev.evidence)
        for pid in ev.participants:
            add(RelationType.participated_in, pid, ev.id, ev.evidence)
        if ev.location:
            add(RelationType.held_at, ev.id, ev.location, ev.evidence)
        for lid in ev.laws:
            add(RelationType.promotes_law, ev.id, lid, ev.evidence)
        for mid in ev.metrics:
            met = next((m for m in ctx.metrics if m.id == mid), None)
            add(RelationType.reported_metric, ev.id, mid, met.span if met else ev.evidence)
    text = ctx.norm.text
    for p in ctx.persons:
        if p.organization:
            sp = p.mentions[0] if p.mentions else None
            if sp is not None:
                s, e = ctx.norm.to_clean(sp.start, sp.end)
                s0, s1 = sentence_of(text, s, max(s, e))
                add(
                    RelationType.affiliated_with,
                    p.id,
                    p.organization,
                    ctx.span(*_trim(text, s0, s1)),
                )
    person_at = _clean_mentions(ctx, ctx.persons)
    for m in _QUOTE_RE.finditer(text):
        s0, _ = sentence_of(text, m.start(), m.start())
        speakers = [pid for s, e, pid in person_at if s0 <= s and e <= m.start()]
        if not speakers:
            continue
        add(RelationType.quoted, speakers[-1], None, ctx.span(m.start(1) - 1, m.end()))
    ctx.relations.extend(rels)


__all__ = ["EventRecognizer", "build_events", "build_relations", "find_mentions"]
