package ingest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// sentence returns a sentence of n words.
func sentence(n int, word string) string {
	words := make([]string, n)
	for i := range words {
		words[i] = word
	}
	words[0] = "Start"
	return strings.Join(words, " ") + "."
}

// para returns a paragraph of sentences with the given word counts.
func para(counts ...int) string {
	var s []string
	for _, n := range counts {
		s = append(s, sentence(n, "word"))
	}
	return strings.Join(s, " ")
}

func TestPassages(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []int // word counts of the passages
	}{
		{"empty", "", nil},
		{"one short paragraph", para(10), []int{10}},
		{"short paragraphs join", strings.Join([]string{para(10), para(10), para(30), para(50)}, "\n"), []int{50, 50}},
		{"join stops at 150", strings.Join([]string{para(30), para(130)}, "\n"), []int{30, 130}},
		{"medium paragraphs stay apart", strings.Join([]string{para(60), para(70)}, "\n"), []int{60, 70}},
		{"short tail joins previous", strings.Join([]string{para(60), para(70), para(20)}, "\n"), []int{60, 90}},
		{"short tail cannot join", strings.Join([]string{para(140), para(20)}, "\n"), []int{140, 20}},
		{"long paragraph cut evenly", para(40, 40, 40, 40, 40), []int{120, 80}},
		{"long paragraph, no scrap", para(100, 40, 20), []int{100, 60}},
		{"single long sentence whole", para(200), []int{200}},
		{"long sentence between short ones", strings.Join([]string{para(10), para(200), para(10)}, "\n"), []int{10, 200, 10}},
		{"blank lines between paragraphs", para(20) + "\n\n\n" + para(20), []int{40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := Passages("", tt.body)
			checkPassages(t, tt.body, ps)
			var got []int
			for _, p := range ps {
				got = append(got, prose.WordCount(p.Text))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("passage word counts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPassagesKeepParagraphs(t *testing.T) {
	body := para(60) + "\n" + para(70)
	ps := Passages("", body)
	want := []parley.Passage{
		{Seq: 0, Start: 0, End: len(para(60)), Text: para(60)},
		{Seq: 1, Start: len(para(60)) + 1, End: len(body), Text: para(70)},
	}
	if diff := cmp.Diff(want, ps, cmpopts.IgnoreFields(parley.Passage{}, "Sentences")); diff != "" {
		t.Errorf("Passages mismatch (-want +got):\n%s", diff)
	}
}

func TestPassagesSeeds(t *testing.T) {
	for _, name := range []string{"dcbrief-security-guarantees-advance.md", "independent-witkoff-game-changing-protections.md"} {
		t.Run(name, func(t *testing.T) {
			a, err := Parse(name, readSeed(t, name))
			if err != nil {
				t.Fatal(err)
			}
			ps := Passages(a.Title, a.Body)
			if len(ps) < 3 {
				t.Errorf("got %d passages; want the article cut into several", len(ps))
			}
			checkPassages(t, a.Body, ps)
			// The Rubio quote is one sentence and so in one passage.
			if strings.Contains(a.Body, "Rubio said") {
				found := false
				for _, p := range ps {
					found = found || strings.Contains(p.Text, "“The minute you levy additional sanctions, strong, additional sanctions, the talking stops. Talking stops. And at that point, the war just continues,” Rubio said.")
				}
				if !found {
					t.Error("the Rubio quote is split across passages")
				}
			}
		})
	}
}

func TestPassagesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"peace", "talks", "U.S.", "Mr.", "“We", "won.”", "he", "said.", "Ukraine", "3.5", "Nov.", "27", "—", "Путин", "deal,"}
	for i := range 300 {
		var paras []string
		for range r.IntN(12) {
			var sents []string
			for range r.IntN(8) + 1 {
				n := 1 + r.IntN(60)
				if r.IntN(40) == 0 {
					n = 150 + r.IntN(60) // an overlong sentence
				}
				w := make([]string, n)
				for k := range w {
					w[k] = words[r.IntN(len(words))]
				}
				w[0] = "The"
				sents = append(sents, strings.Join(w, " ")+".")
			}
			paras = append(paras, strings.Join(sents, " "))
		}
		sep := "\n"
		if i%3 == 0 {
			sep = "\n\n"
		}
		body := prose.Normalize(strings.Join(paras, sep))
		checkPassages(t, body, Passages("", body))
		if t.Failed() {
			t.Fatalf("body %d: %q", i, body)
		}
	}
}

// checkPassages asserts what every result of Passages must satisfy.
func checkPassages(t *testing.T, body string, ps []parley.Passage) {
	t.Helper()
	prev := 0
	for i, p := range ps {
		if p.Seq != i {
			t.Errorf("passage %d has Seq %d", i, p.Seq)
		}
		if p.Start < prev || p.End <= p.Start || p.End > len(body) {
			t.Fatalf("passage %d [%d,%d) out of order or range (prev end %d, len %d)", i, p.Start, p.End, prev, len(body))
		}
		if p.Text != body[p.Start:p.End] {
			t.Fatalf("passage %d Text != body[Start:End]", i)
		}
		prev = p.End
	}
	// Every sentence lies inside one passage, and every sentence is covered.
	sentences := prose.Sentences(body)
	j := 0
	for _, s := range sentences {
		for j < len(ps) && ps[j].End < s.End {
			j++
		}
		if j == len(ps) || s.Start < ps[j].Start {
			t.Fatalf("sentence %q is not inside one passage", body[s.Start:s.End])
		}
	}
	if len(sentences) > 0 && len(ps) == 0 {
		t.Fatal("no passages for a body with sentences")
	}
	// Sizes: at most maxPassageWords unless one sentence; under
	// minPassageWords only when no neighbour could take it.
	wc := func(i int) int { return prose.WordCount(ps[i].Text) }
	for i, p := range ps {
		n := wc(i)
		if n > maxPassageWords && len(prose.Sentences(p.Text)) > 1 {
			t.Errorf("passage %d has %d words in several sentences", i, n)
		}
		if n < minPassageWords {
			if i > 0 && wc(i-1)+n <= maxPassageWords {
				t.Errorf("passage %d (%d words) could join the one before (%d)", i, n, wc(i-1))
			}
			if i+1 < len(ps) && wc(i+1)+n <= maxPassageWords {
				t.Errorf("passage %d (%d words) could join the one after (%d)", i, n, wc(i+1))
			}
		}
	}
}

func FuzzPassages(f *testing.F) {
	f.Add(para(10, 20) + "\n" + para(160) + "\n\n" + para(5))
	f.Add("“We won. We made progress,” he said.\nU.S. troops. Mr. X.\n\n\n")
	f.Fuzz(func(t *testing.T, body string) {
		checkPassages(t, body, Passages("", body))
	})
}
