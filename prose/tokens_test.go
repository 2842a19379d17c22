package prose

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	type tok struct {
		Term string
		Text string // text[Start:End]
		Stop bool
	}
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"empty", "", nil},
		{"punctuation only", " — … !", nil},
		{"stems and stops", "The negotiations continued", []tok{{"the", "The", true}, {"negoti", "negotiations", false}, {"continu", "continued", false}}},
		{"hyphen splits", "Article 5-like protection", []tok{{"articl", "Article", false}, {"5", "5", false}, {"like", "like", false}, {"protect", "protection", false}}},
		{"possessive straight", "Trump's envoy", []tok{{"trump", "Trump", false}, {"envoy", "envoy", false}}},
		{"possessive curly", "Russia’s demand", []tok{{"russia", "Russia", false}, {"demand", "demand", false}}},
		{"possessive of acronym", "NATO’s clause", []tok{{"nato", "NATO", false}, {"claus", "clause", false}}},
		{"contraction", "wouldn’t specify", []tok{{"wouldn't", "wouldn’t", true}, {"specifi", "specify", false}}},
		{"plural possessive", "allies' support", []tok{{"alli", "allies", false}, {"support", "support", false}}},
		{"dotted acronym not a stopword", "the U.S. and us", []tok{{"the", "the", true}, {"us", "U.S.", false}, {"and", "and", true}, {"us", "us", true}}},
		{"acronym without final period", "U.S-led", []tok{{"us", "U.S", false}, {"led", "led", false}}},
		{"capitals not a stopword", "US troops", []tok{{"us", "US", false}, {"troop", "troops", false}}},
		{"time", "at 3 p.m. Moscow", []tok{{"at", "at", true}, {"3", "3", false}, {"pm", "p.m.", false}, {"moscow", "Moscow", false}}},
		{"title is not an acronym", "Mr. Witkoff", []tok{{"mr", "Mr", false}, {"witkoff", "Witkoff", false}}},
		{"single initial", "John F. Kennedy", []tok{{"john", "John", false}, {"f", "F", false}, {"kennedi", "Kennedy", false}}},
		{"decimal", "3.5 percent", []tok{{"3.5", "3.5", false}, {"percent", "percent", false}}},
		{"thousands", "1,000 troops", []tok{{"1000", "1,000", false}, {"troop", "troops", false}}},
		{"number then period", "in 2025. Then", []tok{{"in", "in", true}, {"2025", "2025", false}, {"then", "Then", true}}},
		{"comma list not a number", "3, 4", []tok{{"3", "3", false}, {"4", "4", false}}},
		{"cyrillic", "Путин сказал", []tok{{"putin", "Путин", false}, {"skaz", "сказал", false}}},
		{"question words", "What did Witkoff say?", []tok{{"what", "What", true}, {"did", "did", true}, {"witkoff", "Witkoff", false}, {"say", "say", false}}},
		{"said is content", "Rubio said", []tok{{"rubio", "Rubio", false}, {"said", "said", false}}},
		{"quoted", "“game-changing”", []tok{{"game", "game", false}, {"chang", "changing", false}}},
		// Read in the index form: what a reader does not see does not split a word.
		{"soft hyphen", "a cease\u00ADfire", []tok{{"a", "a", true}, {"ceasefir", "cease\u00ADfire", false}}},
		{"zero-width space", "in Ge\u200Bneva", []tok{{"in", "in", true}, {"geneva", "Ge\u200Bneva", false}}},
		{"word joiner and zero-width joiner", "Wit\u2060koff and Zelen\u200Dsky", []tok{{"witkoff", "Wit\u2060koff", false}, {"and", "and", true}, {"zelenski", "Zelen\u200Dsky", false}}},
		{"fullwidth", "Ｇｅｎｅｖａ talks", []tok{{"geneva", "Ｇｅｎｅｖａ", false}, {"talk", "talks", false}}},
		{"ligature", "the ﬁnal deal", []tok{{"the", "the", true}, {"final", "ﬁnal", false}, {"deal", "deal", false}}},
		{"no-break space and superscript", "70\u00A0km²", []tok{{"70", "70", false}, {"km2", "km²", false}}},
		{"one character, two numbers", "½ of it", []tok{{"1", "½", false}, {"of", "of", true}, {"it", "it", true}}},
		{"decomposed accents", "Gene\u0300ve", []tok{{"genèv", "Gene\u0300ve", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []tok
			for _, k := range Tokens(tt.in) {
				got = append(got, tok{k.Term, tt.in[k.Start:k.End], k.Stop})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestIndexForm: what the index stores of a text is what Tokens reads of it.
func TestIndexForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, kept as it is", "plain text, kept as it is"},
		{"Russia’s “game-changing” offer — 28 points", "Russia’s “game-changing” offer — 28 points"},
		{"cease\u00ADfire in Ge\u200Bneva\uFEFF", "ceasefire in Geneva"},
		{"Ｇｅｎｅｖａ ﬁnal 70\u00A0km²", "Geneva final 70 km2"},
		{"e\u0301", "é"},
	}
	for _, tt := range tests {
		if got := IndexForm(tt.in); got != tt.want {
			t.Errorf("IndexForm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := Terms("What did the U.S. say about Russia’s security guarantees for Ukraine? Guarantees!")
	want := []string{"us", "say", "russia", "secur", "guarante", "ukrain", "guarante"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Terms mismatch (-want +got):\n%s", diff)
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Negotiations", "negoti"},
		{"negotiating", "negoti"},
		{"guarantees", "guarante"},
		{"2025", "2025"},
		{"3.5", "3.5"},
		{"Путин", "путин"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsStopword(t *testing.T) {
	for _, w := range []string{"the", "a", "of", "what", "who", "when", "where", "why", "how", "which", "whom", "whose", "do", "does", "did", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "will", "would", "could", "should", "can", "may", "might", "shall", "must", "don't", "don’t"} {
		if !IsStopword(w) {
			t.Errorf("IsStopword(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"said", "say", "president", "war", "peace", "putin", "nato", "", "The"} {
		if IsStopword(w) {
			t.Errorf("IsStopword(%q) = true, want false", w)
		}
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("Trump’s U.S. envoy said 1,000 troops at 3 p.m. — Article 5-like")
	f.Add("a.b.c.d. 's ’s x's 3.5.6 ,1, U.S")
	f.Add("cease\u00ADfire Ｇｅｎｅｖａ ﬁnal ½ ㍱ e\u0301\u200B\xff")
	f.Add("«Переговори», — сказав Зеленський. Ціна ҂ 5 гривень, а\u0483 п'ять")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, k := range Tokens(text) {
			if k.Start < prev || k.End <= k.Start || k.End > len(text) {
				t.Fatalf("token %+v out of order or range (prev %d, len %d)", k, prev, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[k.Start]) || k.End < len(text) && !utf8.RuneStart(text[k.End])) {
				t.Fatalf("token %+v not on rune boundaries", k)
			}
			if k.Term == "" {
				t.Fatalf("token %+v has no term", k)
			}
			prev = k.End
		}
	})
}
