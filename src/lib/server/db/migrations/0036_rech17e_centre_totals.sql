CREATE TABLE `recharge_centre_total` (
	`organisation_id` integer NOT NULL,
	`partner_key` integer NOT NULL,
	`partner_organisation_id` integer,
	`financial_year` text NOT NULL,
	`cost_centre_key` integer NOT NULL,
	`cost_centre_id` integer,
	`spend_type` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`line_count` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `partner_key`, `financial_year`, `cost_centre_key`, `spend_type`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recharge_centre_total_keys_ck" CHECK("recharge_centre_total"."partner_key" = coalesce("recharge_centre_total"."partner_organisation_id", 0) AND "recharge_centre_total"."cost_centre_key" = coalesce("recharge_centre_total"."cost_centre_id", 0))
);
--> statement-breakpoint
CREATE TABLE `recharge_stated_total` (
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`financial_year` text NOT NULL,
	`cost_centre_key` integer NOT NULL,
	`cost_centre_id` integer,
	`spend_type` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`line_count` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `partner_organisation_id`, `financial_year`, `cost_centre_key`, `spend_type`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recharge_stated_total_centre_ck" CHECK("recharge_stated_total"."cost_centre_key" = coalesce("recharge_stated_total"."cost_centre_id", 0))
);
--> statement-breakpoint
-- Custom SQL (not generated): the stated totals are kept by the database itself as issued lines
-- arrive (they are never updated or deleted: recharge_statement_line_no_update/_no_delete).
CREATE TRIGGER recharge_statement_line_stated_total AFTER INSERT ON recharge_statement_line
BEGIN
	INSERT INTO recharge_stated_total (organisation_id, partner_organisation_id, financial_year, cost_centre_key, cost_centre_id, spend_type, amount_pence, line_count)
	VALUES (NEW.organisation_id, NEW.partner_organisation_id, NEW.financial_year, coalesce(NEW.cost_centre_id, 0), NEW.cost_centre_id, NEW.spend_type, NEW.amount_pence, 1)
	ON CONFLICT DO UPDATE SET amount_pence = amount_pence + excluded.amount_pence, line_count = line_count + 1;
END;--> statement-breakpoint
INSERT INTO `recharge_centre_total` (`organisation_id`, `partner_key`, `partner_organisation_id`, `financial_year`, `cost_centre_key`, `cost_centre_id`, `spend_type`, `amount_pence`, `line_count`)
SELECT `organisation_id`, `partner_key`, max(`partner_organisation_id`), `financial_year`, coalesce(`cost_centre_id`, 0), max(`cost_centre_id`), `spend_type`, sum(`amount_pence`), count(*)
FROM `recharge` GROUP BY `organisation_id`, `partner_key`, `financial_year`, coalesce(`cost_centre_id`, 0), `spend_type`;--> statement-breakpoint
INSERT INTO `recharge_stated_total` (`organisation_id`, `partner_organisation_id`, `financial_year`, `cost_centre_key`, `cost_centre_id`, `spend_type`, `amount_pence`, `line_count`)
SELECT `organisation_id`, `partner_organisation_id`, `financial_year`, coalesce(`cost_centre_id`, 0), max(`cost_centre_id`), `spend_type`, sum(`amount_pence`), count(*)
FROM `recharge_statement_line` GROUP BY `organisation_id`, `partner_organisation_id`, `financial_year`, coalesce(`cost_centre_id`, 0), `spend_type`;
