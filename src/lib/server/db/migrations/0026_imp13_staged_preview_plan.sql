ALTER TABLE `import_stage_run` ADD `plan_hash` text;--> statement-breakpoint
ALTER TABLE `import_stage_run` ADD `answers_key` text;--> statement-breakpoint
ALTER TABLE `import_stage_run` ADD `watermark` integer;--> statement-breakpoint
ALTER TABLE `import_stage_run` ADD `summary` text;