r"""Tokens of student LaTeX math.

One compiled regular expression finds the next lexeme; a little code turns it into a
:class:`Token`.  The lexer already settles what needs raw text: ``\text{...}`` and its
relatives, ``\left(`` and sizing prefixes, ``\begin{env}``, ``\tag{..}``, numbers (with the
document's decimal mark, see :mod:`.latex_numbers`), and runs of letters that spell a
function (``ReLU``), a keyword, a prose word or a multi-letter name (``net_{h1}``).

A number token keeps its :class:`~.latex_numbers.Number` (digits as written, ambiguity)
in ``number``; ``glued`` marks a token written directly after a letter (``z1``).

>>> [(t.kind, t.value) for t in tokenize(r"\sigma\left(x\right) \approx 0.5")][:4]
[('func', 'sigma'), ('open', '('), ('letter', 'x'), ('close', '(')]
>>> [(t.kind, t.value) for t in tokenize(r"net_{h1} \odot z1")]
[('letter', 'net'), ('_', None), ('{', None), ('letter', 'h'), ('num', '1'), ('}', None), ('odot', None), ('letter', 'z'), ('num', '1'), ('eof', None)]
"""

from __future__ import annotations

import re
import unicodedata

from ..vocabulary import RELATION_COMMANDS, Relation
from .latex_errors import ParseError
from .latex_numbers import scan_number
from .latex_scan import brace_end
from .latex_tables import (
    BARE_KEYWORDS,
    CONNECTIVES,
    FUNCTION_COMMANDS,
    FUNCTION_WORDS,
    GREEK,
    IGNORED_COMMANDS,
    IGNORED_WITH_ARGUMENT,
    KEYWORD_MEANINGS,
    KEYWORDS,
    NAME_COMMANDS,
    PROSE_WORDS,
    SECOND_ARGUMENT,
    SIZING,
    STACKED,
    TEXT_COMMANDS,
    UNICODE,
)

MAX_LENGTH = 5000
MAX_DEPTH = 100
MAX_DIGITS = 1000


class Token:
    """One lexeme: ``kind``, ``value``, and its span ``pos:end`` (0-based) in the text.

    ``split`` marks the remainder of a number or word that a one-token script or
    ``\frac12`` cut off; ``glued`` a token written directly after a letter or Greek
    letter; ``number`` the :class:`~.latex_numbers.Number` of a ``num`` token.
    """

    __slots__ = ("kind", "value", "pos", "end", "split", "glued", "number")

    def __init__(self, kind, value, pos, end, split=False, glued=False, number=None):
        self.kind, self.value, self.pos, self.end, self.split = kind, value, pos, end, split
        self.glued, self.number = glued, number

    def __repr__(self):
        return f"Token({self.kind!r}, {self.value!r}, {self.pos})"


_LEXEME = re.compile(r"""
  (?P<ws>\s+)
| (?P<num>\d|\.\d)
| (?P<env>\\(?:begin|end)\s*\{\s*[A-Za-z]+\*?\s*\})
| (?P<cmd>\\(?:tag\*|operatorname\*|hspace\*|vspace\*|[A-Za-z]+|.))
| (?P<word>[A-Za-z]+(?:\\?_[A-Za-z]+)*)
| (?P<two><=|>=|!=|:=|=:)
| (?P<ch>.)
""", re.X | re.S)

_LETTERS = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z]+")
_DELIMITER = re.compile(r"\s*(\\[{}|]|\\[A-Za-z]+|[()\[\]|./<>])")
_UNICODE_SCRIPTS = {"\u00b2": ("num", "2"), "\u00b3": ("num", "3"), "\u1d40": ("letter", "T")}
_SINGLE = {"+", "-", "*", "/", "^", "_", "{", "}", ",", ".", "'", "&", "!", ";", ":"}
_RELATION_CHARS = {"=": Relation.EQ, "<": Relation.LT, ">": Relation.GT}
_DELIMITER_NAMES = {
    "(": "(", ")": "(", "[": "[", "]": "[", "\\{": "{", "\\}": "{", "\\lbrace": "{",
    "\\rbrace": "{", "\\lbrack": "[", "\\rbrack": "[", "|": "|", "\\vert": "|", "\\lvert": "|",
    "\\rvert": "|", "\\mid": "|", "\\|": "norm", "\\Vert": "norm", "\\lVert": "norm",
    "\\rVert": "norm", "<": "<", ">": "<", "\\langle": "<", "\\rangle": "<",
}
_CLOSING = {")", "]", "\\}", "\\rbrace", "\\rbrack", "\\rvert", "\\rVert", ">", "\\rangle"}
_OPENING = {"(", "[", "\\{", "\\lbrace", "\\lbrack", "\\lvert", "\\lVert", "<", "\\langle"}
#: after these a run of letters gives only its first letter (LaTeX takes one token)
_ONE_TOKEN_AFTER = frozenset({"_", "^"})
_ONE_TOKEN_COMMANDS = frozenset({"frac", "dfrac", "tfrac", "sqrt"})


def normalize_word(text: str) -> str:
    """Lower-case a function name and drop spaces, underscores, hyphens and accents."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\\_|[\s_\-]", "", text).lower()


def _group(text: str, start: int, command_pos: int) -> tuple[str, int]:
    """Raw content of the brace group (or single character) at ``start``; returns (content, end)."""
    n = len(text)
    i = start
    while i < n and text[i] in " \t\r\n":
        i += 1
    if i >= n:
        raise ParseError("a command at the end of the input needs an argument",
                         command_pos + 1)
    if text[i] != "{":
        if text[i] == "\\":
            m = re.compile(r"\\(?:[A-Za-z]+|.)").match(text, i)
            return m.group(), m.end()
        return text[i], i + 1
    end = brace_end(text, i)
    if end < 0:
        raise ParseError("'{' is never closed", i + 1)
    return text[i + 1:end - 1], end


def _carries_script(text: str, at: int) -> bool:
    """Does a subscript, an index superscript or a glued integer start at ``text[at]``?"""
    if at >= len(text):
        return False
    c = text[at]
    if c == "_" or c.isdigit():
        return True
    return text.startswith(("^{[", "^{(", "^{\\[", "^[", "^("), at)


class _Words:
    """How runs of letters are read (see :mod:`.latex`, "Names")."""

    __slots__ = ("names",)

    def __init__(self, names):
        self.names = names

    def run_kind(self, run: str, text: str, end: int) -> str | None:
        """'func', 'kw', 'text' or 'name' for a run of two or more letters; None: letters."""
        lower = run.lower()
        if lower in FUNCTION_WORDS:
            return "func"
        if lower in BARE_KEYWORDS:
            return "kw"
        if run in self.names:
            return "name"
        if len(run) > 2 and lower in PROSE_WORDS:
            return "text"
        if len(run) >= 4 or (len(run) == 3 and _carries_script(text, end)):
            return "name"
        return None

    def text_token(self, name: str, content: str, pos: int, end: int, text: str) -> Token | None:
        stripped = content.strip()
        if not stripped or stripped in ("\\,", "\\;", "\\ ", "~"):
            return None
        if len(stripped) == 1 and stripped.isalpha() and stripped.isascii():
            return Token("letter", stripped, pos, end)
        word = normalize_word(stripped)
        if word in FUNCTION_WORDS:
            return Token("func", word, pos, end)
        if word in KEYWORDS:
            return Token("kw", KEYWORD_MEANINGS[word], pos, end)
        if _WORD.fullmatch(stripped) and (name in NAME_COMMANDS or word not in PROSE_WORDS):
            # one word of letters that is not prose: a name (\text{net}_{h1}, \text{CE},
            # \mathrm{out}), or a function name when '(' follows
            return Token("name", stripped, pos, end)
        if name in NAME_COMMANDS:
            return Token("badname", stripped, pos, end)
        return Token("text", stripped, pos, end)


def _delimiter(text: str, at: int, side: str | None, pos: int) -> tuple[Token | None, int]:
    m = _DELIMITER.match(text, at)
    if not m:
        raise ParseError("a delimiter such as ( [ | must follow \\left, \\right or \\big",
                         pos + 1)
    d = m.group(1)
    end = m.end()
    if d == ".":
        # \left. and \right. are invisible delimiters; they pair with any other side
        return Token("open" if side == "open" else "close", ".", pos, end), end
    name = _DELIMITER_NAMES.get(d)
    if name is None:
        raise ParseError(f"unsupported delimiter '{d}'", pos + 1, "unsupported")
    if name == "<":
        raise ParseError("angle brackets ⟨ ⟩ are not supported", pos + 1, "unsupported")
    if side is None:
        side = "close" if d in _CLOSING else "open" if d in _OPENING else None
    if name == "|" and side is None:
        return Token("bar", None, pos, end), end
    if name == "norm" and side is None:
        return Token("norm", None, pos, end), end
    if side is None:
        side = "open"
    return Token(side, name, pos, end), end


def tokenize(text: str, *, names=frozenset(), decimal_mark: str | None = ".",
             e_is_variable: bool = False) -> list[Token]:
    """The tokens of ``text``, ending with an ``eof`` token; raises :class:`ParseError`.

    ``names`` are words read as one name wherever they appear; ``decimal_mark`` is the
    document's (``"."``, ``","`` or None for unknown, see :mod:`.latex_numbers`).
    """
    if len(text) > MAX_LENGTH:
        raise ParseError(f"input longer than {MAX_LENGTH:,} characters", MAX_LENGTH + 1, "limit")
    words = _Words(names)
    out: list[Token] = []
    append = out.append
    depth = 0
    pos = 0
    n = len(text)
    match = _LEXEME.match
    while pos < n:
        m = match(text, pos)
        kind = m.lastgroup
        end = m.end()
        tok = None
        if kind == "ws":
            pos = end
            continue
        if kind == "num":
            number = scan_number(text, pos, decimal_mark, e_is_variable=e_is_variable)
            end = number.end
            if len(number.digits) > MAX_DIGITS:
                raise ParseError(f"a number with more than {MAX_DIGITS} digits", pos + 1, "limit")
            prev = out[-1] if out else None
            glued = prev is not None and prev.end == pos and (
                prev.kind == "letter" or (prev.kind == "cmd" and prev.value in GREEK))
            tok = Token("num", number.digits, pos, end, glued=glued, number=number)
        elif kind == "cmd":
            name = m.group()[1:]
            if name in ("begin", "end"):
                raise ParseError(f"\\{name} must be followed by an environment name in braces, "
                                 "e.g. {cases}", pos + 1)
            if name in IGNORED_COMMANDS:
                pos = end
                continue
            if name in TEXT_COMMANDS or name == "operatorname*":
                content, end = _group(text, end, pos)
                tok = words.text_token(name.rstrip("*"), content, pos, end, text)
                if tok is None:
                    pos = end
                    continue
            elif name in SIZING:
                tok, end = _delimiter(text, end, SIZING[name], pos)
                if tok is None:
                    pos = end
                    continue
            elif name in IGNORED_WITH_ARGUMENT:
                _, end = _group(text, end, pos)
                pos = end
                continue
            elif name in SECOND_ARGUMENT:
                _, end = _group(text, end, pos)   # the colour; the content follows as a group
                pos = end
                continue
            elif name in STACKED:
                tok, end = _stacked(text, end, pos)
                if tok is None:
                    pos = end     # the annotation is dropped; the base follows as a group
                    continue
            elif name in ("tag", "tag*"):
                content, end = _group(text, end, pos)
                tok = Token("tag", content.strip(), pos, end)
            elif name in FUNCTION_COMMANDS:
                tok = Token("func", FUNCTION_COMMANDS[name], pos, end)
            elif name in RELATION_COMMANDS:
                tok = Token("rel", RELATION_COMMANDS[name], pos, end)
            elif name in ("cdot", "times", "ast", "bullet"):
                tok = Token("*", None, pos, end)
            elif name == "odot":
                tok = Token("odot", None, pos, end)
            elif name == "div":
                tok = Token("/", None, pos, end)
            elif name in ("quad", "qquad"):
                tok = Token("quad", None, pos, end)
            elif name == "\\":
                tok = Token("newline", None, pos, end)
            elif name == "%":
                tok = Token("percent", None, pos, end)
            elif name in ("{", "lbrace"):
                tok = Token("open", "{", pos, end)
            elif name in ("}", "rbrace"):
                tok = Token("close", "{", pos, end)
            elif name == "lvert":
                tok = Token("open", "|", pos, end)
            elif name == "rvert":
                tok = Token("close", "|", pos, end)
            elif name in ("vert", "mid"):
                tok = Token("bar", None, pos, end)
            elif name == "lVert":
                tok = Token("open", "norm", pos, end)
            elif name == "rVert":
                tok = Token("close", "norm", pos, end)
            elif name in ("|", "Vert"):
                tok = Token("norm", None, pos, end)
            elif name == "prime":
                tok = Token("'", None, pos, end)
            elif name in ("top", "intercal"):
                tok = Token("transpose", None, pos, end)
            elif name in CONNECTIVES:
                tok = Token("connective", name, pos, end)
            elif name in ("in", "subset", "subseteq", "notin"):
                tok = Token("in", name, pos, end)
            else:
                tok = Token("cmd", name, pos, end)
        elif kind == "env":
            lexeme = m.group()
            env = lexeme[lexeme.index("{") + 1:-1].strip()
            tok = Token("begin" if lexeme.startswith("\\begin") else "end", env, pos, end)
        elif kind == "word":
            prev = out[-1] if out else None
            lexeme = m.group()
            if prev is not None and (prev.kind in _ONE_TOKEN_AFTER or (
                    prev.kind == "cmd" and prev.value in _ONE_TOKEN_COMMANDS)):
                # x_ab is x_a b, \frac ab is a/b: a script or argument is one letter
                tok = Token("letter", lexeme[0], pos, pos + 1)
                end = pos + 1
            elif "_" in lexeme and normalize_word(lexeme) in FUNCTION_WORDS:
                tok = Token("func", normalize_word(lexeme), pos, end)
            else:
                run = _LETTERS.match(text, pos).group()
                run_end = pos + len(run)
                if run[0] == "d" and prev is not None and prev.kind == "{" and len(run) > 3 \
                        and words.run_kind(run[1:], text, run_end) == "name" and run[1:] in names:
                    # \frac{dE}{dnet}: the differential d of the name net
                    append(Token("letter", "d", pos, pos + 1))
                    pos += 1
                    continue
                what = words.run_kind(run, text, run_end) if len(run) > 1 else None
                if what is None:
                    for k, c in enumerate(run):
                        append(Token("letter", c, pos + k, pos + k + 1))
                    pos = run_end
                    continue
                value = run.lower() if what == "func" else KEYWORD_MEANINGS[run.lower()] \
                    if what == "kw" else run
                tok = Token({"name": "letter"}.get(what, what), value, pos, run_end)
                end = run_end
        elif kind == "two":
            tok = Token("rel", Relation.of(m.group()) if m.group() != "=:" else Relation.DEFINE,
                        pos, end)
        else:
            c = m.group()
            if c in _SINGLE:
                tok = Token(c, None, pos, end)
            elif c in _RELATION_CHARS:
                tok = Token("rel", _RELATION_CHARS[c], pos, end)
            elif c in "([":
                tok = Token("open", c, pos, end)
            elif c in ")]":
                tok = Token("close", "(" if c == ")" else "[", pos, end)
            elif c == "|":
                tok = Token("bar", None, pos, end)
            elif c == "%":
                tok = Token("percent", None, pos, end)
            elif c == "~":
                pos = end
                continue
            elif c == "\u2033":   # a double prime
                append(Token("'", None, pos, end))
                tok = Token("'", None, pos, end)
            elif c in _UNICODE_SCRIPTS:
                # x² is x^2 and Wᵀ is W^T: two tokens at the same place
                append(Token("^", None, pos, pos))
                kind2, value2 = _UNICODE_SCRIPTS[c]
                tok = Token(kind2, value2, pos, end)
            elif c in UNICODE:
                k, v = UNICODE[c]
                tok = Token(k, Relation.of(v) if k == "rel" else v, pos, end)
            elif Relation.known(c):
                tok = Token("rel", Relation.of(c), pos, end)
            elif c.isalpha():
                raise ParseError(f"unexpected character {c!r} (a letter outside \\text{{..}}?)",
                                 pos + 1, "prose")
            else:
                raise ParseError(f"unexpected character {c!r}", pos + 1)
        k = tok.kind
        if k == "{" or k == "open" or k == "begin":
            depth += 1
            if depth > MAX_DEPTH:
                raise ParseError(f"brackets nested deeper than {MAX_DEPTH}", pos + 1, "limit")
        elif k == "}" or k == "close" or k == "end":
            depth -= 1
        append(tok)
        pos = end
    append(Token("eof", None, n, n))
    return out


def group_end(toks: list[Token], k: int) -> int:
    """Index after the script at ``toks[k]``: a brace group or one token (``len`` if unclosed)."""
    if toks[k].kind != "{":
        return k + 1
    depth = 0
    for j in range(k, len(toks)):
        if toks[j].kind == "{":
            depth += 1
        elif toks[j].kind == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(toks)


def is_index_superscript(toks: list[Token], k: int) -> bool:
    """``^{[1]}``, ``^{(2)}``, ``^T``, ``^\\top``, ``^'``: an index or transpose, not a power.

    >>> toks = tokenize("a^{[1]} + b^{2}")
    >>> is_index_superscript(toks, 2), is_index_superscript(toks, 10)
    (True, False)
    """
    t = toks[k]
    if t.kind in ("transpose", "'") or (t.kind == "letter" and t.value == "T"):
        return True
    if t.kind == "open" and t.value in "[(":
        return True
    if t.kind == "{" and k + 2 < len(toks):
        n = toks[k + 1]
        return (n.kind == "open" and n.value in "[(") or n.kind == "transpose" or (
            n.kind == "letter" and n.value == "T" and toks[k + 2].kind == "}")
    return False


def _stacked(text: str, at: int, pos: int) -> tuple[Token | None, int]:
    r"""``\overset{a}{=}``: a relation token; ``\overset{a}{x}``: None (the base x follows).

    ``\stackrel{\text{def}}{=}``, ``\overset{!}{=}`` (an equation imposed, not claimed) and
    ``\overset{\Delta}{=}`` define, so they are :attr:`Relation.DEFINE`.
    """
    annotation, after = _group(text, at, pos)
    base_start = after
    base, end = _group(text, base_start, pos)
    relation = _relation_of(base.strip())
    if relation is None:
        return None, after
    note = normalize_word(re.sub(r"\\(?:text|mathrm)\s*\{([^{}]*)\}", r"\1", annotation))
    if relation is Relation.EQ and note in ("def", "!", "\\delta", ":", "definition", "df"):
        relation = Relation.DEFINE
    return Token("rel", relation, pos, end), end


def _relation_of(text: str) -> Relation | None:
    if text in ("=", "<", ">"):
        return _RELATION_CHARS[text]
    return Relation.of(text) if Relation.known(text) else None
