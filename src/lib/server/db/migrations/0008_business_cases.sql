CREATE TABLE `appraisal_setting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`settings` text NOT NULL,
	`effective_from` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appraisal_setting_name_uq` ON `appraisal_setting` (`name`);--> statement-breakpoint
CREATE TABLE `business_case` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`title` text NOT NULL,
	`stage` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`current_version_number` integer DEFAULT 1 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_case_org_idx` ON `business_case` (`organisation_id`,`status`);--> statement-breakpoint
CREATE TABLE `business_case_decision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`business_case_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`decision_maker` text NOT NULL,
	`meeting_date` text NOT NULL,
	`minute_ref` text NOT NULL,
	`key_decision` integer NOT NULL,
	`conditions` text DEFAULT '' NOT NULL,
	`reasons` text DEFAULT '' NOT NULL,
	`decided_by_user_id` integer NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`business_case_id`) REFERENCES `business_case`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `business_case_version`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "business_case_decision_conditions_ck" CHECK(("business_case_decision"."outcome" = 'approved_with_conditions') = ("business_case_decision"."conditions" <> ''))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_case_decision_version_uq` ON `business_case_decision` (`version_id`);--> statement-breakpoint
CREATE INDEX `business_case_decision_org_case_idx` ON `business_case_decision` (`organisation_id`,`business_case_id`);--> statement-breakpoint
CREATE TABLE `business_case_editor` (
	`organisation_id` integer NOT NULL,
	`business_case_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`first_edited_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`version_id`, `user_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`business_case_id`) REFERENCES `business_case`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `business_case_version`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_case_editor_case_user_idx` ON `business_case_editor` (`business_case_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `business_case_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`business_case_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`content` text NOT NULL,
	`appraisal_setting_id` integer NOT NULL,
	`created_by_user_id` integer,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`submitted_at` text,
	`frozen_at` text,
	`content_hash` text,
	`snapshot` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`business_case_id`) REFERENCES `business_case`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appraisal_setting_id`) REFERENCES `appraisal_setting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "business_case_version_frozen_ck" CHECK("business_case_version"."frozen_at" IS NULL OR ("business_case_version"."snapshot" IS NOT NULL AND "business_case_version"."content_hash" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_case_version_case_number_uq` ON `business_case_version` (`business_case_id`,`number`);--> statement-breakpoint
CREATE INDEX `business_case_version_org_idx` ON `business_case_version` (`organisation_id`,`business_case_id`);--> statement-breakpoint
-- Custom SQL (not generated): the seeded settings, and the triggers that make approval final.
-- The Green Book 2022 figures, exactly as $lib/domain/appraisal.ts GREEN_BOOK_2022 (a test checks they agree).
INSERT INTO `appraisal_setting` (`name`, `source`, `settings`, `effective_from`) VALUES ('Green Book 2022', 'HM Treasury, The Green Book (2022), Annex A6 table 8; Supplementary Green Book guidance: optimism bias, equipment/development', '{"version":"Green Book 2022","source":"HM Treasury, The Green Book (2022), Annex A6 table 8; Supplementary Green Book guidance: optimism bias, equipment/development","discountBands":[{"fromYear":0,"toYear":30,"rateBp":350},{"fromYear":31,"toYear":75,"rateBp":300},{"fromYear":76,"toYear":125,"rateBp":250}],"optimismBias":{"capitalUpperBp":20000,"capitalLowerBp":1000,"durationUpperBp":5400,"durationLowerBp":1000}}', '2022-11-18');
--> statement-breakpoint
-- Settings are never revised in place: a revision is a new row, so every appraisal keeps the figures it was made with.
CREATE TRIGGER appraisal_setting_no_update BEFORE UPDATE ON appraisal_setting
BEGIN
	SELECT RAISE(ABORT, 'appraisal_setting is never changed: add the revised figures as a new setting');
END;
--> statement-breakpoint
CREATE TRIGGER appraisal_setting_no_delete BEFORE DELETE ON appraisal_setting
BEGIN
	SELECT RAISE(ABORT, 'appraisal_setting rows cannot be deleted: appraisals refer to them');
END;
--> statement-breakpoint
-- An approved (frozen) version stays exactly as members saw it: no change of any column, no deletion.
CREATE TRIGGER business_case_version_frozen_no_update BEFORE UPDATE ON business_case_version
WHEN OLD.frozen_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'business_case_version is frozen: an approved version cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER business_case_version_frozen_no_delete BEFORE DELETE ON business_case_version
WHEN OLD.frozen_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'business_case_version is frozen: an approved version cannot be deleted');
END;
--> statement-breakpoint
-- Only a draft's content changes: once submitted, what the decision-maker reads is fixed.
CREATE TRIGGER business_case_version_content_draft_only BEFORE UPDATE OF content ON business_case_version
WHEN OLD.status <> 'draft' AND NEW.content IS NOT OLD.content
BEGIN
	SELECT RAISE(ABORT, 'business_case_version content can change only while it is a draft');
END;
--> statement-breakpoint
-- Decisions are the minutes' record: append-only, like the audit trail.
CREATE TRIGGER business_case_decision_no_update BEFORE UPDATE ON business_case_decision
BEGIN
	SELECT RAISE(ABORT, 'business_case_decision is append-only: a decision cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER business_case_decision_no_delete BEFORE DELETE ON business_case_decision
BEGIN
	SELECT RAISE(ABORT, 'business_case_decision is append-only: a decision cannot be deleted');
END;
