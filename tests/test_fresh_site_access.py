"""The attacker's repros of issue #15, in a brand-new ``wagtail start`` site
set up exactly as the docs say (API v2, Wagtail's API v3 mounted whole with
the ``liveblogs`` router, Slack and Telegram ingest, the poll middleware),
with blogs A and B, a private blog, and an editor of A only, a contributor
of A and an admin user without page permissions. Each fails on the code
before the fix and passes after it.

Slow (it shares the run's new site, ``docs_site``); the API v3 parts need
Wagtail 8.
"""

from __future__ import annotations

import pytest

from tests.fresh_site import has_api_v3, manage_shell, printed

pytestmark = pytest.mark.slow

SCRIPT = r"""
import io, json, struct, time, zlib
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import (
    Collection, GroupCollectionPermission, GroupPagePermission, PageViewRestriction,
    Site,
)
from wagtail_liveblog import editing
from wagtail_liveblog.ingest.models import ChatConnection
from wagtail_liveblog.models import LiveBlogPage, LiveBlogUpdate

HAS_V3 = __HAS_V3__
User = get_user_model()
home = Site.objects.get(is_default_site=True).root_page
chief = User.objects.create_superuser("access-chief", "c@example.com", "pw")

def blog(title):
    page = home.add_child(instance=LiveBlogPage(title=title, slug=title.lower().replace(" ", "-")))
    page.save_revision(user=chief).publish(user=chief)
    return page

a, b, private = blog("Access A"), blog("Access B"), blog("Access private")
PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

def person(name, page=None, *codenames, chat=False, images=False):
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name=f"{name} group")
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename))
    if chat:  # as posting.md suggests for a desk's group
        group.permissions.add(*Permission.objects.filter(codename__endswith="chatconnection"))
    if images:
        for codename in ("add_image", "choose_image"):
            GroupCollectionPermission.objects.create(
                group=group, collection=Collection.get_first_root_node(),
                permission=Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user

PUBLISH = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
editor_a = person("access-edna", a, *PUBLISH, chat=True, images=True)
contributor = person("access-carl", a, "add_page", "change_page", images=True)
outsider = person("access-otto")
facts = {}

def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client

def token(user):
    from wagtail.models import APIToken
    return {"Authorization": f"Bearer {APIToken.create_token(user=user, name='t')[1]}"}

def png(width=64, height=48):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()

def claimed_png(width, height):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))

draft = editing.post_update(a, user=editor_a, headline="Quokka draft headline", publish=False)

# High: a draft's photo, uploaded through API v3, says nothing to anyone.
if HAS_V3:
    update = {"headline": "Quokka with a photo", "publish": False, "body": [
        {"type": "image", "value": {"file": "photo", "caption": "Quokka caption", "credit": "AP"}}]}
    response = client_for().post(
        f"/api/v3/liveblogs/{a.pk}/updates/",
        data={"update": json.dumps(update),
              "photo": SimpleUploadedFile("IMG_0042.png", png(), "image/png")},
        headers=token(editor_a))
    facts["upload_status"] = response.status_code
    image = get_image_model().objects.get(pk=response.json()["body"][0]["value"]["id"])
    listing = client_for().get("/api/v3/images/")
    text = listing.content.decode()
    facts["images_api"] = [listing.status_code, f'"id":{image.pk}' in text.replace(" ", "")]
    facts["images_api_leaks"] = "Quokka" in text or "IMG_0042" in text
    facts["file_name_guessable"] = "IMG_0042" in image.file.name
    # Low: a decompression bomb is refused at once, not decoded.
    started = time.monotonic()
    response = client_for().post(
        f"/api/v3/liveblogs/{a.pk}/updates/",
        data={"update": json.dumps(dict(update, publish=True)),
              "photo": SimpleUploadedFile("bomb.png", claimed_png(10_000, 10_000), "image/png")},
        headers=token(editor_a))
    facts["bomb"] = [response.status_code, time.monotonic() - started < 2]

# High: an editor of A connects blog B, posting as a superuser.
response = client_for(editor_a).post("/admin/wagtail_liveblog_chat/new/", {
    "name": "Rogue", "service": "telegram", "channel": "-1009", "blog": b.pk,
    "user": chief.pk, "publish": "on", "enabled": "on"})
facts["rogue_connection"] = [response.status_code, ChatConnection.objects.filter(blog=b).exists()]

# Medium: an admin user with no page permissions lists every headline.
response = client_for(outsider).get("/admin/bulk/wagtail_liveblog/liveblogupdate/delete/?id=all")
facts["bulk_listing"] = [response.status_code, "Quokka" in response.content.decode()]

# Low: a colleague's lock holds on Wagtail's own screens.
locked = LiveBlogUpdate.objects.get(pk=editing.post_update(a, user=editor_a, headline="Locked"))
locked.locked, locked.locked_by = True, chief
locked.save(update_fields=["locked", "locked_by"])
edna = client_for(editor_a)
edna.post(f"/admin/liveblog/unpublish/{locked.pk}/")
edna.post(f"/admin/liveblog/delete/{locked.pk}/")
edna.post(f"/admin/bulk/wagtail_liveblog/liveblogupdate/delete/?id={locked.pk}")
locked.refresh_from_db()
facts["locked_still_live"] = locked.live

# Low: a contributor rewrites an update that was published and unpublished.
if HAS_V3:
    gone = LiveBlogUpdate.objects.get(pk=editing.post_update(a, user=editor_a, headline="Gone"))
    gone.unpublish(user=editor_a)
    response = client_for().patch(
        f"/api/v3/liveblogs/{a.pk}/updates/{gone.pk}/",
        data=json.dumps({"headline": "Rewritten"}), content_type="application/json",
        headers=token(contributor))
    gone.refresh_from_db()
    facts["contributor_rewrite"] = [response.status_code,
                                    gone.get_latest_revision_as_object().headline]
    # Info: "yes" is no flag.
    response = client_for().post(
        f"/api/v3/liveblogs/{a.pk}/updates/",
        data=json.dumps({"headline": "Flag", "pinned": "yes"}),
        content_type="application/json", headers=token(editor_a))
    facts["yes_flag"] = response.status_code

# Info: a draft's id answers as an unknown one.
def answer(cursor):
    response = client_for().get(f"/api/v2/liveblogs/{a.pk}/updates/?since=0&after={cursor}")
    return [response.status_code, response.json()]
facts["oracle"] = answer(draft) == answer("0b7e5d1c-3f7b-4d0e-9a55-5c7e3c1f2a90")
print("FACTS " + json.dumps(facts))
"""


def test_the_attackers_repros_fail_on_a_site_set_up_as_the_docs_say(docs_site):
    where, env = docs_site
    script = SCRIPT.replace("__HAS_V3__", repr(has_api_v3()))
    facts = printed(manage_shell(where, env, script), "FACTS")
    assert facts["rogue_connection"] == [200, False]
    assert facts["bulk_listing"] == [404, False]
    assert facts["locked_still_live"] is True
    assert facts["oracle"] is True
    if has_api_v3():
        assert facts["upload_status"] == 201
        # Wagtail's endpoint does list the photo (the docs say so)...
        assert facts["images_api"] == [200, True]
        # ...but nothing in it says what it shows.
        assert facts["images_api_leaks"] is False
        assert facts["file_name_guessable"] is False
        assert facts["bomb"] == [422, True]
        assert facts["contributor_rewrite"] == [403, "Gone"]
        assert facts["yes_flag"] == 422
