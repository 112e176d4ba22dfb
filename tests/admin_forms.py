"""Build the POST data of a Django admin change form from its GET, as a browser would."""


def _value(field, value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item.pk if hasattr(item, "pk") else item) for item in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, bool):
        return "on" if value else ""
    return str(getattr(value, "text", value))


def form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = (
            field.prepare_value(bound.value()) if hasattr(field, "prepare_value") else bound.value()
        )
        key = bound.html_name
        if value is None or value is False or value == "":
            continue
        data[key] = _value(field, value)
    return data


def admin_post_data(response) -> dict:
    """The change form as displayed: the main form and every inline formset."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for form in formset.forms:
            data.update(form_data(form))
    return data
