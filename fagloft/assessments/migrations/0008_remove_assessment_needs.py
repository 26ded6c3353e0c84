from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assessments", "0007_needs_to_rows")]

    operations = [migrations.RemoveField(model_name="assessment", name="needs")]
