"""Pure coaching rules: no I/O, no clock reads, no database; everything they need is passed in."""
