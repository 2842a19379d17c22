package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/eval"
	"github.com/parley-bot/parley/ingest"
)

// reFurniture is a second line of defence, independent of ingest's rules:
// marks of page furniture no quote may carry.
var reFurniture = regexp.MustCompile(`^(Posted|Updated|Last updated|Published|By [A-Z]\S+ [A-Z]\S+(,| and|$)|Read more|Subscribe|See \d+ more|Editor['’]s note|date \d{4}-)|Photo/|\(Reporting by|^\d{1,2}:\d\d GMT|/TASS/|^[A-Z]{3,}[A-Z ,/-]*(\([^)]*\))? [-—] |^(Фото|На фото|Автор|Текст):|Читайте`)

// TestQuotesAreProse asks every question of the newsroom set, summarises
// each month it covers and draws a timeline of each of its topics, and holds
// every quote shown to the promise of issue 11: it is a prose sentence of its
// article (never a caption, a dateline, a byline or other furniture), it is
// credited as ingest read it, a direct quote carries quotation marks and a
// speaker, and an outlet's paraphrase is never shown as the speaker's words.
func TestQuotesAreProse(t *testing.T) {
	sets := filepath.Join("..", "..", "eval", "sets", "newsroom")
	env := tempDB(t)
	if code, _, errOut := runParley(t, env, "--seed=false", "add", filepath.Join(sets, "articles")); code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	// The articles by URL, with their sentences as ingest decides them.
	type article struct {
		body      string
		sentences []parley.Sentence
	}
	byURL := map[string]article{}
	paths, _ := filepath.Glob(filepath.Join(sets, "articles", "*.md"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ingest.Parse(p, b)
		if err != nil {
			t.Fatal(err)
		}
		byURL[a.URL] = article{a.Body, ingest.Sentences(a.Title, a.Body)}
	}

	type citation struct {
		URL         string `json:"url"`
		Quote       string `json:"quote"`
		Start       int    `json:"start"`
		End         int    `json:"end"`
		Attribution string `json:"attribution"`
		Speaker     string `json:"speaker"`
	}
	var quotes, furniture, direct, badDirect, reportedAsWords int
	check := func(what string, cs []citation, text string) {
		for _, c := range cs {
			quotes++
			a, ok := byURL[c.URL]
			if !ok {
				t.Errorf("%s: a citation of an unknown article %s", what, c.URL)
				continue
			}
			var s *parley.Sentence
			for i := range a.sentences {
				if a.sentences[i].Start <= c.Start && c.End <= a.sentences[i].End {
					s = &a.sentences[i]
					break
				}
			}
			switch {
			case s == nil || s.Role != parley.RoleProse || reFurniture.MatchString(c.Quote):
				furniture++
				t.Errorf("%s quotes page furniture: %q", what, c.Quote)
				continue
			case a.body[c.Start:c.End] != c.Quote:
				t.Errorf("%s: quote %q is not the body at %d–%d", what, c.Quote, c.Start, c.End)
			case c.Attribution != s.Said.Kind.String() || c.Speaker != s.Said.Speaker:
				t.Errorf("%s: %q credited as %s %q, ingest read %s %q", what, c.Quote, c.Attribution, c.Speaker, s.Said.Kind, s.Said.Speaker)
			}
			if c.Attribution == "direct" {
				direct++
				if c.Speaker == "" || !strings.ContainsAny(c.Quote, "\"“”«»„") {
					badDirect++
					t.Errorf("%s: a direct quote without quotation marks or speaker: %q (%q)", what, c.Quote, c.Speaker)
				}
			}
			// A paraphrase is shown as the outlet's, never "— Speaker, quoted by".
			if c.Attribution != "direct" && c.Speaker != "" && strings.Contains(text, "“"+c.Quote+"” — "+c.Speaker+",") {
				reportedAsWords++
				t.Errorf("%s: the outlet's paraphrase %q is shown as %s's words", what, c.Quote, c.Speaker)
			}
		}
	}

	items, err := eval.LoadFiles([]string{sets})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		code, out, errOut := runParley(t, env, "ask", "--json", it.Question)
		if code != 0 {
			t.Fatalf("ask %q: exit %d: %s", it.Question, code, errOut)
		}
		var a struct {
			Answer    string     `json:"answer"`
			Citations []citation `json:"citations"`
		}
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatal(err)
		}
		check("answer to "+it.ID, a.Citations, a.Answer)
	}
	type digest struct {
		Bullets []struct {
			Text      string     `json:"text"`
			Citations []citation `json:"citations"`
		} `json:"bullets"`
		Events []struct {
			Text      string     `json:"text"`
			Citations []citation `json:"citations"`
		} `json:"events"`
	}
	var runs [][]string
	for m := 0; m < 13; m++ {
		y, mo := 2025+(1+m)/12, (1+m)%12+1
		ny, nmo := 2025+(2+m)/12, (2+m)%12+1
		runs = append(runs, []string{"summary", "--json", "--since", fmt.Sprintf("%d-%02d-01", y, mo), "--until", fmt.Sprintf("%d-%02d-01", ny, nmo)})
	}
	for _, topic := range []string{"Riyadh", "Jeddah ceasefire", "Black Sea", "minerals deal", "Istanbul", "prisoner exchange",
		"Alaska summit", "security guarantees", "sanctions", "28-point plan", "Geneva", "Abu Dhabi", "energy strikes"} {
		runs = append(runs, []string{"timeline", "--json", "--topic", topic}, []string{"summary", "--json", "--topic", topic, "--since", "2025-01-01"})
	}
	for _, args := range runs {
		code, out, errOut := runParley(t, env, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var d digest
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		for _, b := range append(d.Bullets, d.Events...) {
			check(strings.Join(args, " "), b.Citations, b.Text)
		}
	}
	t.Logf("%d quotes in %d answers and %d digests: %d of furniture, %d direct (%d without quotation marks or speaker), %d paraphrases shown as a speaker's words",
		quotes, len(items), len(runs), furniture, direct, badDirect, reportedAsWords)
	if quotes < 300 {
		t.Errorf("only %d quotes checked; the set should give several hundred", quotes)
	}
}
