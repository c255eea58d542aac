"""The OECD matrix as a small PNG picture, drawn in pure Python (zlib, no imaging library).

The picture shows the 2×2 grid on its two axes (arrows: up towards directed,
right towards exploring), each quadrant's number of briefs in large digits
and one square per brief (up to :data:`MOST_SQUARES`), and the two
exploratory quadrants (the "radical" lens) in a stronger tint with a thick
border, so the lens is told by the border as well as the colour. It holds no
words: the names of the quadrants and axes and the briefs' titles stand in the
table beside it in the document, and the picture's alternative text says all
of it in words. The same numbers always give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

WIDTH, HEIGHT = 560, 400
MOST_SQUARES = 24

INK = (33, 37, 41)
PAPER = (255, 255, 255)
CALM = (233, 240, 247)  # exploiting quadrants
BOLD = (255, 226, 196)  # exploratory quadrants
SQUARE = (52, 90, 140)

# 3×5 digits, one string of five rows each.
DIGITS = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
    "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001010010010",
    "8": "111101111101111", "9": "111101111001111",
}

Pixels = list[bytearray]


def _canvas() -> Pixels:
    return [bytearray(PAPER * WIDTH) for _ in range(HEIGHT)]


def _rect(canvas: Pixels, x: int, y: int, w: int, h: int, colour: tuple[int, int, int]) -> None:
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(WIDTH, x + w), min(HEIGHT, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    span = bytes(colour) * (x1 - x0)
    for row in range(y0, y1):
        canvas[row][3 * x0:3 * x1] = span


def _frame(canvas: Pixels, x: int, y: int, w: int, h: int, thick: int) -> None:
    _rect(canvas, x, y, w, thick, INK)
    _rect(canvas, x, y + h - thick, w, thick, INK)
    _rect(canvas, x, y, thick, h, INK)
    _rect(canvas, x + w - thick, y, thick, h, INK)


def _number(canvas: Pixels, text: str, cx: int, y: int, scale: int) -> None:
    """Digits centred on ``cx``, top at ``y``, each pixel ``scale`` px square."""
    width = len(text) * 4 * scale - scale
    x = cx - width // 2
    for char in text:
        for index, bit in enumerate(DIGITS[char]):
            if bit == "1":
                _rect(canvas, x + (index % 3) * scale, y + (index // 3) * scale, scale, scale, INK)
        x += 4 * scale


def _arrow(canvas: Pixels, x: int, y: int, length: int, up: bool) -> None:
    """An axis: a 3 px line with a head, up from (x, y) or right from (x, y)."""
    if up:
        _rect(canvas, x - 1, y - length, 3, length, INK)
        for step in range(10):
            _rect(canvas, x - step, y - length + step, 2 * step + 1, 1, INK)
    else:
        _rect(canvas, x, y - 1, length, 3, INK)
        for step in range(10):
            _rect(canvas, x + length - step, y - step, 1, 2 * step + 1, INK)


def _png(canvas: Pixels) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(row) for row in canvas)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    # 96 dpi (3780 px per metre), so Word sizes it the same everywhere.
    density = struct.pack(">IIB", 3780, 3780, 1)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"pHYs", density)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def matrix_png(cells: Sequence[Sequence[tuple[int, bool]]]) -> bytes:
    """The grid as PNG bytes. ``cells``: two rows (directed, then undirected) of two
    (count, exploratory) pairs (exploiting, then exploring)."""
    canvas = _canvas()
    left, top, cell_w, cell_h = 50, 20, 240, 165
    for row, pair in enumerate(cells):
        for column, (count, exploratory) in enumerate(pair):
            x, y = left + column * cell_w, top + row * cell_h
            _rect(canvas, x, y, cell_w, cell_h, BOLD if exploratory else CALM)
            _frame(canvas, x, y, cell_w, cell_h, 6 if exploratory else 2)
            _number(canvas, str(count), x + cell_w // 2, y + 28, 10)
            for index in range(min(count, MOST_SQUARES)):
                sx = x + 30 + (index % 12) * 15
                sy = y + 100 + (index // 12) * 15
                _rect(canvas, sx, sy, 10, 10, SQUARE)
    # Axes: up the left side towards "directed", along the bottom towards "exploring".
    _arrow(canvas, 25, top + 2 * cell_h, 2 * cell_h, up=True)
    _arrow(canvas, left, top + 2 * cell_h + 25, 2 * cell_w, up=False)
    return _png(canvas)
