"""The issue's case on the op-ed, chosen from whatever the importers make of it (no statement ids or
counts are assumed): which counterarguments leave the thesis rejected, and which later statement of
the text an analyst would take as the author's answer to each."""

from __future__ import annotations

from collections.abc import Sequence


def unanswered_attackers(relations: Sequence[tuple[str, str, str]], thesis: str, accepted: set[str]) -> list[str]:
    """Attackers of the thesis that stand (nothing answers them), in relation order."""
    return list(dict.fromkeys(s for s, t, kind in relations if kind == "ATTACKS" and t == thesis and s in accepted))


def pick_replies(order: Sequence[str], relations: Sequence[tuple[str, str, str]], thesis: str,
                 attackers: Sequence[str]) -> dict[str, str]:
    """For each attacker, the first later statement (in text order) that is not the thesis, not
    attacked, not an attacker of the thesis and unrelated to the attacker; one related to nothing
    if there is such a one. Each statement answers one attacker at most."""
    attacked = {t for _, t, kind in relations if kind == "ATTACKS"}
    related = {end for s, t, _ in relations for end in (s, t)}
    used: set[str] = set()
    replies = {}
    for attacker in attackers:
        later = order[order.index(attacker) + 1:]
        pairs = {(s, t) for s, t, _ in relations}
        eligible = [s for s in later if s != thesis and s not in attacked and s not in attackers and s not in used
                    and (s, attacker) not in pairs and (attacker, s) not in pairs]
        reply = next((s for s in eligible if s not in related), None) or eligible[0]
        replies[attacker] = reply
        used.add(reply)
    return replies


def counterargument_to_make(order: Sequence[str], relations: Sequence[tuple[str, str, str]], thesis: str) -> str:
    """When the importers already answer every attack on the thesis: the statement an analyst makes a
    (new, unanswered) counterargument of it, so the case can be played: the first one after the
    thesis that is unrelated to it and not attacked."""
    attacked = {t for _, t, kind in relations if kind == "ATTACKS"}
    touching = {s for s, t, _ in relations if t == thesis} | {t for s, t, _ in relations if s == thesis}
    return next(s for s in order[order.index(thesis) + 1:] if s not in attacked and s not in touching)
