from django.urls import path

from werkbrug.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("download/", views.download, name="download"),
    path("background/", views.background, name="background"),
    path("what-worked/", views.what_worked, name="what_worked"),
    path("impact/", views.impact, name="impact"),
    path("extract/", views.extract, name="extract"),
]
