"""Making people's text inert in each export format.

Everything a participant or facilitator typed (titles, ideas, nicknames,
cluster names, brief fields, vote labels) goes through one of these before it
reaches a document:

* :func:`escape_markdown` for Markdown (and so for the HTML made from it);
* :func:`csv_cell` for CSV cells (spreadsheet formula injection);
* :func:`xml_text` for DOCX, whose XML cannot hold most control characters.
"""

from __future__ import annotations

import re

# Backslash-escaped wherever they occur. CommonMark lets any ASCII punctuation
# be escaped, and an escaped character is always literal text. These are the
# characters that open inline structure (code, emphasis, links, images,
# autolinks, raw HTML, entities), table cells, strikethrough, and the ATX
# heading's closing sequence.
_INLINE = frozenset("\\`*_[]<>&|~#")

# Escaped when they are the first character of a line: each can open a block
# there (list item, setext underline, thematic break, block quote, heading),
# and a line starting with "|", "-" or ":" could be a table's delimiter row.
_LINE_START = frozenset("-+=>#:")

# What an autolinker builds a link around, escaped wherever it occurs: GFM's
# extended autolinks (bare https://, http://, ftp://, www., e-mail addresses,
# mailto: and xmpp:) and linkifiers such as markdown-it's (bare domains like
# kela.fi, and //host). An escaped character is literal text that markdown-it's
# linkify and cmark-gfm's URL and www. autolinks do not look across, and it
# still shows as itself. Every "@" is escaped too (see _AT). A domain's last
# label is letters, so escaping every dot before a letter leaves no domain
# whatever the label before it ends in: a combining mark (हिंदी.com, x + U+0301)
# or a zero-width character is no word character but is part of a label for
# linkify-it.
_AUTOLINK = re.compile(
    r"(?<=[a-z0-9+.-]):(?=/)"  # a scheme's colon before "/": https:/, ftp:/ ("Huom: x", "8:30", "OECD:n" stay)
    r"|(?:(?<=mailto)|(?<=xmpp)):"  # the colon of mailto: and xmpp:
    r"|(?<=www)\."  # www.
    r"|\.(?=[^\W\d_])"  # a dot before a letter, whatever precedes it: kela.fi, हिंदी.com ("8.30", "esim. näin" stay)
    r"|/(?=/)",  # the first slash of //host
    re.IGNORECASE,
)

# cmark-gfm finds e-mail addresses (mailto: and xmpp: ones too) after it has
# joined the text back together, escapes and entities included, so "\@" alone
# is still a link on GitHub. An invisible word joiner (U+2060) before the "@"
# leaves the address without a local part, for cmark-gfm and linkify-it alike.
_AT = "\u2060\\@"

# A run of digits followed by "." or ")" at the start of a line opens an
# ordered list item; escaping the delimiter keeps it text.
_ORDERED_MARKER = re.compile(r"(\d+)([.)])")

# Every way a string can break a line. Vertical tab, form feed, NEL and the
# Unicode line and paragraph separators count too.
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def text_lines(text: str) -> list[str]:
    """The non-blank lines of a text, each trimmed."""
    return [line.strip() for line in _LINE_BREAKS.split(text) if line.strip()]


def _escape_line(line: str, line_start: bool) -> str:
    head = ""
    marker = _ORDERED_MARKER.match(line) if line_start else None
    if marker:
        head, line = f"{marker.group(1)}\\{marker.group(2)}", line[marker.end():]
    elif line_start and line[:1] in _LINE_START:
        head, line = f"\\{line[0]}", line[1:]
    linking = {match.start() for match in _AUTOLINK.finditer(line)}
    return head + "".join(
        _AT if char == "@" else f"\\{char}" if char in _INLINE or index in linking else char
        for index, char in enumerate(line))


def escape_markdown(text: object, line_break: str = "\\\n", *, start_of_line: bool = True) -> str:
    """Text as Markdown that renders to exactly that text and nothing else
    (but an invisible word joiner before each "@").

    Usable as a whole paragraph, a list item, a heading, a block quote line or
    a table cell: no link, image, emphasis, code, HTML, heading, list, quote,
    table or thematic break can come from ``text``, nor an autolink that GFM
    (GitHub) or a linkifier would make of a bare address (``https://…``,
    ``www.…``, ``kela.fi``, an e-mail address). Each line of the text is
    trimmed (leading spaces would make indented code) and blank lines are
    dropped (they would end the block). The remaining lines are joined with
    ``line_break``: by default a hard line break (backslash + newline), so the
    lines stay lines within one block. In a list item the caller adds the
    item's indentation after the newline, in a block quote ``"> "``; where no
    line break is possible (table cells, headings) it passes ``" "``.

    Characters that matter only at the start of a line (``-``, ``+``, ``=``,
    ``:``, ``1.``) are escaped only there: at the start of the text unless
    ``start_of_line`` is false (the text follows other text on its line, or
    is a heading or table cell, which hold no blocks), and at the start of
    every line after a ``line_break`` that contains a newline.
    """
    if text is None:
        return ""
    new_lines = "\n" in line_break
    return line_break.join(
        _escape_line(line, start_of_line if index == 0 else new_lines)
        for index, line in enumerate(text_lines(str(text)))
    )


# Where a spreadsheet may start a cell within a text: at its start, and, for
# a reader that splits on ";" (Excel with Finnish or Swedish settings) or
# ignores the quotes, after every ";", "," and line break. A reader that trims
# cells drops spaces and quotes first, so those are skipped. A cell starting
# with = + - @, tab or carriage return is a formula (OWASP: "CSV injection").
_CELL_START = re.compile(r'(?:^|(?<=[;,\n\r]))(?:[^\S\t\r\n]|")*(?=[=+\-@\t\r])')


def csv_cell(value: object) -> str:
    """One CSV cell as text that no spreadsheet runs as a formula.

    None is empty, booleans are ``true``/``false``; a formula character at the
    start of the text, or after a ``;``, ``,`` or line break (spaces and quotes
    between skipped), gets an apostrophe before it (``'=1+1``,
    ``valita;'=1+1``), which spreadsheets show as text. The writer quotes
    every cell too (:func:`workshop.export.tables.csv_bytes`).
    """
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return _CELL_START.sub(lambda start: start.group() + "'", text)


# XML 1.0 allows tab, newline and carriage return but no other C0 control
# character, no lone surrogate and not U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """Text that can go into a DOCX run: characters XML cannot hold are
    dropped, and every line break becomes a newline (python-docx writes a
    newline as a line break within the paragraph)."""
    if text is None:
        return ""
    joined = "\n".join(_LINE_BREAKS.split(str(text)))
    return _NOT_XML.sub("", joined)
