"""Tanya Kodepeksos in the browser: ``python app.py`` serves the chat at http://127.0.0.1:7860/
and the light pages (``/lite``, ``/pasal/7`` …) from the same process.

Host and port follow Gradio's own ``GRADIO_SERVER_NAME`` / ``GRADIO_SERVER_PORT``. The work
is in the package, so an installed wheel serves the same (``tanya-kodepeksos serve``):
``assistant.ui`` lays out the chat, ``assistant.web`` serves it beside the light pages.
Importing this file starts nothing, loads no model and not even Gradio (which reads
``GRADIO_SERVER_PORT`` on import: a bad value must get the app's own message first).
"""

from __future__ import annotations


def main() -> None:
    from assistant.web import main as serve

    serve()


if __name__ == "__main__":
    main()
