"""Markdown as the viewers people open a ``.md`` export in show it.

GitHub renders with cmark-gfm and its extensions, whose extended autolinks
turn bare ``https://…``, ``www.…`` and e-mail addresses into links; VS Code's
preview (and many others) use markdown-it with linkify, which also links bare
domains such as ``kela.fi``. Both let raw HTML through here, so any that the
escaping missed shows as a tag.
"""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt

_LINKIFY = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["linkify", "table", "strikethrough"])


def github(markdown: str) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_UNSAFE, extensions=["autolink", "table", "strikethrough", "tagfilter"])


RENDERERS = {"cmark-gfm": github, "markdown-it linkify": _LINKIFY.render}


def tag_names(html: str) -> list[str]:
    """The name of each tag in rendered HTML, in order ("!--" for a comment).

    Both renderers write a "<" of the text as ``&lt;``, so every "<" opens a tag.
    """
    return [re.match(r"/?([^\s/>]*)", part).group(1).lower() for part in html.split("<")[1:]]


def as_read(text: str) -> str:
    """Rendered text as a person reads it: the invisible word joiner that the
    escaping puts before each "@" (see workshop.export.escape) is not seen."""
    return text.replace("\u2060@", "@")
