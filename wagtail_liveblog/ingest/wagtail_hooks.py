from wagtail import hooks

from .viewsets import ChatConnectionViewSet


@hooks.register("register_admin_viewset")
def register_chat_connections():
    return ChatConnectionViewSet("wagtail_liveblog_chat")
