from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "luoshi.public"
    verbose_name = "落实 public page"
