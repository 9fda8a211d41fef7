r"""What a whole document says about its own notation: decimal mark, names, variables, language.

A number such as ``100.480`` or ``1{,}000`` means different things in different
documents; so does ``net`` (a name, or n·e·t) and ``e`` (Euler's number, or the error).
:func:`read_context` reads the evidence a careful grader would use and returns a
:class:`DocumentContext`; its :meth:`~DocumentContext.parse_options` are the keyword
arguments for :func:`derivations.parse.latex.parse_expression`.

* **Language**: the most frequent language among the prose's common words (en, de, fr,
  es, it, pt, nl), or None.
* **Decimal mark**: ``","`` when the math writes decimal commas (``0{,}8``, ``1.000,5``,
  or ``0,8`` in a document in a decimal-comma language) and no decimal points; ``"."``
  when it writes decimal points (``0.5``) and no decimal commas, or nothing either way
  in English or an unknown language; None (every number with two readings is refused
  as ambiguous) when it writes both, or nothing either way in a decimal-comma language.
* **Names**: words written as names somewhere (``net_{h1}``, ``\text{out}_{o1}``,
  ``dW^{[1]}``, ``in_{h1}``): the same word is a name wherever it appears, with or
  without indices.
  A word a chain defines on its own (``dz = a - y``, ``dW = \frac{1}{m} dZ X^T``, ``lr = 0.1``, a
  count ``TP = 94``) is a name too.
* **Variables**: ``e`` when the document says e is a quantity (``e = t - y``, "the error
  $e$", "where $e$ is ..."): then ``e^{2}`` is that quantity squared, not Euler's number.

>>> from derivations.parse.documents import read_text
>>> c = read_text("Mit $w = 0{,}5$ ist die Summe der Eingaben $$net_{h1} = 0{,}5 \\cdot 2 = 1$$").context
>>> c.language, c.decimal_mark, sorted(c.names)
('de', ',', ['net'])
>>> read_text("The error is $e = t - y$, so $$e^2 = (t - y)^2$$").context.variables
frozenset({'e'})
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .latex_tables import BARE_KEYWORDS, FUNCTION_WORDS, PROSE_WORDS

__all__ = ["DocumentContext", "read_context", "COMMA_LANGUAGES"]

#: languages that write a decimal comma
COMMA_LANGUAGES = frozenset({"de", "fr", "es", "it", "pt", "nl"})

_STOPWORDS = {
    "en": "the and of to is we that this with for are from by be as it which then so",
    "de": "der die das und ist wir mit für ein eine den dem von zu nicht auch sich wird sind auf aus bei",
    "fr": "le la les et est nous avec pour un une des du de que qui dans sur par donc alors",
    "es": "el la los las y es con para un una del que en por se como entonces",
    "it": "il lo la gli le e è con per un una del che di non sono quindi",
    "pt": "o a os as e é com para um uma do da que em não são então",
    "nl": "de het en is een met voor van dat niet zijn op we dus",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_INLINE = re.compile(r"\$[^$]*\$")

# decimal marks as written in math
_COMMA_BRACED = re.compile(r"(?<![\d{,.])(\d+)\{,\}(\d+)(?![\d{])")
_GERMAN_FULL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+")
_ENGLISH_FULL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+")
_IN_ARGUMENTS = re.compile(r"\s*[),]")
_BARE_COMMA = re.compile(r"(?<![\d.,_{])(\d+),(\d+)(?![\d.,])")
_POINT = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.,])")
_SUBSCRIPT = re.compile(r"[_^]\{[^{}]*\}|[_^]\S")

# words written as names
_WORD_SCRIPT = re.compile(r"(?<![\\A-Za-z])([A-Za-z]{2,})(?=_|\^\{?[\[(])")
_UPRIGHT = re.compile(r"\\(?:text|mathrm|operatorname|mathit|textit|textrm|textnormal)\s*\{\s*([A-Za-z]{2,})\s*\}\s*(?=[_^])")
_TWO_LETTER_OK = re.compile(r"_\{?(?=[A-Za-z]*\d)[A-Za-z0-9]{2,}\}?|\^\{?[\[(]")

# e as a quantity
_E_PROSE = re.compile(
    r"(?:(?:error|residual|Fehler|erreur|error)\s+\$\s*e\s*\$)"
    r"|(?:\$\s*e\s*\$\s+(?:is|denotes|represents|stands for|be|ist|bezeichnet|sei|est|désigne|es)\b"
    r"(?!\s+(?:the\s+|die\s+|la\s+|le\s+)?(?:euler|eulersche|base|number|constant|zahl|nombre|2[.,]7)))"
    r"|(?:(?:let|where|with|sei|soit|wobei)\s+\$\s*e\s*(?:=|:=|\$\s+(?:be|denote|is|ist)))",
    re.IGNORECASE)
_EULER_VALUE = re.compile(r"^\s*(?:2[.,]71|\\exp|\\mathrm\{e\}|\\lim)")


@dataclass(frozen=True)
class DocumentContext:
    """The document's notation; see the module docstring."""

    decimal_mark: str | None = "."
    language: str | None = None
    names: frozenset = field(default_factory=frozenset)
    variables: frozenset = field(default_factory=frozenset)

    def parse_options(self) -> dict:
        """Keyword arguments for ``parse_expression``/``parse_relation_chain``.

        A caller that has its own ``variables`` should pass their union with these.
        """
        return {"decimal_mark": self.decimal_mark, "names": self.names, "variables": self.variables}


def _language(prose: list[str]) -> str | None:
    counts: Counter = Counter()
    for text in prose:
        for word in _WORD.findall(_INLINE.sub(" ", text).lower()):
            for lang, words in _WORDS.items():
                if word in words:
                    counts[lang] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [(None, 0)]
    if n < 3 or (rest and rest[0][1] * 1.5 > n and rest[0][0] is not None):
        return None
    return best


def _decimal_mark(math: list[str], language: str | None) -> str | None:
    strong_comma = point = weak_comma = loose_comma = 0
    for text in math:
        plain = _SUBSCRIPT.sub(" ", text)
        for m in _COMMA_BRACED.finditer(plain):
            whole, frac = m.groups()
            if len(frac) != 3 or whole.startswith("0"):
                strong_comma += 1
        strong_comma += len(_GERMAN_FULL.findall(plain))
        point += len(_ENGLISH_FULL.findall(plain))
        cleaned = _GERMAN_FULL.sub(" ", _ENGLISH_FULL.sub(" ", plain))
        for m in _POINT.finditer(cleaned):
            whole, frac = m.groups()
            if len(frac) != 3 or whole == "0" or len(whole) > 3:
                point += 1
        for m in _BARE_COMMA.finditer(cleaned):
            whole, frac = m.groups()
            if len(frac) != 3 or whole == "0":
                weak_comma += 1
                if not _IN_ARGUMENTS.match(cleaned, m.end()):
                    loose_comma += 1   # not "(0,1)": no argument list
    comma_language = language in COMMA_LANGUAGES
    if strong_comma or (weak_comma and comma_language) or (loose_comma and not point):
        # 1,5 with no decimal point anywhere: a decimal comma (a thousands group has three digits)
        return None if point else ","
    if point:
        return "."
    return None if comma_language else "."


def _names(math: list[str]) -> frozenset:
    found = set()
    for text in math:
        for m in _WORD_SCRIPT.finditer(text):
            word = m.group(1)
            if len(word) == 2 and not _TWO_LETTER_OK.match(text, m.end()):
                continue
            found.add(word)
        found.update(m.group(1) for m in _UPRIGHT.finditer(text))
    return frozenset(w for w in found if w.lower() not in FUNCTION_WORDS
                     and w.lower() not in BARE_KEYWORDS and w.lower() not in PROSE_WORDS)


#: a word a chain defines: dz, dW, db (the derivative of the loss by z, W, b), lr (a learning rate)
_DEFINED_WORD = re.compile(r"^\s*(d[A-Za-z]|lr)\s*$")
#: capitals given a count: TP = 94, FN = 6 (true positives, false negatives)
_COUNTED_WORD = re.compile(r"^\s*([A-Z]{2,3})\s*$")
_COUNT = re.compile(r"^\s*\d+\s*$")


def _defined_words(chains: list[list[str]]) -> frozenset:
    """Words that are the whole left side of a chain (``dz = a - y``, ``lr = 0.1``, ``TP = 94``): names,
    not products."""
    out = set()
    for parts in chains:
        if len(parts) < 2:
            continue
        m = _DEFINED_WORD.match(parts[0])
        if m is None and len(parts) == 2 and _COUNT.match(parts[1]):
            m = _COUNTED_WORD.match(parts[0])
        if m is not None:
            out.add(m.group(1))
    return frozenset(out)


def _variables(chains: list[list[str]], prose: list[str]) -> frozenset:
    for parts in chains:
        if len(parts) >= 2 and parts[0].strip() == "e" and not _EULER_VALUE.match(parts[1]):
            if re.search(r"[A-Za-df-z]|\\[A-Za-z]", parts[1]):
                return frozenset({"e"})
    if any(_E_PROSE.search(text) for text in prose):
        return frozenset({"e"})
    return frozenset()


def read_context(doc) -> DocumentContext:
    """The context of a read :class:`~.documents.Document`."""
    from .documents import Chain, Declaration, Prose

    prose = [i.text for i in doc.items if isinstance(i, Prose)]
    chains = [[p.text for p in i.parts] for i in doc.items if isinstance(i, Chain)]
    math = [t for parts in chains for t in parts]
    math += [i.text for i in doc.items if isinstance(i, Declaration)]
    math += [m.group()[1:-1] for text in prose for m in _INLINE.finditer(text)]
    language = _language(prose)
    return DocumentContext(_decimal_mark(math, language), language, _names(math) | _defined_words(chains),
                           _variables(chains, prose))
