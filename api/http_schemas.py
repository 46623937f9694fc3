"""Pydantic models only HTTP has: request bodies, the health answer, the error body.
The answers of queries (shared with the CLI) are in services.answers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from importers.base import MAX_AUTHOR_CHARS, MAX_AUTHORS, MAX_PUBLISHED_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS

AuthorName = Annotated[str, Field(min_length=1, max_length=MAX_AUTHOR_CHARS)]


class DocumentCreate(BaseModel):
    """A document to import, sent as JSON."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The full text (plain text or Markdown).",
                      examples=["Mali should negotiate.\n\nTalks worked before, because ..."])
    title: str | None = Field(None, max_length=MAX_TITLE_CHARS, examples=["Why Mali should negotiate"])
    authors: list[AuthorName] = Field(default_factory=list, max_length=MAX_AUTHORS, examples=[["Jane Analyst"]])
    publisher: str | None = Field(None, max_length=MAX_TITLE_CHARS)
    published: str | None = Field(None, max_length=MAX_PUBLISHED_CHARS, examples=["2021-03-01"])
    url: str | None = Field(None, max_length=MAX_URL_CHARS)
    importer: str | None = Field(None, description="Importer to use instead of detecting the genre.",
                                 examples=["generic"])


class HealthPublic(BaseModel):
    status: Literal["ok", "unavailable"]
    store: str
    detail: str | None = None


class ErrorPublic(BaseModel):
    detail: str
