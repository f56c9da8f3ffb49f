"""`/healthz` and `/metrics` for operators, on their own small HTTP server.

`/healthz` answers 200 when the database answers and every platform is connected, else 503,
with the parts as JSON (and whether this process leads the scheduler or stands by): what a
container's HEALTHCHECK, a load balancer or a monitor asks. `/metrics` is Prometheus' text
format: the counters of `bot.metrics` with the inbox and outbox depths read at each scrape.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select

from bot.metrics import INBOX_DEPTH, OUTBOX_DEPTH
from bot.store.repository import Store, Tx
from bot.store.tables import INBOX, OUTBOX

log = logging.getLogger(__name__)

DATABASE_TIMEOUT_S = 3.0


class Connected(Protocol):
    """An adapter as health sees it: its platform (for the name) and whether it is connected."""

    @property
    def platform(self) -> object: ...

    def connected(self) -> bool: ...


class Ops:
    def __init__(
        self, store: Store, adapters: Sequence[Connected], leading: Callable[[], bool | None]
    ) -> None:
        self.store = store
        self.adapters = adapters
        self.leading = leading  # True leader, False standby, None no scheduler yet
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self, listen: str, port: int) -> None:
        """Serve on `listen:port` (0 picks a free port); a port in use is logged, not fatal."""
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, listen, port)
        try:
            await site.start()
        except OSError as exc:
            log.warning("health and metrics not served: %s:%d is taken (%s)", listen, port, exc.strerror)
            await runner.cleanup()
            return
        self._runner = runner
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("health and metrics on http://%s:%d/healthz and /metrics", listen, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def healthz(self, _request: web.Request) -> web.Response:
        database = await self._database_answers()
        platforms = {_name(a): "connected" if a.connected() else "disconnected" for a in self.adapters}
        leading = self.leading()
        body = {
            "status": "ok" if database and all(v == "connected" for v in platforms.values()) else "unhealthy",
            "database": "ok" if database else "unreachable",
            "platforms": platforms,
            "scheduler": "starting" if leading is None else "leader" if leading else "standby",
        }
        return web.Response(
            text=json.dumps(body),
            status=200 if body["status"] == "ok" else 503,
            content_type="application/json",
        )

    async def metrics(self, _request: web.Request) -> web.Response:
        try:
            inbox, outbox = await asyncio.wait_for(self.store.run(_depths), DATABASE_TIMEOUT_S)
            INBOX_DEPTH.set(inbox)
            OUTBOX_DEPTH.set(outbox)
        except Exception as exc:  # the counters are still worth serving
            log.warning("metrics: depths unavailable (%s)", type(exc).__name__)
        return web.Response(body=generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _database_answers(self) -> bool:
        try:
            await asyncio.wait_for(self.store.run(_ping), DATABASE_TIMEOUT_S)
        except Exception:
            return False
        return True


async def _ping(tx: Tx) -> None:
    await tx.session.execute(select(1))


async def _depths(tx: Tx) -> tuple[int, int]:
    inbox = await tx.session.execute(
        select(func.count()).select_from(INBOX).where(INBOX.c.handled_at.is_(None))
    )
    outbox = await tx.session.execute(
        select(func.count()).select_from(OUTBOX).where(OUTBOX.c.done_at.is_(None))
    )
    return int(inbox.scalar_one()), int(outbox.scalar_one())


def _name(adapter: Connected) -> str:
    return str(getattr(adapter.platform, "name", type(adapter).__name__))
