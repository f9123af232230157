from django.urls import path

from werkbrug.deliveries import views

app_name = "deliveries"
urlpatterns = [
    path("", views.delivery_list, name="list"),
    path("import/", views.delivery_import_page, name="import"),
    path("<int:pk>/download/<str:fmt>/", views.delivery_export, name="export"),
]
