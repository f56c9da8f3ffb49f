"""Configuration from the environment or a `.env` file."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///spotter.db"


class Settings(BaseSettings):
    """Every knob an operator may turn; all optional, so a bare `spotter run` just works."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        validation_alias=AliasChoices("SPOTTER_DATABASE_URL", "DATABASE_URL"),
    )
    telegram_token: str | None = Field(default=None, validation_alias="TELEGRAM_TOKEN")
    telegram_api_base: str | None = Field(default=None, validation_alias="TELEGRAM_API_BASE")
    telegram_webhook_url: str | None = Field(default=None, validation_alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_listen: str = Field(default="0.0.0.0", validation_alias="TELEGRAM_WEBHOOK_LISTEN")
    telegram_webhook_port: int = Field(default=8443, validation_alias="TELEGRAM_WEBHOOK_PORT")
    telegram_webhook_secret: str = Field(default="", validation_alias="TELEGRAM_WEBHOOK_SECRET")
    discord_token: str | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    # Where discord.py talks to: the REST root (`http://127.0.0.1:8090/api/v10`) and the gateway
    # (`ws://127.0.0.1:8090/`), for a self-hosted proxy or a fake server.
    discord_api_base: str | None = Field(default=None, validation_alias="DISCORD_API_BASE")
    discord_gateway_url: str | None = Field(default=None, validation_alias="DISCORD_GATEWAY_URL")
    # Sharding (required by Discord from 2,500 servers): the total, and this process's shards
    # ("0,1"; default all of them).
    discord_shard_count: int | None = Field(default=None, validation_alias="DISCORD_SHARD_COUNT")
    discord_shard_ids: str | None = Field(default=None, validation_alias="DISCORD_SHARD_IDS")
    log_level: str = Field(default="INFO", validation_alias="SPOTTER_LOG_LEVEL")
    # "json": one JSON object per line (for a log shipper); anything else: plain text lines.
    log_format: str = Field(default="text", validation_alias="SPOTTER_LOG_FORMAT")
    # `/healthz` and `/metrics` (adapters/ops.py) while `spotter run` serves platforms; off (0)
    # unless set, so a bare run opens no port of its own (the image and the unit set 8080).
    # Local by default: a container sets SPOTTER_OPS_LISTEN=0.0.0.0.
    ops_port: int = Field(default=0, validation_alias="SPOTTER_OPS_PORT")
    ops_listen: str = Field(default="127.0.0.1", validation_alias="SPOTTER_OPS_LISTEN")
    # A directory of extra exercise files (TOML, the schema of bot/content/model.py).
    exercises_dir: Path | None = Field(default=None, validation_alias="SPOTTER_EXERCISES_DIR")

    @field_validator("telegram_api_base")
    @classmethod
    def _bot_api_root(cls, value: str | None) -> str | None:
        """The server's root: a pasted `…/bot` (the form Telegram's docs show) is taken off,
        since Spotter adds it (and `/file/bot` for files) itself."""
        if not value:
            return None
        root = value.rstrip("/")
        return root.removesuffix("/bot") if root.endswith("/bot") else root
