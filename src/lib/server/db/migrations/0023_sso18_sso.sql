CREATE TABLE `sso_identity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`linked_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_sign_in_at` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sso_identity_issuer_subject_uq` ON `sso_identity` (`issuer`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `sso_identity_user_uq` ON `sso_identity` (`user_id`);--> statement-breakpoint
CREATE INDEX `sso_identity_org_idx` ON `sso_identity` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `sso_setting` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`secret_ref` text NOT NULL,
	`tenant_id` text DEFAULT '' NOT NULL,
	`role_map` text DEFAULT '[]' NOT NULL,
	`allow_guests` integer DEFAULT false NOT NULL,
	`create_users` integer DEFAULT false NOT NULL,
	`sso_only` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
