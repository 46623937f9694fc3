"""Settings of the use cases (importing, the seeds), on top of the store's.

Read from the environment only through api.settings.get_settings (see graph.store.settings).
"""

from __future__ import annotations

from pathlib import Path

from graph.store.settings import StoreSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ServiceSettings(StoreSettings):
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    import_seeds_on_start: bool = True
    """Import seeds/ when the API starts on an empty store."""
    max_document_chars: int = 2_000_000
    """Largest extracted document text an import accepts."""
    gazetteers: list[Path] = sorted((PROJECT_ROOT / "importers" / "gazetteers" / "actors").glob("*.json"))
    """Actor gazetteers (JSON files; default: every file in importers/gazetteers/actors/); an earlier file
    wins on a shared alias. JSON list in the environment: name the default too to extend it, leave it out to
    replace it."""
    world_states: bool = True
    """Also know the world's states (pycountry, ISO 3166-1) and their demonyms as actors."""
