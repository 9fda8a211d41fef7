"""Name tables for the LaTeX math reader: commands, function words, relations.

Private to :mod:`derivations.parse.latex`; plain data, no logic.
"""

from __future__ import annotations

from sympy import Function, Max, Min, Symbol, atanh, cos, erf, exp, log, sign, sin, tanh

from ..functions import (
    binary_step,
    elu,
    gelu,
    leaky_relu,
    normal_cdf,
    prelu,
    relu,
    sigmoid,
    softplus,
    swish,
)

#: Greek letters (and \ell) that are plain real symbols; \sigma, \pi, \Phi are special.
GREEK = frozenset("""
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
omicron rho varrho tau upsilon varphi phi chi psi omega varsigma ell
Gamma Delta Theta Lambda Xi Sigma Upsilon Psi Omega Pi
""".split())

#: decorations that become part of a symbol's name, normalised to one spelling
DECORATIONS = {
    "hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
    "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "vec": "vec", "check": "check",
    "mathbf": "mathbf", "boldsymbol": "mathbf", "bm": "mathbf", "mathcal": "mathcal",
    "mathscr": "mathscr", "underline": "underline",
}

#: commands whose brace argument is read as raw text by the lexer
TEXT_COMMANDS = frozenset({
    "text", "textrm", "textnormal", "mbox", "textit", "textbf", "textsf", "texttt",
    "mathrm", "operatorname", "mathit", "mathsf", "mathtt", "mathnormal",
})
#: of those, the ones whose unknown content is a (function) name rather than prose
NAME_COMMANDS = frozenset({"operatorname", "mathrm", "mathit", "mathsf", "mathtt", "mathnormal"})


def _prelu(x, alpha=None):
    # PReLU(z) written with one argument: the slope is the learned parameter \alpha
    return prelu(x, Symbol(r"\alpha", real=True) if alpha is None else alpha)


def _softmax(*args):
    return Function("softmax")(*args)


class FunctionSpec:
    """How one named function is built.

    ``operator``: may take its argument without parentheses (``\\ln x``).
    ``bare``: the name written alone is this symbol name (``\\sigma`` -> Symbol('\\sigma')).
    ``inverse``: what ``name^{-1}`` means, if anything.
    """

    __slots__ = ("build", "operator", "bare", "inverse", "label")

    def __init__(self, build, label, operator=False, bare=None, inverse=None):
        self.build, self.label, self.operator, self.bare, self.inverse = (
            build, label, operator, bare, inverse)


#: canonical key -> spec.  Keys are lower-case with spaces/underscores/hyphens removed
#: (so ReLU, relu, leaky_relu, Leaky-ReLU all find theirs); '\sigma' is 'sigma'.
FUNCTIONS = {
    "sigma": FunctionSpec(sigmoid, r"\sigma", bare=r"\sigma"),
    "sigmoid": FunctionSpec(sigmoid, "sigmoid"),
    "tanh": FunctionSpec(tanh, r"\tanh", operator=True, inverse=atanh),
    "exp": FunctionSpec(exp, r"\exp", operator=True, inverse=log),
    "ln": FunctionSpec(log, r"\ln", operator=True, inverse=exp),
    "log": FunctionSpec(log, r"\log", operator=True, inverse=exp),
    "sin": FunctionSpec(sin, r"\sin", operator=True),
    "cos": FunctionSpec(cos, r"\cos", operator=True),
    "max": FunctionSpec(Max, r"\max"),
    "min": FunctionSpec(Min, r"\min"),
    "relu": FunctionSpec(relu, "ReLU"),
    "leakyrelu": FunctionSpec(leaky_relu, "LeakyReLU"),
    "lrelu": FunctionSpec(leaky_relu, "LeakyReLU"),
    "prelu": FunctionSpec(_prelu, "PReLU"),
    "elu": FunctionSpec(elu, "ELU"),
    "softplus": FunctionSpec(softplus, "softplus"),
    "swish": FunctionSpec(swish, "swish"),
    "silu": FunctionSpec(swish, "SiLU"),
    "gelu": FunctionSpec(gelu, "GELU"),
    "step": FunctionSpec(binary_step, "step"),
    "binarystep": FunctionSpec(binary_step, "step"),
    "heaviside": FunctionSpec(binary_step, "step"),
    "softmax": FunctionSpec(_softmax, "softmax"),
    "sgn": FunctionSpec(sign, "sgn"),
    "phi": FunctionSpec(normal_cdf, r"\Phi", bare=r"\Phi"),  # only from \Phi
    "erf": FunctionSpec(erf, "erf"),
}

#: function commands (\tanh ...) -> key in FUNCTIONS
FUNCTION_COMMANDS = {
    "sigma": "sigma", "tanh": "tanh", "exp": "exp", "ln": "ln", "log": "log", "sin": "sin",
    "cos": "cos", "max": "max", "min": "min", "Phi": "phi",
}

#: plain letter runs recognised as function names (ReLU(z), softmax(z), exp(x), ...);
#: whole runs only, so 'xy' stays x*y
FUNCTION_WORDS = frozenset(FUNCTIONS) - {"sigma", "phi", "sgn"}

#: words of prose that the cases reader understands; elsewhere they are prose
KEYWORDS = frozenset({
    "if", "for", "when", "otherwise", "else", "elsewhere", "undefined", "and", "or", "where",
    "let", "with",
})

#: relation commands -> the Chain relation names
RELATION_COMMANDS = {
    "approx": "approx", "simeq": "approx", "approxeq": "approx", "thickapprox": "approx",
    "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
    "neq": "!=", "ne": "!=", "lt": "<", "gt": ">", "coloneqq": "=", "triangleq": "=",
}

#: connectives the document reader splits on; here they are an error of their own kind
CONNECTIVES = frozenset({
    "Rightarrow", "implies", "therefore", "because", "iff", "Leftrightarrow", "Longrightarrow",
    "rightarrow", "to", "longrightarrow", "Leftarrow", "impliedby",
})

#: commands that are noise: spacing and style
IGNORED_COMMANDS = frozenset({
    ",", ";", ":", "!", " ", ">", "displaystyle", "textstyle", "scriptstyle", "limits",
    "nolimits", "notag", "nonumber", "hline", "mathstrut", "strut", "thinspace", "medspace",
    "thickspace", "negthinspace", "enspace", "hfill", "relax",
})
#: noise commands followed by one brace argument that is dropped too
IGNORED_WITH_ARGUMENT = frozenset({"label", "color", "hspace", "vspace", "phantom", "hphantom",
                                   "vphantom"})

#: sizing prefixes before a delimiter; value: 'open', 'close' or None (either)
SIZING = {
    "left": "open", "right": "close", "bigl": "open", "bigr": "close", "Bigl": "open",
    "Bigr": "close", "biggl": "open", "biggr": "close", "Biggl": "open", "Biggr": "close",
    "big": None, "Big": None, "bigg": None, "Bigg": None, "bigm": None, "Bigm": None,
}

#: Unicode characters that stand for a token; value (kind, value)
UNICODE = {
    "\u2212": ("-", None), "\u00b7": ("*", None), "\u22c5": ("*", None), "\u00d7": ("*", None),
    "\u2248": ("rel", "approx"), "\u2264": ("rel", "<="), "\u2265": ("rel", ">="),
    "\u2260": ("rel", "!="), "\u2202": ("cmd", "partial"), "\u221e": ("cmd", "infty"),
    "\u03c3": ("func", "sigma"), "\u03c0": ("cmd", "pi"), "\u2032": ("'", None),
    "\u03b1": ("cmd", "alpha"), "\u03b2": ("cmd", "beta"), "\u03b3": ("cmd", "gamma"),
    "\u03b4": ("cmd", "delta"), "\u03b5": ("cmd", "epsilon"), "\u03b7": ("cmd", "eta"),
    "\u03b8": ("cmd", "theta"), "\u03bb": ("cmd", "lambda"), "\u03bc": ("cmd", "mu"),
    "\u0394": ("cmd", "Delta"), "\u2211": ("cmd", "sum"), "\u2208": ("in", None),
    "\u21d2": ("connective", "Rightarrow"), "\u2234": ("connective", "therefore"),
}

#: capital letters that are matrices, and lower-case letters that are vectors when they
#: carry a bracketed layer index (x^{[0]}, b^{[1]}, a^{[2](i)})
MATRIX_LETTERS = frozenset("WXZA")
VECTOR_LETTERS = frozenset("xbza")

#: single letters that are undefined functions when followed by '(' unless bound as variables
DEFAULT_FUNCTION_LETTERS = frozenset("fgh")
