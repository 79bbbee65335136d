from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from dangvu.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Dangvu", {"fields": ("full_name",)}),
    )
