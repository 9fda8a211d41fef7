"""The catalog: identities and facts, each a derivation with justified steps.

Every step of every entry is checked by the equivalence engine before it is
shown.

>>> from derivations.catalog import ids, get
>>> "sigmoid-derivative" in ids()
True
>>> [s.evidence.verdict for s in get("tanh-sigmoid").steps]
['proved', 'proved', 'proved', 'proved', 'proved']
"""

# registration order is the order of `derivations list`
from . import sigmoid_tanh  # noqa: F401,I001
from . import rectifiers  # noqa: F401
from . import smooth  # noqa: F401
from . import softmax  # noqa: F401
from . import linear  # noqa: F401
from . import bounds  # noqa: F401
from .registry import Entry, UnknownEntry, all_entries, build, closest, entries, get, ids

__all__ = ["Entry", "UnknownEntry", "all_entries", "build", "closest", "entries", "get", "ids"]
