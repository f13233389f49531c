"""What Day 13's graders share: a fresh, empty database for each check, SQLite by default or on
the PostgreSQL server KATAS_DATABASE_URL names (graders/support/database.py)."""

from graders.support.database import SERVER_URL, database_url, engine

__all__ = ["SERVER_URL", "database_url", "engine"]
