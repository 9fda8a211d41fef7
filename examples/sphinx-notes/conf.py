# Course notes with derivations checked at build time: `sphinx-build -W` fails on a wrong step.
# Needs `pip install 'derivations[sphinx]'`; build with `make html` or `make latexpdf`.
project = "Neural networks, week 3"
author = "The course team"
extensions = ["myst_parser", "derivations.sphinx"]
myst_enable_extensions = ["dollarmath", "amsmath"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
# derivations.sphinx registers a MathML renderer for the page's own math too: no MathJax, no CDN
html_theme = "alabaster"
html_theme_options = {"nosidebar": False, "page_width": "64rem"}
latex_documents = [("index", "week3.tex", project, author, "howto")]
