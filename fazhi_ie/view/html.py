"""The HTML plumbing shared by the article view and the corpus report.

Templates are Jinja2 files in ``fazhi_ie/data/view/`` rendered with autoescaping on
for every value, so that article text (which may hold ``<script>`` or
``"><img onerror=...>``) always reaches the page as text. Markup built in Python goes
through :func:`markupsafe.escape` the same way. Nothing in a page is fetched: the CSS
is inlined, plots are inline SVG, and there is no script.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markupsafe import Markup

from ..resources import data_path

#: Content-Security-Policy of a standalone page: no script, no fetch of any kind; the
#: inline stylesheet and inline SVG are all a page needs.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Html(str):
    """An HTML string that Jupyter displays as HTML (``_repr_html_``); still a ``str``."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # text frontends: a line, not the whole page
        return f"<fazhi_ie HTML, {len(self):,} characters: str() for the text>"

    def __html__(self) -> str:  # markupsafe: already markup, do not escape again
        return str(self)


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_path("view"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@cache
def stylesheet() -> Markup:
    """The view's CSS (``data/view/view.css``), to inline in a ``<style>`` element."""
    return Markup(data_path("view/view.css").read_text(encoding="utf-8"))


def render_template(name: str, **values: Any) -> Html:
    """Render ``data/view/<name>`` with autoescaping."""
    return Html(_environment().get_template(name).render(css=stylesheet(), **values))


def page(body: str, *, title: str) -> Html:
    """A standalone HTML document around a rendered fragment (view or report)."""
    return render_template("page.html", body=Markup(body), title=title, csp=CSP)


__all__ = ["CSP", "Html", "page", "render_template", "stylesheet"]
