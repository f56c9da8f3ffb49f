"""Telegram, through python-telegram-bot: translate updates in, render replies out."""
