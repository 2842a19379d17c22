package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/eval"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/store"
)

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval")
	k := fs.Int("k", 5, fmt.Sprintf("passages retrieval recall looks at, at most %d", store.MaxHits))
	asJSON := fs.Bool("json", false, "print the report, with every answer, as JSON")
	articles := fs.String("articles", "", "build a temporary library from the articles in `DIR` and evaluate on it instead of the library")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("eval needs question sets (files or directories of *.jsonl), e.g. parley eval eval/sets/dev.jsonl")
	}
	if *k < 1 || *k > store.MaxHits {
		return usagef("--k must be between 1 and %d, the most passages a search ranks", store.MaxHits)
	}
	items, err := eval.LoadFiles(pos)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return fmt.Errorf("no questions in %v", pos)
	}
	var files []string
	if *articles != "" {
		// A temporary library of these articles alone, removed afterwards.
		if files, _, err = ingest.Files([]string{*articles}); err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("no .md, .txt or .html files in %s", *articles)
		}
		tmp, err := os.MkdirTemp("", "parley-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		e.global.db, e.global.dbSet, e.global.seed, e.global.temporary = filepath.Join(tmp, "eval.db"), true, false, true
	}
	db, ans, err := e.openAnswering(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := fill(ctx, e, db, ans, *articles, files); err != nil {
		return err
	}
	report, err := eval.Run(ctx, items, ans.searcher, ans.answerer, db, *k)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, report)
	}
	report.Print(e.stdout)
	return nil
}

// fill adds the articles of an evaluation's own library. Every article must
// go in: an evaluation over a library that silently lacks some of its
// articles would measure the wrong thing.
func fill(ctx context.Context, e *env, db *store.DB, ans *answering, dir string, files []string) error {
	for _, path := range files {
		if _, _, _, err := addFile(ctx, db, ans, path); err != nil {
			return fmt.Errorf("--articles: %s rejected: %s", path, parley.Message(err))
		}
	}
	if len(files) > 0 {
		fmt.Fprintf(e.stderr, "parley: evaluating on a temporary library of %s from %s\n", plural(len(files), "article"), dir)
	}
	return nil
}
