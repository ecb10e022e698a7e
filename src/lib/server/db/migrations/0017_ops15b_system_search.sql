-- Search on /systems (name, supplier, product, any part of a word) through an FTS5 trigram index
-- rather than LIKE '%...%' over every row of the organisation. External content: the index holds
-- only trigrams and rowids, the text stays in system. Kept in step by the three triggers below, in
-- the same statement as the change, so every write path (forms, imports, seeds) keeps it right.
-- sqld 0.24 (SQLite 3.45.1) has FTS5 with the trigram tokenizer, as the embedded client does.
CREATE VIRTUAL TABLE `system_search` USING fts5(name, supplier, product, content='system', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `system_search`(`system_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `system_search_insert` AFTER INSERT ON `system` BEGIN
	INSERT INTO `system_search`(rowid, name, supplier, product) VALUES (new.id, new.name, new.supplier, new.product);
END;
--> statement-breakpoint
CREATE TRIGGER `system_search_delete` AFTER DELETE ON `system` BEGIN
	INSERT INTO `system_search`(`system_search`, rowid, name, supplier, product) VALUES ('delete', old.id, old.name, old.supplier, old.product);
END;
--> statement-breakpoint
CREATE TRIGGER `system_search_update` AFTER UPDATE OF name, supplier, product ON `system` BEGIN
	INSERT INTO `system_search`(`system_search`, rowid, name, supplier, product) VALUES ('delete', old.id, old.name, old.supplier, old.product);
	INSERT INTO `system_search`(rowid, name, supplier, product) VALUES (new.id, new.name, new.supplier, new.product);
END;
