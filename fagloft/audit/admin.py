from django.contrib import admin

from fagloft.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "verb", "object_type", "object_repr"]
    list_filter = ["verb", "object_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]

    def has_add_permission(self, request):  # the trail is written by the system only
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
