"""The exchange format ``werkbrug-exchange/1``: read, validate and write deliveries.

Pure Python (no Django, no database): a delivery goes in as a CSV folder, an ``.xlsx``
workbook or a ``.zip``; validated, typed rows and a list of problems come out. See
``docs/exchange-format.md`` for the format itself.
"""

from werkbrug.exchange.problems import Problem, Problems, Severity
from werkbrug.exchange.schema import FORMAT, TABLE_ORDER, TABLES, Column, Table
from werkbrug.exchange.sources import SourceError, open_source
from werkbrug.exchange.validate import DeliveryMeta, DeliveryValidator
from werkbrug.exchange.writer import write_csv_folder, write_xlsx

__all__ = [
    "FORMAT",
    "TABLES",
    "TABLE_ORDER",
    "Column",
    "DeliveryMeta",
    "DeliveryValidator",
    "Problem",
    "Problems",
    "Severity",
    "SourceError",
    "Table",
    "open_source",
    "write_csv_folder",
    "write_xlsx",
]
