from django.contrib import admin

from opensop.cycle.models import DeadlineReminder, DuoValue, RegimeYear


@admin.register(RegimeYear)
class RegimeYearAdmin(admin.ModelAdmin[RegimeYear]):
    list_display = ["swv", "school_year", "regime", "deadline"]
    list_filter = ["regime", "school_year"]


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(admin.ModelAdmin[DeadlineReminder]):
    list_display = ["regime_year", "school", "days_before", "sent_at"]
    readonly_fields = ["sent_at"]


@admin.register(DuoValue)
class DuoValueAdmin(admin.ModelAdmin[DuoValue]):
    list_display = ["profile", "item_key", "value", "corrected", "source_file", "source_date"]
    readonly_fields = ["taken_at"]
