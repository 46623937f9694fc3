"""Settings of the stores: which one, where its data lives, how to reach Neo4j.

A pydantic-settings base class only: api.settings.Settings extends it (with the
services' and the HTTP settings) and is the one class read from the environment,
once, by api.settings.get_settings. Nothing else in argmap reads os.environ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class StoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARGMAP_", env_file=".env", extra="ignore")

    store: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path("data")

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias=AliasChoices("NEO4J_URI", "ARGMAP_NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "ARGMAP_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        SecretStr("argmap-password"), validation_alias=AliasChoices("NEO4J_PASSWORD", "ARGMAP_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "ARGMAP_NEO4J_DATABASE"))
    neo4j_query_timeout_s: float = 10.0
    neo4j_connect_timeout_s: float = 5.0

    @property
    def embedded_path(self) -> Path:
        return self.data_dir / "argmap.sqlite3"
