"""Push: every change readers can see reaches them within a second.

The change publisher (``signals.liveblog_changed``, sent after commit) is
heard here and passed on; polling stays the source of truth and the way to
catch up, so a failure here never fails a write and never loses a change.

- ``events.py``: the event stream's messages (Server-Sent Events): each
  change as the poll's JSON, with the blog's version as its id;
- ``embedded.py``: the engine for one process under an ASGI server
  (``make run``, small sites): the process streams the events itself;
- ``grip.py``: the engine at scale: a GRIP proxy (Pushpin, Fastly Fanout)
  holds the readers' connections and Django only publishes to it;
- ``publisher.py``: the receivers that hand each change to the engine.

For other systems:

- ``background.py``: how outgoing work runs after commit without the writer
  waiting for it (``django_tasks``; an in-process executor when the task
  backend would run it inside the request);
- ``outbound.py``: one HTTP POST to another system, redirects never
  followed, with a timeout;
- ``public.py``: which blogs push may tell other systems about;
- ``websub.py``: WebSub for feed readers (the feed names its hub; each
  change pings it).

Signed webhooks are the optional ``wagtail_liveblog.webhooks`` app, built
on ``background.py`` and ``outbound.py``.
"""
