from django.urls import path

from werkbrug.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_page, name="list"),
    path("<int:pk>/revoke/", views.token_revoke_view, name="revoke"),
]
