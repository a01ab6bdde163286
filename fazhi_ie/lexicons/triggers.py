"""Event trigger rules: the word lists and patterns of ``data/event_triggers.json``.

Everything the event recognizer (:mod:`fazhi_ie.components.events`) and the
event and relation builders (:mod:`fazhi_ie.build.events` and its helpers,
:mod:`fazhi_ie.build.relations`) read is loaded once, into
:class:`TriggerRules` (:func:`trigger_rules`): trigger words by event type,
the verbs that frame a trigger as held, the cues that spoil it, the words of
organizer and audience phrases, and the compiled patterns. The data file's
``_doc`` notes say what each key means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import load_json
from ..text.primitives import HAN, fill, first_chars

__all__ = ["MeetingPlace", "TriggerRules", "load_trigger_rules", "trigger_rules"]


def _words(words: list[str]) -> str:
    """A regex alternation of ``words`` in the data's order."""
    return "|".join(map(re.escape, words))


@dataclass(frozen=True)
class MeetingPlace:
    """在…会议上: a trigger containing one of ``trigger_contains``,
    ``after`` right after it and ``before`` earlier in its clause."""

    trigger_contains: tuple[str, ...]
    after: str
    before: str


@dataclass(frozen=True)
class TriggerRules:
    # recognizer: triggers and their frames
    trigger_re: re.Pattern[str]
    types: dict[str, str]
    hold_verbs: tuple[str, ...]
    frame_after: tuple[str, ...]
    held_after: tuple[str, ...]
    held_right_after: tuple[str, ...]
    moved_in_re: re.Pattern[str]
    hosted_frame_re: re.Pattern[str]
    moved_in_not_before: tuple[str, ...]
    self_framed: frozenset[str]
    self_framed_object_re: re.Pattern[str]
    meeting_decided: tuple[str, ...]
    meeting_place: MeetingPlace
    quoted_activity_frames: tuple[str, ...]
    secondary: frozenset[str]
    primary_before: tuple[str, ...]
    ceremony_of: frozenset[str]
    same_kind_words: frozenset[str]
    venue_after: tuple[str, ...]
    venue_breaks: str
    campaign_launched_after: tuple[str, ...]
    appointment: frozenset[str]
    subsession_cues: tuple[str, ...]
    subsession_joiners: tuple[str, ...]
    subsession_types: frozenset[str]
    relay_types: frozenset[str]
    relay_cues: tuple[str, ...]
    talk_subject_re: re.Pattern[str]
    site_part_types: frozenset[str]
    service_part_types: tuple[str, ...]
    site_word: str
    site_reference: str
    referring_words: tuple[str, ...]
    launched_only: frozenset[str]
    period_suffixes: tuple[str, ...]
    # recognizer: what spoils a trigger
    reference_after: tuple[str, ...]
    reference_cues: tuple[str, ...]
    spoil_cues: tuple[str, ...]
    spoil_exempt: tuple[str, ...]
    dated_plan_cues: frozenset[str]
    dated_plan_re: re.Pattern[str]
    noun_cue_re: re.Pattern[str]
    noun_cue_heads: tuple[str, ...]
    on_site_re: re.Pattern[str]
    sentence_spoil: tuple[str, ...]
    dated_speech_cues: frozenset[str]
    modifier_time_cues: frozenset[str]
    purpose: tuple[str, ...]
    back_reference_re: re.Pattern[str]
    count_after_re: re.Pattern[str]
    recurring_after_re: re.Pattern[str]
    form_open: tuple[str, ...]
    form_close: tuple[str, ...]
    form_list_re: re.Pattern[str]
    form_intro_re: re.Pattern[str]
    another_name_re: re.Pattern[str]
    # builders: organizers
    organizer_verbs: tuple[str, ...]
    coordination: tuple[str, ...]
    coordination_adverbs: tuple[str, ...]
    body_descriptors: tuple[str, ...]
    own_party_units: tuple[str, ...]
    headline_label_marks: str
    inviter_before: tuple[str, ...]
    inviter_after: tuple[str, ...]
    answered_re: re.Pattern[str]
    sequential: tuple[str, ...]
    host_re: re.Pattern[str]
    host_after_org: tuple[str, ...]
    non_host_after: tuple[str, ...]
    joining_clause_re: re.Pattern[str]
    lead_frame: str
    undertake_frame: str
    announce_verbs: tuple[str, ...]
    launched_types: tuple[str, ...]
    relative_marker: str
    alias_bracket_re: re.Pattern[str]
    led_cohost_re: re.Pattern[str]
    theme_gap_re: re.Pattern[str]
    theme_span_re: re.Pattern[str]
    object_before_org: tuple[str, ...]
    object_list_marks: frozenset[str]
    personnel_after: tuple[str, ...]
    honorary_titles: tuple[str, ...]
    attend_verbs: tuple[str, ...]
    new_predicate_re: re.Pattern[str]
    pronouns: tuple[str, ...]
    self_pronoun_marks: tuple[str, ...]
    bare_self_re: re.Pattern[str]
    zero_cohost_verbs: tuple[str, ...]
    host_block_re: re.Pattern[str]
    listed_day_re: re.Pattern[str]
    time_anchor_after: tuple[str, ...]
    follow_subject_verbs: tuple[str, ...]
    follow_lead_max: int
    zero_subject_re: re.Pattern[str]
    staff_subject_re: re.Pattern[str]
    activity_reference_re: re.Pattern[str]
    speech_verbs: tuple[str, ...]
    title_subject_verbs: tuple[str, ...]
    total_before: tuple[str, ...]
    caption_marks: tuple[str, ...]
    kinds_close_re: re.Pattern[str]
    session_ordinal_re: re.Pattern[str]
    session_types: frozenset[str]
    launched_campaign_re: re.Pattern[str]
    campaign_period_cues: tuple[str, ...]
    speaker_verbs: tuple[str, ...]
    person_subject_types: frozenset[str]
    class_subject_re: re.Pattern[str]
    title_after_re: re.Pattern[str]
    directed_re: re.Pattern[str]
    directed_span_re: re.Pattern[str]
    organized_span_re: re.Pattern[str]
    follow_host_re: re.Pattern[str]
    lead_host_verbs: tuple[str, ...]
    lead_host_sentences: int
    lead_host_stops: tuple[str, ...]
    locative_marker: str
    destination_markers: tuple[str, ...]
    venue_marker_re: re.Pattern[str]
    locative_joiners: str
    # builders: dates, names, participants, audience, place
    enumerated_re: re.Pattern[str]
    definitional_re: re.Pattern[str]
    verb_triggers: frozenset[str]
    modifier_types: frozenset[str]
    modifier_not_before: tuple[str, ...]
    year_only_re: re.Pattern[str]
    approach_re: re.Pattern[str]
    occasion_before: tuple[str, ...]
    until_re: re.Pattern[str]
    invited_talk_types: frozenset[str]
    talk_hosts: frozenset[str]
    date_label_re: re.Pattern[str]
    day_as_time_re: re.Pattern[str]
    listed_re: re.Pattern[str]
    theme_re: re.Pattern[str]
    name_suffix: str
    invite_verb: str
    invited_re: re.Pattern[str]
    served_re: re.Pattern[str]
    served_frame_re: re.Pattern[str]
    invited_frame_re: re.Pattern[str]
    audience_re: re.Pattern[str]
    told_re: re.Pattern[str]
    visit_opener_re: re.Pattern[str]
    registration_after_re: re.Pattern[str]
    umbrella_re: re.Pattern[str]
    talk_verbs: frozenset[str]
    invited_cohost_re: re.Pattern[str]
    told_lecture_audience: frozenset[str]
    location_markers: tuple[str, ...]
    # relations
    quote_re: re.Pattern[str]

    def another_name(self, text: str, a: int, b: int) -> bool:
        """A second quoted activity name in ``text[a:b]``: “…”宣传活动和“…”活动."""
        return bool(self.another_name_re.search(text[a:b]))


def _types(d: dict[str, Any]) -> dict[str, str]:
    types: dict[str, str] = {}
    for key in ("types", "clause_final_types", "named_activity_types", "lookahead_types"):
        for etype, words in d[key].items():
            for w in words:
                types.setdefault(w, etype)
    return types


def _trigger_pattern(d: dict[str, Any], types: dict[str, str]) -> str:
    """Longest trigger first; clause-final words only before a clause end, words with
    their own lookahead only before it."""
    final = {w for ws in d["clause_final_types"].values() for w in ws}
    ahead = d["clause_final_lookahead"]
    named = {w for ws in d["named_activity_types"].values() for w in ws}
    behind = d["named_activity_lookbehind"]
    own = {w: p for ws in d["lookahead_types"].values() for w, p in ws.items()}
    words = sorted(types, key=len, reverse=True)
    branches = "|".join(
        (behind if w in named else "")
        + re.escape(w)
        + (ahead if w in final else "")
        + own.get(w, "")
        for w in words
    )
    # every match starts with a word's first character: checked first, the scan skips
    # the other characters at once (4x faster over articles than the bare alternation)
    return f"(?={first_chars(words)})(?:{branches})"


@lru_cache(maxsize=1)
def trigger_rules() -> TriggerRules:
    """The rules of ``data/event_triggers.json``, read once."""
    d = load_json("event_triggers.json")
    types = _types(d)
    host = fill(d["host_pattern"], HOST_FRAMES=_words(d["host_frames"]))
    meeting = d["meeting_place"]
    return TriggerRules(
        trigger_re=re.compile(_trigger_pattern(d, types)),
        types=types,
        hold_verbs=tuple(d["hold_verbs"]),
        frame_after=tuple(d["frame_after"]),
        held_after=tuple(d["held_after"]),
        held_right_after=tuple(d["held_right_after"]),
        moved_in_re=re.compile(d["moved_in_pattern"]),
        hosted_frame_re=re.compile(d["hosted_frame_pattern"]),
        moved_in_not_before=tuple(d["moved_in_not_before"]),
        self_framed=frozenset(w for ws in d["self_framed"].values() for w in ws),
        self_framed_object_re=re.compile(f"(?:{_words(d['self_framed_objects'])})"),
        meeting_decided=tuple(d["meeting_decided"]),
        meeting_place=MeetingPlace(
            trigger_contains=tuple(meeting["trigger_contains"]),
            after=meeting["after"],
            before=meeting["before"],
        ),
        quoted_activity_frames=tuple(d["quoted_activity_frames"]),
        secondary=frozenset(d["secondary_types"]),
        primary_before=tuple(d["primary_before"]),
        ceremony_of=frozenset(d["ceremony_of"]),
        same_kind_words=frozenset(d["same_kind_words"]),
        venue_after=tuple(d["venue_after"]),
        venue_breaks=d["venue_breaks"],
        campaign_launched_after=tuple(d["campaign_launched_after"]),
        appointment=frozenset(d["appointment"]),
        subsession_cues=tuple(d["subsession_cues"]),
        subsession_joiners=tuple(d["subsession_joiners"]),
        subsession_types=frozenset(d["subsession_types"]),
        relay_types=frozenset(d["relay_types"]),
        relay_cues=tuple(d["relay_cues"]),
        talk_subject_re=re.compile(d["talk_subject_pattern"]),
        site_part_types=frozenset(d["site_part_types"]),
        service_part_types=tuple(d["service_part_types"]),
        site_word=d["site_word"],
        site_reference=d["site_reference"],
        referring_words=tuple(d["referring_words"]),
        launched_only=frozenset(d["launched_only"]),
        period_suffixes=tuple(d["period_suffixes"]),
        reference_after=tuple(d["reference_after"]),
        reference_cues=tuple(d["reference_cues"]),
        spoil_cues=tuple(d["spoil_cues"]),
        spoil_exempt=tuple(d["spoil_exempt"]),
        dated_plan_cues=frozenset(d["dated_plan_cues"]),
        dated_plan_re=re.compile(d["dated_plan_pattern"]),
        noun_cue_re=re.compile(d["noun_cue_pattern"]),
        noun_cue_heads=tuple(d["noun_cue_heads"]),
        on_site_re=re.compile(d["on_site_pattern"]),
        sentence_spoil=tuple(d["sentence_spoil_cues"]),
        dated_speech_cues=frozenset(d["dated_speech_cues"]),
        modifier_time_cues=frozenset(d["modifier_time_cues"]),
        purpose=tuple(d["purpose_openers"]),
        back_reference_re=re.compile(d["back_reference_pattern"]),
        count_after_re=re.compile(d["count_after_pattern"]),
        recurring_after_re=re.compile(d["recurring_after_pattern"]),
        form_open=tuple(d["form_open"]),
        form_close=tuple(d["form_close"]),
        form_list_re=re.compile(d["form_list_pattern"]),
        form_intro_re=re.compile(d["form_intro_pattern"]),
        another_name_re=re.compile(d["another_name_pattern"]),
        organizer_verbs=tuple(sorted(d["organizer_verbs"], key=len, reverse=True)),
        coordination=tuple(d["coordination"]),
        coordination_adverbs=tuple(sorted(d["coordination_adverbs"], key=len, reverse=True)),
        body_descriptors=tuple(sorted(d["body_descriptors"], key=len, reverse=True)),
        headline_label_marks=d["headline_label_marks"],
        inviter_before=tuple(d["inviter_before"]),
        inviter_after=tuple(d["inviter_after"]),
        # 应某校邀请 / 受某局的邀请: the invitation frame 'inviter_before' … 'inviter_after'
        answered_re=re.compile(
            f"(?:{_words(d['inviter_before'])})[^，,。；;]{{1,30}}?"
            f"(?:{_words(sorted(d['inviter_after'], key=len, reverse=True))})"
        ),
        own_party_units=tuple(sorted(d["own_party_units"], key=len, reverse=True)),
        sequential=tuple(d["sequential"]),
        host_re=re.compile(host),
        host_after_org=tuple(sorted(d["host_after_org"], key=len, reverse=True)),
        non_host_after=tuple(d["non_host_after"]),
        joining_clause_re=re.compile(d["joining_clause_pattern"]),
        lead_frame=d["lead_frame"],
        undertake_frame=d["undertake_frame"],
        announce_verbs=tuple(d["announce_verbs"]),
        launched_types=tuple(d["launched_types"]),
        relative_marker=d["relative_marker"],
        alias_bracket_re=re.compile(d["alias_bracket_pattern"]),
        led_cohost_re=re.compile(d["led_cohost_pattern"]),
        theme_gap_re=re.compile(d["theme_gap_pattern"]),
        theme_span_re=re.compile(d["theme_span_pattern"]),
        object_before_org=tuple(d["object_before_org"]),
        object_list_marks=frozenset(d["object_list_marks"]),
        personnel_after=tuple(d["personnel_after"]),
        honorary_titles=tuple(d["honorary_titles"]),
        attend_verbs=tuple(d["attend_verbs"]),
        new_predicate_re=re.compile(
            f"[，,]\\s*(?:{'|'.join(map(re.escape, d['new_predicate_openers']))})"
        ),
        pronouns=tuple(d["relative_pronouns"]),
        self_pronoun_marks=tuple(d["self_pronoun_marks"]),
        zero_cohost_verbs=tuple(d["zero_cohost_verbs"]),
        host_block_re=re.compile(d["host_block_pattern"], re.MULTILINE),
        listed_day_re=re.compile(d["listed_day_pattern"]),
        time_anchor_after=tuple(d["time_anchor_after"]),
        bare_self_re=re.compile(f"(?<![{HAN}])(?:{_words(d['bare_self_heads'])})"),
        follow_subject_verbs=tuple(d["follow_subject_verbs"]),
        follow_lead_max=int(d["follow_lead_max"]),
        zero_subject_re=re.compile(d["zero_subject_pattern"]),
        staff_subject_re=re.compile(d["staff_subject_pattern"]),
        activity_reference_re=re.compile(d["activity_reference_pattern"]),
        speech_verbs=tuple(d["speaker_clause_verbs"]),
        title_subject_verbs=tuple(d["title_subject_verbs"]),
        total_before=tuple(d["total_before"]),
        caption_marks=tuple(d["caption_marks"]),
        kinds_close_re=re.compile(d["kinds_close_pattern"]),
        session_ordinal_re=re.compile(d["session_ordinal_pattern"]),
        session_types=frozenset(d["session_types"]),
        launched_campaign_re=re.compile(d["launched_campaign_pattern"]),
        campaign_period_cues=tuple(d["campaign_period_cues"]),
        speaker_verbs=tuple(d["speaker_verbs"]),
        person_subject_types=frozenset(d["person_subject_types"]),
        class_subject_re=re.compile(d["class_subject_pattern"]),
        title_after_re=re.compile(d["title_after_pattern"]),
        directed_re=re.compile(d["directed_pattern"]),
        directed_span_re=re.compile(d["directed_span_pattern"]),
        organized_span_re=re.compile(d["organized_span_pattern"]),
        follow_host_re=re.compile(d["follow_host_pattern"]),
        lead_host_verbs=tuple(d["lead_host_verbs"]),
        lead_host_sentences=int(d["lead_host_sentences"]),
        lead_host_stops=tuple(d["lead_host_stops"]),
        locative_marker=d["locative_marker"],
        destination_markers=tuple(d["destination_markers"]),
        venue_marker_re=re.compile(d["venue_marker_pattern"]),
        locative_joiners=d["locative_joiners"],
        enumerated_re=re.compile(d["enumerated_pattern"]),
        definitional_re=re.compile(d["definitional_after"]),
        verb_triggers=frozenset(d["verb_triggers"]),
        modifier_types=frozenset(d["modifier_types"]),
        modifier_not_before=tuple(d["modifier_not_before"]),
        year_only_re=re.compile(d["year_only_pattern"]),
        approach_re=re.compile(d["approach_pattern"]),
        occasion_before=tuple(d["occasion_before"]),
        until_re=re.compile(d["until_pattern"]),
        invited_talk_types=frozenset(d["invited_talk_types"]),
        talk_hosts=frozenset(d["talk_hosts"]),
        date_label_re=re.compile(d["date_label_pattern"]),
        day_as_time_re=re.compile(f'^[”」"]?(?:{_words(d["day_as_time_after"])})'),
        listed_re=re.compile(d["listed_pattern"]),
        theme_re=re.compile(d["theme_pattern"]),
        name_suffix=d["name_suffix"],
        invite_verb=d["invite_verb"],
        invited_re=re.compile(d["invited_pattern"]),
        served_re=re.compile(d["served_pattern"]),
        served_frame_re=re.compile(d["served_frame_pattern"]),
        invited_frame_re=re.compile(d["invited_frame_pattern"]),
        audience_re=re.compile(_words(sorted(d["audience"], key=len)[::-1])),
        told_re=re.compile(d["told_pattern"]),
        visit_opener_re=re.compile(d["visit_opener_pattern"]),
        registration_after_re=re.compile(d["registration_after_pattern"]),
        umbrella_re=re.compile(d["umbrella_pattern"]),
        talk_verbs=frozenset(d["talk_verbs"]),
        invited_cohost_re=re.compile(d["invited_cohost_pattern"]),
        told_lecture_audience=frozenset(d["told_lecture_audience"]),
        location_markers=tuple(d["location_markers"]),
        quote_re=re.compile(f"(?:{_words(d['quote_verbs'])})[:：]?\\s*“([^“”]{{2,400}})”"),
    )


#: The loader under the ``load_<thing>`` name of the lexicons.
load_trigger_rules = trigger_rules
