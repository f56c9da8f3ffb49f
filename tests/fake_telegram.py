"""A fake Telegram Bot API server on 127.0.0.1 that speaks the real JSON over real HTTP.

The real python-telegram-bot client talks to it through its base URL. It serves scripted
updates to `getUpdates` (long polling included), records every call the bot makes, and can be
told to answer the next calls to a method with an error such as a 429 or a 403.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

JSON_FIELDS = {
    "reply_markup",
    "allowed_updates",
    "commands",
    "entities",
    "reply_parameters",
    "link_preview_options",
    "scope",
}

Failure = tuple[int, dict[str, Any]]  # HTTP status and body
# Telegram's limit on a photo's or document's caption, in UTF-16 code units after parsing.
CAPTION_LIMIT = 1024
TOO_LONG_CAPTION = "Bad Request: message caption is too long"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class FakeTelegram:
    token: str = "123456:TEST-TOKEN"
    bot_id: int = 1000
    username: str = "SpotterBot"
    calls: list[Call] = field(default_factory=list)
    sent_times: list[float] = field(default_factory=list)  # perf_counter() of each sendMessage
    failures: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))
    admins: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Errors for sends to one chat only, as Telegram rate-limits a busy group on its own.
    chat_failures: dict[int, list[tuple[int, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    confirmed_offset: int = 0
    # Basic groups upgraded to supergroups: old id → new id (sends to the old id get a 400).
    migrated: dict[int, int] = field(default_factory=dict)
    # Chats whose type is not the default (negative ids are supergroups, positive private).
    chat_types: dict[int, str] = field(default_factory=dict)
    forums: set[int] = field(default_factory=set)
    # Telegram's flood control, modelled: more than this many sendMessage calls in any second
    # are answered 429 (retry after 1 s) and counted; None sends without limit.
    send_limit: float | None = None
    too_many: int = 0
    # Files members sent: file_id → (file name, bytes), served by getFile and /file/bot<token>/.
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # What each message the bot sent says now (chat, message id) → (text, markup), so an edit
    # that changes nothing is refused as Telegram refuses it.
    contents: dict[tuple[int, int], tuple[Any, Any]] = field(default_factory=dict)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))
    _new_update: asyncio.Condition = field(default_factory=asyncio.Condition)
    _new_call: asyncio.Condition = field(default_factory=asyncio.Condition)
    _runner: web.AppRunner | None = None
    port: int = 0
    _closing: bool = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Spotter", "username": self.username}

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    async def stop(self) -> None:
        self._closing = True  # long polls still open answer at once instead of holding up shutdown
        async with self._new_update:
            self._new_update.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    # Scripting updates

    def user(self, user_id: int, first_name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name}

    def chat(self, chat_id: int) -> dict[str, Any]:
        kind = self.chat_types.get(chat_id, "private" if chat_id > 0 else "supergroup")
        if kind == "private":
            return {"id": chat_id, "type": kind, "first_name": "Ana"}
        chat: dict[str, Any] = {"id": chat_id, "type": kind, "title": "Gym"}
        if chat_id in self.forums:
            chat["is_forum"] = True
        return chat

    def message(
        self,
        chat_id: int,
        user: dict[str, Any] | None,
        text: str,
        *,
        reply_to: dict[str, Any] | None = None,
        message_id: int | None = None,
        thread: int | None = None,
        entities: list[dict[str, Any]] | None = None,
        sender_chat: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A Message as Telegram sends it; `thread` puts it in a forum topic."""
        message: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "text": text,
        }
        if user is not None:
            message["from"] = user
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        found = list(entities or [])
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            found.insert(0, {"type": "bot_command", "offset": 0, "length": _utf16_len(command)})
        if found:
            message["entities"] = found
        if thread is not None:
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        elif thread is not None:  # Telegram shows a topic message as a reply to the topic's start
            message["reply_to_message"] = {
                "message_id": thread,
                "date": int(time.time()),
                "chat": self.chat(chat_id),
                "forum_topic_created": {"name": "Topic", "icon_color": 7322096},
            }
        return message

    async def send_text(
        self,
        chat_id: int,
        user: dict[str, Any] | None,
        text: str,
        *,
        update_id: int | None = None,
        **details: Any,
    ) -> dict[str, Any]:
        return await self.add_update({"message": self.message(chat_id, user, text, **details)}, update_id)

    async def send_document(
        self, chat_id: int, user: dict[str, Any], caption: str, file_name: str, data: bytes
    ) -> dict[str, Any]:
        """A member sends a file with a caption (`/import` as the caption, say)."""
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = (file_name, data)
        message = self.message(chat_id, user, caption)
        del message["text"]
        message["caption"] = caption
        if "entities" in message:
            message["caption_entities"] = message.pop("entities")
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_name": file_name,
            "mime_type": "text/csv",
            "file_size": len(data),
        }
        return await self.add_update({"message": message})

    async def edit(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """The author edits `message` (as sent by `send_text`) to say `text`."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if text.startswith("/"):
            edited["entities"] = [{"type": "bot_command", "offset": 0, "length": _utf16_len(text.split()[0])}]
        return await self.add_update({"edited_message": edited})

    async def upgrade(self, chat_id: int, new_chat_id: int, by: dict[str, Any]) -> None:
        """A basic group becomes a supergroup under a new id, as Telegram announces it: a
        service message in each chat; from then on sends to the old id fail with a 400."""
        self.chat_types[chat_id] = "group"
        self.migrated[chat_id] = new_chat_id
        self.admins[new_chat_id] = set(self.admins[chat_id])
        old_notice = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": by,
            "migrate_to_chat_id": new_chat_id,
        }
        new_notice = {
            "message_id": 1,
            "date": int(time.time()),
            "chat": self.chat(new_chat_id),
            "from": by,
            "migrate_from_chat_id": chat_id,
        }
        await self.add_update({"message": old_notice})
        await self.add_update({"message": new_notice})

    async def bot_membership(self, chat_id: int, by: dict[str, Any], old: str, new: str) -> dict[str, Any]:
        """The bot's own status in `chat_id` changes (`member` → `kicked`, `left` → `member`)."""
        bot = {"user": self.bot_user}
        change = {
            "chat": self.chat(chat_id),
            "from": by,
            "date": int(time.time()),
            "old_chat_member": {**bot, "status": old, **_member_extras(old)},
            "new_chat_member": {**bot, "status": new, **_member_extras(new)},
        }
        return await self.add_update({"my_chat_member": change})

    async def tap(
        self, chat_id: int, user: dict[str, Any], data: str, on_message: dict[str, Any]
    ) -> dict[str, Any]:
        query = {
            "id": f"cb{next(self._message_ids)}",
            "from": user,
            "chat_instance": f"ci{chat_id}",
            "data": data,
            "message": on_message,
        }
        return await self.add_update({"callback_query": query})

    async def add_update(self, body: dict[str, Any], update_id: int | None = None) -> dict[str, Any]:
        update = {"update_id": update_id or next(self._update_ids), **body}
        async with self._new_update:
            self._updates.append(update)
            self._new_update.notify_all()
        return update

    # Reading what the bot did

    def sent(self, method: str = "sendMessage") -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [
            str(c.params.get("text", c.params.get("caption", "")))
            for c in self.calls
            if c.method in {"sendMessage", "sendPhoto", "sendDocument"}
            and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    async def wait_for(self, method: str, count: int = 1, within: float = 10.0) -> list[Call]:
        """Wait until the bot has made `count` calls to `method` in all."""

        async def enough() -> None:
            async with self._new_call:
                await self._new_call.wait_for(lambda: len(self.sent(method)) >= count)

        await asyncio.wait_for(enough(), within)
        return self.sent(method)

    def message_object(self, call: Call, message_id: int) -> dict[str, Any]:
        """The Message a send call produced, as a reply or a tap would quote it."""
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(int(call.params["chat_id"])),
            "from": self.bot_user,
            "text": str(call.params.get("text", "")),
        }
        thread = call.params.get("message_thread_id")
        if thread:
            message["message_thread_id"] = int(thread)
            message["is_topic_message"] = True
        return message

    # The HTTP side

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        params = await self._params(request)
        if method == "getUpdates":
            return self._json({"ok": True, "result": await self._get_updates(params)})
        chat = params.get("chat_id")
        if chat is not None and int(chat) in self.migrated:
            await self._record(Call(f"{method}!failed", params))
            return self._json(_migrated(self.migrated[int(chat)]), 400)
        chat_failures = self.chat_failures[int(chat)] if method == "sendMessage" and chat is not None else []
        if self.failures[method] or chat_failures:
            status, body = (self.failures[method] or chat_failures).pop(0)
            await self._record(Call(f"{method}!failed", params))
            return self._json(body, status)
        caption = _parsed(str(params.get("caption") or ""), params.get("parse_mode"))
        if method in {"sendDocument", "sendPhoto"} and _utf16_len(caption) > CAPTION_LIMIT:
            await self._record(Call(f"{method}!failed", params))
            return self._json({"ok": False, "error_code": 400, "description": TOO_LONG_CAPTION}, 400)
        if method == "sendMessage" and self._over_the_limit():
            self.too_many += 1
            await self._record(Call(f"{method}!failed", params))
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1"}
            return self._json({**body, "parameters": {"retry_after": 1}}, 429)
        if method == "editMessageText":
            key = (int(params["chat_id"]), int(params["message_id"]))
            if self.contents.get(key) == (params.get("text"), params.get("reply_markup")):
                await self._record(Call(f"{method}!failed", params))
                return self._json({"ok": False, "error_code": 400, "description": NOT_MODIFIED}, 400)
        result = self._result(method, params)
        if method in {"sendMessage", "editMessageText"}:
            message_id = int(params.get("message_id") or result["message_id"])
            self.contents[(int(params["chat_id"]), message_id)] = (
                params.get("text"),
                params.get("reply_markup"),
            )
        await self._record(Call(method, params))
        return self._json({"ok": True, "result": result})

    def _over_the_limit(self) -> bool:
        if self.send_limit is None:
            return False
        now = time.perf_counter()
        recent = sum(1 for t in self.sent_times[-int(self.send_limit) - 1 :] if now - t < 1.0)
        return recent >= self.send_limit

    async def _record(self, call: Call) -> None:
        async with self._new_call:
            if call.method == "sendMessage":
                self.sent_times.append(time.perf_counter())
            self.calls.append(call)
            self._new_call.notify_all()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data: dict[str, Any] = await request.json()
            return data
        if request.content_type.startswith("multipart/"):
            params: dict[str, Any] = {}
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                name = part.name or ""
                if part.filename:
                    content = bytes(await part.read())
                    params[name] = {"filename": part.filename, "size": len(content), "data": content}
                else:
                    params[name] = await part.text()
        else:
            params = dict(await request.post())
        for key in JSON_FIELDS & params.keys():
            params[key] = json.loads(params[key])
        return params

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        self.confirmed_offset = max(self.confirmed_offset, offset)
        timeout = float(params.get("timeout", 0) or 0)

        def pending() -> list[dict[str, Any]]:
            # Like Telegram: an offset confirms every earlier update, which is then forgotten.
            return [u for u in self._updates if u["update_id"] >= self.confirmed_offset]

        async with self._new_update:
            if not pending() and timeout > 0:
                with contextlib.suppress(TimeoutError):
                    ready = self._new_update.wait_for(lambda: bool(pending()) or self._closing)
                    await asyncio.wait_for(ready, timeout)
            limit = int(params.get("limit", 100) or 100)
            return pending()[:limit]

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method in {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}:
            chat_id = int(params["chat_id"])
            edited = method == "editMessageText"
            message: dict[str, Any] = {
                "message_id": int(params["message_id"]) if edited else next(self._message_ids),
                "date": int(time.time()),
                "chat": self.chat(chat_id),
                "from": self.bot_user,
            }
            if "text" in params:
                message["text"] = params["text"]
            if params.get("caption"):
                message["caption"] = params["caption"]
            if method == "sendPhoto":
                message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}]
            if method == "sendDocument":
                message["document"] = {"file_id": "d1", "file_unique_id": "u2"}
            return message
        if method == "getFile":
            file_id = str(params["file_id"])
            name, data = self.files[file_id]
            path = f"documents/{file_id}_{name}"
            return {
                "file_id": file_id,
                "file_unique_id": f"u-{file_id}",
                "file_size": len(data),
                "file_path": path,
            }
        if method == "getChatAdministrators":
            chat_id = int(params["chat_id"])
            return [
                {"status": "creator", "user": self.user(uid, f"admin{uid}"), "is_anonymous": False}
                for uid in self.admins[chat_id]
            ]
        return True

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for file_id, (name, data) in self.files.items():
            if path == f"documents/{file_id}_{name}":
                return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})
        return web.Response(status=404)

    @staticmethod
    def _json(body: dict[str, Any], status: int = 200) -> web.Response:
        # python-telegram-bot is fine with a charset; discord.py is not, so the fakes never send one.
        return web.Response(
            body=json.dumps(body).encode(), status=status, headers={"Content-Type": "application/json"}
        )


def _parsed(text: str, parse_mode: object) -> str:
    """The text as Telegram counts it: HTML tags gone and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text)) if parse_mode == "HTML" else text


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _member_extras(status: str) -> dict[str, Any]:
    """The fields Telegram's ChatMember variants require besides the status."""
    if status == "kicked":
        return {"until_date": 0}
    if status == "administrator":
        return {
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": False,
            "can_restrict_members": False,
            "can_promote_members": False,
            "can_change_info": False,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
        }
    return {}


def _migrated(new_chat_id: int) -> dict[str, Any]:
    """Telegram's answer to a call on a basic group's old id after its upgrade."""
    return {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: group chat was upgraded to a supergroup chat",
        "parameters": {"migrate_to_chat_id": new_chat_id},
    }
