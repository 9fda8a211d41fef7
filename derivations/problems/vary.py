r"""What per-student variants may change: the ``[problem.vary]`` table, and ranges of nice numbers.

A variant keeps what the source fixes and changes only the data a file lets
vary.  Without a ``[problem.vary]`` table each kind varies its data
(:data:`DEFAULTS`); with one, exactly the fields it names vary::

    [problem.vary]
    weights = { step = 0.1, min = -1, max = 1 }   # this grid
    input = true                                  # the source's own step and range
    bias = false                                  # kept as in the source

A number field varies on a grid: ``step`` and ``[min, max]`` default to the
source's (the largest of 1, 0.5, 0.25, 0.2, 0.1, ... that divides every
value, and the values' range, widened to at least three grid points), so
weights given to 0.1 within ±1 vary in steps of 0.1 within about ±1.  Sizes
(``parameters``, ``shapes``) vary only when named, with ``choices = [...]``
for the hidden layers (and the title's sizes are rewritten).

>>> from fractions import Fraction as F
>>> r = infer_range([F(2), F(-3, 2), F(2), F(3)])
>>> r.step, r.low, r.high
(Fraction(1, 2), Fraction(-3, 1), Fraction(3, 1))
>>> infer_range([F(1, 10), F(-7, 10), F(0)]).step, infer_range([F(12, 100), F(-57, 100)]).step
(Fraction(1, 10), Fraction(1, 100))
>>> import random
>>> r.sample(random.Random(1)) in r.grid()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Range", "Choices", "Vary", "read_vary", "infer_range", "DEFAULTS", "VARIABLE", "default_vary"]

#: the fields each kind lets vary, and those that vary when a file has no [problem.vary] table
VARIABLE = {
    "network": ("input", "weights", "bias", "target"),
    "softmax": ("logits", "target"),
    "dead-relu": ("inputs", "weights", "bias"),
    "vanishing-gradient": ("pre_activations", "weights"),
    "parameters": ("sizes",),
    "shapes": ("sizes", "examples"),
}
DEFAULTS = {
    "network": ("input", "weights", "bias", "target"),
    "softmax": ("logits", "target"),
    "dead-relu": ("inputs", "weights", "bias"),
    "vanishing-gradient": ("pre_activations", "weights"),
    "parameters": (),
    "shapes": ("examples",),
}
_STEPS = [Fraction(1), Fraction(1, 2), Fraction(1, 4), Fraction(1, 5), Fraction(1, 10), Fraction(1, 20),
          Fraction(1, 25), Fraction(1, 50), Fraction(1, 100), Fraction(1, 200), Fraction(1, 1000)]
MIN_POINTS = 3


@dataclass(frozen=True)
class Range:
    """Numbers ``low, low + step, ..., high`` (``nonzero``: without 0)."""

    step: Fraction
    low: Fraction
    high: Fraction
    nonzero: bool = False

    def grid(self) -> list[Fraction]:
        start = -((-self.low) // self.step)   # ceil
        stop = self.high // self.step
        values = [k * self.step for k in range(int(start), int(stop) + 1)]
        return [v for v in values if not (self.nonzero and v == 0)] or values

    def sample(self, rng) -> Fraction:
        return rng.choice(self.grid())


@dataclass(frozen=True)
class Choices:
    """One of the listed values (sizes, example counts)."""

    values: tuple

    def sample(self, rng):
        return rng.choice(self.values)


def _fraction(v) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, int):
        return Fraction(v)
    return Fraction(int(v.p), int(v.q))


def infer_range(values, *, nonzero: bool | None = None) -> Range:
    """The grid the source's numbers come from (see the module docstring)."""
    values = [_fraction(v) for v in values]
    step = next((s for s in _STEPS if all((v / s).denominator == 1 for v in values)), None)
    if step is None:
        q = 1
        for v in values:
            q = q * v.denominator // _gcd(q, v.denominator)
        step = Fraction(1, q)
    low, high = min(values), max(values)
    if low < 0 < high:
        r = max(-low, high)
        low, high = -r, r
    while (high - low) / step + 1 < MIN_POINTS:
        if low - step >= 0 or low < 0:
            low -= step
        high += step
    if nonzero is None:
        nonzero = 0 not in values
    return Range(step, low, high, nonzero)


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


@dataclass
class Vary:
    """The fields that vary, each with its Range or Choices (None: the source's own grid)."""

    fields: dict

    def varies(self, name: str) -> bool:
        return name in self.fields

    def range_for(self, name: str, source_values, **kw) -> Range:
        given = self.fields.get(name)
        if isinstance(given, Range):
            return given
        return infer_range(source_values, **kw)

    def choices(self, name: str):
        return self.fields.get(name)


def default_vary(kind: str) -> Vary:
    return Vary({name: None for name in DEFAULTS[kind]})


def read_vary(f, kind: str, spec) -> Vary:
    """The ``[problem.vary]`` table of a problem, checked (errors name the field and line)."""
    raw = f.get("vary")
    if not isinstance(raw, dict):
        raise f.error("vary", "expected a [problem.vary] table")
    allowed = VARIABLE[kind]
    aliases = {"true_class": "target"}
    fields = {}
    for key, value in raw.items():
        name = aliases.get(key, key)
        if name not in allowed:
            raise f.error("vary", f"{key!r} cannot vary in a {kind} problem; these can: {', '.join(allowed)}")
        if value is False:
            continue
        if value is True:
            fields[name] = None
            continue
        if not isinstance(value, dict):
            raise f.error("vary", f"{key}: expected true, false or a table such as {{ step = 0.1, min = -1, max = 1 }}")
        if "choices" in value:
            choices = value["choices"]
            if set(value) != {"choices"} or not isinstance(choices, list) or not choices or \
                    not all(isinstance(c, int) and not isinstance(c, bool) and c >= 1 for c in choices):
                raise f.error("vary", f"{key}: choices must be a list of whole numbers >= 1")
            fields[name] = Choices(tuple(choices))
            continue
        unknown = set(value) - {"step", "min", "max"}
        if unknown:
            raise f.error("vary", f"{key}: unknown setting {sorted(unknown)[0]!r}; use step, min and max")
        try:
            numbers = {k: _fraction(f._number(f"vary.{key}.{k}", v)) for k, v in value.items()}
        except Exception:
            raise
        step = numbers.get("step")
        if step is not None and step <= 0:
            raise f.error("vary", f"{key}: step must be positive")
        base = None
        if step is None or "min" not in numbers or "max" not in numbers:
            base = infer_range(_source_values(kind, spec, name) or [Fraction(0), Fraction(1)])
        step = step or base.step
        low = numbers.get("min", base.low if base else None)
        high = numbers.get("max", base.high if base else None)
        if low > high:
            raise f.error("vary", f"{key}: min is larger than max")
        r = Range(step, low, high, nonzero=False)
        if not r.grid() or (r.high - r.low) / r.step < 1:
            raise f.error("vary", f"{key}: the range [{low}, {high}] holds fewer than two multiples of {step}")
        fields[name] = r
    return Vary(fields)


def _source_values(kind: str, spec, name: str) -> list:
    if kind == "network":
        if name == "weights":
            return [w for layer in spec.layers for row in layer.weights for w in row]
        if name == "bias":
            return [b for layer in spec.layers for b in layer.bias]
        return list(getattr(spec, name))
    if kind == "dead-relu" and name in ("inputs", "weights"):
        return [v for row in getattr(spec, name) for v in row]
    value = getattr(spec, name, None)
    return list(value) if value else []
