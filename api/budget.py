"""Every read request runs under a time budget (graph.budget), cancelled when its client goes away."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph import budget

READ_METHODS = frozenset({"GET", "HEAD"})
CLIENT_GONE = "the client closed the connection before the answer was ready"


class RequestBudget:
    """Gives a GET ``seconds`` of work and watches its connection: a disconnect cancels the budget,
    so the store and the algorithms stop at their next check instead of working for nobody."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READ_METHODS:
            await self.app(scope, receive, send)
            return
        with budget.limited(self.seconds) as limit:
            first = await receive()
            if first["type"] == "http.disconnect":
                return
            if first.get("more_body", False):  # a GET with a streamed body: nothing to watch cheaply
                await self.app(scope, _replay(first, receive), send)
                return
            gone = asyncio.Event()

            async def watch() -> None:
                while (await receive())["type"] != "http.disconnect":
                    pass
                limit.cancel(CLIENT_GONE)
                gone.set()

            pending: list[Message] = [first]

            async def app_receive() -> Message:
                if pending:
                    return pending.pop()
                await gone.wait()
                return {"type": "http.disconnect"}

            watcher = asyncio.create_task(watch())
            try:
                await self.app(scope, app_receive, send)
            finally:
                watcher.cancel()


def _replay(first: Message, receive: Receive) -> Receive:
    pending = [first]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay
