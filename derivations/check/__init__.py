"""Checking student derivations: documents in, a verdict per step out.

>>> from derivations.check import check_text
>>> [s.verdict for s in check_text("$$\\\\sigma(0) = 0.5 = 0.6$$").steps]
['proved', 'wrong']
"""

from __future__ import annotations

from ..parse.documents import read_document, read_text
from .document import FileReport, Limits, StepReport, check


def check_text(text: str, format: str = "markdown", *, path: str = "<text>", limits: Limits | None = None) -> FileReport:
    """Check a document given as text."""
    return check(read_text(text, format=format, path=path), limits)


def check_file(path, *, limits: Limits | None = None) -> FileReport:
    """Read and check one file (raises DocumentError when it cannot be read)."""
    return check(read_document(path), limits)


__all__ = ["check", "check_text", "check_file", "FileReport", "StepReport", "Limits"]
