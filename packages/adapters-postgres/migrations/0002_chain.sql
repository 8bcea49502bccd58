-- Issue 12: contracts rest on an evaluation, adjustments are decisions, every write may carry an
-- idempotency key. Rows stored before this migration are kept as they are: the new CHECK
-- constraints are NOT VALID (they bind every row written from now on, and no existing row is
-- rewritten or refused).

-- The stored evaluation a contract rests on (kết quả thẩm định). New contracts must name one and
-- their proposal; the store checks, under a lock on the proposal row, that the approved support
-- of all the proposal's contracts stays within the evaluation's payable amount.
ALTER TABLE contracts ADD COLUMN evaluation_id bigint CONSTRAINT contracts_evaluation_fkey REFERENCES evaluations (id);
ALTER TABLE contracts ADD CONSTRAINT contracts_basis_check CHECK (proposal_id IS NOT NULL AND evaluation_id IS NOT NULL) NOT VALID;
-- amounts: positive and at most 10^20 − 1 đồng (what the store's Money fields hold), also for adjustments
ALTER TABLE contracts ADD CONSTRAINT contracts_support_range_check CHECK (approved_support > 0 AND approved_support <= 99999999999999999999) NOT VALID;
ALTER TABLE ledger_events ADD CONSTRAINT ledger_events_amount_range_check CHECK (amount > 0 AND amount <= 99999999999999999999) NOT VALID;

-- The decision behind an adjustment (quyết định điều chỉnh): number (decision, already there),
-- date, issuing authority, legal basis; an increase names the re-evaluation it rests on.
ALTER TABLE ledger_events ADD COLUMN decided_on date;
ALTER TABLE ledger_events ADD COLUMN decided_by text;
ALTER TABLE ledger_events ADD COLUMN legal_basis text;
ALTER TABLE ledger_events ADD COLUMN evaluation_id text;
ALTER TABLE ledger_events ADD CONSTRAINT ledger_events_decision_check CHECK (
  kind <> 'adjustment' OR (decision IS NOT NULL AND decided_on IS NOT NULL AND decided_by IS NOT NULL AND legal_basis IS NOT NULL)
) NOT VALID;
ALTER TABLE ledger_events ADD CONSTRAINT ledger_events_decided_on_check CHECK (decided_on IS NULL OR decided_on <= event_date) NOT VALID;

-- Idempotency keys of writes other than ledger postings (khóa chống ghi trùng): the operation,
-- the sha256 of the validated payload and what the write returned (ids to read back).
CREATE TABLE write_keys (
  key text COLLATE "C" PRIMARY KEY,
  operation text NOT NULL,
  content_sha256 text NOT NULL,
  result jsonb,
  saved_at timestamptz NOT NULL DEFAULT now()
);
