"""All configuration, read once from the environment (and ./.env) by pydantic-settings.

Nothing else in argmap reads os.environ.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARGMAP_", env_file=".env", extra="ignore")

    store: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path("data")
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    import_seeds_on_start: bool = True

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias=AliasChoices("NEO4J_URI", "ARGMAP_NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "ARGMAP_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        SecretStr("argmap-password"), validation_alias=AliasChoices("NEO4J_PASSWORD", "ARGMAP_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "ARGMAP_NEO4J_DATABASE"))
    neo4j_query_timeout_s: float = 10.0
    neo4j_connect_timeout_s: float = 5.0

    api_key: SecretStr | None = None
    """When set, writes (POST/PUT/PATCH/DELETE) need it in the X-API-Key header."""
    api_key_for_reads: bool = False
    """With an api_key set, require it for reads too."""

    max_body_bytes: int = 8 * 1024 * 1024
    """Largest request body the API accepts (413 above it)."""
    max_document_chars: int = 2_000_000
    """Largest extracted document text an import accepts."""

    neo4j_browser_origins: list[str] = ["http://127.0.0.1:7474", "http://localhost:7474"]
    """Origins allowed (CORS) to fetch /neo4j/style.grass and /neo4j/guide, i.e. Neo4j Browser's address.
    JSON list in the environment, e.g. ARGMAP_NEO4J_BROWSER_ORIGINS='["http://127.0.0.1:7474"]'.
    No other path sends CORS headers."""

    gazetteers: list[Path] = [PROJECT_ROOT / "importers" / "gazetteers" / "sahel.json"]
    """Actor gazetteers (JSON files, see importers/gazetteers/sahel.json), earlier files win on a shared alias.
    JSON list in the environment: list the default too to extend it, leave it out to replace it."""
    world_states: bool = True
    """Also know the world's states (pycountry, ISO 3166-1) and their demonyms as actors."""

    @property
    def embedded_path(self) -> Path:
        return self.data_dir / "argmap.sqlite3"


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # values come from the environment
