CREATE TABLE `allocation_key` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`financial_year` text NOT NULL,
	`scope` text NOT NULL,
	`scope_id` integer NOT NULL,
	`kind` text NOT NULL,
	`measure` text DEFAULT '' NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`as_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "allocation_key_service_ck" CHECK(("allocation_key"."scope" = 'service') = ("allocation_key"."scope_id" = 0)),
	CONSTRAINT "allocation_key_driver_ck" CHECK("allocation_key"."kind" = 'fixed' OR ("allocation_key"."measure" <> '' AND "allocation_key"."source" <> '' AND "allocation_key"."as_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_key_scope_uq` ON `allocation_key` (`organisation_id`,`financial_year`,`scope`,`scope_id`);--> statement-breakpoint
CREATE TABLE `allocation_key_share` (
	`key_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`weight` integer NOT NULL,
	`cost_centre_id` integer,
	PRIMARY KEY(`key_id`, `partner_organisation_id`),
	FOREIGN KEY (`key_id`) REFERENCES `allocation_key`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cost_centre_id`,`partner_organisation_id`) REFERENCES `partner_cost_centre`(`id`,`partner_organisation_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "allocation_key_share_weight_ck" CHECK("allocation_key_share"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE `partner_cost_centre` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_cost_centre_code_uq` ON `partner_cost_centre` (`organisation_id`,`partner_organisation_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `partner_cost_centre_partner_uq` ON `partner_cost_centre` (`id`,`partner_organisation_id`);--> statement-breakpoint
CREATE TABLE `recharge` (
	`organisation_id` integer NOT NULL,
	`cost_line_id` integer NOT NULL,
	`partner_key` integer NOT NULL,
	`partner_organisation_id` integer,
	`financial_year` text NOT NULL,
	`spend_type` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`allocation_key_id` integer,
	`cost_centre_id` integer,
	PRIMARY KEY(`cost_line_id`, `partner_key`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cost_line_id`) REFERENCES `cost_line`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`allocation_key_id`) REFERENCES `allocation_key`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cost_centre_id`,`partner_organisation_id`) REFERENCES `partner_cost_centre`(`id`,`partner_organisation_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recharge_partner_ck" CHECK("recharge"."partner_key" = coalesce("recharge"."partner_organisation_id", 0) AND ("recharge"."partner_key" = 0) = ("recharge"."allocation_key_id" IS NULL)),
	CONSTRAINT "recharge_amount_ck" CHECK("recharge"."amount_pence" BETWEEN 0 AND 100000000000)
);
--> statement-breakpoint
CREATE INDEX `recharge_partner_year_idx` ON `recharge` (`organisation_id`,`partner_key`,`financial_year`,`spend_type`);--> statement-breakpoint
CREATE INDEX `recharge_key_idx` ON `recharge` (`allocation_key_id`);