package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/prose"
	"github.com/parley-bot/parley/store"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// citationJSON is a citation as `ask --json` prints it (a contract).
type citationJSON struct {
	N         int    `json:"n"`
	ArticleID int64  `json:"article_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	// StateMedia is the state whose media the outlet is ("Russian"), or "".
	StateMedia string `json:"state_media"`
	URL        string `json:"url"`
	Published  string `json:"published"`
	// Language is the language of the article the quote is from ("uk",
	// "ru", "en"; "" when unknown): a quote is never translated.
	Language string `json:"language"`
	Quote    string `json:"quote"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Attribution is whose words the quote is: "direct" (the speaker's
	// own, in quotation marks), "reported" (the outlet's paraphrase of the
	// speaker), "anonymous" (unnamed sources) or "outlet" (its narration).
	Attribution string `json:"attribution"`
	Speaker     string `json:"speaker"`
	SpeakerRole string `json:"speaker_role"`
}

type answerJSON struct {
	Question  string           `json:"question"`
	Answer    string           `json:"answer"`
	Abstained bool             `json:"abstained"`
	Mode      string           `json:"mode"`
	TookMS    float64          `json:"took_ms"`
	Citations []citationJSON   `json:"citations"`
	Dropped   []parley.Dropped `json:"dropped"`
}

func toJSON(a *parley.Answer, sm parley.StateMedia) answerJSON {
	out := answerJSON{Question: a.Question, Answer: a.Text, Abstained: a.Abstained, Mode: a.Mode, TookMS: ms(a.Took),
		Citations: []citationJSON{}, Dropped: a.Dropped}
	if out.Dropped == nil {
		out.Dropped = []parley.Dropped{}
	}
	for _, c := range a.Citations {
		out.Citations = append(out.Citations, citationJSON{
			N: c.N, ArticleID: c.Source.ArticleID, Title: c.Source.Title, Outlet: c.Source.Outlet, StateMedia: sm.State(c.Source.Outlet),
			URL: c.Source.URL, Published: c.Source.Date(), Language: c.Source.Language, Quote: c.Quote, Start: c.Start, End: c.End,
			Attribution: c.Said.Kind.String(), Speaker: c.Said.Speaker, SpeakerRole: c.Said.SpeakerRole,
		})
	}
	return out
}

// askTimeout bounds one answer on the command line, as the bot's answer
// timeout does in Discord.
const askTimeout = 60 * time.Second

func cmdAsk(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ask")
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(pos, " "))
	if question == "" {
		return usagef("ask needs a question, e.g. parley ask \"What did Russia agree to in Alaska?\"")
	}
	if err := answers.CheckQuestion(question); err != nil {
		return usagef("%s", parley.Message(err))
	}
	db, ans, err := e.openToAsk(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// However slow a model is, an answer comes within askTimeout: the
	// model's retries stop at the deadline and the articles answer alone.
	ctx, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	a, err := ans.answerer.Ask(ctx, parley.Question{Text: question})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, toJSON(a, ans.stateMedia))
	}
	_, err = fmt.Fprintln(e.stdout, a.Text)
	return err
}

type hitJSON struct {
	Rank      int     `json:"rank"`
	ArticleID int64   `json:"article_id"`
	PassageID int64   `json:"passage_id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
}

func cmdSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	k := fs.Int("k", 5, fmt.Sprintf("number of passages to show, at most %d", store.MaxHits))
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usagef("search needs a query, e.g. parley search sanctions")
	}
	if *k < 1 || *k > store.MaxHits {
		return usagef("--k must be between 1 and %d, the most passages a search ranks", store.MaxHits)
	}
	db, sm, err := e.openLabelled(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := checkNotEmpty(ctx, e, db); err != nil {
		return err
	}
	start := time.Now()
	hits, err := db.Search(ctx, parley.Query{Text: query}, *k)
	if err != nil {
		return err
	}
	took := time.Since(start)
	if *asJSON {
		out := struct {
			Query   string    `json:"query"`
			TookMS  float64   `json:"took_ms"`
			Results []hitJSON `json:"results"`
		}{query, ms(took), []hitJSON{}}
		for i, h := range hits {
			out.Results = append(out.Results, hitJSON{i + 1, h.ArticleID, h.ID, h.Source.Title, h.Source.Outlet, h.Source.URL, h.Source.Date(), h.Text, h.Score})
		}
		return writeJSON(e.stdout, out)
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, "No passages match.")
		return nil
	}
	for i, h := range hits {
		fmt.Fprintf(e.stdout, "%d. [article %d] %s (score %.2f)\n%s\n\n", i+1, h.ArticleID, line(answers.Describe(h.Source, sm)), h.Score, h.Text)
	}
	return nil
}

func cmdAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "add")
	quiet := fs.Bool("quiet", false, "print only what was rejected, and the totals")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("add needs files, directories or web addresses, e.g. parley add articles/ or parley add https://…")
	}
	var urls, paths []string
	for _, p := range pos {
		if isURL(p) {
			urls = append(urls, p)
		} else {
			paths = append(paths, p)
		}
	}
	files, skipped, err := ingest.Files(paths)
	if err != nil {
		return err
	}
	if len(files) == 0 && len(urls) == 0 {
		return fmt.Errorf("no .md, .txt or .html files in %s%s", strings.Join(paths, ", "), skippedNote(skipped))
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	db, ans, err := e.openAnswering(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	total := len(files) + len(urls)
	t := &tally{w: e.stdout, sm: ans.stateMedia, total: total, counts: map[parley.Outcome]int{}, quiet: *quiet}
	for _, path := range files {
		if ctx.Err() != nil {
			break
		}
		a, outcome, note, err := addFile(ctx, db, ans, path)
		t.report(ctx, path, a, outcome, note, err)
	}
	if len(urls) > 0 {
		addURLs(ctx, db, ans, newFetcher(cfg.Ingest), cfg.Ingest.MaxConcurrentFetches, urls, t)
	}
	counts := t.counts
	if counts[parley.Added]+counts[parley.Revised]+counts[parley.Updated] > 0 {
		// Each article wrote a segment of the index: merge the small ones,
		// so that searches stay as fast as the library grows.
		if err := db.Tidy(context.WithoutCancel(ctx)); err != nil {
			fmt.Fprintf(e.stderr, "parley: %v (parley reindex --merge does it later)\n", err)
		}
	}
	fmt.Fprintf(e.stdout, "%d added, %d revised, %d updated, %d duplicate, %d syndicated, %d rejected%s\n",
		counts[parley.Added], counts[parley.Revised], counts[parley.Updated], counts[parley.Duplicate], counts[parley.Syndicated], counts[parley.Rejected], skippedNote(skipped))
	if t.refused {
		hintRefused(e)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if counts[parley.Rejected] > 0 {
		return fmt.Errorf("%d of %d rejected", counts[parley.Rejected], total)
	}
	return nil
}

// screenful is how many articles list shows on a terminal unless --limit
// says otherwise: what a terminal of 24 lines shows with the total and the
// prompt.
const screenful = 20

func cmdList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "list")
	asJSON := fs.Bool("json", false, "print the list as JSON")
	limit := fs.Int("limit", 0, fmt.Sprintf("show the newest `N` articles; 0 for all (default %d when stdout is a terminal and not --json, all otherwise)", screenful))
	outlet := fs.String("outlet", "", "only articles of this outlet (any part of its name, in any case)")
	since := fs.String("since", "", "only articles published since: 24h, 7d, 2w or YYYY-MM-DD")
	if err := flagsOnly(fs, args, "list takes flags only, e.g. parley list --outlet Reuters --since 7d"); err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must be 0 (all) or more")
	}
	limited := false
	fs.Visit(func(f *flag.Flag) { limited = limited || f.Name == "limit" })
	if !limited && e.tty && !*asJSON {
		*limit = screenful
	}
	from, err := parley.ParseWhen(*since, time.Now())
	if err != nil {
		return usagef("--since: %v", err)
	}
	db, sm, err := e.openLabelled(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	all, err := db.List(ctx)
	if err != nil {
		return err
	}
	list := filterListing(all, strings.TrimSpace(*outlet), from)
	matched := len(list)
	if *limit > 0 && len(list) > *limit {
		list = list[:*limit]
	}
	if *asJSON {
		type item struct {
			ID         int64  `json:"id"`
			Title      string `json:"title"`
			Outlet     string `json:"outlet"`
			StateMedia string `json:"state_media"`
			URL        string `json:"url"`
			Published  string `json:"published"`
			Language   string `json:"language"`
			Passages   int    `json:"passages"`
		}
		out := []item{}
		for _, l := range list {
			out = append(out, item{l.ID, l.Title, l.Outlet, sm.State(l.Outlet), l.URL, l.Date(), l.Language, l.Passages})
		}
		return writeJSON(e.stdout, out)
	}
	switch {
	case len(all) == 0:
		fmt.Fprintln(e.stdout, "The library is empty. "+addHint)
		return nil
	case matched == 0:
		fmt.Fprintf(e.stdout, "None of the library's %s matches.\n", plural(len(all), "article"))
		return nil
	}
	// The outlet column is 18 wide, or as wide as the widest state media
	// label (at most 40), so that a label is never cut.
	width := 18
	for _, l := range list {
		if sm.State(l.Outlet) != "" {
			width = max(width, min(utf8.RuneCountInString(sm.Label(l.Outlet)), 40))
		}
	}
	for _, l := range list {
		date := l.Date()
		if date == "" {
			date = "undated   "
		}
		fmt.Fprintf(e.stdout, "%5d  %s  %-*s %s\n", l.ID, date, width, prose.Clip(line(sm.Label(l.Outlet)), width), line(l.Title))
	}
	if len(list) < matched {
		fmt.Fprintf(e.stdout, "the newest %d of %s; --limit 0 lists them all\n", len(list), plural(matched, "article"))
		return nil
	}
	fmt.Fprintln(e.stdout, plural(matched, "article"))
	return nil
}

// addHint says how to fill an empty library.
const addHint = "Add articles with: parley add FILE|DIR|URL…, or follow a feed with: parley feed add URL"

// filterListing keeps the articles whose outlet has outlet in its name (in
// any case; "" keeps all) and, when since is not zero, that were
// published on its day or later, as a summary's scope counts (undated
// ones are left out).
func filterListing(list []store.Listing, outlet string, since time.Time) []store.Listing {
	if outlet == "" && since.IsZero() {
		return list
	}
	outlet = strings.ToLower(outlet)
	day := parley.FormatDate(since.UTC())
	var out []store.Listing
	for _, l := range list {
		if !strings.Contains(strings.ToLower(l.Outlet), outlet) {
			continue
		}
		if day != "" && (l.Published.IsZero() || parley.FormatDate(l.Published.UTC()) < day) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// plural is n with its noun, in the singular for one: "1 article", "2 articles".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// parseIDs reads ids ("3" or "#3") of the kind named, e.g. "an article id
// (see parley list)".
func parseIDs(args []string, kind string) ([]int64, error) {
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(strings.TrimPrefix(a, "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, usagef("%q is not %s", a, kind)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func cmdShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "show")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show needs one article id, e.g. parley show 1")
	}
	ids, err := parseIDs(pos, "an article id (see parley list)")
	if err != nil {
		return err
	}
	db, sm, err := e.openLabelled(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := findArticle(ctx, db, ids[0])
	if err != nil {
		return err
	}
	ps, err := db.Passages(ctx, a.ID)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "Article %d: %s\n", a.ID, line(a.Title))
	for _, f := range [][2]string{{"Outlet", sm.Label(a.Outlet)}, {"URL", a.URL}, {"Author", a.Author}, {"Published", a.Date()}, {"Language", a.Language}} {
		if f[1] != "" {
			fmt.Fprintf(w, "%-10s %s\n", f[0]+":", line(f[1]))
		}
	}
	outlets, err := db.Outlets(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, o := range outlets {
		also := sm.Label(o.Outlet)
		if d := o.Date(); d != "" {
			also += ", " + d
		}
		if o.URL != "" {
			also += " " + o.URL
		}
		fmt.Fprintf(w, "%-10s %s\n", "Also in:", line(also))
	}
	fmt.Fprintf(w, "%-10s %s\n", "Added:", a.Added.Format(time.RFC3339))
	fmt.Fprintf(w, "%-10s %d\n\n%s\n", "Passages:", len(ps), a.Body)
	return nil
}

// findArticle returns the article id, or an error that says there is none
// in words.
func findArticle(ctx context.Context, db *store.DB, id int64) (parley.Article, error) {
	a, err := db.Article(ctx, id)
	if errors.Is(err, parley.ErrNotFound) {
		return a, fmt.Errorf("no article %d in the library (see parley list)", id)
	}
	return a, err
}

func cmdRemove(ctx context.Context, e *env, args []string) error {
	return removeEach(ctx, e, newFlags(e, "remove"), args, removal{
		noun: "article",
		need: "remove needs article ids, e.g. parley remove 3",
		kind: "an article id (see parley list)",
		remove: func(ctx context.Context, db *store.DB, id int64) (string, error) {
			a, err := db.Article(ctx, id)
			if err == nil {
				err = db.Remove(ctx, id)
			}
			return fmt.Sprintf("removed %d: %s", id, line(a.Title)), err
		},
	})
}

// removal is what remove and feed remove each take out of the library:
// its noun, what to say when no id is given (need) and what an id is
// (kind), and how one is removed, with the line that says so.
type removal struct {
	noun, need, kind string
	remove           func(ctx context.Context, db *store.DB, id int64) (done string, err error)
}

// removeEach removes each of the ids args name, saying on stdout what was
// removed and on stderr what was not, and fails when any was not.
func removeEach(ctx context.Context, e *env, fs *flag.FlagSet, args []string, r removal) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("%s", r.need)
	}
	ids, err := parseIDs(pos, r.kind)
	if err != nil {
		return err
	}
	db, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	failed := 0
	for _, id := range ids {
		done, err := r.remove(ctx, db, id)
		switch {
		case errors.Is(err, parley.ErrNotFound):
			fmt.Fprintf(e.stderr, "no %s %d\n", r.noun, id)
		case err != nil:
			fmt.Fprintln(e.stderr, err)
		default:
			fmt.Fprintln(e.stdout, done)
			continue
		}
		failed++
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s not removed", failed, plural(len(ids), r.noun))
	}
	return nil
}

func cmdFeedback(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "feedback")
	asJSON := fs.Bool("json", false, "print the votes as JSON")
	if err := flagsOnly(fs, args, "feedback takes no arguments"); err != nil {
		return err
	}
	db, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	fb, err := db.Feedback(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if fb == nil {
			fb = []store.Feedback{}
		}
		return writeJSON(e.stdout, fb)
	}
	if len(fb) == 0 {
		fmt.Fprintln(e.stdout, "No votes yet. Votes are the 👍/👎 buttons under answers in Discord.")
		return nil
	}
	up := 0
	for _, f := range fb {
		mark := "👎"
		if f.Vote > 0 {
			mark, up = "👍", up+1
		}
		fmt.Fprintf(e.stdout, "%s %s  answer %d  %q\n    %s\n", mark, f.Created.Format("2006-01-02 15:04"), f.AnswerID, f.Question,
			prose.Clip(strings.ReplaceAll(f.Answer, "\n", " "), 160))
	}
	fmt.Fprintf(e.stdout, "%s: %d 👍, %d 👎\n", plural(len(fb), "vote"), up, len(fb)-up)
	return nil
}

func cmdReindex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "reindex")
	embeddings := fs.Bool("embeddings", false, "embed every passage that has no embedding yet (needs llm.embedding_model)")
	merge := fs.Bool("merge", false, "merge the search index into one segment, step by step (searches go on meanwhile; about 3 s for 100,000 articles)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || !*embeddings && !*merge {
		return usagef("reindex needs --embeddings or --merge: parley reindex --embeddings, parley reindex --merge")
	}
	if *merge {
		if err := mergeIndex(ctx, e); err != nil || !*embeddings {
			return err
		}
	}
	db, ans, err := e.openAnswering(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if ans.embedder == nil {
		return usagef("no embedding model: set llm.embedding_model in the config (see README, With a language model)")
	}
	const batch = 256
	total, err := db.CountPassagesWithoutVectors(ctx, ans.embModel)
	if err != nil {
		return err
	}
	done := 0
	for {
		ps, err := db.PassagesWithoutVectors(ctx, ans.embModel, batch)
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			break
		}
		if err := ans.embed(ctx, db, ps); err != nil {
			return fmt.Errorf("after %d of %s: %w", done, plural(total, "passage"), err)
		}
		// Passages added meanwhile are embedded too: the total grows.
		done += len(ps)
		total = max(total, done)
		fmt.Fprintf(e.stderr, "\rembedded %d of %s", done, plural(total, "passage"))
	}
	if done > 0 {
		fmt.Fprintln(e.stderr)
	}
	fmt.Fprintf(e.stdout, "%s embedded with %s; every passage has an embedding now\n", plural(done, "passage"), ans.embModel)
	return nil
}

// mergeIndex merges the library's search index into one segment, saying
// how far it is on stderr.
func mergeIndex(ctx context.Context, e *env) error {
	db, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	before, err := db.IndexSegments(ctx)
	if err != nil {
		return err
	}
	said := false
	err = db.MergeIndex(ctx, func(done, total int64) {
		fmt.Fprintf(e.stderr, "\rmerging the index: %d of %d pages", done, total)
		said = true
	})
	if said {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	after, err := db.IndexSegments(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "the index has %s (it had %d)\n", plural(len(after), "segment"), len(before))
	return nil
}
