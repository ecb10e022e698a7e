-- A replace outcome may now be proposed with no workstream delivering it yet (an imported 'Replace'
-- with a blank workstream; an outcome whose workstream was unlinked): bit 32 of outcome_flags
-- (WORKSTREAM_NOT_SET_BIT in domain/review.ts) marks a system whose current review has one. Set it for
-- any such outcome already recorded, so the flag and the outcomes agree from the start.
UPDATE `system` SET `outcome_flags` = `outcome_flags` | 32
WHERE EXISTS (SELECT 1 FROM `review_outcome` o WHERE o.`system_id` = `system`.`id` AND o.`is_current` = 1
	AND o.`outcome` = 'replace' AND o.`workstream_id` IS NULL);--> statement-breakpoint
CREATE INDEX `system_org_workstream_not_set_idx` ON `system` (`organisation_id`,`lifecycle`,`outcome_flags`) WHERE ("system"."outcome_flags" & 32) <> 0;
--> statement-breakpoint
-- Only agreeing a replace needs its workstream, whichever way it is written (the review form, an import, a script).
CREATE TRIGGER review_outcome_agreed_replace_needs_workstream_insert BEFORE INSERT ON review_outcome
WHEN NEW.status = 'agreed' AND NEW.outcome = 'replace' AND NEW.workstream_id IS NULL
BEGIN
	SELECT RAISE(ABORT, 'Agreeing a replace outcome needs the workstream delivering it');
END;
--> statement-breakpoint
CREATE TRIGGER review_outcome_agreed_replace_needs_workstream_update BEFORE UPDATE OF status, outcome, workstream_id ON review_outcome
WHEN NEW.status = 'agreed' AND NEW.outcome = 'replace' AND NEW.workstream_id IS NULL
BEGIN
	SELECT RAISE(ABORT, 'Agreeing a replace outcome needs the workstream delivering it');
END;
