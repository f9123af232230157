from django.urls import path

from werkbrug.trajectories import views

app_name = "trajectories"
urlpatterns = [
    path("participants/<int:pk>/status/", views.move, name="move"),
    path("participants/<int:pk>/activities/", views.activity, name="activity"),
    path(
        "participants/<int:pk>/follow-ups/<int:follow_up_pk>/",
        views.follow_up,
        name="follow_up",
    ),
    path("participants/<int:pk>/mediator/", views.assign, name="assign"),
]
