"""A DOCX as readable text: its structure, for golden files and assertions."""

from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def blocks(document) -> list[Paragraph | Table]:
    """Body paragraphs and tables in document order."""
    return list(document.iter_inner_content())


def paragraph_line(paragraph: Paragraph) -> str:
    style = paragraph.style.name
    marks = []
    if paragraph.paragraph_format.page_break_before:
        marks.append("page break before")
    if any(run.bold for run in paragraph.runs):
        marks.append("bold: " + " + ".join(repr(run.text) for run in paragraph.runs if run.bold))
    suffix = f"  {{{'; '.join(marks)}}}" if marks else ""
    text = paragraph.text.replace("\n", "⏎")
    return f"[{style}] {text}{suffix}"


def dump(data: bytes) -> str:
    """Core properties, then each paragraph as ``[Style] text`` and each table
    as rows of ``| cell | cell |`` (header rows marked)."""
    document = open_docx(data)
    properties = document.core_properties
    lines = [
        f"title: {properties.title}",
        f"subject: {properties.subject}",
        f"language: {properties.language}",
        f"author: {properties.author}",
        f"created: {properties.created.isoformat()}",
        f"modified: {properties.modified.isoformat()}",
        f"page: {document.sections[0].page_width.mm:.0f} x {document.sections[0].page_height.mm:.0f} mm",
        "",
    ]
    for block in blocks(document):
        if isinstance(block, Paragraph):
            lines.append(paragraph_line(block) if block.text or block.style.name != "Normal" else "[Normal]")
            continue
        lines.append(f"[table: {block.style.name}]")
        for row in block.rows:
            header = row._tr.trPr is not None and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
            cells = " | ".join(cell.text.replace("\n", "⏎") for cell in row.cells)
            lines.append(f"  {'header ' if header else ''}| {cells} |")
    return "\n".join(lines) + "\n"


def structure(data: bytes) -> list[str]:
    """Each block's kind: a paragraph's style (with its page break), a table's size."""
    shape = []
    for block in blocks(open_docx(data)):
        if isinstance(block, Paragraph):
            shape.append(block.style.name + (" +page" if block.paragraph_format.page_break_before else ""))
        else:
            shape.append(f"table {len(block.rows)}x{len(block.columns)}")
    return shape


def headings(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of every heading."""
    found = []
    for paragraph in open_docx(data).paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def all_text(data: bytes) -> str:
    """Every paragraph's and table cell's text, one per line."""
    document = open_docx(data)
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)
