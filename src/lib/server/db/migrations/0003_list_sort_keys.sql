DROP INDEX `system_org_criticality_idx`;--> statement-breakpoint
DROP INDEX `system_org_review_status_idx`;--> statement-breakpoint
DROP INDEX `system_org_hosting_idx`;--> statement-breakpoint
DROP INDEX `system_org_directorate_idx`;--> statement-breakpoint
DROP INDEX `system_org_updated_idx`;--> statement-breakpoint
ALTER TABLE `system` ADD `directorate_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Fill the copied directorate name for systems saved before this migration.
UPDATE `system` SET `directorate_name` = coalesce((SELECT `name` FROM `directorate` WHERE `directorate`.`id` = `system`.`directorate_id`), '');--> statement-breakpoint
ALTER TABLE `system` ADD `criticality_rank` integer GENERATED ALWAYS AS (CASE criticality WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END) VIRTUAL;--> statement-breakpoint
ALTER TABLE `system` ADD `review_rank` integer GENERATED ALWAYS AS (CASE review_status WHEN 'not_reviewed' THEN 1 WHEN 'proposed' THEN 2 ELSE 3 END) VIRTUAL;--> statement-breakpoint
ALTER TABLE `system` ADD `users_key` integer GENERATED ALWAYS AS (coalesce(user_count, 9007199254740991)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `system` ADD `cost_key` integer GENERATED ALWAYS AS (coalesce(annual_run_cost_pence, 9007199254740991)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `system` ADD `contract_end_key` text GENERATED ALWAYS AS (coalesce(contract_end, '9999-12-31')) VIRTUAL;--> statement-breakpoint
CREATE INDEX `system_org_directorate_name_idx` ON `system` (`organisation_id`,`directorate_name`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_criticality_rank_idx` ON `system` (`organisation_id`,`criticality_rank`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_users_key_idx` ON `system` (`organisation_id`,`users_key`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_cost_key_idx` ON `system` (`organisation_id`,`cost_key`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_contract_end_key_idx` ON `system` (`organisation_id`,`contract_end_key`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_review_rank_idx` ON `system` (`organisation_id`,`review_rank`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_service_area_idx` ON `system` (`organisation_id`,`service_area_id`);--> statement-breakpoint
CREATE INDEX `system_org_hosting_idx` ON `system` (`organisation_id`,`hosting`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_directorate_idx` ON `system` (`organisation_id`,`directorate_id`);--> statement-breakpoint
CREATE INDEX `system_org_updated_idx` ON `system` (`organisation_id`,`updated_at`,`id`);