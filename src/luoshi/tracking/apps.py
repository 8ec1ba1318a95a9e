from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "luoshi.tracking"
    verbose_name = "落实 tracking"

    def ready(self) -> None:
        from luoshi.tracking import versions

        versions.connect()
