"""programs of several exercises: a track (prescription) per member and exercise

Existing groups become a program of the hip thrust: every member's prescription, misses and
bests move to a hip-thrust track, and every log and change is marked as the hip thrust's.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

HIP_THRUST = "hip-thrust"


def upgrade() -> None:
    op.create_table(
        "tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("exercise", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("variation", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("target_reps", sa.Integer(), nullable=False),
        sa.Column("missed_weeks", sa.Integer(), nullable=False),
        sa.Column("bests", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "exercise", name="uq_track_member_exercise"),
    )
    op.execute(
        "INSERT INTO tracks"
        " (member_id, exercise, variation, load_kg, sets, target_reps, missed_weeks, bests)"
        f" SELECT id, '{HIP_THRUST}', variation, load_kg, sets, target_reps, missed_weeks, bests"
        " FROM members"
    )
    for table in ("logs", "changes"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "exercise",
                    sqlmodel.sql.sqltypes.AutoString(length=32),
                    nullable=False,
                    server_default=HIP_THRUST,
                )
            )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("program", sa.JSON(), nullable=True))
    with op.batch_alter_table("members", schema=None) as batch_op:
        for column in ("variation", "load_kg", "sets", "target_reps", "missed_weeks", "bests"):
            batch_op.drop_column(column)


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("variation", sa.String(length=16), nullable=False, server_default="bodyweight")
        )
        batch_op.add_column(sa.Column("load_kg", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("sets", sa.Integer(), nullable=False, server_default="3"))
        batch_op.add_column(sa.Column("target_reps", sa.Integer(), nullable=False, server_default="8"))
        batch_op.add_column(sa.Column("missed_weeks", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("bests", sa.JSON(), nullable=True))
    op.execute(
        "UPDATE members SET variation = t.variation, load_kg = t.load_kg, sets = t.sets, "
        "target_reps = t.target_reps, missed_weeks = t.missed_weeks, bests = t.bests "
        f"FROM tracks t WHERE t.member_id = members.id AND t.exercise = '{HIP_THRUST}'"
    )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_column("program")
    for table in ("changes", "logs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("exercise")
    op.drop_table("tracks")
