-- Each transaction that adds or removes passages writes a segment of the
-- index, and FTS5's automatic merges join them four at a time, so a
-- library that grows article by article keeps several (16 after 1,000 adds
-- to a merged library of 100,000 articles), and Search reads every term
-- from each. Tidy (store/maintain.go), after a batch of adds, merges the
-- segments of any level that holds two or more: FTS5's 'merge' command
-- does that when usermerge is 2 (its default, 4, would leave three on
-- each level). See docs/benchmarks.md.
INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 2);
