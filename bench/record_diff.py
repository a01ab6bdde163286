"""Record-level differences between two versions of the parser.

Parses the seeds, the dev corpus (../shared), the bundled examples and the
invented blind sets (bench/holdout*), and
writes every Article as one JSON line; ``compare`` then lists, per article
and record type, the records that appear in one snapshot and not the other::

    python bench/record_diff.py snapshot /tmp/before.jsonl     # on the old commit
    python bench/record_diff.py snapshot /tmp/after.jsonl      # on the new one
    python bench/record_diff.py compare /tmp/before.jsonl /tmp/after.jsonl

A refactoring that preserves behaviour reports no difference. Snapshots hold
text from ../shared: keep them out of the repository. Run with the same NER
setting on both sides (``FAZHI_IE_NER=1`` or ``0``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RECORDS = ("organizations", "persons", "locations", "laws", "events", "metrics", "relations")
ARTICLE_FIELDS = ("title", "source", "published", "script", "warnings", "error")


def sources() -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for name, d in (
        ("seeds", SHARED / "seeds"),
        ("dev", SHARED / "corpus" / "dev"),
        ("examples", ROOT / "examples"),
        ("examples/gold", ROOT / "examples" / "gold"),
        *((f"bench/{d.name}", d) for d in sorted((ROOT / "bench").glob("holdout*"))),
    ):
        if d.is_dir():
            out += [(f"{name}/{p.stem}", p) for p in sorted(d.glob("*.txt"))]
    return out


def snapshot(out: Path) -> int:
    from fazhi_ie import parse_many

    items = [{"id": key, "text": p.read_text(encoding="utf-8")} for key, p in sources()]
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for art in parse_many(items, batch_size=16):
            d = art.model_dump(mode="json")
            d.pop("pipeline", None)
            fh.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"{n} articles -> {out}", file=sys.stderr)
    return n


def _load(path: Path) -> dict[str, dict]:
    arts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            arts[d["id"]] = d
    return arts


def _key(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, sort_keys=True)


def compare(a: Path, b: Path, limit: int = 200) -> int:
    """Print the differences; return how many records differ."""
    old, new = _load(a), _load(b)
    diffs = 0
    lines: list[str] = []
    for aid in sorted(set(old) | set(new)):
        if aid not in old or aid not in new:
            lines.append(f"{aid}: only in {'new' if aid in new else 'old'}")
            diffs += 1
            continue
        x, y = old[aid], new[aid]
        for f in ARTICLE_FIELDS:
            if x.get(f) != y.get(f):
                lines.append(f"{aid} {f}: {x.get(f)!r} -> {y.get(f)!r}")
                diffs += 1
        for kind in RECORDS:
            xs = {_key(r) for r in x.get(kind, [])}
            ys = {_key(r) for r in y.get(kind, [])}
            for r in sorted(xs - ys):
                lines.append(f"{aid} {kind} - {r[:240]}")
            for r in sorted(ys - xs):
                lines.append(f"{aid} {kind} + {r[:240]}")
            diffs += len(xs ^ ys)
    for line in lines[:limit]:
        print(line)
    if len(lines) > limit:
        print(f"... {len(lines) - limit} more lines")
    print(f"{len(old)} vs {len(new)} articles; {diffs} differing records or fields")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.out)
        return 0
    return 1 if compare(args.old, args.new, args.limit) else 0


if __name__ == "__main__":
    sys.exit(main())
