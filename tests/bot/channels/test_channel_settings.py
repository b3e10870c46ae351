"""Per-channel settings: defaults, what /config changes, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.settings import Answers, ChannelSettings
from ingest.core.db import Database
from ingest.core.errors import RumourError


def test_a_channel_nobody_configured_answers_everything(tmp_path: Path) -> None:
    config = ChannelSettings(Database.in_dir(tmp_path)).get(11)
    assert config.answers is Answers.ALL and config.summary_topic == ""
    assert config.answers_mentions and config.answers_commands and not config.configured


def test_settings_are_stored_per_channel_and_listed_per_server(tmp_path: Path) -> None:
    channels = ChannelSettings(Database.in_dir(tmp_path))
    slash = channels.set_answers(1, 11, Answers.SLASH)
    assert not slash.answers_mentions and slash.answers_commands
    off = channels.set_answers(1, 12, Answers.OFF)
    assert not off.answers_mentions and not off.answers_commands
    topic = channels.set_summary_topic(1, 11, "  Real   Madrid manager ")
    assert (topic.answers, topic.summary_topic) == (Answers.SLASH, "Real Madrid manager")
    channels.set_answers(2, 21, Answers.OFF)

    again = ChannelSettings(Database.in_dir(tmp_path))  # another process, or after a restart
    assert [c.channel_id for c in again.in_guild(1)] == [11, 12]
    assert again.get(11).summary_topic == "Real Madrid manager"
    assert again.set_summary_topic(1, 11, None).summary_topic == ""
    assert [a.label for a in Answers] == [
        "mentions and slash commands",
        "slash commands only",
        "nothing",
    ]


def test_bad_values_get_clear_errors(tmp_path: Path) -> None:
    channels = ChannelSettings(Database.in_dir(tmp_path))
    with pytest.raises(RumourError, match=r"too long \(201 characters; at most 200\)"):
        channels.set_summary_topic(1, 11, "x" * 201)
    with pytest.raises(ValueError, match="'sometimes' is not a valid Answers"):
        channels.set_answers(1, 11, "sometimes")  # type: ignore[arg-type]
