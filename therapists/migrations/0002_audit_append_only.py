"""Make the audit trail append-only at the database level on PostgreSQL: a trigger
refuses every UPDATE and DELETE, whoever runs them (the app, a shell, raw SQL)."""

from django.db import migrations

# Separate statements (no "%" anywhere: the driver would read it as a placeholder).
CREATE = [
    """
    CREATE OR REPLACE FUNCTION therapists_auditentry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION USING MESSAGE = 'therapists_auditentry is append-only: '
            || TG_OP || ' refused';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER therapists_auditentry_append_only
        BEFORE UPDATE OR DELETE ON therapists_auditentry
        FOR EACH ROW EXECUTE FUNCTION therapists_auditentry_append_only()
    """,
]

DROP = [
    "DROP TRIGGER IF EXISTS therapists_auditentry_append_only ON therapists_auditentry",
    "DROP FUNCTION IF EXISTS therapists_auditentry_append_only()",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
    ]
