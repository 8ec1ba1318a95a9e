from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "luoshi.api"
    verbose_name = "落实 API"
