r"""Breaking a long side of a chain over several lines, as a careful typesetter would.

Display math does not break by itself, in LaTeX or in a browser.  A side that
is wider than the room it has is split between the terms of its top-level
sum (``a + b`` | ``+ c``), or between the factors of a product written out
(``2 \cdot 0`` | ``\cdot 3``); a derivative of a long sum breaks inside its
brackets (``\left( … \right.`` | ``\left. … \right)``).  Widths come from
:func:`derivations.render.width.latex_width`, in em.

>>> from sympy import symbols
>>> a = symbols("a:12")
>>> lines = break_lines(sum(a), first=12, rest=12)
>>> len(lines) > 1 and lines[1].startswith("+ ")
True
>>> break_lines(a[0] + a[1], first=40, rest=40)
['a_{0} + a_{1}']
"""

from __future__ import annotations

from sympy import Add, Derivative, MatAdd, Mul

from .printer import SheetLatexPrinter, _written_product, rounding_of, to_latex
from .width import latex_width

__all__ = ["break_lines", "CONTINUE"]

#: what a continuation line starts with (nothing: ``+ c``, which every reader of LaTeX takes as written)
CONTINUE = ""


def _pieces(expr, printer) -> tuple[str, list[tuple[str, str, object]], str] | None:
    """(prefix, [(joiner, text, sub-expression)], suffix) for an expression that can break, else None."""
    if isinstance(expr, Add):
        return "", printer.add_terms(expr), ""
    if isinstance(expr, MatAdd):
        out = []
        for i, term in enumerate(expr.args):
            text = printer._print(term)
            if i and text.startswith("-"):
                out.append(("-", text[1:].lstrip(), term))
            else:
                out.append(("+" if i else "", text, term))
        return "", out, ""
    if isinstance(expr, Mul) and _written_product(expr):
        return "", [(r"\cdot" if i else "", printer._factor(a, first=(i == 0)), a) for i, a in enumerate(expr.args)], ""
    if isinstance(expr, Derivative) and len(expr.variable_count) == 1 and isinstance(expr.expr, Add):
        whole = printer._print(expr)
        head = whole.split(r"\left(", 1)[0]
        return head + r"\left(", _pieces(expr.expr, printer)[1], r"\right)"
    return None


def _pack(pieces, first: float, rest: float, printer) -> list[str]:
    """Greedy lines: as many pieces as fit on each line; a written product too wide alone breaks too."""
    lines: list[str] = []
    current = ""
    for sign, text, sub in pieces:
        budget = first if not lines else rest
        piece = f"{sign} {text}" if sign else text
        if current:
            candidate = f"{current} {piece}"
            if latex_width(candidate) <= budget:
                current = candidate
                continue
            lines.append(current)
            budget = rest
            current = f"{CONTINUE}{piece}" if sign else piece
        else:
            current = f"{CONTINUE}{piece}" if sign and lines else piece
        if latex_width(current) > budget and isinstance(sub, Mul) and _written_product(sub):
            lead = current[: len(current) - len(text)]
            inner = _pack(_pieces(sub, printer)[1], budget - latex_width(lead + "x"), rest, printer)
            if len(inner) > 1:
                lines.append(lead + inner[0])
                lines += inner[1:-1]
                current = inner[-1]
    if current:
        lines.append(current)
    return lines


def break_lines(expr, *, first: float, rest: float, digits=None) -> list[str]:
    """The LaTeX of ``expr`` as lines: the first within ``first`` em, the others within ``rest``.

    One line when it fits or cannot break; continuation lines start with
    the sign that joins them (``+``, ``-``, ``\\cdot``).
    """
    whole = to_latex(expr, digits=digits)
    if latex_width(whole) <= first:
        return [whole]
    printer = SheetLatexPrinter({"digits": rounding_of(digits)})
    found = _pieces(expr, printer)
    if found is None or len(found[1]) < 2:
        return [whole]
    prefix, pieces, suffix = found
    if not prefix:
        return _pack(pieces, first, rest, printer)
    inner = _pack(pieces, first - latex_width(prefix + "x"), rest - latex_width(r"\left." + suffix), printer)
    if len(inner) == 1:
        return [whole]
    return ([prefix + inner[0] + r"\right."] + [r"\left." + line + r"\right." for line in inner[1:-1]]
            + [r"\left." + inner[-1] + suffix])
