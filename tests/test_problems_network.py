"""Network exercises against an independent oracle: central differences of a plain mpmath forward pass.

The oracle below shares no code with derivations.problems: it recomputes the
loss from the weights at 50 digits and differentiates it numerically
(h = 1e-15), for random networks of 1-3 layers and 1-4 units with quarter
weights, and of up to 4 layers of up to 8 units with two-decimal weights,
every activation and every loss, in both layouts.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
import zlib
from decimal import Decimal
from fractions import Fraction

import mpmath
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations.problems import loads, solve
from derivations.problems.answers import json_value

mp = mpmath.mp
H = mpmath.mpf("1e-15")
TOL = 1e-9
ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "swish", "gelu", "linear", "identity"]
KINKED = {"relu", "leaky_relu", "elu", "binary_step"}
LOSSES = ["half-squared-error", "squared-error", "binary-cross-entropy", "cross-entropy"]


# -- the oracle ------------------------------------------------------------------------------------
def act(name, z, param=None):
    if name == "sigmoid":
        return 1 / (1 + mpmath.exp(-z))
    if name == "tanh":
        return mpmath.tanh(z)
    if name == "relu":
        return z if z > 0 else mpmath.mpf(0)
    if name == "leaky_relu":
        return z if z > 0 else (param if param is not None else mpmath.mpf("0.01")) * z
    if name == "elu":
        return z if z > 0 else (param if param is not None else 1) * (mpmath.exp(z) - 1)
    if name == "softplus":
        return mpmath.log(1 + mpmath.exp(z))
    if name == "swish":
        return z / (1 + mpmath.exp(-(param if param is not None else 1) * z))
    if name == "gelu":
        return z * (1 + mpmath.erf(z / mpmath.sqrt(2))) / 2
    if name in ("linear", "identity"):
        return z
    raise ValueError(name)


def forward(x, layers):
    """Plain forward pass; layers are dicts with W, b, act, param (mpf numbers). Returns (zs, outputs)."""
    a, zs = x, []
    for layer in layers:
        z = [sum(w * ai for w, ai in zip(row, a)) + b for row, b in zip(layer["W"], layer["b"])]
        zs.append(z)
        if layer["act"] == "softmax":
            m = max(z)
            e = [mpmath.exp(v - m) for v in z]
            a = [v / sum(e) for v in e]
        else:
            a = [act(layer["act"], v, layer.get("param")) for v in z]
    return zs, a


def loss(name, y, t):
    if name == "half-squared-error":
        return sum((ti - yi) ** 2 for ti, yi in zip(t, y)) / 2
    if name == "squared-error":
        return sum((ti - yi) ** 2 for ti, yi in zip(t, y))
    if name == "binary-cross-entropy":
        return -sum(ti * mpmath.log(yi) + (1 - ti) * mpmath.log(1 - yi) for ti, yi in zip(t, y))
    return -sum(ti * mpmath.log(yi) for ti, yi in zip(t, y) if ti != 0)


def oracle_gradients(net):
    """(loss, weight gradients, bias gradients) by central differences at 50 digits."""
    with mpmath.workdps(50):
        x = [mpmath.mpf(v) for v in net["input"]]
        t = [mpmath.mpf(v) for v in net["target"]]
        layers = [{"W": [[mpmath.mpf(w) for w in row] for row in l["weights"]],
                   "b": [mpmath.mpf(b) for b in l["bias"]], "act": l["activation"],
                   "param": mpmath.mpf(l["param"]) if l.get("param") is not None else None}
                  for l in net["layers"]]

        def L():
            return loss(net["loss"], forward(x, layers)[1], t)

        base = L()
        gw, gb = [], []
        for layer in layers:
            rows = []
            for row in layer["W"]:
                grads = []
                for k in range(len(row)):
                    old = row[k]
                    row[k] = old + H
                    up = L()
                    row[k] = old - H
                    down = L()
                    row[k] = old
                    grads.append((up - down) / (2 * H))
                rows.append(grads)
            gw.append(rows)
            grads = []
            for j in range(len(layer["b"])):
                old = layer["b"][j]
                layer["b"][j] = old + H
                up = L()
                layer["b"][j] = old - H
                down = L()
                layer["b"][j] = old
                grads.append((up - down) / (2 * H))
            gb.append(grads)
        zs = forward(x, layers)[0]
        return base, gw, gb, zs


# -- random networks as TOML -----------------------------------------------------------------------
def random_network(rng, hidden_act, loss_name, n_layers, widths, out_act=None, *, per_unit=4):
    n_in = widths[0]
    sizes = widths[: n_layers + 1]
    if out_act is None:
        out_act = {"binary-cross-entropy": "sigmoid", "cross-entropy": "softmax"}.get(loss_name, hidden_act)
    if loss_name == "cross-entropy" and sizes[-1] < 2:
        sizes[-1] = 2
    num = lambda lo, hi: str(Decimal(rng.randint(lo * per_unit, hi * per_unit)) / per_unit)  # noqa: E731
    layers = []
    for l in range(1, len(sizes)):
        a = out_act if l == len(sizes) - 1 else hidden_act
        layer = {"weights": [[num(-2, 2) for _ in range(sizes[l - 1])] for _ in range(sizes[l])],
                 "bias": [num(-1, 1) for _ in range(sizes[l])], "activation": a}
        if a == "leaky_relu" and rng.random() < 0.5:
            layer["param"] = "0.1"
        if a == "elu" and rng.random() < 0.5:
            layer["param"] = "0.5"
        if a == "swish" and rng.random() < 0.5:
            layer["param"] = "1.5"
        layers.append(layer)
    n_out = sizes[-1]
    if loss_name == "cross-entropy":
        c = rng.randrange(n_out)
        target = ["1" if i == c else "0" for i in range(n_out)]
    elif loss_name == "binary-cross-entropy":
        target = [str(rng.randint(0, 1)) for _ in range(n_out)]
    else:
        target = [num(-1, 1) for _ in range(n_out)]
    return {"input": [num(-2, 2) for _ in range(n_in)], "target": target, "loss": loss_name,
            "learning_rate": "0.1", "layers": layers}


def to_toml(net, pid="net", layout=None):
    lines = ["[[problem]]", f'id = "{pid}"', 'kind = "network"',
             f"input = [{', '.join(net['input'])}]", f"target = [{', '.join(net['target'])}]",
             f'loss = "{net["loss"]}"', f"learning_rate = {net['learning_rate']}"]
    if layout:
        lines.append(f'layout = "{layout}"')
    for layer in net["layers"]:
        lines += ["[[problem.layer]]",
                  "weights = [" + ", ".join("[" + ", ".join(r) + "]" for r in layer["weights"]) + "]",
                  f"bias = [{', '.join(layer['bias'])}]", f'activation = "{layer["activation"]}"']
        if layer.get("param"):
            lines.append(("beta" if layer["activation"] == "swish" else "alpha") + f" = {layer['param']}")
    return "\n".join(lines) + "\n"


def near_kink(net, zs):
    return any(layer["activation"] in KINKED and any(abs(z) < mpmath.mpf("1e-6") for z in z_l)
               for layer, z_l in zip(net["layers"], zs))


def assert_matches_oracle(net, answers):
    base, gw, gb, _ = oracle_gradients(net)
    assert abs(answers["loss"] - float(base)) <= TOL * max(1, abs(float(base)))
    for l, (rows, orows) in enumerate(zip(answers["weight_gradients"], gw)):
        for j, (row, orow) in enumerate(zip(rows, orows)):
            for k, (g, og) in enumerate(zip(row, orow)):
                assert abs(g - float(og)) <= TOL, f"dL/dw layer {l + 1} [{j}][{k}]: {g} vs oracle {og}"
    for l, (row, orow) in enumerate(zip(answers["bias_gradients"], gb)):
        for j, (g, og) in enumerate(zip(row, orow)):
            assert abs(g - float(og)) <= TOL, f"dL/db layer {l + 1} [{j}]: {g} vs oracle {og}"
    lr = float(Fraction(net["learning_rate"]))
    for layer, new, rows in zip(net["layers"], answers["updated_weights"], answers["weight_gradients"]):
        for wrow, nrow, grow in zip(layer["weights"], new, rows):
            for w, n, g in zip(wrow, nrow, grow):
                assert abs(n - (float(Fraction(w)) - lr * g)) <= TOL


def solve_net(net, layout=None):
    [problem] = loads(to_toml(net, layout=layout))
    return json_value(solve(problem).answers)


def network_for(seed, hidden, loss_name, out_act=None, *, depth=(1, 3), width=4, per_unit=4):
    """A random network away from kinks: ``depth`` (min, max) layers of 1..``width`` units, weights in
    steps of 1/``per_unit`` (100: two decimals)."""
    rng = random.Random(seed)
    for _ in range(50):
        n_layers = rng.randint(*depth)
        widths = [rng.randint(1, width) for _ in range(n_layers + 1)]
        net = random_network(rng, hidden, loss_name, n_layers, widths, out_act, per_unit=per_unit)
        with mpmath.workdps(50):
            x = [mpmath.mpf(v) for v in net["input"]]
            layers = [{"W": [[mpmath.mpf(w) for w in r] for r in l["weights"]], "b": [mpmath.mpf(b) for b in l["bias"]],
                       "act": l["activation"], "param": mpmath.mpf(l["param"]) if l.get("param") else None}
                      for l in net["layers"]]
            zs = forward(x, layers)[0]
        if not near_kink(net, zs):
            return net
    raise AssertionError("no network away from kinks")


# -- tests -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("loss_name", LOSSES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradients_match_central_differences(activation, loss_name):
    net = network_for(zlib.crc32(f"{activation}/{loss_name}".encode()), activation, loss_name)
    assert_matches_oracle(net, solve_net(net))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_softmax_output_with_squared_error(activation):
    net = network_for(7, activation, "half-squared-error", out_act="softmax")
    assert_matches_oracle(net, solve_net(net))


@pytest.mark.parametrize("layout", ["scalar", "vector"])
@pytest.mark.parametrize("loss_name", LOSSES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_large_two_decimal_networks_match_central_differences(activation, loss_name, layout):
    # up to 4 layers of up to 8 units, weights like 0.12 and -0.57: the hard case, in well under 3 s
    net = network_for(zlib.crc32(f"large/{activation}/{loss_name}".encode()), activation, loss_name,
                      depth=(3, 4), width=8, per_unit=100)
    start = time.perf_counter()
    answers = solve_net(net, layout)
    elapsed = time.perf_counter() - start
    assert_matches_oracle(net, answers)
    assert elapsed < 3, f"solving and checking took {elapsed:.1f} s"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), hidden=st.sampled_from(ACTIVATIONS), loss_name=st.sampled_from(LOSSES))
def test_random_networks_property(seed, hidden, loss_name):
    net = network_for(seed, hidden, loss_name)
    assert_matches_oracle(net, solve_net(net))


def test_forward_pass_values_and_shapes():
    net = network_for(3, "tanh", "half-squared-error")
    answers = solve_net(net)
    with mpmath.workdps(50):
        x = [mpmath.mpf(v) for v in net["input"]]
        layers = [{"W": [[mpmath.mpf(w) for w in r] for r in l["weights"]], "b": [mpmath.mpf(b) for b in l["bias"]],
                   "act": "tanh"} for l in net["layers"]]
        zs, y = forward(x, layers)
    assert [len(a) for a in answers["activations"]] == [len(l["bias"]) for l in net["layers"]]
    for got, want in zip(answers["output"], y):
        assert abs(got - float(want)) <= 1e-12
    for g_layer, layer in zip(answers["weight_gradients"], net["layers"]):
        assert [len(r) for r in g_layer] == [len(r) for r in layer["weights"]]


EXAMPLE = """\
[[problem]]
id = "two-layer"
kind = "network"
input = [0, 1]
target = [1]
loss = "half-squared-error"
learning_rate = 0.1
digits = 4

[[problem.layer]]
weights = [[2, -1.5], [2, 3]]
bias = [3, 2.5]
activation = "sigmoid"

[[problem.layer]]
weights = [[0.5, 1]]
bias = [-1]
activation = "sigmoid"
"""


def test_cli_solve_json_agrees_with_central_differences(tmp_path):
    path = tmp_path / "example.toml"
    path.write_text(EXAMPLE)
    result = subprocess.run([sys.executable, "-m", "derivations", "solve", str(path), "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)["problems"]
    assert (entry["id"], entry["kind"]) == ("two-layer", "network")
    for key in ("activations", "loss", "weight_gradients", "bias_gradients", "updated_weights", "updated_biases"):
        assert key in entry["answers"]
    net = {"input": ["0", "1"], "target": ["1"], "loss": "half-squared-error", "learning_rate": "0.1",
           "layers": [{"weights": [["2", "-1.5"], ["2", "3"]], "bias": ["3", "2.5"], "activation": "sigmoid"},
                      {"weights": [["0.5", "1"]], "bias": ["-1"], "activation": "sigmoid"}]}
    assert_matches_oracle(net, entry["answers"])
    with mpmath.workdps(50):
        y = 1 / (1 + mpmath.exp(-(mpmath.mpf("0.5") / (1 + mpmath.exp(-1.5)) + 1 / (1 + mpmath.exp(-5.5)) - 1)))
    assert abs(entry["answers"]["activations"][1][0] - float(y)) <= 1e-15


def test_cli_solve_text_shows_steps_rounded(tmp_path):
    path = tmp_path / "example.toml"
    path.write_text(EXAMPLE)
    result = subprocess.run([sys.executable, "-m", "derivations", "solve", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with mpmath.workdps(30):
        a11 = 1 / (1 + mpmath.exp(-1.5))
    assert f"≈ {float(a11):.4f}" in result.stdout
    assert "chain rule" in result.stdout and "exact" in result.stdout
    # the formula, then the numbers in the order written, then the value (the example)
    assert "z⁽¹⁾₁ = w⁽¹⁾₁₁·x₁ + w⁽¹⁾₁₂·x₂ + b⁽¹⁾₁" in result.stdout
    assert "= 2·0 + (−1.5)·1 + 3" in result.stdout
    assert "^[" not in result.stdout and "sigma(" not in result.stdout and "e^(" not in result.stdout


def test_decimals_are_read_exactly():
    [p] = loads(EXAMPLE)
    from sympy import Rational
    assert p.spec.learning_rate == Rational(1, 10)
    assert p.spec.layers[0].weights[0][1] == Rational(-3, 2)
