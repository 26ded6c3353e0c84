from django.urls import path

from fagloft.organizations.views import imports

app_name = "imports"

urlpatterns = [
    path("", imports.import_start, name="start"),
    # The import is named in the query string (?id=…): imports are not units of the tree, and an
    # id that is not found is simply a 404 for every admin.
    path("status/", imports.import_detail, name="detail"),
]
