"""The composer's Authors: colleagues who may write on the blog (the poster
chosen to start with) and names as free text ("AP", "Our correspondent"),
as the full editor's Authors panel offers (``authors.py``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.authors import MAX_AUTHORS
from .authors import UserChoiceField, credit_choices

USERS = "author_users"
NAMES = "author_names"


class UsersField(forms.ModelMultipleChoiceField):
    label_from_instance = UserChoiceField.label_from_instance


def add_author_fields(form, blog, user) -> None:
    """Give the composer's ``form`` its two author fields."""
    form.fields[USERS] = UsersField(
        queryset=credit_choices(blog, [user.pk]),
        required=False,
        label=_("Colleagues"),
        widget=forms.CheckboxSelectMultiple,
        initial=[user.pk],
    )
    form.fields[NAMES] = forms.CharField(
        required=False,
        max_length=1000,
        label=_("Other names"),
        help_text=_('Separated by commas, for example "AP, Our correspondent".'),
    )


def credited(cleaned_data: dict, poster) -> list:
    """Users and names in byline order: the poster first if chosen, the
    other colleagues, then the names."""
    users = sorted(cleaned_data.get(USERS) or [], key=lambda u: u.pk != poster.pk)
    names = [
        " ".join(name.split())
        for name in (cleaned_data.get(NAMES) or "").split(",")
        if name.strip()
    ]
    chosen = [*users, *names]
    if len(chosen) > MAX_AUTHORS:
        raise forms.ValidationError(
            _("An update credits at most %(count)s authors.") % {"count": MAX_AUTHORS}
        )
    return chosen
