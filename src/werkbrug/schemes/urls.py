from django.urls import path

from werkbrug.schemes import views_apply, views_assess, views_awards

app_name = "schemes"
urlpatterns = [
    path("", views_apply.call_list, name="calls"),
    path("calls/<int:pk>/", views_apply.call_detail, name="call"),
    path("calls/<int:pk>/apply/", views_apply.application_new, name="apply"),
    path("calls/<int:pk>/upload/", views_apply.application_upload, name="upload"),
    path("applications/<int:pk>/", views_apply.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views_apply.application_edit, name="edit"),
    path("applications/<int:pk>/file/", views_apply.application_download, name="download"),
    path("applications/<int:pk>/submit/", views_apply.application_submit, name="submit"),
    path("applications/<int:pk>/complete/", views_assess.application_complete, name="complete"),
    path("applications/<int:pk>/return/", views_assess.application_return, name="return"),
    path("applications/<int:pk>/assess/", views_assess.application_assess, name="assess"),
    path("applications/<int:pk>/judge/", views_assess.application_judge, name="judge"),
    path("applications/<int:pk>/decide/", views_assess.application_decide, name="decide"),
    path("decisions/<int:pk>/", views_awards.award_detail, name="award"),
    path("decisions/<int:pk>/letter.pdf", views_awards.decision_letter, name="letter"),
    path("decisions/<int:pk>/advance/", views_awards.advance_pay, name="advance"),
    path("decisions/<int:pk>/costs/", views_awards.cost_lines, name="costs"),
    path("decisions/<int:pk>/declare/", views_awards.declaration_new, name="declare"),
    path("decisions/<int:pk>/determine/", views_awards.determination_new, name="determine"),
    path(
        "decisions/<int:pk>/determination.pdf",
        views_awards.determination_letter,
        name="determination_letter",
    ),
    path("declarations/<int:pk>/", views_awards.declaration_detail, name="declaration"),
    path("declarations/<int:pk>/file/", views_awards.declaration_download, name="declaration_file"),
]
