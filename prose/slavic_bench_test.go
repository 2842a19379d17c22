package prose

import (
	"os"
	"testing"
)

// BenchmarkTokens measures Tokens over a paragraph of each language of the
// newsroom set: the cost of the Slavic keys (transliteration and suffix
// stripping, at every re-ranking of a passage) against English text.
func BenchmarkTokens(b *testing.B) {
	for _, c := range []struct{ name, file string }{
		{"en", "a01-riyadh-talks-wire.md"},
		{"uk", "uk01-riyadh-talks-without-kyiv.md"},
		{"ru", "ru01-riyadh-lavrov-rubio.md"},
	} {
		data, err := os.ReadFile("../eval/sets/newsroom/articles/" + c.file)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Tokens(text)
			}
		})
	}
}
