CREATE TABLE `import_value_mapping` (
	`organisation_id` integer NOT NULL,
	`value_set` text NOT NULL,
	`value_key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`organisation_id`, `value_set`, `value_key`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Moves each organisation's saved value mapping out of the saved column mappings, where it was kept
-- as a JSON array of ["set:words", "code"] pairs under the key char(1) || 'values', one row per pair.
INSERT OR IGNORE INTO `import_value_mapping` (`organisation_id`, `value_set`, `value_key`, `value`)
SELECT m.`organisation_id`,
	substr(json_extract(p.value, '$[0]'), 1, instr(json_extract(p.value, '$[0]'), ':') - 1),
	substr(json_extract(p.value, '$[0]'), instr(json_extract(p.value, '$[0]'), ':') + 1),
	json_extract(p.value, '$[1]')
FROM `import_mapping` m, json_each(CASE WHEN json_valid(m.`mapping`) AND json_type(m.`mapping`) = 'array' THEN m.`mapping` ELSE '[]' END) p
WHERE m.`headings_key` = char(1) || 'values'
	AND p.type = 'array'
	AND (CASE WHEN p.type = 'array' THEN json_type(p.value, '$[0]') = 'text' AND json_type(p.value, '$[1]') = 'text' AND instr(json_extract(p.value, '$[0]'), ':') > 1 END);
--> statement-breakpoint
DELETE FROM `import_mapping` WHERE `headings_key` = char(1) || 'values';
