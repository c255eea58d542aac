"""People's text can inject nothing into any export format.

Each payload goes into every text a person can type: the workshop's title and
challenge, prompts, cluster names, ideas, nicknames (names shown), vote
labels and every brief field (also an unknown quadrant and characteristic
id, which the export shows as they are).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from tests.export.docx_dump import all_text, structure
from tests.export.fixture import ideas, snapshot
from tests.export.renderers import RENDERERS, as_read, tag_names
from tests.export.spreadsheet import formula_cells
from workshop.export import to_csv_zip, to_docx, to_html, to_json, to_markdown
from workshop.export.document import protected
from workshop.export.escape import text_lines
from workshop.export.tables import ENCODING, FILES

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=//evil></iframe>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#106;avascript:alert(1)",
]
MARKDOWN = [
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<http://evil>",
    "[a]: http://evil\n\n[a]",
    "[a][b]\n\n[b]: javascript:alert(1)",
    "# heading",
    "Title\n===",
    "- item\n- item",
    "1. one\n2. two",
    "> quote",
    "| a | b |\n| --- | --- |\n| c | d |",
    "<div>html block</div>",
    "```\nfenced code\n```",
    "    indented code",
    "`code` *em* _em_ **strong**",
    "---",
    "line one\n\nline two",
]
# A formula with no quote, comma or ";" in it (red-team round 4, F2).
_LINK = "&".join(f"CHAR({ord(char)})" for char in "http://ev.il/")
# Each payload a spreadsheet could run, and its cell as the CSV holds it: an apostrophe before
# every formula start, at the start of the text and after each ",", ";" and line break, so that
# neither Finnish or Swedish Excel (which splits on ";") nor a reader that ignores quotes runs it.
CSV_CELLS = {
    '=HYPERLINK("http://evil")': '\'=HYPERLINK("http://evil")',
    "+1": "'+1",
    "-1+1": "'-1+1",
    "@SUM(A1)": "'@SUM(A1)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r'=1+1",
    "Entä jos nuori saisi itse valita;=1+1;": "Entä jos nuori saisi itse valita;'=1+1;",
    f"Lisätietoa;=HYPERLINK({_LINK});": f"Lisätietoa;'=HYPERLINK({_LINK});",
    'Hinta, -5 €; "@nimi"\n+358 40 123': 'Hinta, \'-5 €; "\'@nimi"\n\'+358 40 123',
}
CSV = list(CSV_CELLS)
# Bare addresses that GFM's extended autolinks or a linkifier would make links of.
LINKS = [
    "Kirjaudu: https://omakanta-kirjaudu.example/login tai www.suomi-fi.example, tunnukset apu@suomi-fi.example",
    "mailto:apu@kela.fi xmpp:apu@kela.fi ftp://kela.fi/f kela.fi //localhost/x",
]
PAYLOADS = XSS + MARKDOWN + CSV + LINKS
# Other payloads whose cell differs from the text (a formula character at the start of a line).
CELLS = {**CSV_CELLS, "- item\n- item": "'- item\n'- item", "Title\n===": "Title\n'===", "---": "'---"}


def csv_cell_of(payload: str) -> str:
    """The payload's cell in a CSV file, as a spreadsheet that respects quotes reads it."""
    return CELLS.get(payload, payload)


def evil(payload: str) -> dict:
    """The fixture with names shown and every typed text replaced by the payload."""
    data = snapshot(show_names=True)
    data["workshop"].update(title=payload, challenge=payload)
    for prompt in data["prompts"]:
        prompt["text"] = payload
    for cluster in data["clusters"]:
        cluster["name"] = payload
    for idea in ideas(data):
        idea.update(text=payload, author=payload)
    for round_ in data["rounds"]:
        for placing in round_["overall"] + [p for group in round_["by_role"] for p in group["placings"]]:
            placing["label"] = payload
    for brief in data["briefs"]:
        for name in ("title", "what_if", "need", "target_group", "first_experiment", "involved", "obstacles"):
            brief[name] = payload
        brief["quotes"] = [payload, payload]
        brief["source"]["label"] = payload
        brief["oecd_quadrant"] = payload
        brief["characteristics"] = [*brief["characteristics"], payload]
    return data


def plain(payload: str) -> dict:
    return evil("x")


@pytest.fixture(params=PAYLOADS, ids=lambda payload: repr(payload)[:40])
def payload(request):
    return request.param


# --- Markdown ------------------------------------------------------------------

# Parsing the export with raw HTML, links and images all on: escaping alone must hold.
PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
FORBIDDEN_TOKENS = {"link_open", "image", "html_inline", "html_block", "code_inline", "code_block", "fence",
                    "em_open", "s_open", "hr"}


def _structure(markdown: str) -> list[str]:
    return [token.type for token in PERMISSIVE.parse(markdown)]


def _inline_types(markdown: str) -> set[str]:
    return {child.type for token in PERMISSIVE.parse(markdown) if token.children for child in token.children}


def assert_markdown_inert(markdown: str, harmless: str) -> None:
    """The Markdown has the structure it has with harmless text, and nothing of people's making."""
    assert _structure(markdown) == _structure(harmless)
    tokens = set(_structure(markdown)) | _inline_types(markdown)
    assert tokens & FORBIDDEN_TOKENS == set()
    assert _inline_types(markdown) <= {"text", "softbreak", "hardbreak", "strong_open", "strong_close"}
    # Opened on GitHub or in a linkifying viewer: no link, image or HTML appears either.
    for render in RENDERERS.values():
        assert set(tag_names(render(markdown))) <= set(tag_names(render(harmless))) | {"br"}


def test_markdown_structure_is_the_same_as_with_harmless_text(payload):
    assert_markdown_inert(to_markdown(evil(payload)), to_markdown(plain(payload)))


def test_markdown_shows_the_text_as_written(payload):
    rendered_text = as_read("\n".join(
        child.content
        for token in PERMISSIVE.parse(to_markdown(evil(payload)))
        if token.children
        for child in token.children
        if child.type == "text"
    ))
    for line in text_lines(payload):
        assert line in rendered_text


# --- HTML ----------------------------------------------------------------------

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2", "h3", "h4", "p",
                "strong", "ul", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "br"}
ALLOWED_ATTRIBUTES = {"lang", "charset", "name", "content", "class", "style"}


class _Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    handle_startendtag = handle_starttag


def test_html_has_no_markup_from_people(payload):
    html = to_html(evil(payload))
    for marker in ("<script", "<img", "<svg", "<iframe", "<a ", "<a>", "<div", "<code", "<pre", "<em>", "<hr"):
        assert marker not in html.lower()
    tags = _Tags(html).tags
    # The same elements as with harmless text; line breaks within a text may add <br>.
    structure = [name for name, _ in tags if name != "br"]
    assert structure == [name for name, _ in _Tags(to_html(plain(payload))).tags]
    for name, attributes in tags:
        assert name in ALLOWED_TAGS, name
        for attribute, value in attributes:
            assert attribute in ALLOWED_ATTRIBUTES, attribute
            assert not attribute.startswith("on")
            for forbidden in ("javascript:", "url(", "http:", "evil", "alert"):
                assert forbidden not in (value or "").lower()
    # Escaped text holds no "<" or ">": the only tags in the page are the ones the export writes.
    assert html.count("<") == len(re.findall(r"<(?:!doctype|/?[a-z0-9]+[ >])", html))


def test_html_shows_the_text_escaped(payload):
    html = as_read(to_html(evil(payload)))
    first = text_lines(payload)[0]
    escaped = first.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert escaped in html


# --- DOCX ----------------------------------------------------------------------


def assert_docx_inert(data: bytes, harmless: bytes, payload: str) -> None:
    """The DOCX holds ``payload`` as plain text, no field or link, and the structure it
    has with harmless text."""
    text = all_text(data)
    assert "\n".join(payload.replace("\r\n", "\n").replace("\r", "\n").split("\n")) in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    for element in ("<w:hyperlink", "<w:instrText", "<w:fldSimple", "<w:fldChar"):
        assert element not in body
    assert structure(data) == structure(harmless)


def test_docx_holds_the_text_verbatim(payload):
    assert_docx_inert(to_docx(evil(payload)), to_docx(plain(payload)), payload)


# --- CSV -----------------------------------------------------------------------


def _texts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode(ENCODING) for name in archive.namelist()}


def assert_no_formula_cell(data: bytes) -> dict[str, list[list[str]]]:
    """No reader (",", ";", quotes respected or not) finds a cell starting a formula in the zip's
    files; every field is quoted. The files' rows, read with ","."""
    files = {}
    for name, text in _texts(data).items():
        assert formula_cells(text) == [], name
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert text.count('"') >= 2 * sum(len(row) for row in rows), f"{name}: a field is not quoted"
        files[name] = rows
    return files


def test_csv_cells_never_start_a_formula(payload):
    files = assert_no_formula_cell(to_csv_zip(evil(payload)))
    assert list(files) == list(FILES)
    expected = csv_cell_of(payload)
    ideas_rows = files["ideas.csv"]
    header = ideas_rows[0]
    for row in ideas_rows[1:]:
        assert row[header.index("text")] == expected
        assert row[header.index("author")] == expected
    assert expected in {row[3] for row in files["votes.csv"][1:]}
    assert expected in {row[1] for row in files["clusters.csv"][1:]}


# --- JSON ----------------------------------------------------------------------


def test_json_round_trips_the_exact_strings(payload):
    data = evil(payload)
    original = copy.deepcopy(data)
    assert json.loads(to_json(data)) == protected(original)
    assert data == original  # the snapshot itself is not changed
