"""Parameters several routes share, each documented once with a real example from the
seeds (so "Try it out" on /docs works against a fresh `make serve`)."""

from typing import Annotated

from fastapi import Path, Query

from graph.store.base import MAX_OFFSET, MAX_PAGE

SEED_DOCUMENT = "doc-4821be2a80a2cfa2"  # the CSIS brief
SEED_RECOMMENDATION = "st-fcca428797cdfab5"  # "A Cautious Dialogue with Militants."
SEED_EVIDENCE = "st-df7cb153c1b989f1"  # the 180-for-4 prisoner exchange

DocumentId = Annotated[str, Path(description="Document id", max_length=100, examples=[SEED_DOCUMENT])]
StatementId = Annotated[str, Path(description="Statement id", max_length=100, examples=[SEED_RECOMMENDATION])]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (1..{MAX_PAGE})", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip (0..{MAX_OFFSET})", examples=[0])]
DocumentsShown = Annotated[int, Query(ge=0, le=MAX_PAGE, description=f"Documents listed per item (0..{MAX_PAGE}), "
                                       "first imported first; the item's document_count says how many there are",
                                       examples=[20])]
