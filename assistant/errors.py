"""The package's own errors. The edges (CLI, app) translate them into messages for people."""


class AssistantError(Exception):
    """Base class: every error the assistant raises on purpose. Messages are Indonesian."""


class CorpusError(AssistantError):
    """The corpus file is missing or does not have the structure the parser expects."""


class IndexStateError(AssistantError):
    """The index folder is missing, stale, corrupt or built for another model."""


class ModelError(AssistantError):
    """The embedding model cannot be loaded (missing package, wrong path, no internet)."""


class InputError(AssistantError):
    """A question or an evaluation file that cannot be used as given."""


class SettingsError(AssistantError):
    """A ``TANYA_*`` setting has a value that cannot be used."""
