from django.urls import URLPattern

app_name = "organising"

urlpatterns: list[URLPattern] = []
