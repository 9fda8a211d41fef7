r"""The exact values of a network exercise: forward pass, loss, backward pass and one gradient step.

Every quantity is a :class:`~.exact.Real` whose formula is written in course
notation over the names of earlier quantities, so a printed formula is the
quantity's definition.  The backward pass uses the textbook formulas
(``\delta^{[L]}_j = (a^{[L]}_j - t_j)\,g'(z^{[L]}_j)``,
``\delta^{[l]}_k = (\sum_j w^{[l+1]}_{jk}\delta^{[l+1]}_j)\,g'(z^{[l]}_k)``, ``p - t`` for
softmax with cross-entropy); :func:`.adjoint.adjoints` differentiates the loss
independently, and :attr:`Values.reference` holds what it found, for checking.

>>> from fractions import Fraction as F
>>> from derivations.problems.network import Layer, NetworkSpec
>>> spec = NetworkSpec([F(1)], [F(0)], "half-squared-error", F(1, 2), [Layer([[F(2)]], [F(-1)], "linear")])
>>> v = compute(spec)
>>> v.loss, v.gW[0][0][0], v.W_new[0][0][0]
(1/2, 1, 3/2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from . import notation as N
from .exact import Real
from .written import Call, Const, Exp, Frac, Name, Node, Num, Power, Product, Sum

__all__ = ["Values", "compute", "derivative_formula", "DERIVATIVE_RULES", "loss_formula", "LOSS_RULES"]

#: justifications of g'(z), in course notation
DERIVATIVE_RULES = {
    "sigmoid": r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$, so $g'(z^{[l]}_j) = a^{[l]}_j(1 - a^{[l]}_j)$",
    "tanh": r"$\tanh'(z) = 1 - \tanh^2(z)$, so $g'(z^{[l]}_j) = 1 - (a^{[l]}_j)^2$",
    "relu": r"$\operatorname{ReLU}'(z) = 1$ for $z > 0$ and $0$ for $z \le 0$",
    "leaky_relu": r"$\operatorname{LeakyReLU}'(z) = 1$ for $z > 0$ and $\alpha$ for $z \le 0$",
    "elu": r"$\operatorname{ELU}'(z) = 1$ for $z > 0$ and $\alpha e^{z}$ for $z \le 0$",
    "softplus": r"$\operatorname{softplus}'(z) = \sigma(z)$",
    "swish": r"$\operatorname{swish}'(z) = \beta\operatorname{swish}(z) + \sigma(\beta z)(1 - \beta\operatorname{swish}(z))$",
    "gelu": r"$\operatorname{GELU}'(z) = \Phi(z) + \frac{z e^{-z^2/2}}{\sqrt{2\pi}}$",
    "binary_step": r"$\operatorname{step}'(z) = 0$ for $z \ne 0$",
    "linear": r"the identity has derivative $1$",
}

#: the losses, in course notation (y = a^{[L]} is the output)
LOSS_RULES = {
    "half-squared-error": r"$L = \frac{1}{2}\sum_i (t_i - a^{[L]}_i)^2$",
    "squared-error": r"$L = \sum_i (t_i - a^{[L]}_i)^2$",
    "binary-cross-entropy": r"$L = -\sum_i (t_i \ln a^{[L]}_i + (1 - t_i)\ln(1 - a^{[L]}_i))$",
    "cross-entropy": r"$L = -\sum_i t_i \ln a^{[L]}_i$",
}

CANONICAL = {"leaky-relu": "leaky_relu", "silu": "swish", "identity": "linear", "step": "binary_step"}
_CALL = {"sigmoid": "sigma", "tanh": "tanh", "relu": "relu", "leaky_relu": "leaky_relu", "elu": "elu",
         "softplus": "softplus", "swish": "swish", "gelu": "gelu", "binary_step": "step"}
DEFAULT_PARAMETER = {"leaky_relu": Fraction(1, 100), "elu": Fraction(1), "swish": Fraction(1)}


def canonical(name: str) -> str:
    return CANONICAL.get(name, name)


def parameter_of(layer) -> Fraction | None:
    c = canonical(layer.activation)
    if c not in DEFAULT_PARAMETER:
        return None
    return _frac(layer.parameter) if layer.parameter is not None else DEFAULT_PARAMETER[c]


def _frac(v) -> Fraction:
    if isinstance(v, Fraction):
        return v
    return Fraction(int(v.p), int(v.q))


def one() -> Num:
    return Num.integer(1)


def activation_formula(act: str, z: Name, param) -> Node:
    """g(z) as written: ``\\sigma(z^{[1]}_1)``; the identity is z itself."""
    c = canonical(act)
    if c == "linear":
        return z
    return Call(_CALL[c], z, param if c in DEFAULT_PARAMETER else None)


def derivative_formula(act: str, z: Name, a: Name, param) -> Node | None:
    """g'(z) in the textbook form, in terms of z and a = g(z); None for the identity (factor 1)."""
    c = canonical(act)
    if c == "sigmoid":
        return Product.of(a, Sum([("+", one()), ("-", a)]))
    if c == "tanh":
        return Sum([("+", one()), ("-", Power(a, 2))])
    if c == "relu":
        return Call("relu_prime", z)
    if c == "leaky_relu":
        return Call("leaky_relu_prime", z, param)
    if c == "elu":
        return Call("elu_prime", z, param)
    if c == "binary_step":
        return Call("step_prime", z)
    if c == "softplus":
        return Call("sigma", z)
    if c == "swish":
        if param == 1:
            return Sum.of(a, Product.of(Call("sigma", z), Sum([("+", one()), ("-", a)])))
        b = Num.given(param)
        return Sum.of(Product.of(b, a), Product.of(Call("sigma", Product.of(b, z)),
                                                   Sum([("+", one()), ("-", Product.of(b, a))])))
    if c == "gelu":
        gauss = Exp(Sum.minus(Frac(Power(z, 2), Num.integer(2))))
        return Sum.of(Call("Phi", z), Frac(Product.of(z, gauss), Call("sqrt", Product.of(Num.integer(2), Const("pi")))))
    if c == "linear":
        return None
    raise ValueError(f"no derivative for {act!r}")


def loss_formula(loss: str, t: list[Name], y: list[Name], targets: list[Fraction]) -> tuple[Node, str]:
    """(L as written for these targets, justification)."""
    why = LOSS_RULES[loss]
    if loss in ("half-squared-error", "squared-error"):
        squares = [Power(Sum([("+", ti), ("-", yi)]), 2) for ti, yi in zip(t, y)]
        total = squares[0] if len(squares) == 1 else Sum.of(*squares)
        if loss == "half-squared-error":
            return Product.of(Frac(one(), Num.integer(2)), total), why
        return total, why
    if loss == "binary-cross-entropy":
        terms = []
        for ti, yi, tv in zip(t, y, targets):
            if tv == 1:
                terms.append(Call("ln", yi))
            elif tv == 0:
                terms.append(Call("ln", Sum([("+", one()), ("-", yi)])))
            else:
                terms.append(Sum.of(Product.of(ti, Call("ln", yi)),
                                    Product.of(Sum([("+", one()), ("-", ti)]), Call("ln", Sum([("+", one()), ("-", yi)])))))
        if all(tv in (0, 1) for tv in targets):
            why += " with " + ", ".join(f"${ti.latex()} = {tv}$" for ti, tv in zip(t, targets))
        body = terms[0] if len(terms) == 1 else Sum.of(*terms)
        return Sum.minus(body), why
    # cross-entropy: the terms with t_i = 0 vanish
    kept = [(ti, yi, tv) for ti, yi, tv in zip(t, y, targets) if tv != 0]
    if len(kept) == 1 and kept[0][2] == 1:
        ti, yi, _ = kept[0]
        why += f" with the one-hot target ${ti.latex()} = 1$"
        return Sum.minus(Call("ln", yi)), why
    terms = [Product.of(ti, Call("ln", yi)) for ti, yi, _ in kept]
    if len(kept) < len(targets):
        why += " (the terms with $t_i = 0$ vanish)"
    return Sum.minus(terms[0] if len(terms) == 1 else Sum.of(*terms)), why


@dataclass
class Values:
    """Every exact value of a network exercise, with the names the formulas use.

    Lists are indexed from 0 for layer/unit 1: ``z[l - 1][j - 1]`` is z^{[l]}_j.
    ``names`` maps ('z', l, j), ('a', l, j), ('w', l, j, k), ... to the scalar
    :class:`Name`; ``reference`` maps each derivative Real (a δ, a gradient, an
    output gradient) to the value reverse-mode differentiation gives.
    """

    spec: object
    x: list
    t: list
    W: list
    b: list
    eta: Real
    z: list = field(default_factory=list)
    a: list = field(default_factory=list)
    exp: list = field(default_factory=list)      # e^{z^{[L]}_j} for a softmax output
    S: Real | None = None                        # the softmax denominator
    loss: Real | None = None
    loss_why: str = ""
    dLda: list | None = None
    gprime: list = field(default_factory=list)   # g'(z^{[l]}_j) per layer (None for the identity)
    delta: list = field(default_factory=list)
    gW: list = field(default_factory=list)
    gb: list = field(default_factory=list)
    W_new: list = field(default_factory=list)
    b_new: list = field(default_factory=list)
    names: dict = field(default_factory=dict)
    formulas: dict = field(default_factory=dict)
    reference: dict = field(default_factory=dict)

    @property
    def layers(self) -> int:
        return len(self.W)


def compute(spec) -> Values:
    """All exact values and formulas of the network exercise ``spec`` (see :class:`Values`)."""
    x = [Real.of(v, given=True) for v in spec.input]
    t = [Real.of(v, given=True) for v in spec.target]
    W = [[[Real.of(w, given=True) for w in row] for row in layer.weights] for layer in spec.layers]
    b = [[Real.of(v, given=True) for v in layer.bias] for layer in spec.layers]
    v = Values(spec, x, t, W, b, Real.of(spec.learning_rate, given=True))
    names = v.names
    L = len(spec.layers)
    for k, r in enumerate(x, 1):
        names["a", 0, k] = N.quantity("a", 0, k, real=r)
    for j, r in enumerate(t, 1):
        names["t", j] = Name(f"t_{N.indices(j)}", "t" + N.sub_text(str(j)), r)
    names["eta"] = Name(r"\eta", "η", v.eta)
    for l, layer in enumerate(spec.layers, 1):
        for j, row in enumerate(W[l - 1], 1):
            for k, r in enumerate(row, 1):
                names["w", l, j, k] = N.weight(l, j, k, r)
            names["b", l, j] = N.bias(l, j, b[l - 1][j - 1])

    # forward
    for l, layer in enumerate(spec.layers, 1):
        zs, As = [], []
        for j in range(1, layer.size + 1):
            terms = [Product.of(names["w", l, j, k], names["a", l - 1, k]) for k in range(1, len(W[l - 1][0]) + 1)]
            formula = Sum.of(*terms, names["b", l, j])
            real = Real(formula)
            names["z", l, j] = N.quantity("z", l, j, real=real)
            v.formulas["z", l, j] = formula
            zs.append(real)
        v.z.append(zs)
        if layer.activation == "softmax":
            exps = [Real(Exp(names["z", l, j])) for j in range(1, layer.size + 1)]
            for j, e in enumerate(exps, 1):
                names["e", l, j] = Name(f"e^{{{names['z', l, j].latex()}}}", f"exp({names['z', l, j].text()})", e)
            s_formula = Sum.of(*[Exp(names["z", l, j]) for j in range(1, layer.size + 1)])
            v.S = Real(s_formula)
            names["S", l] = Name(f"S^{{[{l}]}}", f"S⁽{N.sup_text(str(l))}⁾", v.S)
            v.formulas["S", l] = s_formula
            v.exp = exps
            for j in range(1, layer.size + 1):
                formula = Frac(Exp(names["z", l, j]), names["S", l])
                real = Real(formula)
                names["a", l, j] = N.quantity("a", l, j, real=real)
                v.formulas["a", l, j] = formula
                As.append(real)
        else:
            param = parameter_of(layer)
            for j in range(1, layer.size + 1):
                formula = activation_formula(layer.activation, names["z", l, j], param)
                real = Real(formula)
                names["a", l, j] = N.quantity("a", l, j, real=real)
                v.formulas["a", l, j] = formula
                As.append(real)
        v.a.append(As)

    # loss
    outputs = [names["a", L, j] for j in range(1, spec.layers[-1].size + 1)]
    targets = [names["t", j] for j in range(1, len(t) + 1)]
    formula, v.loss_why = loss_formula(spec.loss, targets, outputs, [_frac(q) for q in spec.target])
    v.loss = Real(formula)
    names["L"] = Name("L", "L", v.loss)
    v.formulas["L"] = formula

    # backward: the output layer
    out = spec.layers[-1]
    n_out = out.size
    deltas = []
    if out.activation == "softmax" and spec.loss == "cross-entropy":
        total = sum(_frac(q) for q in spec.target)
        for j in range(1, n_out + 1):
            a_j, t_j = names["a", L, j], names["t", j]
            if total == 1:
                formula = Sum([("+", a_j), ("-", t_j)])
            else:
                formula = Sum([("+", Product.of(a_j, Sum.of(*targets))), ("-", t_j)])
            deltas.append(_named(v, ("delta", L, j), N.quantity("delta", L, j), formula))
        v.gprime.append(None)
    elif out.activation == "softmax":
        v.dLda = []
        for j in range(1, n_out + 1):
            diff = Sum([("+", names["a", L, j]), ("-", names["t", j])])
            formula = diff if spec.loss == "half-squared-error" else Product.of(Num.integer(2), diff)
            name = N.partial(N.quantity("a", L, j))
            v.dLda.append(_named(v, ("dLda", j), name, formula))
        g = [names["dLda", j] for j in range(1, n_out + 1)]
        inner = Sum.of(*[Product.of(names["a", L, i], g[i - 1]) for i in range(1, n_out + 1)])
        for j in range(1, n_out + 1):
            formula = Product.of(names["a", L, j], Sum([("+", g[j - 1]), ("-", inner)]))
            deltas.append(_named(v, ("delta", L, j), N.quantity("delta", L, j), formula))
        v.gprime.append(None)
    else:
        param = parameter_of(out)
        gps = []
        for j in range(1, n_out + 1):
            a_j, t_j, z_j = names["a", L, j], names["t", j], names["z", L, j]
            diff = Sum([("+", a_j), ("-", t_j)])
            if spec.loss == "binary-cross-entropy":
                formula = diff   # sigma'(z) cancels against dL/da = (a - t)/(a(1 - a))
                gps.append(None)
            else:
                gp = derivative_formula(out.activation, z_j, a_j, param)
                gps.append(_gprime(v, L, j, gp))
                factor = diff if spec.loss == "half-squared-error" else Product.of(Num.integer(2), diff)
                formula = factor if gp is None else Product.of(factor, gp)
            deltas.append(_named(v, ("delta", L, j), N.quantity("delta", L, j), formula))
        v.gprime.append(gps)
    v.delta.append(deltas)
    # backward: hidden layers
    for l in range(L - 1, 0, -1):
        layer = spec.layers[l - 1]
        param = parameter_of(layer)
        above = spec.layers[l]
        deltas, gps = [], []
        for k in range(1, layer.size + 1):
            terms = [Product.of(names["w", l + 1, j, k], names["delta", l + 1, j]) for j in range(1, above.size + 1)]
            gp = derivative_formula(layer.activation, names["z", l, k], names["a", l, k], param)
            gps.append(_gprime(v, l, k, gp))
            if gp is None:
                formula = terms[0] if len(terms) == 1 else Sum.of(*terms)
            elif len(terms) == 1:
                formula = Product.of(*terms[0].factors, gp)
            else:
                formula = Product.of(Sum.of(*terms), gp)
            deltas.append(_named(v, ("delta", l, k), N.quantity("delta", l, k), formula))
        v.delta.insert(0, deltas)
        v.gprime.insert(0, gps)

    # gradients and the update
    for l in range(1, L + 1):
        gw_layer, nw_layer, gb_layer, nb_layer = [], [], [], []
        for j in range(1, spec.layers[l - 1].size + 1):
            row, nrow = [], []
            for k in range(1, len(W[l - 1][0]) + 1):
                g = _named(v, ("dw", l, j, k), N.partial(names["w", l, j, k]),
                           Product.of(names["delta", l, j], names["a", l - 1, k]))
                row.append(g)
                update = Sum([("+", names["w", l, j, k]), ("-", Product.of(names["eta"], names["dw", l, j, k]))])
                nrow.append(_named(v, ("w'", l, j, k), N.weight(l, j, k, prime=True), update))
            gw_layer.append(row)
            nw_layer.append(nrow)
            gb_layer.append(_named(v, ("db", l, j), N.partial(names["b", l, j]), names["delta", l, j]))
            update = Sum([("+", names["b", l, j]), ("-", Product.of(names["eta"], names["db", l, j]))])
            nb_layer.append(_named(v, ("b'", l, j), N.bias(l, j, prime=True), update))
        v.gW.append(gw_layer)
        v.W_new.append(nw_layer)
        v.gb.append(gb_layer)
        v.b_new.append(nb_layer)
    _references(v)
    return v


def _named(v: Values, key, name: Name, formula: Node) -> Real:
    real = Real(formula)
    name.real = real
    v.names[key] = name
    v.formulas[key] = formula
    return real


def _gprime(v: Values, l: int, j: int, formula: Node | None) -> Real | None:
    if formula is None:
        return None
    real = Real(formula)
    v.formulas["g'", l, j] = formula
    return real


def _references(v: Values) -> None:
    """Reverse-mode derivatives of the loss: the reference of each δ, gradient and output gradient."""
    from .adjoint import adjoints

    adj = adjoints(v.loss)
    zero = 0
    for l, deltas in enumerate(v.delta, 1):
        for j, d in enumerate(deltas, 1):
            v.reference[d] = adj.get(v.z[l - 1][j - 1], zero)
            v.reference[v.gb[l - 1][j - 1]] = adj.get(v.b[l - 1][j - 1], zero)
            for k, g in enumerate(v.gW[l - 1][j - 1], 1):
                v.reference[g] = adj.get(v.W[l - 1][j - 1][k - 1], zero)
    if v.dLda is not None:
        for j, g in enumerate(v.dLda, 1):
            v.reference[g] = adj.get(v.a[-1][j - 1], zero)
