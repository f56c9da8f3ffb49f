"""Exercise content: the schema, the bundled data and the lookups chat commands use."""
