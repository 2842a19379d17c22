-- What Parley said in Discord, so that a reply to an answer can carry it as
-- context, "Show passages" can show what a quote came from, and votes can be
-- read with the answer they judge.
CREATE TABLE answers (
	id         INTEGER PRIMARY KEY,
	question   TEXT NOT NULL,
	text       TEXT NOT NULL,
	abstained  INTEGER NOT NULL,
	citations  TEXT NOT NULL, -- JSON: [{n, article_id, passage_id, quote, start, end}]
	created    TEXT NOT NULL
);

-- The Discord messages that carry an answer (one answer may take several).
CREATE TABLE answer_messages (
	message_id TEXT PRIMARY KEY,
	answer_id  INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE
);

-- One vote per user and answer; a second vote replaces the first. Users are
-- stored as a keyed hash, never as their Discord id.
CREATE TABLE feedback (
	answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
	user_hash TEXT NOT NULL,
	vote      INTEGER NOT NULL CHECK (vote IN (-1, 1)),
	created   TEXT NOT NULL,
	PRIMARY KEY (answer_id, user_hash)
);

-- Values the library keeps for itself, such as the key voters are hashed
-- with (random per library, so a vote cannot be traced back to a user id
-- without the library file).
CREATE TABLE settings (
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
