"""Answers for machines: exact values -> JSON floats (full double precision) and CSV rows.

Each exact number is evaluated to 30 digits and then rounded once to a float;
counts, class indices and flags stay ints and booleans.

>>> from sympy import Rational
>>> from derivations import sigmoid
>>> json_value({"p": [Rational(1, 3), sigmoid(0)], "n": 3, "dead": [True]})
{'p': [0.3333333333333333, 0.5], 'n': 3, 'dead': [True]}
>>> csv_rows("v1", "ex", {"p": [[1.5, 2.0]], "n": 3})
[('v1', 'ex', 'p[0][0]', '1.5'), ('v1', 'ex', 'p[0][1]', '2.0'), ('v1', 'ex', 'n', '3')]
"""

from __future__ import annotations

from typing import Any

from sympy import Basic

from .rounding import to_float

__all__ = ["json_value", "problem_json", "csv_rows", "CSV_HEADER"]

CSV_HEADER = ("variant", "problem", "quantity", "value")


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
    if isinstance(value, Basic):
        return to_float(value)
    if isinstance(value, float):
        return value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def problem_json(solution) -> dict:
    """``{"id", "kind", "answers"}`` of one solved problem."""
    return {"id": solution.problem.id, "kind": solution.problem.kind,
            "answers": json_value(solution.answers)}


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
            text = repr(value)
        out.append((prefix, text))


def csv_rows(variant: str, problem: str, answers_json: dict) -> list[tuple[str, str, str, str]]:
    """One row per number of a JSON answer: (variant, problem id, quantity path, value)."""
    pairs: list = []
    _flatten("", answers_json, pairs)
    return [(variant, problem, q, v) for q, v in pairs]
