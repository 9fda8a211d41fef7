r"""The one vocabulary of relations and verdicts.

Every part of the project (the LaTeX parser, the document reader, the engine,
the checker, the printers, the reports, the CLI) names a relation or a verdict
through these two types, so a relation known to one part is known to all.

Both are ``str`` enums: a member equals its plain name, so JSON and older code
that compare with ``"="`` or ``"proved"`` keep working.

>>> Relation.of(r"\leqslant"), Relation.of("≈"), Relation.of("approx")
(Relation.LE, Relation.APPROX, Relation.APPROX)
>>> Relation.LE.latex, Relation.LE.unicode, Relation.LE.flipped
('\\le', '≤', Relation.GE)
>>> Relation.of(r"\approxeq") is Relation.APPROX and Relation.of(":=") is Relation.DEFINE
True
>>> Verdict.of("proved").accepted, Verdict.WRONG.label, Verdict.WRONG == "wrong"
(True, 'WRONG', True)
>>> import json; json.dumps({"verdict": Verdict.PROVED, "relation": Relation.LE})
'{"verdict": "proved", "relation": "<="}'
"""

from __future__ import annotations

from enum import Enum

__all__ = ["Relation", "Verdict", "RELATION_COMMANDS"]


class _StrEnum(str, Enum):
    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class Relation(_StrEnum):
    r"""A relation between two sides of a step.

    ``DEFINE`` (``:=``, ``\coloneqq``, ``\triangleq``) introduces or replaces a
    name; it is never a step to check.
    """

    EQ = "="
    APPROX = "approx"
    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"
    NE = "!="
    DEFINE = ":="

    @classmethod
    def of(cls, value) -> Relation:
        """The relation named by ``value``: a member, its name, a LaTeX command, a Unicode or ASCII sign.

        Raises ValueError for anything else.
        """
        if isinstance(value, Relation):
            return value
        if not isinstance(value, str):
            raise ValueError(f"not a relation: {value!r}")
        text = value.strip()
        found = RELATION_COMMANDS.get(text[1:]) if text.startswith("\\") else _BY_TEXT.get(text)
        if found is None:
            raise ValueError(f"unknown relation {value!r}; use one of {', '.join(r.value for r in cls)}")
        return found

    @classmethod
    def known(cls, value) -> bool:
        try:
            cls.of(value)
        except ValueError:
            return False
        return True

    @property
    def latex(self) -> str:
        return _LATEX[self]

    @property
    def unicode(self) -> str:
        return _UNICODE[self]

    @property
    def ascii(self) -> str:
        return _ASCII[self]

    @property
    def flipped(self) -> Relation:
        """The relation with the sides swapped: ``a <= b`` is ``b >= a``."""
        return _FLIP.get(self, self)

    @property
    def is_order(self) -> bool:
        return self in (Relation.LE, Relation.LT, Relation.GE, Relation.GT)

    @property
    def strict(self) -> bool:
        return self in (Relation.LT, Relation.GT)

    @property
    def checked(self) -> bool:
        """False for relations that are not claims to check (a definition)."""
        return self is not Relation.DEFINE


_LATEX = {Relation.EQ: "=", Relation.APPROX: r"\approx", Relation.LE: r"\le", Relation.LT: "<",
          Relation.GE: r"\ge", Relation.GT: ">", Relation.NE: r"\ne", Relation.DEFINE: r"\coloneqq"}
_UNICODE = {Relation.EQ: "=", Relation.APPROX: "≈", Relation.LE: "≤", Relation.LT: "<",
            Relation.GE: "≥", Relation.GT: ">", Relation.NE: "≠", Relation.DEFINE: "≔"}
_ASCII = {Relation.EQ: "=", Relation.APPROX: "~", Relation.LE: "<=", Relation.LT: "<",
          Relation.GE: ">=", Relation.GT: ">", Relation.NE: "!=", Relation.DEFINE: ":="}
_FLIP = {Relation.LE: Relation.GE, Relation.GE: Relation.LE, Relation.LT: Relation.GT, Relation.GT: Relation.LT}

#: LaTeX commands (without the backslash) that name a relation.
RELATION_COMMANDS: dict[str, Relation] = {
    "approx": Relation.APPROX, "approxeq": Relation.APPROX, "simeq": Relation.APPROX,
    "thickapprox": Relation.APPROX, "fallingdotseq": Relation.APPROX, "risingdotseq": Relation.APPROX,
    "doteq": Relation.APPROX, "sim": Relation.APPROX, "thicksim": Relation.APPROX, "cong": Relation.APPROX,
    "le": Relation.LE, "leq": Relation.LE, "leqslant": Relation.LE, "leqq": Relation.LE,
    "ge": Relation.GE, "geq": Relation.GE, "geqslant": Relation.GE, "geqq": Relation.GE,
    "lt": Relation.LT, "gt": Relation.GT,
    "ne": Relation.NE, "neq": Relation.NE,
    "coloneqq": Relation.DEFINE, "coloneq": Relation.DEFINE, "triangleq": Relation.DEFINE,
    "eqqcolon": Relation.DEFINE, "defeq": Relation.DEFINE, "eqdef": Relation.DEFINE,
    "leftarrow": Relation.DEFINE, "gets": Relation.DEFINE,   # w \leftarrow w - \eta g: an update
    "equiv": Relation.EQ,
}

_BY_TEXT: dict[str, Relation] = {}
for _r in Relation:
    _BY_TEXT[_r.value] = _r
    _BY_TEXT[_r.unicode] = _r
    _BY_TEXT[_r.ascii] = _r
_BY_TEXT.update({"==": Relation.EQ, "=<": Relation.LE, "≦": Relation.LE, "⩽": Relation.LE, "≧": Relation.GE,
                 "⩾": Relation.GE, "≃": Relation.APPROX, "≅": Relation.APPROX, "≒": Relation.APPROX,
                 "≐": Relation.APPROX, "∼": Relation.APPROX, "≡": Relation.EQ, "<>": Relation.NE,
                 "=:": Relation.DEFINE, "≜": Relation.DEFINE, "≝": Relation.DEFINE,
                 "←": Relation.DEFINE})


class Verdict(_StrEnum):
    """What the checker says of a step (SCOPE.md, "What a verdict means").

    * ``PROVED``: follows symbolically (a decision procedure, never floats);
    * ``VERIFIED``: equal at many points to high precision, or within the
      rounding that the written digits allow;
    * ``WRONG``: refuted, with a counterexample or the correct value;
    * ``FOLLOWS``: right when the student's own earlier wrong value (named by
      the step's ``follows`` line) is taken as given: an error carried forward,
      reported and counted once, at the line where it was made;
    * ``UNCHECKED``: not understood, or not decidable with what is given;
    * ``UNKNOWN``: the engine's own "undecided" (a checker reports it as unchecked).
    """

    PROVED = "proved"
    VERIFIED = "verified"
    WRONG = "wrong"
    FOLLOWS = "follows"
    UNCHECKED = "unchecked"
    UNKNOWN = "unknown"

    @classmethod
    def of(cls, value) -> Verdict:
        if isinstance(value, Verdict):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown verdict {value!r}; use one of {', '.join(v.value for v in cls)}") from None

    @property
    def accepted(self) -> bool:
        """True for a step that holds (proved or verified)."""
        return self in (Verdict.PROVED, Verdict.VERIFIED)

    @property
    def decided(self) -> bool:
        """True when the checker said yes or no (not unchecked or unknown)."""
        return self in (Verdict.PROVED, Verdict.VERIFIED, Verdict.WRONG, Verdict.FOLLOWS)

    @property
    def label(self) -> str:
        return self.value.upper()

    @property
    def colour(self) -> str:
        """A colour that rich and CSS both understand (``#rrggbb``)."""
        return _COLOUR[self]

    @property
    def mark(self) -> str:
        return _MARK[self]

    @property
    def reported(self) -> Verdict:
        """The verdict as reports show it: the engine's ``unknown`` is ``unchecked``."""
        return Verdict.UNCHECKED if self is Verdict.UNKNOWN else self


# mid tones, readable on a light page and on a dark terminal; rich and CSS both parse #rrggbb
# (rich knows no "orange" or "grey")
_COLOUR = {Verdict.PROVED: "#2da44e", Verdict.VERIFIED: "#1b8fc7", Verdict.WRONG: "#e5534b",
           Verdict.FOLLOWS: "#d4760b", Verdict.UNCHECKED: "#8c959f", Verdict.UNKNOWN: "#8c959f"}
_MARK = {Verdict.PROVED: "✓", Verdict.VERIFIED: "≈", Verdict.WRONG: "✗", Verdict.FOLLOWS: "↳",
         Verdict.UNCHECKED: "?", Verdict.UNKNOWN: "?"}
