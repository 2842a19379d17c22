package prose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"bom", "\uFEFFHello", "Hello"},
		{"bom only at start", "a\uFEFFb", "a\uFEFFb"},
		{"crlf", "a\r\nb\r\n", "a\nb"},
		{"lone cr", "a\rb\r\rc", "a\nb\n\nc"},
		{"nfc", "Cafe\u0301", "Café"},
		{"trim", "  \n\tText here. \n\n", "Text here."},
		{"inner space kept", "a  b\t\tc\n\n\nd", "a  b\t\tc\n\n\nd"},
		{"curly quotes kept", "“Quote” — dash", "“Quote” — dash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"one", 1},
		{" two  words ", 2},
		{"Article 5-like protection", 3},
		{"a\nb\tc\u00A0d", 4},
		{"Путин и Трамп", 3},
	}
	for _, tt := range tests {
		if got := WordCount(tt.in); got != tt.want {
			t.Errorf("WordCount(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"case", "Donald TRUMP", "donald trump"},
		{"space runs", "  a \t\n b  ", "a b"},
		{"nbsp", "a\u00A0\u00A0b", "a b"},
		{"curly double", "“game-changing”", `"game-changing"`},
		{"low and reversed quotes", "„a‟ «b»", `"a" "b"`},
		{"curly single", "Trump’s ‘deal’ ‚x‛", "trump's 'deal' 'x'"},
		{"primes", "5′ 6″", `5' 6"`},
		{"dashes", "a–b—c−d‒e", "a-b-c-d-e"},
		{"nfc", "Cafe\u0301", "café"},
		{"cyrillic", "Переговоры  В Москве", "переговоры в москве"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fold(tt.in)
			if got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Fold(got); again != got {
				t.Errorf("Fold not idempotent: Fold(%q) = %q", got, again)
			}
			f, off := FoldMap(tt.in)
			if f != got {
				t.Errorf("FoldMap(%q) folded = %q, Fold = %q", tt.in, f, got)
			}
			checkOffsets(t, tt.in, f, off)
		})
	}
}

func TestFoldMapOffsets(t *testing.T) {
	in := "  Я “Hi”\u00A0 x"
	f, off := FoldMap(in)
	if f != `я "hi" x` {
		t.Fatalf("folded = %q", f)
	}
	// я is 2 bytes at 2; the curly quote at 5 is 3 bytes folded to 1.
	want := []int{2, 2, 4, 5, 8, 9, 10, 13, 16, len(in)}
	if diff := cmp.Diff(want, off); diff != "" {
		t.Errorf("offsets mismatch (-want +got):\n%s", diff)
	}
	// A decomposed character maps every folded byte to where it starts.
	f, off = FoldMap("xe\u0301y")
	if diff := cmp.Diff([]int{0, 1, 1, 4, 5}, off); f != "xéy" || diff != "" {
		t.Errorf("FoldMap(decomposed) = %q, offsets diff (-want +got):\n%s", f, diff)
	}
}

func checkOffsets(t *testing.T, s, folded string, off []int) {
	t.Helper()
	if len(off) != len(folded)+1 || off[len(off)-1] != len(s) {
		t.Fatalf("len(offsets) = %d (last %v), want %d ending %d", len(off), off[len(off)-1:], len(folded)+1, len(s))
	}
	for i := 1; i < len(off); i++ {
		if off[i] < off[i-1] || off[i] > len(s) {
			t.Fatalf("offsets[%d] = %d after %d (len %d)", i, off[i], off[i-1], len(s))
		}
	}
	for i, o := range off[:len(off)-1] {
		if !utf8.RuneStart(s[o]) {
			t.Fatalf("offsets[%d] = %d not at a rune start", i, o)
		}
	}
}

func TestFindFolded(t *testing.T) {
	tests := []struct {
		name, hay, needle string
		want              string // haystack[start:end]; "" means not found
	}{
		{"exact", "Putin agreed to it.", "agreed", "agreed"},
		{"case", "Putin AGREED to it.", "agreed to", "AGREED to"},
		{"straight for curly", "called them “game-changing.”", `"game-changing."`, "“game-changing.”"},
		{"curly for straight", `called them "game-changing."`, "“game-changing.”", `"game-changing."`},
		{"apostrophe", "Donald Trump’s top envoy", "trump's top", "Trump’s top"},
		{"dash", "long opposed — a promise", "opposed - a", "opposed — a"},
		{"space runs", "the talking\n  stops. Talking", "talking stops.", "talking\n  stops."},
		{"needle spaces trimmed", "a b c", "  b  ", "b"},
		{"cyrillic", "Президент России Путин сказал", "россии путин", "России Путин"},
		{"decomposed haystack", "Cafe\u0301 society", "café", "Cafe\u0301"},
		{"decomposed needle", "Café society", "Cafe\u0301 s", "Café s"},
		{"first occurrence", "deal, deal, deal", "deal", "deal"},
		{"not found", "Putin agreed", "Zelensky", ""},
		{"empty needle", "Putin agreed", " \n", ""},
		{"empty haystack", "", "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, ok := FindFolded(tt.hay, tt.needle)
			if tt.want == "" {
				if ok {
					t.Fatalf("FindFolded(%q, %q) = %d, %d, true; want no match", tt.hay, tt.needle, start, end)
				}
				return
			}
			if !ok {
				t.Fatalf("FindFolded(%q, %q) found nothing; want %q", tt.hay, tt.needle, tt.want)
			}
			if got := tt.hay[start:end]; got != tt.want {
				t.Errorf("FindFolded(%q, %q) = %q, want %q", tt.hay, tt.needle, got, tt.want)
			}
		})
	}
	// The first occurrence, not any: offsets point at the first "deal".
	if s, e, _ := FindFolded("deal, Deal", "DEAL"); s != 0 || e != 4 {
		t.Errorf("FindFolded first occurrence = %d, %d; want 0, 4", s, e)
	}
}

func FuzzFindFolded(f *testing.F) {
	f.Add("“We won,” he said — Путин’s  deal", "won,\" he said - путин's")
	f.Add("Cafe\u0301\u0302 x", "é")
	f.Fuzz(func(t *testing.T, hay, needle string) {
		folded, off := FoldMap(hay)
		if utf8.ValidString(hay) {
			checkOffsets(t, hay, folded, off)
		}
		start, end, ok := FindFolded(hay, needle)
		if !ok {
			return
		}
		if start < 0 || start > end || end > len(hay) {
			t.Fatalf("FindFolded = %d, %d out of range %d", start, end, len(hay))
		}
		if !utf8.ValidString(hay) || !utf8.ValidString(needle) {
			return
		}
		got := hay[start:end]
		if strings.TrimSpace(got) != got {
			t.Fatalf("match %q has surrounding space", got)
		}
		if !strings.Contains(Fold(got), Fold(needle)) {
			t.Fatalf("Fold(%q) = %q does not contain Fold(needle) %q", got, Fold(got), Fold(needle))
		}
	})
}
