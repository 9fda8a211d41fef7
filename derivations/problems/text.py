"""Worked solutions as readable text: each step with its justification, numbers rounded.

Exact expressions are printed with decimals; a value computed in an earlier
step (a label of the solution) is shown rounded where it appears inside a later
step, and a step whose value is not a short decimal ends with ``≈ value``.

>>> from sympy import Rational
>>> from derivations import sigmoid
>>> show(Rational(1, 2) * sigmoid(Rational(3, 2)) - 1, 4)
'-1 + 0.5·σ(1.5)'
>>> show(sigmoid(Rational(1, 2) * sigmoid(Rational(3, 2)) - 1), 4)
'σ(-0.5912)'
"""

from __future__ import annotations

from sympy import Add, E, Function, Mul, Pow, S, exp, pi

from .rounding import decimal_text, is_terminating

__all__ = ["show", "render_solution", "render_text"]

MAX_WIDTH = 110
_NAMES = {"sigmoid": "σ", "relu": "ReLU", "leaky_relu": "LeakyReLU", "elu": "ELU", "softplus": "softplus",
          "swish": "swish", "gelu": "GELU", "binary_step": "step", "tanh": "tanh", "erf": "erf", "log": "ln"}
_SECTIONS = {"forward": "Forward pass", "loss": "Loss", "backward": "Backward pass (deltas)",
             "gradient": "Gradients", "update": "Gradient-descent step"}


def _number(value, digits):
    return decimal_text(value, digits)


def show(expr, digits: int, labels: dict | None = None, top: bool = True) -> str:
    """An exact expression as text: its structure, with earlier values (labels) and
    composite arguments of functions shown rounded."""
    labels = labels or {}
    expr = S(expr)
    if expr.is_Rational:
        return _number(expr, digits)
    if not top and expr in labels:
        return _number(expr, digits)
    if expr is E:
        return "e"
    if expr is pi:
        return "pi"
    if isinstance(expr, Add):
        out = ""
        for i, term in enumerate(expr.args):
            text = show(term, digits, labels, top=False)
            if i and text.startswith("-"):
                out += " - " + text[1:]
            elif i:
                out += " + " + text
            else:
                out += text
        return out
    if isinstance(expr, Mul):
        args = list(expr.args)
        sign = ""
        if args and args[0] == -1 and len(args) > 1:
            sign, args = "-", args[1:]
        num, den = [], []
        for a in args:
            if isinstance(a, Pow) and a.exp.is_Rational and a.exp < 0 and len(args) > 1:
                den.append(Pow(a.base, -a.exp) if a.exp != -1 else a.base)
            else:
                num.append(a)

        def factor(a, i):
            text = show(a, digits, labels, top=False)
            if isinstance(a, Add) and a not in labels:
                return "(" + text + ")"
            if text.startswith("-") and (i > 0 or sign):
                return "(" + text + ")"
            return text
        body = "·".join(factor(a, i) for i, a in enumerate(num)) or "1"
        if den:
            d = "·".join(factor(a, 1) for a in den)
            body += "/" + (d if len(den) == 1 and not isinstance(den[0], Mul) else "(" + d + ")")
        return sign + body
    if isinstance(expr, Pow):
        base = show(expr.base, digits, labels, top=False)
        if expr.exp == -1:
            return "1/" + _wrap(base, expr.base, labels)
        if expr.exp == S.Half:
            return "sqrt(" + base + ")"
        return _wrap(base, expr.base, labels) + "^" + _wrap(show(expr.exp, digits, labels, top=False), expr.exp,
                                                            labels)
    if expr.func is exp:
        return "e^" + _wrap(_argument(expr.args[0], digits, labels), expr.args[0], labels)
    if isinstance(expr, Function):
        name = _NAMES.get(type(expr).__name__, type(expr).__name__)
        args = [_argument(a, digits, labels) for a in _display_args(expr)]
        return f"{name}({', '.join(args)})"
    return str(expr)


def _argument(arg, digits, labels) -> str:
    """A function's argument: a short decimal or an earlier value rounded; else its value rounded."""
    if arg.is_Rational or arg in labels or not arg.is_number:
        return show(arg, digits, labels, top=False)
    if isinstance(arg, Mul) and len(arg.args) == 2 and arg.args[0].is_Rational and \
            (arg.args[1].is_Rational or arg.args[1] in labels):
        return show(arg, digits, labels, top=False)
    return _number(arg, digits)


def _display_args(expr):
    name = type(expr).__name__
    args = list(expr.args)
    defaults = {"leaky_relu": S(1) / 100, "elu": S.One, "swish": S.One, "binary_step": S.One}
    if name in defaults and len(args) == 2 and args[1] == defaults[name]:
        return args[:1]
    return args


def _wrap(text: str, expr, labels) -> str:
    if expr.is_Atom and not text.startswith("-"):
        return text
    if expr in labels and not text.startswith("-"):
        return text
    return "(" + text + ")"


def _approx(expr, digits) -> str:
    expr = S(expr)
    if expr.is_Rational and is_terminating(expr, digits + 2):
        return ""
    return " ≈ " + _number(expr, digits)


def _line(prefix: str, expr, why: str, digits: int, labels: dict, last: bool) -> str:
    text = show(expr, digits, labels)
    if len(text) > MAX_WIDTH:
        text = "…" if not expr.is_number else _number(expr, digits)
        approx = ""
    else:
        approx = _approx(expr, digits) if (last and expr.is_number) else ""
        if expr.is_number and text == _number(expr, digits):
            approx = ""
    out = f"{prefix}{text}{approx}"
    return out + (f"    [{why}]" if why else "")


def render_part(part, digits: int, labels: dict) -> list[str]:
    if part.statement.startswith(part.title):
        lines = [f"  {part.statement}"]
    else:
        lines = [f"  {part.title}:  {part.statement}" if part.statement else f"  {part.title}:"]
    steps = list(part.steps)
    lines.append(_line("      = ", part.start, "" if steps else "", digits, labels, last=not steps))
    for i, step in enumerate(steps):
        rel = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "approx": "≈"}[step.relation]
        lines.append(_line(f"      {rel} ", step.expr, step.why, digits, labels, last=i == len(steps) - 1))
    return lines


def render_solution(solution) -> str:
    """The whole worked solution of one problem as text."""
    d = solution.derivation
    digits = solution.problem.digits
    out = [f"Problem {solution.problem.id} ({solution.problem.kind}): {d.title}"]
    if d.statement:
        out.append(d.statement)
    if d.notes:
        out.append("Convention: " + d.notes)
    section = None
    for part in d.parts:
        head = part.id.split(".", 1)[0]
        if head != section:
            section = head
            out.append("")
            out.append(_SECTIONS.get(head, head.replace("-", " ").capitalize()))
        out.extend(render_part(part, digits, solution.labels))
    return "\n".join(out)


def render_text(solutions) -> str:
    return "\n\n".join(render_solution(s) for s in solutions) + "\n"
