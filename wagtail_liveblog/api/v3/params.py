"""The write routes' request body: JSON, or multipart with pictures.

``POST`` and ``PATCH …/updates/`` take the update as a JSON body, or as
``multipart/form-data`` whose ``update`` part holds the same JSON and whose
other parts are picture files, named from the body's image items
(``{"type": "image", "value": {"file": "photo", …}}``). Both are validated
against the same schema; the OpenAPI document lists both content types.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.params.models import Body, BodyModel

UPDATE_PART = "update"
MULTIPART = "multipart/form-data"


def is_multipart(request: HttpRequest) -> bool:
    return request.content_type == MULTIPART


def multipart(request: HttpRequest) -> tuple[QueryDict, MultiValueDict]:
    """The fields and files of a multipart request, whatever its method
    (Django parses multipart bodies of ``POST`` requests only)."""
    try:
        if request.method == "POST":
            return request.POST, request.FILES
        parsed = getattr(request, "_liveblog_multipart", None)
        if parsed is None:
            parsed = request.parse_file_upload(request.META, request)
            request._liveblog_multipart = parsed  # type: ignore[attr-defined]
        return parsed
    except RequestDataTooBig:
        raise HttpError(413, _("The request is too large.")) from None
    except (MultiPartParserError, TooManyFieldsSent):
        raise HttpError(400, _("The multipart request could not be read.")) from None


def uploaded_files(request: HttpRequest) -> MultiValueDict:
    return multipart(request)[1] if is_multipart(request) else MultiValueDict()


class UpdateBodyModel(BodyModel):
    @classmethod
    def get_request_data(cls, request: HttpRequest, api: Any, path_params: Any):
        if not is_multipart(request):
            try:
                return super().get_request_data(request, api, path_params)
            except RequestDataTooBig:
                raise HttpError(413, _("The request is too large.")) from None
        fields, _files = multipart(request)
        raw = fields.get(UPDATE_PART)
        if raw is None:
            raise HttpError(
                400,
                _('A multipart request needs an "%(part)s" part: the update as JSON.')
                % {"part": UPDATE_PART},
            )
        try:
            data = json.loads(raw)
        except ValueError:
            raise HttpError(
                400,
                _('The "%(part)s" part is not JSON.') % {"part": UPDATE_PART},
            ) from None
        name = getattr(cls, "__read_from_single_attr__", None)
        return {name: data} if name else data


class UpdateBody(Body):
    """``Body(...)`` that also reads the ``update`` part of a multipart request."""

    _model = UpdateBodyModel

    @classmethod
    def _param_source(cls) -> str:
        return Body._param_source()


def multipart_openapi(schema_name: str) -> dict[str, Any]:
    """``openapi_extra`` describing the multipart form of a write route."""
    return {
        "requestBody": {
            "content": {
                MULTIPART: {
                    "schema": {
                        "type": "object",
                        "required": [UPDATE_PART],
                        "properties": {
                            UPDATE_PART: {"$ref": f"#/components/schemas/{schema_name}"}
                        },
                        "additionalProperties": {
                            "type": "string",
                            "format": "binary",
                            "description": (
                                "A picture, named by an image item's "
                                '"file" in the update.'
                            ),
                        },
                    },
                    "encoding": {UPDATE_PART: {"contentType": "application/json"}},
                }
            }
        }
    }
