package answers_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/ingest"
)

// fakeSearcher returns passages of the given articles that contain any of
// the question's words, as a crude stand-in for the store.
type fakeSearcher struct {
	SearchFunc func(ctx context.Context, text string, k int) ([]parley.Hit, error)
}

func (f fakeSearcher) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	return f.SearchFunc(ctx, q.Text+" "+q.Also, k)
}

type doc struct {
	id     int64
	outlet string
	title  string
	date   string
	body   string
}

// library makes a searcher over docs: one passage per paragraph, scored by
// the number of question words it contains.
func library(docs ...doc) fakeSearcher {
	return fakeSearcher{func(_ context.Context, text string, k int) ([]parley.Hit, error) {
		words := strings.Fields(strings.ToLower(regexp.MustCompile(`[^\pL\pN ]+`).ReplaceAllString(text, " ")))
		var hits []parley.Hit
		for _, d := range docs {
			pub, _ := time.Parse(parley.DateLayout, d.date)
			sentences := ingest.Sentences(d.title, d.body)
			off := 0
			for i, para := range strings.Split(d.body, "\n") {
				score := 0.0
				for _, w := range words {
					if len(w) > 3 && strings.Contains(strings.ToLower(para), w) {
						score++
					}
				}
				if score > 0 {
					ps := []parley.Passage{{ID: d.id*100 + int64(i), ArticleID: d.id, Seq: i, Start: off, End: off + len(para), Text: para}}
					parley.AssignSentences(ps, sentences)
					hits = append(hits, parley.Hit{
						Passage: ps[0],
						Source:  parley.Source{ArticleID: d.id, Title: d.title, Outlet: d.outlet, URL: "https://example.com/" + d.outlet, Published: pub},
						Score:   score,
					})
				}
				off += len(para) + 1
			}
		}
		for i := 1; i < len(hits); i++ {
			for j := i; j > 0 && hits[j].Score > hits[j-1].Score; j-- {
				hits[j], hits[j-1] = hits[j-1], hits[j]
			}
		}
		if len(hits) > k {
			hits = hits[:k]
		}
		return hits, nil
	}}
}

var (
	independent = doc{1, "The Independent", "Envoy says Putin agreed to protections", "2025-08-17",
		"However U.S. envoy Steve Witkoff revealed that Putin agreed to allow the U.S. and its European allies to offer Ukraine a security guarantee at his meeting with Trump.\n" +
			"“We were able to win the following concession: That the United States could offer Article 5-like protection, which is one of the real reasons why Ukraine wants to be in Nato,” Witkoff told CNN.\n" +
			"He added that it “was the first time we had ever heard the Russians agree to that” and called them “game-changing.”\n" +
			"Trump met with Putin for nearly three hours Friday at a U.S. military base in Anchorage. In their first meeting in six years the two leaders discussed the war in Ukraine.\n" +
			"Secretary of State Marco Rubio said that further sanctions on Russia were, for the time being, likely off the table."}
	brief = doc{2, "DC Brief", "Security guarantees advance", "2025-08-19",
		"Security guarantees for Ukraine advance following a critical meeting between President Donald Trump and Russian President Vladimir Putin in Anchorage.\n" +
			"Afterward, Trump made it clear that U.S. troops would not be deployed to Ukraine. However, White House Press Secretary Karoline Leavitt said the U.S. remains committed to supporting Ukraine.\n" +
			"Zelenskyy welcomed the support, calling U.S. backing essential to any future peace deal."}
)

func bodyOf(id int64) string {
	for _, d := range []doc{independent, brief} {
		if d.id == id {
			return d.body
		}
	}
	return ""
}

func ask(t *testing.T, s answers.Searcher, q string) *parley.Answer {
	t.Helper()
	a, err := (&answers.Extractive{Searcher: s}).Ask(context.Background(), parley.Question{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestQuotesAreVerbatimSpansWithMarkersAndSources(t *testing.T) {
	a := ask(t, library(independent, brief), "What did Russia agree to in Alaska?")
	if a.Abstained {
		t.Fatalf("abstained:\n%s", a.Text)
	}
	if len(a.Citations) == 0 || len(a.Citations) > 5 {
		t.Fatalf("%d citations, want 1–5:\n%s", len(a.Citations), a.Text)
	}
	articles := map[int64]bool{}
	for _, c := range a.Citations {
		articles[c.Source.ArticleID] = true
		body := bodyOf(c.Source.ArticleID)
		if c.Start < 0 || c.End > len(body) || body[c.Start:c.End] != c.Quote {
			t.Errorf("citation [%d] %q is not body[%d:%d]", c.N, c.Quote, c.Start, c.End)
		}
		if !strings.Contains(a.Text, "“"+c.Quote+"”") {
			t.Errorf("answer does not show quote %q in quotation marks", c.Quote)
		}
		// Each quote is shown with its source and [n]: after it, or above
		// it with the quotes in a row that share its credit.
		credited := false
		for _, q := range creditedQuotes(a.Text) {
			if q.quote == "“"+c.Quote+"”" && strings.HasSuffix(q.credit, "["+itoa(c.N)+"]") && strings.Contains(q.credit, c.Source.Outlet) {
				credited = true
			}
		}
		if !credited {
			t.Errorf("quote %q is not shown with its source and [%d]:\n%s", c.Quote, c.N, a.Text)
		}
		if !strings.Contains(a.Text, "["+itoa(c.N)+"] "+c.Source.Outlet) || !strings.Contains(a.Text, c.Source.URL) {
			t.Errorf("sources lack [%d] %s %s:\n%s", c.N, c.Source.Outlet, c.Source.URL, a.Text)
		}
	}
	if len(articles) > 3 {
		t.Errorf("quotes from %d articles, want at most 3", len(articles))
	}
	if !strings.Contains(a.Text, "agree") {
		t.Errorf("the answer never quotes what was agreed:\n%s", a.Text)
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// TestSpeakerNamedFromTheText: a quote is credited to the speaker the text
// names, in the sentence or just before it ("He added" after "Witkoff told
// CNN"), with the role the article gives them.
func TestSpeakerNamedFromTheText(t *testing.T) {
	a := ask(t, library(independent, brief), "What did Witkoff say about the concession Putin agreed to?")
	if a.Abstained {
		t.Fatalf("abstained:\n%s", a.Text)
	}
	if !strings.Contains(a.Text, "Witkoff told CNN") {
		t.Fatalf("the answer does not quote Witkoff's own words:\n%s", a.Text)
	}
	for _, q := range creditedQuotes(a.Text) {
		switch {
		case strings.Contains(q.quote, "Witkoff told CNN"):
			if !strings.HasPrefix(q.credit, "Steve Witkoff, U.S. envoy, quoted by The Independent, 2025-08-17 [") {
				t.Errorf("quote naming its speaker is not attributed to him: %+v", q)
			}
		case strings.HasPrefix(q.quote, "“He added"):
			if !strings.HasPrefix(q.credit, "Steve Witkoff, U.S. envoy, quoted by The Independent") {
				t.Errorf("“He added” right after Witkoff's quote is not credited to him: %+v", q)
			}
		}
	}
	// "He added…" brings the sentence that says who he is.
	if strings.Contains(a.Text, "He added") && !strings.Contains(a.Text, "Witkoff told CNN") {
		t.Errorf("“He added” quoted without the sentence before it:\n%s", a.Text)
	}
}

func TestNumberQuestionsPreferFigures(t *testing.T) {
	a := ask(t, library(independent, brief), "How long did Trump and Putin talk?")
	if a.Abstained || len(a.Citations) == 0 {
		t.Fatalf("no answer:\n%s", a.Text)
	}
	if !strings.Contains(a.Citations[0].Quote+a.Text, "nearly three hours") {
		t.Errorf("answer lacks the duration:\n%s", a.Text)
	}
}

func TestAbstainsAndNamesTheNearestArticles(t *testing.T) {
	for _, q := range []string{
		"How many Patriot batteries will Germany send to Ukraine this year?",
		"Who won the Champions League final?",
		"What did China's foreign minister say about the Alaska summit?",
	} {
		a := ask(t, library(independent, brief), q)
		if !a.Abstained {
			t.Errorf("%q: answered, want an abstention:\n%s", q, a.Text)
			continue
		}
		if len(a.Citations) != 0 {
			t.Errorf("%q: an abstention cites %d quotes", q, len(a.Citations))
		}
		if !strings.Contains(a.Text, "don't answer") {
			t.Errorf("%q: abstention does not say so plainly: %s", q, a.Text)
		}
		if len(a.Nearest) > 3 {
			t.Errorf("%q: %d nearest articles, want at most 3", q, len(a.Nearest))
		}
		for _, s := range a.Nearest {
			if !strings.Contains(a.Text, s.Title) {
				t.Errorf("%q: nearest article %q not named in %q", q, s.Title, a.Text)
			}
		}
	}
}

func TestEmptyLibraryAbstains(t *testing.T) {
	a := ask(t, library(), "What did Russia agree to?")
	if !a.Abstained || len(a.Nearest) != 0 {
		t.Errorf("empty library: %+v", a)
	}
}

func TestBadQuestions(t *testing.T) {
	for _, q := range []string{"", "   \n", strings.Repeat("x", answers.MaxQuestionBytes+1)} {
		_, err := (&answers.Extractive{Searcher: library(independent)}).Ask(context.Background(), parley.Question{Text: q})
		if !errors.Is(err, parley.ErrInvalid) {
			t.Errorf("Ask(%.20q): err = %v, want ErrInvalid", q, err)
		}
		if m := parley.Message(err); !strings.HasPrefix(m, "the question is ") {
			t.Errorf("Ask(%.20q): the user is told %q, want the reason in plain words", q, m)
		}
	}
}

func TestSearchErrorsAreReturned(t *testing.T) {
	boom := errors.New("disk on fire")
	s := fakeSearcher{func(context.Context, string, int) ([]parley.Hit, error) { return nil, boom }}
	if _, err := (&answers.Extractive{Searcher: s}).Ask(context.Background(), parley.Question{Text: "anything?"}); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the search error", err)
	}
}

// TestStateMediaLabelledInAnswers: an answer quoting a state-media outlet
// says so in its lead, beside each quote and in its list of sources, and a
// config's own list is used in place of the built-in one.
func TestStateMediaLabelledInAnswers(t *testing.T) {
	tass := doc{3, "TASS", "Kremlin on the Istanbul round", "2025-06-02",
		"Kremlin spokesman Dmitry Peskov said the memorandum handed over in Istanbul sets out Russia's terms for a ceasefire."}
	a := ask(t, library(tass), "What does the Istanbul memorandum set out?")
	if a.Abstained {
		t.Fatalf("abstained:\n%s", a.Text)
	}
	for _, want := range []string{
		"Here is what TASS (Russian state media) reported",
		"— TASS (Russian state media), 2025-06-02, paraphrasing Dmitry Peskov [1]",
		"[1] TASS (Russian state media), “Kremlin on the Istanbul round”",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("the answer lacks %q:\n%s", want, a.Text)
		}
	}

	own := parley.StateMedia{}.With(map[string]string{"Volga Daily": "Russian"})
	volga := doc{4, "Volga Daily", "Kremlin on the Istanbul round", "2025-06-02", tass.body}
	b, err := (&answers.Extractive{Searcher: library(volga, tass), StateMedia: own}).Ask(context.Background(),
		parley.Question{Text: "What does the Istanbul memorandum set out?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Text, "Volga Daily (Russian state media)") || strings.Contains(b.Text, "TASS (Russian") {
		t.Errorf("the config's list is not the one used:\n%s", b.Text)
	}
}

// creditedQuote is a quote of an answer's text with the credit it is shown
// with: its own ("- “…” — credit [n]") or its group's ("Credit [n]:" above
// "- “…”" lines).
type creditedQuote struct{ quote, credit string }

func creditedQuotes(text string) []creditedQuote {
	var out []creditedQuote
	group := ""
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasSuffix(line, "]:") && !strings.HasPrefix(line, "- "):
			group = strings.TrimSuffix(line, ":")
		case strings.HasPrefix(line, "- “"):
			q := strings.TrimPrefix(line, "- ")
			if i := strings.LastIndex(q, "” — "); i >= 0 && strings.HasSuffix(q, "]") {
				out = append(out, creditedQuote{q[:i+len("”")], q[i+len("” — "):]})
				group = ""
			} else {
				out = append(out, creditedQuote{q, group})
			}
		default:
			group = ""
		}
	}
	return out
}

// TestQuotesOfOneSourceGrouped: quotes in a row with one credit are shown
// under it once, not each with the credit repeated.
func TestQuotesOfOneSourceGrouped(t *testing.T) {
	a := ask(t, library(independent, brief), "What did Witkoff say about the concession Putin agreed to?")
	lines := strings.Split(a.Body, "\n")
	grouped := false
	for i := 0; i+1 < len(lines); i++ {
		if strings.HasSuffix(lines[i], "]:") {
			grouped = true
		}
		c1, c2 := inlineCredit(lines[i]), inlineCredit(lines[i+1])
		if c1 != "" && c1 == c2 {
			t.Errorf("two quotes in a row each credited %q:\n%s", c1, a.Body)
		}
	}
	if !grouped {
		t.Errorf("Witkoff's two quotes are not grouped under one credit:\n%s", a.Body)
	}
}

func inlineCredit(line string) string {
	if i := strings.LastIndex(line, "” — "); strings.HasPrefix(line, "- “") && i >= 0 {
		return line[i+len("” — "):]
	}
	return ""
}

func TestLatestIsTheNewestReportAboutTheQuestion(t *testing.T) {
	unsigned := doc{11, "Wire A", "Minerals deal left unsigned", "2025-02-28",
		"The minerals deal was left unsigned after the meeting broke down in the Oval Office."}
	signed := doc{12, "Wire B", "Ukraine and US sign minerals agreement", "2025-05-01",
		"Ukraine and the United States signed their long-delayed minerals agreement in Washington on Wednesday."}
	other := doc{13, "Wire C", "Leaders discuss a peace deal", "2025-12-25",
		"Leaders said a peace deal was still far off, and no one would say when talks resume."}
	a := ask(t, library(unsigned, signed, other), "so where does the minerals deal stand now?")
	if a.Abstained || len(a.Citations) == 0 {
		t.Fatalf("no answer:\n%s", a.Text)
	}
	if !strings.Contains(a.Text, "as of 2025-05-01") {
		t.Errorf("the latest is not dated by the newest report about the minerals deal:\n%s", a.Text)
	}
	if !strings.Contains(a.Citations[0].Quote, "signed their long-delayed minerals agreement") {
		t.Errorf("the first quote is not the newest report about the deal: %q\n%s", a.Citations[0].Quote, a.Text)
	}
}

func TestQuoteQuestionQuotesOnlyThePersonAsked(t *testing.T) {
	others := doc{3, "Wire", "Leaders on protection for Ukraine", "2025-08-18",
		"Protection for Ukraine is the main topic of the talks, the wire reported, and Witkoff will attend.\n" +
			"Zelensky said the protection for Ukraine that Witkoff described had to be written down."}
	a := ask(t, library(independent, brief, others), "What did Witkoff say about the protection for Ukraine?")
	if a.Abstained || len(a.Citations) == 0 {
		t.Fatalf("no answer:\n%s", a.Text)
	}
	for _, c := range a.Citations {
		if !strings.Contains(c.Said.Speaker, "Witkoff") {
			t.Errorf("a quote not of Witkoff answers what Witkoff said: %q (%s %q)", c.Quote, c.Said.Kind, c.Said.Speaker)
		}
	}
}
