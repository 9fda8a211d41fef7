"""Reading math: student LaTeX -> SymPy (:mod:`.latex`), documents -> chains (:mod:`.documents`)."""

from .latex import (
    RELATIONS,
    Annotation,
    Chain,
    FunctionHead,
    ParseError,
    function_head,
    parse_annotation,
    parse_expression,
    parse_relation_chain,
    written_numbers,
)

__all__ = ["Chain", "ParseError", "parse_expression", "parse_relation_chain", "RELATIONS",
           "Annotation", "parse_annotation", "FunctionHead", "function_head", "written_numbers"]
