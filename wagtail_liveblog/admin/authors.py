"""Authors in the admin: the editor's Authors panel, whose users are the
blog's editors only, and searching updates by author.

An update credits colleagues who may write on its blog (never anyone else
on the site: the choice lists only them, so it shows no other account) or
names as free text.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from ..access import blog_editors
from ..models.authors import MAX_AUTHORS, LiveBlogUpdateAuthor, user_name


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name, username = user_name(obj), obj.get_username()
        return name if name == username else f"{name} ({username})"


def credit_choices(blog, credited=()) -> QuerySet:
    """The users an update of ``blog`` may credit: its editors, and those it
    already credits (so that a form shows them)."""
    editors = blog_editors(blog) if blog is not None else None
    model = _user_model()
    ids = [user_id for user_id in credited if user_id is not None]
    if editors is None:
        editors = model._default_manager.filter(pk__in=ids)
    elif ids:
        editors = model._default_manager.filter(
            Q(pk__in=editors.values("pk")) | Q(pk__in=ids)
        )
    return editors.order_by(*_name_fields())


def _user_model():
    return LiveBlogUpdateAuthor._meta.get_field("user").related_model


def _name_fields() -> list[str]:
    """The user model's name fields: first and last name where it has them,
    and its username."""
    model = _user_model()
    names = {field.name for field in model._meta.get_fields()}
    return [
        *(name for name in ("first_name", "last_name") if name in names),
        model.USERNAME_FIELD,
    ]


class UpdateForm(WagtailAdminModelForm):
    """The editor's form for an update: its authors' forms learn the blog,
    and the update keeps at most ``MAX_AUTHORS`` however the form is sent
    (one that leaves out the authors already there would add to them)."""

    @property
    def liveblog(self):
        return self.instance.blog if self.instance.blog_id else None

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("authors")
        if formset is not None and _author_count(self.instance, formset) > MAX_AUTHORS:
            self.add_error(
                None,
                _("An update has at most %(limit)d authors.") % {"limit": MAX_AUTHORS},
            )
        return cleaned_data


def _author_count(update, formset) -> int:
    """How many authors ``update`` has once ``formset`` is saved: those the
    form leaves alone, and its forms that are neither empty nor deleted."""
    in_form = {form.instance.pk for form in formset.forms if form.instance.pk}
    kept = sum(1 for author in update.authors.all() if author.pk not in in_form)
    deleted = set(map(id, formset.deleted_forms)) if formset.is_valid() else set()
    sent = sum(
        1
        for form in formset.forms
        if id(form) not in deleted and (form.instance.pk or form.has_changed())
    )
    return kept + sent


class AuthorForm(WagtailAdminModelForm):
    def __init__(self, *args, liveblog=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("user")
        if field is not None:
            self.fields["user"] = UserChoiceField(
                queryset=credit_choices(liveblog, [self.instance.user_id]),
                required=False,
                label=field.label,
                help_text=field.help_text,
            )


class AuthorsPanel(InlinePanel):
    """``InlinePanel("authors")`` whose forms choose among the blog's editors."""

    def __init__(self, relation_name="authors", **kwargs):
        kwargs.setdefault("label", _("Author"))
        kwargs.setdefault("heading", _("Authors"))
        kwargs.setdefault("max_num", MAX_AUTHORS)
        super().__init__(relation_name, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["form"] = AuthorForm
        formset["inherit_kwargs"] = ["liveblog"]
        return options


def search_updates(queryset: QuerySet, query: str) -> QuerySet:
    """Updates whose headline, or an author's name, holds ``query``."""
    names = Q(name__icontains=query)
    for field in _name_fields():
        names |= Q(**{f"user__{field}__icontains": query})
    authors = LiveBlogUpdateAuthor.objects.filter(names)
    return queryset.filter(
        Q(headline__icontains=query) | Q(pk__in=authors.values("update_id"))
    )


def with_authors(queryset: QuerySet) -> QuerySet:
    """``queryset`` with each update's authors loaded in one more query."""
    return queryset.prefetch_related("authors__user")


__all__ = [
    "AuthorsPanel",
    "UpdateForm",
    "credit_choices",
    "search_updates",
    "with_authors",
]
