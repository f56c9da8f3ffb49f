"""The Discord adapter: discord.py's gateway client, slash commands and buttons, on the kit."""
