CREATE TABLE `review_count` (
	`organisation_id` integer NOT NULL,
	`directorate_key` integer NOT NULL,
	`service_area_key` integer NOT NULL,
	`systems` integer DEFAULT 0 NOT NULL,
	`reviewed` integer DEFAULT 0 NOT NULL,
	`multiple` integer DEFAULT 0 NOT NULL,
	`maintain` integer DEFAULT 0 NOT NULL,
	`develop` integer DEFAULT 0 NOT NULL,
	`decommission` integer DEFAULT 0 NOT NULL,
	`replace` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`organisation_id`, `directorate_key`, `service_area_key`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workstream_review_count` (
	`organisation_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`systems` integer DEFAULT 0 NOT NULL,
	`reviewed` integer DEFAULT 0 NOT NULL,
	`multiple` integer DEFAULT 0 NOT NULL,
	`maintain` integer DEFAULT 0 NOT NULL,
	`develop` integer DEFAULT 0 NOT NULL,
	`decommission` integer DEFAULT 0 NOT NULL,
	`replace` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`organisation_id`, `workstream_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `continuity_outcome` (
	`outcome_id` integer PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	`system_name` text NOT NULL,
	`outcome` text NOT NULL,
	`switch_off_date` text,
	`replacing_workstream_id` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `continuity_outcome_org_date_idx` ON `continuity_outcome` (`organisation_id`,`switch_off_date`);--> statement-breakpoint
CREATE INDEX `continuity_outcome_org_ws_idx` ON `continuity_outcome` (`organisation_id`,`replacing_workstream_id`,`switch_off_date`);--> statement-breakpoint
CREATE INDEX `continuity_outcome_system_idx` ON `continuity_outcome` (`system_id`);--> statement-breakpoint
CREATE INDEX `continuity_outcome_org_system_idx` ON `continuity_outcome` (`organisation_id`,`system_id`);--> statement-breakpoint
-- The dashboard's review figures and continuity outcomes, kept by triggers from db/review-count-sql.ts and
-- db/continuity-sql.ts (npm run db:review-count-sql), then worked out from scratch for the data already here.
DROP VIEW IF EXISTS `review_count_source`;
--> statement-breakpoint
DROP VIEW IF EXISTS `workstream_review_count_source`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_system_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_system_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_system_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_outcome_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_outcome_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_outcome_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_link_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_link_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `review_count_link_delete`;
--> statement-breakpoint
CREATE VIEW `review_count_source` AS
SELECT s.organisation_id AS organisation_id, coalesce(s.directorate_id, 0) AS directorate_key, coalesce(s.service_area_id, 0) AS service_area_key,
	count(*) AS systems, sum(s.review_status <> 'not_reviewed') AS reviewed, sum(s.outcome_count > 1) AS multiple,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'maintain' AND o.organisation_id = s.organisation_id)) AS maintain,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'develop' AND o.organisation_id = s.organisation_id)) AS develop,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'decommission' AND o.organisation_id = s.organisation_id)) AS decommission,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'replace' AND o.organisation_id = s.organisation_id)) AS replace
FROM system s
WHERE s.lifecycle <> 'archived'
GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE VIEW `workstream_review_count_source` AS
SELECT l.organisation_id AS organisation_id, l.workstream_id AS workstream_id,
	count(*) AS systems, sum(s.review_status <> 'not_reviewed') AS reviewed, sum(s.outcome_count > 1) AS multiple,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'maintain')) AS maintain,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'develop')) AS develop,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'decommission')) AS decommission,
	sum((SELECT count(*) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome = 'replace')) AS replace
FROM system_workstream l JOIN system s ON s.id = l.system_id
WHERE s.lifecycle <> 'archived'
GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER review_count_system_insert AFTER INSERT ON system
BEGIN
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT NEW.organisation_id, coalesce(NEW.directorate_id, 0), coalesce(NEW.service_area_id, 0), 1, NEW.review_status <> 'not_reviewed', NEW.outcome_count > 1, oc.maintain, oc.develop, oc.decommission, oc.replace
		FROM (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = NEW.id AND o.is_current = 1 AND o.organisation_id = NEW.organisation_id) oc WHERE NEW.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, 1, NEW.review_status <> 'not_reviewed', NEW.outcome_count > 1, oc.maintain, oc.develop, oc.decommission, oc.replace
		FROM system_workstream l, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = NEW.id AND o.is_current = 1) oc WHERE l.system_id = NEW.id AND NEW.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_system_update AFTER UPDATE OF lifecycle, directorate_id, service_area_id, review_status, outcome_count, organisation_id ON system
WHEN NEW.lifecycle IS NOT OLD.lifecycle OR NEW.directorate_id IS NOT OLD.directorate_id OR NEW.service_area_id IS NOT OLD.service_area_id OR NEW.review_status IS NOT OLD.review_status OR NEW.outcome_count IS NOT OLD.outcome_count OR NEW.organisation_id IS NOT OLD.organisation_id
BEGIN
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT OLD.organisation_id, coalesce(OLD.directorate_id, 0), coalesce(OLD.service_area_id, 0), -(1), -(OLD.review_status <> 'not_reviewed'), -(OLD.outcome_count > 1), -(oc.maintain), -(oc.develop), -(oc.decommission), -(oc.replace)
		FROM (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = OLD.id AND o.is_current = 1 AND o.organisation_id = OLD.organisation_id) oc WHERE OLD.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, -(1), -(OLD.review_status <> 'not_reviewed'), -(OLD.outcome_count > 1), -(oc.maintain), -(oc.develop), -(oc.decommission), -(oc.replace)
		FROM system_workstream l, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = OLD.id AND o.is_current = 1) oc WHERE l.system_id = OLD.id AND OLD.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT NEW.organisation_id, coalesce(NEW.directorate_id, 0), coalesce(NEW.service_area_id, 0), 1, NEW.review_status <> 'not_reviewed', NEW.outcome_count > 1, oc.maintain, oc.develop, oc.decommission, oc.replace
		FROM (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = NEW.id AND o.is_current = 1 AND o.organisation_id = NEW.organisation_id) oc WHERE NEW.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, 1, NEW.review_status <> 'not_reviewed', NEW.outcome_count > 1, oc.maintain, oc.develop, oc.decommission, oc.replace
		FROM system_workstream l, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = NEW.id AND o.is_current = 1) oc WHERE l.system_id = NEW.id AND NEW.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_system_delete AFTER DELETE ON system
BEGIN
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT OLD.organisation_id, coalesce(OLD.directorate_id, 0), coalesce(OLD.service_area_id, 0), -(1), -(OLD.review_status <> 'not_reviewed'), -(OLD.outcome_count > 1), -(oc.maintain), -(oc.develop), -(oc.decommission), -(oc.replace)
		FROM (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = OLD.id AND o.is_current = 1 AND o.organisation_id = OLD.organisation_id) oc WHERE OLD.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, -(1), -(OLD.review_status <> 'not_reviewed'), -(OLD.outcome_count > 1), -(oc.maintain), -(oc.develop), -(oc.decommission), -(oc.replace)
		FROM system_workstream l, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = OLD.id AND o.is_current = 1) oc WHERE l.system_id = OLD.id AND OLD.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_outcome_insert AFTER INSERT ON review_outcome
WHEN NEW.is_current = 1
BEGIN
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT s.organisation_id, coalesce(s.directorate_id, 0), coalesce(s.service_area_id, 0), 0, 0, 0, (NEW.outcome = 'maintain'), (NEW.outcome = 'develop'), (NEW.outcome = 'decommission'), (NEW.outcome = 'replace')
		FROM system s WHERE s.id = NEW.system_id AND s.organisation_id = NEW.organisation_id AND s.lifecycle <> 'archived' AND NEW.is_current = 1
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, 0, 0, 0, (NEW.outcome = 'maintain'), (NEW.outcome = 'develop'), (NEW.outcome = 'decommission'), (NEW.outcome = 'replace')
		FROM system_workstream l JOIN system s ON s.id = l.system_id WHERE l.system_id = NEW.system_id AND s.lifecycle <> 'archived' AND NEW.is_current = 1
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_outcome_update AFTER UPDATE OF is_current, outcome, system_id, organisation_id ON review_outcome
WHEN (OLD.is_current = 1 OR NEW.is_current = 1) AND (NEW.is_current IS NOT OLD.is_current OR NEW.outcome IS NOT OLD.outcome OR NEW.system_id IS NOT OLD.system_id OR NEW.organisation_id IS NOT OLD.organisation_id)
BEGIN
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT s.organisation_id, coalesce(s.directorate_id, 0), coalesce(s.service_area_id, 0), 0, 0, 0, -(OLD.outcome = 'maintain'), -(OLD.outcome = 'develop'), -(OLD.outcome = 'decommission'), -(OLD.outcome = 'replace')
		FROM system s WHERE s.id = OLD.system_id AND s.organisation_id = OLD.organisation_id AND s.lifecycle <> 'archived' AND OLD.is_current = 1
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, 0, 0, 0, -(OLD.outcome = 'maintain'), -(OLD.outcome = 'develop'), -(OLD.outcome = 'decommission'), -(OLD.outcome = 'replace')
		FROM system_workstream l JOIN system s ON s.id = l.system_id WHERE l.system_id = OLD.system_id AND s.lifecycle <> 'archived' AND OLD.is_current = 1
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT s.organisation_id, coalesce(s.directorate_id, 0), coalesce(s.service_area_id, 0), 0, 0, 0, (NEW.outcome = 'maintain'), (NEW.outcome = 'develop'), (NEW.outcome = 'decommission'), (NEW.outcome = 'replace')
		FROM system s WHERE s.id = NEW.system_id AND s.organisation_id = NEW.organisation_id AND s.lifecycle <> 'archived' AND NEW.is_current = 1
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, 0, 0, 0, (NEW.outcome = 'maintain'), (NEW.outcome = 'develop'), (NEW.outcome = 'decommission'), (NEW.outcome = 'replace')
		FROM system_workstream l JOIN system s ON s.id = l.system_id WHERE l.system_id = NEW.system_id AND s.lifecycle <> 'archived' AND NEW.is_current = 1
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_outcome_delete AFTER DELETE ON review_outcome
WHEN OLD.is_current = 1
BEGIN
	INSERT INTO review_count (organisation_id, directorate_key, service_area_key, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT s.organisation_id, coalesce(s.directorate_id, 0), coalesce(s.service_area_id, 0), 0, 0, 0, -(OLD.outcome = 'maintain'), -(OLD.outcome = 'develop'), -(OLD.outcome = 'decommission'), -(OLD.outcome = 'replace')
		FROM system s WHERE s.id = OLD.system_id AND s.organisation_id = OLD.organisation_id AND s.lifecycle <> 'archived' AND OLD.is_current = 1
		ON CONFLICT (organisation_id, directorate_key, service_area_key) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT l.organisation_id, l.workstream_id, 0, 0, 0, -(OLD.outcome = 'maintain'), -(OLD.outcome = 'develop'), -(OLD.outcome = 'decommission'), -(OLD.outcome = 'replace')
		FROM system_workstream l JOIN system s ON s.id = l.system_id WHERE l.system_id = OLD.system_id AND s.lifecycle <> 'archived' AND OLD.is_current = 1
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_link_insert AFTER INSERT ON system_workstream
BEGIN
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT NEW.organisation_id, NEW.workstream_id, 1, s.review_status <> 'not_reviewed', s.outcome_count > 1, oc.maintain, oc.develop, oc.decommission, oc.replace
		FROM system s, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = NEW.system_id AND o.is_current = 1) oc WHERE s.id = NEW.system_id AND s.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_link_update AFTER UPDATE OF organisation_id, system_id, workstream_id ON system_workstream
WHEN NEW.organisation_id IS NOT OLD.organisation_id OR NEW.system_id IS NOT OLD.system_id OR NEW.workstream_id IS NOT OLD.workstream_id
BEGIN
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT OLD.organisation_id, OLD.workstream_id, -(1), -(s.review_status <> 'not_reviewed'), -(s.outcome_count > 1), -(oc.maintain), -(oc.develop), -(oc.decommission), -(oc.replace)
		FROM system s, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = OLD.system_id AND o.is_current = 1) oc WHERE s.id = OLD.system_id AND s.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT NEW.organisation_id, NEW.workstream_id, 1, s.review_status <> 'not_reviewed', s.outcome_count > 1, oc.maintain, oc.develop, oc.decommission, oc.replace
		FROM system s, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = NEW.system_id AND o.is_current = 1) oc WHERE s.id = NEW.system_id AND s.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
CREATE TRIGGER review_count_link_delete AFTER DELETE ON system_workstream
BEGIN
	INSERT INTO workstream_review_count (organisation_id, workstream_id, systems, reviewed, multiple, maintain, develop, decommission, replace)
		SELECT OLD.organisation_id, OLD.workstream_id, -(1), -(s.review_status <> 'not_reviewed'), -(s.outcome_count > 1), -(oc.maintain), -(oc.develop), -(oc.decommission), -(oc.replace)
		FROM system s, (SELECT coalesce(sum(o.outcome = 'maintain'), 0) AS maintain, coalesce(sum(o.outcome = 'develop'), 0) AS develop, coalesce(sum(o.outcome = 'decommission'), 0) AS decommission, coalesce(sum(o.outcome = 'replace'), 0) AS replace FROM review_outcome o WHERE o.system_id = OLD.system_id AND o.is_current = 1) oc WHERE s.id = OLD.system_id AND s.lifecycle <> 'archived'
		ON CONFLICT (organisation_id, workstream_id) DO UPDATE SET systems = systems + excluded.systems, reviewed = reviewed + excluded.reviewed, multiple = multiple + excluded.multiple, maintain = maintain + excluded.maintain, develop = develop + excluded.develop, decommission = decommission + excluded.decommission, replace = replace + excluded.replace;
END;
--> statement-breakpoint
DELETE FROM review_count;
--> statement-breakpoint
INSERT INTO review_count SELECT * FROM review_count_source;
--> statement-breakpoint
DELETE FROM workstream_review_count;
--> statement-breakpoint
INSERT INTO workstream_review_count SELECT * FROM workstream_review_count_source;
--> statement-breakpoint
DROP VIEW IF EXISTS `continuity_outcome_source`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_outcome_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_outcome_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_outcome_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_milestone_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_milestone_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_milestone_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_system_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `continuity_outcome_system_delete`;
--> statement-breakpoint
CREATE VIEW `continuity_outcome_source` AS
SELECT o.id AS outcome_id, o.organisation_id AS organisation_id, s.id AS system_id, s.name AS system_name, o.outcome AS outcome,
	COALESCE(
		(SELECT MAX(COALESCE(m.actual_date, m.forecast_date, m.planned_date)) FROM milestone m
			WHERE m.organisation_id = s.organisation_id AND m.system_id = s.id AND m.kind = 'decommission' AND m.archived_at IS NULL),
		(SELECT MIN(t.target_date) FROM review_outcome t
			WHERE t.system_id = s.id AND t.organisation_id = o.organisation_id AND t.is_current = 1 AND t.outcome IN ('decommission', 'replace'))
	) AS switch_off_date,
	COALESCE(o.workstream_id,
		(SELECT r.workstream_id FROM review_outcome r
			WHERE r.system_id = s.id AND r.organisation_id = o.organisation_id AND r.is_current = 1 AND r.outcome = 'replace' AND r.workstream_id IS NOT NULL
			ORDER BY r.id LIMIT 1)
	) AS replacing_workstream_id
FROM review_outcome o JOIN system s ON s.id = o.system_id
WHERE o.is_current = 1 AND o.outcome IN ('decommission', 'replace') AND s.lifecycle <> 'archived' AND trim(s.statutory_duties, ' ' || char(9, 10, 11, 12, 13, 160)) <> '';
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_outcome_insert AFTER INSERT ON review_outcome
WHEN NEW.outcome IN ('decommission', 'replace')
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = NEW.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_outcome_update AFTER UPDATE OF is_current, outcome, system_id, organisation_id, target_date, workstream_id ON review_outcome
WHEN (OLD.outcome IN ('decommission', 'replace') OR NEW.outcome IN ('decommission', 'replace')) AND (NEW.is_current IS NOT OLD.is_current OR NEW.outcome IS NOT OLD.outcome OR NEW.system_id IS NOT OLD.system_id OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.target_date IS NOT OLD.target_date OR NEW.workstream_id IS NOT OLD.workstream_id)
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = OLD.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = OLD.system_id;
	DELETE FROM continuity_outcome WHERE system_id = NEW.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_outcome_delete AFTER DELETE ON review_outcome
WHEN OLD.outcome IN ('decommission', 'replace')
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = OLD.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = OLD.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_milestone_insert AFTER INSERT ON milestone
WHEN NEW.kind = 'decommission' AND NEW.system_id IS NOT NULL
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = NEW.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_milestone_update AFTER UPDATE ON milestone
WHEN (OLD.kind = 'decommission' AND OLD.system_id IS NOT NULL) OR (NEW.kind = 'decommission' AND NEW.system_id IS NOT NULL)
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = OLD.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = OLD.system_id;
	DELETE FROM continuity_outcome WHERE system_id = NEW.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_milestone_delete AFTER DELETE ON milestone
WHEN OLD.kind = 'decommission' AND OLD.system_id IS NOT NULL
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = OLD.system_id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = OLD.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_system_update AFTER UPDATE OF name, statutory_duties, lifecycle, organisation_id ON system
WHEN NEW.name IS NOT OLD.name OR NEW.statutory_duties IS NOT OLD.statutory_duties OR NEW.lifecycle IS NOT OLD.lifecycle OR NEW.organisation_id IS NOT OLD.organisation_id
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = NEW.id;
	INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
		SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source WHERE system_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER continuity_outcome_system_delete AFTER DELETE ON system
BEGIN
	DELETE FROM continuity_outcome WHERE system_id = OLD.id;
END;
--> statement-breakpoint
DELETE FROM continuity_outcome;
--> statement-breakpoint
INSERT INTO continuity_outcome (outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id)
	SELECT outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id FROM continuity_outcome_source;
