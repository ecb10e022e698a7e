-- 'Not yet assessed' (not_assessed) joins criticality and personal data. Neither column has a CHECK or
-- trigger listing its values, so only the criticality sort key changes: it ranked every unknown value
-- with Critical (ELSE 4); 'Not yet assessed' now ranks 0, below Low. SQLite cannot drop an indexed
-- column, so its index goes first and comes back on the new column (virtual: no table rewrite).
DROP INDEX `system_org_criticality_rank_idx`;--> statement-breakpoint
ALTER TABLE `system` DROP COLUMN `criticality_rank`;--> statement-breakpoint
ALTER TABLE `system` ADD `criticality_rank` integer GENERATED ALWAYS AS (CASE criticality WHEN 'not_assessed' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `system_org_criticality_rank_idx` ON `system` (`organisation_id`,`criticality_rank`,`id`);--> statement-breakpoint
-- A decommission or replace outcome may now be proposed with no target date: bit 16 of outcome_flags
-- (TARGET_DATE_NOT_SET_BIT in domain/review.ts) marks a system whose current review has one. Set it
-- for any such outcome already recorded, so the flag and the outcomes agree from the start.
UPDATE `system` SET `outcome_flags` = `outcome_flags` | 16
WHERE EXISTS (SELECT 1 FROM `review_outcome` o WHERE o.`system_id` = `system`.`id` AND o.`is_current` = 1
	AND o.`outcome` IN ('decommission', 'replace') AND o.`target_date` IS NULL);--> statement-breakpoint
CREATE INDEX `system_org_personal_not_assessed_idx` ON `system` (`organisation_id`,`lifecycle`) WHERE "system"."personal_data" = 'not_assessed';--> statement-breakpoint
CREATE INDEX `system_org_target_date_not_set_idx` ON `system` (`organisation_id`,`lifecycle`,`outcome_flags`) WHERE ("system"."outcome_flags" & 16) <> 0;
--> statement-breakpoint
-- Decisions before dates: a decommission or replace outcome may be proposed with no target date, but
-- never agreed without one, whichever way it is written (the review form, an import, a script).
CREATE TRIGGER review_outcome_agreed_needs_target_date_insert BEFORE INSERT ON review_outcome
WHEN NEW.status = 'agreed' AND NEW.outcome IN ('decommission', 'replace') AND coalesce(NEW.target_date, '') = ''
BEGIN
	SELECT RAISE(ABORT, 'Agreeing a decommission or replace outcome needs a target date');
END;
--> statement-breakpoint
CREATE TRIGGER review_outcome_agreed_needs_target_date_update BEFORE UPDATE OF status, outcome, target_date ON review_outcome
WHEN NEW.status = 'agreed' AND NEW.outcome IN ('decommission', 'replace') AND coalesce(NEW.target_date, '') = ''
BEGIN
	SELECT RAISE(ABORT, 'Agreeing a decommission or replace outcome needs a target date');
END;
