-- 0011: records stored by a batch ingest whose target ledger update is still to come. A batch takes the
-- ledger in once per few hundred files (`Store.catch_up_ledger`, `ledger.update_ledger_records`): each goal
-- the batch restates is loaded and written once, not once per file. The row is written in the record's own
-- transaction and deleted in the one that updates the ledger, so a batch killed between the two leaves the
-- list here, and the next ingest (or `policywatch check`, which reports it) knows what the ledger lacks.

CREATE TABLE ledger_pending (
    record_id  INTEGER PRIMARY KEY
);
