"""Every sentence the bot says, rendered from the services' plain data.

Nothing outside this package assembles user-facing text, so a translation touches only these
modules. `format` holds the one way to write numbers, units, dates and plurals.
"""
