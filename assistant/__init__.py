"""Tanya Kodepeksos: answers questions about the IPSPI social workers' code of ethics by quoting it.

The pipeline, one module per stage::

    corpus text -> parse -> chunk -> embed + lexical -> index (save/load) -> search -> answer -> cli / app

Nothing here generates text: every answer line is a verbatim quote or fixed wording
(``assistant.wording``).
"""

import os

__version__ = "0.1.0"

# ONNX Runtime (1.29 and later) records usage events in ~/.cache/Microsoft/DeveloperTools and
# uploads them to Microsoft unless this is set before its first session: users type about
# clients, and this assistant sends nothing anywhere. Set here, before any module of the
# package can import onnxruntime.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
