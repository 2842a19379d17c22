package answers

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Corpus is the part of the library a digest reads: whole articles.
type Corpus interface {
	// Articles returns the articles published in [since, until), newest
	// first, at most limit; with ids, only those.
	Articles(ctx context.Context, since, until time.Time, ids []int64, limit int) ([]parley.Article, error)
	// Newest returns the date of the newest dated article.
	Newest(ctx context.Context) (time.Time, error)
}

// Digests makes summaries and timelines from the articles alone.
type Digests struct {
	Corpus   Corpus
	Searcher Searcher
	// Model, when set, writes summaries from the best sentences, every
	// quote verified; without it, or when nothing it writes verifies,
	// summaries are the sentences themselves.
	Model Model
	// StateMedia labels the outlets that are state media wherever a digest
	// names one. Nil means parley.DefaultStateMedia().
	StateMedia parley.StateMedia
}

// Digest sizes: enough to catch up, short enough to read in a chat.
const (
	minBullets = 4
	maxBullets = 8
	// maxDigestArticles bounds the articles one digest reads, newest (or,
	// with a topic, most relevant) first, so that a busy week in a large
	// library still answers in a fraction of a second.
	maxDigestArticles = 40
	// latestWindow is "the latest developments": the week up to the newest
	// article.
	latestWindow = 7 * 24 * time.Hour
	// sameFact is the similarity above which two sentences of different
	// articles report the same fact and make one bullet.
	sameFact = 0.5
)

// scopeArticles reads the articles a scope covers.
func (d *Digests) scopeArticles(ctx context.Context, scope *parley.Scope) ([]parley.Article, error) {
	if scope.ArticleID != 0 {
		return d.Corpus.Articles(ctx, time.Time{}, time.Time{}, []int64{scope.ArticleID}, 1)
	}
	if scope.Since.IsZero() && scope.Until.IsZero() && scope.Topic == "" {
		newest, err := d.Corpus.Newest(ctx)
		if err != nil {
			return nil, err
		}
		if !newest.IsZero() {
			scope.Since = newest.Add(-latestWindow + 24*time.Hour).Truncate(24 * time.Hour)
		}
	}
	var ids []int64
	if scope.Topic != "" {
		hits, err := d.Searcher.Search(ctx, parley.Query{Text: scope.Topic, Copies: true}, 4*maxDigestArticles)
		if err != nil {
			return nil, err
		}
		seen := map[int64]bool{}
		for _, h := range hits {
			if !seen[h.ArticleID] {
				seen[h.ArticleID] = true
				ids = append(ids, h.ArticleID)
			}
		}
		if len(ids) == 0 {
			return nil, nil
		}
	}
	return d.Corpus.Articles(ctx, scope.Since, scope.Until, ids, maxDigestArticles)
}

// unit is a sentence of an article in a digest's scope.
type unit struct {
	art   *parley.Article
	start int
	end   int
	text  string
	pos   int // sentence number in its article
	said  parley.Attribution
	// terms (sorted term ids) and weights are the sentence's TF-IDF vector,
	// as sorted slices: comparing every pair of sentences of a week of news
	// is the cost of a digest, and merging slices is several times faster
	// than looking terms up in maps.
	terms   []int32
	weights []float64
	norm    float64
	score   float64
}

// vocab numbers terms, so that the sentences of one digest share ids.
type vocab map[string]int32

func (v vocab) id(t string) int32 {
	id, ok := v[t]
	if !ok {
		id = int32(len(v))
		v[t] = id
	}
	return id
}

// vector sets u's terms from counts (term id → weight) and its norm.
func (u *unit) vector(counts map[int32]float64) {
	u.terms = make([]int32, 0, len(counts))
	for t := range counts {
		u.terms = append(u.terms, t)
	}
	slices.Sort(u.terms)
	u.weights = make([]float64, len(u.terms))
	u.norm = 0
	for i, t := range u.terms {
		u.weights[i] = counts[t]
		u.norm += counts[t] * counts[t]
	}
	u.norm = math.Sqrt(u.norm)
}

// query is a unit for the words of a topic, each of weight 1.
func (v vocab) query(text string) *unit {
	counts := map[int32]float64{}
	for _, t := range prose.Terms(text) {
		counts[v.id(t)] = 1
	}
	u := &unit{}
	u.vector(counts)
	return u
}

// reBoilerplate drops the lines sites put around an article.
var reBoilerplate = regexp.MustCompile(`(?i)^(for more|read more|subscribe|sign up|follow us|click here|visit |©|copyright)|\b(newsletter|all rights reserved)\b`)

// units cuts articles into candidate sentences with TF-IDF vectors.
func units(arts []parley.Article, v vocab) []*unit {
	var us []*unit
	var tfs []map[int32]float64
	df := map[int32]float64{}
	for i := range arts {
		a := &arts[i]
		for n, sp := range proseOf(a.Sentences, a.Body, 0) {
			text := a.Body[sp.Start:sp.End]
			words := prose.WordCount(text)
			if words < 8 || words > 60 || strings.HasSuffix(text, "?") || reBoilerplate.MatchString(text) {
				continue
			}
			tf := map[int32]float64{}
			for _, t := range prose.Terms(text) {
				tf[v.id(t)]++
			}
			for t := range tf {
				df[t]++
			}
			us = append(us, &unit{art: a, start: sp.Start, end: sp.End, text: text, pos: n, said: sp.Said})
			tfs = append(tfs, tf)
		}
	}
	n := float64(len(us))
	for i, u := range us {
		for t, tf := range tfs[i] {
			tfs[i][t] = tf * math.Log(1+n/df[t])
		}
		u.vector(tfs[i])
	}
	return us
}

// overlap returns the dot product of two units' vectors and the number of
// terms they share.
func overlap(a, b *unit) (dot float64, shared int) {
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i] < b.terms[j]:
			i++
		case a.terms[i] > b.terms[j]:
			j++
		default:
			dot += a.weights[i] * b.weights[j]
			shared++
			i++
			j++
		}
	}
	return dot, shared
}

func cosine(a, b *unit) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	dot, _ := overlap(a, b)
	return dot / (a.norm * b.norm)
}

// centrality is LexRank's degree centrality: how many other sentences say
// much the same, weighted by how much. What several articles report is
// what happened.
func centrality(us []*unit) []float64 {
	c := make([]float64, len(us))
	for i := range us {
		for j := i + 1; j < len(us); j++ {
			if s := cosine(us[i], us[j]); s > 0.1 {
				c[i] += s
				c[j] += s
			}
		}
	}
	maxC := 0.0
	for _, x := range c {
		maxC = math.Max(maxC, x)
	}
	if maxC > 0 {
		for i := range c {
			c[i] /= maxC
		}
	}
	return c
}

// Summary tells what happened in a scope: 4–8 bullets, each a verbatim
// sentence with who reported it, the facts several outlets report first
// and as one bullet citing them all. For one article, its main points in
// its own order.
func (d *Digests) Summary(ctx context.Context, scope parley.Scope) (*parley.Digest, error) {
	start := time.Now()
	arts, err := d.scopeArticles(ctx, &scope)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	dg := &parley.Digest{Scope: scope, Mode: parley.ModeExtractive}
	v := vocab{}
	us := units(arts, v)
	if len(us) == 0 {
		dg.Text = emptyScope(scope, "nothing")
		dg.Body = dg.Text
		dg.Took = time.Since(start)
		return dg, nil
	}
	cent := centrality(us)
	topic := v.query(scope.Topic)
	before, err := d.alreadyReported(ctx, scope, v)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	for i, u := range us {
		lead := 1 / (1 + float64(u.pos)) // news puts the news first
		u.score = 0.5*cent[i] + 0.3*lead
		if scope.Topic != "" {
			u.score += 0.6 * cosine(u, topic)
		}
		for _, o := range before {
			if sameWords(u, o) {
				u.score *= 0.3 // old news, told again
				break
			}
		}
	}
	lead := summaryLead(scope, arts)
	if d.Model != nil {
		mdg, note := d.modelSummary(ctx, scope, us, lead)
		if mdg != nil {
			mdg.Took = time.Since(start)
			return mdg, nil
		}
		lead = note + "; here are the articles' own words.\n\n" + lead
	}
	picked := mmr(us, maxBullets)
	if scope.ArticleID != 0 {
		sort.SliceStable(picked, func(i, j int) bool { return picked[i].start < picked[j].start })
	}
	var list sourceList
	for _, u := range picked {
		p := parley.Point{Citations: []parley.Citation{cite(u)}}
		others := sameFacts(u, us, picked)
		for _, o := range others {
			p.Citations = append(p.Citations, cite(o))
		}
		for i := range p.Citations {
			p.Citations[i].N = list.number(p.Citations[i].Source)
		}
		p.Text = bullet(u, p.Citations, mediaOr(d.StateMedia))
		dg.Points = append(dg.Points, p)
	}
	dg.Sources = list.sources
	dg.Text = digestText(lead, dg, mediaOr(d.StateMedia))
	dg.Took = time.Since(start)
	return dg, nil
}

// priorArticles is how many articles from just before a window count as
// what was already reported.
const priorArticles = 20

// alreadyReported returns the sentences of the articles published just
// before a window, so that a summary of the window prefers what is new.
func (d *Digests) alreadyReported(ctx context.Context, scope parley.Scope, v vocab) ([]*unit, error) {
	if scope.Since.IsZero() || scope.ArticleID != 0 {
		return nil, nil
	}
	arts, err := d.Corpus.Articles(ctx, time.Time{}, scope.Since, nil, priorArticles)
	if err != nil {
		return nil, err
	}
	return units(arts, v), nil
}

// mmr picks up to n units by maximal marginal relevance, so that bullets
// don't repeat each other; it stops early when what is left is weak.
func mmr(us []*unit, n int) []*unit {
	var out []*unit
	taken := map[*unit]bool{}
	best := 0.0
	for len(out) < n {
		var next *unit
		nextV := math.Inf(-1)
		for _, u := range us {
			if taken[u] {
				continue
			}
			maxSim, repeats := 0.0, false
			for _, o := range out {
				maxSim = math.Max(maxSim, cosine(u, o))
				repeats = repeats || sameWords(u, o)
			}
			if repeats {
				continue // the same fact as a bullet already taken
			}
			if v := 0.7*u.score - 0.3*maxSim; v > nextV {
				next, nextV = u, v
			}
		}
		if next == nil || (len(out) >= minBullets && next.score < 0.35*best) {
			break
		}
		if len(out) == 0 {
			best = next.score
		}
		taken[next] = true
		out = append(out, next)
	}
	return out
}

// sameWords reports whether two sentences say the same: similar by TF-IDF
// cosine, or sharing half their words (which cosine underrates when they
// differ only in a rare name, as syndicated boilerplate does).
func sameWords(a, b *unit) bool {
	if a.norm == 0 || b.norm == 0 {
		return false
	}
	dot, shared := overlap(a, b)
	if dot/(a.norm*b.norm) >= sameFact {
		return true
	}
	union := len(a.terms) + len(b.terms) - shared
	return union > 0 && float64(shared)/float64(union) >= 0.5
}

// sameFacts finds the sentences of other articles that report the fact u
// reports, one per article, not counting those already bullets.
func sameFacts(u *unit, us, picked []*unit) []*unit {
	isPicked := map[*unit]bool{}
	for _, p := range picked {
		isPicked[p] = true
	}
	best := map[int64]*unit{}
	sims := map[*unit]float64{}
	for _, o := range us {
		if o.art.ID == u.art.ID || isPicked[o] {
			continue
		}
		if s := cosine(u, o); sameWords(u, o) && s > sims[best[o.art.ID]] {
			best[o.art.ID], sims[o] = o, s
		}
	}
	var out []*unit
	for _, o := range best {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].art.ID < out[j].art.ID })
	return out
}

func cite(u *unit) parley.Citation {
	return parley.Citation{Source: u.art.Source(), Quote: u.text, Start: u.start, End: u.end, Said: u.said}
}

// bullet writes a point: the quote, who reported it and when, and the
// other outlets that report the same.
func bullet(u *unit, cs []parley.Citation, sm parley.StateMedia) string {
	who := credit(u.said, u.art.Source(), sm)
	var marks strings.Builder
	seen := map[int]bool{}
	for _, c := range cs {
		if !seen[c.N] {
			seen[c.N] = true
			fmt.Fprintf(&marks, "[%d]", c.N)
		}
	}
	text := fmt.Sprintf("“%s” — %s", u.text, who)
	if n := len(parley.Outlets(cs)); n > 1 {
		text += fmt.Sprintf("; reported by %d outlets", n)
	}
	return text + " " + marks.String()
}

func summaryLead(scope parley.Scope, arts []parley.Article) string {
	published := make([]string, len(arts))
	for i := range arts {
		published[i] = arts[i].Date()
	}
	p := digestPhrasesIn(scope.Lang)
	if scope.ArticleID != 0 && len(arts) == 1 {
		return fmt.Sprintf(p["article lead"], arts[0].Title)
	}
	_, _, when := dateSpan(published)
	return fmt.Sprintf(p["summary lead"], digestTopic(scope, p), len(arts), digestDates(when, p))
}

// digestText sets the body (the lead and the points) and returns the text
// with the numbered sources; the points' credits and the heading of the
// sources are written in the digest's language (Scope.Lang).
func digestText(lead string, dg *parley.Digest, sm parley.StateMedia) string {
	var b strings.Builder
	b.WriteString(lead + "\n")
	for i := range dg.Points {
		p := &dg.Points[i]
		p.Text = localPoint(p.Text, dg.Scope.Lang)
		if !p.Date.IsZero() {
			b.WriteString("\n- " + p.Date.Format(parley.DateLayout) + ": " + p.Text)
		} else {
			b.WriteString("\n- " + p.Text)
		}
	}
	dg.Body = b.String()
	return dg.Body + "\n\n" + sourcesHeading(dg.Scope.Lang) + "\n" + FormatSources(dg.Sources, sm)
}

// emptyScope says plainly that nothing is in scope: "nothing" for a
// summary, "no dated" for a timeline (digestPhrases' keys).
func emptyScope(scope parley.Scope, none string) string {
	p := digestPhrasesIn(scope.Lang)
	if scope.ArticleID != 0 {
		return fmt.Sprintf(p["no article"], scope.ArticleID)
	}
	var parts []string
	if scope.Topic != "" {
		parts = append(parts, fmt.Sprintf(p["about"], scope.Topic))
	}
	if !scope.Since.IsZero() {
		parts = append(parts, fmt.Sprintf(p["since"], scope.Since.Format(parley.DateLayout)))
	}
	if !scope.Until.IsZero() {
		parts = append(parts, fmt.Sprintf(p["before"], scope.Until.Format(parley.DateLayout)))
	}
	if len(parts) == 0 {
		return p["no articles"]
	}
	return fmt.Sprintf(p[none], strings.Join(parts, " "))
}
