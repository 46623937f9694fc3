"""Pydantic models only HTTP has: request bodies, the health answer, the error body.
The answers of queries (shared with the CLI) are in services.answers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import AttackMode, StatementKind, Verdict
from importers.base import MAX_AUTHOR_CHARS, MAX_AUTHORS, MAX_PUBLISHED_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS

AuthorName = Annotated[str, Field(min_length=1, max_length=MAX_AUTHOR_CHARS)]


class DocumentCreate(BaseModel):
    """A document to import, sent as JSON."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The full text (plain text or Markdown).",
                      examples=["Cities should price congestion.\n\nTraffic fell where they did, because ..."])
    title: str | None = Field(None, max_length=MAX_TITLE_CHARS, examples=["Why cities should price congestion"])
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


class StatementPatch(BaseModel):
    """An analyst's change to one statement; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    kind: StatementKind | None = Field(None, examples=["rebuttal"])
    start: int | None = Field(None, ge=0, description="New span start (code points into the source)")
    end: int | None = Field(None, ge=0, description="New span end; source[start:end] becomes the quote")
    verdict: Verdict | None = Field(None, description="Assumption checks only (and always)", examples=["mixed"])
    speaker: str | None = Field(None, min_length=1, max_length=300, examples=["Alex Thurston"])
    analyst: str | None = Field(None, max_length=200, description="Who makes the change (kept in the history)",
                                examples=["Jane Analyst"])


class RelationCreate(BaseModel):
    """A relation an analyst adds: source SUPPORTS or ATTACKS target."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(max_length=100, examples=["st-df7cb153c1b989f1"])
    target: str = Field(max_length=100, examples=["st-fcca428797cdfab5"])
    type: Literal["SUPPORTS", "ATTACKS"] = Field(examples=["ATTACKS"])
    mode: AttackMode | None = Field(None, description="ATTACKS only: rebut (default) or undercut",
                                    examples=["rebut"])
    analyst: str | None = Field(None, max_length=200, examples=["Jane Analyst"])


class AnalystBody(BaseModel):
    """Who does it (kept in the history); optional."""

    model_config = ConfigDict(extra="forbid")

    analyst: str | None = Field(None, max_length=200, examples=["Jane Analyst"])


class ReimportBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    importer: str | None = Field(None, max_length=100, description="Importer to parse with (default: the one "
                                 "that made the map)", examples=["oped"])


class SplitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: int = Field(ge=0, description="Source offset inside the statement where the second part starts",
                    examples=[120])
    analyst: str | None = Field(None, max_length=200, examples=["Jane Analyst"])


class MergeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    other: str = Field(max_length=100, description="The statement merged into this one (it disappears)",
                       examples=["st-df7cb153c1b989f1"])
    analyst: str | None = Field(None, max_length=200, examples=["Jane Analyst"])
