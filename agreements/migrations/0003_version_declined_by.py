import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def record_earlier_declines(apps, schema_editor):
    """Declines made before `declined_by` existed: the partner who did not propose is
    the one who declined (only the other partner can decline a proposal). Left empty
    where that is not one person."""
    Version = apps.get_model("agreements", "Version")
    Membership = apps.get_model("accounts", "Membership")
    declined = Version.objects.filter(status="declined", declined_by__isnull=True)
    for version in declined.select_related("agreement").iterator():
        others = (
            Membership.objects.filter(couple_id=version.agreement.couple_id)
            .exclude(user_id=version.proposed_by_id)
            .values_list("user_id", flat=True)
            .distinct()
        )
        if len(others) == 1:
            Version.objects.filter(pk=version.pk).update(declined_by_id=others[0])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_safety_and_discretion"),
        ("agreements", "0002_encrypt_written_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="version",
            name="declined_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(record_earlier_declines, migrations.RunPython.noop),
    ]
