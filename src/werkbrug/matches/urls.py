from django.urls import path

from werkbrug.matches import views

app_name = "matches"
urlpatterns = [
    path("participants/<int:pk>/suggestions/", views.participant_suggestions, name="participant"),
    path("participants/<int:pk>/suggestions/<int:vacancy_pk>/", views.decide, name="decide"),
    path("participants/<int:pk>/matching-profile/", views.profile, name="profile"),
    path("vacancies/<int:pk>/candidates/", views.vacancy_candidates, name="vacancy"),
    path("matching/allocation/", views.allocation, name="allocation"),
    path("matching/fairness/", views.fairness, name="fairness"),
]
