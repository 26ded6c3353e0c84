"""Study places, windows and grant ceilings become editable pages (optimistic locking), and the
application window is stored as two instants instead of two days (00:00 on the opening day and
23:59 on the closing day, Norwegian time, for the rows that were days)."""

import datetime
from zoneinfo import ZoneInfo

from django.db import migrations, models
from django.db.models import F, Q

OSLO = ZoneInfo("Europe/Oslo")


def days_to_instants(apps, schema_editor):
    Window = apps.get_model("programmes", "ApplicationWindow")
    if not any(f.name == "opens_on" for f in Window._meta.get_fields()):
        return  # re-run against today's models (the browser tests' reseeding): nothing to convert
    for window in Window.objects.all():
        window.opens_at = datetime.datetime.combine(window.opens_on, datetime.time(0, 0), tzinfo=OSLO)
        window.closes_at = datetime.datetime.combine(window.closes_on, datetime.time(23, 59), tzinfo=OSLO)
        window.save(update_fields=["opens_at", "closes_at"])


def instants_to_days(apps, schema_editor):
    Window = apps.get_model("programmes", "ApplicationWindow")
    for window in Window.objects.all():
        window.opens_on = window.opens_at.astimezone(OSLO).date()
        window.closes_on = window.closes_at.astimezone(OSLO).date()
        window.save(update_fields=["opens_on", "closes_on"])


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="studyplaceyear",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="versjon"),
        ),
        migrations.AddField(
            model_name="studyplaceallocation",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="versjon"),
        ),
        migrations.AddField(
            model_name="applicationwindow",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="versjon"),
        ),
        migrations.AddField(
            model_name="grantceiling",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="versjon"),
        ),
        migrations.AddField(
            model_name="applicationwindow",
            name="opens_at",
            field=models.DateTimeField(null=True, verbose_name="søknadsperioden åpner"),
        ),
        migrations.AddField(
            model_name="applicationwindow",
            name="closes_at",
            field=models.DateTimeField(null=True, verbose_name="søknadsfrist"),
        ),
        migrations.RunPython(days_to_instants, instants_to_days),
        migrations.RemoveConstraint(model_name="applicationwindow", name="programmes_window_order"),
        migrations.RemoveField(model_name="applicationwindow", name="opens_on"),
        migrations.RemoveField(model_name="applicationwindow", name="closes_on"),
        migrations.AlterField(
            model_name="applicationwindow",
            name="opens_at",
            field=models.DateTimeField(verbose_name="søknadsperioden åpner"),
        ),
        migrations.AlterField(
            model_name="applicationwindow",
            name="closes_at",
            field=models.DateTimeField(
                help_text="Siste minutt det kan søkes, norsk tid.", verbose_name="søknadsfrist"
            ),
        ),
        migrations.AddConstraint(
            model_name="applicationwindow",
            constraint=models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="programmes_window_order"),
        ),
    ]
