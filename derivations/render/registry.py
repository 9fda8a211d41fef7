"""Output formats registered by name, so that adding a format touches one file.

A format is a class with ``name``, ``extension``, ``derivation(d)`` (one
derivation, to embed), ``document(sheet)`` (a whole solution sheet) and
``fragment(sheet)`` (the sheet without preamble, for course notes),
registered with :func:`register_format`.  Look one up with :func:`get_format`:

>>> sorted(format_names())
['html', 'md', 'tex']
>>> get_format("latex").extension
'tex'
>>> get_format("docx")
Traceback (most recent call last):
...
ValueError: unknown format 'docx'; choose one of html, md, tex (or pdf on the command line)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["Format", "register_format", "get_format", "format_names", "ALIASES"]

_FORMATS: dict[str, type[Format]] = {}

#: other names people use for the formats
ALIASES = {"latex": "tex", "markdown": "md", "htm": "html", "mathml": "html"}


class Format:
    """Base of all formats: subclasses set ``name`` and ``extension`` and render."""

    name: str = ""
    extension: str = ""

    def derivation(self, derivation, **options) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def document(self, sheet, **options) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def fragment(self, sheet, **options) -> str:  # pragma: no cover - abstract
        """The sheet without preamble or page furniture, to embed in other documents."""
        raise NotImplementedError


F = TypeVar("F", bound=type)


def register_format(name: str) -> Callable[[F], F]:
    """Class decorator: make ``cls`` the format called ``name``."""

    def decorate(cls: F) -> F:
        cls.name = name
        _FORMATS[name] = cls
        return cls

    return decorate


def _load_builtin_formats() -> None:
    from . import html, latex, markdown  # noqa: F401  (registering is the import's effect)


def format_names() -> list[str]:
    """Names of the registered formats."""
    _load_builtin_formats()
    return list(_FORMATS)


def get_format(name: str) -> Format:
    """A new instance of the format called ``name`` (or one of its :data:`ALIASES`)."""
    _load_builtin_formats()
    key = ALIASES.get(name.lower(), name.lower())
    if key not in _FORMATS:
        choices = ", ".join(sorted(_FORMATS))
        raise ValueError(f"unknown format {name!r}; choose one of {choices} (or pdf on the command line)")
    return _FORMATS[key]()
