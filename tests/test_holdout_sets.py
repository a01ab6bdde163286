"""The invented, blind-annotated sets of ``bench/holdout*`` stay usable: every gold
file loads with the evaluator's reader, and every name it lists is written in its text
(a gold name missing from its text could never be matched and would lower every
reading of the set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi_ie.evaluate.gold import load_gold_dir

SETS = sorted((Path(__file__).resolve().parents[1] / "bench").glob("holdout*"))


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_a_holdout_set_loads_and_its_names_are_in_its_texts(folder: Path) -> None:
    golds = load_gold_dir(folder)
    assert len(golds) == len(list(folder.glob("*.txt")))
    for g in golds:
        names = [o.name for o in g.organizations or []]
        names += [a for o in g.organizations or [] for a in o.aliases]
        names += [p.name for p in g.persons or []] + [x.name for x in g.laws or []]
        missing = [n for n in names if n not in g.text]
        assert not missing, (g.id, missing)
        known = {o.name for o in g.organizations or []}
        known |= {a for o in g.organizations or [] for a in o.aliases}
        stray = [x for e in g.events or [] for x in e.organizers if x not in known]
        assert not stray, (g.id, stray)
