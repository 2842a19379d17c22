package main

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/store"
)

// openLabelled opens the library for a command that names outlets, with
// the config's list of state media to label them by.
func (e *env) openLabelled(ctx context.Context) (*store.DB, parley.StateMedia, error) {
	cfg, err := e.config()
	if err != nil {
		return nil, nil, err
	}
	db, err := openLibrary(ctx, e)
	return db, cfg.stateMedia(), err
}

// openLibrary opens the library named by the flags, the environment or the
// config, in that order, and seeds a new one with the bundled articles.
func openLibrary(ctx context.Context, e *env) (*store.DB, error) {
	path, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	// A library an older Parley made is brought up to this one's schema:
	// on a large one some steps take seconds, so each is said.
	var updating time.Time
	db, err := store.OpenWith(ctx, path, func(m store.Migration) {
		switch {
		case !m.Done:
			if updating.IsZero() {
				updating = time.Now()
			}
			fmt.Fprintf(e.stderr, "parley: updating the library (step %d of %d: %s)…\n", m.Version, m.Newest, m.Name)
		case m.Version == m.Newest:
			fmt.Fprintf(e.stderr, "parley: library updated in %v\n", time.Since(updating).Round(100*time.Millisecond))
		}
	})
	if err != nil {
		return nil, err
	}
	// Libraries made before sentence roles, or under older rules, get
	// their sentences decided now, once; a large one takes a while. A new
	// library is empty here, so it only records the version: the seeds
	// below get their sentences as every article does, when added.
	var began time.Time
	progress := func(done, total int) {
		switch {
		case done == 0 && total > 0:
			began = time.Now()
			fmt.Fprintf(e.stderr, "parley: deciding the sentence roles of %s, once…\n", plural(total, "article"))
		case done == total && total > 0:
			fmt.Fprintf(e.stderr, "parley: sentence roles decided in %v\n", time.Since(began).Round(100*time.Millisecond))
		}
	}
	if err := db.Annotate(ctx, ingest.RolesVersion, ingest.Sentences, progress); err != nil {
		db.Close()
		return nil, err
	}
	seeds, made, err := seedNew(ctx, db, e.global.seed)
	if err != nil {
		db.Close()
		return nil, err
	}
	switch {
	case !made || e.global.temporary:
	case e.global.seed:
		fmt.Fprintf(e.stderr, "Created %s with the %s.\n", line(path), plural(seeds, "bundled article"))
	default:
		fmt.Fprintf(e.stderr, "Created %s, empty (--seed=false).\n", line(path))
	}
	return db, nil
}

// seedNew gives a new library the bundled articles, unless want is false,
// and only then marks it seeded: a seeding cut short is done again at the
// next open. Openers that seed at once add the same articles, which the
// second finds already stored; one of them is told it made the library
// (made is true), with the number of bundled articles.
func seedNew(ctx context.Context, db *store.DB, want bool) (seeds int, made bool, err error) {
	unseeded, err := db.Unseeded(ctx)
	if err != nil || !unseeded {
		return 0, false, err
	}
	if want {
		if seeds, err = seed(ctx, db); err != nil {
			return 0, false, err
		}
	}
	made, err = db.MarkSeeded(ctx)
	return seeds, made, err
}

// openToAsk opens the library and the answerer for a question, a summary
// or a timeline, and fails when the library is empty (see checkNotEmpty).
func (e *env) openToAsk(ctx context.Context) (*store.DB, *answering, error) {
	db, ans, err := e.openAnswering(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := checkNotEmpty(ctx, e, db); err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, ans, nil
}

// openAnswering opens the library and the answerer the config asks for,
// telling the terminal when a configured model cannot be used.
func (e *env) openAnswering(ctx context.Context) (*store.DB, *answering, error) {
	cfg, err := e.config()
	if err != nil {
		return nil, nil, err
	}
	db, err := openLibrary(ctx, e)
	if err != nil {
		return nil, nil, err
	}
	ans, err := newAnswering(cfg, db, newLogger(e.stderr, cfg.Log))
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if ans.note != "" {
		fmt.Fprintln(e.stderr, "parley: "+ans.note)
	}
	return db, ans, nil
}

// dbPath resolves the library path: --db, then PARLEY_DB, then the config's
// "database", then data/parley.db.
func (e *env) dbPath() (string, error) {
	if e.global.dbSet || e.getenv("PARLEY_DB") != "" {
		return e.global.db, nil
	}
	c, err := e.config()
	if err != nil {
		return "", err
	}
	if c.Database != "" {
		return c.Database, nil
	}
	return e.global.db, nil
}

// config reads the config file once per command; later calls get the
// same result.
func (e *env) config() (Config, error) {
	if e.cfg == nil {
		path, explicit := e.global.config, true
		if path == "" {
			path, explicit = "config.json", false
		}
		c, err := loadConfig(path, explicit, e.getenv)
		e.cfg = &loaded{c, err}
	}
	return e.cfg.c, e.cfg.err
}

// loaded is the config as read, or why it could not be.
type loaded struct {
	c   Config
	err error
}

// seed adds the bundled articles to a new library and says how many there
// are.
func seed(ctx context.Context, db *store.DB) (int, error) {
	names, err := fs.Glob(data.Seeds, "*.md")
	if err != nil {
		return 0, err
	}
	for _, name := range names {
		b, err := fs.ReadFile(data.Seeds, name)
		if err != nil {
			return 0, err
		}
		// Not embedded: the embedder is not made yet. reindex --embeddings
		// embeds them with the rest.
		if _, _, _, err := addData(ctx, db, nil, name, b); err != nil {
			return 0, fmt.Errorf("seed the library: %w", err)
		}
	}
	return len(names), nil
}

// checkNotEmpty fails, saying how to add articles, when the library has
// none: a question to an empty library has no answer to look for.
func checkNotEmpty(ctx context.Context, e *env, db *store.DB) error {
	n, err := db.Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	path, _ := e.dbPath()
	return fmt.Errorf("the library %s is empty. %s", line(path), addHint)
}
