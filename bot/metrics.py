"""What Spotter counts as it works, for `/metrics` (Prometheus' text format).

The counters live in the process (prometheus-client keeps them; nothing here does I/O): the
core counts pushes, refusals of unreadable reports and database errors, the adapters count
updates and time replies, and `adapters/ops.py` serves them with the inbox and outbox depths.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

UPDATES = Counter(
    "spotter_updates_handled", "Updates handled, by platform and outcome", ["platform", "outcome"]
)
REPLY_SECONDS = Histogram(
    "spotter_reply_latency_seconds",
    "From an update reaching Spotter to the platform accepting its reply",
    ["platform"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
)
PUSHES = Counter("spotter_pushes", "Scheduled pushes, by kind and outcome", ["kind", "outcome"])
SCHEDULER_LAG = Gauge("spotter_scheduler_lag_seconds", "How late the last scheduled job fired")
PARSE_FAILURES = Counter("spotter_parse_failures", "Set reports Spotter could not read")
DATABASE_ERRORS = Counter("spotter_database_errors", "Transactions that failed on a database error")
INBOX_DEPTH = Gauge("spotter_inbox_pending", "Updates stored and not yet handled")
OUTBOX_DEPTH = Gauge("spotter_outbox_pending", "Replies stored and not yet sent")
