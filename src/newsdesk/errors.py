"""One exception base class for the library, so callers can catch newsdesk's errors and nothing else."""


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """An input (file, record, line) that cannot be read; the message names the input and the reason."""


class ExtractionError(NewsdeskError):
    """A document was read but no article could be extracted from it."""


class StoreError(NewsdeskError):
    """The store cannot be opened or written (locked by another ingest, newer schema, corrupt file)."""
