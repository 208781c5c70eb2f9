"""Tanya Kodepeksos: answers questions about the IPSPI social workers' code of ethics by quoting it.

The pipeline, one module per stage::

    corpus text -> parse -> chunk -> embed + lexical -> index (save/load) -> search -> answer -> cli / app

Nothing here generates text: every answer line is a verbatim quote or fixed wording
(``assistant.wording``).
"""

__version__ = "0.1.0"
