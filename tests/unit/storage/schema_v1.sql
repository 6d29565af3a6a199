-- A state file of schema 1, the one before meta: what an older edenmock wrote. The tests build
-- it with this SQL to check the migration to the current schema.
PRAGMA application_id = 1701080427;
PRAGMA user_version = 1;
CREATE TABLE records(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                     PRIMARY KEY(kind, key)) WITHOUT ROWID;
INSERT INTO records VALUES('job', 'b', '{"id":"b"}');
INSERT INTO records VALUES('job', 'a', '{"id":"a"}');
INSERT INTO records VALUES('clock', 'tenant', '{"now":"2024-01-01T00:00:00Z"}');
