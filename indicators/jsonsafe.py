"""JSON that is safe to drop into a page: the API's encoder."""

from django.core.serializers.json import DjangoJSONEncoder


class SafeJSONEncoder(DjangoJSONEncoder):
    """Chinese as-is, but <, > and & escaped: user text in the JSON can never become
    markup, even if a client drops it into a page."""

    ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

    def encode(self, o) -> str:
        return super().encode(o).translate(self.ESCAPES)


JSON_OPTIONS = {"ensure_ascii": False}
