package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.jsonl"), `{"id":"b1","question":"Who?","answerable":true,"kind":"who"}`+"\n")
	write(t, filepath.Join(dir, "a.jsonl"), `{"id":"a1","question":"When?","answerable":false,"kind":"unanswerable"}`+"\n\n")
	write(t, filepath.Join(dir, "sub", "uk.jsonl"), `{"id":"u1","question":"Хто?","answerable":true,"kind":"who","lang":"uk"}`+"\n")
	write(t, filepath.Join(dir, "notes.md"), "not a set")
	items, err := LoadFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Set+":"+it.ID+":"+it.Lang)
	}
	if want := "a.jsonl:a1:,b.jsonl:b1:,sub/uk.jsonl:u1:uk"; strings.Join(got, ",") != want {
		t.Errorf("LoadFiles = %v; want %s", got, want)
	}

	if _, err := LoadFiles([]string{dir, filepath.Join(dir, "a.jsonl")}); err == nil || !strings.Contains(err.Error(), `"a1" is also in`) {
		t.Errorf("a question id twice: err = %v", err)
	}
	empty := t.TempDir()
	if _, err := LoadFiles([]string{empty}); err == nil || !strings.Contains(err.Error(), "no *.jsonl") {
		t.Errorf("a directory with no set: err = %v", err)
	}
	write(t, filepath.Join(empty, "bad.jsonl"), "{\"id\":\"x\",\"question\":\"\"}\n")
	if _, err := LoadFiles([]string{empty}); err == nil || !strings.Contains(err.Error(), "bad.jsonl: line 1: no question") {
		t.Errorf("a question with no text: err = %v", err)
	}
}

// fakes answer from a fixed table: each question's answer text is the quote
// of its one citation, or an abstention when the table has none.
type fakes struct{ quotes map[string]string }

func (f fakes) Search(_ context.Context, q parley.Query, _ int) ([]parley.Hit, error) {
	if s, ok := f.quotes[q.Text]; ok {
		return []parley.Hit{{Passage: parley.Passage{Text: s}}}, nil
	}
	return nil, nil
}

func (f fakes) Ask(_ context.Context, q parley.Question) (*parley.Answer, error) {
	s, ok := f.quotes[q.Text]
	if !ok {
		return &parley.Answer{Abstained: true, Text: "The articles I have don't answer that."}, nil
	}
	return &parley.Answer{Text: s, Citations: []parley.Citation{{N: 1, Quote: s, Source: parley.Source{ArticleID: 1}}}}, nil
}

func (f fakes) Article(context.Context, int64) (parley.Article, error) {
	return parley.Article{Body: "Lavrov led the team. The talks lasted five hours."}, nil
}

func TestRunGroups(t *testing.T) {
	items := []Item{
		{ID: "1", Set: "a", Question: "who led", Answerable: true, Kind: "who", Gold: []Gold{{Phrases: []string{"Lavrov led"}}}},
		{ID: "2", Set: "a", Question: "how long", Answerable: true, Kind: "number", Gold: []Gold{{Phrases: []string{"five hours"}}}},
		{ID: "3", Set: "b", Question: "what did Xi say", Answerable: false, Kind: "unanswerable"},
		{ID: "4", Set: "b", Question: "who hosted", Answerable: true, Kind: "who", Gold: []Gold{{Phrases: []string{"Saudi"}}}},
	}
	f := fakes{quotes: map[string]string{"who led": "Lavrov led the team.", "how long": "Lavrov led the team."}}
	r, err := Run(context.Background(), items, f, f, f, 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.AnswerSupport != Rate(1.0/3) || r.AbstentionAccuracy != 1 || r.QuotePrecision != 1 {
		t.Errorf("totals: support %v, abstention accuracy %v, quote precision %v", r.AnswerSupport, r.AbstentionAccuracy, r.QuotePrecision)
	}
	kinds := map[string]Group{}
	for _, g := range r.ByKind {
		kinds[g.Name] = g
	}
	if g := kinds["who"]; g.Questions != 2 || g.AnswerSupport != 0.5 || g.FalseAbstention != 0.5 || !math.IsNaN(float64(g.AbstentionAccuracy)) {
		t.Errorf("who: %+v", g)
	}
	if g := kinds["unanswerable"]; g.Questions != 1 || g.AbstentionAccuracy != 1 {
		t.Errorf("unanswerable: %+v", g)
	}
	if len(r.BySet) != 2 || r.BySet[0].Name != "a" || r.BySet[0].AnswerSupport != 0.5 || r.BySet[1].Name != "b" {
		t.Errorf("by set: %+v", r.BySet)
	}

	// A rate over nothing is null in JSON, and reads back as NaN.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"name":"who","questions":2,"answerable":2,"unanswerable":0,"retrieval_recall":0.5,"answer_support":0.5,"false_abstention":0.5,"abstention_accuracy":null`)) {
		t.Errorf("JSON: %s", b)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil || !math.IsNaN(float64(back.ByKind[0].AbstentionAccuracy)) {
		t.Errorf("read back: %v, %+v", err, back.ByKind[0])
	}

	var out bytes.Buffer
	r.Print(&out)
	for _, want := range []string{"By kind:", "By set:", "  who ", "  unanswerable ", `4 "who hosted": abstained`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("Print lacks %q:\n%s", want, out.String())
		}
	}
}
