"""Use cases over one transaction: they read and write rows and return plain data, never text.

A handler reads its arguments, calls a service, and gives the result to a view. Services raise
`bot.errors.DomainError` subclasses when a request cannot be honoured.
"""
