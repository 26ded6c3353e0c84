# Failed logins, logouts and second-factor enrolment are audited (accounts).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='verb',
            field=models.CharField(choices=[('create', 'opprettet'), ('update', 'endret'), ('delete', 'slettet'), ('import', 'importert'), ('transition', 'endret status'), ('login', 'logget inn'), ('login_failed', 'mislykket innlogging'), ('logout', 'logget ut'), ('enrol', 'satte opp andre faktor'), ('view', 'så personopplysninger'), ('export', 'eksporterte')], max_length=20, verbose_name='handling'),
        ),
    ]
