package prose

import (
	"slices"
	"testing"
)

func TestKeywords(t *testing.T) {
	tests := []struct{ question, want string }{
		{"whats the latest on US sanctions lol", "US sanctions"},
		{"how long did they talk in Riyadh?", "talk Riyadh"},
		{"How many prisoners were swapped?", "prisoners swapped"},
		{"what did he say, exact words pls", "say"},
		{"Is the us going to send troops", "send troops"},
		{"Talks, talks and more talks", "Talks"},
		{"how many troops right now? getting conflicting figures", "troops"},
		{"who drew up the plan in the first place?", "drew plan"},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Keywords(tt.question) {
			got = append(got, tt.question[tok.Start:tok.End])
		}
		if want := splitWords(tt.want); !slices.Equal(got, want) {
			t.Errorf("Keywords(%q) = %q, want %q", tt.question, got, want)
		}
	}
}

func splitWords(s string) []string {
	var out []string
	for _, tok := range Tokens(s) {
		out = append(out, s[tok.Start:tok.End])
	}
	return out
}

func TestSynonymsBothWays(t *testing.T) {
	if !slices.Contains(SynonymWords(Stem("soldiers")), "troops") || !slices.Contains(SynonymWords(Stem("troops")), "soldiers") {
		t.Errorf("soldiers/troops: %q, %q", SynonymWords(Stem("soldiers")), SynonymWords(Stem("troops")))
	}
	if !slices.Contains(SynonymStems(Stem("kids")), Stem("children")) {
		t.Errorf("kids: %q", SynonymStems(Stem("kids")))
	}
	// As the tokenizer stems them: Ukrainian and Russian words by their key.
	term := func(w string) string { return Tokens(w)[0].Term }
	for _, pair := range [][2]string{{"agreed", "promised"}, {"deal", "agreement"}, {"відклав", "переносить"}, {"поїздку", "візит"}} {
		if !slices.Contains(SynonymStems(term(pair[0])), term(pair[1])) {
			t.Errorf("%s/%s: %q", pair[0], pair[1], SynonymStems(term(pair[0])))
		}
	}
	if SynonymWords(Stem("bicycle")) != nil {
		t.Errorf("a word of no group has synonyms: %q", SynonymWords(Stem("bicycle")))
	}
}

func TestWantsLatest(t *testing.T) {
	for q, want := range map[string]bool{
		"whats the latest on the prisoner swaps":     true,
		"is the energy pause still in effect?":       true,
		"so where does the minerals deal stand now?": true,
		"what did they agree in Riyadh?":             false,
		"who knows the current?":                     true,
		"what was agreed on the nowcast":             false,
		"when will the next round of talks be held":  true,
		"what happened the next day":                 false,
	} {
		if got := WantsLatest(q); got != want {
			t.Errorf("WantsLatest(%q) = %v, want %v", q, got, want)
		}
	}
}
