-- The triggers that keep organisation_list_version, dropped and made again from their one definition
-- (src/lib/server/db/list-version-sql.ts, printed by `npm run db:list-version-sql`): the same text as 0024's.
DROP TRIGGER IF EXISTS `system_list_version_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `system_list_version_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `system_list_version_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `directorate_list_version_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `directorate_list_version_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `directorate_list_version_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_area_list_version_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_area_list_version_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_area_list_version_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `workstream_list_version_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `workstream_list_version_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `workstream_list_version_update`;
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
