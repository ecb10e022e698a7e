CREATE TABLE `system_switch_off` (
	`system_id` integer PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`switch_off_date` text NOT NULL,
	`annual_run_cost_pence` integer NOT NULL,
	`start_year` integer GENERATED ALWAYS AS (CAST(substr(switch_off_date, 1, 4) AS INTEGER) - (CASE WHEN CAST(substr(switch_off_date, 6, 2) AS INTEGER) >= 4 THEN 0 ELSE 1 END)) STORED NOT NULL,
	`days_saved` integer GENERATED ALWAYS AS (CAST(julianday(printf('%04d-03-31', start_year + 1)) - julianday(switch_off_date) AS INTEGER)) STORED NOT NULL,
	`days_in_year` integer GENERATED ALWAYS AS (CAST(julianday(printf('%04d-03-31', start_year + 1)) - julianday(printf('%04d-04-01', start_year)) AS INTEGER) + 1) STORED NOT NULL,
	`saved_in_year_pence` integer GENERATED ALWAYS AS ((annual_run_cost_pence * days_saved) / days_in_year + CASE WHEN (annual_run_cost_pence * days_saved) % days_in_year > (annual_run_cost_pence * (days_in_year - days_saved)) % days_in_year THEN 1 ELSE 0 END) STORED NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `system_switch_off_org_year_idx` ON `system_switch_off` (`organisation_id`,`start_year`,`annual_run_cost_pence`,`saved_in_year_pence`);--> statement-breakpoint
CREATE INDEX `system_switch_off_org_date_idx` ON `system_switch_off` (`organisation_id`,`switch_off_date`);--> statement-breakpoint
DROP INDEX `system_org_outage_idx`;--> statement-breakpoint
CREATE INDEX `system_org_review_summary_idx` ON `system` (`organisation_id`,`directorate_id`,`service_area_id`,`lifecycle`,`review_status`,`outcome_count`);--> statement-breakpoint
CREATE INDEX `system_org_outage_figures_idx` ON `system` (`organisation_id`,`concurrent_users`,`outage_minutes_per_year`,`cost_per_user_hour_pence`,`lifecycle`) WHERE "system"."concurrent_users" IS NOT NULL AND "system"."outage_minutes_per_year" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `milestone_org_idx` ON `milestone` (`organisation_id`);--> statement-breakpoint
-- Every switch-off worked out from scratch: a running system with a current decommission or replace
-- outcome stops on its latest decommission milestone's effective date (actual, else forecast, else
-- planned), else on the earliest target date of those outcomes (domain/milestone.ts switchOffDates).
-- The table's generated columns work out the year and what is saved in it.
CREATE VIEW `system_switch_off_source` AS
SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence
FROM (
	SELECT s.id AS system_id, s.organisation_id AS organisation_id, COALESCE(s.annual_run_cost_pence, 0) AS annual_run_cost_pence,
		COALESCE(
			(SELECT MAX(COALESCE(m.actual_date, m.forecast_date, m.planned_date)) FROM milestone m
				WHERE m.organisation_id = s.organisation_id AND m.system_id = s.id AND m.kind = 'decommission' AND m.archived_at IS NULL),
			(SELECT MIN(o.target_date) FROM review_outcome o
				WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome IN ('decommission', 'replace'))
		) AS switch_off_date
	FROM system s
	WHERE s.lifecycle IN ('live', 'being_replaced')
		AND EXISTS (SELECT 1 FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1 AND o.outcome IN ('decommission', 'replace'))
)
WHERE switch_off_date IS NOT NULL;
--> statement-breakpoint
-- The triggers keep system_switch_off equal to the view, system by system, within the statement that
-- changes a system, an outcome or a decommission milestone, so a rolled-back change leaves it as it
-- was. `npm run costs:rebuild` checks it against the view.
CREATE TRIGGER system_switch_off_outcome_insert AFTER INSERT ON review_outcome
WHEN NEW.outcome IN ('decommission', 'replace')
BEGIN
	DELETE FROM system_switch_off WHERE system_id = NEW.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER system_switch_off_outcome_update AFTER UPDATE ON review_outcome
WHEN OLD.outcome IN ('decommission', 'replace') OR NEW.outcome IN ('decommission', 'replace')
BEGIN
	DELETE FROM system_switch_off WHERE system_id = NEW.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
-- An outcome never moves to another system (nothing updates system_id), so NEW.system_id is OLD.system_id above.
CREATE TRIGGER system_switch_off_outcome_delete AFTER DELETE ON review_outcome
WHEN OLD.outcome IN ('decommission', 'replace')
BEGIN
	DELETE FROM system_switch_off WHERE system_id = OLD.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = OLD.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER system_switch_off_milestone_insert AFTER INSERT ON milestone
WHEN NEW.kind = 'decommission' AND NEW.system_id IS NOT NULL
BEGIN
	DELETE FROM system_switch_off WHERE system_id = NEW.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER system_switch_off_milestone_update AFTER UPDATE ON milestone
WHEN (OLD.kind = 'decommission' AND OLD.system_id IS NOT NULL) OR (NEW.kind = 'decommission' AND NEW.system_id IS NOT NULL)
BEGIN
	DELETE FROM system_switch_off WHERE system_id = OLD.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = OLD.system_id;
	DELETE FROM system_switch_off WHERE system_id = NEW.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = NEW.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER system_switch_off_milestone_delete AFTER DELETE ON milestone
WHEN OLD.kind = 'decommission' AND OLD.system_id IS NOT NULL
BEGIN
	DELETE FROM system_switch_off WHERE system_id = OLD.system_id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = OLD.system_id;
END;
--> statement-breakpoint
CREATE TRIGGER system_switch_off_system_update AFTER UPDATE OF lifecycle, annual_run_cost_pence, organisation_id ON system
WHEN NEW.lifecycle IS NOT OLD.lifecycle OR NEW.annual_run_cost_pence IS NOT OLD.annual_run_cost_pence OR NEW.organisation_id IS NOT OLD.organisation_id
BEGIN
	DELETE FROM system_switch_off WHERE system_id = NEW.id;
	INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
		SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source WHERE system_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER system_switch_off_system_delete AFTER DELETE ON system
BEGIN
	DELETE FROM system_switch_off WHERE system_id = OLD.id;
END;
--> statement-breakpoint
INSERT INTO system_switch_off (system_id, organisation_id, switch_off_date, annual_run_cost_pence)
	SELECT system_id, organisation_id, switch_off_date, annual_run_cost_pence FROM system_switch_off_source;
