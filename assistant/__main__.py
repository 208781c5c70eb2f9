"""``python -m assistant``: the command-line interface (see ``assistant.cli``)."""

from assistant.cli import main

if __name__ == "__main__":
    main()
