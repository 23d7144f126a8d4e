"""URLs of the live desk, included under ``/admin/liveblog/`` by the
``register_admin_urls`` hook, in the ``wagtail_liveblog`` namespace."""

from django.urls import path

from . import views

app_name = "wagtail_liveblog"

urlpatterns = [
    path("<int:page_id>/desk/", views.DeskView.as_view(), name="desk"),
    path(
        "<int:page_id>/desk/coverage/<slug:action>/",
        views.CoverageView.as_view(),
        name="coverage",
    ),
    path(
        "<int:page_id>/desk/updates/<uuid:update_id>/edit/",
        views.EditUpdateView.as_view(),
        name="edit_update",
    ),
    path(
        "<int:page_id>/desk/updates/<uuid:update_id>/remove/",
        views.RemoveUpdateView.as_view(),
        name="remove_update",
    ),
    path(
        "<int:page_id>/desk/updates/<uuid:update_id>/<slug:action>/",
        views.SetFlagView.as_view(),
        name="set_flag",
    ),
]
