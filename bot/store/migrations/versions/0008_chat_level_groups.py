"""groups belong to the whole chat (forum topics share them), removal apart from pause,
member handles, pain flags tied to their log

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("push_thread", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    with op.batch_alter_table("pain_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("log_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_pain_reports_log_id_logs", "logs", ["log_id"], ["id"], ondelete="CASCADE"
        )
    _move_topic_programs_to_their_chat()


def _move_topic_programs_to_their_chat() -> None:
    """A program set inside a forum topic was keyed `platform:chat#topic`; it now belongs to the
    chat and keeps pushing to that topic. When a chat had several (one per topic), the one with
    the most members moves, unless the chat already has its own; the others stay unreachable
    under their old key rather than being merged by guesswork."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT g.id, g.address, COUNT(m.id) AS members FROM groups g "
            "LEFT JOIN members m ON m.group_id = g.id GROUP BY g.id, g.address"
        )
    ).all()
    addresses = {address for _, address, _ in rows}
    by_chat: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for group_id, address, members in rows:
        chat, hash_sign, thread = address.partition("#")
        if hash_sign:
            by_chat[chat].append((members, group_id, thread))
    for chat, topics in by_chat.items():
        if chat in addresses:
            continue
        _, group_id, thread = max(topics)
        bind.execute(
            sa.text("UPDATE groups SET address = :chat, push_thread = :thread WHERE id = :id"),
            {"chat": chat, "thread": thread, "id": group_id},
        )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text("UPDATE groups SET address = address || '#' || push_thread WHERE push_thread IS NOT NULL")
    )
    with op.batch_alter_table("pain_reports", schema=None) as batch_op:
        batch_op.drop_constraint("fk_pain_reports_log_id_logs", type_="foreignkey")
        batch_op.drop_column("log_id")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("username")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_column("push_thread")
        batch_op.drop_column("removed_at")
