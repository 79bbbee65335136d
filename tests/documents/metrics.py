"""Advance widths read from a TrueType file (cmap format 4 + hmtx), to tell whether a line of
the header fits its cell. Liberation Serif 2 has the metrics of Times New Roman."""

from __future__ import annotations

import functools
import struct
from pathlib import Path

LIBERATION2 = Path("/usr/share/fonts/truetype/liberation2")
FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


def available() -> bool:
    return all((LIBERATION2 / name).exists() for name in FILES.values())


@functools.cache
def _tables(bold: bool, italic: bool) -> tuple[dict[int, int], list[int], int]:
    data = (LIBERATION2 / FILES[(bold, italic)]).read_bytes()
    (count,) = struct.unpack(">H", data[4:6])
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack(
            ">4sIII", data[12 + 16 * index : 28 + 16 * index]
        )
        tables[tag.decode()] = (offset, length)
    units = struct.unpack(">H", data[tables["head"][0] + 18 : tables["head"][0] + 20])[0]
    metrics_count = struct.unpack(">H", data[tables["hhea"][0] + 34 : tables["hhea"][0] + 36])[0]
    hmtx = tables["hmtx"][0]
    advances = [
        struct.unpack(">H", data[hmtx + 4 * i : hmtx + 4 * i + 2])[0] for i in range(metrics_count)
    ]
    cmap = tables["cmap"][0]
    (subtables,) = struct.unpack(">H", data[cmap + 2 : cmap + 4])
    glyphs: dict[int, int] = {}
    for index in range(subtables):
        platform, encoding, offset = struct.unpack(
            ">HHI", data[cmap + 4 + 8 * index : cmap + 12 + 8 * index]
        )
        start = cmap + offset
        if (platform, encoding) != (3, 1) or struct.unpack(">H", data[start : start + 2])[0] != 4:
            continue
        segments = struct.unpack(">H", data[start + 6 : start + 8])[0] // 2
        ends = start + 14
        starts = ends + 2 * segments + 2
        deltas = starts + 2 * segments
        ranges = deltas + 2 * segments
        for s in range(segments):
            end = struct.unpack(">H", data[ends + 2 * s : ends + 2 * s + 2])[0]
            first = struct.unpack(">H", data[starts + 2 * s : starts + 2 * s + 2])[0]
            delta = struct.unpack(">h", data[deltas + 2 * s : deltas + 2 * s + 2])[0]
            range_offset = struct.unpack(">H", data[ranges + 2 * s : ranges + 2 * s + 2])[0]
            for code in range(first, end + 1):
                if code == 0xFFFF:
                    continue
                if range_offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    at = ranges + 2 * s + range_offset + 2 * (code - first)
                    glyph = struct.unpack(">H", data[at : at + 2])[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                glyphs[code] = glyph
    return glyphs, advances, units


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of `text` on one line, in millimetres (precomposed Vietnamese letters)."""
    glyphs, advances, units = _tables(bold, italic)
    total = 0
    for char in text:
        glyph = glyphs.get(ord(char), 0)
        total += advances[min(glyph, len(advances) - 1)]
    return total / units * size_pt * 25.4 / 72
