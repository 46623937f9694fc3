"""The one exception hierarchy of argmap; api/ maps each class to an HTTP status."""


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""


class NotFound(ArgmapError):
    """An id that no stored document or statement has."""


class InvalidInput(ArgmapError):
    """Input that cannot be parsed or stored: the message says what is wrong."""


class TooLarge(InvalidInput):
    """Input over a configured size limit."""


class StoreUnavailable(ArgmapError):
    """The database cannot be reached or timed out; nothing was written."""


class ExportToolMissing(ArgmapError):
    """An external program a format needs (Graphviz ``dot``) is not installed or failed."""


class BudgetExceeded(ArgmapError):
    """A read stopped before it finished: its time budget ran out, its client went away, or the
    server is shutting down. Nothing was written."""
