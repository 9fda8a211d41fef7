"""Shared material for the renderer tests: derivations built by hand (not the
catalog) -- a sigmoid derivative checked by the engine, a numeric chain with
rounding, a chain with a wrong step and hostile justification text -- and a
PDF page counter.  The tests here pin the verdicts the other tests rely on."""

import re
import zlib

from sympy import Derivative, Float, Rational, Symbol, exp

from derivations import Derivation, Step, sigmoid

x = Symbol("x", real=True)

NASTY_WHY = r"50% of {x_1} & #2 ~ ^ \ $ \input{/etc/passwd} σ ≤ ½ and $\frac{1}{2}$"


def sigmoid_derivative() -> Derivation:
    u = 1 + exp(-x)
    d = Derivation(
        "test-sigmoid-derivative", "Derivative of σ & friends",
        statement=r"$\sigma'(x) = \sigma(x)(1-\sigma(x))$ for real x",
        assumptions="x real",
        start=Derivative(sigmoid(x), x),
        steps=[
            Step(Derivative(1 / u, x), "definition of σ"),
            Step(exp(-x) / u ** 2, "quotient rule, chain rule for e^{-x}"),
            Step((1 / u) * (1 - 1 / u), "split the fraction"),
            Step(sigmoid(x) * (1 - sigmoid(x)), "definition, read backwards"),
        ],
        notes="Hence σ' ≤ 1/4.",
    )
    return d.check()


def rounded_numbers() -> Derivation:
    d = Derivation(
        "test-rounded", "A forward pass, rounded",
        start=sigmoid(Rational(3, 10)) * 2,
        steps=[Step(2 / (1 + exp(-Rational(3, 10))), "definition"),
               Step(Float("1.1489"), "evaluate", relation="approx")],
        digits=4,
    )
    return d.check()


def with_wrong_step() -> Derivation:
    d = Derivation(
        "test-wrong", "A chain with a slip",
        start=sigmoid(-x),
        steps=[Step(1 - sigmoid(x), NASTY_WHY),
               Step(sigmoid(x), "dropped the 1 - (a slip)"),
               Step(sigmoid(x) / 2, "unchecked on purpose")],
        parts=[Derivation("test-wrong-part", "A part", start=sigmoid(0), steps=[Step(Rational(1, 2), "σ(0) = 1/2")])],
    )
    d.check()
    d.steps[2].evidence = None  # a step nobody checked
    return d


def all_samples() -> list[Derivation]:
    return [sigmoid_derivative(), rounded_numbers(), with_wrong_step()]


# --- PDF pages: inflate the streams and count /Type /Page dictionaries (pdfTeX keeps them
# in compressed object streams) --------------------------------------------------------------

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(data: bytes) -> int:
    chunks = [data]
    for match in _STREAM.finditer(data):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return sum(len(_PAGE.findall(c)) for c in chunks)


def test_samples_have_the_verdicts_the_renderer_tests_expect():
    assert sigmoid_derivative().all_proved
    wrong = with_wrong_step()
    assert [s.evidence.verdict if s.evidence else None for s in wrong.steps] == ["proved", "wrong", None]
    assert rounded_numbers().steps[0].evidence.verdict == "proved"


def test_page_count_reads_plain_and_compressed_page_objects():
    plain = b"1 0 obj << /Type /Pages /Count 2 >> endobj 2 0 obj << /Type /Page >> endobj"
    packed = zlib.compress(b"<< /Type /Page /Parent 1 0 R >>")
    assert page_count(plain + b"\nstream\n" + packed + b"\nendstream\n") == 2
