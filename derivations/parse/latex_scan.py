r"""Character-level scanning shared by the expression lexer and the document reader.

One brace scanner, one rule for escapes: both readers of LaTeX find the end of a
``{...}`` group the same way, inside the same bounds.

>>> s = r"\text{a {b} c} + 1"
>>> brace_end(s, 5), s[5:brace_end(s, 5)]
(14, '{a {b} c}')
>>> brace_end(r"{\}", 0), brace_end("{a", 0)
(-1, -1)
>>> escaped(r"a\$", 2), escaped(r"a\\$", 3)
(True, False)
"""

from __future__ import annotations

__all__ = ["brace_end", "escaped", "skip_spaces"]


def brace_end(text: str, start: int, end: int | None = None) -> int:
    """Index just after the balanced ``{...}`` that opens at ``text[start]``, or -1.

    A backslash escapes the next character (``\\{`` and ``\\}`` do not count);
    the scan never looks at or beyond ``end`` (default: the end of the text).
    """
    stop = len(text) if end is None else min(end, len(text))
    if start >= stop or text[start] != "{":
        return -1
    depth = 0
    j = start
    while j < stop:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def escaped(text: str, i: int) -> bool:
    """Is ``text[i]`` preceded by an odd number of backslashes?"""
    k, n = i - 1, 0
    while k >= 0 and text[k] == "\\":
        n += 1
        k -= 1
    return n % 2 == 1


def skip_spaces(text: str, i: int, end: int | None = None) -> int:
    """The first index at or after ``i`` that is not a space, tab or newline."""
    stop = len(text) if end is None else end
    while i < stop and text[i] in " \t\r\n":
        i += 1
    return i
