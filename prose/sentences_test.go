package prose

import (
	"io/fs"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley/data"
)

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"only space", " \n\t\n ", nil},
		{"one", "Talks resumed.", []string{"Talks resumed."}},
		{"no terminator", "Talks resumed", []string{"Talks resumed"}},
		{"two", "Talks resumed. Nothing changed.", []string{"Talks resumed.", "Nothing changed."}},
		{"question and exclamation", "Will it hold? Nobody knows! Wait.", []string{"Will it hold?", "Nobody knows!", "Wait."}},
		{"interrobang run", "Really?! Yes.", []string{"Really?!", "Yes."}},
		{"surrounding space", "  A b.   C d.  ", []string{"A b.", "C d."}},
		{"newline is a boundary", "First line without stop\nsecond line", []string{"First line without stop", "second line"}},
		{"blank lines", "One.\n\n\nTwo.", []string{"One.", "Two."}},
		{"lowercase after period", "He met the envoy. then left.", []string{"He met the envoy. then left."}},
		{"digit starts sentence", "They met twice. 2025 was different.", []string{"They met twice.", "2025 was different."}},
		{"opening quote starts sentence", `He left. “We won,” he said.`, []string{"He left.", "“We won,” he said."}},
		{"opening bracket starts sentence", "He left. (Nobody followed.) Then rain.", []string{"He left.", "(Nobody followed.)", "Then rain."}},
		{"cyrillic uppercase", "Переговоры начались. Путин приехал.", []string{"Переговоры начались.", "Путин приехал."}},
		{"title Mr", "Mr. Witkoff spoke. He left.", []string{"Mr. Witkoff spoke.", "He left."}},
		{"titles", "Gen. Zaluzhnyi met Sen. Graham and Dr. Smith and Lt. Col. Vindman.", []string{"Gen. Zaluzhnyi met Sen. Graham and Dr. Smith and Lt. Col. Vindman."}},
		{"title in quote opening", "(Mrs. Trump was absent.)", []string{"(Mrs. Trump was absent.)"}},
		{"Sir Keir", "British Prime Minister Sir Keir Starmer will join. He said so.", []string{"British Prime Minister Sir Keir Starmer will join.", "He said so."}},
		{"month before number", "The deadline is Nov. 27 at noon. It passed.", []string{"The deadline is Nov. 27 at noon.", "It passed."}},
		{"sept before number", "On Sept. 11 they met.", []string{"On Sept. 11 they met."}},
		{"month ends sentence", "He will go in Jan. The rest stays.", []string{"He will go in Jan.", "The rest stays."}},
		{"US before noun", "Trump said U.S. troops would not be deployed.", []string{"Trump said U.S. troops would not be deployed."}},
		{"US before name", "The U.S. President Trump met Putin.", []string{"The U.S. President Trump met Putin."}},
		{"US ends sentence", "He was in the U.S. The next day he left.", []string{"He was in the U.S.", "The next day he left."}},
		{"UK and UN", "The U.K. Foreign Office and the U.N. Security Council agreed.", []string{"The U.K. Foreign Office and the U.N. Security Council agreed."}},
		{"EU before name", "The E.U. Commission spoke.", []string{"The E.U. Commission spoke."}},
		{"pm before opener", "They met at 3 p.m. They left at 5 p.m. Moscow time.", []string{"They met at 3 p.m.", "They left at 5 p.m. Moscow time."}},
		{"initials", "John F. Kennedy and J. D. Vance spoke.", []string{"John F. Kennedy and J. D. Vance spoke."}},
		{"initial followed by A initial", "Author J. A. Smith wrote it.", []string{"Author J. A. Smith wrote it."}},
		{"decimal", "Growth was 3.5 percent. It fell.", []string{"Growth was 3.5 percent.", "It fell."}},
		{"ellipsis lowercase", "He paused... then went on. Done.", []string{"He paused... then went on.", "Done."}},
		{"ellipsis char uppercase", "He paused… Then he left.", []string{"He paused…", "Then he left."}},
		{"e.g.", "Some allies, e.g. Britain, agreed. Others did not.", []string{"Some allies, e.g. Britain, agreed.", "Others did not."}},
		{"Inc inside", "Acme Inc. Chief Bob spoke.", []string{"Acme Inc. Chief Bob spoke."}},
		{"Inc at end", "He worked at Acme Inc. The firm denied it.", []string{"He worked at Acme Inc.", "The firm denied it."}},
		{"No. with number", "He lives at No. 10 Downing Street.", []string{"He lives at No. 10 Downing Street."}},
		{"vs.", "Russia vs. Ukraine is the framing.", []string{"Russia vs. Ukraine is the framing."}},
		{"quote with attribution", "“We won. We made progress,” he said.", []string{"“We won. We made progress,” he said."}},
		{"quote closes then lowercase", "“We won.” he said.", []string{"“We won.” he said."}},
		{"quote closes then new sentence", "“We won.” He smiled.", []string{"“We won.”", "He smiled."}},
		{"straight quotes", `"We won. We made progress," he said. Then he left.`, []string{`"We won. We made progress," he said.`, "Then he left."}},
		{"rubio", "“The minute you levy additional sanctions, strong, additional sanctions, the talking stops. Talking stops. And at that point, the war just continues,” Rubio said. He and Witkoff were part of th delegation to join Trump in Alaska for the summit.",
			[]string{"“The minute you levy additional sanctions, strong, additional sanctions, the talking stops. Talking stops. And at that point, the war just continues,” Rubio said.", "He and Witkoff were part of th delegation to join Trump in Alaska for the summit."}},
		{"two quoted sentences in one quote", "“There is an important discussion to be had. And that discussion is going to be detailed on Monday,” he said.", []string{"“There is an important discussion to be had. And that discussion is going to be detailed on Monday,” he said."}},
		{"quotes in sequence", "“We made progress,” he continued. “We are intent.”", []string{"“We made progress,” he continued.", "“We are intent.”"}},
		{"unclosed quote does not leak to next line", "“Open quote. Still open\nNext line. Second.", []string{"“Open quote. Still open", "Next line.", "Second."}},
		{"single closing quote", "He called it ‘game-changing.’ Others disagreed.", []string{"He called it ‘game-changing.’", "Others disagreed."}},
		{"closing bracket", "They agreed (for now.) Later it failed.", []string{"They agreed (for now.)", "Later it failed."}},
		{"no space after period", "Visit example.com.Then go.", []string{"Visit example.com.Then go."}},
		{"hyphenated acronym", "The U.S.-led talks. The end.", []string{"The U.S.-led talks.", "The end."}},
		{"CRLF lines", "One.\r\nTwo.", []string{"One.", "Two."}},
		{"dash after period", "He left. — Then rain.", []string{"He left. — Then rain."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
			checkSpans(t, tt.text, Sentences(tt.text))
		})
	}
}

func TestSentencesQuoteCap(t *testing.T) {
	// A quotation that never closes stops protecting its periods after
	// quoteWordCap words.
	long := "“" + strings.Repeat("word ", quoteWordCap+5) + "end. Next sentence here."
	got := sentenceTexts(long)
	if len(got) != 2 || got[1] != "Next sentence here." {
		t.Errorf("Sentences(long open quote) = %d sentences, last %q; want 2 ending with %q", len(got), got[len(got)-1], "Next sentence here.")
	}
	short := "“" + strings.Repeat("word ", 10) + "end. Next sentence here."
	if got := sentenceTexts(short); len(got) != 1 {
		t.Errorf("Sentences(short open quote) = %q; want one sentence", got)
	}
}

func TestSentencesSeeds(t *testing.T) {
	// Sentences every reader would take as one must stay whole in the seeds.
	wantWhole := []string{
		"According to U.S. Special Envoy Steve Witkoff, Russia quickly made early concessions, signaling a shift in tone.",
		"Meanwhile, Witkoff also indicated that Russia showed openness toward allowing the U.S. and its allies to provide protection for Ukraine.",
		"Afterward, Trump made it clear that U.S. troops would not be deployed to Ukraine.",
		"“We were able to win the following concession: That the United States could offer Article 5-like protection, which is one of the real reasons why Ukraine wants to be in Nato,” Witkoff told CNN.",
		"“There is an important discussion to be had with regard to Donetsk and what would happen there. And that discussion is going to specifically be detailed on Monday, when President Zelensky arrives with his delegation,” he said.",
		"British Prime Minister Sir Keir Starmer will join Zelensky, and other European leaders at the talks.",
		"“The minute you levy additional sanctions, strong, additional sanctions, the talking stops. Talking stops. And at that point, the war just continues,” Rubio said.",
	}
	paths, err := fs.Glob(data.Seeds, "*.md")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seeds embedded in data: %v", err)
	}
	var all []string
	for _, p := range paths {
		b, err := fs.ReadFile(data.Seeds, p)
		if err != nil {
			t.Fatal(err)
		}
		text := Normalize(string(b))
		spans := Sentences(text)
		checkSpans(t, text, spans)
		for _, s := range spans {
			all = append(all, text[s.Start:s.End])
		}
	}
	for _, w := range wantWhole {
		found := false
		for _, s := range all {
			if s == w {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("seed sentence not kept whole: %q", w)
		}
	}
}

// checkSpans asserts the invariants every result of Sentences must meet.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	covered := make([]bool, len(text))
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %d %v out of order or range (prev end %d, len %d)", i, s, prev, len(text))
		}
		if !utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			t.Fatalf("span %d %v not on rune boundaries", i, s)
		}
		sub := text[s.Start:s.End]
		if strings.TrimSpace(sub) != sub {
			t.Fatalf("span %d %q has surrounding space", i, sub)
		}
		if strings.Contains(sub, "\n") {
			t.Fatalf("span %d %q crosses a line", i, sub)
		}
		// Never inside a word: the characters on either side of a cut are space.
		if s.Start > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:s.Start]); !unicode.IsSpace(r) {
				t.Fatalf("span %d %q starts inside a word", i, sub)
			}
		}
		if s.End < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[s.End:]); !unicode.IsSpace(r) {
				t.Fatalf("span %d %q ends inside a word", i, sub)
			}
		}
		for j := s.Start; j < s.End; j++ {
			covered[j] = true
		}
		prev = s.End
	}
	for i, r := range text {
		if !unicode.IsSpace(r) && !covered[i] {
			t.Fatalf("non-space %q at %d not covered", r, i)
		}
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("“We won. We made progress,” he said. Then U.S. troops left at 3 p.m. The end.")
	f.Add("J. D. Vance met Gen. Smith on Nov. 27.\n\nNext…  Then 3.5 “x")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			// Spans must still be in range and ordered for any bytes.
			spans := Sentences(text)
			prev := 0
			for _, s := range spans {
				if s.Start < prev || s.End <= s.Start || s.End > len(text) {
					t.Fatalf("span %v out of order or range", s)
				}
				prev = s.End
			}
			return
		}
		checkSpans(t, text, Sentences(text))
	})
}

func TestSentencesCyrillicAbbreviations(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"Площадь им. Ленина была пуста. Дальше шли колонны.", 2},
		{"Він жив на вул. Хрещатик, 5. Потім переїхав.", 2},
		{"Встреча прошла в г. Москве. Делегации разъехались.", 2},
		{"Это было в 2025 г. Он приехал снова, т.е. вернулся.", 2},
		{"Потери составили 300 млрд. долларов, сказал он.", 1},
	} {
		if got := len(Sentences(tt.text)); got != tt.want {
			var parts []string
			for _, sp := range Sentences(tt.text) {
				parts = append(parts, tt.text[sp.Start:sp.End])
			}
			t.Errorf("Sentences(%q) = %q, want %d sentences", tt.text, parts, tt.want)
		}
	}
}
