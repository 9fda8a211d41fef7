r"""Split one block of math into rows, statements and parts (text level only).

A *row* is what sits between ``\\`` in an aligned environment (a whole
``$$..$$`` block is one row); a row that ends in a relation (``L &= \\``) goes on
in the next.  A row holds *statements* separated at top level by ``\quad``,
``;``, alignment columns, newlines, connectives (``\Rightarrow``, ``\text{ or }``,
``\text{und}``, ``\text{donc}``) or by commas between relations; a statement is
split at its top-level relations (:class:`~derivations.vocabulary.Relation`, any
spelling: ``\approxeq``, ``≈``, ``:=``, ``\overset{!}{=}``) into *parts*.  Nothing
inside braces, brackets, parentheses or ``\begin..\end`` is ever split; the
braces of ``\boxed{..}``, ``\textcolor{..}{..}`` and ``\underbrace{..}_{..}`` are
looked through.  A statement without a relation that holds ``\in`` is a
declaration (``W \in \mathbb{R}^{4 \times 3}``); ``\forall x \in \mathbb{R}:`` before
a statement, or ``\forall ..`` after it, is its condition.

>>> rows = split_block(r"4. \quad a = b \le c \quad d \approx 1.5", 0, 40)
>>> [(s.rels, [join_text(p) for p in s.parts]) for s in rows[0].stmts]
[([Relation.EQ, Relation.LE], ['a', 'b', 'c']), ([Relation.APPROX], ['d', '1.5'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vocabulary import RELATION_COMMANDS, Relation
from .doc_tokens import Tok, assign_depth, join_text, tokenize

#: relations that mean something else unless a number follows (x \sim N(0, 1))
_NUMERIC_ONLY = {"sim", "thicksim", "cong"}
CONNECTIVE_CMDS = {
    "Rightarrow", "implies", "therefore", "iff", "Leftrightarrow", "Longrightarrow",
    "Longleftrightarrow", "because", "impliedby", "Leftarrow", "Longleftarrow", "longrightarrow",
}
SEPARATOR_CMDS = {"quad", "qquad", "hfill"}
DROPPED_CMDS = {"displaystyle", "textstyle", "scriptstyle", "nonumber", "notag", "allowbreak", "nolimits",
                "blacksquare", "square", "qed", "Box", "qedsymbol", "checkmark"}
ROW_BREAK_CMDS = {"\\", "cr", "newline"}
EDGE_SPACING_CMDS = {",", ";", ":", "!", " ", "quad", "qquad", "hfill", "enspace", "thinspace"}

_CONNECTIVE_WORDS = {
    "or", "and", "so", "hence", "thus", "therefore", "then", "ie", "i.e", "that is", "which gives",
    "gives", "giving", "we get", "we have", "so that", "and so", "implies", "since", "because",
    "equivalently", "or equivalently", "and hence", "and thus", "this gives", "so we get",
    "and therefore", "which is", "i.e.", "hence we get", "finally", "now", "also", "but",
    # German, French, Spanish, Italian
    "und", "oder", "also", "somit", "damit", "daraus folgt", "folgt", "dann", "daher", "d.h.", "dh",
    "bzw.", "bzw", "das heißt", "und damit", "und somit", "ergibt", "et", "ou", "donc", "alors", "ainsi",
    "c'est-à-dire", "d'où", "entonces", "luego", "por lo tanto", "es decir", "quindi",
}
_DEFINE_WORDS = {"where", "with", "let", "given", "here", "define", "set", "put", "using",
                 "wobei", "mit", "sei", "seien", "gegeben", "hier", "où", "avec", "soit", "donde", "con",
                 "sea", "dove"}
_CONDITION_WORDS = {"for", "if", "when", "whenever", "assuming", "provided", "otherwise",
                    "für", "falls", "wenn", "sonst", "pour", "si", "sinon", "para", "cuando", "per"}
_WRAPPERS_ROWS = {"aligned", "align", "align*", "alignat", "alignat*", "alignedat", "flalign",
                  "flalign*", "gather", "gather*", "gathered", "split", "eqnarray", "eqnarray*",
                  "IEEEeqnarray", "IEEEeqnarray*", "empheq",
                  "multline", "multline*"}
_WRAPPERS_SINGLE = {"equation", "equation*", "displaymath", "math", "dmath", "dmath*"}
MATH_ENVS = _WRAPPERS_ROWS - {"aligned", "gathered", "split", "alignedat"} | _WRAPPERS_SINGLE
#: environments the expression parser reads inside a part (anything else is reported)
KNOWN_INNER_ENVS = {"cases", "dcases", "rcases", "bmatrix", "pmatrix", "matrix", "Bmatrix", "vmatrix",
                    "Vmatrix", "smallmatrix", "array", "bmatrix*", "pmatrix*", "aligned", "gathered", "split",
                    "alignedat", "subarray"}

_QNUM = re.compile(r"""(?:\*\*)?(?:
      [Qq]?\d{1,2}\.(?!\d)
    | \((?:[a-hA-H]|\d{1,2}|iv|vi{0,3}|i{1,3})\)(?=\s*[^\s(=<>+\-*/^_])
    | (?:[a-hA-H]|\d{1,2}|iv|vi{0,3}|i{1,3})\)
    )(?:\*\*)?(?=\s|\\)""", re.X)
_QNUM_ALONE = re.compile(r"(?:\*\*)?(?:[Qq]?\d{1,2}\.|\(?(?:[a-hA-H]|iv|vi{0,3}|i{1,3})\))(?:\*\*)?")
_TRAILING_TAG = re.compile(r"(?:^\s*|\s{2,}|\\q?quad\s*|\\hfill\s*|~+\s*)\((\d{1,3}[a-z]?)\)\s*[.,]?\s*$")
_REASON_START = re.compile(r"(?:\\q?quad|\\hfill|\s{2,})\s*\(\s*\\(?:text|textrm|mathrm|mbox)\s*\{")


def _trailing_reason(raw: str) -> int | None:
    """Where a justification in parentheses at the end of a row starts (``\\qquad (\\text{since } …)``)."""
    for m in _REASON_START.finditer(raw):
        open_at = raw.index("(", m.start())
        depth = 0
        for k in range(open_at, len(raw)):
            depth += {"(": 1, ")": -1}.get(raw[k], 0)
            if depth == 0:
                if not raw[k + 1:].strip(" .,;"):
                    return m.start()
                break
    return None


_NAME = re.compile(r"""^(?:\\(?:hat|bar|tilde|vec|mathbf|boldsymbol|dot)\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])
    (?:'+)?(?:[_^](?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9]|\\[A-Za-z]+))*(?:'+)?$""", re.X)


@dataclass
class Stmt:
    """One statement: ``parts[0] rels[0] parts[1] ...``; ``parts[0] == []`` means it continues a chain."""

    parts: list[list[Tok]]
    rels: list[str]
    boundary: str = "start"        # start, sep, newline, comma, connective, define
    condition: str | None = None   # '\text{for } x > 0' style condition on the last step
    error: str | None = None
    declaration: bool = False      # no relation, an '\in': what a name is

    @property
    def continues(self) -> bool:
        return bool(self.rels) and not self.parts[0]


@dataclass
class Row:
    stmts: list[Stmt] = field(default_factory=list)
    tag: str | None = None
    start: int = 0
    end: int = 0
    error: str | None = None
    merge_up: bool = False   # no relation: the row carries on the previous row's expression


def _text_class(t: Tok) -> str:
    """How a top-level ``\\text{..}`` reads: connective, define, condition, or other."""
    c = re.sub(r"\s+", " ", t.arg).strip().strip(",:;").strip().lower()
    if c in _CONNECTIVE_WORDS or c.rstrip(".") in _CONNECTIVE_WORDS:
        return "connective"
    first = c.split(" ", 1)[0] if c else ""
    if first in _DEFINE_WORDS:
        return "define"
    if first in _CONDITION_WORDS:
        return "condition"
    return "other"


_CHAR_RELATIONS = {"=": Relation.EQ, "<": Relation.LT, ">": Relation.GT}
_RELATION_START = frozenset("=<>!:")
_OR_EQUAL = {"<": Relation.LE, ">": Relation.GE}


def _next_significant(toks: list[Tok], i: int) -> Tok | None:
    j = i + 1
    while j < len(toks) and toks[j].kind == "ws":
        j += 1
    return toks[j] if j < len(toks) else None


def _relation_at(toks: list[Tok], i: int) -> tuple[Relation, int] | None:
    """The relation starting at top-level token ``i`` and how many tokens it uses."""
    t = toks[i]
    kind = t.kind
    if t.depth != 0 or t.neutral or kind == "ws" or kind == "group":
        return None
    if kind == "rel":
        return (t.value, 1)
    if kind == "char" and t.value not in _RELATION_START:
        return (Relation.of(t.value), 1) if not t.value.isascii() and Relation.known(t.value) else None
    if kind == "cmd" and t.value != "not" and t.value not in RELATION_COMMANDS:
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    adjacent_eq = nxt is not None and nxt.is_char("=") and nxt.start == t.end
    if t.is_char("="):
        if nxt is not None and nxt.is_char(":") and nxt.start == t.end:
            return (Relation.DEFINE, 2)        # a =: b
        return (Relation.EQ, 2 if adjacent_eq else 1)
    if t.is_char("<", ">"):
        return (_OR_EQUAL[t.value], 2) if adjacent_eq else (_CHAR_RELATIONS[t.value], 1)
    if t.is_char("!") and adjacent_eq:
        return (Relation.NE, 2)
    if t.is_char(":") and adjacent_eq:
        return (Relation.DEFINE, 2)            # a := b
    if t.is_cmd("not"):
        j = i + 1
        while j < len(toks) and toks[j].kind == "ws":
            j += 1
        if j < len(toks) and toks[j].is_char("="):
            return (Relation.NE, j - i + 1)
    if t.kind == "cmd" and t.value in RELATION_COMMANDS:
        if t.value in _NUMERIC_ONLY:
            following = _next_significant(toks, i)
            if following is None or not (following.kind == "char" and (following.value.isdigit()
                                                                         or following.value in "-.")):
                return None
        return (RELATION_COMMANDS[t.value], 1)
    if t.kind == "char" and not t.value.isascii() and Relation.known(t.value):
        return (Relation.of(t.value), 1)
    return None


def has_relation(toks: list[Tok]) -> bool:
    return any(_relation_at(toks, i) for i in range(len(toks)))


def _strip_ws(toks: list[Tok]) -> list[Tok]:
    i, j = 0, len(toks)
    while i < j and (toks[i].kind == "ws" or (toks[i].kind == "cmd" and toks[i].value in EDGE_SPACING_CMDS)
                     or toks[i].is_char("~")):
        i += 1
    while j > i and (toks[j - 1].kind == "ws" or (toks[j - 1].kind == "cmd" and toks[j - 1].value in EDGE_SPACING_CMDS)
                     or toks[j - 1].is_char("~")):
        j -= 1
    return toks[i:j]


def _cut_before(toks: list[Tok], offset: int) -> list[Tok]:
    return [t for t in toks if t.start >= offset]


def _strip_edges(toks: list[Tok], s: str, *, block_start: bool) -> list[Tok]:
    """Remove question numbers, bullets, wordy text and punctuation at the edges of a statement."""
    toks = _strip_ws(toks)
    changed = True
    while changed and toks:
        changed = False
        first = toks[0]
        if first.kind == "group" and first.value != "tag":
            nxt = next((t for t in toks[1:] if t.kind != "ws"), None)
            func_like = nxt is not None and (nxt.is_char("(", "'", "^", "_") or nxt.is_cmd("left"))
            # \text{CE} = …, \text{lr} = 0.1: a name written upright, not prose
            named = nxt is not None and (nxt.is_char("=", "<", ">") or nxt.is_cmd("approx", "le", "ge", "leq", "geq")) \
                and re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,11}", first.arg.strip() if first.arg else "") is not None
            if _text_class(first) != "other" or not (func_like or named):
                toks = _strip_ws(toks[1:])
                changed = True
                continue
        if first.is_char(":", ",", ".", ";"):
            toks = _strip_ws(toks[1:])
            changed = True
            continue
        m = _QNUM.match(s, first.start, toks[-1].end)
        if m and len(toks) > 1:
            toks = _strip_ws(_cut_before(toks, m.end()))
            changed = True
            continue
        if block_start and first.is_char("*", "•") and len(toks) > 1 and toks[1].kind == "ws":
            toks = _strip_ws(toks[1:])
            changed = True
            continue
        if block_start and first.is_char("-") and len(toks) > 1 and toks[1].kind == "ws":
            rest = _strip_ws(toks[1:])
            k = next((i for i in range(len(rest)) if _relation_at(rest, i)), None)
            if k is not None and _NAME.match(re.sub(r"\s+", "", join_text(rest[:k]))):
                toks = rest
                changed = True
                continue
    while toks:
        last = toks[-1]
        if last.is_char(".", ",", ";", ":"):
            toks = _strip_ws(toks[:-1])
        elif last.kind == "group" and last.value != "tag" and len(toks) > 1:
            prev = _strip_ws(toks[:-1])
            k = len(prev)
            if not prev or (k and _relation_at(prev, k - 1)):
                break   # '= \text{undefined}' is a value, not an annotation
            toks = prev
        else:
            break
    return toks


def _is_annotation(toks: list[Tok]) -> bool:
    """Only words (``\\text{(chain rule)}``) or an empty pair of brackets around them."""
    inner = [t for t in toks if t.kind != "ws" and not t.is_char("(", ")", "[", "]", ".", ",", ":")]
    return bool(inner) and all(t.kind == "group" and t.value not in ("tag",) for t in inner)


def _split_relations(toks: list[Tok]) -> tuple[list[list[Tok]], list[str]]:
    parts: list[list[Tok]] = [[]]
    rels: list[str] = []
    i = 0
    while i < len(toks):
        r = _relation_at(toks, i)
        if r:
            rel, used = r
            parts.append([])
            rels.append(rel)
            i += used
            continue
        parts[-1].append(toks[i])
        i += 1
    return [_strip_ws(p) for p in parts], rels


def _make_stmt(toks: list[Tok], boundary: str) -> Stmt:
    parts, rels = _split_relations(toks)
    st = Stmt(parts, rels, boundary)
    if any(not p for p in parts[1:]) or (not parts[0] and not rels):
        st.error = "a relation with nothing on one side"
    return st


def _decimal_comma(seg: list[Tok], k: int) -> bool:
    """A comma written between two digits with no space (``0,5``): part of a number."""
    if k == 0 or k + 1 >= len(seg):
        return False
    a, c, b = seg[k - 1], seg[k], seg[k + 1]
    return a.kind == "char" and a.value.isdigit() and b.kind == "char" and b.value.isdigit() \
        and a.end == c.start and c.end == b.start


def _split_commas(seg: list[Tok]) -> list[tuple[list[Tok], str]]:
    """Split at top-level commas between relations; expand ``a, b = 1`` into ``a = 1``, ``b = 1``."""
    pieces: list[list[Tok]] = [[]]
    for k, t in enumerate(seg):
        if t.depth == 0 and t.is_char(",") and not _decimal_comma(seg, k):
            pieces.append([])
        else:
            pieces[-1].append(t)
    if len(pieces) == 1:
        return [(seg, "")]
    out: list[tuple[list[Tok], str]] = []
    cur: list[Tok] = list(pieces[0])
    names: list[list[Tok]] = []
    cur_is_names = True
    comma_tok = next(t for k, t in enumerate(seg) if t.depth == 0 and t.is_char(",")
                     and not _decimal_comma(seg, k))
    for p in pieces[1:]:
        p_rel = has_relation(p)
        if cur_is_names and not has_relation(cur) and _NAME.match(re.sub(r"\s+", "", join_text(cur))):
            names.append(_strip_ws(cur))
            if p_rel:
                k = next(i for i in range(len(p)) if _relation_at(p, i))
                head = _strip_ws(p[:k])
                if _NAME.match(re.sub(r"\s+", "", join_text(head))):
                    for nm in names:
                        out.append((nm + [Tok("ws", " ", nm[-1].end, nm[-1].end, " ")] + p[k:], "comma"))
                    names = []
                    cur = list(p)
                    cur_is_names = False
                    continue
            cur = list(p)
            continue
        if names:   # a list of names that never met a relation: put it back
            back: list[Tok] = []
            for nm in names:
                back += nm + [comma_tok]
            cur = back + cur
            names = []
        cur_is_names = False
        if p_rel and has_relation(cur):
            out.append((cur, "comma"))
            cur = list(p)
        else:
            cur = cur + [comma_tok] + p
    if names:
        back = []
        for nm in names:
            back += nm + [comma_tok]
        cur = back + cur
    out.append((cur, "comma"))
    out[0] = (out[0][0], "")
    return out


def _has_membership(toks: list[Tok]) -> bool:
    r"""A top-level ``\in`` or ``∈``: the statement says what a name is."""
    return any(t.depth == 0 and (t.is_cmd("in") or t.is_char("\u2208")) for t in toks)


def _segment_row(toks: list[Tok], s: str, mode: str, *, block_start: bool) -> tuple[list[Stmt], str | None]:
    """Statements of one row, and an equation number found among them."""
    segs: list[tuple[list[Tok], str]] = [([], "start")]
    amp = 0
    tag = None
    previous_amp = False  # the last token that was not space was a top-level '&'
    for t in toks:
        if t.kind == "ws":
            pass
        elif t.depth == 0 and not t.neutral and t.is_char("&") and previous_amp:
            # '&&' opens the comment column of an align row: a justification, not a claim
            break
        else:
            previous_amp = t.depth == 0 and not t.neutral and t.is_char("&")
        if t.depth == 0 and not t.neutral:
            if t.kind == "cmd" and t.value == "forall":
                # \forall x \in R: f(x) = ... (a condition first) or f(x) = ... \quad \forall x
                prefix = not any(u.kind != "ws" for seg, _ in segs for u in seg)
                segs.append(([], "precondition" if prefix else "condition"))
                continue
            if segs[-1][1] == "precondition" and t.is_char(":", ","):
                segs.append(([], "start"))
                continue
            if (t.kind == "cmd" and t.value in SEPARATOR_CMDS) or t.is_char(";") or \
                    (t.kind == "group" and t.value in ("hspace", "hspace*")):
                segs.append(([], "sep"))
                continue
            if t.is_char("&"):
                amp += 1
                if mode == "align" and amp % 2 == 0:
                    segs.append(([], "sep"))
                continue
            if t.kind == "cmd" and t.value in CONNECTIVE_CMDS:
                segs.append(([], "connective"))
                continue
            if t.kind == "group" and t.value.startswith("text") or t.kind == "group" and t.value == "mbox":
                cls = _text_class(t)
                if cls in ("connective", "define", "condition"):
                    segs.append(([], cls))
                    continue
            if t.kind == "ws" and "\n" in t.text and segs[-1][0]:
                segs.append(([], "newline"))
                continue
        segs[-1][0].append(t)
    stmts: list[Stmt] = []
    first_seg = True
    pending: str | None = None      # a \forall condition written before its statement
    for seg, boundary in segs:
        if boundary == "condition":
            cond = join_text(_strip_edges(seg, s, block_start=False))
            if stmts and cond:
                stmts[-1].condition = cond
            continue
        if boundary == "precondition":
            pending = join_text(_strip_edges(seg, s, block_start=False)) or None
            continue
        for piece, b2 in _split_commas(seg):
            bnd = b2 or boundary
            m = re.fullmatch(r"\((\d{1,3}[a-z]?)\)[.,]?", join_text(piece))
            if m:
                tag = m.group(1)
                continue
            if _QNUM_ALONE.fullmatch(join_text(piece).replace(" ", "")):
                continue
            cleaned = _strip_edges(piece, s, block_start=block_start and first_seg)
            if not cleaned:
                continue
            first_seg = False
            if not has_relation(cleaned):
                if _is_annotation(cleaned):
                    continue
                if _has_membership(cleaned):
                    stmts.append(Stmt([cleaned], [], bnd, declaration=True))
                    continue
                if stmts and bnd in ("sep", "newline", "comma") and not stmts[-1].error:
                    prev = stmts[-1]
                    merged = prev.parts[-1] + [Tok("ws", " ", cleaned[0].start, cleaned[0].start, " ")] + cleaned
                    prev.parts[-1] = merged
                    continue
            st = _make_stmt(cleaned, bnd)
            if pending and st.rels:
                st.condition, pending = pending, None
            stmts.append(st)
    return stmts, tag


_UNWRAP_CONTENT = {"boxed", "fbox", "underbrace", "overbrace", "cancel", "bcancel", "xcancel"}
_UNWRAP_SECOND = {"textcolor", "colorbox"}
_STACKED = {"overset", "underset", "stackrel"}


def _group_at(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """(index of '{', index of its '}') for the brace group starting at or after k."""
    j = k
    while j < len(toks) and toks[j].kind == "ws":
        j += 1
    if j >= len(toks) or not toks[j].is_char("{"):
        return None
    depth = 0
    for m in range(j, len(toks)):
        if toks[m].is_char("{"):
            depth += 1
        elif toks[m].is_char("}"):
            depth -= 1
            if depth == 0:
                return j, m
    return None


def _unwrap(s: str, toks: list[Tok]) -> list[Tok]:
    r"""Look through ``\boxed{..}``, ``\textcolor{c}{..}``, ``{\color{c} ..}``, ``\underbrace{..}_{..}``;
    turn ``\overset{..}{=}`` into one relation token."""
    from .latex_lexer import _stacked

    drop: set[int] = set()
    replace: dict[int, Tok] = {}
    for i, t in enumerate(toks):
        if t.kind != "cmd" or i in drop:
            continue
        name = t.value
        if name in _UNWRAP_CONTENT:
            g = _group_at(toks, i + 1)
            if g is None:
                continue
            drop.update({i, g[0], g[1]})
            if name in ("underbrace", "overbrace"):
                j = g[1] + 1
                while j < len(toks) and toks[j].kind == "ws":
                    j += 1
                if j < len(toks) and toks[j].is_char("_", "^"):
                    label = _group_at(toks, j + 1)
                    stop = label[1] if label else j + 1
                    drop.update(range(j, stop + 1))
        elif name in _UNWRAP_SECOND or name == "color":
            first = _group_at(toks, i + 1)
            if first is None:
                continue
            drop.update(range(i, first[1] + 1))
            if name == "color":
                before = i - 1
                while before >= 0 and toks[before].kind == "ws":
                    before -= 1
                if before >= 0 and toks[before].is_char("{"):
                    outer = _group_at(toks, before)
                    if outer is not None:
                        drop.update(outer)
                continue
            second = _group_at(toks, first[1] + 1)
            if second is not None:
                drop.update(second)
        elif name in _STACKED:
            first = _group_at(toks, i + 1)
            second = _group_at(toks, first[1] + 1) if first else None
            if second is None:
                continue
            try:
                rel, _ = _stacked(s, t.end, t.start)
            except ValueError:
                rel = None
            if rel is not None:
                end = toks[second[1]].end
                replace[i] = Tok("rel", rel.value, t.start, end, s[t.start:end])
                drop.update(range(i + 1, second[1] + 1))
            else:
                drop.update(range(i, first[1] + 1))
                drop.update(second)
    if not drop and not replace:
        return toks
    return [replace.get(i, t) for i, t in enumerate(toks) if i not in drop or i in replace]


def _ends_with_relation(row: list[Tok]) -> bool:
    """The row's last top-level token (after '&') is a relation: its right side is on the next row."""
    k = len(row) - 1
    while k >= 0 and (row[k].kind == "ws" or row[k].is_char("&")):
        k -= 1
    if k < 0:
        return False
    start = k - 1 if k and row[k - 1].end == row[k].start and row[k - 1].is_char(":", "<", ">", "!") else k
    found = _relation_at(row, start)
    return found is not None and start + found[1] - 1 == k


def _strip_wrappers(toks: list[Tok]) -> tuple[list[Tok], str]:
    """Remove outer ``\\begin{aligned}..\\end{aligned}`` style wrappers; return the row mode."""
    mode = "align"
    while True:
        idx = [i for i, t in enumerate(toks) if t.kind != "ws"]
        if len(idx) < 2:
            return toks, mode
        b, e = toks[idx[0]], toks[idx[-1]]
        if not (b.kind == "begin" and e.kind == "end" and b.value == e.value
                and b.value in _WRAPPERS_ROWS | _WRAPPERS_SINGLE):
            return toks, mode
        depth = 0
        for i in idx:
            t = toks[i]
            if t.kind == "begin" and t.value == b.value:
                depth += 1
            elif t.kind == "end" and t.value == b.value:
                depth -= 1
                if depth == 0 and i != idx[-1]:
                    return toks, mode
        if b.value.startswith("multline"):
            mode = "multline"
        elif b.value.startswith(("eqnarray", "IEEEeqnarray")):
            mode = "eqnarray"
        inner = toks[idx[0] + 1: idx[-1]]
        # drop an argument such as [t] or {2} right after \begin{..}
        k = 0
        if inner and inner[0].is_char("[", "{"):
            close = "]" if inner[0].value == "[" else "}"
            j = next((j for j, t in enumerate(inner) if t.is_char(close)), None)
            if j is not None and j < 6:
                k = j + 1
        toks = inner[k:]


def split_block(s: str, start: int, end: int, *, display: bool = True, after_bullet: bool = False) -> list[Row]:
    """Rows of statements for the math ``s[start:end]`` (delimiters already excluded).

    ``after_bullet``: the block is a list item's (``- $$- e^{z} = …$$``), so a dash that starts
    it is a minus sign: the bullet is outside.
    """
    toks = [t for t in tokenize(s, start, end)
            if t.kind != "noise" and not (t.kind == "cmd" and t.value in DROPPED_CMDS)
            and not (t.kind == "group" and t.value == "label")]
    toks = _unwrap(s, toks)
    toks, mode = _strip_wrappers(toks)
    assign_depth(toks, parens=False)
    rows_toks: list[list[Tok]] = [[]]
    carried = False     # the row before ended in a relation: this one goes on with it
    for t in toks:
        if t.depth == 0 and ((t.kind == "cmd" and t.value in ROW_BREAK_CMDS)
                             or (t.kind == "group" and t.value in ("intertext", "shortintertext"))):
            if mode == "multline" or (t.kind == "cmd" and _ends_with_relation(rows_toks[-1])):
                rows_toks[-1].append(Tok("ws", " ", t.start, t.end, " "))
                carried = mode != "multline"
            else:
                rows_toks.append([])
            continue
        if carried:
            if t.kind == "ws":
                continue
            if t.depth == 0 and t.is_char("&"):
                continue        # the alignment mark that starts the right side
            carried = False
        rows_toks[-1].append(t)
    rows: list[Row] = []
    for n, rt in enumerate(rows_toks):
        row = Row(start=rt[0].start if rt else start, end=rt[-1].end if rt else start)
        tags = [t for t in rt if t.kind == "group" and t.value == "tag"]
        if tags:
            row.tag = tags[-1].arg.strip()
            rt = [t for t in rt if t not in tags]
        rt = _strip_ws(rt)
        if not rt:
            if row.tag:
                rows.append(row)
            continue
        raw = s[rt[0].start:rt[-1].end]
        m = _TRAILING_TAG.search(raw)
        if m:
            row.tag = row.tag or m.group(1)
            rt = _strip_ws([t for t in rt if t.start < rt[0].start + m.start()])
            if not rt:
                rows.append(row)
                continue
        reason = _trailing_reason(raw)
        if reason is not None:   # \qquad (\text{da } \sigma' = \sigma(1-\sigma)): the row's justification
            rt = _strip_ws([t for t in rt if t.start < rt[0].start + reason])
            if not rt:
                rows.append(row)
                continue
        if not assign_depth(rt, parens=True) and not assign_depth(rt, parens=False):
            row.error = "unbalanced braces { } or \\begin/\\end"
            rows.append(row)
            continue
        unknown = next((t.value for t in rt if t.kind == "begin" and t.value not in KNOWN_INNER_ENVS), None)
        if unknown is not None:
            row.error = f"the environment '{unknown}' is not read"
            rows.append(row)
            continue
        stmts, tag = _segment_row(rt, s, mode, block_start=(n == 0 and display and not after_bullet))
        row.tag = row.tag or tag
        row.stmts = stmts
        if n > 0 and len(stmts) >= 1 and not stmts[0].rels and rows and rows[-1].stmts:
            row.merge_up = True
        rows.append(row)
    return rows
