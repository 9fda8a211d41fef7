"""Kind ``softmax``: probabilities, predicted class and cross-entropy of given logits.

Classes are numbered from 0 (``true_class = 0`` is the first logit, as in
PyTorch's ``CrossEntropyLoss``); ``target = [0, 1, 0]`` may be given instead.

>>> from derivations.problems import loads, solve
>>> [p] = loads('''
... [[problem]]
... id = "sm"
... kind = "softmax"
... logits = [0, 0]
... true_class = 1
... ''')
>>> a = solve(p).answers
>>> a["probabilities"], a["predicted"], a["loss"]
([1/2, 1/2], 0, log(2))
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Add, Rational, S, exp, log

from ..derivation import Derivation
from .rounding import plain, rounded
from .solution import CONVENTION_NOTE, Solution, chain, plus, times

KIND = "softmax"
FIELDS = ("logits", "true_class", "target")


@dataclass
class SoftmaxSpec:
    logits: list[Rational]
    target: list[Rational]
    true_class: int | None


def parse(f) -> SoftmaxSpec:
    z = f.vector("logits")
    if f.has("true_class") and f.has("target"):
        raise f.error("true_class", "give either true_class or target, not both")
    if f.has("target"):
        t = f.vector("target", length=len(z), what="one per logit")
        if any(v < 0 for v in t):
            raise f.error("target", "targets must not be negative")
        return SoftmaxSpec(z, t, None)
    c = f.integer("true_class", minimum=0, maximum=len(z) - 1)
    return SoftmaxSpec(z, [S.One if i == c else S.Zero for i in range(len(z))], c)


def solve(problem) -> Solution:
    spec: SoftmaxSpec = problem.spec
    d = problem.digits
    z, t = spec.logits, spec.target
    top = max(z)
    predicted = z.index(top)
    total = Add(*[exp(v) for v in z])
    parts, labels, probs = [], {}, []
    parts.append(chain("softmax.sum", "S", "S = sum_k e^(z_k)", plus(*[exp(v, evaluate=False) for v in z]),
                       (total, "exact (each e^z stays a symbol)"), digits=d))
    labels[total] = "S"
    for i, v in enumerate(z):
        p = exp(v) / total
        shifted = exp(v - top) / Add(*[exp(u - top) for u in z])
        steps = [(shifted, f"shift invariance: subtract the largest logit {plain(top)} from every logit")]
        parts.append(chain(f"softmax.p{i}", f"p_{i}", f"p_{i} = e^(z_{i}) / sum_k e^(z_k)", p, *steps, digits=d))
        labels.setdefault(p, f"p_{i}")
        probs.append(p)
    parts.append(chain("softmax.sum1", "sum of p", "the probabilities sum to 1",
                       plus(*probs), (S.One, "common denominator S"), digits=d))
    lse = log(total)
    written = times(-1, plus(*[times(ti, log(pi)) for ti, pi in zip(t, probs)]))
    value = -Add(*[ti * log(pi) for ti, pi in zip(t, probs)])
    simple = Add(*t) * lse - Add(*[ti * zi for ti, zi in zip(t, z)])
    parts.append(chain("loss", "L", "L = -sum_i t_i ln p_i (cross-entropy)", written,
                       (value, "substitute the probabilities"),
                       (simple, "ln(e^(z_i)/S) = z_i - ln S, so L = (sum_i t_i) ln S - sum_i t_i z_i"), digits=d))
    parts.append(chain("predicted", "predicted class", "the largest probability belongs to the largest logit "
                       "(softmax is increasing); classes counted from 0",
                       S(predicted), digits=d))
    derivation = Derivation(
        id=problem.id, title=problem.title or "Softmax probabilities and cross-entropy", start=simple,
        digits=d, parts=parts,
        statement=problem.statement or (f"Logits z = ({', '.join(plain(v) for v in z)}), "
                                        + (f"true class {spec.true_class} (counted from 0)."
                                           if spec.true_class is not None else
                                           f"target ({', '.join(plain(v) for v in t)}).")),
        notes=CONVENTION_NOTE.format(digits=d) + " Classes are numbered from 0; ties go to the first "
                                                 "largest logit.")
    answers = {"probabilities": probs, "predicted": predicted, "loss": simple,
               "log_sum_exp": lse}
    if spec.true_class is not None:
        answers["true_class"] = spec.true_class
    return Solution(problem, derivation, answers, labels)


def degenerate(solution) -> str | None:
    d = solution.problem.digits
    z = solution.problem.spec.logits
    if z.count(max(z)) > 1:
        return "two logits tie for the largest"
    for i, p in enumerate(solution.answers["probabilities"]):
        if rounded(p, d) in (0, 1):
            return f"p_{i} rounds to {rounded(p, d)}"
    return None


def randomize(spec: SoftmaxSpec, rng) -> SoftmaxSpec:
    z = [Rational(rng.randint(-6, 6), 2) for _ in spec.logits]
    c = rng.randrange(len(z))
    return SoftmaxSpec(z, [S.One if i == c else S.Zero for i in range(len(z))], c)


def fields_of(spec: SoftmaxSpec):
    if spec.true_class is not None:
        return [("logits", spec.logits), ("true_class", spec.true_class)]
    return [("logits", spec.logits), ("target", spec.target)]
