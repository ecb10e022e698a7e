CREATE TABLE `audit_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` text NOT NULL,
	`organisation_id` integer,
	`user_id` integer,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text DEFAULT '' NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_outbox_outbox_id_unique` ON `audit_outbox` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `auth_failure` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`account` text NOT NULL,
	`ip` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `auth_failure_account_idx` ON `auth_failure` (`kind`,`account`,`ip`,`at`);--> statement-breakpoint
CREATE INDEX `auth_failure_ip_idx` ON `auth_failure` (`kind`,`ip`,`at`);--> statement-breakpoint
CREATE TABLE `auth_session` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`acting_organisation_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `auth_session_user_idx` ON `auth_session` (`user_id`);--> statement-breakpoint
CREATE INDEX `auth_session_expires_idx` ON `auth_session` (`expires_at`);--> statement-breakpoint
CREATE TABLE `auth_known_address` (
	`account` text NOT NULL,
	`ip` text NOT NULL,
	`last_success_at` text NOT NULL,
	PRIMARY KEY(`account`, `ip`)
);
--> statement-breakpoint
CREATE INDEX `auth_known_address_at_idx` ON `auth_known_address` (`last_success_at`);