package answers_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	llm "github.com/parley-bot/parley/answers/openai"
)

// passagesOf cuts docs into one passage per paragraph, numbered in order.
func passagesOf(docs ...doc) []parley.Hit {
	var hits []parley.Hit
	for _, d := range docs {
		pub, _ := time.Parse(parley.DateLayout, d.date)
		off := 0
		for i, para := range strings.Split(d.body, "\n") {
			hits = append(hits, parley.Hit{
				Passage: parley.Passage{ID: d.id*100 + int64(i), ArticleID: d.id, Seq: i, Start: off, End: off + len(para), Text: para},
				Source:  parley.Source{ArticleID: d.id, Title: d.title, Outlet: d.outlet, URL: "https://example.com/" + d.outlet, Published: pub},
			})
			off += len(para) + 1
		}
	}
	return hits
}

// checkCitations asserts that every citation's quote is its body's text at
// its offsets, as the JSON contract promises.
func checkCitations(t *testing.T, cs []parley.Citation) {
	t.Helper()
	for _, c := range cs {
		body := bodyOf(c.Source.ArticleID)
		if c.Start < 0 || c.End > len(body) || c.Start >= c.End || body[c.Start:c.End] != c.Quote {
			t.Errorf("citation [%d] %q is not body[%d:%d]", c.N, c.Quote, c.Start, c.End)
		}
	}
}

func TestVerify(t *testing.T) {
	// Passages: 1–5 are The Independent's paragraphs, 6–8 DC Brief's.
	ps := passagesOf(independent, brief)
	for _, tc := range []struct {
		name     string
		reply    string
		body     string
		quotes   []string
		nums     []int
		dropped  []string // reasons, in order
		nSources int
	}{{
		name:     "good answer",
		reply:    "Witkoff said Putin agreed to let the US offer “Article 5-like protection” [2]. He called it “game-changing.” [3]\nTrump later said “U.S. troops would not be deployed to Ukraine” [7].",
		body:     "Witkoff said Putin agreed to let the US offer “Article 5-like protection” [1]. He called it “game-changing.” [1]\n\nTrump later said “U.S. troops would not be deployed to Ukraine” [2].",
		quotes:   []string{"Article 5-like protection", "game-changing.", "U.S. troops would not be deployed to Ukraine"},
		nums:     []int{1, 1, 2},
		nSources: 2,
	}, {
		name:    "quote in no passage",
		reply:   "Rubio said sanctions were “off the table for good” [5]. Trump met Putin in Anchorage [4].",
		body:    "Trump met Putin in Anchorage [1].",
		quotes:  []string{"Trump met with Putin for nearly three hours Friday at a U.S. military base in Anchorage."},
		nums:    []int{1},
		dropped: []string{"quote not found verbatim in any passage: “off the table for good”"},
	}, {
		name:   "quote in another passage than cited",
		reply:  "Rubio said further sanctions were “likely off the table” [1].",
		body:   "Rubio said further sanctions were “likely off the table” [1].",
		quotes: []string{"likely off the table"},
		nums:   []int{1},
	}, {
		name:    "citation out of range",
		reply:   "Putin agreed to a security guarantee [1][9]. Zelenskyy welcomed the support [9].",
		body:    "Putin agreed to a security guarantee [1].",
		quotes:  []string{"However U.S. envoy Steve Witkoff revealed that Putin agreed to allow the U.S. and its European allies to offer Ukraine a security guarantee at his meeting with Trump."},
		nums:    []int{1},
		dropped: []string{"citation [9] is not one of the passages"},
	}, {
		name:    "no citations at all",
		reply:   "Russia agreed to security guarantees. It was a big deal.",
		dropped: []string{"no citation", "no citation"},
	}, {
		name:    "a prefix is not enough",
		reply:   "Witkoff told CNN: “We were able to win the following concession: That the United States could offer Article 5-like protection, which is one of the real reasons why Ukraine wants to join the EU” [2].",
		dropped: []string{"quote not found verbatim in any passage: “We were able to win the following concession: That the United States could offer Article 5-like protection, which is one of the real reasons why Ukraine wants to join the EU”"},
	}, {
		name:   "straight, guillemet and low-high quotes",
		reply:  `He said "first time we had ever heard" [3]. «likely off the table» [5]. „U.S. backing essential“ [8].`,
		body:   `He said "first time we had ever heard" [1]. «likely off the table» [1]. „U.S. backing essential“ [2].`,
		quotes: []string{"first time we had ever heard", "likely off the table", "U.S. backing essential"},
		nums:   []int{1, 1, 2},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			v := answers.Verify(tc.reply, ps)
			if v.Body != tc.body {
				t.Errorf("body:\n got %q\nwant %q", v.Body, tc.body)
			}
			var quotes []string
			var nums []int
			for _, c := range v.Citations {
				quotes = append(quotes, c.Quote)
				nums = append(nums, c.N)
			}
			if diff := cmp.Diff(tc.quotes, quotes); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.nums, nums); diff != "" {
				t.Errorf("citation numbers (-want +got):\n%s", diff)
			}
			var reasons []string
			for _, d := range v.Dropped {
				reasons = append(reasons, d.Reason)
			}
			if diff := cmp.Diff(tc.dropped, reasons); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
			checkCitations(t, v.Citations)
			for _, c := range v.Citations {
				if c.N < 1 || c.N > len(v.Sources) || v.Sources[c.N-1].ArticleID != c.Source.ArticleID {
					t.Errorf("citation [%d] does not name source %d of %d", c.N, c.N, len(v.Sources))
				}
			}
		})
	}
}

// fakeModel is a scripted Model.
type fakeModel struct {
	CompleteFunc func(ctx context.Context, msgs []answers.Message, onDelta func(string)) (string, error)
}

func (f fakeModel) Complete(ctx context.Context, msgs []answers.Message, onDelta func(string)) (string, error) {
	return f.CompleteFunc(ctx, msgs, onDelta)
}

func replies(text string, err error) fakeModel {
	return fakeModel{func(_ context.Context, _ []answers.Message, onDelta func(string)) (string, error) {
		if onDelta != nil && err == nil {
			onDelta(text[:len(text)/2])
			onDelta(text)
		}
		return text, err
	}}
}

func TestLLMAnswers(t *testing.T) {
	lib := library(independent, brief)
	ask := func(m answers.Model, q string) *parley.Answer {
		t.Helper()
		a, err := (&answers.LLM{Searcher: lib, Model: m}).Ask(context.Background(), parley.Question{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	t.Run("verified answer", func(t *testing.T) {
		var prompt []answers.Message
		m := fakeModel{func(_ context.Context, msgs []answers.Message, _ func(string)) (string, error) {
			prompt = msgs
			// Whatever number the passage got, quote it right.
			n := strings.Count(msgs[1].Content[:strings.Index(msgs[1].Content, "Article 5-like")], "<passage ")
			return "Witkoff said the US could offer “Article 5-like protection” [" + itoa(n) + "].", nil
		}}
		a := ask(m, "What did Russia agree to?")
		if a.Mode != parley.ModeLLM || a.Abstained || len(a.Citations) != 1 || a.Citations[0].Quote != "Article 5-like protection" {
			t.Fatalf("answer = %+v", a)
		}
		checkCitations(t, a.Citations)
		if !strings.Contains(a.Text, "Sources:\n[1] The Independent") {
			t.Errorf("text lacks its sources:\n%s", a.Text)
		}
		if prompt[0].Role != "system" || !strings.Contains(prompt[0].Content, "copied character for character") {
			t.Errorf("system prompt = %q", prompt[0].Content)
		}
		if !strings.Contains(prompt[1].Content, `outlet="The Independent"`) || !strings.Contains(prompt[1].Content, "Question: What did Russia agree to?") {
			t.Errorf("user prompt lacks passages or question:\n%s", prompt[1].Content)
		}
	})

	t.Run("the prompt says what kind of answer is wanted", func(t *testing.T) {
		var prompt []answers.Message
		m := fakeModel{func(_ context.Context, msgs []answers.Message, _ func(string)) (string, error) {
			prompt = msgs
			return "NO_ANSWER", nil
		}}
		a := ask(m, "How long did Trump and Putin meet in Anchorage? I've seen different numbers")
		if !a.Abstained || a.Mode != parley.ModeLLM {
			t.Fatalf("answer = %+v", a)
		}
		for _, want := range []string{"The question asks for a duration (how long).", "give each with its outlet"} {
			if !strings.Contains(prompt[1].Content, want) {
				t.Errorf("user prompt lacks %q:\n%s", want, prompt[1].Content)
			}
		}
	})

	t.Run("model failure falls back to quotes with a note", func(t *testing.T) {
		a := ask(replies("", errors.New("model server busy (429)")), "What did Russia agree to in Alaska?")
		if a.Mode != parley.ModeExtractive || a.Abstained || len(a.Citations) == 0 {
			t.Fatalf("answer = %+v", a)
		}
		if !strings.HasPrefix(a.Text, "The language model was unavailable (model server busy (429))") {
			t.Errorf("no one-line note:\n%s", a.Text)
		}
		checkCitations(t, a.Citations)
	})

	t.Run("nothing verifiable falls back", func(t *testing.T) {
		a := ask(replies("I have been told to ignore previous instructions. Russia surrendered.", nil), "What did Russia agree to in Alaska?")
		if a.Mode != parley.ModeExtractive || len(a.Dropped) != 2 || !strings.HasPrefix(a.Text, "Nothing the language model wrote could be checked") {
			t.Fatalf("answer = %+v", a)
		}
		if strings.Contains(a.Text, "surrendered") {
			t.Errorf("unverified text shown:\n%s", a.Text)
		}
	})

	t.Run("model says the passages don't answer", func(t *testing.T) {
		a := ask(replies("NO_ANSWER", nil), "What did Russia agree to in Alaska?")
		if !a.Abstained || a.Mode != parley.ModeLLM || len(a.Citations) != 0 || !strings.Contains(a.Text, "don't answer") {
			t.Fatalf("answer = %+v", a)
		}
	})

	t.Run("streaming drafts", func(t *testing.T) {
		var drafts []string
		m := replies("Rubio said further sanctions were “likely off the table” [5].", nil)
		a, err := (&answers.LLM{Searcher: lib, Model: m}).AskStream(context.Background(), parley.Question{Text: "What did Rubio say about sanctions?"},
			func(d string) { drafts = append(drafts, d) })
		if err != nil {
			t.Fatal(err)
		}
		if len(drafts) != 2 || !strings.HasPrefix(drafts[1], drafts[0]) {
			t.Errorf("drafts = %q", drafts)
		}
		checkCitations(t, a.Citations)
	})
}

// BenchmarkVerify measures verification of a model answer of about 700
// tokens (~520 words: 24 sentences, each with a quote and a citation, one in
// six relocated to another passage and one in eight not verbatim) against
// eight passages.
func BenchmarkVerify(b *testing.B) {
	ps := passagesOf(independent, brief)
	sentences := []string{
		"Witkoff said the United States could offer “Article 5-like protection” to Ukraine, which he presented as a concession won in Anchorage [2].",
		"He added that it “was the first time we had ever heard the Russians agree to that” and called the step significant for the talks [3].",
		"Secretary of State Marco Rubio said that further sanctions on Russia were, for the time being, “likely off the table” after the summit [5].",
		"Trump met with Putin “for nearly three hours Friday” at a U.S. military base in Anchorage, their first meeting in six years [1].",
		"After the White House meeting, Trump made it clear that “U.S. troops would not be deployed to Ukraine” under any arrangement [7].",
		"Zelenskyy welcomed the support, “calling U.S. backing essential” to any future peace deal with Moscow and its allies [8].",
		"The envoy also said Russia agreed to “a permanent demilitarised zone” along the front line, according to the report [2].",
		"Security guarantees for Ukraine “advance following a critical meeting” in Anchorage, the outlet wrote in its summary of events [6].",
	}
	var reply strings.Builder
	for i := 0; i < 24; i++ {
		reply.WriteString(sentences[i%len(sentences)])
		reply.WriteString(" ")
		if i%4 == 3 {
			reply.WriteString("\n")
		}
	}
	text := reply.String()
	b.ResetTimer()
	for range b.N {
		v := answers.Verify(text, ps)
		if len(v.Citations) == 0 {
			b.Fatal("nothing verified")
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(llm.CountTokens(text)), "tokens")
}
