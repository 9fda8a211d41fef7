"""Name tables for the LaTeX math reader: commands, function words, prose words.

Private to :mod:`derivations.parse.latex`; plain data, no logic.  Relations are not
here: they come from :mod:`derivations.vocabulary` (one table for the whole project).
"""

from __future__ import annotations

from sympy import (
    Function,
    Max,
    Min,
    Symbol,
    atan,
    atanh,
    cos,
    cosh,
    coth,
    erf,
    exp,
    log,
    sech,
    sign,
    sin,
    sinh,
    tan,
    tanh,
)

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
from .latex_operators import diag

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

    ``single``: takes exactly one argument (so ``f(0,5)`` in a decimal-comma document
    can only be f(0.5)).  ``entrywise``: applied to an explicit matrix, acts on each entry.
    """

    __slots__ = ("build", "operator", "bare", "inverse", "label", "single", "entrywise")

    def __init__(self, build, label, operator=False, bare=None, inverse=None, single=True,
                 entrywise=True):
        self.build, self.label, self.operator, self.bare, self.inverse = (
            build, label, operator, bare, inverse)
        self.single, self.entrywise = single, entrywise


#: canonical key -> spec.  Keys are lower-case with spaces/underscores/hyphens removed
#: (so ReLU, relu, leaky_relu, Leaky-ReLU all find theirs); '\sigma' is 'sigma'.
FUNCTIONS = {
    "sigma": FunctionSpec(sigmoid, r"\sigma", bare=r"\sigma"),
    "sigmoid": FunctionSpec(sigmoid, "sigmoid"),
    "sig": FunctionSpec(sigmoid, "sigmoid"),          # \text{Sig}(z) in homework solutions
    "sigm": FunctionSpec(sigmoid, "sigmoid"),
    "logistic": FunctionSpec(sigmoid, "sigmoid"),
    "tanh": FunctionSpec(tanh, r"\tanh", operator=True, inverse=atanh),
    "exp": FunctionSpec(exp, r"\exp", operator=True, inverse=log),
    "ln": FunctionSpec(log, r"\ln", operator=True, inverse=exp),
    "log": FunctionSpec(log, r"\log", operator=True, inverse=exp),
    "sin": FunctionSpec(sin, r"\sin", operator=True),
    "cos": FunctionSpec(cos, r"\cos", operator=True),
    "tan": FunctionSpec(tan, r"\tan", operator=True),
    "arctan": FunctionSpec(atan, r"\arctan", operator=True),
    "sinh": FunctionSpec(sinh, r"\sinh", operator=True),
    "cosh": FunctionSpec(cosh, r"\cosh", operator=True),
    "coth": FunctionSpec(coth, r"\coth", operator=True),
    "sech": FunctionSpec(sech, "sech", operator=True),
    "artanh": FunctionSpec(atanh, "artanh", operator=True),
    "arctanh": FunctionSpec(atanh, "arctanh", operator=True),
    "max": FunctionSpec(Max, r"\max", single=False),
    "min": FunctionSpec(Min, r"\min", single=False),
    "relu": FunctionSpec(relu, "ReLU"),
    "leakyrelu": FunctionSpec(leaky_relu, "LeakyReLU", single=False),
    "lrelu": FunctionSpec(leaky_relu, "LeakyReLU", single=False),
    "prelu": FunctionSpec(_prelu, "PReLU", single=False),
    "elu": FunctionSpec(elu, "ELU"),
    "softplus": FunctionSpec(softplus, "softplus"),
    "swish": FunctionSpec(swish, "swish"),
    "silu": FunctionSpec(swish, "SiLU"),
    "gelu": FunctionSpec(gelu, "GELU"),
    "step": FunctionSpec(binary_step, "step"),
    "binarystep": FunctionSpec(binary_step, "step"),
    "heaviside": FunctionSpec(binary_step, "step"),
    "softmax": FunctionSpec(_softmax, "softmax", single=False, entrywise=False),
    "sgn": FunctionSpec(sign, "sgn"),
    "sign": FunctionSpec(sign, "sign"),
    "diag": FunctionSpec(diag, r"\operatorname{diag}", entrywise=False),
    "phi": FunctionSpec(normal_cdf, r"\Phi", bare=r"\Phi"),  # only from \Phi
    "erf": FunctionSpec(erf, "erf"),
}

#: function commands (\tanh ...) -> key in FUNCTIONS
FUNCTION_COMMANDS = {
    "sigma": "sigma", "tanh": "tanh", "exp": "exp", "ln": "ln", "log": "log", "sin": "sin",
    "cos": "cos", "max": "max", "min": "min", "Phi": "phi", "tan": "tan", "arctan": "arctan",
    "sinh": "sinh", "cosh": "cosh", "coth": "coth", "sech": "sech", "diag": "diag",
}

#: plain letter runs recognised as function names (ReLU(z), softmax(z), exp(x), ...);
#: whole runs only, so 'xy' stays x*y
FUNCTION_WORDS = frozenset(FUNCTIONS) - {"sigma", "phi", "sgn"}

#: words of prose that the cases reader understands (in several languages); elsewhere
#: they are prose.  The value is what the word means to the cases reader.
KEYWORD_MEANINGS = {
    "if": "if", "for": "if", "when": "if", "where": "if", "falls": "if", "wenn": "if",
    "fur": "if", "si": "if", "pour": "if", "para": "if", "quando": "if", "als": "if",
    "otherwise": "otherwise", "else": "otherwise", "elsewhere": "otherwise",
    "sonst": "otherwise", "ansonsten": "otherwise", "sinon": "otherwise", "sino": "otherwise",
    "altrimenti": "otherwise", "anders": "otherwise",
    "undefined": "undefined", "undefiniert": "undefined", "indefini": "undefined",
    "and": "and", "und": "and", "et": "and", "y": "and",
    "or": "or", "oder": "or", "ou": "or", "let": "let", "with": "let", "mit": "let",
}
KEYWORDS = frozenset(KEYWORD_MEANINGS)
#: the keywords also read outside ``\text{..}``, as a bare run of letters (``x if x > 0``)
BARE_KEYWORDS = frozenset({"if", "for", "when", "otherwise", "else", "elsewhere", "undefined",
                           "and", "or", "where", "let", "with"})

#: words that are prose wherever they appear in math (a run of letters that spells one
#: of these is never a name or a product of letters)
PROSE_WORDS = frozenset("""
the and for with where when then thus hence since because that this these those from into
gives give giving have has had get gets got which also but not are was were been being our
using use apply applying rule chain product quotient substituting substitute plugging plug
simplify simplifying simplified expand expanding note recall define defined given solve
solving yields yield obtain obtained now finally first second third step answer result
true false correct wrong definition via per each all any some such holds hold equals equal
means therefore implies hence see since let assume assuming suppose otherwise else
und oder mit wobei falls sonst ist sind gilt also damit dann daher somit wir die der das
ein eine einer nach aus bei von wenn gegeben folgt ergibt und bzw
les des une est sont donc avec pour alors sinon car soit
para con donde entonces los las del una por
""".split())

#: connectives the document reader splits on; here they are an error of their own kind
CONNECTIVES = frozenset({
    "Rightarrow", "implies", "therefore", "because", "iff", "Leftrightarrow", "Longrightarrow",
    "rightarrow", "to", "longrightarrow", "Leftarrow", "impliedby",
})

#: commands that are noise: spacing, style and end-of-proof marks
IGNORED_COMMANDS = frozenset({
    ",", ";", ":", "!", " ", ">", "displaystyle", "textstyle", "scriptstyle", "limits",
    "nolimits", "notag", "nonumber", "hline", "mathstrut", "strut", "thinspace", "medspace",
    "thickspace", "negthinspace", "enspace", "hfill", "relax", "blacksquare", "square", "qed",
    "Box", "qedsymbol", "checkmark", "allowbreak", "scriptscriptstyle", "nobreak",
})
#: noise commands followed by one brace argument that is dropped too
IGNORED_WITH_ARGUMENT = frozenset({"label", "color", "hspace", "vspace", "phantom", "hphantom",
                                   "vphantom", "hspace*", "vspace*"})
#: commands whose first brace argument is dropped and whose second is the content
#: (``\textcolor{red}{x}``)
SECOND_ARGUMENT = frozenset({"textcolor", "colorbox"})
#: commands that only decorate their argument, which is the content: ``\boxed{x}`` is x;
#: the label of ``\underbrace{x}_{label}`` and ``\overbrace{x}^{label}`` is dropped
TRANSPARENT = frozenset({"boxed", "fbox", "underbrace", "overbrace", "cancel", "bcancel",
                         "xcancel"})
#: ``\overset{a}{b}``, ``\underset{a}{b}``, ``\stackrel{a}{b}``: b, annotated by a
STACKED = frozenset({"overset", "underset", "stackrel"})

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
    "\u0394": ("cmd", "Delta"), "\u2211": ("cmd", "sum"), "\u2208": ("in", "in"),
    "\u21d2": ("connective", "Rightarrow"), "\u2234": ("connective", "therefore"),
    "\u2019": ("'", None), "\u02b9": ("'", None), "\u2016": ("norm", None), "\u2299": ("odot", None),
    "\u2207": ("cmd", "nabla"), "\u03c6": ("cmd", "phi"), "\u03c8": ("cmd", "psi"),
    "\u03c9": ("cmd", "omega"), "\u03c4": ("cmd", "tau"), "\u03be": ("cmd", "xi"),
    "\u03c1": ("cmd", "rho"), "\u03bd": ("cmd", "nu"), "\u03ba": ("cmd", "kappa"),
    "\u03b6": ("cmd", "zeta"), "\u03a3": ("cmd", "sum"), "\u220f": ("cmd", "prod"),
    "\u2218": ("cmd", "circ"), "\u22a4": ("transpose", None),
}

#: capital letters that are matrices, and lower-case letters that are vectors when they
#: carry a bracketed layer index (x^{[0]}, b^{[1]}, a^{[2](i)})
MATRIX_LETTERS = frozenset("WXZA")
VECTOR_LETTERS = frozenset("xbza")

#: letters (Latin, or Greek by command name) that are undefined functions when followed by
#: '(' unless bound as variables: f(x), g(z), h(x), \phi(u), \psi(x)
DEFAULT_FUNCTION_LETTERS = frozenset({"f", "g", "h", "phi", "varphi", "psi"})
