"""The escaping functions: Markdown text stays text, CSV cells never run, DOCX text is XML-safe."""

from __future__ import annotations

import html
import random
import re

import pytest
from markdown_it import MarkdownIt

from tests.export.renderers import RENDERERS, as_read, tag_names
from workshop.export.escape import csv_cell, escape_markdown, text_lines, xml_text

# A parser more permissive than the export's: raw HTML on, tables and
# strikethrough on, links and images on. Escaped text must stay text even here.
PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

TRICKY = [
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<http://evil>",
    "<evil@example.com>",
    "[a]: http://evil",
    "[a]\n\n[a]: http://evil",
    "[a][b]",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<!-- comment -->",
    "<div>\nblock\n</div>",
    "# heading",
    "###### six",
    "Title\n===",
    "Title\n---",
    "---",
    "***",
    "_ _ _",
    "- item",
    "+ item",
    "* item",
    "1. one",
    "1) one",
    "123456789. many",
    "> quote",
    ">> nested",
    "    indented code",
    "\tindented with a tab",
    "```\ncode\n```",
    "~~~python\ncode\n~~~",
    "`code`",
    "``double``",
    "*em* _em_ **strong** __strong__ ~~strike~~",
    "| a | b |\n| --- | --- |\n| c | d |",
    "a | b\n:-- | --:",
    "a \\| b\n:--",
    "&lt;script&gt; &amp; &#106;avascript: &#x3C;",
    "back\\slash at the end\\",
    "\\[not a link\\]",
    "trailing two spaces  \nnext line",
    "line one\n\n\nline two after blank lines",
    "\r\nwindows\r\nlines\r\n",
    "old mac\rline",
    "unicode\u2028line\u2029separators",
    "= 1+1",
    ": definition",
    "+1",
    "-1+1",
    "Ääkköset ja 🌈 ja  kaksi  välilyöntiä",
    "   ",
    "",
]

INLINE_TEXT = {"text", "softbreak", "hardbreak"}


def _inline(tokens) -> list:
    return [token for token in tokens if token.type == "inline"]


def _text(inline, line_join: str = "\n") -> str:
    parts = []
    for child in inline.children:
        assert child.type in INLINE_TEXT, f"{child.type} from escaped text"
        parts.append(child.content if child.type == "text" else line_join)
    return "".join(parts)


def _expected(text: str, line_join: str = "\n") -> str:
    return line_join.join(text_lines(text))


# Each context: (markdown around the escaped text, expected block token types, line join)
def _paragraph(text):
    return escape_markdown(text), ["paragraph_open", "inline", "paragraph_close"], "\n"


def _list_item(text):
    md = "- first\n- " + escape_markdown(text, "\\\n  ")
    item = ["list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close"]
    blocks = ["bullet_list_open", *item, *item, "bullet_list_close"]
    return md, blocks, "\n"


def _quote(text):
    md = "> " + escape_markdown(text, "\\\n> ")
    return md, ["blockquote_open", "paragraph_open", "inline", "paragraph_close", "blockquote_close"], "\n"


def _heading(text):
    return "### " + escape_markdown(text, " ", start_of_line=False), ["heading_open", "inline", "heading_close"], " "


def _cell(text):
    md = "| a | b |\n| --- | ---: |\n| " + escape_markdown(text, " ", start_of_line=False) + " | 1 |"
    blocks = ["table_open", "thead_open", "tr_open", "th_open", "inline", "th_close", "th_open", "inline", "th_close",
              "tr_close", "thead_close", "tbody_open", "tr_open", "td_open", "inline", "td_close", "td_open", "inline",
              "td_close", "tr_close", "tbody_close", "table_close"]
    return md, blocks, " "


def _after_label(text):
    md = "label: " + escape_markdown(text, start_of_line=False)
    return md, ["paragraph_open", "inline", "paragraph_close"], "\n"


CONTEXTS = {
    "paragraph": _paragraph, "list item": _list_item, "quote": _quote,
    "heading": _heading, "table cell": _cell, "after a label": _after_label,
}


def _check(context: str, text: str) -> None:
    markdown, blocks, join = CONTEXTS[context](text)
    if not text_lines(text):
        return  # nothing to show: the block is empty (callers show a placeholder)
    tokens = PERMISSIVE.parse(markdown)
    assert [token.type for token in tokens] == blocks, markdown
    inlines = _inline(tokens)
    target = {"list item": 1, "table cell": 2}.get(context, 0)
    rendered = as_read(_text(inlines[target], join))
    prefix = "label: " if context == "after a label" else ""
    assert rendered == prefix + _expected(text, join), markdown
    for other in inlines:
        _text(other, join)  # every inline is text only


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_is_only_text(context, text):
    _check(context, text)


@pytest.mark.parametrize("context", CONTEXTS)
def test_random_punctuation_is_only_text(context):
    alphabet = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("aä1 \n\t") + ["1.", "- ", "\n\n", "http://"]
    generator = random.Random(20261124)
    for _ in range(1500):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 24)))
        _check(context, text)


# Text that a GFM renderer or a linkifier would make a link of, unescaped.
LINKY = [
    "Kirjaudu tästä: https://omakanta-kirjaudu.example/login",
    "http://kela.fi",
    "HTTPS://KELA.FI/X",
    "ftp://files.example.org/f.zip",
    "https://192.168.0.1/admin",
    "www.suomi-fi.example",
    "WWW.KELA.FI",
    "www.1x.fi",
    "(www.kela.fi)",
    "*www.kela.fi*",
    "_http://kela.fi_",
    "~https://kela.fi~",
    "lue lisää: https://kela.fi.",
    "apu@suomi-fi.example",
    "etu.suku@kela.co.uk",
    "mailto:apu@kela.fi",
    "MAILTO:apu@kela.fi",
    "xmpp:apu@kela.fi/koti",
    "xmpp:apu@kela.fi",
    "<https://kela.fi>",
    "<apu@kela.fi>",
    "<mailto:apu@kela.fi>",
    "[linkki](https://kela.fi)",
    "![kuva](https://kela.fi/k.png)",
    "[a]\n\n[a]: https://kela.fi",
    "[a][b]\n\n[b]: https://kela.fi",
    '<a href="https://kela.fi">kela</a>',
    "<img src=https://kela.fi/k.png>",
    "kela.fi",
    "suomi.fi/kirjaudu",
    "omakanta.fi:443/x",
    "//localhost/x",
    "//evil.example",
    "xn--80ak6aa92e.com",
    "пример.рф",
    "rivi\nhttps://kela.fi\nwww.kela.fi\napu@kela.fi",
    # A dot after a combining mark or a zero-width character (red-team round 4, F3).
    "Lue lisää: हिंदी.com/kirjaudu",
    "Lue: ไทยดี.com",
    "Lue: evil\u200b.com/x",
    "Lue: evilx\u0301.com/login",
    "evil\u2060.fi evil\u00ad.fi evil\u200d.fi evil\ufe0f.fi evil\u200c.рф",
    "\u0301.com a\u0308\u200b.fi/x",
]

# The tags the contexts above make; anything else came from the text.
TEXT_TAGS = {"p", "br", "ul", "li", "blockquote", "h3", "table", "thead", "tbody", "tr", "th", "td"}


def _check_rendered(context: str, text: str) -> None:
    markdown, _, join = CONTEXTS[context](text)
    if not text_lines(text):
        return
    for name, render in RENDERERS.items():
        rendered = render(markdown)
        assert set(tag_names(rendered)) <= TEXT_TAGS, f"{name}: {markdown!r} -> {rendered!r}"
        shown = " ".join(as_read(html.unescape(re.sub(r"<[^>]*>", " ", rendered))).split())
        assert " ".join(_expected(text, join).split()) in shown, f"{name}: {markdown!r} -> {rendered!r}"


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", LINKY + TRICKY)
def test_escaped_text_makes_no_link_in_gfm_or_linkify(context, text):
    _check_rendered(context, text)


@pytest.mark.parametrize("context", CONTEXTS)
def test_random_addresses_make_no_link(context):
    alphabet = ["http", "https", "ftp", "mailto", "xmpp", "www", "WWW", "kela", "fi", "com", "1", "ä", ":", "//", "/",
                ".", "@", "-", "_", "*", "~", "(", ")", "<", ">", "[", "]", " ", "\n"]
    generator = random.Random(20261125)
    for _ in range(400):
        _check_rendered(context, "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 16))))


# Letters of several scripts, combining marks (Mn and Mc), zero-width and other format
# characters, and what addresses are made of.
SCRIPTS = ["a", "k", "x", "é", "ä", "ж", "р", "ф", "α", "ह", "द", "ไ", "ท", "ع", "中", "ß", "Å"]
MARKS = ["\u0301", "\u0308", "\u0902", "\u093f", "\u0940", "\u0e35", "\u0e31", "\u064e", "\u20dd"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u2064", "\ufe0f", "\u202e", "\u2066"]
ADDRESS = [".", ".", ".", "/", "//", ":", "www", "http", "https://", "com", "fi", "рф", "xn--", "1", "-", " ", "@"]


@pytest.mark.parametrize("context", CONTEXTS)
def test_random_scripts_make_no_link(context):
    """Thousands of texts mixing scripts, combining marks, zero-width characters and dots: no
    renderer (cmark-gfm, markdown-it with linkify) makes a link or any tag of them."""
    generator = random.Random(20261126)
    alphabet = SCRIPTS + MARKS + INVISIBLE + ADDRESS
    for _ in range(3000):
        _check_rendered(context, "".join(generator.choice(alphabet) for _ in range(generator.randint(2, 20))))


def test_escaping_reads_well_for_ordinary_text():
    assert escape_markdown("Entä jos koulussa olisi perhetyöntekijä?") == "Entä jos koulussa olisi perhetyöntekijä?"
    assert escape_markdown("Kello 8.30, 13–17-vuotiaat (nuoret)!") == "Kello 8.30, 13–17-vuotiaat (nuoret)!"
    assert escape_markdown("1. askel") == "1\\. askel"
    assert escape_markdown("1. askel", start_of_line=False) == "1. askel"
    assert escape_markdown("- a\n- b") == "\\- a\\\n\\- b"
    assert escape_markdown("- a\n- b", " ", start_of_line=False) == "- a - b"
    assert escape_markdown("a\n\n  b  ") == "a\\\nb"
    assert escape_markdown(None) == ""
    assert escape_markdown("Huom: klo 8:30 tai 8.30, esim. OECD:n mukaan.") == "Huom: klo 8:30 tai 8.30, esim. OECD:n mukaan."
    assert escape_markdown("Katso https://kela.fi, www.kela.fi tai apu@kela.fi") == (
        "Katso https\\:\\//kela\\.fi, www\\.kela\\.fi tai apu\u2060\\@kela\\.fi")
    # A dot before a letter is escaped whatever comes before it; one before a digit or a space is not.
    assert escape_markdown("Versio 3.5 on valmis. Seuraava...ehkä") == "Versio 3.5 on valmis. Seuraava..\\.ehkä"
    assert escape_markdown("हिंदी.com evil\u200b.com x\u0301.fi") == "हिंदी\\.com evil\u200b\\.com x\u0301\\.fi"


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1", "'+1"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r'=1"),
    ("a=1", "a=1"),
    # A cell starts after every ";" (Finnish and Swedish Excel split on it), "," and line break
    # too, for a reader that ignores quotes; spaces and quotes before the formula are skipped.
    ("Entä jos nuori saisi itse valita;=1+1;", "Entä jos nuori saisi itse valita;'=1+1;"),
    ("Lisätietoa;=HYPERLINK(CHAR(104)&CHAR(116));", "Lisätietoa;'=HYPERLINK(CHAR(104)&CHAR(116));"),
    ("a,=1", "a,'=1"),
    ("a, -1", "a, '-1"),
    ('a; "@x"', "a; \"'@x\""),
    ("a;\t=1", "a;'\t=1"),
    ("a;\u00a0+1", "a;\u00a0'+1"),
    ("- a\n- b\r@c", "'- a\n'- b\r'@c"),
    (" =1", " '=1"),
    ("Kello 8.30, 13–17-vuotiaat; nuoret (a-b, c=d; e+f)", "Kello 8.30, 13–17-vuotiaat; nuoret (a-b, c=d; e+f)"),
    ("'quoted", "'quoted"),
    ("Entä jos", "Entä jos"),
    (12, "12"),
    (-3, "'-3"),
    (True, "true"),
    (False, "false"),
    (None, ""),
    ("", ""),
])
def test_csv_cells_never_start_a_formula(value, cell):
    assert csv_cell(value) == cell


def test_xml_text_drops_what_xml_cannot_hold():
    assert xml_text("a\x00b\x0bc\x1fd\ufffe") == "ab\nc" + "d"
    assert xml_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"
    assert xml_text("tab\tstays") == "tab\tstays"
    assert xml_text(None) == ""
