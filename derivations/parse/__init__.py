"""Reading math: student LaTeX -> SymPy (:mod:`.latex`)."""

from .latex import RELATIONS, Chain, ParseError, parse_expression, parse_relation_chain

__all__ = ["Chain", "ParseError", "parse_expression", "parse_relation_chain", "RELATIONS"]
