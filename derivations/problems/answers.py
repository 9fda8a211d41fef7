"""Answers for machines: exact values -> JSON (full double precision) and CSV rows, and as printed.

Each exact number becomes the float nearest to it (decided by rigorous bounds);
counts, class numbers and flags stay ints and booleans.  ``printed`` gives the
same tree with every number as the sheets print it.

>>> from fractions import Fraction
>>> from derivations.numbers import DecimalPlaces
>>> from derivations.problems.exact import Real
>>> from derivations.problems.written import Call, Num
>>> half = Real(Call("sigma", Num.given(0)))
>>> json_value({"p": [Real.of(Fraction(1, 3)), half], "n": 3, "dead": [True]})
{'p': [0.3333333333333333, 0.5], 'n': 3, 'dead': [True]}
>>> printed_tree({"p": [Real.of(Fraction(1, 8))], "n": 3}, DecimalPlaces(2))
{'p': ['0.13'], 'n': '3'}
>>> csv_rows("v1", "ex", {"p": [[1.5, 2.0]], "n": 3}, {"p": [["1.5", "2"]], "n": "3"})
[('v1', 'ex', 'p[0][0]', '1.5', '1.5'), ('v1', 'ex', 'p[0][1]', '2.0', '2'), ('v1', 'ex', 'n', '3', '3')]
"""

from __future__ import annotations

from typing import Any

from sympy import Basic

from .. import numbers
from .exact import Real

__all__ = ["json_value", "printed_tree", "problem_json", "csv_rows", "CSV_HEADER"]

CSV_HEADER = ("variant", "problem", "quantity", "value", "printed")


def json_value(value: Any) -> Any:
    """Exact answers -> JSON-ready values (floats for real numbers)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, Real):
        return float(value)
    if isinstance(value, Basic):
        return numbers.to_float(value)
    if isinstance(value, float):
        return value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def printed_tree(value: Any, rounding) -> Any:
    """The answers with every number as printed (``rounding``; counts and classes as they are)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {k: printed_tree(v, rounding) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printed_tree(v, rounding) for v in value]
    if isinstance(value, Real):
        return value.printed(rounding).text()
    if isinstance(value, Basic):
        return rounding.text(value)
    raise TypeError(f"cannot print {type(value).__name__}")


def problem_json(solution) -> dict:
    """``{"id", "kind", "digits", "answers", "printed"}`` of one solved problem."""
    return {"id": solution.problem.id, "kind": solution.problem.kind,
            "rounding": solution.problem.digits.describe(),
            "answers": json_value(solution.answers), "printed": solution.printed}


def _flatten(prefix: str, value, out: list):
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else k, v, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _flatten(f"{prefix}[{i}]", v, out)
    else:
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif value is None:
            text = ""
        else:
            text = str(value) if isinstance(value, str) else repr(value)
        out.append((prefix, text))


def csv_rows(variant: str, problem: str, answers_json: dict, printed: dict | None = None):
    """One row per number of a JSON answer: (variant, problem id, quantity path, value, as printed)."""
    pairs: list = []
    _flatten("", answers_json, pairs)
    shown: dict = {}
    if printed is not None:
        flat: list = []
        _flatten("", printed, flat)
        shown = dict(flat)
    return [(variant, problem, q, v, shown.get(q, "")) for q, v in pairs]
