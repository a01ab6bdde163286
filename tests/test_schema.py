"""The record schema is a public contract: it never changes silently."""

import json
import subprocess
import sys

from conftest import ROOT

from fazhi_ie.records import SCHEMA_VERSION, article_json_schema

SNAPSHOT = ROOT / "docs" / "schema" / "article.schema.json"
REGEN = "fazhi-ie schema -o docs/schema/article.schema.json"


def test_schema_matches_snapshot():
    saved = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    current = article_json_schema()
    if saved != current:
        if saved.get("x-schema-version") == SCHEMA_VERSION:
            raise AssertionError(
                f"The record schema changed but SCHEMA_VERSION is still {SCHEMA_VERSION}. "
                "Bump it in fazhi_ie/records.py (major for removals/renames/type changes, "
                f"minor for additions), note it in docs/schema/CHANGELOG.md, then run `{REGEN}`."
            )
        raise AssertionError(f"SCHEMA_VERSION was bumped: regenerate the snapshot with `{REGEN}`.")


def test_snapshot_version_is_current():
    saved = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert saved["x-schema-version"] == SCHEMA_VERSION


def test_schema_command_prints_the_schema():
    out = subprocess.run(
        [sys.executable, "-m", "fazhi_ie", "schema"], capture_output=True, text=True, check=True
    ).stdout
    schema = json.loads(out)
    assert schema["title"] == "Article"
    for rec in ("Organization", "Person", "Location", "Law", "Event", "Metric", "Relation", "Span"):
        assert rec in schema["$defs"]
