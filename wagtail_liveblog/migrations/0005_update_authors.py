"""An update's byline becomes its authors: each update's ``author`` text
becomes one author by that name, in its row and in its revisions, so a
draft keeps its byline too."""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


BATCH = 500


def bylines_to_authors(apps, schema_editor):
    Update = apps.get_model("wagtail_liveblog", "LiveBlogUpdate")
    Author = apps.get_model("wagtail_liveblog", "LiveBlogUpdateAuthor")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = (
        Update.objects.exclude(author="")
        .values_list("pk", "author")
        .iterator(chunk_size=BATCH)
    )
    batch = []
    for pk, author in rows:
        batch.append(Author(update_id=pk, name=author, sort_order=0))
        if len(batch) >= BATCH:
            Author.objects.bulk_create(batch)
            batch = []
    Author.objects.bulk_create(batch)

    content_type = ContentType.objects.filter(
        app_label="wagtail_liveblog", model="liveblogupdate"
    ).first()
    if content_type is None:
        return
    changed = []
    for revision in Revision.objects.filter(content_type=content_type).iterator(
        chunk_size=BATCH
    ):
        content = revision.content or {}
        if "authors" in content:
            continue
        author = content.pop("author", "") or ""
        content["authors"] = (
            [
                {
                    "pk": None,
                    "update": content.get("pk"),
                    "user": None,
                    "name": author,
                    "sort_order": 0,
                }
            ]
            if author
            else []
        )
        revision.content = content
        changed.append(revision)
        if len(changed) >= BATCH:
            Revision.objects.bulk_update(changed, ["content"])
            changed = []
    Revision.objects.bulk_update(changed, ["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_liveblog", "0004_timeline_published_state"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="LiveBlogUpdateAuthor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "sort_order",
                    models.IntegerField(blank=True, editable=False, null=True),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text='Or anyone else, by name: "AP", "Our correspondent".',
                        max_length=255,
                        verbose_name="name",
                    ),
                ),
                (
                    "update",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="authors",
                        to="wagtail_liveblog.liveblogupdate",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who writes on this blog: the byline shows their name.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="colleague",
                    ),
                ),
            ],
            options={
                "verbose_name": "author",
                "verbose_name_plural": "authors",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(bylines_to_authors, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="liveblogupdate",
            name="author",
        ),
    ]
