from django.urls import URLPattern

app_name = "projects"
urlpatterns: list[URLPattern] = []  # the pages follow in the next commits
