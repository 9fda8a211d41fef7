"""Derivations where course notes and grading already live.

* :mod:`.sphinx`: a Sphinx extension (``extensions = ["derivations.sphinx"]``) with ``derivation``
  and ``exercise`` directives, for reST and MyST alike;
* :mod:`.mkdocs`: a Python-Markdown extension and a MkDocs plugin with the same two blocks;
* :mod:`.gradescope`: ``results.json`` for Gradescope's autograder, scored from a rubric.

Each is optional (``pip install 'derivations[sphinx]'`` or ``'[mkdocs]'``); the core package never
imports them.  :mod:`.blocks` is what the notes integrations share, :mod:`.mathml` the offline math.
"""
