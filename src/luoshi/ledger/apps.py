from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "luoshi.ledger"
    verbose_name = "项目储备库 project ledger"

    def ready(self) -> None:
        # Bound targets take their value from the ledger wherever the tracker measures them.
        from luoshi.ledger import live
        from luoshi.tracking import measure

        source = measure.LiveSource(
            live.NAME, live.values, live.bound, "live figure of the project ledger"
        )
        if source not in measure.LIVE_SOURCES:
            measure.LIVE_SOURCES.append(source)

    def add_demo_data(self, plan: object) -> str:
        """Called by `luoshi demo` after the tracker's own demo data."""
        from luoshi.ledger import demo
        from luoshi.tracking.models import Plan

        assert isinstance(plan, Plan)
        return demo.set_up(plan)
