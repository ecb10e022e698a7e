CREATE TABLE `recharge_statement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`financial_year` text NOT NULL,
	`quarter` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`issued_at` text,
	`issued_by_user_id` integer,
	`issued_by` text,
	`content` text,
	`content_hash` text,
	`total_pence` integer,
	`responded_at` text,
	`responded_by_user_id` integer,
	`responded_by` text,
	`dispute_reason` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by_user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by_user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recharge_statement_quarter_ck" CHECK("recharge_statement"."quarter" BETWEEN 0 AND 4),
	CONSTRAINT "recharge_statement_status_ck" CHECK("recharge_statement"."status" IN ('draft', 'issued', 'agreed', 'disputed')),
	CONSTRAINT "recharge_statement_issued_ck" CHECK("recharge_statement"."status" = 'draft' OR ("recharge_statement"."issued_at" IS NOT NULL AND "recharge_statement"."issued_by" IS NOT NULL AND "recharge_statement"."content" IS NOT NULL AND "recharge_statement"."content_hash" IS NOT NULL AND "recharge_statement"."total_pence" IS NOT NULL)),
	CONSTRAINT "recharge_statement_answer_ck" CHECK("recharge_statement"."status" IN ('draft', 'issued') OR ("recharge_statement"."responded_at" IS NOT NULL AND "recharge_statement"."responded_by" IS NOT NULL AND ("recharge_statement"."status" = 'agreed' OR length(trim(coalesce("recharge_statement"."dispute_reason", ''))) > 0)))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recharge_statement_period_uq` ON `recharge_statement` (`organisation_id`,`partner_organisation_id`,`financial_year`,`quarter`);--> statement-breakpoint
CREATE INDEX `recharge_statement_partner_idx` ON `recharge_statement` (`partner_organisation_id`,`status`);--> statement-breakpoint
CREATE TABLE `recharge_statement_line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`financial_year` text NOT NULL,
	`cost_line_id` integer NOT NULL,
	`description` text NOT NULL,
	`system_name` text,
	`cost_centre_id` integer,
	`cost_centre` text NOT NULL,
	`spend_type` text NOT NULL,
	`key_applied` text NOT NULL,
	`was_pence` integer,
	`now_pence` integer,
	`amount_pence` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `recharge_statement`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cost_line_id`) REFERENCES `cost_line`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recharge_statement_line_kind_ck" CHECK(("recharge_statement_line"."kind" = 'charge') = ("recharge_statement_line"."was_pence" IS NULL AND "recharge_statement_line"."now_pence" IS NULL) AND ("recharge_statement_line"."kind" = 'charge' OR "recharge_statement_line"."amount_pence" = "recharge_statement_line"."now_pence" - "recharge_statement_line"."was_pence"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recharge_statement_line_position_uq` ON `recharge_statement_line` (`statement_id`,`position`);--> statement-breakpoint
CREATE INDEX `recharge_statement_line_partner_idx` ON `recharge_statement_line` (`organisation_id`,`partner_organisation_id`,`financial_year`);--> statement-breakpoint
-- Custom SQL (not generated): an issued recharge statement stays exactly as the partner was sent it.
-- The only change allowed is the partner's answer, once: issued -> agreed or disputed, content untouched.
-- Later changes to its recharges go on the partner's next statement as adjustments.
CREATE TRIGGER recharge_statement_issued_no_update BEFORE UPDATE ON recharge_statement
WHEN OLD.status <> 'draft' AND NOT (
	OLD.status = 'issued' AND NEW.status IN ('agreed', 'disputed')
	AND NEW.id IS OLD.id AND NEW.organisation_id IS OLD.organisation_id
	AND NEW.partner_organisation_id IS OLD.partner_organisation_id
	AND NEW.financial_year IS OLD.financial_year AND NEW.quarter IS OLD.quarter
	AND NEW.created_by IS OLD.created_by AND NEW.created_at IS OLD.created_at
	AND NEW.issued_at IS OLD.issued_at AND NEW.issued_by_user_id IS OLD.issued_by_user_id
	AND NEW.issued_by IS OLD.issued_by AND NEW.content IS OLD.content
	AND NEW.content_hash IS OLD.content_hash AND NEW.total_pence IS OLD.total_pence
)
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement is issued: only the partner''s answer (agreed or disputed) may be recorded, once');
END;
--> statement-breakpoint
CREATE TRIGGER recharge_statement_issued_no_delete BEFORE DELETE ON recharge_statement
WHEN OLD.status <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement is issued: an issued statement cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER recharge_statement_line_no_update BEFORE UPDATE ON recharge_statement_line
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement_line is frozen: an issued statement''s lines cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER recharge_statement_line_no_delete BEFORE DELETE ON recharge_statement_line
WHEN (SELECT status FROM recharge_statement WHERE id = OLD.statement_id) <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement_line is frozen: an issued statement''s lines cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER recharge_statement_line_no_insert BEFORE INSERT ON recharge_statement_line
WHEN coalesce((SELECT status FROM recharge_statement WHERE id = NEW.statement_id), 'draft') <> 'draft'
	OR NOT EXISTS (SELECT 1 FROM recharge_statement s WHERE s.id = NEW.statement_id
		AND s.organisation_id = NEW.organisation_id AND s.partner_organisation_id = NEW.partner_organisation_id)
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement_line: lines are added only to a draft statement of the same service and partner, as it is issued');
END;
--> statement-breakpoint
CREATE TRIGGER recharge_statement_draft_not_answered BEFORE UPDATE ON recharge_statement
WHEN OLD.status = 'draft' AND NEW.status IN ('agreed', 'disputed')
BEGIN
	SELECT RAISE(ABORT, 'recharge_statement is a draft: a partner answers only an issued statement');
END;
