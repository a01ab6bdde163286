"""What the rule-round tests read off a parse: organization names, and each event's
type with its organizers' names (imported by tests/test_rules_round*.py)."""

from __future__ import annotations

from fazhi_ie import parse


def org_names(text: str) -> list[str]:
    """The names of the organizations of ``text``, in order."""
    return [o.name for o in parse(text).organizations]


def events_with_organizers(text: str) -> list[tuple[str, list[str]]]:
    """(type, organizer names) of each event of ``text``, in order."""
    art = parse(text)
    names = {o.id: o.name for o in art.organizations}
    return [(e.type.value, [names[x] for x in e.organizers]) for e in art.events]
