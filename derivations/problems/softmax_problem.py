r"""Kind ``softmax``: probabilities, predicted class and cross-entropy of given logits.

Classes are numbered from 1 (``true_class = 1`` is the first logit);
``target = [0, 1, 0]`` may be given instead.  The worked solution:
``S = e^{z_1} + e^{z_2} + e^{z_3} = e^{2} + e^{1} + e^{0.1} \approx 7.3891 + 2.7183 + 1.1052 \approx 11.2125``,
``p_1 = \frac{e^{z_1}}{S} \approx \frac{7.3891}{11.2125} \approx 0.6590``, ..., ``L = -\ln(p_1) \approx 0.4170``.

>>> from derivations.problems import loads, solve
>>> [p] = loads('''
... [[problem]]
... id = "sm"
... kind = "softmax"
... logits = [0, 0]
... true_class = 2
... ''')
>>> a = solve(p).answers
>>> a["probabilities"], a["predicted"], round(float(a["loss"]), 12)
([1/2, 1/2], 1, 0.69314718056)
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Rational, S

from . import notation as N
from .exact import Real
from .solution import Solution, rounding_note
from .worked import Chain, WorkedDerivation, section
from .written import Call, Exp, Frac, Name, Num, Product, Sum, substitute

KIND = "softmax"
FIELDS = ("logits", "true_class", "target")


@dataclass
class SoftmaxSpec:
    logits: list[Rational]
    target: list[Rational]
    true_class: int | None   # counted from 1


def parse(f) -> SoftmaxSpec:
    z = f.vector("logits")
    if f.has("true_class") and f.has("target"):
        raise f.error("true_class", "give either true_class or target, not both")
    if f.has("target"):
        t = f.vector("target", length=len(z), what="one per logit")
        if any(v < 0 for v in t):
            raise f.error("target", "targets must not be negative")
        return SoftmaxSpec(z, t, None)
    c = f.class_number("true_class", len(z))
    return SoftmaxSpec(z, [S.One if i == c else S.Zero for i in range(1, len(z) + 1)], c)


def _name(base: str, i: int, real) -> Name:
    return Name(f"{base}_{N.indices(i)}", base + N.sub_text(str(i)), real)


def solve(problem) -> Solution:
    spec: SoftmaxSpec = problem.spec
    rounding = problem.digits
    pid = problem.id
    n = len(spec.logits)
    z = [Real.of(v, given=True) for v in spec.logits]
    t = [Real.of(v, given=True) for v in spec.target]
    zn = [_name("z", i, r) for i, r in enumerate(z, 1)]
    tn = [_name("t", i, r) for i, r in enumerate(t, 1)]
    exps = [Real(Exp(zi)) for zi in zn]
    s_formula = Sum.of(*[Exp(zi) for zi in zn])
    S_real = Real(s_formula)
    S_name = Name("S", "S", S_real)

    def number(r):
        return Num(r, rounding)

    given = [
        Chain(Name("z", "z", [[r] for r in z]), rounding).add(substitute(Name("z", "z", [[r] for r in z]), number),
                                                              "the logits", rule="given").build(f"{pid}.given.z", "$z$"),
        Chain(Name("t", "t", [[r] for r in t]), rounding).add(substitute(Name("t", "t", [[r] for r in t]), number),
                                                              "the one-hot target" if spec.true_class else "the target",
                                                              rule="given").build(f"{pid}.given.t", "$t$"),
    ]
    chain = Chain(S_name, rounding).define(s_formula, r"the softmax denominator $S = \sum_k e^{z_k}$")
    chain.substitute().add(Sum.of(*[number(e) for e in exps]), rule="evaluate").value(S_real)
    chains = [chain.build(f"{pid}.softmax.S", "$S$")]
    probs = []
    for i in range(1, n + 1):
        formula = Frac(Exp(zn[i - 1]), S_name)
        p = Real(formula)
        probs.append(p)
        name = _name("p", i, p)
        c = Chain(name, rounding).define(formula, r"$p_i = \operatorname{softmax}(z)_i = \frac{e^{z_i}}{S}$"
                                         if i == 1 else "")
        c.substitute().add(Frac(number(exps[i - 1]), number(S_real)), rule="evaluate").value(p)
        chains.append(c.build(f"{pid}.softmax.p{i}", f"$p_{i}$"))
    pn = [_name("p", i, r) for i, r in enumerate(probs, 1)]
    kept = [(ti, pi, tv) for ti, pi, tv in zip(tn, pn, spec.target) if tv != 0]
    why = r"cross-entropy $L = -\sum_i t_i \ln p_i$"
    if len(kept) == 1 and kept[0][2] == 1:
        formula = Sum.minus(Call("ln", kept[0][1]))
        why += f" with the one-hot target ${kept[0][0].latex()} = 1$"
    else:
        terms = [Product.of(ti, Call("ln", pi)) for ti, pi, _ in kept]
        formula = Sum.minus(terms[0] if len(terms) == 1 else Sum.of(*terms))
        if len(kept) < n:
            why += " (the terms with $t_i = 0$ vanish)"
    loss = Real(formula)
    c = Chain(Name("L", "L", loss), rounding).define(formula, why).substitute().value(loss)
    loss_chains = [c.build(f"{pid}.loss.L", "$L$")]
    top = max(spec.logits)
    predicted = spec.logits.index(top) + 1
    tie = spec.logits.count(top) > 1
    prediction = (f"The largest probability is $p_{predicted}$ "
                  f"(the largest logit; softmax keeps the order): the predicted class is {predicted}"
                  + (" (a tie: the first of the largest logits)." if tie else "."))
    sections = [section(f"{pid}.given", "Given", given, rounding=rounding),
                section(f"{pid}.softmax", "Probabilities", chains, rounding=rounding),
                section(f"{pid}.prediction", "Prediction", [], statement=prediction, rounding=rounding),
                section(f"{pid}.loss", "Loss", loss_chains, rounding=rounding)]
    values = ", ".join(f"${n.latex()} = {Num(n.real, rounding).latex()}$" for n in zn)
    targets = ", ".join(f"${n.latex()} = {Num(n.real, rounding).latex()}$" for n in tn)
    statement = problem.statement or (
        f"The logits are {values}"
        + (f"; the true class is {spec.true_class} (the one-hot target {targets})" if spec.true_class is not None
           else f"; the target is {targets}")
        + ". Compute the softmax probabilities, the predicted class and the cross-entropy loss.")
    derivation = WorkedDerivation(
        id=pid, title=problem.title or "Softmax probabilities and cross-entropy", start=None,
        statement=statement, parts=sections, rounding=rounding,
        notes=rounding_note(rounding) + " Classes are numbered from 1; a tie goes to the first largest logit.")
    answers = {"probabilities": probs, "predicted": predicted, "loss": loss,
               "log_sum_exp": Real(Call("ln", S_name))}
    if spec.true_class is not None:
        answers["true_class"] = spec.true_class
    from .answers import printed_tree
    return Solution(problem, derivation, answers, printed_tree(answers, rounding))


def fields_of(spec: SoftmaxSpec):
    if spec.true_class is not None:
        return [("logits", spec.logits), ("true_class", spec.true_class)]
    return [("logits", spec.logits), ("target", spec.target)]

