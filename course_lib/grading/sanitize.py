"""Learners' text made harmless for the instructor's terminal and spreadsheet.

Learner ids, file names and notes quote what learners wrote. Printed as they
are, an ESC starts a terminal control sequence, a CR or LF forges a line of
the summary, and a bidi override (U+202E...) shows text in another order than
it has; in a CSV cell, ``=``, ``+``, ``-`` or ``@`` at the start makes a
spreadsheet formula. :func:`printable` shows every such character as an
escape (``\\x1b``, ``\\r``, ``\\n``, ``\\u202e``); :func:`csv_cell` also
neutralises formulas.
"""
from __future__ import annotations

import unicodedata

__all__ = ["printable", "csv_cell"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Categories shown as escapes: controls (C0, DEL, C1), format characters (the
# bidi embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069, the
# marks U+200E/U+200F/U+061C, zero-width characters), line and paragraph
# separators, and lone surrogates (undecodable bytes of a file name).
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` with control, bidi and other invisible format characters escaped.

    Newlines are escaped too (one note stays one line). With ``limit``, the
    result is at most ``limit`` characters (an escape is never cut), ending in
    "..." where it was cut.
    """
    text = text if isinstance(text, str) else str(text)
    if limit is not None and limit <= 0:
        return ""
    out: list[str] = []
    size = 0
    cut = False
    # Looking at no more of a huge text than the limit can show.
    source = text if limit is None else text[: limit + 1]
    for ch in source:
        piece = _escape(ch) if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch
        if limit is not None and size + len(piece) > limit:
            cut = True
            break
        out.append(piece)
        size += len(piece)
    if limit is not None and (cut or len(text) > len(source)):
        while out and size + 3 > limit:
            size -= len(out.pop())
        out.append("..." if limit >= 3 else "")
    return "".join(out)


def csv_cell(value) -> str:
    """``value`` as a CSV cell: :func:`printable`, and never a spreadsheet formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a line break (also
    after leading spaces) gets a leading apostrophe, which spreadsheets show as
    text. Numbers are written as they are (a negative score stays a number).
    """
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = value if isinstance(value, str) else str(value)
    if text.startswith(_FORMULA_START) or text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + printable(text)
    return printable(text)
