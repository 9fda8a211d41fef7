r"""Tokens of student LaTeX math.

One compiled regular expression finds the next lexeme; a little code turns it into a
:class:`Token`.  The lexer already settles what needs raw text: ``\text{...}`` and its
relatives, ``\left(`` and sizing prefixes, ``\begin{env}``, ``\tag{..}``, numbers with
``{,}`` thousands separators, and runs of letters that spell a function (``ReLU``).

>>> [(t.kind, t.value) for t in tokenize(r"\sigma\left(x\right) \approx 0.5")][:4]
[('func', 'sigma'), ('open', '('), ('letter', 'x'), ('close', '(')]
"""

from __future__ import annotations

import re

from .latex_errors import ParseError
from .latex_tables import (
    CONNECTIVES,
    FUNCTION_COMMANDS,
    FUNCTION_WORDS,
    IGNORED_COMMANDS,
    IGNORED_WITH_ARGUMENT,
    KEYWORDS,
    NAME_COMMANDS,
    RELATION_COMMANDS,
    SIZING,
    TEXT_COMMANDS,
    UNICODE,
)

MAX_LENGTH = 5000
MAX_DEPTH = 100
MAX_DIGITS = 1000


class Token:
    """One lexeme: ``kind``, ``value``, and its span ``pos:end`` (0-based) in the text.

    ``split`` marks the remainder of a number or word that a one-token script or
    ``\frac12`` cut off.
    """

    __slots__ = ("kind", "value", "pos", "end", "split")

    def __init__(self, kind, value, pos, end, split=False):
        self.kind, self.value, self.pos, self.end, self.split = kind, value, pos, end, split

    def __repr__(self):
        return f"Token({self.kind!r}, {self.value!r}, {self.pos})"


_LEXEME = re.compile(r"""
  (?P<ws>\s+)
| (?P<num>\d+(?:\{,\}\d+)*(?:\.\d+)?|\.\d+)
| (?P<env>\\(?:begin|end)\s*\{\s*[A-Za-z]+\*?\s*\})
| (?P<cmd>\\(?:tag\*|operatorname\*|[A-Za-z]+|.))
| (?P<word>[A-Za-z]+(?:\\?_[A-Za-z]+)*)
| (?P<two><=|>=|!=|:=)
| (?P<ch>.)
""", re.X | re.S)

_LETTERS = re.compile(r"[A-Za-z]+")
_DELIMITER = re.compile(r"\s*(\\[{}|]|\\[A-Za-z]+|[()\[\]|./])")
_SCIENTIFIC = re.compile(r"[eE][+-]?\d")
_UNICODE_SCRIPTS = {"\u00b2": ("num", "2"), "\u00b3": ("num", "3"), "\u1d40": ("letter", "T")}
_SINGLE = {"+", "-", "*", "/", "^", "_", "{", "}", ",", ".", "'", "&", "!", ";", ":"}
_RELATION_CHARS = {"=": "=", "<": "<", ">": ">"}
_TWO = {"<=": "<=", ">=": ">=", "!=": "!=", ":=": "="}
_DELIMITER_NAMES = {
    "(": "(", ")": "(", "[": "[", "]": "[", "\\{": "{", "\\}": "{", "\\lbrace": "{",
    "\\rbrace": "{", "\\lbrack": "[", "\\rbrack": "[", "|": "|", "\\vert": "|", "\\lvert": "|",
    "\\rvert": "|", "\\mid": "|",
}
_CLOSING = {")", "]", "\\}", "\\rbrace", "\\rbrack", "\\rvert"}
_OPENING = {"(", "[", "\\{", "\\lbrace", "\\lbrack", "\\lvert"}


def normalize_word(text: str) -> str:
    """Lower-case a function name and drop spaces, underscores and hyphens."""
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
        return text[i], i + 1
    depth = 0
    j = i
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j], j + 1
        j += 1
    raise ParseError("'{' is never closed", i + 1)


def _text_token(name: str, content: str, pos: int, end: int) -> Token | None:
    stripped = content.strip()
    if not stripped or stripped in ("\\,", "\\;", "\\ ", "~"):
        return None
    if len(stripped) == 1 and stripped.isalpha():
        return Token("letter", stripped, pos, end)
    word = normalize_word(stripped)
    if word in FUNCTION_WORDS:
        return Token("func", word, pos, end)
    if word in KEYWORDS:
        return Token("kw", word, pos, end)
    if name in NAME_COMMANDS:
        return Token("name", stripped, pos, end)
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
    if d in ("\\|", "\\Vert", "\\lVert", "\\rVert"):
        raise ParseError("norms \\| \\| are not supported", pos + 1, "unsupported")
    name = _DELIMITER_NAMES.get(d)
    if name is None:
        raise ParseError(f"unsupported delimiter '{d}'", pos + 1, "unsupported")
    if side is None:
        side = "close" if d in _CLOSING else "open" if d in _OPENING else None
    if name == "|" and side is None:
        return Token("bar", None, pos, end), end
    if side is None:
        side = "open"
    return Token(side, name, pos, end), end


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``eof`` token; raises :class:`ParseError`."""
    if len(text) > MAX_LENGTH:
        raise ParseError(f"input longer than {MAX_LENGTH:,} characters", MAX_LENGTH + 1, "limit")
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
            lexeme = m.group()
            if "{,}" in lexeme:
                groups = lexeme.split(".")[0].split("{,}")
                if "." in lexeme or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
                    raise ParseError("'{,}' is read as a thousands separator only between "
                                     "groups of three digits", pos + 1)
                lexeme = lexeme.replace("{,}", "")
            if len(lexeme) > MAX_DIGITS:
                raise ParseError(f"a number with more than {MAX_DIGITS} digits", pos + 1, "limit")
            if _SCIENTIFIC.match(text, end):
                raise ParseError(f"ambiguous '{m.group()}{text[end:end + 2]}': write "
                                 "\\times 10^{..} for a power of ten, or \\cdot e", end + 1)
            tok = Token("num", lexeme, pos, end)
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
                tok = _text_token(name.rstrip("*"), content, pos, end)
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
            elif name in ("tag", "tag*"):
                content, end = _group(text, end, pos)
                tok = Token("tag", content.strip(), pos, end)
            elif name in FUNCTION_COMMANDS:
                tok = Token("func", FUNCTION_COMMANDS[name], pos, end)
            elif name in RELATION_COMMANDS:
                tok = Token("rel", RELATION_COMMANDS[name], pos, end)
            elif name in ("cdot", "times", "ast", "bullet"):
                tok = Token("*", None, pos, end)
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
            elif name in ("|", "Vert", "lVert", "rVert"):
                raise ParseError("norms \\| \\| are not supported", pos + 1, "unsupported")
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
            lexeme = m.group()
            word = normalize_word(lexeme)
            if "_" in lexeme and word in FUNCTION_WORDS:
                tok = Token("func", word, pos, end)
            else:
                run = _LETTERS.match(text, pos).group()
                word = run.lower()
                if len(run) > 1 and word in FUNCTION_WORDS:
                    tok = Token("func", word, pos, pos + len(run))
                elif len(run) > 1 and word in KEYWORDS:
                    tok = Token("kw", word, pos, pos + len(run))
                else:
                    for k, c in enumerate(run):
                        append(Token("letter", c, pos + k, pos + k + 1))
                    pos += len(run)
                    continue
                end = tok.end
        elif kind == "two":
            tok = Token("rel", _TWO[m.group()], pos, end)
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
            elif c in _UNICODE_SCRIPTS:
                # x² is x^2 and Wᵀ is W^T: two tokens at the same place
                append(Token("^", None, pos, pos))
                kind2, value2 = _UNICODE_SCRIPTS[c]
                tok = Token(kind2, value2, pos, end)
            elif c in UNICODE:
                k, v = UNICODE[c]
                tok = Token(k, v, pos, end)
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
