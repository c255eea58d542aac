"""The workshop's results as CommonMark (with one GFM extension: tables).

Every text in the document, the catalog's as well as people's, goes through
:func:`~workshop.export.escape.escape_markdown`, so the only Markdown
structure in the output is the one written here: headings, paragraphs with
bold labels, bullet lists, block quotes and pipe tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markdown_it import MarkdownIt

from workshop.export.document import Block, Bullets, Heading, Paragraph, Picture, Quote, Run, Section, Table, build
from workshop.export.escape import escape_markdown

HARD_BREAK = "\\\n"


def _runs(runs: Iterable[Run], line_break: str) -> str:
    parts = []
    for run in runs:
        core = escape_markdown(run.text, line_break, start_of_line=not parts)
        if not core:
            continue
        if run.bold:
            core = f"**{core}**"
        lead = " " if run.text[:1].isspace() else ""
        trail = " " if run.text[-1:].isspace() else ""
        parts.append(f"{lead}{core}{trail}")
    return "".join(parts).strip()


def _cell(text: str) -> str:
    return escape_markdown(text, " ", start_of_line=False)


def _table(table: Table) -> str:
    lines = [
        "| " + " | ".join(_cell(text) for text in table.header) + " |",
        "| " + " | ".join("---:" if numeric else "---" for numeric in table.numeric) + " |",
    ]
    lines += ["| " + " | ".join(_cell(text) for text in row) + " |" for row in table.rows]
    return "\n".join(lines)


def render_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape_markdown(block.text, ' ', start_of_line=False)}"
    if isinstance(block, Paragraph):
        return _runs(block.runs, HARD_BREAK)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_runs(item, HARD_BREAK + '  ')}" for item in block.items)
    if isinstance(block, Quote):
        return f"> {escape_markdown(block.text, HARD_BREAK + '> ')}"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Picture):
        return ""  # the table that follows it says the same in text
    raise TypeError(f"unknown block {block!r}")


def render_section(section: Section) -> str:
    """One section as Markdown: blocks separated by blank lines, ending in a newline."""
    return "\n\n".join(text for text in map(render_block, section.blocks) if text) + "\n"


def to_markdown(snapshot: Mapping[str, Any]) -> str:
    """The workshop's results as one CommonMark document (UTF-8 text)."""
    return "\n".join(render_section(section) for section in build(snapshot).sections)


def markdown_renderer() -> MarkdownIt:
    """markdown-it-py as the HTML export uses it: CommonMark plus tables, raw
    HTML off, no linkify, no typographer. Links, images, autolinks and link
    reference definitions are switched off as well: the export writes none,
    so nothing that slipped past escaping could become one."""
    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    renderer.enable("table")
    renderer.disable(["link", "image", "autolink", "html_inline", "html_block", "reference"])
    return renderer
