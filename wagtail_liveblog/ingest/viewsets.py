"""The admin screens of chat connections: Settings → Live blog chat.

Wagtail's model permissions (add, change, delete "live blog chat
connection") open the screens; which connections a user sees and what
they may connect is the blog's business (``access/chat.py``): a user only
ever sees and changes the connections of blogs they may edit, connects a
blog only where they may publish (edit, for a connection posting drafts),
and the connection posts as the person who saves it — only a superuser may
choose another user, among the active users who may edit blogs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page, get_page_models

from .. import access
from ..access import chat
from .models import ChatConnection


def liveblog_models() -> list:
    return [model for model in get_page_models() if access.is_liveblog(model)]


def editable_connections(user):
    """The connections of the blogs ``user`` may edit (every one for a
    superuser)."""
    connections = ChatConnection.objects.select_related("blog", "user")
    if user.is_superuser:
        return connections
    pages = Page.objects.filter(
        pk__in=connections.values_list("blog_id", flat=True)
    ).specific()
    blogs = [page.pk for page in pages if access.may_edit_blog(user, page)]
    return connections.filter(blog_id__in=blogs)


class ChatConnectionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" not in self.fields:
            return
        if chat.may_choose_poster(self.for_user):
            self.fields["user"].queryset = chat.posters()
            self.fields["user"].required = False
            self.fields["user"].help_text = _(
                "The Wagtail user the posts are made as (their permissions on "
                "the blog apply). Leave empty to post as yourself."
            )
        else:
            del self.fields["user"]

    def clean(self):
        cleaned = super().clean()
        blog = cleaned.get("blog")
        if blog is not None and access.is_liveblog(blog):
            publish = bool(cleaned.get("publish"))
            if not chat.may_connect(self.for_user, blog.specific, publish=publish):
                self.add_error(
                    "blog",
                    _("You may not publish on this live blog.")
                    if publish
                    else _("You may not edit this live blog."),
                )
        return cleaned

    def _post_clean(self):
        # Who posts is decided before the model checks that they may.
        if self.cleaned_data.get("user") is None:
            self.instance.user = self.for_user
        super()._post_clean()


# Only the connections of blogs the user may edit: any other is "not
# found", on every screen.


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return editable_connections(self.request.user)


class ObjectQuerysetMixin:
    """Views of one connection that find it through ``get_queryset``."""

    def get_queryset(self):
        return editable_connections(self.request.user)


class EditView(ObjectQuerysetMixin, generic.EditView):
    pass


class DeleteView(ObjectQuerysetMixin, generic.DeleteView):
    pass


class BaseObjectMixin:
    """Views of one connection that find it through
    ``get_base_object_queryset`` (their ``get_queryset`` lists other things)."""

    def get_base_object_queryset(self):
        return editable_connections(self.request.user)


class HistoryView(BaseObjectMixin, generic.HistoryView):
    pass


class UsageView(BaseObjectMixin, generic.UsageView):
    pass


class ChatConnectionViewSet(ModelViewSet):
    model = ChatConnection
    icon = "link"
    menu_label = _("Live blog chat")
    add_to_settings_menu = True
    list_display = ["name", "service", "channel", "blog", "user", "publish", "enabled"]
    list_filter = ["service", "publish", "enabled"]
    inspect_view_enabled = False
    copy_view_enabled = False
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView

    def get_edit_handler(self):
        panels = [
            FieldPanel("name"),
            MultiFieldPanel(
                [FieldPanel("service"), FieldPanel("channel")],
                heading=_("Chat"),
            ),
            FieldPanel(
                "blog", widget=AdminPageChooser(target_models=liveblog_models())
            ),
            FieldPanel("user"),
            FieldRowPanel([FieldPanel("publish"), FieldPanel("enabled")]),
        ]
        return ObjectList(panels, base_form_class=ChatConnectionForm).bind_to_model(
            self.model
        )
