"""The authors of an update: Wagtail users, or names as free text (a wire
service, a guest, a chat's sender), in byline order.

``LiveBlogUpdateAuthor`` rows are the update's children (a
``ClusterableModel``), so they travel in its revisions: a draft's authors,
a preview's and a published version's are each their own.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..text import strip_control_characters

#: Authors one update may credit.
MAX_AUTHORS = 20


def user_name(user) -> str:
    """How a user is credited: their full name, else their username."""
    if user is None:
        return ""
    name = (user.get_full_name() if hasattr(user, "get_full_name") else "") or ""
    name = strip_control_characters(name or user.get_username() or "")
    return " ".join(name.split())[:255]


class LiveBlogUpdateAuthor(Orderable):
    update = ParentalKey(
        "wagtail_liveblog.LiveBlogUpdate",
        on_delete=models.CASCADE,
        related_name="authors",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("colleague"),
        help_text=_("Who writes on this blog: the byline shows their name."),
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_('Or anyone else, by name: "AP", "Our correspondent".'),
    )

    panels = [FieldRowPanel([FieldPanel("user"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name given, else the user's."""
        name = strip_control_characters(self.name or "")
        return " ".join(name.split()) or user_name(self.user)

    def clean(self) -> None:
        super().clean()
        self.name = strip_control_characters(self.name or "").strip()
        if not self.name and self.user_id is None:
            raise ValidationError(_("Choose a user or write a name."))

    def save(self, *args, **kwargs):
        self.name = strip_control_characters(self.name or "").strip()
        super().save(*args, **kwargs)


def byline(names: list[str]) -> str:
    """Names joined as a byline: "Ana", "Ana and Tom", "Ana, Tom and Sam"."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(names)s and %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }
