from typing import Any

from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's own Vietnamese catalogue lacks this message; ours says it plainly.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong user name or password. Both are case-sensitive."),
        "inactive": _("This account is disabled. Ask the committee's office."),
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, its mail built and sent by the one sender (`notifications.emails`,
    through the outbox), with the link on the site's configured address."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from dangvu.notifications import emails

        user = context["user"]
        emails.queue(
            key=f"password-reset:{user.pk}:{context['token']}",
            name="password_reset",
            to=[to_email],
            context={
                "uid": context["uid"],
                "token": context["token"],
                "username": user.get_username(),
            },
        )
