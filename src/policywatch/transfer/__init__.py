"""Export and import: a whole store as one file per table plus manifest.json, in jsonl, csv or parquet, and
back into an empty store of either backend (also how an SQLite store moves to PostgreSQL).

    report = export_store(store, Path("backup"), "jsonl")     # ExportReport(tables=…, rows=…)
    import_export(open_store("postgresql://…/policywatch"), Path("backup"))

The tables are read from the database at run time (schema.py), rows are streamed in chunks, and the files are
deterministic and backend-neutral. The format, the value encodings and the volatile fields are described in
docs/export.md.
"""

from __future__ import annotations

from policywatch.transfer.errors import TransferError
from policywatch.transfer.export import ExportReport, export_store
from policywatch.transfer.formats import FORMATS
from policywatch.transfer.importer import ImportReport, import_export
from policywatch.transfer.manifest import Manifest, read_manifest

__all__ = ["FORMATS", "ExportReport", "ImportReport", "Manifest", "TransferError", "export_store", "import_export",
           "read_manifest"]
