from tests.reports.conftest import demo_deliveries

__all__ = ["demo_deliveries"]
