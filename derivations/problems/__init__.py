"""Worked numeric exercises: problem files in, exact step-by-step solutions out.

>>> from derivations.problems import loads, solve
>>> [p] = loads('''
... [[problem]]
... id = "count"
... kind = "parameters"
... sizes = [6, 32, 32, 32, 4]
... ''')
>>> solve(p).answers["total"]
2468
"""

from __future__ import annotations

from .errors import ProblemError, ProblemFileError
from .loader import Problem, load, loads
from .solution import Solution

__all__ = ["Problem", "ProblemError", "ProblemFileError", "Solution", "load", "loads", "solve", "solve_all",
           "KINDS"]


def solve(problem: Problem) -> Solution:
    """The worked solution of one problem (exact; see :class:`Solution`)."""
    from .kinds import KINDS

    return KINDS[problem.kind].solve(problem)


def solve_all(problems) -> list[Solution]:
    return [solve(p) for p in problems]


def __getattr__(name):
    if name == "KINDS":
        from .kinds import KINDS
        return KINDS
    raise AttributeError(name)
