from django.urls import path

from werkbrug.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/partners/", views.project_partners, name="partners"),
    path("<int:pk>/staff/", views.project_staff, name="staff"),
    path("<int:pk>/freeze/", views.project_freeze, name="freeze"),
]
