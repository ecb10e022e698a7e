CREATE TABLE `committee_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`financial_year` text NOT NULL,
	`quarter` integer NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`draft` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`issued_at` text,
	`issued_by_user_id` integer,
	`issued_by` text,
	`snapshot` text,
	`content_hash` text,
	`public_snapshot` text,
	`public_hash` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by_user_id`) REFERENCES `app_user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "committee_report_quarter_ck" CHECK("committee_report"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "committee_report_status_ck" CHECK("committee_report"."status" IN ('draft', 'issued')),
	CONSTRAINT "committee_report_issued_ck" CHECK("committee_report"."status" = 'draft' OR ("committee_report"."issued_at" IS NOT NULL AND "committee_report"."issued_by" IS NOT NULL AND "committee_report"."snapshot" IS NOT NULL AND "committee_report"."content_hash" IS NOT NULL AND "committee_report"."public_snapshot" IS NOT NULL AND "committee_report"."public_hash" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `committee_report_org_quarter_uq` ON `committee_report` (`organisation_id`,`financial_year`,`quarter`);--> statement-breakpoint
CREATE INDEX `committee_report_org_status_idx` ON `committee_report` (`organisation_id`,`status`,`financial_year`,`quarter`);--> statement-breakpoint
-- Custom SQL (not generated): an issued report stays exactly as it was reported to committee.
-- Corrections go in the next quarter's report; the issued one is never changed or removed.
CREATE TRIGGER committee_report_issued_no_update BEFORE UPDATE ON committee_report
WHEN OLD.status = 'issued'
BEGIN
	SELECT RAISE(ABORT, 'committee_report is issued: an issued report cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER committee_report_issued_no_delete BEFORE DELETE ON committee_report
WHEN OLD.status = 'issued'
BEGIN
	SELECT RAISE(ABORT, 'committee_report is issued: an issued report cannot be deleted');
END;
