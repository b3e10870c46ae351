"""Voters are stored as keyed hashes of their Discord user ids, never as the ids themselves.

The key is RUMOUR_FEEDBACK_SECRET when it is set. Otherwise a random key is made once and kept
in the data dir's database, so votes stay one per user across restarts. A key kept in the
database protects against nothing once the database itself is copied: Discord user ids are
public, and anyone holding the key can hash the ids of a server's members and match them. Set
RUMOUR_FEEDBACK_SECRET (kept outside the data dir) and a copy of the database alone cannot tell
who voted. Changing the key starts every user afresh: their old votes can no longer be matched.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sqlite3

from pydantic import SecretStr

log = logging.getLogger(__name__)

_KEY_NAME = "voter_key"
_CONTEXT = b"rumour-desk feedback voter v1\x00"


def key_from_secret(secret: SecretStr) -> bytes:
    """A voter key derived from the configured secret (any length, any characters)."""
    return hashlib.sha256(_CONTEXT + secret.get_secret_value().encode()).digest()


def stored_key(conn: sqlite3.Connection) -> bytes:
    """The key kept in the database, made on first use; every process gets the same one."""
    conn.execute(
        "INSERT OR IGNORE INTO feedback_keys (name, value) VALUES (?, ?)",
        (_KEY_NAME, secrets.token_hex(32)),
    )
    row = conn.execute("SELECT value FROM feedback_keys WHERE name = ?", (_KEY_NAME,)).fetchone()
    return bytes.fromhex(row["value"])


def voter_hash(key: bytes, user_id: int) -> str:
    """The stored form of a voter: HMAC-SHA256 of the user id, hex, 32 characters."""
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]
