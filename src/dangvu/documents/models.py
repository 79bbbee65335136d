"""Document numbers: "Số 125-BC/QU". Numbers restart each year per issuer and are shared by
every type of document the issuer signs (the type code is part of the label, not of the count)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.org.models import Organisation


class NumberCounter(models.Model):
    """The last number given by an issuer in a year: the row that allocation locks, so that two
    documents issued at the same moment never get the same number or leave a gap."""

    issuer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="number_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class DocumentNumber(models.Model):
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="document_numbers",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    type_code = models.CharField(_("document type code"), max_length=8)
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("what it numbers"), max_length=300)
    allocated_at = models.DateTimeField(_("allocated at"), auto_now_add=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("allocated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document number")
        verbose_name_plural = _("document numbers")
        ordering = ["issuer", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"], name="document_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_number_positive"),
            models.CheckConstraint(condition=~Q(type_code=""), name="document_type_code_set"),
        ]

    def __str__(self) -> str:
        return f"{self.number}-{self.type_code}/{self.issuer.issuer_code}"
