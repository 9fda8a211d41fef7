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
([z_{1}, 1/2, 1/2], [Relation.EQ, Relation.EQ], ['z_1', '0.5(1) - 1(0) + 0', '0.5'])
>>> parse_expression(r"out_{o1}(1 - out_{o1})")
\mathrm{out}_{o1}*(1 - \mathrm{out}_{o1})

Names
-----
A name is one letter (Latin or Greek), possibly decorated, with its indices; or a
*word*.  A run of Latin letters is read, in this order, as

1. a function word (``ReLU``, ``softmax``, ``tanh``, ``exp``, ``sech`` ...) -> that function;
2. a keyword (``if``, ``otherwise``, ``and`` ...) or a prose word (``where``, ``gives``,
   ``und`` ...) -> a ParseError of kind ``"prose"`` unless the cases reader wants it;
3. one name when it is listed in ``names`` (a word the document uses as a name
   elsewhere), when it has four letters or more (``target``, ``output``), or when it has
   three and directly carries a subscript, an index superscript or digits
   (``net_{h1}``, ``out_{o1}``, ``out1``);
4. otherwise single letters: ``xy`` is x·y, ``ab_1`` is a·b_1, ``abc`` is a·b·c.

``\text{net}``, ``\mathrm{out}``, ``\operatorname{CE}`` (one word that is not prose) are
the same names, so ``net_{h1}`` and ``\text{net}_{h1}`` meet: a word's canonical
spelling is ``\mathrm{net}_{h1}``.  A word directly before ``(`` is a function
(``loss(y)`` is the undefined ``loss``) unless the word is used inside (``out(1 - out)``).
Digits written right after a letter are its index: ``z1``, ``h1``, ``y2``,
``\hat{y1}`` are ``z_{1}``, ``h_{1}``, ``y_{2}``, ``\hat{y}_{1}``; ``out_h1`` is
``out_{h1}``.

Notation and choices
--------------------
* Numbers are exact: ``0.6225`` is 249/400, ``98.9\%`` is 989/1000, ``1{,}000`` is 1000,
  ``4.5 \times 10^{-5}`` is 9/200000, ``9.5e-7`` and ``1e-5`` are powers of ten (``2e-1``
  is refused as ambiguous: 2×10⁻¹ or 2e − 1?).  ``decimal_mark`` is the document's:
  ``"."`` (default), ``","`` (``0,8``, ``1.000,5``, ``100.480`` = 100480) or None
  (unknown: a number with two readings is a ParseError of kind ``"ambiguous"``); see
  :mod:`.latex_numbers`.  :func:`written_numbers` gives the digits as written.
* Letters are real Symbols.  Names keep one canonical LaTeX spelling:
  ``w_{11}``, ``x_{1}`` (from ``x_1``; ``x_12`` is x_{1}·2 as in LaTeX), ``b^{[1]}``,
  ``a^{[2](i)}``, ``w_{1,1}^{(1)}``, ``\hat{y}``, ``\bar{z}_{2}``, ``w'_{1}`` (from
  ``w'_1`` or ``w_1'``), ``\Delta w_{11}``, ``\mathbf{x}`` (also from ``\boldsymbol``,
  ``\bm``), ``\vec{w}``, ``\mathcal{L}``.  A superscript in brackets or parentheses on
  a letter is an index, never a power; ``^T``, ``^{T}``, ``^\top`` is a transpose.
* With ``matrices=True`` capital W, X, Z, A and lower-case x, b, z, a with a layer index
  (and no subscript), bold and arrowed letters, and any name given in ``arrays``, are
  non-commutative Symbols (see :mod:`.latex_symbols`);
  ``W^T`` is the non-commutative Symbol ``W^{T}`` and ``(W x)^T`` is ``x^T W^T`` by
  the usual rule.  A Latin letter written transposed anywhere in the expression or
  chain, inside a transposed group (``(AB)^T``) or right after a transposed factor
  (``w^T x``) is a vector or matrix throughout it: ``(AB)^T`` is ``B^T A^T``.  With
  ``matrices=False`` every letter is a real scalar.
* ``e`` is Euler's number unless ``'e'`` is in ``variables``; ``\pi``; ``\infty``.
* Functions: ``\sigma(x)`` is sigmoid (``\sigma`` alone is the Symbol ``\sigma``),
  ``\tanh``, ``\sinh``, ``\cosh``, ``\coth``, ``\operatorname{sech}``, ``\tan``,
  ``\arctan``, ``\exp``, ``\ln``, ``\log`` (natural), ``\log_2``, ``\max``, ``\min``,
  ``\sqrt``, ``|x|``, ``\Phi`` (normal CDF), and ReLU, LeakyReLU, PReLU, ELU, softplus,
  swish/SiLU, GELU, sigmoid whether written ``\operatorname{ReLU}``, ``\text{ReLU}``,
  ``\mathrm{ReLU}`` or plainly ``ReLU``; ``softmax`` is the undefined
  ``Function('softmax')``.  ``\tanh^2 z`` is tanh(z)²; ``\tanh^{-1}`` is atanh.
  Vectors: ``a \odot b`` (:class:`~.latex_operators.hadamard`), ``\|x\|``,
  ``\lVert x \rVert``, ``\|x\|_1`` (:class:`~.latex_operators.norm`),
  ``\operatorname{diag}(s)`` (:class:`~.latex_operators.diag`).  ``\nabla_W L`` and
  ``\partial_z L`` are ``Derivative(L, W)``.  ``\int``, ``\lim``, ``\circ``: kind
  ``"unsupported"``.
* A letter followed by ``(`` is a function application when it is in ``functions`` or
  is f, g, h, ``\phi``, ``\varphi``, ``\psi`` (unless given in ``variables``); otherwise
  it multiplies: ``y(1 - y)``.  ``h(1 - h)``, where the letter appears inside, is also a
  product.  A primed letter before ``(`` is always a derivative: ``s'(x)``, ``s’(x)``,
  ``f′(x)``.  In :func:`parse_relation_chain` a head ``NAME(args) = ...`` (or ``:=``)
  makes NAME a function for that chain (reported in ``Chain.defined``): ``s(x)``,
  ``\phi(u)``, ``f_k(x)``, ``g^{[1]}(z)``, ``loss(y)``; :func:`function_head` reads
  such a head alone.
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
  ``\text{for }``, ``\text{otherwise}``, ``\text{undefined}`` as NaN, and the same words
  in German, French and Spanish: ``\text{falls }``, ``\text{sonst}``, ``\text{si }``,
  ``\text{sinon}``), and so does ``\left\{ \begin{array}{ll} ... \end{array} \right.``;
  ``bmatrix``/``pmatrix``/``array`` give an ImmutableMatrix.
* ``\mathbb{R}^{..}`` and ``\in`` raise a ParseError of kind ``"annotation"``: they
  are not steps; :func:`parse_annotation` reads them.
* Relations are :class:`derivations.vocabulary.Relation` members (``=``, ``\approx``,
  ``\le`` ...); ``:=``, ``\coloneqq``, ``\triangleq``, ``\stackrel{\text{def}}{=}`` and
  ``\overset{!}{=}`` are ``Relation.DEFINE``.
* Noise: ``\,``, ``\;``, ``\!``, ``\displaystyle``, ``\left.``/``\right.`` (invisible
  delimiters that pair with anything), ``\label``, ``\color{..}``, ``\textcolor{..}{x}``
  (x), ``\boxed{x}`` (x), ``\underbrace{x}_{label}``, ``\overbrace{x}^{label}`` (x),
  ``\blacksquare``, ``\square``, ``\qed``, trailing ``.``/``,``.  ``\quad`` inside
  brackets is a space; at the top level it separates statements, which the document
  reader splits first, so here it is a ParseError of kind ``"separator"`` (except
  before a trailing equation number).  ``\tag{5}``, and a trailing ``(5)`` after a
  space or ``\quad``, is the chain's ``tag``.  ``\text{...}`` of a known function is
  that function, of one word that is not prose a name; other text is a ParseError of
  kind ``"prose"``.  ``\Rightarrow``, ``\therefore``: kind ``"connective"``.
* Limits: 5,000 characters, 100 nested brackets, integer exponents up to 1000 (on
  anything but e), exact powers up to 100,000 bits; a ParseError of kind ``"limit"``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from sympy import Expr

from ..vocabulary import Relation
from .latex_annotations import Annotation, parse_annotation
from .latex_calculus import indexed_bases, indexify
from .latex_errors import ParseError
from .latex_lexer import Token, tokenize
from .latex_numbers import DECIMAL_MARKS
from .latex_parser import Options, Parser
from .latex_tables import DECORATIONS, DEFAULT_FUNCTION_LETTERS, GREEK
from .latex_written import written_numbers

__all__ = ["ParseError", "Chain", "FunctionHead", "Annotation", "parse_expression",
           "parse_relation_chain", "parse_annotation", "function_head", "written_numbers",
           "RELATIONS"]

#: the relations a Chain can hold (members of :class:`derivations.vocabulary.Relation`)
RELATIONS = tuple(Relation)


@dataclass
class Chain:
    """``a = b \\approx c``: the parts, the relations between them, and their source text.

    ``sources[k]`` is the stripped text of ``parts[k]`` (so a checker sees the digits a
    student wrote).  ``relations`` are :class:`~derivations.vocabulary.Relation` members.
    ``leading`` is the relation that opens a continuation block (``= x + 1``), with no
    part before it; ``tag`` an equation number; ``defined`` the name a head
    ``s(x) = ...`` made into a function.
    """

    parts: list[Expr]
    relations: list[Relation]
    sources: list[str]
    tag: str | None = None
    leading: Relation | None = None
    defined: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class FunctionHead:
    """``NAME(params)``: the function's name and its parameters' canonical names."""

    name: str
    params: tuple[str, ...]


def _options(functions, variables, matrices, arrays=(), names=(), decimal_mark=".") -> Options:
    if functions is None:
        functions = {}
    if not isinstance(functions, Mapping):
        raise TypeError("functions must be a dict of name -> callable or True")
    for name, value in functions.items():
        if not isinstance(name, str) or not (value is True or callable(value)):
            raise TypeError(f"functions[{name!r}] must be True or a callable")
    for label, value in (("variables", variables), ("arrays", arrays), ("names", names)):
        if isinstance(value, str):
            raise TypeError(f"{label} must be a collection of names, not one string")
    if decimal_mark not in DECIMAL_MARKS:
        raise ValueError(f"decimal_mark must be '.', ',' or None, not {decimal_mark!r}")
    variables = frozenset(variables)
    return Options(dict(functions), variables, bool(matrices),
                   DEFAULT_FUNCTION_LETTERS - variables, frozenset(arrays), frozenset(names),
                   decimal_mark)


def _tokens(text: str, options: Options) -> list[Token]:
    return tokenize(text, names=options.names, decimal_mark=options.decimal_mark,
                    e_is_variable="e" in options.variables)


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


_OPERATOR_KINDS = frozenset({"+", "-", "*", "/", "^", "_", "rel", "open", "{", "&", ",", "odot"})


def _run(text: str, work: Callable[[Parser], object], options: Options, tokens=None):
    """Parse; when some Latin letters turned out to be vectors (they were transposed),
    parse again with them as arrays, so the whole expression or chain agrees."""
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    try:
        if tokens is None:
            tokens, _ = _prepare(text, _tokens(text, options))
        parser = Parser(text, tokens, options)
        value = work(parser)
        found = parser.transposed - options.arrays
        if found and options.matrices:
            retry = Options(options.functions, options.variables, options.matrices,
                            options.default_functions, options.arrays | found, options.names,
                            options.decimal_mark)
            tokens, _ = _prepare(text, _tokens(text, retry))
            value = work(Parser(text, tokens, retry))
        return value
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("expression nested too deeply", 1, "limit") from None


def parse_expression(text: str, *, functions: Mapping[str, object] | None = None,
                     matrices: bool = True, variables: Collection[str] = (),
                     arrays: Collection[str] = (), names: Collection[str] = (),
                     decimal_mark: str | None = ".") -> Expr:
    r"""One expression in LaTeX as a SymPy object; raises :class:`ParseError`.

    ``functions`` maps names (``'s'``, ``'L'``, ``'\phi'``, ``'g^{[1]}'``, ``'loss'``
    for ``\operatorname{loss}``) to ``True`` (an undefined function) or a callable
    applied to the parsed arguments.  ``variables`` are names bound as values: they are
    never functions, and ``'e'`` there makes e a symbol instead of Euler's number.
    ``arrays`` are names (canonical, e.g. ``'h'``, ``'x'``) the caller knows hold a
    matrix or vector: they become non-commutative Symbols, so ``W^{[2]}h`` keeps its
    order.  A checker that binds a plain letter to a non-commutative value must pass
    it here, or substituting the value would reorder the product.  ``names`` are words
    (``'net'``, ``'out'``) read as one name wherever they appear; ``decimal_mark`` is
    ``'.'``, ``','`` or None (see the module's notes).

    >>> parse_expression(r"W^{[2]}W^{[1]}x") == parse_expression(r"W^{[1]}W^{[2]}x")
    False
    >>> parse_expression(r"\begin{cases} z & z > 0 \\ 0 & \text{otherwise} \end{cases}")
    Piecewise((z, z > 0), (0, True))
    >>> parse_expression("0,8", decimal_mark=","), parse_expression("100.480", decimal_mark=",")
    (4/5, 100480)
    """
    options = _options(functions, variables, matrices, arrays, names, decimal_mark)

    def work(p: Parser):
        value = p.expr()
        if p.peek().kind != "eof":
            p.unexpected()
        bases = indexed_bases(value)
        return indexify(value, {}, bases) if bases else value

    return _run(text, work, options)


def parse_relation_chain(text: str, *, functions: Mapping[str, object] | None = None,
                         matrices: bool = True, variables: Collection[str] = (),
                         arrays: Collection[str] = (), names: Collection[str] = (),
                         decimal_mark: str | None = ".") -> Chain:
    r"""A chain ``a = b \approx c \le d`` as a :class:`Chain`; raises :class:`ParseError`.

    ``&`` before a relation (``&=``) and a leading ``&`` are ignored, as are ``\\`` line
    breaks between parts.  Options as for :func:`parse_expression`.

    >>> parse_relation_chain(r"\sigma(0.5) \approx 0.6225 \tag{3}").relations
    [Relation.APPROX]
    >>> parse_relation_chain(r"\phi(u) = u^2").defined
    '\\phi'
    """
    options = _options(functions, variables, matrices, arrays, names, decimal_mark)
    tokens, tag = _prepare(text, _tokens(text, options)) if isinstance(text, str) else (None, None)
    defined = None
    if tokens is not None:
        head = _head_at(text, tokens, _skip_layout(tokens, 0), options)
        if head is not None and tokens[head[1]].kind == "rel" and \
                tokens[head[1]].value in (Relation.EQ, Relation.DEFINE):
            defined = head[0].name
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


def function_head(text: str, *, functions: Mapping[str, object] | None = None,
                  variables: Collection[str] = (), names: Collection[str] = ()) -> FunctionHead | None:
    r"""The head ``NAME(params)`` that ``text`` is, or None.

    NAME is a letter, a Greek letter, a word or any of them with indices (``f``,
    ``\phi``, ``f_k``, ``g^{[1]}``, ``loss``); each parameter is a name.  Known
    functions (``\sigma``, ``\tanh``), names in ``variables`` or ``functions``, ``e``
    and primed names (a derivative) are never heads.

    >>> function_head(r"\phi(u)"), function_head(r"f_k(x, y)").params
    (FunctionHead(name='\\phi', params=('u',)), ('x', 'y'))
    >>> function_head(r"y(1 - y)") is None and function_head(r"\sigma(x)") is None
    True
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    options = _options(functions, variables, True, (), names)
    try:
        tokens, _ = _prepare(text, _tokens(text, options))
    except ParseError:
        return None
    head = _head_at(text, tokens, 0, options)
    if head is None or tokens[head[1]].kind != "eof":
        return None
    return head[0]


def _skip_layout(tokens: list[Token], k: int) -> int:
    while tokens[k].kind == "&":
        k += 1
    return k


def _head_at(text: str, tokens: list[Token], k: int, options: Options):
    """``NAME(params)`` starting at token k: (FunctionHead, the index after ')'), or None."""
    first = tokens[k]
    if not (first.kind in ("letter", "name") or (
            first.kind == "cmd" and (first.value in GREEK or first.value in DECORATIONS))):
        return None
    p = Parser(text, tokens, options)
    p.i = k
    try:
        parts = p.symbol_head()
        p.symbol_postfix(parts)
        if parts.primes or parts.transpose:
            return None
        word = parts.letter if parts.base == f"\\mathrm{{{parts.letter}}}" else None
        name = word if word is not None and not (parts.sub or parts.sup) else parts.name()
        if name in options.variables or name in options.functions or name == "e":
            return None
        if p.peek().kind != "open" or p.peek().value != "(":
            return None
        p.i += 1
        params = []
        while True:
            if not p.starts_symbol(p.peek()):
                return None
            param = p.symbol_head()
            p.symbol_postfix(param)
            params.append(param.name())
            if p.peek().kind == ",":
                p.i += 1
                continue
            break
        if p.peek().kind != "close" or p.peek().value != "(":
            return None
        return FunctionHead(name, tuple(params)), p.i + 1
    except (ParseError, IndexError):
        return None
