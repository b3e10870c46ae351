"""Per-channel settings moderators choose with /config: what the bot answers, the /summary topic."""
