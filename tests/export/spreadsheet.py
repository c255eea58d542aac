"""A CSV file as the spreadsheets people open it in cut it into cells.

Excel with English settings splits a ``.csv`` on ",", with Finnish or Swedish
ones (the list separator of fi-FI and sv-FI) on ";", both respecting quotes. A
careless reader may ignore the quotes and split on ",", ";" and line ends, and
may trim spaces and quotes from each piece. A cell that starts with a formula
character in any of these readings could run.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

# What a spreadsheet takes for the start of a formula (OWASP "CSV injection"), also after
# white space (tab, carriage return) and quotes that a trimming reader drops.
FORMULA_START = ("=", "+", "-", "@")


def cells_as_read(text: str) -> Iterator[str]:
    """Every cell any of the readers above makes of a CSV file's ``text``."""
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield from row
    yield from re.split(r"[,;\r\n]", text)


def formula_cells(text: str) -> list[str]:
    """The cells of ``text`` that some reader would take for a formula, as they are or trimmed
    of white space and quotes."""
    return [cell for cell in cells_as_read(text) if re.sub(r'^[\s"]+', "", cell).startswith(FORMULA_START)]
