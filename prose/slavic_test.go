package prose

import (
	"slices"
	"strings"
	"testing"
)

// TestSlavicKey holds the word forms of the newsroom set's Ukrainian and
// Russian articles and questions, with the English and romanised spellings
// of their names: every form of a group has one key, and the groups' keys
// differ.
func TestSlavicKey(t *testing.T) {
	groups := [][]string{
		{"переговоры", "переговоров", "переговорах", "переговорам", "переговорів", "переговори", "perehovory", "peregovorov"},
		{"перемовини", "перемовинах", "перемовин"},
		{"Зеленський", "Зеленського", "Зеленському", "Зеленский", "Зеленского", "Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi"},
		{"Песков", "Пескова", "Пескову", "Peskov"},
		{"Умєров", "Умєрова", "Умеров", "Умерова", "Umerov"},
		{"Лавров", "Лаврова", "Lavrov"},
		{"Мединський", "Мединский", "Мединского", "Medinsky"},
		{"Дмитриев", "Дмитриева", "Dmitriev", "Dmitriyev"},
		{"Путин", "Путина", "Путіна", "Путину", "Putin"},
		{"Рубио", "Рубіо", "Rubio"},
		{"Стамбул", "Стамбулі", "Стамбуле", "Istanbul"},
		{"Женева", "Женеві", "Женеве", "Geneva", "Zheneve"},
		{"Аляска", "Аляске", "Alaska"},
		{"Київ", "Kyiv", "Kiev"},
		{"сказал", "сказала", "сказали", "сказав", "skazal", "skazav"},
		{"делегація", "делегації", "делегацією", "делегации", "делегацию"},
		{"зустріч", "зустрічі", "зустріччю"},
		{"встреча", "встрече", "встречи", "встречались"},
		{"раунд", "раунде", "раунді", "раунду"},
		{"пунктов", "пунктів", "пункты", "пункти", "punktov"},
		{"військових", "військові"},
		{"военнопленных", "военнопленными", "военнопленные"},
		{"полоненими", "полонених"},
		{"тристоронніх", "тристоронні", "trystoronni"},
		{"трёхсторонних", "трехсторонних", "трёхсторонней"},
		{"п'ятницю", "п’ятницю", "пʼятницю"},
	}
	keys := map[string]int{}
	for i, g := range groups {
		want := SlavicKey(g[0])
		for _, w := range g {
			if got := SlavicKey(w); got != want {
				t.Errorf("SlavicKey(%q) = %q, want %q as for %q", w, got, want, g[0])
			}
		}
		if j, ok := keys[want]; ok {
			t.Errorf("%q and %q have one key, %q", g[0], groups[j][0], want)
		}
		keys[want] = i
	}
}

func TestSlavicTokens(t *testing.T) {
	text := "— Мы готовы, — сказал Песков о переговорах."
	var terms []string
	for _, tok := range Tokens(text) {
		if !tok.Stop {
			terms = append(terms, text[tok.Start:tok.End]+"="+tok.Term)
		}
	}
	want := []string{"готовы=" + Stem(SlavicKey("готовы")), "сказал=skaz", "Песков=pesk", "переговорах=" + Stem(SlavicKey("переговоры"))}
	if len(terms) != len(want) {
		t.Fatalf("Tokens(%q) content words = %q, want %q", text, terms, want)
	}
	for i := range want {
		if terms[i] != want[i] {
			t.Errorf("Tokens(%q) content word %d = %q, want %q", text, i, terms[i], want[i])
		}
	}
	if got := Terms("що і в на что и во"); len(got) != 0 {
		t.Errorf("Terms(\"що і в на что и во\") = %q, want none: they are stop words", got)
	}
}

func TestDetectLanguage(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Хто керував російськими переговірниками?", "uk"},
		{"Що сказав Песков про переговори", "uk"},
		{"Кто возглавлял российскую делегацию?", "ru"},
		{"Что сказал Песков о переговорах", "ru"},
		{"What did Peskov say about the talks?", "en"},
		{"1234 — 5678", ""},
		{"Der Gipfel in Genf endete ohne Einigung", ""},
	} {
		if got := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestLanguageWeight(t *testing.T) {
	if LanguageWeight("uk", "uk") != 1 || LanguageWeight("en", "ru") != 1 || LanguageWeight("uk", "ru") >= 1 {
		t.Errorf("LanguageWeight: own language 1, English 1, the other Slavic language less; got %v %v %v",
			LanguageWeight("uk", "uk"), LanguageWeight("en", "ru"), LanguageWeight("uk", "ru"))
	}
}

func TestSlavicAlternates(t *testing.T) {
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"стамбульські", []string{SlavicKey("Стамбул")}},
		{"женевських", []string{SlavicKey("Женева")}},
		{"ріядській", []string{SlavicKey("Ріяді")}},
		{"аляскинський", []string{"alaskin", SlavicKey("Аляска")}},
		{"Алясці", []string{SlavicKey("Аляска")}},
		{"Америці", []string{SlavicKey("Америка")}},
		{"Peskov", []string{SlavicKey("Песков")}},
		{"Zelensky", []string{SlavicKey("Зеленський")}},
		{"Geneva", []string{SlavicKey("Женева")}},
		{"talks", nil}, // not a name
		{"Putin", nil}, // its own stem is its key
		{"переговори", nil},
	} {
		if got := SlavicAlternates(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("SlavicAlternates(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestCyrillicSignsEndTheirWord: a Cyrillic character that is no letter
// (the thousands sign ҂, a combining titlo alone) is read past, not taken
// for the start of a word: an empty one that never moved on, so that a
// text with one was never read to its end.
func TestCyrillicSignsEndTheirWord(t *testing.T) {
	for _, text := range []string{"Ціна ҂ 5 гривень", "҂", "а\u0483 б", "Сума ҂а"} {
		terms := Terms(text)
		if len(terms) == 0 && text != "҂" {
			t.Errorf("Terms(%q) = none", text)
		}
		if f := IndexForm(text); !strings.Contains(f, "҂") && strings.Contains(text, "҂") {
			t.Errorf("IndexForm(%q) = %q: the sign is lost", text, f)
		}
	}
}
