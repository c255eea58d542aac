"""Downloadable results of a workshop: Markdown, HTML, DOCX, CSV (zip) and JSON.

Pure functions of one plain dict, the *snapshot* (``schema_version`` 1) that
the store builds: no Reflex, no SQL. Each renderer reads the snapshot's
``workshop.language`` for its texts and shows nicknames only when
``workshop.show_names`` is true. Output is deterministic: the same snapshot
always gives the same text or bytes.

People's text can inject nothing: Markdown escapes every special character
and what autolinkers make links of (:func:`escape_markdown`), HTML is that
Markdown rendered with raw HTML off, DOCX holds it as plain runs, CSV fields
are all quoted and a formula start (at a cell's start or after a ``;``, ``,``
or line break in it) gets an apostrophe (:func:`csv_cell`), and JSON is JSON.
"""

from workshop.export.data import to_json
from workshop.export.document import SCHEMA_VERSION
from workshop.export.escape import csv_cell, escape_markdown
from workshop.export.markdown import to_markdown
from workshop.export.page import to_html
from workshop.export.tables import to_csv_zip
from workshop.export.word import to_docx

__all__ = [
    "SCHEMA_VERSION",
    "csv_cell",
    "escape_markdown",
    "to_csv_zip",
    "to_docx",
    "to_html",
    "to_json",
    "to_markdown",
]
