"""Persistent state on an async SQLAlchemy engine: SQLite by default, PostgreSQL by URL."""
