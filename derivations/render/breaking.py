r"""Breaking a long side of a chain over several lines, as a careful typesetter would.

Display math does not break by itself, in LaTeX or in a browser.  A side that
is wider than the room it has is split between the terms of its top-level
sum (``a + b`` | ``+ c``), or between the factors of a product written out
(``2 \cdot 0`` | ``\cdot 3``); a bracketed sum breaks inside its brackets,
which become ``\Bigl(`` … | … ``\Bigr)``.  Widths come from
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

from functools import lru_cache

from sympy import Add, Derivative, Integer, MatAdd, Mul, S
from sympy.core.numbers import Number

from .printer import _in_order, _written_product, printer_for, rounding_of, to_latex
from .width import latex_width

__all__ = ["break_lines", "break_text", "CONTINUE"]

#: what a continuation line starts with (nothing: ``+ c``, which every reader of LaTeX takes as written)
CONTINUE = ""
#: the join of two factors written side by side: a space in a line, ``\cdot`` at the start of a new one
IMPLICIT = "*"


def _pieces(expr, printer) -> tuple[str, list[tuple[str, str, object]], str] | None:
    """(prefix, [(joiner, text, sub-expression)], suffix) for an expression that can break, else None.

    Only when the pieces, joined again, are exactly what the printer prints: breaking a line
    never changes what is written.
    """
    found = _split(expr, printer)
    if found is None:
        return None
    prefix, pieces, suffix = found
    joined = prefix + "".join((f" {sign} " if sign and sign != IMPLICIT else " " if i else "") + text
                              for i, (sign, text, _) in enumerate(pieces)) + suffix
    if joined.replace(" ", "") != printer._print(expr).replace(" ", ""):
        return None
    return found


def _split(expr, printer):
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
    if isinstance(expr, Mul) and printer.digits is not None and not _in_order(expr):
        coeff, rest = expr.as_coeff_Mul()
        if isinstance(coeff, Number) and not isinstance(coeff, Integer) and isinstance(rest, Add):
            # 0.5 (a + b + ...): break inside the brackets
            head = ("- " if coeff < 0 else "") + printer._number(abs(coeff)) + r" \left("
            if printer._print(expr) == head + printer._print(rest) + r"\right)":
                return head, printer.add_terms(rest), r"\right)"
        inner = _pieces(rest, printer) if isinstance(coeff, Number) and not isinstance(coeff, Integer) \
            and coeff.is_finite and isinstance(rest, Mul) else None  # never 0.5 (a + b): brackets matter
        if inner is not None and not inner[0] and not inner[2]:
            # 0.5 (1 - \sigma(1.5)) \sigma(1.5) ...: the rounded coefficient, then the factors
            first_text, more = inner[1][0][1], inner[1][1:]
            head = ("- " if coeff < 0 else "") + printer._number(abs(coeff))
            join = r" \cdot " if first_text.lstrip()[:1].isdigit() else " "
            return "", [("", head + join + first_text, None)] + list(more), ""
    if isinstance(expr, Mul) and len(expr.args) == 2 and expr.args[0] is S.NegativeOne and isinstance(expr.args[1], Add):
        return r"- \left(", _pieces(expr.args[1], printer)[1], r"\right)"  # - (a + b + ...)
    if isinstance(expr, Mul) and _in_order(expr):
        # factors side by side; a line that starts with one of them starts with \cdot
        factors, lead = list(expr.args), ""
        if factors[0] is S.NegativeOne:
            factors, lead = factors[1:], "- "
        elif isinstance(factors[0], Integer) and factors[0] < 0:
            factors, lead = [-factors[0]] + factors[1:], "- "
        texts = [printer._product_factor(a) for a in factors]
        return "", [("", lead + texts[0], factors[0])] + [(IMPLICIT, t, a) for t, a in zip(texts[1:], factors[1:])], ""
    if isinstance(expr, Derivative) and len(expr.variable_count) == 1 and isinstance(expr.expr, Add):
        whole = printer._print(expr)
        head = whole.split(r"\left(", 1)[0]
        return head + r"\left(", _pieces(expr.expr, printer)[1], r"\right)"
    return None


def _starting(sign: str, piece: str, text: str) -> str:
    """A piece that starts a continuation line: with its sign, or ``\\cdot`` for a factor."""
    if sign == IMPLICIT:
        return r"\cdot " + text
    return f"{CONTINUE}{piece}" if sign else piece


def _break_piece(current: str, text: str, sub, budget: float, rest: float, printer) -> list[str]:
    """A piece too wide for its line, broken between its own terms or factors (brackets kept)."""
    inner = _pieces(sub, printer)
    if inner is None or len(inner[1]) < 2:
        return [current]
    lead = current[: len(current) - len(text)]
    if inner[0] or inner[2]:  # a bracketed body: - \left( ... \right), d/dx \left( ... \right)
        prefix, body, suffix = inner
        full = printer._print(sub)
        if text != full and full.startswith("-") and full[1:].lstrip() == text and prefix.startswith("- "):
            prefix, full = prefix[2:], text  # the sum around it carries the minus sign
        if text != full or not full.startswith(prefix) or not suffix.endswith(r"\right)"):
            return [current]
        parts = _pack(body, budget - latex_width(lead + prefix + "x"), rest - 1.0, printer)
        if len(parts) < 2 or not prefix.endswith(r"\left("):
            return [current]
        return _bracketed(lead + prefix[: -len(r"\left(")], parts, suffix[: -len(r"\right)")])
    bare = printer._print(sub)
    pieces = inner[1]
    if bare.startswith("-") and text == bare[1:].lstrip() and pieces[0][1].startswith("-"):
        # a term that printed with its own minus sign, now carried by the sum: drop it from the first factor
        pieces = [(pieces[0][0], pieces[0][1][1:].lstrip(), pieces[0][2])] + pieces[1:]
        bare = text
    if text == bare:
        parts = _pack(pieces, budget - latex_width(lead + "x"), rest, printer)
        return [lead + parts[0]] + parts[1:]
    if text == rf"\left({bare}\right)":  # a bracketed sum, its brackets on the first and last line
        parts = _pack(inner[1], budget - latex_width(lead + r"\left(x"), rest - 1.0, printer)
        if len(parts) < 2:
            return [current]
        return _bracketed(lead, parts, "")
    return [current]


def _bracketed(prefix: str, parts: list[str], suffix: str) -> list[str]:
    """Lines of a bracketed sum broken inside its brackets: ``\\Bigl(`` on the first, ``\\Bigr)`` on the last.

    Unlike ``\\left``/``\\right`` the two need no partner on their own line (every reader takes them).
    """
    size = "Big" if any(r"\frac" in p or r"\sum" in p or "matrix" in p for p in parts) else "big"
    return [prefix + f"\\{size}l(" + parts[0]] + parts[1:-1] + [parts[-1] + f"\\{size}r)" + suffix]


def _pack(pieces, first: float, rest: float, printer) -> list[str]:
    """Greedy lines: as many pieces as fit on each line; a written product too wide alone breaks too."""
    lines: list[str] = []
    current = ""
    for sign, text, sub in pieces:
        budget = first if not lines else rest
        piece = f"{sign} {text}" if sign and sign != IMPLICIT else text
        if current:
            candidate = f"{current} {piece}"
            if latex_width(candidate) <= budget:
                current = candidate
                continue
            lines.append(current)
            budget = rest
            current = _starting(sign, piece, text)
        else:
            current = _starting(sign, piece, text) if lines else piece
        if sub is not None and latex_width(current) > budget:
            parts = _break_piece(current, text, sub, budget, rest, printer)
            if len(parts) > 1:
                lines += parts[:-1]
                current = parts[-1]
    if current:
        lines.append(current)
    return lines


def break_lines(expr, *, first: float, rest: float, digits=None) -> list[str]:
    """See :func:`_break_lines` (results are remembered: every format asks for the same sides)."""
    digits = rounding_of(digits)
    try:
        return list(_remembered(expr, round(first, 2), round(rest, 2), digits))
    except TypeError:  # unhashable (a mutable Matrix)
        return _break_lines(expr, first=first, rest=rest, digits=digits)


@lru_cache(maxsize=4096)
def _remembered(expr, first, rest, digits):
    return tuple(_break_lines(expr, first=first, rest=rest, digits=digits))


def _break_lines(expr, *, first: float, rest: float, digits=None) -> list[str]:
    """The LaTeX of ``expr`` as lines: the first within ``first`` em, the others within ``rest``.

    One line when it fits or cannot break; continuation lines start with
    the sign that joins them (``+``, ``-``, ``\\cdot``).
    """
    whole = to_latex(expr, digits=digits)
    if latex_width(whole) <= first:
        return [whole]
    printer = printer_for(rounding_of(digits))
    found = _pieces(expr, printer)
    if found is None or len(found[1]) < 2:
        return [whole]
    prefix, pieces, suffix = found
    if not prefix:
        return _pack(pieces, first, rest, printer)
    inner = _pack(pieces, first - latex_width(prefix + "x"), rest - latex_width(suffix + "x"), printer)
    if len(inner) == 1 or not prefix.endswith(r"\left(") or not suffix.endswith(r"\right)"):
        return [whole]
    return _bracketed(prefix[: -len(r"\left(")], inner, suffix[: -len(r"\right)")])


def break_text(tex: str, *, first: float, rest: float) -> list[str]:
    r"""A side known only as LaTeX broken at its top-level ``+`` and ``-`` (outside braces and brackets).

    For sides that are not SymPy expressions (a worked exercise's steps as written).

    >>> break_text(r"a \cdot 2 + b \cdot 3 + c \cdot 4", first=3, rest=3)
    ['a \\cdot 2', '+ b \\cdot 3', '+ c \\cdot 4']
    >>> break_text("a + b", first=40, rest=40)
    ['a + b']
    """
    if latex_width(tex) <= first:
        return [tex]
    cuts, depth = [], 0
    for i, c in enumerate(tex):
        if tex.startswith((r"\left", r"\bigl", r"\Bigl"), i):
            depth += 1
        elif tex.startswith((r"\right", r"\bigr", r"\Bigr"), i):
            depth -= 1
        elif c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif c in "+-" and depth == 0 and 0 < i < len(tex) - 1 and tex[i - 1] == " " and tex[i + 1] == " ":
            cuts.append(i)
    if not cuts:
        return [tex]
    pieces = [tex[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(tex)])]
    lines, room = [pieces[0]], first
    for piece in pieces[1:]:
        if latex_width(lines[-1] + " " + piece) <= room:
            lines[-1] = lines[-1] + " " + piece
        else:
            lines.append(piece)
            room = rest
    return lines
