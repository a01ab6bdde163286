"""The view and the report in a real browser: headless Chromium, driven by its CLI.

Chromium loads each page from a file, runs it, and prints the DOM it built
(``--dump-dom``) and its console (``--enable-logging=stderr``); a second run takes a
screenshot into the test's tmp dir. The checks: no console message at all (the pages
have no script, so any message is an error: a blocked script, a failed load), the
highlighted spans with the right count per kind, the article text back unchanged, no
``<script>``/``<img>`` element and an unchanged ``document.title`` (the hostile text
sets it when it runs; a control page shows that it would).

Skipped when Chromium is absent (Debian: ``apt-get install chromium``; ``.ci/run``
installs it). ``FAZHI_IE_VIEW_PNG=docs/img/view.png pytest tests/test_browser.py -k
example`` also writes the README's screenshot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_view import EXPECTED, SCRIPT, Page, sample_article

import fazhi_ie
from fazhi_ie.view import render
from fazhi_ie.view.marks import collect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (Debian: apt-get install chromium); "
        "the browser checks of the HTML view need it",
    ),
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def open_page(tmp_path: Path, html: str, name: str) -> tuple[Page, str, list[str]]:
    """Load ``html`` in Chromium: the DOM it built (read back), as text, and its console."""
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    run = chromium(tmp_path, "--dump-dom", path.as_uri())
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return Page(run.stdout), run.stdout, console


def screenshot(tmp_path: Path, page: str, png: str, size: str = "1000,1000") -> Path:
    out = tmp_path / png
    chromium(tmp_path, f"--screenshot={out}", f"--window-size={size}", (tmp_path / page).as_uri())
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000
    return out


def title_of(dom: str) -> str:
    return dom.split("<title>", 1)[1].split("</title>", 1)[0] if "<title>" in dom else ""


def bare_page(fragment: str) -> str:
    """A fragment as a notebook shows it: in a page with no CSP of ours."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>notebook</title>'
        f"</head><body>{fragment}</body></html>"
    )


def test_control_a_script_that_runs_is_seen(tmp_path):
    # The same hostile text inserted without escaping: the checks below must see it.
    html = bare_page(f"<p>{SCRIPT}<script>console.error('control')</script></p>")
    page, dom, console = open_page(tmp_path, html, "control.html")
    assert title_of(dom) == "PWNED"
    assert "script" in page.tags
    assert any("control" in line for line in console)


@pytest.mark.parametrize("full_page", [False, True], ids=["notebook", "standalone"])
def test_view_in_chromium(tmp_path, full_page):
    art = sample_article()
    html = render(art, full_page=full_page)
    page, dom, console = open_page(tmp_path, html if full_page else bare_page(html), "view.html")
    assert console == []
    assert title_of(dom) == (
        "notebook"
        if not full_page
        else "白河县司法局开展“宪法进万家”活动 &lt;script&gt;document.title='PWNED'&lt;/script&gt;"
    )
    assert "script" not in page.tags and "img" not in page.tags
    assert {k: page.count(k) for k in EXPECTED} == EXPECTED
    assert "".join(page.text_box) == art.text
    screenshot(tmp_path, "view.html", "view.png")


def test_report_in_chromium(tmp_path):
    arts = [sample_article(id="a1"), sample_article(id="a2")]
    page, dom, console = open_page(tmp_path, fazhi_ie.report(arts, full_page=True), "report.html")
    assert console == []
    assert page.tags.count("svg") == 3
    assert "script" not in page.tags and "img" not in page.tags
    assert '<div class="fzr-card" data-stat="articles"><b>2</b>' in dom
    screenshot(tmp_path, "report.html", "report.png", size="1000,1600")


@pytest.mark.pipeline
def test_example_article_in_chromium(tmp_path):
    text = (EXAMPLES / "01_open_day.txt").read_text(encoding="utf-8")
    art = fazhi_ie.parse(text, id="01_open_day")
    page, _, console = open_page(tmp_path, render(art, full_page=True), "example.html")
    assert console == []
    marks, _ = collect(art)
    kinds = {m.kind for m in marks}
    assert {"org", "per", "law", "num", "evt"} <= kinds
    for kind in kinds:
        assert page.count(kind) == sum(m.kind == kind for m in marks), kind
    png = screenshot(tmp_path, "example.html", "view.png", size="980,900")
    target = os.environ.get("FAZHI_IE_VIEW_PNG")
    if target:  # the README's screenshot, made by this code path
        shutil.copyfile(png, target)
