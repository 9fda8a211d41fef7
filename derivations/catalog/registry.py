"""The registry of catalog entries: id -> builder of a Derivation.

Entries register with :func:`entry`; :func:`get` builds one and has the engine
check every step; :func:`all_entries` does so for the whole catalog.

>>> from derivations.catalog import get
>>> get("sigmoid-symmetry").all_proved
True
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from ..derivation import Derivation


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    topic: str
    build: Callable[[], Derivation]


_ENTRIES: dict[str, Entry] = {}


class UnknownEntry(KeyError):
    """An id that is not in the catalog; ``suggestions`` are the closest ids."""

    def __init__(self, wanted: str, suggestions: list[str]):
        super().__init__(wanted)
        self.wanted = wanted
        self.suggestions = suggestions

    def __str__(self):
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"no catalog entry {self.wanted!r}{hint}"


def entry(id: str, title: str, topic: str):
    """Decorator: register a function that builds the derivation ``id``."""

    def register(build: Callable[[], Derivation]):
        if id in _ENTRIES:
            raise ValueError(f"duplicate catalog id {id!r}")
        _ENTRIES[id] = Entry(id, title, topic, build)
        return build

    return register


def entries() -> list[Entry]:
    """Registered entries, in registration order."""
    return list(_ENTRIES.values())


def ids() -> list[str]:
    return list(_ENTRIES)


def closest(wanted: str, n: int = 3) -> list[str]:
    """The ids most like ``wanted`` (by spelling, then by shared words)."""
    key = wanted.lower().replace("_", "-")
    found = [i for i in ids() if i.startswith(key)][:n]
    found += [i for i in difflib.get_close_matches(key, ids(), n=n, cutoff=0.5) if i not in found]
    found = found[:n]
    if not found:
        words = set(key.split("-"))
        found = [i for i in ids() if words & set(i.split("-"))][:n]
    return found


def build(id: str) -> Derivation:
    """The derivation ``id`` as written, not yet checked."""
    if id not in _ENTRIES:
        raise UnknownEntry(id, closest(id))
    e = _ENTRIES[id]
    d = e.build()
    d.id, d.title = e.id, e.title
    return d


def get(id: str) -> Derivation:
    """The derivation ``id`` with every step checked by the engine."""
    return build(id).check()


def all_entries() -> list[Derivation]:
    """Every catalog derivation, checked."""
    return [get(i) for i in ids()]
