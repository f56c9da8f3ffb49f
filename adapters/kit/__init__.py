"""The platform-neutral adapter kit: what every chat platform shares.

A platform folder only translates (`to_incoming`, rendering, an error table) and implements
`Platform`; the kit does the rest: the durable inbox and its fair dispatcher, admin lookups,
the reply outbox and its paced sender, and routing pushes to the platform of their address.
"""
