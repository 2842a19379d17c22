-- Who asked for each answer, as the keyed hash votes are stored under:
-- only they (and admins) may vote on an answer or open its passages.
-- Answers saved before this table existed have no row, and are left to
-- admins.
CREATE TABLE IF NOT EXISTS answer_askers (
	answer_id INTEGER PRIMARY KEY REFERENCES answers(id) ON DELETE CASCADE,
	user_hash TEXT NOT NULL
);
