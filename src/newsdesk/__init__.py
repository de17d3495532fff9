"""newsdesk: raw news in, grounded intelligence out."""

from newsdesk.errors import ExtractionError, InputError, NewsdeskError, StoreError

__version__ = "0.1.0"

__all__ = ["ExtractionError", "InputError", "NewsdeskError", "StoreError", "__version__"]
