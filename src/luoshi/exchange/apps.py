from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "luoshi.exchange"
    verbose_name = "督查通报与台账 bulletin and progress workbooks"
