-- Embeddings of passages, for hybrid retrieval when a model is configured.
-- Stored as int8 with one scale per vector (a quarter of float32's size):
-- value ≈ int8 × scale. Deleting a passage deletes its vector.
CREATE TABLE passage_vectors (
	passage_id INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
	model      TEXT NOT NULL,
	scale      REAL NOT NULL,
	data       BLOB NOT NULL
);
