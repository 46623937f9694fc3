"""Secrets never reach the access log: a key sent in a query string is redacted before uvicorn prints it."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, quote_plus

ACCESS_LOGGER = "uvicorn.access"
REDACTED = "[redacted]"
# The value of any query parameter whose name says it holds a credential (api_key, X-API-Key, token, ...).
_SECRET_PARAMETER = re.compile(r"(?i)([?&;][^=&#\s]*(?:key|token|secret|passw|auth)[^=&#\s]*=)[^&#\s\"]*")


class RedactSecrets(logging.Filter):
    """Rewrites a log record's arguments: credential-named query parameters and the configured
    secrets themselves (plain or URL-encoded) are replaced by [redacted]."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        variants = {v for s in secrets if s for v in (s, quote(s, safe=""), quote_plus(s))}
        self._secrets = sorted(variants, key=len, reverse=True)

    def redact(self, text: str) -> str:
        text = _SECRET_PARAMETER.sub(lambda m: m.group(1) + REDACTED, text)
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self.redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = self.redact(record.msg)
        return True
