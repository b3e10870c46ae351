"""The bot's commands, one discord.py extension per module (each has `async def setup(bot)`)."""
