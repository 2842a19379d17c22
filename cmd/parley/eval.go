package main

import (
	"context"
	"fmt"
	"os"

	"github.com/parley-bot/parley/eval"
)

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval")
	k := fs.Int("k", 5, "passages retrieval recall looks at")
	asJSON := fs.Bool("json", false, "print the report, with every answer, as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("eval needs one question set, e.g. parley eval ../shared/eval/dev.jsonl")
	}
	if *k < 1 {
		return usagef("--k must be at least 1")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	items, err := eval.Load(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	db, br, err := e.openWithBrain(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	report, err := eval.Run(ctx, items, br.searcher, br.answerer, db, *k)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, report)
	}
	report.Print(e.stdout)
	return nil
}
