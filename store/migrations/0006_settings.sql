-- Migration 2 gained its settings table after libraries had been made with
-- the first version of it; those libraries get the table here.
CREATE TABLE IF NOT EXISTS settings (
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
