from django.urls import URLPattern

app_name = "vacancies"
urlpatterns: list[URLPattern] = []  # the pages follow in the next commits
