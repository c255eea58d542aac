"""Every visible string comes from the catalog: no UI element is given literal words.

Scans ``workshop/ui`` for string constants passed as children to ``rx.el.*`` and
other ``rx`` components; only punctuation and symbols (" · ", "−", "●") may be literal.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "workshop" / "ui"


def _is_rx_component(call: ast.Call) -> bool:
    node = call.func
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return isinstance(node, ast.Name) and node.id == "rx" and bool(parts) and parts[-1] not in {
        "Var", "call_script", "redirect", "cond", "match", "foreach", "event", "var",
        "icon"}  # an icon's name is no visible text


def literal_words(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal with letters given to an rx component in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _is_rx_component(node):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                        and any(ch.isalpha() for ch in arg.value):
                    found.append((arg.lineno, arg.value))
    return found


def test_the_scan_finds_literal_words():
    source = 'rx.el.p("Hei", " · ", t("x"))\nrx.el.button("−")\nrx.heading("Tulokset")\nrx.icon("lock")\n'
    assert literal_words(source) == [(1, "Hei"), (3, "Tulokset")]


def test_no_ui_component_is_given_literal_words():
    found = [f"{path.relative_to(UI)}:{line}: {text!r}"
             for path in UI.rglob("*.py") for line, text in literal_words(path.read_text(encoding="utf-8"))]
    assert found == [], "literal words in the UI (put them in the catalog):\n" + "\n".join(found)
