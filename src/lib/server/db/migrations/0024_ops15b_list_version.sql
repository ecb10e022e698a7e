-- What /systems shows beside its rows (the three filter lists, the data-quality figures, whether a
-- search reads the trigram index) is kept per organisation in the app while this counter stands still.
-- Triggers raise it in the same statement as the change, so every write path (forms, imports, seeds,
-- a restore's replay) keeps it right; an update raises it only when a column those figures read changes.
CREATE TABLE `organisation_list_version` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `organisation_list_version`(organisation_id, version) SELECT id, 1 FROM `organisation`;
--> statement-breakpoint
CREATE TRIGGER `system_list_version_insert` AFTER INSERT ON `system` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `system_list_version_delete` AFTER DELETE ON `system` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `system_list_version_update` AFTER UPDATE OF organisation_id, lifecycle, criticality, personal_data, outcome_flags ON `system`
WHEN old.organisation_id IS NOT new.organisation_id OR old.lifecycle IS NOT new.lifecycle OR old.criticality IS NOT new.criticality OR old.personal_data IS NOT new.personal_data OR old.outcome_flags IS NOT new.outcome_flags BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `directorate_list_version_insert` AFTER INSERT ON `directorate` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `directorate_list_version_delete` AFTER DELETE ON `directorate` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `directorate_list_version_update` AFTER UPDATE OF organisation_id, name ON `directorate`
WHEN old.organisation_id IS NOT new.organisation_id OR old.name IS NOT new.name BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_area_list_version_insert` AFTER INSERT ON `service_area` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_area_list_version_delete` AFTER DELETE ON `service_area` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_area_list_version_update` AFTER UPDATE OF organisation_id, name ON `service_area`
WHEN old.organisation_id IS NOT new.organisation_id OR old.name IS NOT new.name BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `workstream_list_version_insert` AFTER INSERT ON `workstream` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `workstream_list_version_delete` AFTER DELETE ON `workstream` BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `workstream_list_version_update` AFTER UPDATE OF organisation_id, name ON `workstream`
WHEN old.organisation_id IS NOT new.organisation_id OR old.name IS NOT new.name BEGIN
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (old.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
	INSERT INTO `organisation_list_version`(organisation_id, version) VALUES (new.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;
END;
