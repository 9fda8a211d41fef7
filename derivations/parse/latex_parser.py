r"""Recursive-descent parser from tokens of student LaTeX to SymPy objects.

Precedence, lowest first::

    chain    expr (REL expr)*
    expr     term (('+' | '-') term)*
    term     unary (('*' | '/' | <implicit>) factor)*     a/b c = (a/b) c
    unary    ('+' | '-')* power                           -x^2 = -(x^2)
    power    atom ('^' exponent | '^T' | '\%')*
    atom     number | symbol | function call | ( expr ) | \frac | \sqrt | |expr| | env

Private to :mod:`derivations.parse.latex`, which documents the notation.  Derivatives and
sums live in :mod:`.latex_calculus`, cases and matrices in :mod:`.latex_environments`.
"""

from __future__ import annotations

from sympy import Abs, Derivative, Dummy, E, Function, Integer, Rational, S, Subs, oo, pi, root, sqrt
from sympy.matrices import MatrixBase

from ..functions import binary_step
from .latex_calculus import CalculusMixin
from .latex_environments import EnvironmentsMixin
from .latex_errors import ParseError
from .latex_lexer import Token
from .latex_operators import hadamard, indicator_of, norm
from .latex_symbols import SymbolParts, make_symbol, transpose
from .latex_tables import DECORATIONS, FUNCTIONS, GREEK, TRANSPARENT

MAX_EXPONENT = 1000          # |n| of an integer exponent on anything but e
MAX_POWER_BITS = 100_000     # size of an exact number raised to an integer power
MAX_NESTING = 100            # atoms inside atoms (brackets are also checked by the lexer)

_FACTOR_KINDS = frozenset({"num", "letter", "func", "name", "cmd", "open", "{", "begin"})
#: decorations that make a letter a vector (bold, arrow)
_VECTOR_DECORATIONS = frozenset({"mathbf", "vec"})
#: fonts in which 1 (or I) before a bracketed relation is an indicator
_INDICATOR_FONTS = frozenset({"mathbb", "mathbf", "mathds", "bm", "boldsymbol", "mathrm", "mathbbm"})
#: letters that carry a layer superscript in Nielsen's notation (a^l, z^L, w^{l+1}, \delta^l)
_LAYER_BASES = frozenset({"a", "z", "w", "b", "W", "h", "A", "Z", "\\delta", "\\mathbf{a}", "\\mathbf{z}",
                          "\\mathbf{b}", "\\mathbf{W}", "\\boldsymbol{\\delta}"})
#: words that, as a superscript of plain letters, label a name (w^{new}: the updated w, not w to the power n·e·w)
_LABEL_WORDS = frozenset("new old neu alt nuevo nueva nuevos viejo nouveau nouvelle ancien novo nova nuovo nuova "
                         "vecchio init opt prev next pred true".split())
#: commands for which there is no reading yet: a ParseError of kind "unsupported"
_UNSUPPORTED = frozenset({
    "int", "iint", "iiint", "oint", "lim", "limsup", "liminf", "circ", "otimes", "oplus", "pm",
    "mp", "cdots", "ldots", "dots", "vdots", "ddots", "dotsc", "dotsb", "det", "arg", "sup",
    "inf", "mathbb", "forall", "exists", "Pr", "mathbb", "binom", "choose", "lfloor", "lceil",
    "rfloor", "rceil", "langle", "rangle", "star", "wedge", "vee", "cap", "cup", "setminus",
})


class Options:
    """What the caller told us: function names, bound variables, matrix typing."""

    __slots__ = ("functions", "variables", "matrices", "default_functions", "arrays", "names",
                 "decimal_mark")

    def __init__(self, functions, variables, matrices, default_functions, arrays=frozenset(),
                 names=frozenset(), decimal_mark="."):
        self.functions = functions            # name -> callable or True, from the caller
        self.variables = variables            # names bound as variables (e, s, h, ...)
        self.matrices = matrices
        self.default_functions = default_functions   # letters that are functions by default
        self.arrays = arrays                  # names the caller knows are matrices or vectors
        self.names = names                    # words that are one name (net, out, target)
        self.decimal_mark = decimal_mark      # '.', ',' or None (unknown)


class Parser(CalculusMixin, EnvironmentsMixin):
    """The grammar; derivatives and sums, cases and matrices come from the mixins."""

    def __init__(self, text: str, tokens: list[Token], options: Options):
        self.text = text
        self.toks = tokens
        self.i = 0
        self.opts = options
        self.abs_depth = 0
        self.norm_depth = 0
        self.depth = 0
        self.transposed: set[str] = set()     # Latin-letter names seen transposed: arrays

    # ------------------------------------------------------------------ helpers
    def peek(self, k: int = 0) -> Token:
        j = self.i + k
        toks = self.toks
        return toks[j] if j < len(toks) else toks[-1]

    def source(self, tok: Token) -> str:
        return self.text[tok.pos:tok.end]

    def fail(self, reason: str, tok: Token | None = None, kind: str = "syntax"):
        tok = self.peek() if tok is None else tok
        raise ParseError(reason, tok.pos + 1, kind)

    def unexpected(self, tok: Token | None = None, expected: str | None = None):
        tok = self.peek() if tok is None else tok
        k = tok.kind
        if k == "eof":
            if self.i == 0:
                self.fail("empty input", tok)
            prev = self.source(self.toks[self.i - 1])
            self.fail(f"the expression ends too early, after '{prev}'"
                      + (f"; expected {expected}" if expected else ""), tok)
        if k in ("text", "kw"):
            self.fail(f"prose inside math: '{self.source(tok)}'", tok, "prose")
        if k == "connective":
            self.fail(f"connective '\\{tok.value}' between statements", tok, "connective")
        if k == "in":
            self.fail("shape annotation", tok, "annotation")
        if k == "quad":
            self.fail("'\\quad' separates statements; give one statement at a time", tok,
                      "separator")
        if k == "rel":
            self.fail(f"unexpected relation '{self.source(tok)}' where one expression was "
                      "expected", tok, "relation")
        if k == "cmd":
            self.fail(f"unknown command '\\{tok.value}'", tok, "unknown")
        if k in ("name", "badname"):
            self.fail(f"unknown function '{self.source(tok)}'", tok, "unknown")
        if k == ",":
            self.fail("unexpected ','; give one expression at a time", tok, "separator")
        what = f"unexpected '{self.source(tok)}'"
        self.fail(what + (f"; expected {expected}" if expected else ""), tok)

    def expect(self, kind: str, value=None, what: str | None = None) -> Token:
        tok = self.peek()
        if tok.kind != kind or (value is not None and tok.value != value):
            self.unexpected(tok, what)
        self.i += 1
        return tok

    def starts_factor(self, tok: Token) -> bool:
        k = tok.kind
        if k in _FACTOR_KINDS:
            return True
        if k == "bar":
            return self.abs_depth == 0 and not self.evaluation_bar_follows()
        if k == "norm":
            return self.norm_depth == 0
        return k == "kw" and tok.value == "undefined"

    def evaluation_bar_follows(self) -> bool:
        """Is the token here ``|`` or ``\\right|`` directly followed by ``_`` (``|_{x=0}``)?"""
        tok = self.peek()
        return (tok.kind == "bar" or (tok.kind == "close" and tok.value == "|")) and \
            self.peek(1).kind == "_"

    def evaluation_bar(self, value):
        """``... |_{x=0}`` or ``|_{x=0, y=1}``: substitute into ``value`` (a Subs)."""
        bar = self.peek()
        self.i += 2
        self.expect("{", what="'{' with x = value after the evaluation bar")
        variables, points = [], []
        while True:
            parts = self.symbol_head()
            self.symbol_postfix(parts)
            variables.append(make_symbol(parts, matrices=self.opts.matrices,
                                         arrays=self.opts.arrays))
            self.expect("rel", "=", what="'=' in the evaluation bar")
            points.append(self.expr())
            if self.peek().kind != ",":
                break
            self.i += 1
        self.expect("}", what="'}'")
        if isinstance(value, MatrixBase):
            self.fail("an evaluation bar on a matrix is not supported", bar, "unsupported")
        return self._combine(lambda v, sp: Subs(v, *sp), value, (variables, points), bar,
                             "evaluate")

    def split_first(self) -> Token:
        """Take one character off a number or letter-word token (for x_12, \\frac12)."""
        tok = self.toks[self.i]
        if tok.kind == "num" and len(tok.value) > 1:
            if not self.source(tok).isdigit():
                self.fail("write the superscript or argument in braces, e.g. ^{1.5}", tok)
            first = Token("num", tok.value[0], tok.pos, tok.pos + 1)
            rest = Token("num", tok.value[1:], tok.pos + 1, tok.end, split=True)
            self.toks[self.i:self.i + 1] = [first, rest]
        elif tok.kind in ("func", "kw", "letter") and self.source(tok).isalpha():
            src = self.source(tok)
            parts = [Token("letter", c, tok.pos + k, tok.pos + k + 1, split=k > 0)
                     for k, c in enumerate(src)]
            self.toks[self.i:self.i + 1] = parts
        return self.toks[self.i]

    def render(self, start: int, stop: int) -> str:
        """Canonical source of tokens [start, stop): no spaces except after \\commands."""
        out = []
        prev_command = False
        for tok in self.toks[start:stop]:
            src = self.source(tok)
            if prev_command and src[:1].isalpha():
                out.append(" ")
            out.append(src)
            prev_command = src.startswith("\\") and src[-1:].isalpha()
        return "".join(out)

    def matching(self, start: int) -> int:
        """Index of the token closing the '{' at ``start`` (depth counted on braces only)."""
        depth = 0
        toks = self.toks
        for j in range(start, len(toks)):
            k = toks[j].kind
            if k == "{":
                depth += 1
            elif k == "}":
                depth -= 1
                if depth == 0:
                    return j
        self.fail("'{' is never closed", toks[start])

    # ------------------------------------------------------------------ arithmetic
    def _combine(self, op, a, b, tok: Token, what: str):
        try:
            return op(a, b)
        except ParseError:
            raise
        except (TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError) as exc:
            self.fail(f"cannot {what} these: {exc}", tok, "unsupported")

    def add(self, a, b, tok):
        return self._combine(lambda x, y: x + y, a, b, tok, "add")

    def sub(self, a, b, tok):
        return self._combine(lambda x, y: x - y, a, b, tok, "subtract")

    def mul(self, a, b, tok):
        return self._combine(lambda x, y: x * y, a, b, tok, "multiply")

    def div(self, a, b, tok):
        if isinstance(b, MatrixBase):
            self.fail("cannot divide by a matrix", tok, "unsupported")
        return self._combine(lambda x, y: x / y, a, b, tok, "divide")

    def pow(self, base, exponent, tok):
        if exponent.is_Rational and base is not E:
            p = exponent.p
            if abs(p) > MAX_EXPONENT:
                self.fail(f"exponent {exponent} is too large (at most {MAX_EXPONENT})",
                          tok, "limit")
            if base.is_Rational and base != 0:
                bits = max(abs(base.p).bit_length(), base.q.bit_length()) * abs(p)
                if bits > MAX_POWER_BITS:
                    self.fail("this power is too large to evaluate exactly", tok, "limit")
        elif exponent.is_number and base.is_number and base is not E:
            value = abs(complex(exponent.evalf(15))) if exponent.is_finite else 0
            if value > MAX_EXPONENT:
                self.fail("exponent is too large", tok, "limit")
        if isinstance(base, MatrixBase) and not exponent.is_Integer:
            self.fail("a matrix power needs an integer exponent", tok, "unsupported")
        return self._combine(lambda x, y: x ** y, base, exponent, tok, "raise to a power")

    # ------------------------------------------------------------------ grammar
    def expr(self):
        acc = self.term()
        while True:
            tok = self.peek()
            if tok.kind == "+":
                self.i += 1
                acc = self.add(acc, self.term(), tok)
            elif tok.kind == "-":
                self.i += 1
                acc = self.sub(acc, self.term(), tok)
            else:
                return acc

    def term(self):
        acc = self.unary()
        last = acc
        while True:
            tok = self.peek()
            k = tok.kind
            if k == "*":
                self.i += 1
                factor = self.unary()
                if _is_transposed_symbol(last) and _is_latin_scalar(factor):
                    self.transposed.add(factor.name)
                acc = self.mul(acc, factor, tok)
                last = factor
                continue
            elif k == "odot":
                self.i += 1
                factor = self.unary()
                self.note_arrays(acc)
                self.note_arrays(factor)        # a ⊙ b: both are vectors or matrices
                acc = self._combine(hadamard, acc, factor, tok, "multiply element-wise")
            elif k == "/":
                self.i += 1
                acc = self.div(acc, self.unary(), tok)
            elif (k == "bar" or (k == "close" and not self.source(tok).startswith("\\right"))) \
                    and self.abs_depth == 0 and self.evaluation_bar_follows():
                # x^2 \Big|_{x=1}; a \right| closes its \left. in bracket() instead
                acc = self.evaluation_bar(acc)
            elif self.starts_factor(tok):
                if k == "num" and not tok.split and self.toks[self.i - 1].kind == "num":
                    self.fail("two numbers side by side; write \\cdot between them", tok)
                factor = self.power()
                if _is_transposed_symbol(last) and _is_latin_scalar(factor):
                    self.transposed.add(factor.name)      # w^T x: x is a vector too
                acc = self.mul(acc, factor, tok)
                last = factor
                continue
            else:
                return acc
            last = None

    def unary(self):
        negative = False
        tok = self.peek()
        while tok.kind in ("+", "-"):
            if tok.kind == "-":
                negative = not negative
            self.i += 1
            tok = self.peek()
        value = self.power()
        if negative:
            return self.mul(S.NegativeOne, value, tok)
        return value

    def power(self):
        base = self.atom()
        while True:
            tok = self.peek()
            k = tok.kind
            if k == "^":
                if self.transpose_follows() and base is not E and not base.is_number:
                    self.skip_superscript()
                    self.note_arrays(base)
                    flipped = transpose(base)
                    if flipped is None:
                        self.fail("cannot transpose this expression", tok, "unsupported")
                    base = flipped
                    continue
                self.i += 1
                base = self.pow(base, self.exponent(), tok)
            elif k == "percent":
                self.i += 1
                base = self.div(base, Integer(100), tok)
            elif k == "_":
                self.fail("a subscript must follow a letter; put the name in braces", tok)
            elif k == "'":
                self.fail("a prime must follow a function or variable name", tok)
            elif k == "!":
                self.fail("factorials are not supported", tok, "unsupported")
            else:
                return base

    def exponent(self):
        """The exponent after '^': a brace group or one token (``e^-x`` is read as e^{-x})."""
        tok = self.peek()
        if tok.kind == "{":
            return self.brace_group()
        if tok.kind == "-":
            self.i += 1
            return -self.single_token_argument("the exponent")
        return self.single_token_argument("the exponent")

    def brace_group(self):
        open_tok = self.expect("{")
        if self.peek().kind == "}":
            self.fail("empty braces", open_tok)
        saved = self.abs_depth
        self.abs_depth = 0
        value = self.expr()
        self.abs_depth = saved
        self.expect("}", what="'}'")
        return value

    def single_token_argument(self, what: str):
        """One token as an argument: ``\\frac12``, ``x^2``, ``\\sqrt x``, ``e^\\alpha``."""
        tok = self.peek()
        if tok.kind == "num":
            tok = self.split_first()
            self.i += 1
            return self.number(tok)
        if tok.kind in ("func", "kw"):
            tok = self.split_first()
        if tok.kind == "letter" or (tok.kind == "cmd" and (tok.value in GREEK
                                                          or tok.value in ("pi", "infty"))):
            if tok.kind == "letter":
                self.i += 1
                parts = SymbolParts(tok.value)
                return self.finish_symbol(parts, allow_call=False)
            return self.atom()
        if tok.kind == "eof":
            self.unexpected(tok)
        self.fail(f"put {what} in braces {{...}}", tok)

    def number(self, tok: Token):
        info = tok.number
        if info is not None and info.ambiguous and not tok.split:
            self.fail(f"ambiguous number {info.ambiguous}; the document's decimal mark is not "
                      "known", tok, "ambiguous")
        text = tok.value
        if "." in text:
            whole, frac = text.split(".")
            value = Rational(int(whole or "0") * 10 ** len(frac) + int(frac), 10 ** len(frac))
        else:
            value = Integer(int(text))
        if info is not None and info.exponent and not tok.split:
            value = value * Rational(10) ** info.exponent
        return value

    # ------------------------------------------------------------------ atoms
    def atom(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            self.fail(f"expression nested deeper than {MAX_NESTING}", kind="limit")
        try:
            return self._atom()
        finally:
            self.depth -= 1

    def _atom(self):
        tok = self.peek()
        k = tok.kind
        if k == "num" and self.indicator_length():
            return self.indicator()
        if k == "num":
            self.i += 1
            return self.number(tok)
        if k == "letter":
            if tok.value == "d" and "d" not in self.opts.variables:
                found = self.inline_derivative("d")
                if found is not None:
                    return found
            return self.symbol()
        if k == "func":
            return self.function()
        if k == "open":
            return self.bracket()
        if k == "{":
            return self.brace_group()
        if k == "bar":
            return self.plain_abs()
        if k == "norm":
            return self.plain_norm()
        if k == "begin":
            return self.environment()
        if k == "name":
            return self.symbol()
        if k == "kw" and tok.value == "undefined":
            self.i += 1
            return S.NaN
        if k == "cmd" and self.indicator_length():
            return self.indicator()
        if k == "cmd":
            v = tok.value
            if v in GREEK or v in DECORATIONS:
                return self.symbol()
            if v in TRANSPARENT:
                return self.transparent()
            if v == "nabla":
                return self.gradient()
            if v in ("frac", "dfrac", "tfrac", "cfrac"):
                return self.fraction()
            if v == "sqrt":
                return self.square_root()
            if v == "partial" and self.peek(1).kind == "_":
                return self.gradient()
            if v == "partial":
                found = self.inline_derivative("partial")
                if found is None:
                    self.fail("write a partial derivative as \\frac{\\partial f}{\\partial x} "
                              "or \\partial f / \\partial x", tok)
                return found
            if v == "pi":
                self.i += 1
                return pi
            if v == "infty":
                self.i += 1
                return oo
            if v == "mathbb":
                self.fail("shape annotation (read it with parse_annotation)", tok, "annotation")
            if v in ("sum", "prod"):
                return self.summation()
            if v in _UNSUPPORTED:
                self.fail(f"'\\{v}' is not supported yet", tok, "unsupported")
        self.unexpected(tok, "an expression")

    # ------------------------------------------------------------------ indicators
    def indicator_length(self) -> int:
        """Tokens of an indicator's head (``\\mathbb{1}``, ``\\mathbf{1}``, ``\\mathbb{I}``, ``1``) when a
        bracket or subscript holding a relation follows it (``\\mathbb{1}(k = y)``, ``1\\{y = k\\}``), else 0."""
        tok = self.peek()
        if tok.kind == "num":
            n = 1 if tok.value == "1" else 0
            if not n or not (self.peek(1).kind == "open" and self.peek(1).value == "{"):
                return 0   # a plain 1 is an indicator only before \{ … \}
        elif tok.kind == "cmd" and tok.value in _INDICATOR_FONTS and self.peek(1).kind == "{" \
                and self.peek(3).kind == "}" and (self.peek(2).kind == "num" and self.peek(2).value == "1"
                                                  or self.peek(2).kind == "letter" and self.peek(2).value == "I"):
            n = 4
        else:
            return 0
        after = self.peek(n)
        if after.kind == "_" and self.peek(n + 1).kind == "{":
            body_start = n + 2
        elif after.kind == "open" and after.value in "([{":
            body_start = n + 1
        else:
            return 0
        depth = 0
        for j in range(self.i + body_start, len(self.toks)):
            t = self.toks[j]
            if t.kind in ("open", "{"):
                depth += 1
            elif t.kind in ("close", "}"):
                if depth == 0:
                    return 0
                depth -= 1
            elif t.kind == "rel" and depth <= 1:
                return n
            elif t.kind == "eof":
                return 0
        return 0

    def indicator(self):
        """``\\mathbb{1}(k = y)``: 1 where the relation holds, else 0 (for ``=``, a Kronecker delta)."""
        self.i += self.indicator_length()
        closers = []
        if self.peek().kind == "_":
            self.i += 1
            closers.append(self.expect("{"))
        if self.peek().kind == "open":
            closers.append(self.peek())
            self.i += 1
        a = self.expr()
        rel = self.expect("rel")
        b = self.expr()
        for open_tok in reversed(closers):
            if open_tok.kind == "{":
                self.expect("}")
            else:
                self.close(open_tok.value, open_tok)
        value = indicator_of(a, rel.value, b)
        if value is None:
            self.fail(f"an indicator of '{rel.value}' has no reading", rel, "unsupported")
        return value

    def bracket(self):
        open_tok = self.peek()
        self.i += 1
        kind = open_tok.value
        if kind == "|":
            saved, self.abs_depth = self.abs_depth, 0
            value = self.expr()
            self.abs_depth = saved
            self.close("|", open_tok)
            return self.absolute(value, open_tok)
        if kind == "norm":
            saved, self.norm_depth = self.norm_depth, 0
            value = self.expr()
            self.norm_depth = saved
            self.close("norm", open_tok)
            return self.finish_norm(value, open_tok)
        if self.peek().kind == "close":
            self.fail("empty brackets", open_tok)
        nxt = self.peek()
        if kind == "{" and nxt.kind == "begin" and nxt.value == "array":
            # \left\{ \begin{array}{ll} x & x > 0 \\ ... \end{array} \right. is a cases
            self.i += 1
            if self.peek().kind == "{":
                self.i = self.matching(self.i) + 1
            value = self.cases(nxt, "array")
            self.close(kind, open_tok)
            return value
        saved, self.abs_depth = self.abs_depth, 0
        value = self.expr()
        self.abs_depth = saved
        if kind == "." and self.evaluation_bar_follows():
            return self.evaluation_bar(value)
        self.close(kind, open_tok)
        return value

    def close(self, kind: str, open_tok: Token):
        tok = self.peek()
        if tok.kind == "close" and (tok.value == kind or tok.value == "." or kind == "."):
            self.i += 1
            return
        if kind == "|" and tok.kind == "bar":
            self.i += 1
            return
        if kind == "norm" and tok.kind == "norm":
            self.i += 1
            return
        closing = {"(": ")", "[": "]", "{": "\\}", "|": "|", ".": "\\right.", "norm": "\\|"}[kind]
        if tok.kind == "eof":
            self.fail(f"'{self.source(open_tok)}' at column {open_tok.pos + 1} is never "
                      f"closed; expected '{closing}'", tok)
        self.unexpected(tok, f"'{closing}' to close '{self.source(open_tok)}' at column "
                             f"{open_tok.pos + 1}")

    def plain_abs(self):
        open_tok = self.peek()
        self.i += 1
        self.abs_depth += 1
        value = self.expr()
        self.abs_depth -= 1
        tok = self.peek()
        if tok.kind == "bar" or (tok.kind == "close" and tok.value == "|"):
            self.i += 1
            return self.absolute(value, open_tok)
        if tok.kind == "eof":
            self.fail(f"'|' at column {open_tok.pos + 1} is never closed", tok)
        self.unexpected(tok, "'|'")

    def plain_norm(self):
        open_tok = self.peek()
        self.i += 1
        self.norm_depth += 1
        saved, self.abs_depth = self.abs_depth, 0
        value = self.expr()
        self.abs_depth = saved
        self.norm_depth -= 1
        tok = self.peek()
        if tok.kind == "norm" or (tok.kind == "close" and tok.value == "norm"):
            self.i += 1
            return self.finish_norm(value, open_tok)
        if tok.kind == "eof":
            self.fail(f"'\\|' at column {open_tok.pos + 1} is never closed", tok)
        self.unexpected(tok, "'\\|'")

    def finish_norm(self, value, tok):
        """``\\|x\\|`` and its subscript ``_2``, ``_1``, ``_\\infty``, ``_F``."""
        p = Integer(2)
        if self.peek().kind == "_":
            self.i += 1
            which = self.script_text()
            p = {"2": Integer(2), "1": Integer(1), "\\infty": oo, "F": Integer(2)}.get(which)
            if p is None:
                self.fail(f"the norm _{{{which}}} is not supported", tok, "unsupported")
        self.note_arrays(value)
        return self._combine(norm, value, p, tok, "take the norm of")

    def transparent(self):
        r"""``\boxed{x}``, ``\cancel{x}``: x; ``\underbrace{x}_{label}``: x, the label dropped."""
        tok = self.peek()
        self.i += 1
        if self.peek().kind != "{":
            self.unexpected(self.peek(), f"'{{' after \\{tok.value}")
        value = self.brace_group()
        script = {"underbrace": "_", "overbrace": "^"}.get(tok.value)
        if script and self.peek().kind == script:
            self.i += 1
            nxt = self.peek()
            if nxt.kind == "{":
                self.i = self.matching(self.i) + 1
            elif nxt.kind != "eof":
                self.i += 1
        return value

    def gradient(self):
        r"""``\nabla_W L`` and ``\partial_x f``: the derivative of the operand with respect to W."""
        tok = self.peek()
        self.i += 1
        if self.peek().kind != "_":
            self.fail("a gradient \\nabla needs the variable as a subscript, e.g. \\nabla_W L",
                      tok, "unsupported")
        self.i += 1
        brace = self.peek().kind == "{"
        if brace:
            self.i += 1
        parts = self.symbol_head()
        self.symbol_postfix(parts)
        if brace:
            self.expect("}", what="'}' after the variable of the gradient")
        var = make_symbol(parts, matrices=self.opts.matrices, arrays=self.opts.arrays)
        nxt = self.peek()
        if not (self.starts_factor(nxt) or nxt.kind in ("+", "-")):
            self.unexpected(nxt, "the expression to differentiate")
        body = self.operator_argument(stop_at_functions=False)
        return self.derivative(body, [(var, 1)], tok)

    def note_arrays(self, value):
        """Record the Latin-letter scalars of ``value`` (transposed, under a norm, in a ⊙):
        they are vectors or matrices, and the expression is parsed again knowing it."""
        for sym in getattr(value, "free_symbols", ()):
            name = getattr(sym, "name", "")
            if sym.is_commutative and name[:1].isalpha():
                self.transposed.add(name)

    def absolute(self, value, tok):
        if isinstance(value, MatrixBase):
            self.fail("|..| of a matrix (a determinant?) is not supported", tok, "unsupported")
        return Abs(value)

    def fraction(self):
        frac_tok = self.peek()
        self.i += 1
        if self.peek().kind == "{" and self.looks_like_derivative():
            return self.derivative_fraction(frac_tok)
        num = self.argument("the numerator")
        den = self.argument("the denominator")
        return self.div(num, den, frac_tok)

    def argument(self, what: str):
        if self.peek().kind == "{":
            return self.brace_group()
        return self.single_token_argument(what)

    def square_root(self):
        tok = self.peek()
        self.i += 1
        index = None
        nxt = self.peek()
        if nxt.kind == "open" and nxt.value == "[":
            self.i += 1
            index = self.expr()
            self.close("[", nxt)
        value = self.argument("the argument of \\sqrt")
        if isinstance(value, MatrixBase):
            self.fail("\\sqrt of a matrix is not supported", tok, "unsupported")
        if index is None:
            return sqrt(value)
        if index.is_Integer and abs(index) > MAX_EXPONENT:
            self.fail("root index too large", tok, "limit")
        if index == 0:
            self.fail("a root of index 0", tok)
        return self._combine(root, value, index, tok, "take the root of")

    # ------------------------------------------------------------------ symbols
    def symbol_head(self) -> SymbolParts:
        """A letter, a Greek letter, or a decorated one (``\\hat{y}``, ``\\Delta w``)."""
        tok = self.peek()
        k, v = tok.kind, tok.value
        if k == "letter" and len(v) == 1:
            self.i += 1
            return SymbolParts(v)
        if k == "letter" or k == "name":
            # a multi-letter name: net_{h1}, \text{net}_{h1}, \mathrm{CE} are all \mathrm{..}
            self.i += 1
            return SymbolParts(f"\\mathrm{{{v}}}", v)
        if k == "func" and v in ("sigma", "phi") and self.source(tok).startswith("\\"):
            self.i += 1
            return SymbolParts(self.source(tok), v)
        if k == "cmd" and v in GREEK:
            self.i += 1
            if v == "Delta" and self.starts_symbol(self.peek()):
                inner = self.symbol_head()
                self.symbol_postfix(inner)
                inner.base = "\\Delta " + inner.base
                return inner
            return SymbolParts("\\" + v, v)
        if k == "cmd" and v in DECORATIONS:
            self.depth += 1
            if self.depth > MAX_NESTING:
                self.fail(f"decorations nested deeper than {MAX_NESTING}", tok, "limit")
            self.i += 1
            deco = DECORATIONS[v]
            if self.peek().kind == "{" and deco == "mathbf" and self.peek(1).kind == "num" \
                    and self.peek(2).kind == "}" and self.peek(1).value in ("0", "1"):
                # \mathbf{1}, \mathbf{0}: the vector of ones (zeros)
                digit = self.peek(1).value
                self.i += 3
                self.depth -= 1
                inner = SymbolParts(f"\\mathbf{{{digit}}}", digit)
                inner.vector = True
                return inner
            if self.peek().kind == "{":
                self.i += 1
                inner = self.symbol_head()
                self.symbol_postfix(inner)
                self.expect("}", what="'}' after a decorated letter")
            else:
                inner = self.symbol_head()
            inner.base = f"\\{deco}{{{inner.base}}}"
            if deco in _VECTOR_DECORATIONS:
                inner.vector = True
            self.depth -= 1
            return inner
        self.unexpected(tok, "a letter")

    def starts_symbol(self, tok: Token) -> bool:
        return tok.kind in ("letter", "name") or (tok.kind == "cmd" and (
            tok.value in GREEK or tok.value in DECORATIONS))

    def symbol_postfix(self, parts: SymbolParts) -> None:
        """Primes, one subscript and index superscripts; stops before a power.

        Digits written directly after the letter are its subscript: ``z1`` is ``z_{1}``.
        """
        tok = self.peek()
        if tok.kind == "num" and tok.glued and tok.value.isdigit() and not parts.sub \
                and tok.number is not None and not tok.number.exponent:
            parts.sub = tok.value
            self.i += 1
        while True:
            tok = self.peek()
            k = tok.kind
            if k == "'":
                parts.primes += 1
                self.i += 1
            elif k == "_":
                if parts.sub:
                    self.fail("double subscript; put both indices in one pair of braces", tok)
                self.i += 1
                parts.sub = self.script_text()
            elif k == "^":
                if parts.base == "e" and not parts.sub and not parts.primes \
                        and "e" not in self.opts.variables:
                    return  # Euler's number: every superscript is a power
                index = self.layer_superscript(parts) or self.index_superscript()
                if index is None:
                    return
                text, transposed, primes, stop = index
                if parts.transpose and transposed:
                    self.fail("transposed twice", tok)
                parts.sup += text
                parts.transpose = parts.transpose or transposed
                parts.primes += primes
                self.i = stop
            else:
                return

    def script_text(self) -> str:
        tok = self.peek()
        if tok.kind == "{":
            stop = self.matching(self.i)
            if stop == self.i + 1:
                self.fail("empty subscript", tok)
            text = self.render(self.i + 1, stop)
            self.i = stop + 1
            return text
        if tok.kind in ("num", "func", "kw") or (tok.kind == "letter" and len(tok.value) > 1):
            tok = self.split_first()
        if tok.kind == "letter":
            # out_h1: a letter with digits written right after it is one index, h1
            nxt = self.peek(1)
            if nxt.kind == "num" and nxt.glued and self.source(nxt).isdigit():
                self.i += 2
                return self.render(self.i - 2, self.i)
        if tok.kind in ("num", "letter") or (tok.kind == "cmd" and tok.value in GREEK) or (
                tok.kind == "func" and self.source(tok).startswith("\\")):
            self.i += 1
            return self.render(self.i - 1, self.i)
        if tok.kind == "eof":
            self.unexpected(tok)
        self.fail("put the subscript in braces {...}", tok)

    def index_superscript(self):
        """If the '^' here is an index, prime or transpose: (text, transposed, primes, stop)."""
        j = self.i + 1
        toks = self.toks
        tok = toks[j]
        if tok.kind == "letter" and tok.value == "T" or tok.kind == "transpose":
            return "", True, 0, j + 1
        if tok.kind == "'":
            return "", False, 1, j + 1
        if tok.kind == "*":
            return "*", False, 0, j + 1
        if tok.kind == "open" and tok.value in "([":
            self.fail("put a layer or example index in braces, e.g. ^{[1]} or ^{(i)}", tok)
        if tok.kind != "{":
            return None
        stop = self.matching(j)
        label = self._label_superscript(j + 1, stop)
        if label is not None:
            return label, False, 0, stop + 1
        text, transposed, primes = [], False, 0
        k = j + 1
        while k < stop:
            t = toks[k]
            if t.kind == "open" and t.value in "([":
                close = self.matching_bracket(k, stop)
                if close is None:
                    return None
                text.append(self.render(k, close + 1))
                k = close + 1
            elif (t.kind == "letter" and t.value == "T") or t.kind == "transpose":
                if transposed or k != stop - 1 - primes_after(toks, k + 1, stop):
                    return None
                transposed = True
                k += 1
            elif t.kind == "'":
                primes += 1
                k += 1
            elif t.kind == "*":
                text.append("*")
                k += 1
            else:
                return None
        if k == j + 1:
            return None
        return "".join(text), transposed, primes, stop + 1

    def layer_superscript(self, parts: SymbolParts):
        """Nielsen's layer index: ``z^l_j``, ``a^{l-1}``, ``w^L`` (l or L, maybe ∓ 1) after a letter of a layer,
        or before a subscript; (text, transposed, primes, stop) like :meth:`index_superscript`, else None."""
        j = self.i + 1
        toks = self.toks
        if toks[j].kind == "letter" and toks[j].value in ("l", "L"):
            text, stop = toks[j].value, j + 1
        elif toks[j].kind == "{":
            close = self.matching(j)
            inner = toks[j + 1:close]
            if not inner or inner[0].kind != "letter" or inner[0].value not in ("l", "L"):
                return None
            if len(inner) == 3 and inner[1].kind in ("+", "-") and inner[2].kind == "num" and inner[2].value == "1":
                text = f"{inner[0].value}{'+' if inner[1].kind == '+' else '-'}1"
            elif len(inner) == 1:
                text = inner[0].value
            else:
                return None
            stop = close + 1
        else:
            return None
        if parts.base not in _LAYER_BASES and toks[stop].kind != "_":
            return None
        return text, False, 0, stop

    def _label_superscript(self, start: int, stop: int) -> str | None:
        r"""``w^{\text{new}}``, ``w^{\mathrm{neu}}``, ``w^{old}``: a label of the name, not a power."""
        toks = self.toks
        if stop == start + 1 and toks[start].kind in ("name", "text") and len(toks[start].value) > 1:
            return rf"\text{{{toks[start].value}}}"
        word = "".join(t.value for t in toks[start:stop] if t.kind == "letter")
        if all(t.kind == "letter" for t in toks[start:stop]) and word.lower() in _LABEL_WORDS:
            return rf"\text{{{word}}}"
        return None

    def matching_bracket(self, start: int, limit: int):
        want = self.toks[start].value
        depth = 0
        for k in range(start, limit):
            t = self.toks[k]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
                if depth == 0:
                    return k if t.value == want else None
        return None

    def transpose_follows(self) -> bool:
        tok = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else self.toks[-1]
        if (tok.kind == "letter" and tok.value == "T") or tok.kind == "transpose":
            return True
        if tok.kind == "{" and self.i + 3 < len(self.toks):
            inner, close = self.toks[self.i + 2], self.toks[self.i + 3]
            return close.kind == "}" and (
                (inner.kind == "letter" and inner.value == "T") or inner.kind == "transpose")
        return False

    def skip_superscript(self):
        self.i += 1
        if self.peek().kind == "{":
            self.i += 3
        else:
            self.i += 1

    def symbol(self):
        parts = self.symbol_head()
        self.symbol_postfix(parts)
        return self.finish_symbol(parts)

    def finish_symbol(self, parts: SymbolParts, allow_call: bool = True):
        opts = self.opts
        if parts.plain and parts.base == "e" and "e" not in opts.variables:
            return E
        nxt = self.peek()
        if allow_call and nxt.kind == "open" and nxt.value == "(":
            name = parts.name(primes=False)
            word = parts.letter if parts.base == f"\\mathrm{{{parts.letter}}}" else None
            if word is not None and not (parts.sub or parts.sup or parts.transpose):
                # loss(y), \operatorname{diag}-like names: a function of that word
                if word in opts.functions or name in opts.functions:
                    return self.apply_named(word if word in opts.functions else name, parts, False)
                if word not in opts.variables and name not in opts.variables:
                    return self.apply_named(word, parts, True)
            if name not in opts.variables:
                declared = name in opts.functions
                default = (not declared and not parts.sub and not parts.transpose
                           and parts.letter in opts.default_functions
                           and parts.base not in opts.variables)
                if declared or default:
                    return self.apply_named(name, parts, default)
                if parts.primes and not parts.sub and not parts.sup and \
                        parts.base not in opts.variables:
                    return self.apply_named(name, parts, False)
                if not parts.transpose and self.arguments_follow():
                    # L(w, b), \mathcal{L}(y, \hat{y}): two arguments, so a function
                    return self.apply_named(name, parts, False)
        if parts.transpose and parts.letter[:1].isascii() and parts.letter[:1].isalpha():
            self.transposed.add(parts.name(transpose=False))
        return make_symbol(parts, matrices=opts.matrices, arrays=opts.arrays)

    def arguments_follow(self) -> bool:
        """Does the '(' here hold several comma-separated arguments (a call, not a product)?"""
        depth = 0
        for tok in self.toks[self.i:]:
            if tok.kind in ("open", "{", "begin"):
                depth += 1
            elif tok.kind in ("close", "}", "end"):
                depth -= 1
                if depth == 0:
                    return False
            elif tok.kind == "," and depth == 1:
                return True
            elif tok.kind == "eof":
                return False
        return False

    def apply_named(self, name: str, parts: SymbolParts, default: bool):
        """``f(x)``, ``g^{[1]}(z)``, ``f'(x)``: an undefined or caller-given function."""
        start = self.i
        args = self.call_arguments(single=False)
        builder = self.opts.functions.get(name)
        symbol_name = parts.name(primes=False)
        if default and not parts.primes and len(args) == 1 and any(
                getattr(s, "name", None) in (name, symbol_name) for s in args[0].free_symbols):
            # h(1 - h): the letter is used as a value inside, so this is a product
            self.i = start
            return make_symbol(parts, matrices=self.opts.matrices, arrays=self.opts.arrays)
        if not callable(builder):
            fn = Function(name)
            builder = fn
        return self.build_call(builder, args, parts.primes, self.toks[start], name)

    def build_call(self, builder, args, primes: int, tok: Token, label: str, entrywise=True):
        try:
            if primes:
                if len(args) != 1:
                    self.fail(f"{label}' with {len(args)} arguments", tok)
                t = Dummy("t")
                inner = builder(t)
                if isinstance(args[0], MatrixBase):
                    return args[0].applyfunc(lambda v: Subs(Derivative(inner, (t, primes)), t, v))
                return Subs(Derivative(inner, (t, primes)), t, args[0])
            if len(args) == 1 and isinstance(args[0], MatrixBase) and entrywise:
                return args[0].applyfunc(builder)   # activations act entrywise
            return builder(*args)
        except ParseError:
            raise
        except (TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError) as exc:
            self.fail(f"cannot apply {label} to these arguments ({exc})", tok)

    def call_arguments(self, single: bool = True) -> list:
        """The arguments in ``( ... )``; ``single``: the function takes exactly one.

        A function that may take several arguments cannot tell ``f(0,5)`` (two numbers)
        from f(0.5) written with a decimal comma: that is refused as ambiguous.
        """
        open_tok = self.peek()
        self.i += 1
        if self.peek().kind == "close":
            self.fail("empty argument list", open_tok)
        if not single:
            self.refuse_comma_decimals(open_tok)
        saved, self.abs_depth = self.abs_depth, 0
        args = [self.expr()]
        while self.peek().kind == ",":
            self.i += 1
            args.append(self.expr())
        self.abs_depth = saved
        self.close(open_tok.value, open_tok)
        return args

    # ------------------------------------------------------------------ functions
    def refuse_comma_decimals(self, open_tok: Token):
        depth = 0
        for tok in self.toks[self.i:]:
            if tok.kind in ("open", "{", "begin"):
                depth += 1
            elif tok.kind in ("close", "}", "end"):
                if depth == 0:
                    return
                depth -= 1
            elif tok.kind == "num" and tok.number is not None and tok.number.comma and depth == 0:
                self.fail(f"ambiguous '{self.source(tok)}': two arguments or a decimal comma?",
                          tok, "ambiguous")
            elif tok.kind == "eof":
                return

    def function(self):
        tok = self.peek()
        self.i += 1
        spec = FUNCTIONS[tok.value]
        label = self.source(tok)
        base = None
        step_at_zero = None
        if self.peek().kind == "_":
            if spec.build is binary_step:  # \operatorname{step}_{0}(x): the step whose value at 0 is 0
                self.i += 1
                step_at_zero = self.argument("the value of the step at 0")
            elif tok.value != "log":
                self.fail(f"a subscript on {label} is not supported", self.peek())
            else:
                self.i += 1
                base = self.argument("the base of the logarithm")
        primes = 0
        power = None
        while True:
            nxt = self.peek()
            if nxt.kind == "'":
                primes += 1
                self.i += 1
            elif nxt.kind == "^" and power is None:
                index = self.index_superscript()
                if index is not None:
                    text, transposed, extra, stop = index
                    if text or transposed:
                        self.fail(f"an index or transpose on {label} is not supported", nxt,
                                  "unsupported")
                    primes += extra
                    self.i = stop
                    continue
                self.i += 1
                power = self.exponent()
            else:
                break
        nxt = self.peek()
        if nxt.kind == "open" and nxt.value == "(":
            args = self.call_arguments(single=spec.single)
            if spec.bare is not None and len(args) == 1 and base is None and any(
                    getattr(sym, "name", None) == spec.bare for sym in args[0].free_symbols):
                # \sigma(1 - \sigma): the bare name is used inside, so this is a product
                parts = SymbolParts(spec.bare, tok.value)
                parts.primes = primes
                value = make_symbol(parts, matrices=self.opts.matrices, arrays=self.opts.arrays)
                if power is not None:
                    value = self.pow(value, power, tok)
                return self.mul(value, args[0], nxt)
        elif nxt.kind == "{":
            args = [self.brace_group()]  # SymPy prints \tanh{\left(x \right)}
        elif spec.operator and (self.starts_factor(nxt) or nxt.kind in ("+", "-")):
            args = [self.operator_argument()]
        elif spec.bare is not None:
            parts = SymbolParts(spec.bare, tok.value)
            parts.primes = primes
            value = make_symbol(parts, matrices=self.opts.matrices, arrays=self.opts.arrays)
            return value if power is None else self.pow(value, power, tok)
        else:
            self.fail(f"{label} needs an argument in parentheses", nxt)
        if step_at_zero is not None:
            if primes or len(args) != 1 or power is not None:
                self.fail(f"unsupported use of {label} with a value at 0", tok, "unsupported")
            return binary_step(args[0], step_at_zero)
        if base is not None:
            if primes or len(args) != 1:
                self.fail("unsupported use of a logarithm with a base", tok, "unsupported")
            value = self._combine(lambda a, b: spec.build(a, b), args[0], base, tok, "take log")
        else:
            value = self.build_call(spec.build, args, primes, tok, label, spec.entrywise)
        if power is not None:
            if power == -1:
                if spec.inverse is None:
                    self.fail(f"{label}^{{-1}} (an inverse function) is not supported", tok,
                              "unsupported")
                return self._combine(lambda f, a: f(a), spec.inverse, args[0], tok, "invert")
            return self.pow(value, power, tok)
        return value

    def operator_argument(self, stop_at_functions: bool = True):
        r"""The argument of ``\ln x``, ``\tanh 2x``: factors up to the next operator or function.

        For ``\frac{d}{dx}`` (``stop_at_functions=False``) it runs over functions too:
        ``\frac{d}{dx} x \sigma(x)`` differentiates the product.
        """
        value = self.unary()
        while True:
            tok = self.peek()
            if (stop_at_functions and tok.kind in ("func", "name")) or not self.starts_factor(tok):
                return value
            if tok.kind == "cmd" and tok.value in ("frac", "dfrac", "tfrac"):
                return value
            value = self.mul(value, self.power(), tok)


def _is_transposed_symbol(value) -> bool:
    return getattr(value, "is_Symbol", False) and not value.is_commutative and value.name.endswith("T}")


def _is_latin_scalar(value) -> bool:
    return getattr(value, "is_Symbol", False) and value.is_commutative and value.name[:1].isalpha()


def primes_after(toks, start: int, stop: int) -> int:
    """How many prime tokens run from ``start`` to ``stop`` (a T may be followed by primes)."""
    n = 0
    for k in range(start, stop):
        if toks[k].kind != "'":
            return -1
        n += 1
    return n
