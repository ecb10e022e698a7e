CREATE TABLE `recharge_total` (
	`organisation_id` integer NOT NULL,
	`partner_key` integer NOT NULL,
	`partner_organisation_id` integer,
	`financial_year` text NOT NULL,
	`spend_type` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`line_count` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `partner_key`, `financial_year`, `spend_type`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recharge_total_partner_ck" CHECK("recharge_total"."partner_key" = coalesce("recharge_total"."partner_organisation_id", 0))
);
--> statement-breakpoint
DROP INDEX `recharge_partner_year_idx`;--> statement-breakpoint
CREATE INDEX `recharge_partner_year_idx` ON `recharge` (`organisation_id`,`partner_key`,`financial_year`,`spend_type`,`cost_line_id`,`amount_pence`);--> statement-breakpoint
INSERT INTO `recharge_total` (`organisation_id`, `partner_key`, `partner_organisation_id`, `financial_year`, `spend_type`, `amount_pence`, `line_count`)
SELECT `organisation_id`, `partner_key`, max(`partner_organisation_id`), `financial_year`, `spend_type`, sum(`amount_pence`), count(*)
FROM `recharge` GROUP BY `organisation_id`, `partner_key`, `financial_year`, `spend_type`;
