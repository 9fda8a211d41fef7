r"""Derivatives and sums for the LaTeX parser (a mixin of :class:`.latex_parser.Parser`).

``\frac{d}{dx} E``, ``\frac{d\sigma}{dx}``, ``\frac{\partial^2 f}{\partial x \partial y}``,
``dL/dy``, ``\partial L / \partial y`` become unevaluated ``Derivative`` objects;
``\sum_{k=1}^{n}`` and ``\prod`` become ``Sum``/``Product`` over IndexedBase entries.
"""

from __future__ import annotations

import re

from sympy import Derivative, Function, Indexed, IndexedBase, Integer, Product, S, Sum, Symbol
from sympy.matrices import MatrixBase

from .latex_errors import ParseError
from .latex_lexer import Token
from .latex_symbols import make_symbol
from .latex_tables import FUNCTIONS


class CalculusMixin:
    delta_is_d = False   # inside \\frac{\\delta L}{\\delta w}: \\delta is the d of a derivative

    def is_differential(self, tok: Token) -> bool:
        return (tok.kind == "letter" and tok.value == "d") or (
            tok.kind == "cmd" and (tok.value == "partial" or (tok.value == "delta" and self.delta_is_d)))

    def looks_like_derivative(self) -> bool:
        """``\\frac{d...}{d x...}``, ``\\frac{\\partial ...}{\\partial x ...}``, or ``\\frac{\\delta L}{\\delta w}``
        (\\delta for \\partial, as some notes write it: both sides a \\delta before a name)."""
        toks = self.toks
        self.delta_is_d = False
        stop = self.matching(self.i)
        if stop + 3 >= len(toks) or toks[stop + 1].kind != "{":
            return False
        first, second = toks[stop + 2], toks[stop + 3]
        top, after_top = toks[self.i + 1], toks[self.i + 2] if self.i + 2 < len(toks) else toks[-1]
        if top.kind == "cmd" and top.value == "delta" and first.kind == "cmd" and first.value == "delta":
            if self.starts_symbol(after_top) and self.starts_symbol(second):
                self.delta_is_d = True
                return True
            return False
        if not self.is_differential(top):
            return False
        return self.is_differential(first) and self.starts_symbol(second)

    def differential_order(self) -> int:
        if self.peek().kind != "^":
            return 1
        tok = self.peek()
        self.i += 1
        order = self.exponent()
        if not (order.is_Integer and 1 <= order <= 10):
            self.fail("the order of a derivative must be a whole number from 1 to 10", tok)
        return int(order)

    def derivative_fraction(self, frac_tok: Token):
        self.expect("{")
        self.i += 1  # d or \partial
        order = self.differential_order()
        # numerator body: empty (operator form), a bare function name, or an expression
        body = None
        bare_function = None
        tok = self.peek()
        if tok.kind == "}":
            pass
        elif tok.kind == "func" and self.peek(1).kind == "}":
            bare_function = FUNCTIONS[tok.value].build
            self.i += 1
        elif tok.kind == "letter" and self.peek(1).kind == "}" and (
                tok.value in self.opts.functions or tok.value in self.opts.default_functions
        ) and tok.value not in self.opts.variables:
            builder = self.opts.functions.get(tok.value)
            bare_function = builder if callable(builder) else Function(tok.value)
            self.i += 1
        else:
            saved, self.abs_depth = self.abs_depth, 0
            body = self.expr()
            self.abs_depth = saved
        self.expect("}", what="'}' closing the numerator")
        self.expect("{")
        variables = []
        while self.peek().kind != "}":
            d = self.peek()
            if not self.is_differential(d):
                self.unexpected(d, "d or \\partial before each variable")
            self.i += 1
            parts = self.symbol_head()
            self.symbol_postfix(parts)
            var = make_symbol(parts, matrices=self.opts.matrices, arrays=self.opts.arrays)
            variables.append((var, self.differential_order()))
        self.i += 1
        total = sum(n for _, n in variables)
        if total != order:
            self.fail(f"the orders do not match: d^{order} over {total} differentials", frac_tok)
        if body is None:
            if bare_function is not None:
                args = list(dict.fromkeys(v for v, _ in variables))
                body = self.build_call(bare_function, args, 0, frac_tok, "function")
            else:
                nxt = self.peek()
                if not (self.starts_factor(nxt) or nxt.kind in ("+", "-")):
                    self.unexpected(nxt, "the expression to differentiate")
                body = self.operator_argument(stop_at_functions=False)
        self.delta_is_d = False
        return self.derivative(body, variables, frac_tok)

    def derivative(self, body, variables, tok):
        if isinstance(body, MatrixBase):
            self.fail("derivative of a matrix is not supported", tok, "unsupported")
        return self._combine(lambda b, vs: Derivative(b, *vs), body, variables, tok,
                             "differentiate")

    def inline_derivative(self, kind: str):
        """``dL/dy`` or ``\\partial L / \\partial y``; None (and no tokens used) otherwise."""
        start = self.i
        self.i += 1
        try:
            order = self.differential_order() if kind == "partial" else 1
            tok = self.peek()
            if tok.kind == "func" and FUNCTIONS[tok.value].bare is None and \
                    self.peek(1).kind == "/":
                self.i += 1
                body = ("function", FUNCTIONS[tok.value].build)
            elif self.starts_symbol(tok) or (tok.kind == "func" and FUNCTIONS[tok.value].bare):
                body = self.power()
            else:
                self.i = start
                return None
            if self.peek().kind != "/" or not self.is_differential(self.peek(1)):
                self.i = start
                return None
            if (self.peek(1).kind == "cmd") != (kind == "partial"):
                self.i = start
                return None
            self.i += 1
            variables = []
            while self.is_differential(self.peek()) and self.starts_symbol(self.peek(1)):
                self.i += 1
                parts = self.symbol_head()
                self.symbol_postfix(parts)
                variables.append((make_symbol(parts, matrices=self.opts.matrices, arrays=self.opts.arrays),
                                  self.differential_order()))
            if not variables or sum(n for _, n in variables) != order:
                self.i = start
                return None
        except ParseError:
            self.i = start
            if kind == "partial":
                raise
            return None
        if isinstance(body, tuple):
            body = body[1](*dict.fromkeys(v for v, _ in variables))
        return self.derivative(body, variables, self.toks[start])

    # ------------------------------------------------------------------ sums
    def summation(self):
        r"""``\sum_{k=1}^{n} body`` (or ``\sum_k``, bounds 1..n): a Sum over indexed symbols.

        Inside the body, a symbol whose subscript holds the summation letter (``z_k``,
        ``w_{jk}``) becomes an entry of an IndexedBase (``z[k]``, ``w[j, k]``), as in
        :func:`derivations.vectors.softmax_component`; the summand is a term (it runs over
        products, up to the next ``+`` or ``-``).
        """
        tok = self.peek()
        self.i += 1
        if self.peek().kind != "_":
            self.fail(f"write the index of '{self.source(tok)}' as a subscript, e.g. _{{k=1}}",
                      self.peek())
        self.i += 1
        lower = S.One
        brace = self.peek().kind == "{"
        if brace:
            self.i += 1
        letter = self.peek()
        if letter.kind != "letter":
            self.unexpected(letter, "the summation letter")
        self.i += 1
        if brace:
            nxt = self.peek()
            if nxt.kind == "rel" and nxt.value == "=":
                self.i += 1
                lower = self.expr()
            self.expect("}", what="'}'")
        upper = Symbol("n", real=True)   # as a written n elsewhere in the expression
        if self.peek().kind == "^":
            self.i += 1
            upper = self.exponent()
        positive = bool(lower.is_Integer and lower > 0)
        var = Symbol(letter.value, integer=True, positive=True) if positive else \
            Symbol(letter.value, integer=True)
        nxt = self.peek()
        if not (self.starts_factor(nxt) or nxt.kind in ("+", "-")):
            self.unexpected(nxt, "the expression to sum")
        body = indexify(self.term(), {letter.value: var})
        stray = mentions_index(body, letter.value)
        if stray:
            self.fail(f"'{stray}' depends on the summation index {letter.value} in a way not "
                      f"supported; write it with a subscript such as y_{letter.value}", tok,
                      "unsupported")
        if isinstance(body, MatrixBase):
            self.fail("a sum of matrices is not supported", tok, "unsupported")
        kind = Sum if tok.value == "sum" else Product
        return self._combine(lambda b, lim: kind(b, lim), body, (var, lower, upper), tok,
                             "sum")



_SIMPLE_INDEX = re.compile(r"^(?P<base>[A-Za-z]|\\[A-Za-z]+(?:\{[A-Za-z]\}|\{\\[A-Za-z]+\})?)_\{(?P<sub>[A-Za-z0-9]+(?:,[A-Za-z0-9]+)*)\}$")


def _index_parts(sub: str) -> list[str]:
    return sub.split(",") if "," in sub else list(sub)


def indexify(expr, letters: dict, bases: set | None = None):
    """Turn symbols like ``z_{k}``, ``w_{jk}`` into IndexedBase entries.

    A symbol is converted when its subscript holds one of ``letters`` (summation letters
    -> their Symbols) or, with ``bases``, when its base letter is one of ``bases``.  Other
    index letters become integer Symbols, digits Integers.
    """
    if not hasattr(expr, "free_symbols"):
        return expr
    mapping = {}
    for sym in expr.free_symbols:
        if not isinstance(sym, Symbol) or not sym.is_commutative:
            continue
        m = _SIMPLE_INDEX.match(sym.name)
        if not m:
            continue
        parts = _index_parts(m.group("sub"))
        if not (any(p in letters for p in parts) or (bases and m.group("base") in bases)):
            continue
        indices = []
        for p in parts:
            if p in letters:
                indices.append(letters[p])
            elif p.isdigit():
                indices.append(Integer(int(p)))
            else:
                indices.append(Symbol(p, integer=True, positive=True))
        mapping[sym] = IndexedBase(m.group("base"), real=True)[tuple(indices)]
    return expr.xreplace(mapping) if mapping else expr


def mentions_index(expr, letter: str) -> str | None:
    """The name of a symbol left in ``expr`` whose scripts still mention ``letter``."""
    pattern = re.compile(r"(?<![A-Za-z\\])" + re.escape(letter) + r"(?![A-Za-z])")
    for sym in getattr(expr, "free_symbols", ()):
        name = getattr(sym, "name", "")
        cut = min((k for k in (name.find("_{"), name.find("^{")) if k >= 0), default=-1)
        if cut >= 0 and pattern.search(name[cut:]):
            return name
    return None


def indexed_bases(expr) -> set:
    """Names of the IndexedBases inside ``expr`` (from sums)."""
    if not hasattr(expr, "atoms"):
        return set()
    return {str(a.base.label) for a in expr.atoms(Indexed)}
