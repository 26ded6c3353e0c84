from django.contrib import admin

from fagloft.programmes.models import ApplicationWindow, GrantCeiling, StudyPlaceYear

# Reference data the administrator sets each year (windows, grant ceilings, national study places).
admin.site.register(ApplicationWindow)
admin.site.register(GrantCeiling)
admin.site.register(StudyPlaceYear)
