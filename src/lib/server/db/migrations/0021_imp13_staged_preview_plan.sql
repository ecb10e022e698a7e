ALTER TABLE `import_stage_run` ADD `plan_hash` text;--> statement-breakpoint
ALTER TABLE `import_stage_run` ADD `planned_on` text;--> statement-breakpoint
ALTER TABLE `import_stage_run` ADD `watermark` integer;--> statement-breakpoint
ALTER TABLE `import_stage_run` ADD `summary` text;