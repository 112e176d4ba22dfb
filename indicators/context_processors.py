from django.utils.functional import SimpleLazyObject

from .models import Plan


def synthetic_data(request) -> dict:
    """Whether the database holds synthetic (benchmark) data: every page then says so.

    Lazy: a view that knows (a plan's dashboard, its table) passes `shows_synthetic`
    itself, and no query is made."""
    return {
        "shows_synthetic": SimpleLazyObject(lambda: Plan.objects.filter(synthetic=True).exists())
    }
