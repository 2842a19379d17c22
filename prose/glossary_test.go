package prose

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestGlossaryLines: every line of the glossary has English words before
// "=" and only Cyrillic words after it, so that no line is read the wrong
// way round.
func TestGlossaryLines(t *testing.T) {
	n := 0
	for line := range strings.Lines(glossary) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		n++
		en, slavic, ok := strings.Cut(line, "=")
		if !ok || len(strings.Fields(en)) == 0 || len(strings.Fields(strings.ReplaceAll(slavic, "|", " "))) == 0 {
			t.Errorf("glossary line %q: want English words = Russian | Ukrainian words", strings.TrimSpace(line))
			continue
		}
		for _, w := range strings.Fields(en) {
			if strings.IndexFunc(w, func(r rune) bool { return !unicode.In(r, unicode.Latin) }) >= 0 {
				t.Errorf("glossary line %q: %q on the English side", strings.TrimSpace(line), w)
			}
		}
		for _, w := range strings.Fields(strings.ReplaceAll(slavic, "|", " ")) {
			if !hasCyrillic(w) {
				t.Errorf("glossary line %q: %q on the Russian and Ukrainian side", strings.TrimSpace(line), w)
			}
		}
	}
	if n < 100 {
		t.Errorf("the glossary has %d lines", n)
	}
}

func TestTranslations(t *testing.T) {
	// English to Russian and Ukrainian: terms written as CyrillicTerm, any
	// form of the words meeting by its key.
	for _, tt := range []struct{ word, form string }{
		{"companies", "компаниям"},
		{"companies", "компаній"},
		{"negotiators", "переговорників"},
		{"bodies", "тіл"},
		{"lost", "потеряли"},
	} {
		if got := Translations(tt.word); !slices.Contains(got, CyrillicTerm(termOf(tt.form))) {
			t.Errorf("Translations(%q) = %q, want the term of %q among them", tt.word, got, tt.form)
		}
	}
	// Back: a Russian or Ukrainian word to the English terms.
	if got := Translations("санкций"); !slices.Contains(got, Stem("sanctions")) {
		t.Errorf("Translations(%q) = %q, want %q", "санкций", got, Stem("sanctions"))
	}
	// Two English words on one line are not each other's translation,
	// even where a Cyrillic word's key is the stem of the other: the key
	// of «армія» is the stem of "armed".
	if got := Translations("army"); slices.Contains(got, Stem("armed")) {
		t.Errorf("Translations(%q) = %q: an English stem, not a Cyrillic term", "army", got)
	}
	if got := TranslationWords("army"); slices.Contains(got, "armed") {
		t.Errorf("TranslationWords(%q) = %q: an English word", "army", got)
	}
	if got := Translations("Putin"); got != nil {
		t.Errorf("Translations(%q) = %q: a name is no glossary word", "Putin", got)
	}
}

func TestCyrillicTerm(t *testing.T) {
	text := "Армія and the army"
	toks := Tokens(text)
	if len(toks) < 3 || !IsCyrillicToken(text, toks[0]) || IsCyrillicToken(text, toks[len(toks)-1]) {
		t.Fatalf("IsCyrillicToken over %q: %v", text, toks)
	}
	c := CyrillicTerm(toks[0].Term)
	if !IsCyrillicTerm(c) || IsCyrillicTerm(toks[0].Term) || c == toks[0].Term {
		t.Errorf("CyrillicTerm(%q) = %q", toks[0].Term, c)
	}
}

func TestSameLanguage(t *testing.T) {
	for _, tt := range []struct {
		q, p string
		want bool
	}{{"en", "en", true}, {"en", "", true}, {"uk", "", false}, {"uk", "ru", false}, {"ru", "ru", true}, {"en", "uk", false}} {
		if got := SameLanguage(tt.q, tt.p); got != tt.want {
			t.Errorf("SameLanguage(%q, %q) = %v", tt.q, tt.p, got)
		}
	}
}
