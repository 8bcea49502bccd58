-- A stored evaluation is the legal basis of payment (contracts name it), so it is kept complete:
-- `document` holds the evaluation's Evaluate.encode form (version 2: overlay, reforms, input hash,
-- warnings, eligibility conditions, support lines) without its trace, which stays in `trace`
-- (one copy). The store reads the record back with Evaluate.decode; it never filters inside it.
-- The filters (proposal, pack, verdict) keep using the scalar columns and their indexes, so one
-- JSONB column, not a column per field, and no index on it.
-- Rows stored before this migration have no document: their summary still reads back, with no
-- record (`StoredEvaluation.evaluation` undefined).
ALTER TABLE evaluations ADD COLUMN document jsonb;
-- The document and the scalar columns written from the same evaluation cannot disagree. (CHECK
-- constraints run in name order: these come after evaluations_payable_check, whose fault is the
-- more precise one.)
ALTER TABLE evaluations ADD CONSTRAINT evaluations_record_check CHECK (
  document IS NULL OR (
    jsonb_typeof(document) = 'object'
    AND document ->> 'evaluationVersion' = '2'
    AND NOT document ? 'trace'
    AND document ->> 'proposalId' = proposal_id
    AND document ->> 'packId' = pack_id
    AND document ->> 'packVersion' = pack_version
    AND document ->> 'verdict' = verdict
    AND (document ->> 'payable')::numeric = payable
  )
);
-- Every row written from now on carries its record (NOT VALID: the rows above are not refused).
ALTER TABLE evaluations ADD CONSTRAINT evaluations_record_required_check CHECK (document IS NOT NULL) NOT VALID;
