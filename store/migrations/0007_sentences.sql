-- Each passage keeps the roles and attribution of its sentences, decided at
-- ingest (JSON, offsets into the article body). NULL: not decided yet; the
-- library decides them when it is opened.
ALTER TABLE passages ADD COLUMN sentences BLOB;
