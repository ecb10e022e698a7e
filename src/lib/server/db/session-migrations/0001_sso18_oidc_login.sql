CREATE TABLE `oidc_login` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`next` text DEFAULT '/' NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oidc_login_expires_idx` ON `oidc_login` (`expires_at`);