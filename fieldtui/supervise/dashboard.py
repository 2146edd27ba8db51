"""A read-only role for dashboards (Metabase, Superset) on a PostgreSQL dataset: it sees the
released tables and nothing else.

The views live in their own schema (`fieldtui_dashboard`) and are owned by the dataset's
owner, so they read the dataset's tables with the owner's rights while the role has none
on them: no sessions, answers, respondents, interviewers, devices, documents, record keys or
release members, only what a release published (suppressed cells empty, perturbed counts,
the perturbed respondent count). The role has USAGE on that schema and SELECT on its views,
its transactions are read-only by default, and it owns nothing.
"""

from __future__ import annotations

import re

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.pg_dataset import SCHEMA_NAME, PgDataset

VIEWS_SCHEMA = "fieldtui_dashboard"
ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
VIEWS = (
    f"CREATE SCHEMA IF NOT EXISTS {VIEWS_SCHEMA}",
    # one row per release: what it covers as published (never the true respondent count)
    f"CREATE OR REPLACE VIEW {VIEWS_SCHEMA}.releases AS SELECT r.name AS release, r.plan_id, "
    f"r.plan_version, r.created_at, (r.tables::jsonb ->> 'respondents')::bigint AS "
    f"respondents, r.crossing::jsonb AS crossing FROM {SCHEMA_NAME}.releases r",
    # one row per published cell, as `export --tables` writes them (count NULL: suppressed)
    f"CREATE OR REPLACE VIEW {VIEWS_SCHEMA}.release_cells AS SELECT r.name AS release, "
    "r.plan_id, CASE c.cell ->> 0 WHEN 'x' THEN c.cell ->> 3 ELSE c.cell ->> 1 END AS item, "
    "CASE c.cell ->> 0 WHEN 'x' THEN c.cell ->> 4 WHEN 'm' THEN (c.cell ->> 2) || ': ' || "
    "(c.cell ->> 3) ELSE c.cell ->> 2 END AS category, "
    "CASE c.cell ->> 0 WHEN 'x' THEN c.cell ->> 1 END AS by_item, "
    "CASE c.cell ->> 0 WHEN 'x' THEN c.cell ->> 2 END AS by_category, "
    "(c.entry ->> 1)::bigint AS count "
    f"FROM {SCHEMA_NAME}.releases r, LATERAL (SELECT e AS entry, e -> 0 AS cell FROM "
    "jsonb_array_elements(r.tables::jsonb -> 'cells') AS e) c",
)

# An existing role is taken over (made read-only by default, its rights on the dataset
# reset) only when it can do nothing else: not the user running this, no role attribute
# beyond LOGIN, a member of no role, owning nothing in any database (the collectors' role
# owns its database and tables: made read-only, every upload would fail), and granted
# nothing in another database.
MORE_THAN_READING = """
SELECT r.rolname = current_user OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb
    OR r.rolreplication OR r.rolbypassrls
    OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid)
    OR EXISTS (SELECT 1 FROM pg_shdepend d WHERE d.refclassid = 'pg_authid'::regclass
               AND d.refobjid = r.oid AND (d.deptype = 'o' OR (d.deptype = 'a'
               AND d.dbid NOT IN (0, (SELECT oid FROM pg_database
                                      WHERE datname = current_database())))))
FROM pg_roles r WHERE r.rolname = ?
"""


def grant_readonly(conn: PgDataset, role: str) -> bool:
    """Create (or refresh) the dashboard views and the role that may only read them;
    True when the role was created, False when it existed (its rights are reset)."""
    if not ROLE.fullmatch(role):
        raise FieldtuiError(_("{role} is not a role name fieldtui creates").format(role=repr(role[:63])),
                            _("use lowercase letters, digits and _ (63 at most)"))
    from psycopg import sql

    name = sql.Identifier(role).as_string(None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        exists = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname=?",
                              (role,)).fetchone()[0]
        if exists:
            member = conn.execute(MORE_THAN_READING, (role,)).fetchone()[0]
            if member:
                raise FieldtuiError(_("role {role} exists and may do more than "
                                      "read").format(role=role),
                                    _("give the name of a new role for the "
                                      "dashboards"))
        else:
            conn.execute(f"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                         "NOINHERIT")
        for statement in VIEWS:
            conn.execute(statement)
        conn.execute(f"REVOKE ALL ON SCHEMA {SCHEMA_NAME} FROM {name}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA_NAME} FROM {name}")
        conn.execute(f"REVOKE ALL ON SCHEMA {VIEWS_SCHEMA} FROM PUBLIC")
        conn.execute(f"GRANT USAGE ON SCHEMA {VIEWS_SCHEMA} TO {name}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {VIEWS_SCHEMA} TO {name}")
        conn.execute(f"ALTER ROLE {name} SET default_transaction_read_only = on")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return not exists
