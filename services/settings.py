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
