"""Reading a regular expression's own text: the importers' fast paths (gates, first-character dispatch) derive
what a pattern can match from its source instead of keeping a second, hand-written list that could drift."""

from __future__ import annotations


def top_level_alternatives(body: str) -> list[str] | None:
    """The top-level alternatives of a regex, or None when its brackets do not balance (or a class opens
    with "]", which this reading does not follow)."""
    if "[]" in body or "[^]" in body:
        return None
    parts: list[str] = []
    depth = start = i = 0
    in_class = False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None  # "a)|(?:b": the brackets around the whole are not one group
        elif char == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    return None if depth or in_class else [*parts, body[start:]]
