DROP INDEX `recharge_partner_year_idx`;--> statement-breakpoint
CREATE INDEX `recharge_partner_year_idx` ON `recharge` (`organisation_id`,`partner_key`,`financial_year`,`spend_type`,`cost_line_id`,`amount_pence`,`cost_centre_id`);--> statement-breakpoint
DROP INDEX `recharge_statement_line_partner_idx`;--> statement-breakpoint
CREATE INDEX `recharge_statement_line_partner_idx` ON `recharge_statement_line` (`organisation_id`,`partner_organisation_id`,`financial_year`,`spend_type`,`cost_line_id`,`cost_centre_id`,`amount_pence`);--> statement-breakpoint
ALTER TABLE `recharge_statement` ADD `summary_hash` text;--> statement-breakpoint
-- Custom SQL (not generated): the summary's hash is frozen with the rest of an issued statement.
DROP TRIGGER recharge_statement_issued_no_update;--> statement-breakpoint
CREATE TRIGGER recharge_statement_issued_no_update BEFORE UPDATE ON recharge_statement
WHEN OLD.status <> 'draft' AND NOT (
	OLD.status = 'issued' AND NEW.status IN ('agreed', 'disputed')
	AND NEW.id IS OLD.id AND NEW.organisation_id IS OLD.organisation_id
	AND NEW.partner_organisation_id IS OLD.partner_organisation_id
	AND NEW.financial_year IS OLD.financial_year AND NEW.quarter IS OLD.quarter
	AND NEW.created_by IS OLD.created_by AND NEW.created_at IS OLD.created_at
	AND NEW.issued_at IS OLD.issued_at AND NEW.issued_by_user_id IS OLD.issued_by_user_id
	AND NEW.issued_by IS OLD.issued_by AND NEW.content IS OLD.content
	AND NEW.content_hash IS OLD.content_hash AND NEW.summary_hash IS OLD.summary_hash
	AND NEW.total_pence IS OLD.total_pence
)
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement is issued: only the partner''s answer (agreed or disputed) may be recorded, once');
END;
