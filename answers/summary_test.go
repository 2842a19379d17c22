package answers_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/prose"
	"github.com/parley-bot/parley/store"
)

// seeded opens a library with the bundled articles and the given extra
// ones, each a front-matter text.
func seeded(t *testing.T, extra ...string) (*store.DB, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ids := map[string]int64{}
	add := func(name string, b []byte) {
		a, err := ingest.Parse(name, b)
		if err != nil {
			t.Fatal(err)
		}
		id, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		ids[a.Outlet] = id
	}
	names, _ := fs.Glob(data.Seeds, "*.md")
	for _, n := range names {
		b, _ := fs.ReadFile(data.Seeds, n)
		add(n, b)
	}
	for i, e := range extra {
		add("extra"+string(rune('a'+i))+".md", []byte(e))
	}
	return db, ids
}

func TestSummaryOfTheSeeds(t *testing.T) {
	db, _ := seeded(t)
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Summary(context.Background(), parley.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(dg.Points); n < 4 || n > 8 {
		t.Fatalf("%d bullets, want 4–8:\n%s", n, dg.Text)
	}
	if !strings.HasPrefix(dg.Text, "What happened, from 2 articles published between 2025-08-17 and 2025-08-19:") {
		t.Errorf("lead:\n%s", dg.Text)
	}
	checkPoints(t, db, dg)
}

// checkPoints holds what every digest promises: quotes verbatim at their
// offsets, citations numbered within the sources, no two bullets the same
// fact.
func checkPoints(t *testing.T, db *store.DB, dg *parley.Digest) {
	t.Helper()
	ctx := context.Background()
	for i, p := range dg.Points {
		if len(p.Citations) == 0 {
			t.Errorf("point %d cites nothing: %s", i, p.Text)
		}
		for _, c := range p.Citations {
			a, err := db.Article(ctx, c.Source.ArticleID)
			if err != nil || a.Body[c.Start:c.End] != c.Quote {
				t.Errorf("point %d: quote %q is not article %d at %d–%d", i, c.Quote, c.Source.ArticleID, c.Start, c.End)
			}
			if c.N < 1 || c.N > len(dg.Sources) || dg.Sources[c.N-1].ArticleID != c.Source.ArticleID {
				t.Errorf("point %d: [%d] is not its source", i, c.N)
			}
		}
		if !strings.Contains(dg.Text, p.Citations[0].Quote) {
			t.Errorf("text lacks point %d", i)
		}
		for j := range i {
			if overlap(p.Citations[0].Quote, dg.Points[j].Citations[0].Quote) >= 0.5 {
				t.Errorf("points %d and %d tell the same fact:\n%s\n%s", j, i, dg.Points[j].Text, p.Text)
			}
		}
	}
}

func overlap(a, b string) float64 {
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, t := range prose.Terms(a) {
		sa[t] = true
	}
	for _, t := range prose.Terms(b) {
		sb[t] = true
	}
	inter := 0
	for t := range sa {
		if sb[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func TestSummaryOfOneArticleKeepsItsOrder(t *testing.T) {
	db, ids := seeded(t)
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Summary(context.Background(), parley.Scope{ArticleID: ids["The Independent"]})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dg.Text, "The main points of “Top Trump envoy says Putin agreed") || len(dg.Points) < 4 {
		t.Fatalf("summary:\n%s", dg.Text)
	}
	for i := 1; i < len(dg.Points); i++ {
		if dg.Points[i].Citations[0].Start < dg.Points[i-1].Citations[0].Start {
			t.Errorf("points out of the article's order at %d", i)
		}
		if dg.Points[i].Citations[0].Source.Outlet != "The Independent" {
			t.Errorf("point %d quotes another article", i)
		}
	}
	checkPoints(t, db, dg)
}

func TestSummaryMergesOneFactFromManyOutlets(t *testing.T) {
	wire := "Ukraine and Russia exchanged 84 prisoners of war on Thursday in a swap brokered by the United Arab Emirates, officials said."
	var extra []string
	for i, outlet := range []string{"AP", "Reuters", "Kyiv Post"} {
		extra = append(extra, "---\ntitle: Prisoner swap "+outlet+"\noutlet: "+outlet+"\npublished: 2025-08-2"+string(rune('1'+i))+"\n---\n"+
			wire+"\n"+strings.Repeat("Local reaction from "+outlet+" readers was mixed after the announcement. ", 2))
	}
	db, _ := seeded(t, extra...)
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Summary(context.Background(), parley.Scope{Topic: "prisoner swap"})
	if err != nil {
		t.Fatal(err)
	}
	if len(dg.Points) == 0 || !strings.Contains(dg.Points[0].Text, "reported by 3 outlets") || len(dg.Points[0].Citations) != 3 {
		t.Fatalf("the swap is not one bullet citing 3 outlets (%d points):\n%s", len(dg.Points), dg.Text)
	}
	checkPoints(t, db, dg)
}

func TestSummaryWindowAndEmptyScope(t *testing.T) {
	db, _ := seeded(t)
	d := &answers.Digests{Corpus: db, Searcher: db}
	day := func(s string) time.Time { t, _ := time.Parse(parley.DateLayout, s); return t }
	// [2025-08-18, 2025-08-20): only DC Brief (published 2025-08-19).
	dg, err := d.Summary(context.Background(), parley.Scope{Since: day("2025-08-18"), Until: day("2025-08-20")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range dg.Points {
		for _, c := range p.Citations {
			if c.Source.Outlet != "DC Brief" {
				t.Errorf("a bullet from outside the window: %s", p.Text)
			}
		}
	}
	// Until is exclusive: up to 2025-08-17 has nothing.
	dg, err = d.Summary(context.Background(), parley.Scope{Until: day("2025-08-17")})
	if err != nil {
		t.Fatal(err)
	}
	if len(dg.Points) != 0 || dg.Text != "The articles I have don't cover anything before 2025-08-17." {
		t.Errorf("empty window: %q", dg.Text)
	}
	dg, _ = d.Summary(context.Background(), parley.Scope{Topic: "Champions League final"})
	if len(dg.Points) != 0 || !strings.Contains(dg.Text, "don't cover anything about “Champions League final”") {
		t.Errorf("unknown topic: %q", dg.Text)
	}
}

func TestSummaryOfAWindowPrefersWhatIsNew(t *testing.T) {
	old := "Trump met with Putin for nearly three hours Friday at a U.S. military base in Anchorage, officials said."
	db, _ := seeded(t,
		"---\ntitle: Recap\noutlet: Recap Daily\npublished: 2025-08-25\n---\n"+old+"\nEuropean leaders agreed on Monday to send a joint delegation to Kyiv to discuss air defense and reconstruction funding.\nThe delegation will include foreign ministers from France, Germany, Italy and Poland, according to a joint statement.\nOfficials said the visit would focus on winter energy supplies and the protection of power plants from drone attacks.")
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Summary(context.Background(), parley.Scope{Since: day("2025-08-24")})
	if err != nil {
		t.Fatal(err)
	}
	if len(dg.Points) == 0 || strings.Contains(dg.Points[0].Text, "nearly three hours") {
		t.Errorf("the window's summary leads with old news:\n%s", dg.Text)
	}
	checkPoints(t, db, dg)
}

var reSentence = regexp.MustCompile(`\[(\d+)\] \(([^)]*)\) (.*)`)

// numberOf finds the number the model's prompt gives the sentence that
// contains phrase.
func numberOf(prompt, phrase string) string {
	for _, m := range reSentence.FindAllStringSubmatch(prompt, -1) {
		if strings.Contains(m[3], phrase) {
			return m[1]
		}
	}
	return "0"
}

func TestSummaryWithModel(t *testing.T) {
	db, _ := seeded(t)
	m := fakeModel{func(_ context.Context, msgs []answers.Message, _ func(string)) (string, error) {
		p := msgs[1].Content
		return "- Witkoff said Putin agreed to allow a “security guarantee” for Ukraine [" + numberOf(p, "Witkoff revealed") + "].\n" +
			"- DC Brief called Anchorage “a critical meeting between President Donald Trump and Russian President Vladimir Putin” [" + numberOf(p, "a critical meeting") + "].\n" +
			"- Russia promised “a lasting ceasefire by Christmas” [1].\n" +
			"- Leaders met at the White House, with no citation.", nil
	}}
	d := &answers.Digests{Corpus: db, Searcher: db, Model: m}
	dg, err := d.Summary(context.Background(), parley.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if dg.Mode != parley.ModeLLM || len(dg.Points) != 2 {
		t.Fatalf("mode %s, %d points:\n%s", dg.Mode, len(dg.Points), dg.Text)
	}
	if strings.Contains(dg.Text, "Christmas") || strings.Contains(dg.Text, "no citation") {
		t.Errorf("unverified bullets shown:\n%s", dg.Text)
	}
	if dg.Points[0].Citations[0].Quote != "security guarantee" || dg.Points[1].Citations[0].Quote != "a critical meeting between President Donald Trump and Russian President Vladimir Putin" {
		t.Errorf("quotes: %+v", dg.Points)
	}
	checkPoints(t, db, dg)

	var prompt string
	asked := &answers.Digests{Corpus: db, Searcher: db, Model: fakeModel{func(ctx context.Context, msgs []answers.Message, f func(string)) (string, error) {
		prompt = msgs[1].Content
		return m.CompleteFunc(ctx, msgs, f)
	}}}
	uk, err := asked.Summary(context.Background(), parley.Scope{Lang: "uk"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(prompt, "Write the bullets in Ukrainian; every quotation stays in the language of its sentence") || !strings.HasPrefix(uk.Text, "Що сталося") {
		t.Errorf("a summary in Ukrainian by the model: the prompt\n%s\ngave\n%s", prompt, uk.Text)
	}

	failing := &answers.Digests{Corpus: db, Searcher: db, Model: replies("", errors.New("model server busy (429)"))}
	dg, err = failing.Summary(context.Background(), parley.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if dg.Mode != parley.ModeExtractive || len(dg.Points) < 4 || !strings.HasPrefix(dg.Text, "The language model was unavailable (model server busy (429))") {
		t.Errorf("fallback:\n%s", dg.Text)
	}
}

// TestDigestsLabelStateMedia: a summary and a timeline name a state-media
// outlet as such in their points and their sources.
func TestDigestsLabelStateMedia(t *testing.T) {
	db, ids := seeded(t, "---\ntitle: Kremlin on the Istanbul round\noutlet: TASS\npublished: 2025-06-02\nurl: https://tass.example/istanbul\n---\n"+
		"Kremlin spokesman Dmitry Peskov said on Monday that the memorandum handed over in Istanbul sets out Russia's terms for a ceasefire.\n\n"+
		"The Russian delegation was led by presidential aide Vladimir Medinsky, who met the Ukrainian side for about an hour.\n\n"+
		"The two sides agreed to exchange the bodies of six thousand soldiers killed in the fighting.\n")
	d := &answers.Digests{Corpus: db, Searcher: db}
	sum, err := d.Summary(context.Background(), parley.Scope{ArticleID: ids["TASS"]})
	if err != nil {
		t.Fatal(err)
	}
	tl, err := d.Timeline(context.Background(), parley.Scope{Topic: "Istanbul memorandum"})
	if err != nil {
		t.Fatal(err)
	}
	for name, dg := range map[string]*parley.Digest{"summary": sum, "timeline": tl} {
		if !strings.Contains(dg.Text, "— TASS (Russian state media), 2025-06-02") ||
			!strings.Contains(dg.Text, "] TASS (Russian state media), “Kremlin on the Istanbul round”") {
			t.Errorf("%s does not label TASS as state media:\n%s", name, dg.Text)
		}
	}
}

// TestAbstentionSaysWhatIsMissing: a name no article has is named in the
// abstention; a misspelt one is read as the library's word, and the
// answer says so; a question whose topic the articles cover but whose kind
// of value none states says which value is missing.
func TestAbstentionSaysWhatIsMissing(t *testing.T) {
	db, _ := seeded(t)
	e := &answers.Extractive{Searcher: db}
	ask := func(q string) *parley.Answer {
		t.Helper()
		a, err := e.Ask(context.Background(), parley.Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := ask("What did Keith Kellogg say about the Alaska summit?")
	if !a.Abstained || !strings.HasPrefix(a.Text, "The articles I have don't mention “Keith Kellogg”.") || len(a.Nearest) == 0 {
		t.Errorf("an unknown name:\n%s", a.Text)
	}
	a = ask("what did keith kellogg say about the alaska summit")
	if !a.Abstained || !strings.Contains(a.Text, "don't mention “keith kellogg”") {
		t.Errorf("an unknown name in lower case:\n%s", a.Text)
	}
	a = ask("What did Witkof say about the security guarantees?")
	if a.Abstained || !strings.HasPrefix(a.Text, "Reading “Witkof” as “Witkoff”.") || !strings.Contains(a.Text, "Witkoff") {
		t.Errorf("a misspelt name:\n%s", a.Text)
	}
	a = ask("How many dollars will the security guarantees cost?")
	if !a.Abstained || !strings.Contains(a.Text, "don't mention “dollars”") {
		t.Errorf("words no article has:\n%s", a.Text)
	}
	a = ask("What did Karoline Leavitt say about Article 7?")
	if !a.Abstained || !strings.HasPrefix(a.Text, "The articles I have don't mention “Article 7”.") {
		t.Errorf("a number none of the passages has:\n%s", a.Text)
	}
	a = ask("What did Emmanuel Macron say about security guarantees?")
	if !a.Abstained || !strings.HasPrefix(a.Text, "The articles I have don't quote Emmanuel Macron on that.") {
		t.Errorf("a person named but never quoted:\n%s", a.Text)
	}
	a = ask("What did Marco Rubio say about Donetsk?")
	if !a.Abstained || !strings.HasPrefix(a.Text, "The articles I have quote Marco Rubio, but not on “Donetsk”.") {
		t.Errorf("a person quoted, but on something else:\n%s", a.Text)
	}
	a = ask("What did Witkoff and Emmanuel Macron say to each other?")
	if !a.Abstained || !strings.Contains(a.Text, "don't quote Witkoff and Emmanuel Macron on that") {
		t.Errorf("two people's words to each other, where only one is quoted:\n%s", a.Text)
	}
	a = ask("What did the White House press secretary say?")
	if a.Abstained {
		t.Errorf("a speaker asked for by role:\n%s", a.Text)
	}
	a = ask("How long will the security guarantees last?")
	if !a.Abstained || !strings.HasPrefix(a.Text, "The articles I have mention “security guarantees” but don't say how long.") {
		t.Errorf("a value no article states:\n%s", a.Text)
	}
}

// TestTypedAnswerStatesTheValue: an answer to "how long" states the
// duration first, in the sources' words, and says when outlets differ; a
// "latest" question says as of when.
func TestTypedAnswerStatesTheValue(t *testing.T) {
	db, _ := seeded(t,
		"---\ntitle: Geneva round ends\noutlet: Kyiv Ledger\npublished: 2025-11-24\n---\nUkrainian and U.S. negotiators met in Geneva on Sunday, and the Geneva talks lasted nearly five hours before the delegations broke for the night.\n",
		"---\ntitle: Geneva talks close\noutlet: TASS\npublished: 2025-11-24\n---\nThe Geneva talks between the Ukrainian and U.S. delegations lasted about four and a half hours on Sunday, a source said.\n")
	a, err := (&answers.Extractive{Searcher: db}).Ask(context.Background(), parley.Question{Text: "How long did the Geneva talks last?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Reports differ: “lasted nearly five hours” (Kyiv Ledger [") || !strings.Contains(a.Text, "against “lasted about four and a half hours” (TASS (Russian state media) [") {
		t.Errorf("the durations are not stated first, with who gives which:\n%s", a.Text)
	}
	// A value is stated with its hedge: "nearly three hours", not "three hours".
	a, err = (&answers.Extractive{Searcher: db}).Ask(context.Background(), parley.Question{Text: "How long did Trump and Putin meet in Anchorage?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "“nearly three hours” (The Independent [") {
		t.Errorf("the duration is not stated as the source states it:\n%s", a.Text)
	}
	a, err = (&answers.Extractive{Searcher: db}).Ask(context.Background(), parley.Question{Text: "What is the latest on the Geneva talks?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The latest the articles report, as of 2025-11-24") {
		t.Errorf("a latest question does not say as of when:\n%s", a.Text)
	}
}

// TestSlavicQuestionOfEnglishReports: a question in Ukrainian or Russian
// is answered from English reports, its names read as they spell them
// (store.DB.Romanised) and its other words by the glossary, in the asker's
// language with the quotes in English, marked so.
func TestSlavicQuestionOfEnglishReports(t *testing.T) {
	db, _ := seeded(t)
	e := &answers.Extractive{Searcher: db}
	for _, q := range []string{"Що сказав Віткофф про гарантії безпеки?", "Что сказал Уиткофф о гарантиях безопасности?"} {
		a, err := e.Ask(context.Background(), parley.Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if a.Abstained || !strings.Contains(a.Text, "Witkoff") || !strings.Contains(a.Text, "англ") {
			t.Errorf("%s\n%s", q, a.Text)
		}
	}
}

// TestDigestInTheAskersLanguage: a summary and a timeline for Scope.Lang
// "uk" or "ru" have their lead, credits, count of outlets and heading of
// the sources in that language, and so does an empty scope; the quotes
// stay as the articles write them.
func TestDigestInTheAskersLanguage(t *testing.T) {
	db, _ := seeded(t)
	d := &answers.Digests{Corpus: db, Searcher: db}
	ctx := context.Background()
	uk, err := d.Summary(ctx, parley.Scope{Lang: "uk"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(uk.Text, "Що сталося — за статтями (2), опублікованими між ") || !strings.Contains(uk.Text, "\n\nДжерела:\n[1] ") {
		t.Errorf("summary in Ukrainian:\n%s", uk.Text)
	}
	en, err := d.Summary(ctx, parley.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"reported by", "paraphrasing"} {
		if !strings.Contains(en.Body, w) || strings.Contains(uk.Body, w) {
			t.Errorf("%q in the English summary and not the Ukrainian, which reads:\n%s", w, uk.Body)
		}
	}
	quote := regexp.MustCompile(`“[^”]+”`)
	if g, w := quote.FindAllString(uk.Body, -1), quote.FindAllString(en.Body, -1); strings.Join(g, "|") != strings.Join(w, "|") {
		t.Errorf("the quotes changed with the language:\n%q\n%q", g, w)
	}
	ru, err := d.Timeline(ctx, parley.Scope{Lang: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ru.Text, "События с датами, от самых ранних, по статьям (2) ") || !strings.Contains(ru.Text, "\n\nИсточники:\n") {
		t.Errorf("timeline in Russian:\n%s", ru.Text)
	}
	empty, err := d.Summary(ctx, parley.Scope{Topic: "зерно", Lang: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	if empty.Text != "В статьях, которые у меня есть, нет ничего о «зерно»." {
		t.Errorf("an empty scope in Russian: %q", empty.Text)
	}
	none, err := d.Timeline(ctx, parley.Scope{Topic: "зерно", Lang: "uk"})
	if err != nil {
		t.Fatal(err)
	}
	if none.Text != "У статтях, які я маю, немає датованих подій про «зерно»." {
		t.Errorf("a timeline of nothing in Ukrainian: %q", none.Text)
	}
}

// TestDatelineSaysWhereTheLedeIs: "ANKARA, Turkey (AP) — Zelensky said
// Thursday …" is Zelensky in Ankara on Thursday, though the lede never
// names the city: asked when he spoke in Ankara, the answer is the lede,
// and the dateline is not quoted.
func TestDatelineSaysWhereTheLedeIs(t *testing.T) {
	db, _ := seeded(t, `---
title: Zelensky to send delegation to Istanbul
outlet: Example Wire
url: https://wire.example.com/2025/05/15/istanbul
published: 2025-05-15
---
ANKARA, Turkey (AP) — Ukrainian President Volodymyr Zelensky said Thursday that he would send a delegation led by Defense Minister Rustem Umerov to Istanbul.

"I will not run around the world looking for Putin," Zelensky told reporters in Ankara.
`)
	e := &answers.Extractive{Searcher: db}
	a, err := e.Ask(context.Background(), parley.Question{Text: "When did Zelensky speak in Ankara?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Quote, "said Thursday") || strings.Contains(a.Text, "ANKARA") {
		t.Errorf("answer:\n%s", a.Text)
	}
}

// TestDateWordsAreNoUnknownWords: a date no article writes is the time a
// question asks about, not a word the articles lack: the abstention says
// they report nothing for it, not that they never mention it.
func TestDateWordsAreNoUnknownWords(t *testing.T) {
	db, _ := seeded(t)
	e := &answers.Extractive{Searcher: db}
	a, err := e.Ask(context.Background(), parley.Question{Text: "What did Witkoff say on September 3?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Abstained || !strings.HasPrefix(a.Text, "The articles I have don't report that for September 3.") {
		t.Errorf("answer:\n%s", a.Text)
	}
}
