"""The one error a bundle check raises: a machine-readable code and a reason for people."""

from __future__ import annotations

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.said import Said


class BundleError(FieldtuiError):
    """A bundle failed a check; `code` says which (e.g. `bad-signature`), `what` says why
    (given as `Said`, a collector can say it in the language the device asked for)."""

    def __init__(self, code: str, what: str | Said, todo: str = "") -> None:
        super().__init__(what, todo or _("the bundle was refused; it was not stored as good"))
        self.code = code
