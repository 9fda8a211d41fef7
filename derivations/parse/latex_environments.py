r"""``\begin{cases}`` and matrix environments for the LaTeX parser (a mixin of
:class:`.latex_parser.Parser`): Piecewise and ImmutableMatrix.
"""

from __future__ import annotations

from sympy import And, Eq, Ge, Gt, ImmutableMatrix, Le, Lt, Ne, Piecewise, S
from sympy.matrices import MatrixBase

from ..vocabulary import Relation
from .latex_lexer import Token

#: the relations a condition can hold, as SymPy relationals
_CONDITIONS = {Relation.EQ: Eq, Relation.LT: Lt, Relation.LE: Le, Relation.GT: Gt, Relation.GE: Ge,
               Relation.NE: Ne}
_ARRAY_ENVS = {"bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix", "array", "bmatrix*",
               "pmatrix*"}


class EnvironmentsMixin:
    def environment(self):
        tok = self.peek()
        env = tok.value
        self.i += 1
        if env == "cases":
            return self.cases(tok)
        if env in _ARRAY_ENVS:
            if env == "array" and self.peek().kind == "{":
                self.i = self.matching(self.i) + 1
            return self.matrix(tok, env)
        if env in ("aligned", "align", "align*", "split", "gathered", "equation",
                   "equation*"):
            self.fail(f"the '{env}' environment holds several lines; split it first", tok,
                      "separator")
        self.fail(f"unknown environment '{env}'", tok, "unknown")

    def end(self, env: str, begin_tok: Token):
        tok = self.peek()
        if tok.kind == "end" and tok.value == env:
            self.i += 1
            return
        if tok.kind == "eof":
            self.fail(f"\\begin{{{env}}} at column {begin_tok.pos + 1} is never ended", tok)
        self.unexpected(tok, f"\\end{{{env}}}")

    def matrix(self, begin_tok: Token, env: str):
        rows, row = [], []
        while True:
            tok = self.peek()
            if tok.kind == "end":
                break
            if tok.kind == "newline":
                self.i += 1
                rows.append(row)
                row = []
                continue
            row.append(self.expr())
            tok = self.peek()
            if tok.kind == "&":
                self.i += 1
            elif tok.kind not in ("newline", "end"):
                self.unexpected(tok, "'&', '\\\\' or \\end")
        if row:
            rows.append(row)
        self.end(env, begin_tok)
        if not rows:
            self.fail("empty matrix", begin_tok)
        width = len(rows[0])
        if any(len(r) != width for r in rows):
            self.fail("the rows of this matrix have different lengths", begin_tok)
        if any(isinstance(v, MatrixBase) for r in rows for v in r):
            self.fail("a matrix inside a matrix is not supported", begin_tok, "unsupported")
        return ImmutableMatrix(rows)

    def cases(self, begin_tok: Token, env: str = "cases"):
        """Rows ``value & condition`` up to ``\\end{env}`` as a Piecewise."""
        pairs = []
        while True:
            tok = self.peek()
            if tok.kind == "end":
                break
            if tok.kind == "newline":
                self.i += 1
                continue
            value = self.expr()
            sep = self.peek()
            while sep.kind in ("&", ",", "quad"):
                self.i += 1
                sep = self.peek()
            condition = self.condition()
            pairs.append((value, condition))
            tok = self.peek()
            while tok.kind in (",", ".", ";"):
                self.i += 1
                tok = self.peek()
            if tok.kind == "newline":
                self.i += 1
            elif tok.kind != "end":
                self.unexpected(tok, "'\\\\' or \\end{cases}")
        self.end(env, begin_tok)
        if not pairs:
            self.fail("empty cases", begin_tok)
        if any(isinstance(v, MatrixBase) for v, _ in pairs):
            self.fail("matrices inside cases are not supported", begin_tok, "unsupported")
        try:
            return Piecewise(*pairs)
        except (TypeError, ValueError) as exc:
            self.fail(f"cannot build these cases: {exc}", begin_tok)

    def condition(self):
        tok = self.peek()
        if tok.kind == "kw" and tok.value in ("otherwise", "else", "elsewhere"):
            self.i += 1
            return S.true
        if tok.kind == "kw" and tok.value in ("if", "for", "when", "where"):
            self.i += 1
            tok = self.peek()
            if tok.kind == "kw" and tok.value in ("otherwise", "else"):
                self.i += 1
                return S.true
        if tok.kind in ("newline", "end"):
            self.fail("a case without a condition", tok)
        result = self.inequality_chain()
        while self.peek().kind == "kw" and self.peek().value == "and":
            self.i += 1
            result = And(result, self.inequality_chain())
        return result

    def inequality_chain(self):
        left = self.expr()
        clauses = []
        while self.peek().kind == "rel":
            rel = self.peek()
            if rel.value not in _CONDITIONS:
                self.fail(f"'{self.source(rel)}' in a condition", rel)
            self.i += 1
            right = self.expr()
            clauses.append(self._combine(lambda a, b: _CONDITIONS[rel.value](a, b), left, right,
                                         rel, "compare"))
            left = right
        if not clauses:
            self.unexpected(self.peek(), "a condition such as x > 0")
        return clauses[0] if len(clauses) == 1 else And(*clauses)
