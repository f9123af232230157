from django.urls import path

from werkbrug.people import views

app_name = "people"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("caseload/search/", views.caseload_search, name="caseload_search"),
    path("participants/new/", views.intake, name="intake"),
    path("participants/<int:pk>/", views.detail, name="detail"),
    path("participants/<int:pk>/edit/", views.edit, name="edit"),
    path("participants/<int:pk>/consent/", views.consent_add, name="consent_add"),
    path(
        "participants/<int:pk>/consent/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("participants/<int:pk>/export/", views.export, name="export"),
    path("participants/<int:pk>/erase/", views.erase, name="erase"),
]
