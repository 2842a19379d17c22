package prose

import (
	"strings"
	"testing"

	"github.com/parley-bot/parley/data"
)

func TestMinHashFindsCopies(t *testing.T) {
	b, err := data.Seeds.ReadFile("independent-witkoff-game-changing-protections.md")
	if err != nil {
		t.Fatal(err)
	}
	story := string(b[strings.Index(string(b), "\n---\n")+5:])
	copyA := "AP — " + story + " Read more on our site."
	copyB := "Published by Yahoo News. " + story + " Follow us on social media for updates."
	b, err = data.Seeds.ReadFile("dcbrief-security-guarantees-advance.md")
	if err != nil {
		t.Fatal(err)
	}
	other := string(b) // the same events, told by another outlet in its own words
	a, c := MinHash(copyA), MinHash(other)
	if s := a.Similarity(MinHash(copyB)); s < 0.9 {
		t.Errorf("two copies of one story: similarity %.2f, want ≥ 0.9", s)
	}
	if s := a.Similarity(c); s > 0.2 {
		t.Errorf("two different stories: similarity %.2f, want ≤ 0.2", s)
	}
	if MinHash(copyA) != a {
		t.Error("MinHash is not deterministic")
	}
	if s := MinHash("").Similarity(MinHash("")); s != 1 {
		t.Errorf("empty texts: %v", s)
	}
}
