"""The data dir's SQLite database: versioned migrations per component, whole transactions."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from ingest.core.db import Database
from ingest.core.errors import StoreError

NOTES_V1 = ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"]
NOTES_V2 = [*NOTES_V1, "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''"]


def test_migrate_creates_tables_and_records_the_version(tmp_path):
    db = Database.in_dir(tmp_path)
    assert db.migrate("notes", NOTES_V1) == 1
    with db.transaction() as conn:
        conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    with db.connect() as conn:
        assert conn.execute("SELECT body FROM notes").fetchall()[0]["body"] == "hello"
        row = conn.execute("SELECT version FROM schema_versions WHERE component = 'notes'")
        assert row.fetchone()["version"] == 1


def test_a_components_tables_are_migrated_before_first_use(tmp_path):
    notes = Database.in_dir(tmp_path).tables("notes", NOTES_V2)
    with notes.transaction() as conn:  # no migrate() call first
        conn.execute("INSERT INTO notes (body, author) VALUES ('hi', 'ed')")
    with notes.connect() as conn:
        assert conn.execute("SELECT author FROM notes").fetchone()["author"] == "ed"


def test_a_later_version_runs_only_the_new_migrations_and_keeps_rows(tmp_path):
    Database.in_dir(tmp_path).migrate("notes", NOTES_V1)
    db = Database.in_dir(tmp_path)
    with db.transaction() as conn:
        conn.execute("INSERT INTO notes (body) VALUES ('kept')")
    fresh = Database.in_dir(tmp_path)
    assert fresh.migrate("notes", NOTES_V2) == 2
    with fresh.connect() as conn:
        row = conn.execute("SELECT body, author FROM notes").fetchone()
    assert (row["body"], row["author"]) == ("kept", "")


def test_components_version_independently(tmp_path):
    db = Database.in_dir(tmp_path)
    db.migrate("notes", NOTES_V2)
    db.migrate("other", ["CREATE TABLE other (x INTEGER)"])
    with db.connect() as conn:
        versions = dict(conn.execute("SELECT component, version FROM schema_versions").fetchall())
    assert versions == {"notes": 2, "other": 1}


def test_a_database_from_a_newer_version_is_refused_with_a_clear_error(tmp_path):
    Database.in_dir(tmp_path).migrate("notes", NOTES_V2)
    with pytest.raises(StoreError, match="newer version"):
        Database.in_dir(tmp_path).migrate("notes", NOTES_V1)


def test_a_failed_transaction_leaves_nothing_behind(tmp_path):
    db = Database.in_dir(tmp_path)
    db.migrate("notes", NOTES_V1)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO notes (body) VALUES ('half')")
        raise RuntimeError("crash between two writes")
    with db.connect() as conn:
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


def test_sqlite_errors_become_store_errors(tmp_path):
    db = Database.in_dir(tmp_path)
    with pytest.raises(StoreError, match="no such table"), db.connect() as conn:
        conn.execute("SELECT * FROM missing")


def test_threads_write_without_losing_rows(tmp_path):
    db = Database.in_dir(tmp_path)
    db.migrate("notes", NOTES_V1)

    def write(n: int) -> None:
        for i in range(20):
            with db.transaction() as conn:
                conn.execute("INSERT INTO notes (body) VALUES (?)", (f"{n}-{i}",))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.connect() as conn:
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 80


def test_two_processes_migrate_the_same_file_once(tmp_path):
    code = (
        "import sys; from pathlib import Path; from ingest.core.db import Database; "
        "Database.in_dir(Path(sys.argv[1])).migrate('notes', "
        "['CREATE TABLE notes (id INTEGER PRIMARY KEY)'])"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)]) for _ in range(3)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]
    with Database.in_dir(tmp_path).connect() as conn:
        assert conn.execute("SELECT version FROM schema_versions").fetchone()[0] == 1
