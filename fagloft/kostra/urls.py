app_name = "kostra"

urlpatterns: list = []
