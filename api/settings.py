"""All configuration, read once from the environment (and ./.env) by pydantic-settings.

One class, :class:`Settings`, holds every setting: it extends the store's settings
(graph.store.settings) and the use cases' (services.settings) with the HTTP-only ones
below. :func:`get_settings` is the only place that reads the environment; nothing else
in argmap reads os.environ. Every variable is ``ARGMAP_<FIELD>`` (Neo4j's also
``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``).
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr, field_validator

from services.settings import ServiceSettings


class Settings(ServiceSettings):
    api_key: SecretStr | None = None
    """When set, writes (POST/PUT/PATCH/DELETE) need it in the X-API-Key header. Unset means no key;
    set to an empty (or blank) string it is refused at start-up, since it would accept an empty header."""
    api_key_for_reads: bool = False
    """With an api_key set, require it for reads too."""

    max_body_bytes: int = 8 * 1024 * 1024
    """Largest request body the API accepts (413 above it)."""

    request_budget_s: float = Field(30.0, gt=0)
    """Longest a read (GET) may work; past it the read stops and answers 503. A read also stops
    when its client disconnects."""
    shutdown_grace_s: int = Field(3, ge=0)
    """On SIGTERM/SIGINT: how long running requests get to finish before they are cancelled."""

    neo4j_browser_origins: list[str] = ["http://127.0.0.1:7474", "http://localhost:7474"]
    """Origins allowed (CORS) to fetch /neo4j/style.grass and /neo4j/guide, i.e. Neo4j Browser's address.
    JSON list in the environment, e.g. ARGMAP_NEO4J_BROWSER_ORIGINS='["http://127.0.0.1:7474"]'.
    No other path sends CORS headers."""

    @field_validator("api_key")
    @classmethod
    def _key_is_not_blank(cls, key: SecretStr | None) -> SecretStr | None:
        if key is not None and not key.get_secret_value().strip():
            raise ValueError("ARGMAP_API_KEY is set but empty; set a real key, or unset it to run without one")
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # values come from the environment
