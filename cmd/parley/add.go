package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/store"
)

// storeArticle is the one way an article enters the library, whatever
// brought it: a file (`add`, Discord, the bundled seeds), Discord's form, a
// fetched page or a feed item. Its title, outlet, author and language are
// put on one line without control characters, its address in canonical
// form (one with a user name or password is refused), and it is stored
// with its passages (store.Add decides added, revised, updated, duplicate
// or syndicated) and, when the library uses embeddings and ans is not nil,
// they are embedded; note says what was not done.
func storeArticle(ctx context.Context, db *store.DB, ans *answering, a *parley.Article) (outcome parley.Outcome, note string, err error) {
	a.Title, a.Outlet, a.Author, a.Language = ingest.OneLine(a.Title), ingest.OneLine(a.Outlet), ingest.OneLine(a.Author), ingest.OneLine(a.Language)
	if a.URL != "" {
		if a.URL, err = fetch.Canonical(a.URL); err != nil {
			return 0, "", err
		}
	}
	if _, outcome, err = db.Add(ctx, a, ingest.Passages(a.Title, a.Body)); err != nil {
		return 0, "", err
	}
	switch outcome {
	case parley.Added, parley.Revised, parley.Updated:
		if ans == nil {
			break
		}
		if err := ans.embedPassages(ctx, db, a.ID); err != nil {
			note = "not embedded (" + err.Error() + "): run parley reindex --embeddings later"
		}
	}
	return outcome, note, nil
}

// addData parses a file's content and stores its article.
func addData(ctx context.Context, db *store.DB, ans *answering, name string, data []byte) (parley.Article, parley.Outcome, string, error) {
	a, err := ingest.Parse(name, data)
	if err != nil {
		return a, 0, "", err
	}
	outcome, note, err := storeArticle(ctx, db, ans, &a)
	return a, outcome, note, err
}

// addFile reads the file at path (a regular file only, at most 5 MB) and
// stores its article.
func addFile(ctx context.Context, db *store.DB, ans *answering, path string) (parley.Article, parley.Outcome, string, error) {
	b, err := ingest.ReadFile(path)
	if err != nil {
		return parley.Article{}, 0, "", err
	}
	return addData(ctx, db, ans, path, b)
}

// fetchArticle fetches the article at url and stores it.
func fetchArticle(ctx context.Context, db *store.DB, ans *answering, f *fetch.Fetcher, url string) (parley.Article, parley.Outcome, string, error) {
	a, err := f.Article(ctx, url)
	if err != nil {
		return a, 0, "", err
	}
	outcome, note, err := storeArticle(ctx, db, ans, &a)
	return a, outcome, note, err
}

// skippedNote is what add says, after its totals, of the entries of the
// folders it walked that it left out: "; 2 skipped: 1 not .md/.txt/.html,
// 1 a device", the commonest reason first; "" when it left nothing out.
func skippedNote(skipped []ingest.Skipped) string {
	if len(skipped) == 0 {
		return ""
	}
	by := map[string]int{}
	var reasons []string
	for _, s := range skipped {
		if by[s.Reason] == 0 {
			reasons = append(reasons, s.Reason)
		}
		by[s.Reason]++
	}
	slices.SortFunc(reasons, func(a, b string) int { return cmp.Or(by[b]-by[a], strings.Compare(a, b)) })
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%d %s", by[r], r)
	}
	return fmt.Sprintf("; %d skipped: %s", len(skipped), strings.Join(parts, ", "))
}
