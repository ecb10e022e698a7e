CREATE TABLE `partnership_agreement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`title` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`signed_on` text NOT NULL,
	`quorum_rule` text DEFAULT 'all' NOT NULL,
	`quorum_minimum` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "partnership_agreement_minimum_ck" CHECK(("partnership_agreement"."quorum_rule" = 'minimum') = ("partnership_agreement"."quorum_minimum" IS NOT NULL) AND coalesce("partnership_agreement"."quorum_minimum", 1) >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partnership_agreement_org_uq` ON `partnership_agreement` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `partnership_partner` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `partnership_agreement`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "partnership_partner_dates_ck" CHECK("partnership_partner"."left_on" IS NULL OR "partnership_partner"."left_on" > "partnership_partner"."joined_on"),
	CONSTRAINT "partnership_partner_not_self_ck" CHECK("partnership_partner"."partner_organisation_id" <> "partnership_partner"."organisation_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partnership_partner_uq` ON `partnership_partner` (`agreement_id`,`partner_organisation_id`,`joined_on`);--> statement-breakpoint
CREATE INDEX `partnership_partner_partner_idx` ON `partnership_partner` (`partner_organisation_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `shared_system_partner` (
	`organisation_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shared_system_partner_uq` ON `shared_system_partner` (`system_id`,`partner_organisation_id`);--> statement-breakpoint
CREATE INDEX `shared_system_partner_partner_idx` ON `shared_system_partner` (`partner_organisation_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `governance_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`test_id` integer,
	`description` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text NOT NULL,
	`completed_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`test_id`) REFERENCES `recovery_test`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `governance_action_org_due_idx` ON `governance_action` (`organisation_id`,`completed_on`,`due_on`);--> statement-breakpoint
CREATE TABLE `governance_decision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`minute_ref` text NOT NULL,
	`subject` text NOT NULL,
	`ratifies_decision_id` integer,
	`recorded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `governance_meeting`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `governance_decision_org_idx` ON `governance_decision` (`organisation_id`,`meeting_id`);--> statement-breakpoint
CREATE INDEX `governance_decision_ratifies_idx` ON `governance_decision` (`ratifies_decision_id`);--> statement-breakpoint
CREATE TABLE `governance_document` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`scope` text NOT NULL,
	`service_name` text DEFAULT '' NOT NULL,
	`restricted` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `governance_document_org_idx` ON `governance_document` (`organisation_id`,`kind`);--> statement-breakpoint
CREATE TABLE `governance_document_author` (
	`organisation_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`version_id`, `person_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `governance_document_version`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `governance_person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `governance_document_system` (
	`organisation_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `system_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `governance_document`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `governance_document_system_sys_idx` ON `governance_document_system` (`organisation_id`,`system_id`);--> statement-breakpoint
CREATE TABLE `governance_document_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`link_url` text,
	`attachment_name` text,
	`attachment_type` text,
	`attachment` blob,
	`attachment_sha256` text,
	`review_by` text,
	`approved_on` text,
	`decision_id` integer,
	`content_hash` text,
	`frozen_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `governance_document`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `governance_decision`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "governance_document_version_frozen_ck" CHECK("governance_document_version"."frozen_at" IS NULL OR ("governance_document_version"."status" = 'approved' AND "governance_document_version"."content_hash" IS NOT NULL AND "governance_document_version"."decision_id" IS NOT NULL AND "governance_document_version"."review_by" IS NOT NULL)),
	CONSTRAINT "governance_document_version_approved_ck" CHECK("governance_document_version"."status" = 'draft' OR "governance_document_version"."frozen_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `governance_document_version_uq` ON `governance_document_version` (`document_id`,`number`);--> statement-breakpoint
CREATE INDEX `governance_document_version_org_idx` ON `governance_document_version` (`organisation_id`,`document_id`);--> statement-breakpoint
CREATE TABLE `governance_meeting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`body` text NOT NULL,
	`meeting_on` text NOT NULL,
	`title` text NOT NULL,
	`minutes_url` text DEFAULT '' NOT NULL,
	`quorate` integer NOT NULL,
	`quorum_summary` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `governance_meeting_org_idx` ON `governance_meeting` (`organisation_id`,`meeting_on`);--> statement-breakpoint
CREATE TABLE `governance_meeting_partner` (
	`organisation_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`attendees` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`meeting_id`, `partner_organisation_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `governance_meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `governance_person` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`job_title` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `governance_person_org_name_uq` ON `governance_person` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `recovery_objective` (
	`system_id` integer PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`rto_minutes` integer NOT NULL,
	`rpo_minutes` integer NOT NULL,
	`mtpd_minutes` integer NOT NULL,
	`restoration_order` integer,
	`agreed_by` text NOT NULL,
	`agreed_on` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recovery_objective_minutes_ck" CHECK("recovery_objective"."rto_minutes" BETWEEN 1 AND 129600 AND "recovery_objective"."rpo_minutes" BETWEEN 1 AND 129600 AND "recovery_objective"."mtpd_minutes" BETWEEN 1 AND 129600),
	CONSTRAINT "recovery_objective_rto_mtpd_ck" CHECK("recovery_objective"."rto_minutes" <= "recovery_objective"."mtpd_minutes"),
	CONSTRAINT "recovery_objective_order_ck" CHECK("recovery_objective"."restoration_order" IS NULL OR "recovery_objective"."restoration_order" >= 1)
);
--> statement-breakpoint
CREATE INDEX `recovery_objective_org_idx` ON `recovery_objective` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `recovery_test` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`test_type` text NOT NULL,
	`tested_on` text NOT NULL,
	`result` text NOT NULL,
	`evidence` text DEFAULT '' NOT NULL,
	`findings` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `governance_document_version`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recovery_test_pass_evidence_ck" CHECK("recovery_test"."result" <> 'passed' OR trim("recovery_test"."evidence") <> '')
);
--> statement-breakpoint
CREATE INDEX `recovery_test_org_idx` ON `recovery_test` (`organisation_id`,`tested_on`);--> statement-breakpoint
CREATE TABLE `recovery_test_system` (
	`organisation_id` integer NOT NULL,
	`test_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	`rto_minutes` integer,
	`achieved_minutes` integer NOT NULL,
	`data_loss_minutes` integer,
	`within_rto` integer,
	PRIMARY KEY(`test_id`, `system_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`test_id`) REFERENCES `recovery_test`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recovery_test_system_minutes_ck" CHECK("recovery_test_system"."achieved_minutes" >= 0 AND coalesce("recovery_test_system"."data_loss_minutes", 0) >= 0)
);
--> statement-breakpoint
CREATE INDEX `recovery_test_system_sys_idx` ON `recovery_test_system` (`organisation_id`,`system_id`);--> statement-breakpoint
CREATE TABLE `recovery_test_tester` (
	`organisation_id` integer NOT NULL,
	`test_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`test_id`, `person_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`test_id`) REFERENCES `recovery_test`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `governance_person`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Custom SQL (not generated): the triggers that make approval final and testing independent.
-- An approved (frozen) version stays exactly as the meeting approved it: no change of any column, no deletion.
CREATE TRIGGER governance_document_version_frozen_no_update BEFORE UPDATE ON governance_document_version
WHEN OLD.frozen_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'governance_document_version is frozen: an approved version cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER governance_document_version_frozen_no_delete BEFORE DELETE ON governance_document_version
WHEN OLD.frozen_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'governance_document_version is frozen: an approved version cannot be deleted');
END;
--> statement-breakpoint
-- A frozen version's authors are part of what was approved.
CREATE TRIGGER governance_document_author_frozen_no_insert BEFORE INSERT ON governance_document_author
WHEN (SELECT frozen_at FROM governance_document_version WHERE id = NEW.version_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'governance_document_version is frozen: its authors cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER governance_document_author_frozen_no_delete BEFORE DELETE ON governance_document_author
WHEN (SELECT frozen_at FROM governance_document_version WHERE id = OLD.version_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'governance_document_version is frozen: its authors cannot change');
END;
--> statement-breakpoint
CREATE TRIGGER governance_document_author_no_update BEFORE UPDATE ON governance_document_author
BEGIN
	SELECT RAISE(ABORT, 'governance_document_author rows are added or removed, never changed');
END;
--> statement-breakpoint
-- The scrutiny committee's rule: the people who write a plan must not be the people who test it.
-- Checked from both sides, so neither adding a tester nor adding an author can break it.
CREATE TRIGGER recovery_test_tester_not_author BEFORE INSERT ON recovery_test_tester
WHEN EXISTS (SELECT 1 FROM governance_document_author a JOIN recovery_test t ON t.version_id = a.version_id WHERE t.id = NEW.test_id AND a.person_id = NEW.person_id)
BEGIN
	SELECT RAISE(ABORT, 'recovery_test_tester: an author of the plan version tested cannot be its tester');
END;
--> statement-breakpoint
CREATE TRIGGER governance_document_author_not_tester BEFORE INSERT ON governance_document_author
WHEN EXISTS (SELECT 1 FROM recovery_test_tester x JOIN recovery_test t ON t.id = x.test_id WHERE t.version_id = NEW.version_id AND x.person_id = NEW.person_id)
BEGIN
	SELECT RAISE(ABORT, 'governance_document_author: a tester of this plan version cannot become its author');
END;
--> statement-breakpoint
-- A system that took longer than its RTO did not pass.
CREATE TRIGGER recovery_test_system_pass_within_rto BEFORE INSERT ON recovery_test_system
WHEN NEW.rto_minutes IS NOT NULL AND NEW.achieved_minutes > NEW.rto_minutes
	AND (SELECT result FROM recovery_test WHERE id = NEW.test_id) = 'passed'
BEGIN
	SELECT RAISE(ABORT, 'recovery_test_system: a test whose achieved time exceeds an RTO cannot be recorded as passed');
END;
--> statement-breakpoint
-- Tests, their testers and systems, meetings and decisions are the record: append-only, like the audit trail.
CREATE TRIGGER recovery_test_no_update BEFORE UPDATE ON recovery_test
BEGIN
	SELECT RAISE(ABORT, 'recovery_test is append-only: a recorded test cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER recovery_test_no_delete BEFORE DELETE ON recovery_test
BEGIN
	SELECT RAISE(ABORT, 'recovery_test is append-only: a recorded test cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER recovery_test_tester_no_change BEFORE UPDATE ON recovery_test_tester
BEGIN
	SELECT RAISE(ABORT, 'recovery_test_tester is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER recovery_test_tester_no_delete BEFORE DELETE ON recovery_test_tester
BEGIN
	SELECT RAISE(ABORT, 'recovery_test_tester is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER recovery_test_system_no_update BEFORE UPDATE ON recovery_test_system
BEGIN
	SELECT RAISE(ABORT, 'recovery_test_system is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER recovery_test_system_no_delete BEFORE DELETE ON recovery_test_system
BEGIN
	SELECT RAISE(ABORT, 'recovery_test_system is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER governance_decision_no_update BEFORE UPDATE ON governance_decision
BEGIN
	SELECT RAISE(ABORT, 'governance_decision is append-only: a minuted decision cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER governance_decision_no_delete BEFORE DELETE ON governance_decision
BEGIN
	SELECT RAISE(ABORT, 'governance_decision is append-only: a minuted decision cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER governance_meeting_no_update BEFORE UPDATE ON governance_meeting
BEGIN
	SELECT RAISE(ABORT, 'governance_meeting is append-only: its attendance and quorum are the record');
END;
--> statement-breakpoint
CREATE TRIGGER governance_meeting_no_delete BEFORE DELETE ON governance_meeting
BEGIN
	SELECT RAISE(ABORT, 'governance_meeting is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER governance_meeting_partner_no_update BEFORE UPDATE ON governance_meeting_partner
BEGIN
	SELECT RAISE(ABORT, 'governance_meeting_partner is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER governance_meeting_partner_no_delete BEFORE DELETE ON governance_meeting_partner
BEGIN
	SELECT RAISE(ABORT, 'governance_meeting_partner is append-only');
END;
