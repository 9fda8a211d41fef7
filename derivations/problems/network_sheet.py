r"""The worked solution of a network exercise, in the scalar or the vectorised layout.

Scalar (small networks): one chain per quantity, as a teaching assistant writes it,

``z^{[1]}_1 = w^{[1]}_{11}x_1 + w^{[1]}_{12}x_2 + b^{[1]}_1 = 2 \cdot 0 + (-1.5) \cdot 1 + 3 = 1.5``,
``a^{[1]}_1 = \sigma(z^{[1]}_1) = \sigma(1.5) = \frac{1}{1 + e^{-1.5}} \approx 0.8176``, then the loss, every
δ, every gradient and every updated weight.

Vectorised (more than a handful of units): one chain per layer and quantity,
``z^{[l]} = W^{[l]}a^{[l-1]} + b^{[l]}`` with the matrices written out, then
``a^{[l]}``, the loss, ``\delta^{[l]} = (W^{[l+1]T}\delta^{[l+1]}) \odot g'(z^{[l]})``,
``\frac{\partial L}{\partial W^{[l]}} = \delta^{[l]}a^{[l-1]T}`` and the updated ``W'^{[l]}``.
"""

from __future__ import annotations

from . import notation as N
from .backprop import DERIVATIVE_RULES, Values, canonical, parameter_of
from .worked import Chain, section
from .written import Call, Exp, Frac, Hadamard, Matrix, Name, Node, Num, Product, Softmax, Sum, Transpose, substitute

__all__ = ["scalar_sections", "vector_sections", "given_section", "ACTIVATION_RULES"]

ACTIVATION_RULES = {
    "sigmoid": r"$\sigma(z) = \frac{1}{1 + e^{-z}}$",
    "tanh": r"$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$",
    "relu": r"$\operatorname{ReLU}(z) = \max(0, z)$",
    "leaky_relu": r"$\operatorname{LeakyReLU}(z) = z$ for $z \ge 0$ and $\alpha z$ for $z < 0$",
    "elu": r"$\operatorname{ELU}(z) = z$ for $z \ge 0$ and $\alpha(e^{z} - 1)$ for $z < 0$",
    "softplus": r"$\operatorname{softplus}(z) = \ln(1 + e^{z})$",
    "swish": r"$\operatorname{swish}(z) = z\,\sigma(\beta z)$",
    "gelu": r"$\operatorname{GELU}(z) = z\,\Phi(z)$, $\Phi$ the standard normal distribution function",
    "binary_step": r"$\operatorname{step}(z) = 1$ for $z \ge 0$ and $0$ for $z < 0$",
    "linear": "the identity",
    "softmax": r"$\operatorname{softmax}(z)_j = \frac{e^{z_j}}{\sum_k e^{z_k}}$",
}


def _param_text(act: str, param) -> str:
    c = canonical(act)
    if param is None:
        return ""
    symbol = r"\beta" if c == "swish" else r"\alpha"
    return f" (${symbol} = {Num.given(param).latex()}$)"


def _vector_rows(reals):
    return [[r] for r in reals]


def given_section(v: Values, pid: str, rounding) -> object:
    """The data of the exercise as written-out vectors and matrices: x, W, b, t, η."""
    chains = []

    def given(key, name: Name, node: Node, why=""):
        chains.append(Chain(name, rounding).add(node, why, rule="given").build(f"{pid}.given.{key}",
                                                                              f"${name.latex()}$"))

    def number(r):
        return Num(r, rounding)

    x = N.vector("a", 0, _vector_rows(v.x))
    given("x", x, substitute(x, number), "the input")
    for l in range(1, v.layers + 1):
        W = N.vector("W", l, v.W[l - 1])
        given(f"W{l}", W, substitute(W, number), f"row $j$ holds the weights $w^{{[{l}]}}_{{jk}}$ into unit $j$")
        b = N.vector("b", l, _vector_rows(v.b[l - 1]))
        given(f"b{l}", b, substitute(b, number))
    t = Name("t", "t", _vector_rows(v.t))
    why = "the target"
    if v.spec.true_class is not None:
        why = f"one-hot target: the true class is {v.spec.true_class}"
    given("t", t, substitute(t, number), why)
    given("eta", Name(r"\eta", "η", v.eta), Num(v.eta, rounding), "the learning rate")
    notes = ""
    if v.spec.chosen_layout == "scalar":   # the entries by name, as the worked lines use them
        notes = "That is, " + "; ".join(", ".join(f"${n.latex()} = {Num(n.real, rounding).latex()}$" for n in group)
                                        for group in _scalar_names(v)) + "."
    return section(f"{pid}.given", "Given", chains, rounding=rounding, notes=notes)


def _scalar_names(v: Values):
    names = v.names
    yield [names["a", 0, k] for k in range(1, len(v.x) + 1)]
    for l in range(1, v.layers + 1):
        rows, cols = len(v.W[l - 1]), len(v.W[l - 1][0])
        yield [names["w", l, j, k] for j in range(1, rows + 1) for k in range(1, cols + 1)]
        yield [names["b", l, j] for j in range(1, rows + 1)]
    yield [names["t", j] for j in range(1, len(v.t) + 1)]


# ---------------------------------------------------------------------------------------------- scalar
def _values_of_calls(formula: Node, keys, reals: dict) -> Node:
    """``formula`` with each call of a function in ``keys`` replaced by a name for its value."""
    if isinstance(formula, Call) and formula.key in keys:
        real = reals.get(id(formula))
        if real is None:
            from .exact import Real
            real = reals[id(formula)] = Real(formula)
        return Name(formula.latex(), formula.text(), real)
    kids = formula.children()
    if not kids:
        return formula
    return formula.rebuild([_values_of_calls(k, keys, reals) for k in kids])


_KINKED = ("relu_prime", "leaky_relu_prime", "elu_prime", "step_prime")


def _well_printed(node: Node, number) -> bool:
    """The printed numbers determine ``node`` to 1%: a logarithm of it is worth showing."""
    from .exact import PRECISIONS, ends, precision
    shown = substitute(node, number)
    with precision(PRECISIONS[0]):
        try:
            lo, hi = ends(shown.interval(True))
        except (ValueError, ArithmeticError):
            return False
    return lo > 0 and (hi - lo) < lo / 100


def _logs_of_values(formula: Node, number) -> Node:
    r"""``formula`` with the argument of each logarithm that the printed numbers do not determine well
    (``\ln(1 - 1.0000)`` of a saturated output) replaced by a name for its value (``\ln(3.661 \times 10^{-11})``)."""
    from .exact import Real
    if isinstance(formula, Call) and formula.key == "ln" and not isinstance(formula.arg, Name) \
            and not _well_printed(formula.arg, number):
        real = Real(formula.arg)
        return Call("ln", Name(formula.arg.latex(), formula.arg.text(), real))
    kids = formula.children()
    if not kids:
        return formula
    return formula.rebuild([_logs_of_values(k, number) for k in kids])


def _chain(v, pid, key, name, formula, rounding, *, why="", rule="definition", statement=""):
    """formula -> numbers -> value, for one scalar quantity (a derivative is checked against its reference)."""
    real = name.real
    chain = Chain(name, rounding)
    reference = v.reference.get(real) if rule == "derivative" else None
    chain.define(formula, why, reference=reference)
    if any(isinstance(n, Call) and n.key == "ln" for n in formula.walk()):
        chain.add(substitute(_logs_of_values(formula, chain.number), chain.number), rule="substitute")
    chain.substitute()
    if any(isinstance(n, Call) and n.key in _KINKED for n in formula.walk()):
        chain.add(substitute(_values_of_calls(formula, _KINKED, {}), chain.number), "", rule="evaluate")
    chain.value(real)
    return chain.build(f"{pid}.{key}", f"${name.latex()}$", statement=statement)


def _activation_chain(v: Values, pid, l, j, rounding):
    layer = v.spec.layers[l - 1]
    name, z = v.names["a", l, j], v.names["z", l, j]
    act = canonical(layer.activation)
    param = parameter_of(layer)
    chain = Chain(name, rounding)
    formula = v.formulas["a", l, j]
    chain.define(formula, ACTIVATION_RULES[act] + _param_text(act, param) if act == "linear" else "")
    chain.substitute()
    shown = chain.last
    arg = shown.arg if isinstance(shown, Call) else shown
    why = ACTIVATION_RULES[act] + _param_text(act, param)
    definition = None
    negative = z.real.sign() < 0
    if act == "sigmoid":
        definition = Frac(Num.integer(1), Sum.of(Num.integer(1), Exp(Sum.minus(arg))))
    elif act == "softplus":
        definition = Call("ln", Sum.of(Num.integer(1), Exp(arg)))
    elif act == "swish":
        scaled = arg if param == 1 else Product.of(Num.given(param), arg)
        definition = Product.of(arg, Call("sigma", scaled))
    elif act == "gelu":
        definition = Product.of(arg, Call("Phi", arg))
    elif act == "elu" and negative:
        definition = Product.of(Num.given(param), Sum([("+", Exp(arg)), ("-", Num.integer(1))]))
    elif act == "leaky_relu" and negative:
        definition = Product.of(Num.given(param), arg)
    if definition is not None:
        chain.add(definition, why, rule="identity")
        why = ""
    chain.value(name.real, why if act != "linear" else "")
    return chain.build(f"{pid}.forward.a{l}_{j}", f"${name.latex()}$")


def _softmax_chains(v: Values, pid, l, rounding):
    n = v.spec.layers[l - 1].size
    S = v.names["S", l]
    chain = Chain(S, rounding)
    chain.define(v.formulas["S", l], rf"the softmax denominator $S^{{[{l}]}} = \sum_k e^{{z^{{[{l}]}}_k}}$")
    chain.substitute()
    chain.add(Sum.of(*[Num(e, rounding) for e in v.exp]), "", rule="evaluate")
    chain.value(S.real)
    out = [chain.build(f"{pid}.forward.S{l}", f"$S^{{[{l}]}}$")]
    for j in range(1, n + 1):
        name = v.names["a", l, j]
        c = Chain(name, rounding)
        c.define(v.formulas["a", l, j], ACTIVATION_RULES["softmax"] if j == 1 else "")
        c.substitute()
        c.add(Frac(Num(v.exp[j - 1], rounding), Num(S.real, rounding)), "", rule="evaluate")
        c.value(name.real)
        out.append(c.build(f"{pid}.forward.a{l}_{j}", f"${name.latex()}$"))
    return out


def scalar_sections(v: Values, pid: str, rounding) -> list:
    spec = v.spec
    L = v.layers
    forward = []
    for l, layer in enumerate(spec.layers, 1):
        if layer.activation == "softmax":
            for j in range(1, layer.size + 1):
                forward.append(_chain(v, pid, f"forward.z{l}_{j}", v.names["z", l, j], v.formulas["z", l, j],
                                      rounding))
            forward.extend(_softmax_chains(v, pid, l, rounding))
            continue
        for j in range(1, layer.size + 1):
            forward.append(_chain(v, pid, f"forward.z{l}_{j}", v.names["z", l, j], v.formulas["z", l, j], rounding))
            forward.append(_activation_chain(v, pid, l, j, rounding))
    loss = [_chain(v, pid, "loss.L", v.names["L"], v.formulas["L"], rounding, why=v.loss_why)]
    backward = []
    if v.dLda is not None:
        for j in range(1, spec.layers[-1].size + 1):
            why = (r"$\frac{\partial L}{\partial a^{[L]}_j} = a^{[L]}_j - t_j$" if spec.loss == "half-squared-error"
                   else r"$\frac{\partial L}{\partial a^{[L]}_j} = 2(a^{[L]}_j - t_j)$") if j == 1 else ""
            backward.append(_chain(v, pid, f"backward.dLda{j}", v.names["dLda", j], v.formulas["dLda", j], rounding,
                                   why=why, rule="derivative"))
    for l in range(L, 0, -1):
        for j in range(1, spec.layers[l - 1].size + 1):
            why = _delta_why(v, l) if j == 1 else ""
            backward.append(_chain(v, pid, f"backward.delta{l}_{j}", v.names["delta", l, j],
                                   v.formulas["delta", l, j], rounding, why=why, rule="derivative"))
    gradients, update = [], []
    for l in range(1, L + 1):
        layer = spec.layers[l - 1]
        for j in range(1, layer.size + 1):
            for k in range(1, len(layer.weights[0]) + 1):
                why = (rf"$\frac{{\partial L}}{{\partial w^{{[{l}]}}_{{jk}}}} = \delta^{{[{l}]}}_j "
                       rf"{'x_k' if l == 1 else f'a^{{[{l - 1}]}}_k'}$" if j == k == 1 else "")
                gradients.append(_chain(v, pid, f"gradients.w{l}_{j}_{k}", v.names["dw", l, j, k],
                                        v.formulas["dw", l, j, k], rounding, why=why, rule="derivative"))
        for j in range(1, layer.size + 1):
            why = rf"$\frac{{\partial L}}{{\partial b^{{[{l}]}}_j}} = \delta^{{[{l}]}}_j$" if j == 1 else ""
            gradients.append(_chain(v, pid, f"gradients.b{l}_{j}", v.names["db", l, j], v.formulas["db", l, j],
                                    rounding, why=why, rule="derivative"))
        for j in range(1, layer.size + 1):
            for k in range(1, len(layer.weights[0]) + 1):
                why = (rf"gradient descent with $\eta = {Num(v.eta, rounding).latex()}$" if j == k == 1 and l == 1
                       else "")
                update.append(_chain(v, pid, f"update.w{l}_{j}_{k}", v.names["w'", l, j, k],
                                     v.formulas["w'", l, j, k], rounding, why=why))
        for j in range(1, layer.size + 1):
            update.append(_chain(v, pid, f"update.b{l}_{j}", v.names["b'", l, j], v.formulas["b'", l, j], rounding))
    return _pass_sections(pid, rounding, forward, loss, backward, gradients, update,
                          backward_statement=r"$\delta^{[l]}_j = \frac{\partial L}{\partial z^{[l]}_j}$, from the "
                                             r"output layer back (the chain rule).",
                          update_statement=r"$w'^{[l]}_{jk} = w^{[l]}_{jk} - \eta\frac{\partial L}{\partial "
                                           r"w^{[l]}_{jk}}$ and $b'^{[l]}_j = b^{[l]}_j - \eta\frac{\partial L}"
                                           r"{\partial b^{[l]}_j}$.")


def _pass_sections(pid, rounding, forward, loss, backward, gradients, update, *, backward_statement,
                   update_statement=""):
    """The five sections of one training step, in order."""
    return [
        section(f"{pid}.forward", "Forward pass", forward, rounding=rounding),
        section(f"{pid}.loss", "Loss", loss, rounding=rounding),
        section(f"{pid}.backward", "Backward pass", backward, rounding=rounding, statement=backward_statement),
        section(f"{pid}.gradients", "Gradients", gradients, rounding=rounding),
        section(f"{pid}.update", "One step of gradient descent", update, rounding=rounding,
                statement=update_statement),
    ]


def _delta_why(v: Values, l: int) -> str:
    spec = v.spec
    act = canonical(spec.layers[l - 1].activation)
    if l == v.layers:
        if act == "softmax" and spec.loss == "cross-entropy":
            return (r"softmax with cross-entropy: $\delta^{[L]}_j = \sum_i \frac{\partial L}{\partial a^{[L]}_i}"
                    r"\frac{\partial a^{[L]}_i}{\partial z^{[L]}_j} = a^{[L]}_j - t_j$")
        if act == "softmax":
            return (r"chain rule through the softmax: $\delta^{[L]}_j = a^{[L]}_j\left(\frac{\partial L}"
                    r"{\partial a^{[L]}_j} - \sum_i a^{[L]}_i \frac{\partial L}{\partial a^{[L]}_i}\right)$")
        if spec.loss == "binary-cross-entropy":
            return (r"sigmoid with binary cross-entropy: $\delta^{[L]}_j = \frac{a^{[L]}_j - t_j}{a^{[L]}_j"
                    r"(1 - a^{[L]}_j)}\,\sigma'(z^{[L]}_j) = a^{[L]}_j - t_j$")
        factor = "a^{[L]}_j - t_j" if spec.loss == "half-squared-error" else "2(a^{[L]}_j - t_j)"
        return (rf"chain rule: $\delta^{{[L]}}_j = \frac{{\partial L}}{{\partial a^{{[L]}}_j}}\,g'(z^{{[L]}}_j)$ "
                rf"with $\frac{{\partial L}}{{\partial a^{{[L]}}_j}} = {factor}$; " + DERIVATIVE_RULES[act])
    return (rf"chain rule: $\delta^{{[{l}]}}_k = \left(\sum_j w^{{[{l + 1}]}}_{{jk}}\delta^{{[{l + 1}]}}_j\right)"
            rf"g'(z^{{[{l}]}}_k)$; " + DERIVATIVE_RULES[act])


# ---------------------------------------------------------------------------------------------- vector
def _gprime_name(act: str, l: int, real) -> Name:
    head = {"sigmoid": r"\sigma'", "tanh": r"\tanh'", "relu": r"\operatorname{ReLU}'",
            "leaky_relu": r"\operatorname{LeakyReLU}'", "elu": r"\operatorname{ELU}'",
            "softplus": r"\operatorname{softplus}'", "swish": r"\operatorname{swish}'",
            "gelu": r"\operatorname{GELU}'", "binary_step": r"\operatorname{step}'"}[act]
    text = {"sigmoid": "σ′", "tanh": "tanh′"}.get(act, head.replace(r"\operatorname{", "").replace("}", "")
                                                    .replace("'", "′"))
    return Name(f"{head}(z^{{[{l}]}})", f"{text}(z⁽{N.sup_text(str(l))}⁾)", real)


def vector_sections(v: Values, pid: str, rounding) -> list:
    spec = v.spec
    L = v.layers
    vec = {}

    def column(reals):
        return [[r] for r in reals]

    def name(base, l, reals, **kw):
        return N.vector(base, l, reals, **kw)

    forward = []
    vec["a", 0] = name("a", 0, column(v.x))
    for l, layer in enumerate(spec.layers, 1):
        W, b = name("W", l, v.W[l - 1]), name("b", l, column(v.b[l - 1]))
        z = name("z", l, column(v.z[l - 1]))
        vec["W", l], vec["z", l] = W, z
        formula = Sum.of(Product.of(W, vec["a", l - 1]), b)
        chain = Chain(z, rounding).define(formula).substitute().value(column(v.z[l - 1]))
        forward.append(chain.build(f"{pid}.forward.z{l}", f"${z.latex()}$"))
        a = name("a", l, column(v.a[l - 1]))
        vec["a", l] = a
        act = "softmax" if layer.activation == "softmax" else canonical(layer.activation)
        if act == "softmax":
            formula = Softmax(z)
        elif act == "linear":
            formula = z
        else:
            formula = Call({"sigmoid": "sigma", "binary_step": "step"}.get(act, act), z,
                           parameter_of(layer))
        chain = Chain(a, rounding).define(formula, ACTIVATION_RULES[act] + _param_text(act, parameter_of(layer))
                                          + (", elementwise" if act not in ("softmax", "linear") else ""))
        chain.substitute().value(column(v.a[l - 1]))
        forward.append(chain.build(f"{pid}.forward.a{l}", f"${a.latex()}$"))
    loss = [_chain(v, pid, "loss.L", v.names["L"], v.formulas["L"], rounding, why=v.loss_why)]

    backward = []
    t = Name("t", "t", column(v.t))
    out_act = spec.layers[-1].activation
    for l in range(L, 0, -1):
        layer = spec.layers[l - 1]
        act = "softmax" if layer.activation == "softmax" else canonical(layer.activation)
        delta = name("delta", l, column(v.delta[l - 1]))
        vec["delta", l] = delta
        reference = _reference_matrix(v, [[d] for d in v.delta[l - 1]])
        gp_name = None
        if v.gprime[l - 1] is not None and any(g is not None for g in v.gprime[l - 1]):
            gp_name = _gprime_name(act, l, column(v.gprime[l - 1]))
            chain = Chain(gp_name, rounding).value(column(v.gprime[l - 1]), DERIVATIVE_RULES[act] + ", elementwise")
            backward.append(chain.build(f"{pid}.backward.gprime{l}", f"${gp_name.latex()}$"))
        if l == L:
            if out_act == "softmax" and spec.loss != "cross-entropy":
                g = Name(r"\frac{\partial L}{\partial a^{[%d]}}" % l, f"∂L/∂a⁽{N.sup_text(str(l))}⁾",
                         column(v.dLda))
                ref = _reference_matrix(v, [[r] for r in v.dLda])
                backward.append(Chain(g, rounding).add(Matrix([[Num(r, rounding)] for r in v.dLda]),
                                                       "$a^{[L]} - t$" if spec.loss == "half-squared-error"
                                                       else "$2(a^{[L]} - t)$", rule="derivative", reference=ref)
                                .build(f"{pid}.backward.dLda", f"${g.latex()}$"))
                chain = Chain(delta, rounding).add(Matrix([[Num(d, rounding)] for d in v.delta[l - 1]]),
                                                   _delta_why(v, l), rule="derivative", reference=reference)
                backward.append(chain.build(f"{pid}.backward.delta{l}", f"${delta.latex()}$"))
                continue
            diff = Sum([("+", vec["a", l]), ("-", t)])
            if spec.loss == "cross-entropy" and sum(v.spec.target) != 1:
                chain = Chain(delta, rounding).add(Matrix([[Num(d, rounding)] for d in v.delta[l - 1]]),
                                                   _delta_why(v, l), rule="derivative", reference=reference)
                backward.append(chain.build(f"{pid}.backward.delta{l}", f"${delta.latex()}$"))
                continue
            if spec.loss == "squared-error":
                diff = Product.of(Num.integer(2), diff)
            formula = diff if gp_name is None else Hadamard(diff, gp_name)
        else:
            back = Product.of(Transpose(vec["W", l + 1]), vec["delta", l + 1])
            formula = back if gp_name is None else Hadamard(back, gp_name)
        chain = Chain(delta, rounding).define(formula, _delta_why(v, l) if l == L else
                                              rf"chain rule: $\delta^{{[{l}]}} = (W^{{[{l + 1}]T}}"
                                              rf"\delta^{{[{l + 1}]}}) \odot g'(z^{{[{l}]}})$",
                                              reference=reference)
        chain.substitute().value(column(v.delta[l - 1]))
        backward.append(chain.build(f"{pid}.backward.delta{l}", f"${delta.latex()}$"))

    gradients, update = [], []
    for l in range(1, L + 1):
        gW = Name(rf"\frac{{\partial L}}{{\partial W^{{[{l}]}}}}", f"∂L/∂W⁽{N.sup_text(str(l))}⁾", v.gW[l - 1])
        formula = Product.of(vec["delta", l], Transpose(vec["a", l - 1]))
        chain = Chain(gW, rounding).define(formula, rf"$\frac{{\partial L}}{{\partial w^{{[{l}]}}_{{jk}}}} = "
                                           rf"\delta^{{[{l}]}}_j {'x_k' if l == 1 else f'a^{{[{l - 1}]}}_k'}$",
                                           reference=_reference_matrix(v, v.gW[l - 1]))
        chain.substitute().value(v.gW[l - 1])
        gradients.append(chain.build(f"{pid}.gradients.W{l}", f"${gW.latex()}$"))
        gb = Name(rf"\frac{{\partial L}}{{\partial b^{{[{l}]}}}}", f"∂L/∂b⁽{N.sup_text(str(l))}⁾",
                  column(v.gb[l - 1]))
        chain = Chain(gb, rounding).define(vec["delta", l], "", reference=_reference_matrix(v, column(v.gb[l - 1])))
        chain.value(column(v.gb[l - 1]))
        gradients.append(chain.build(f"{pid}.gradients.b{l}", f"${gb.latex()}$"))
        eta = v.names["eta"]
        Wn = N.vector("W", l, v.W_new[l - 1], prime=True)
        formula = Sum([("+", vec["W", l]), ("-", Product.of(eta, gW))])
        chain = Chain(Wn, rounding).define(formula, rf"gradient descent with $\eta = {Num(v.eta, rounding).latex()}$")
        chain.value(v.W_new[l - 1])
        update.append(chain.build(f"{pid}.update.W{l}", f"${Wn.latex()}$"))
        bn = N.vector("b", l, column(v.b_new[l - 1]), prime=True)
        formula = Sum([("+", name("b", l, column(v.b[l - 1]))), ("-", Product.of(eta, gb))])
        chain = Chain(bn, rounding).define(formula).value(column(v.b_new[l - 1]))
        update.append(chain.build(f"{pid}.update.b{l}", f"${bn.latex()}$"))
    return _pass_sections(pid, rounding, forward, loss, backward, gradients, update,
                          backward_statement=r"$\delta^{[l]} = \frac{\partial L}{\partial z^{[l]}}$, from the "
                                             r"output layer back; $\odot$ is the elementwise product.")


def _reference_matrix(v: Values, rows):
    from .written import Mat
    return Mat([[v.reference.get(r, 0) for r in row] for row in rows])
