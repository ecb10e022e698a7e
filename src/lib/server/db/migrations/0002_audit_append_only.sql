-- The audit trail is append-only: the app has no path to change it, and the database refuses to.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
	SELECT RAISE(ABORT, 'audit_event is append-only: rows cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
	SELECT RAISE(ABORT, 'audit_event is append-only: rows cannot be deleted');
END;
