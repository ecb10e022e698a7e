-- Sessions and failed sign-ins move to the session database (session-migrations/): everyone signs in again once.
-- An email may now hold one account per organisation; audit rows copied from the session database's outbox carry its id.
DROP TABLE `session`;--> statement-breakpoint
DROP TABLE `sign_in_failure`;--> statement-breakpoint
DROP INDEX `app_user_email_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `app_user_org_email_uq` ON `app_user` (`organisation_id`,`email`);--> statement-breakpoint
CREATE INDEX `app_user_email_idx` ON `app_user` (`email`);--> statement-breakpoint
ALTER TABLE `audit_event` ADD `outbox_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_outbox_id_uq` ON `audit_event` (`outbox_id`);