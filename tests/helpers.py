import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Any address that would make the browser leave our host.
OFF_HOST = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import"""
)


def count_queries(client, url: str, *, cached: bool = False) -> int:
    """The number of SQL queries one GET of `url` runs (it must answer 200);
    from an empty cache unless `cached`."""
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
