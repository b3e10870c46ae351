"""What the bot answered in Discord, and how fans rated it: the answer log, votes and the report."""
