"""Errors in problem files: one clear message naming the file, line, problem and field.

>>> str(ProblemError("must be a number", problem="two-layer", field="learning_rate", line=7, path="ex.toml"))
"ex.toml:7: problem 'two-layer', field 'learning_rate': must be a number"
"""

from __future__ import annotations


class ProblemError(ValueError):
    """A problem (or problem file) that cannot be solved as written."""

    def __init__(self, message: str, *, problem: str | None = None, field: str | None = None,
                 line: int | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.problem = problem
        self.field = field
        self.line = line
        self.path = path

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        parts = []
        if self.problem is not None:
            parts.append(f"problem {self.problem!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        head = ", ".join(parts)
        return where + (head + ": " if head else "") + self.message


class ProblemFileError(ValueError):
    """Every error found in one file (validation goes on after the first)."""

    def __init__(self, errors: list[ProblemError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
