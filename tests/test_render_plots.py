"""Plots: the sampled curves against mpmath, determinism of the files."""

import random

import mpmath
import pytest

from derivations.render.plots import ACTIVATION_PLOTS, VANISHING_PLOT, curve_functions, default_plots, write_plots

mp = mpmath.mp

# independent definitions (the textbook formulas), evaluated by mpmath at 40 digits
REFERENCE = {
    "sigmoid": lambda v: 1 / (1 + mpmath.exp(-v)),
    "tanh": mpmath.tanh,
    "relu": lambda v: max(v, 0),
    "leaky_relu": lambda v: v if v >= 0 else v / 100,
    "elu": lambda v: v if v > 0 else mpmath.exp(v) - 1,
    "softplus": lambda v: mpmath.log(1 + mpmath.exp(v)),
    "swish": lambda v: v / (1 + mpmath.exp(-v)),
    "gelu": lambda v: v * (1 + mpmath.erf(v / mpmath.sqrt(2))) / 2,
    "binary_step": lambda v: 1 if v >= 0 else 0,
}


@pytest.mark.parametrize("name", [spec.name for spec in ACTIVATION_PLOTS])
def test_curves_match_mpmath_and_finite_differences(name):
    f, df = curve_functions(name)
    rng = random.Random(name)
    points = [rng.uniform(-4, 4) for _ in range(25)]
    with mpmath.workdps(40):
        for v in points:
            if abs(v) < 1e-3:
                continue  # kinks
            ref = REFERENCE[name]
            assert float(f(v)) == pytest.approx(float(ref(mpmath.mpf(v))), rel=1e-12, abs=1e-14)
            slope = mpmath.diff(lambda t: ref(t), mpmath.mpf(v))
            assert float(df(v)) == pytest.approx(float(slope), rel=1e-9, abs=1e-12)


def test_every_activation_has_a_plot_and_the_vanishing_gradient_too():
    names = [s.name for s in default_plots()]
    assert set(REFERENCE) <= set(names) and VANISHING_PLOT.name in names


def test_files_are_deterministic(tmp_path):
    specs = [ACTIVATION_PLOTS[0], VANISHING_PLOT]
    first = write_plots(tmp_path / "a", specs)
    second = write_plots(tmp_path / "b", specs)
    assert [p.name for p in first] == ["sigmoid.svg", "sigmoid.pdf", "vanishing_gradient.svg", "vanishing_gradient.pdf"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg = first[0].read_text()
    assert svg.startswith("<?xml") and "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"CreationDate" not in first[1].read_bytes()


def test_unknown_plot_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="svg or pdf"):
        write_plots(tmp_path, [VANISHING_PLOT], formats=("png",))
