from django.urls import URLPattern

app_name = "audit"
urlpatterns: list[URLPattern] = []  # the pages follow in the next commits
