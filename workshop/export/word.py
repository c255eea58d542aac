"""The workshop's results as a Word document (DOCX, python-docx).

Real structure, so that the document works with a screen reader and Word's
navigation pane: the workshop title is Heading 1, sections Heading 2, each
group, vote round and brief Heading 3, and their parts Heading 4; lists use
List Bullet, quotes the Quote style, and tables the Table Grid style with a
bold header row that repeats on every page. The page is A4, the proofing
language is the workshop's, and each brief starts on a new page ("page break
before" on its heading). People's text is only ever a run's plain text.

Deterministic bytes: the core properties (created, modified, author,
revision...) are fixed from the workshop date, and the package is rezipped
with a fixed member time, because python-docx stamps zip members with the
current time. Two calls with the same snapshot return the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workshop.export.archive import rezip, zip_time
from workshop.export.document import Block, Bullets, Document, Heading, Paragraph, Picture, Quote, Run, Table, build
from workshop.export.escape import text_lines, xml_text
from workshop.i18n import translate


def _add_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    for run in runs:
        text = xml_text(run.text)
        if text:
            paragraph.add_run(text).bold = True if run.bold else None


def _row_properties(row: Any, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # keep a row on one page
    if header:
        properties.append(OxmlElement("w:tblHeader"))  # repeat on each page


def _fill_row(row: Any, texts: tuple[str, ...], numeric: tuple[bool, ...], header: bool) -> None:
    _row_properties(row, header)
    for cell, text, is_number in zip(row.cells, texts, numeric):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if is_number:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(xml_text(text))
        if header:
            run.bold = True


def _add_table(document: Any, table: Table) -> None:
    word_table = document.add_table(rows=1, cols=len(table.header))
    word_table.style = "Table Grid"
    _fill_row(word_table.rows[0], table.header, table.numeric, header=True)
    for texts in table.rows:
        _fill_row(word_table.add_row(), texts, table.numeric, header=False)
    # Space after the table, so that the next block does not touch its border.
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _add_block(document: Any, block: Block) -> Any:
    """Add one block; return its first paragraph (None for a table)."""
    if isinstance(block, Heading):
        return document.add_heading(xml_text(block.text), level=block.level)
    if isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        _add_runs(paragraph, block.runs)
        return paragraph
    if isinstance(block, Bullets):
        first = None
        for item in block.items:
            paragraph = document.add_paragraph(style="List Bullet")
            _add_runs(paragraph, item)
            first = first or paragraph
        return first
    if isinstance(block, Quote):
        return document.add_paragraph(xml_text(block.text), style="Quote")
    if isinstance(block, Table):
        _add_table(document, block)
        return None
    if isinstance(block, Picture):
        document.add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
        paragraph = document.paragraphs[-1]
        # The picture's text alternative (Word's "Alt Text"), for screen readers.
        for properties in paragraph._p.iter(qn("wp:docPr")):
            properties.set("descr", xml_text(block.description))
        return paragraph
    raise TypeError(f"unknown block {block!r}")


def _set_page(document: Any) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)


def _set_proofing_language(document: Any, tag: str) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if language is not None:
        language.set(qn("w:val"), tag)


def _set_core_properties(document: Any, exported: Document) -> None:
    hour, minute, second = zip_time(exported.date)[3:]
    day = exported.date or datetime(1980, 1, 1).date()
    stamp = datetime.combine(day, time(hour, minute, second))
    app = translate("app.name", exported.language)
    properties = document.core_properties
    properties.title = xml_text(" ".join(text_lines(exported.title)))
    properties.subject = exported.subtitle
    properties.language = exported.language_tag
    properties.author = app
    properties.last_modified_by = app
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    for name in ("category", "comments", "content_status", "identifier", "keywords", "version"):
        setattr(properties, name, "")


def to_docx(snapshot: Mapping[str, Any]) -> bytes:
    """The workshop's results as DOCX bytes."""
    return document_docx(build(snapshot))


def document_docx(exported: Document) -> bytes:
    """Any export document (the workshop's, the portfolio's) as DOCX bytes."""
    document = docx.Document()
    _set_page(document)
    _set_proofing_language(document, exported.language_tag)
    _set_core_properties(document, exported)
    for section in exported.sections:
        for index, block in enumerate(section.blocks):
            paragraph = _add_block(document, block)
            if index == 0 and section.new_page and paragraph is not None:
                paragraph.paragraph_format.page_break_before = True
    buffer = io.BytesIO()
    document.save(buffer)
    return rezip(buffer.getvalue(), exported.date)
