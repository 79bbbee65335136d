"""User accounts for imported people.

An account made by the people import has no usable password: nobody, the office included, knows
a password for it. Its owner sets one through a one-time link (`account_setup_link`: Django's
password-reset token, valid `PASSWORD_RESET_TIMEOUT`, three days by default, and spent as soon
as a password is set), which the office hands over from the import's result page; or later
through "Quên mật khẩu" with the e-mail of the row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy

from dangvu.core import audit, policy
from dangvu.core.policy import Actor

if TYPE_CHECKING:
    from dangvu.accounts.models import User

_ACCOUNT_REFUSAL = gettext_lazy("Only office staff and administrators may create user accounts.")


@transaction.atomic
def account_create(*, username: str, full_name: str, email: str = "", by: Actor) -> Any:
    """A new account with no usable password (see the module); its roles are granted apart,
    each by `membership_grant` and its rule."""
    from dangvu.accounts.models import User

    policy.require(by, "account.create", None, message=_ACCOUNT_REFUSAL)
    user = User(username=username.strip(), full_name=full_name.strip(), email=email.strip())
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit.record(
        actor=by,
        action="account.create",
        obj=user,
        after={"username": user.username, "full_name": user.full_name, "email": user.email},
    )
    return user


def account_setup_link(user: User) -> str:
    """The path of the one-time link where the account's owner sets a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", args=[uid, token])
