CREATE TABLE `governance_meeting_paper` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`file_name` text NOT NULL,
	`file_type` text NOT NULL,
	`file` blob NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `governance_meeting`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `governance_meeting_paper_uq` ON `governance_meeting_paper` (`meeting_id`,`number`);--> statement-breakpoint
CREATE INDEX `governance_meeting_paper_org_idx` ON `governance_meeting_paper` (`organisation_id`,`meeting_id`);--> statement-breakpoint
-- Minutes and papers are the record of what a meeting had before it: once attached, never changed or removed.
CREATE TRIGGER governance_meeting_paper_no_update BEFORE UPDATE ON governance_meeting_paper
BEGIN
	SELECT RAISE(ABORT, 'governance_meeting_paper is a record: an attached paper cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER governance_meeting_paper_no_delete BEFORE DELETE ON governance_meeting_paper
BEGIN
	SELECT RAISE(ABORT, 'governance_meeting_paper is a record: an attached paper cannot be removed');
END;
