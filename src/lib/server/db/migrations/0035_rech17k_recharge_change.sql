CREATE TABLE `recharge_change` (
	`organisation_id` integer NOT NULL,
	`partner_key` integer NOT NULL,
	`financial_year` text NOT NULL,
	`bucket` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `partner_key`, `financial_year`, `bucket`)
);
--> statement-breakpoint
-- Custom SQL (not generated): every write to a recharge marks its partner, year and block of cost-line ids.
CREATE TRIGGER recharge_change_on_insert AFTER INSERT ON recharge
BEGIN
	INSERT OR IGNORE INTO recharge_change VALUES (NEW.organisation_id, NEW.partner_key, NEW.financial_year, NEW.cost_line_id >> 14);
END;--> statement-breakpoint
CREATE TRIGGER recharge_change_on_update AFTER UPDATE ON recharge
BEGIN
	INSERT OR IGNORE INTO recharge_change VALUES (OLD.organisation_id, OLD.partner_key, OLD.financial_year, OLD.cost_line_id >> 14);
	INSERT OR IGNORE INTO recharge_change VALUES (NEW.organisation_id, NEW.partner_key, NEW.financial_year, NEW.cost_line_id >> 14);
END;--> statement-breakpoint
CREATE TRIGGER recharge_change_on_delete AFTER DELETE ON recharge
BEGIN
	INSERT OR IGNORE INTO recharge_change VALUES (OLD.organisation_id, OLD.partner_key, OLD.financial_year, OLD.cost_line_id >> 14);
END;--> statement-breakpoint
-- What was there before: every block with a recharge or an issued line counts as changed, so the
-- next draft of each partner compares everything once, as before this migration.
INSERT OR IGNORE INTO recharge_change
	SELECT DISTINCT organisation_id, partner_key, financial_year, cost_line_id >> 14 FROM recharge;--> statement-breakpoint
INSERT OR IGNORE INTO recharge_change
	SELECT DISTINCT organisation_id, partner_organisation_id, financial_year, cost_line_id >> 14 FROM recharge_statement_line;
