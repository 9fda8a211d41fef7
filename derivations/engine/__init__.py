"""The pieces of the equivalence engine, one procedure per module.

The front door is two functions: :func:`decide` (is ``a <relation> b``, and
how do we know: :mod:`derivations.equivalence`) and :func:`normal_form` (an
expression as the engine sees it: definitions substituted, derivatives, sums
and products taken, for callers that need a side's value).

>>> from derivations.engine import decide, normal_form
>>> from sympy import Rational
>>> normal_form(Rational(1, 2) + Rational(1, 4)), decide(Rational(3, 4), Rational(6, 8)).verdict
(3/4, 'proved')
"""

from .normalize import normal_form

__all__ = ["decide", "normal_form"]


def __getattr__(name):  # decide lives in derivations.equivalence, which imports this package
    if name == "decide":
        from ..equivalence import decide

        return decide
    raise AttributeError(name)
