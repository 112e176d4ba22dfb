from .models import Plan


def synthetic_data(request) -> dict:
    """Whether the database holds synthetic (benchmark) data: every page then says so."""
    return {"shows_synthetic": Plan.objects.filter(synthetic=True).exists()}
