r"""Student LaTeX math -> SymPy, in the notation of a first neural-networks course.

A hand-written lexer and recursive-descent parser build SymPy objects directly: no
``sympify``, ``parse_expr`` or ``eval`` ever sees the text.  A typical one-line
expression parses in well under a millisecond.

>>> from sympy import Rational
>>> parse_expression(r"\frac{1}{1 + e^{-x}}")
1/(1 + exp(-x))
>>> parse_expression(r"2\sigma(2x) - 1")
2*sigmoid(2*x) - 1
>>> parse_expression("0.6225") == Rational(249, 400)
True
>>> c = parse_relation_chain(r"z_1 = 0.5(1) - 1(0) + 0 = 0.5")
>>> c.parts, c.relations, c.sources
([z_{1}, 1/2, 1/2], ['=', '='], ['z_1', '0.5(1) - 1(0) + 0', '0.5'])

Notation and choices
--------------------
* Numbers are exact: ``0.6225`` is 249/400, ``98.9\%`` is 989/1000, ``1{,}000`` is 1000.
  ``2e-1`` is refused as ambiguous (2×10⁻¹ or 2e − 1?).
* Letters are real Symbols; ``xy`` is x·y.  Names keep one canonical LaTeX spelling:
  ``w_{11}``, ``x_{1}`` (from ``x_1``; ``x_12`` is x_{1}·2 as in LaTeX), ``b^{[1]}``,
  ``a^{[2](i)}``, ``w_{1,1}^{(1)}``, ``\hat{y}``, ``\bar{z}_{2}``, ``w'_{1}`` (from
  ``w'_1`` or ``w_1'``), ``\Delta w_{11}``.  A superscript in brackets or parentheses on
  a letter is an index, never a power; ``^T``, ``^{T}``, ``^\top`` is a transpose.
* With ``matrices=True`` capital W, X, Z, A and lower-case x, b, z, a with a layer index
  (and no subscript), and any name given in ``arrays``, are non-commutative Symbols
  (see :mod:`.latex_symbols`);
  ``W^T`` is the non-commutative Symbol ``W^{T}`` and ``(W x)^T`` is ``x^T W^T`` by
  the usual rule.  With ``matrices=False`` every letter is a real scalar.
* ``e`` is Euler's number unless ``'e'`` is in ``variables``; ``\pi``; ``\infty``.
* Functions: ``\sigma(x)`` is sigmoid (``\sigma`` alone is the Symbol ``\sigma``),
  ``\tanh``, ``\exp``, ``\ln``, ``\log`` (natural), ``\log_2``, ``\max``, ``\min``,
  ``\sqrt``, ``|x|``, ``\Phi`` (normal CDF), and ReLU, LeakyReLU, PReLU, ELU, softplus,
  swish/SiLU, GELU, sigmoid whether written ``\operatorname{ReLU}``, ``\text{ReLU}``,
  ``\mathrm{ReLU}`` or plainly ``ReLU``; ``softmax`` is the undefined
  ``Function('softmax')``.  ``\tanh^2 z`` is tanh(z)²; ``\tanh^{-1}`` is atanh.
* A single letter followed by ``(`` is a function application when the letter is in
  ``functions`` or is f, g, h (unless given in ``variables``); otherwise it multiplies:
  ``y(1 - y)``.  ``h(1 - h)``, where the letter appears inside, is also a product.  A
  primed letter before ``(`` is always a derivative: ``s'(x)``.  In
  :func:`parse_relation_chain` a head like ``s(x) = ...`` makes ``s`` a function for
  that chain (reported in ``Chain.defined``).
* Derivatives: ``\sigma'(x)``, ``f''(x)`` are ``Subs(Derivative(F(t), (t, n)), t, x)``
  for a fresh Dummy t; ``\frac{d}{dx} E``, ``\frac{d\sigma}{dx}`` (σ of x),
  ``\frac{\partial^2 f}{\partial x \partial y}``, ``dL/dy`` and ``\partial L/\partial y``
  are unevaluated ``Derivative`` objects.  An evaluation bar ``\left. E \right|_{x=0}``,
  ``E \Big|_{x=0}`` or ``E |_{x=1, y=2}`` is ``Subs(E, x, 0)``.  ``\frac{\partial J}{\partial w}`` with J a
  plain letter is ``Derivative(J, w)``: the caller substitutes J's definition before
  calling ``doit()`` (which would otherwise give 0).
* Products: ``\cdot``, ``\times``, ``*``, juxtaposition; ``a/b c`` is (a/b)·c;
  ``-x^2`` is −(x²); ``e^{-x} \cdot -1`` is allowed.  Two numbers side by side (``2 3``)
  are refused.  ``\ln 2x`` is ln(2x): an operator's argument runs to the next ``+``,
  ``-``, explicit product or function.
* Sums: ``\sum_{k=1}^{n} e^{z_k}`` is ``Sum(exp(z[k]), (k, 1, n))`` with ``z`` an
  ``IndexedBase('z', real=True)`` and k an integer Symbol (positive when the lower
  bound is); ``\sum_k`` means k from 1 to n.  Once a base is indexed inside a sum, the
  same base elsewhere in the expression or chain is indexed too: ``e^{z_i}`` is
  ``exp(z[i])``, as in :func:`derivations.vectors.softmax_component`.  ``\prod`` alike.
* ``\begin{cases}`` gives a Piecewise (``&``, ``,``, ``\quad``, ``\text{if }``,
  ``\text{for }``, ``\text{otherwise}``, ``\text{undefined}`` as NaN), and so does
  ``\left\{ \begin{array}{ll} ... \end{array} \right.``;
  ``bmatrix``/``pmatrix``/``array`` give an ImmutableMatrix.
* ``\mathbb{R}^{..}`` and ``\in`` raise a ParseError of kind ``"annotation"`` (reason
  ``"shape annotation"``): they are not steps.
* Noise: ``\,``, ``\;``, ``\!``, ``\displaystyle``, ``\left.``/``\right.`` (invisible
  delimiters that pair with anything), ``\label``,
  trailing ``.``/``,``.  ``\quad`` inside brackets is a space; at the top level it
  separates statements, which the document reader splits first, so here it is a
  ParseError of kind ``"separator"`` (except before a trailing equation number).
  ``\tag{5}``, and a trailing ``(5)`` after a space or ``\quad``, is the chain's
  ``tag``.  ``\text{...}`` of a known function is that function; other words are a
  ParseError of kind ``"prose"``.  ``\Rightarrow``, ``\therefore``: kind
  ``"connective"``.
* Limits: 5,000 characters, 100 nested brackets, integer exponents up to 1000 (on
  anything but e), exact powers up to 100,000 bits; a ParseError of kind ``"limit"``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from sympy import Expr

from .latex_calculus import indexed_bases, indexify
from .latex_errors import ParseError
from .latex_lexer import Token, tokenize
from .latex_parser import Options, Parser
from .latex_tables import DEFAULT_FUNCTION_LETTERS

__all__ = ["ParseError", "Chain", "parse_expression", "parse_relation_chain", "RELATIONS"]

#: the relation names a Chain can hold
RELATIONS = ("=", "approx", "<=", "<", ">=", ">", "!=")


@dataclass
class Chain:
    """``a = b \\approx c``: the parts, the relations between them, and their source text.

    ``sources[k]`` is the stripped text of ``parts[k]`` (so a checker sees the digits a
    student wrote).  ``leading`` is the relation that opens a continuation block
    (``= x + 1``), with no part before it; ``tag`` an equation number; ``defined`` the
    letter a head ``s(x) = ...`` made into a function.
    """

    parts: list[Expr]
    relations: list[str]
    sources: list[str]
    tag: str | None = None
    leading: str | None = None
    defined: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False)


def _options(functions, variables, matrices, arrays=()) -> Options:
    if functions is None:
        functions = {}
    if not isinstance(functions, Mapping):
        raise TypeError("functions must be a dict of name -> callable or True")
    for name, value in functions.items():
        if not isinstance(name, str) or not (value is True or callable(value)):
            raise TypeError(f"functions[{name!r}] must be True or a callable")
    if isinstance(variables, str):
        raise TypeError("variables must be a collection of names, not one string")
    variables = frozenset(variables)
    if isinstance(arrays, str):
        raise TypeError("arrays must be a collection of names, not one string")
    return Options(dict(functions), variables, bool(matrices),
                   DEFAULT_FUNCTION_LETTERS - variables, frozenset(arrays))


def _prepare(text: str, tokens: list[Token]) -> tuple[list[Token], str | None]:
    """Strip trailing punctuation and an equation number; turn inner \\quad into space."""
    body = tokens[:-1]
    eof = tokens[-1]
    tag = None

    def strip_punctuation():
        while body and body[-1].kind in (".", ","):
            body.pop()

    strip_punctuation()
    if body and body[-1].kind == "tag":
        tag = body.pop().value
        strip_punctuation()
    if tag is None and len(body) >= 4:
        o, n, c, before = body[-3], body[-2], body[-1], body[-4]
        if (o.kind == "open" and o.value == "(" and n.kind == "num" and n.value.isdigit()
                and c.kind == "close" and c.value == "(" and text[o.pos:o.end] == "("
                and (before.kind == "quad" or (text[before.end:o.pos].strip() == ""
                                              and before.end < o.pos
                                              and before.kind not in _OPERATOR_KINDS))):
            tag = n.value
            del body[-3:]
    while body and body[-1].kind == "quad":
        body.pop()
    out = []
    depth = 0
    cases = 0
    for tok in body:
        k = tok.kind
        if k in ("{", "open", "begin"):
            depth += 1
            if k == "begin" and tok.value == "cases":
                cases += 1
        elif k in ("}", "close", "end"):
            depth -= 1
            if k == "end" and tok.value == "cases":
                cases -= 1
        elif k == "quad" and depth > 0 and not cases:
            continue
        out.append(tok)
    out.append(eof)
    return out, tag


_OPERATOR_KINDS = frozenset({"+", "-", "*", "/", "^", "_", "rel", "open", "{", "&", ","})


def _run(text: str, work: Callable[[Parser], object], options: Options, tokens=None):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    try:
        if tokens is None:
            tokens, _ = _prepare(text, tokenize(text))
        parser = Parser(text, tokens, options)
        return work(parser)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("expression nested too deeply", 1, "limit") from None


def parse_expression(text: str, *, functions: Mapping[str, object] | None = None,
                     matrices: bool = True, variables: Collection[str] = (),
                     arrays: Collection[str] = ()) -> Expr:
    r"""One expression in LaTeX as a SymPy object; raises :class:`ParseError`.

    ``functions`` maps names (``'s'``, ``'L'``, ``'\phi'``, ``'g^{[1]}'``, ``'loss'``
    for ``\operatorname{loss}``) to ``True`` (an undefined function) or a callable
    applied to the parsed arguments.  ``variables`` are names bound as values: they are
    never functions, and ``'e'`` there makes e a symbol instead of Euler's number.
    ``arrays`` are names (canonical, e.g. ``'h'``, ``'x'``) the caller knows hold a
    matrix or vector: they become non-commutative Symbols, so ``W^{[2]}h`` keeps its
    order.  A checker that binds a plain letter to a non-commutative value must pass
    it here, or substituting the value would reorder the product.

    >>> parse_expression(r"W^{[2]}W^{[1]}x") == parse_expression(r"W^{[1]}W^{[2]}x")
    False
    >>> parse_expression(r"\begin{cases} z & z > 0 \\ 0 & \text{otherwise} \end{cases}")
    Piecewise((z, z > 0), (0, True))
    """
    options = _options(functions, variables, matrices, arrays)

    def work(p: Parser):
        value = p.expr()
        if p.peek().kind != "eof":
            p.unexpected()
        bases = indexed_bases(value)
        return indexify(value, {}, bases) if bases else value

    return _run(text, work, options)


def parse_relation_chain(text: str, *, functions: Mapping[str, object] | None = None,
                         matrices: bool = True, variables: Collection[str] = (),
                         arrays: Collection[str] = ()) -> Chain:
    r"""A chain ``a = b \approx c \le d`` as a :class:`Chain`; raises :class:`ParseError`.

    ``&`` before a relation (``&=``) and a leading ``&`` are ignored, as are ``\\`` line
    breaks between parts.  Options as for :func:`parse_expression`.

    >>> parse_relation_chain(r"\sigma(0.5) \approx 0.6225 \tag{3}").relations
    ['approx']
    """
    options = _options(functions, variables, matrices, arrays)
    tokens, tag = _prepare(text, tokenize(text)) if isinstance(text, str) else (None, None)
    defined = None
    if tokens is not None:
        defined = _definition_head(tokens, options)
        if defined is not None:
            options.functions[defined] = True

    def work(p: Parser):
        chain = Chain([], [], [], tag=tag, defined=defined)

        def skip_layout():
            while p.peek().kind in ("&", "newline"):
                p.i += 1

        skip_layout()
        if p.peek().kind == "rel":
            chain.leading = p.peek().value
            p.i += 1
            skip_layout()
        while True:
            start = p.peek()
            if start.kind == "eof":
                p.unexpected(start, "an expression")
            value = p.expr()
            last = p.toks[p.i - 1]
            chain.parts.append(value)
            chain.spans.append((start.pos, last.end))
            chain.sources.append(text[start.pos:last.end].strip())
            skip_layout()
            tok = p.peek()
            if tok.kind == "rel":
                chain.relations.append(tok.value)
                p.i += 1
                skip_layout()
                continue
            if tok.kind != "eof":
                p.unexpected(tok)
            bases = set().union(*(indexed_bases(part) for part in chain.parts))
            if bases:
                chain.parts = [indexify(part, {}, bases) for part in chain.parts]
            return chain

    return _run(text, work, options, tokens)


def _definition_head(tokens: list[Token], options: Options) -> str | None:
    """``c(x) = ...`` or ``c(x, y) = ...`` at the start: the letter c, else None."""
    k = 0
    while tokens[k].kind == "&":
        k += 1
    head = tokens[k:k + 3]
    if len(head) < 3 or head[0].kind != "letter" or head[1].kind != "open" \
            or head[1].value != "(":
        return None
    name = head[0].value
    if name in options.variables or name in options.functions or name == "e":
        return None
    j = k + 2
    while True:
        if tokens[j].kind != "letter":
            return None
        j += 1
        if tokens[j].kind == "_":   # x_1
            j += 2
            if tokens[j - 1].kind == "{":
                while tokens[j].kind not in ("}", "eof"):
                    j += 1
                j += 1
        if tokens[j].kind == ",":
            j += 1
            continue
        break
    if tokens[j].kind == "close" and tokens[j + 1].kind == "rel" and tokens[j + 1].value == "=":
        return name
    return None
