"""The one error the LaTeX math reader raises."""

from __future__ import annotations


class ParseError(ValueError):
    """Input that is not math we understand, with where and why.

    ``column`` is 1-based in the text given to the parser; ``reason`` says what to fix;
    ``kind`` sorts errors for a document reader: ``"syntax"``, ``"unknown"`` (command or
    function), ``"prose"`` (words inside math), ``"separator"`` (``\\quad`` or ``,``
    between statements), ``"connective"`` (``\\Rightarrow``), ``"annotation"`` (a shape
    such as ``\\mathbb{R}^{4 \\times 1}`` or ``\\in``), ``"relation"`` (a relation where
    one expression was expected), ``"unsupported"`` and ``"limit"`` (too long, too deep,
    an exponent too large).

    >>> str(ParseError("unexpected '}'", 7))
    "column 7: unexpected '}'"
    """

    def __init__(self, reason: str, column: int = 1, kind: str = "syntax"):
        self.reason = reason
        self.column = column
        self.kind = kind
        super().__init__(f"column {column}: {reason}")
