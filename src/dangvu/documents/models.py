"""The register of outgoing documents (sổ đăng ký văn bản đi): "Số 125-BC/QU". Numbers restart
each year per issuer and per type of document (BC, TB, KH, QĐ, GM…): the office keeps one
sequence per type, as its paper register does. The văn thư may type the number it took from the
paper register; a number is never given twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.documents.enums import Confidentiality, Urgency
from dangvu.org.models import Organisation


class NumberCounter(models.Model):
    """The last number given by an issuer in a year for a type of document: the row that
    allocation locks, so that two documents issued at the same moment never get the same number
    or leave a gap."""

    issuer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    type_code = models.CharField(_("document type code"), max_length=8, default="")
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "type_code"], name="number_counter_per_type_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year} {self.type_code}: {self.last_number}"


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
    label = models.CharField(_("what it numbers"), max_length=300)  # trích yếu
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    typed = models.BooleanField(
        _("typed from the paper register"),
        default=False,
        help_text=_("The number was taken from the paper register, not given by Dangvu."),
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, blank=True
    )
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, blank=True)
    # What the number was given to, when Dangvu made the document: "conference:12:GM".
    source = models.CharField(_("source"), max_length=100, blank=True, db_index=True)
    # The document as Dangvu rendered it, and the signed, stamped scan the office sent: the
    # issued copy. Both are served only through the register's download view.
    docx = models.BinaryField(_("document as issued"), null=True, blank=True, editable=False)
    signed_scan = models.FileField(_("signed scan"), upload_to="register/%Y/", blank=True)
    signed_scan_name = models.CharField(_("scan file name"), max_length=255, blank=True)
    signed_scan_at = models.DateTimeField(_("scan attached at"), null=True, blank=True)
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
        ordering = ["issuer", "year", "type_code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "type_code", "number"],
                name="document_number_per_type_unique",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_number_positive"),
            models.CheckConstraint(condition=~Q(type_code=""), name="document_type_code_set"),
        ]

    def __str__(self) -> str:
        return f"{self.number}-{self.type_code}/{self.issuer.issuer_code}"
