"""Plots of the activation functions with their derivatives, and of vanishing gradients.

Every curve comes from SymPy: the function ``f(x)`` and its derivative
``f(x).diff(x)`` (with the ReLU-at-0 convention in force) are turned into
plain Python callables by ``lambdify`` and sampled on a grid.  Figures use
matplotlib's Agg backend and one style, and are written deterministically
(fixed SVG hash salt, no dates), so committed plots only change when the
mathematics does.

>>> [spec.name for spec in ACTIVATION_PLOTS][:3]
['sigmoid', 'tanh', 'relu']
>>> f, df = curve_functions("sigmoid")
>>> round(f(0.0), 6), round(df(0.0), 6)
(0.5, 0.25)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["PlotSpec", "ACTIVATION_PLOTS", "VANISHING_PLOT", "default_plots", "curve_functions",
           "write_plots", "draw"]


@dataclass(frozen=True)
class PlotSpec:
    """A plot: file stem ``name``, a ``title`` and a one-sentence ``caption``."""

    name: str
    title: str
    caption: str


_ACTIVATIONS = [
    ("sigmoid", "sigmoid", "The sigmoid and its derivative σ(1 − σ), at most 1/4 (at x = 0)."),
    ("tanh", "tanh", "tanh and its derivative 1 − tanh², at most 1 (at x = 0)."),
    ("relu", "ReLU", "ReLU and its derivative, the step (taken as 0 at x = 0)."),
    ("leaky_relu", "leaky ReLU (α = 0.01)", "Leaky ReLU with α = 0.01 and its derivative, α or 1."),
    ("elu", "ELU (α = 1)", "ELU with α = 1 and its derivative, e^x for x < 0 and 1 for x > 0."),
    ("softplus", "softplus", "softplus ln(1 + e^x) and its derivative, the sigmoid."),
    ("swish", "swish / SiLU (β = 1)", "Swish x σ(x) and its derivative, which exceeds 1 near x = 2.4."),
    ("gelu", "GELU", "GELU x Φ(x) and its derivative."),
    ("binary_step", "binary step", "The binary step and its derivative, 0 away from x = 0."),
]

ACTIVATION_PLOTS = [PlotSpec(name, title, caption) for name, title, caption in _ACTIVATIONS]
VANISHING_PLOT = PlotSpec(
    "vanishing_gradient", "vanishing gradient",
    "The largest product of n sigmoid derivatives, 4^(−n), against depth n (log scale).",
)


def default_plots() -> list[PlotSpec]:
    """Every plot a full sheet shows, in order."""
    return [*ACTIVATION_PLOTS, VANISHING_PLOT]


def _numeric_namespace() -> dict:
    """Python (math) implementations of our functions, for lambdify's generated code."""

    def sigmoid(v):
        return 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))

    def binary_step(v, at_zero=1.0):
        return 1.0 if v > 0 else 0.0 if v < 0 else float(at_zero)

    def softplus(v):
        return max(v, 0.0) + math.log1p(math.exp(-abs(v)))

    return {
        "sigmoid": sigmoid,
        "binary_step": binary_step,
        "softplus": softplus,
        "relu": lambda v: max(v, 0.0),
        "leaky_relu": lambda v, a=0.01: v if v >= 0 else a * v,
        "prelu": lambda v, a: v if v >= 0 else a * v,
        "elu": lambda v, a=1.0: v if v > 0 else a * math.expm1(v),
        "swish": lambda v, b=1.0: v * sigmoid(b * v),
        "gelu": lambda v: v * 0.5 * (1 + math.erf(v / math.sqrt(2))),
        "erf": math.erf,
    }


def curve_functions(name: str):
    """``(f, f')`` as float callables for the activation called ``name``.

    The derivative is SymPy's ``diff`` of the symbolic function, not a
    hand-written formula.
    """
    from sympy import Symbol, lambdify

    from ..functions import ACTIVATIONS

    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(sorted(ACTIVATIONS))}")
    x = Symbol("x", real=True)
    expr = ACTIVATIONS[name](x)
    modules = [_numeric_namespace(), "math"]
    return lambdify(x, expr, modules=modules), lambdify(x, expr.diff(x), modules=modules)


STYLE = {
    "figure.figsize": (4.2, 2.9),
    "figure.dpi": 100,
    "font.size": 9,
    "font.family": "DejaVu Sans",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.6,
    "legend.frameon": False,
    "svg.hashsalt": "derivations",
    "svg.fonttype": "path",
    "pdf.fonttype": 3,
    "path.simplify": True,
}

FUNCTION_COLOUR = "#1f5fa8"
DERIVATIVE_COLOUR = "#c2410c"


def _grid(lo: float, hi: float, n: int) -> list[float]:
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def _draw_activation(ax, spec: PlotSpec) -> None:
    f, df = curve_functions(spec.name)
    xs = _grid(-4.0, 4.0, 401)
    ys = [float(f(v)) for v in xs]
    dys = [float(df(v)) for v in xs]
    if spec.name in ("relu", "binary_step", "leaky_relu"):  # break the line at the jump of f'
        dys = [float("nan") if v == 0.0 else y for v, y in zip(xs, dys)]
    ax.plot(xs, ys, color=FUNCTION_COLOUR, label="f(x)")
    ax.plot(xs, dys, color=DERIVATIVE_COLOUR, linestyle="--", label="f′(x)")
    ax.axhline(0, color="0.4", linewidth=0.6)
    ax.axvline(0, color="0.4", linewidth=0.6)
    ax.set_xlabel("x")
    ax.set_title(spec.title)
    ax.legend(loc="upper left")


def _draw_vanishing(ax, spec: PlotSpec) -> None:
    from sympy import Symbol, lambdify

    from ..functions import sigmoid

    x = Symbol("x", real=True)
    peak = lambdify(x, sigmoid(x).diff(x), modules=[_numeric_namespace(), "math"])(0.0)  # max of σ' (at 0)
    depths = list(range(1, 21))
    ax.semilogy(depths, [peak ** n for n in depths], marker="o", markersize=3, color=FUNCTION_COLOUR,
                label="max ∏ σ′ = 4⁻ⁿ")
    ax.set_xlabel("depth n (layers)")
    ax.set_ylabel("gradient factor")
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.set_title(spec.title)
    ax.legend(loc="lower left")


@lru_cache(maxsize=1)
def _figure_class():
    from matplotlib.figure import Figure

    class SheetFigure(Figure):
        """A Figure that shows itself as an image in Jupyter, whatever backend is active."""

        def _repr_png_(self):
            import io

            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return SheetFigure


def draw(spec: PlotSpec):
    """A matplotlib Figure for ``spec`` in the sheet's style.

    It leaves matplotlib's backend alone (pyplot is not used), and in Jupyter it
    displays as a PNG image even where no inline backend is set up.
    """
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = _figure_class()()
        ax = fig.add_subplot()
        if spec.name == VANISHING_PLOT.name:
            _draw_vanishing(ax, spec)
        else:
            _draw_activation(ax, spec)
        fig.subplots_adjust(left=0.15, right=0.97, bottom=0.15, top=0.9)
    return fig


_METADATA = {"svg": {"Date": None, "Creator": None}, "pdf": {"CreationDate": None, "Creator": None, "Producer": None}}


def write_plots(directory, specs=None, *, formats=("svg", "pdf"), on_done=None) -> list[Path]:
    """Draw every plot in ``specs`` (default: all) into ``directory`` as ``name.<format>``.

    ``on_done(path)`` is called after each file (for progress bars).  Returns the paths written.
    """
    import matplotlib

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    unknown = [f for f in formats if f not in _METADATA]
    if unknown:
        raise ValueError(f"unknown plot format(s) {', '.join(unknown)}; use svg or pdf")
    written = []
    for spec in specs if specs is not None else default_plots():
        fig = draw(spec)
        for fmt in formats:
            path = directory / f"{spec.name}.{fmt}"
            with matplotlib.rc_context(STYLE):
                fig.savefig(path, format=fmt, metadata=_METADATA[fmt])
            written.append(path)
            if on_done is not None:
                on_done(path)
    return written
