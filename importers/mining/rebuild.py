"""`--check` of the training scripts: committed weights must be what training rebuilds, byte for byte."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path


def check_rebuild(committed: Path, build: Callable[[Path], None]) -> None:
    """Build into a temporary file with ``build(path)``, compare it with ``committed`` and exit 1 if they differ."""
    with tempfile.TemporaryDirectory() as folder:
        rebuilt = Path(folder) / committed.name
        build(rebuilt)
        same = rebuilt.read_bytes() == committed.read_bytes()
    print(f"{committed}: {'identical to' if same else 'DIFFERS from'} the rebuilt weights")
    if not same:
        raise SystemExit(1)
