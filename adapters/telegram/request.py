"""python-telegram-bot's HTTP on aiohttp instead of httpx.

Sending a reply through httpx and httpcore cost more CPU than anything else on the message path
once the database work had shrunk (`bench/RESULTS.md`); aiohttp's client does the same request
in less, and Spotter already depends on aiohttp for its webhook server. The behaviour a
`BaseRequest` promises is kept: the same default timeouts as `HTTPXRequest`, a timeout raised
as `TimedOut`, any other transport failure as `NetworkError`, files sent as multipart.
"""

from __future__ import annotations

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT_S = 5.0
# Connections kept per host: replies to many chats go out side by side.
CONNECTIONS = 64


class AiohttpRequest(BaseRequest):
    """One aiohttp session per request object; `Bot` keeps two (updates, everything else)."""

    __slots__ = ("_connections", "_session")

    def __init__(self, connections: int = CONNECTIONS) -> None:
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return DEFAULT_TIMEOUT_S

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections, limit_per_host=self._connections)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        write_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=_seconds(pool_timeout, 1.0),
            sock_connect=_seconds(connect_timeout, DEFAULT_TIMEOUT_S),
            sock_read=_seconds(read_timeout, DEFAULT_TIMEOUT_S),
        )
        headers = {"User-Agent": self.USER_AGENT}
        try:
            async with self._session.request(
                method, url, data=_body(request_data), headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _seconds(value: float | object | None, default: float) -> float | None:
    if value is BaseRequest.DEFAULT_NONE:
        return default
    return value if value is None or isinstance(value, int | float) else default


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Parameters as a form, JSON-encoded each (as PTB's httpx request sends them); with files,
    the same fields and the files as multipart."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    files = request_data.multipart_data
    if not files:
        return fields
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
