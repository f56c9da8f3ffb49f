"""A simulated group chat in the terminal: speak as any member, drive a simulated clock."""
