ALTER TABLE `system` ADD `outcome_flags` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Fill the flags from each system's current review (maintain 1, develop 2, decommission 4, replace 8).
UPDATE `system` SET `outcome_flags` = coalesce((
	SELECT sum(DISTINCT CASE `outcome` WHEN 'maintain' THEN 1 WHEN 'develop' THEN 2 WHEN 'decommission' THEN 4 ELSE 8 END)
	FROM `review_outcome` WHERE `review_outcome`.`system_id` = `system`.`id` AND `review_outcome`.`is_current` = 1
), 0);
