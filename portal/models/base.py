"""Shared metadata settings; imported before any table is defined."""

import secrets
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata.naming_convention = NAMING_CONVENTION


def enum_type(enum_class: type[StrEnum]) -> sa.Enum:
    """Store an enum's values as plain strings on every database.

    Native PostgreSQL enum types would make adding a value a migration of its own.
    """
    return sa.Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
    )


# 64-bit on PostgreSQL; on SQLite "INTEGER PRIMARY KEY" is the rowid itself (also 64-bit),
# so no hidden sequential rowid sits beside a random key.
RANDOM_ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def random_id() -> int:
    """A primary key that says nothing about when a row was written.

    For rows written when a complainant acts (their message, a mail it causes): a
    sequential id would place that action between staff actions whose times are
    known. Collisions at 62 bits are beyond any realistic row count.
    """
    return secrets.randbelow(2**62) + 1
