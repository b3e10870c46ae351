"""The Discord bot: the bot class, its cogs (loaded as extensions), checks, errors, formatting."""
