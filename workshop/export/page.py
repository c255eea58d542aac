"""The workshop's results as one self-contained, print-ready HTML page.

The body is the Markdown export rendered by markdown-it-py with raw HTML off
(see :func:`workshop.export.markdown.markdown_renderer`), one section at a
time: each brief is wrapped in ``<section class="brief">`` so that it starts
on a new page when printed. The only HTML written here is the page around it,
and its one variable text (the title) goes through :func:`html.escape`. No
external resource: CSS is inline, there are no scripts, fonts or images.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from workshop.export.document import build
from workshop.export.escape import text_lines
from workshop.export.markdown import markdown_renderer, render_section

CSS = """\
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
html { color: #111; background: #fff; }
body {
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  font-size: 11pt; line-height: 1.45;
  max-width: 48em; margin: 2em auto; padding: 0 1.5em;
}
h1, h2, h3, h4 { line-height: 1.2; margin: 1.4em 0 0.5em; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 22pt; margin-top: 0; }
h2 { font-size: 16pt; border-bottom: 1px solid #999; padding-bottom: 0.15em; }
h3 { font-size: 13pt; }
h4 { font-size: 11pt; }
p, li, blockquote { orphans: 3; widows: 3; overflow-wrap: anywhere; }
ul { padding-left: 1.4em; }
li { margin: 0.2em 0; }
blockquote {
  margin: 0.6em 0 0.6em 0.4em; padding: 0.1em 0 0.1em 0.9em;
  border-left: 3px solid #777; font-style: italic;
}
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.2em; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #555; padding: 0.3em 0.5em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: bold; background: #eee; }
section.brief { break-before: page; page-break-before: always; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
}
"""


def to_html(snapshot: Mapping[str, Any]) -> str:
    """The workshop's results as a standalone HTML5 page (UTF-8 text)."""
    document = build(snapshot)
    renderer = markdown_renderer()
    body = []
    for section in document.sections:
        html = renderer.render(render_section(section))
        body.append(f'<section class="brief">\n{html}</section>\n' if section.new_page else html)
    title = escape(" ".join(text_lines(f"{document.title} – {document.subtitle}")))
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(document.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{CSS}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{''.join(body)}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
