package store_test

import (
	"context"
	"slices"
	"testing"
)

func TestUnknownAndCorrect(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	mustAdd(t, db, article("Envoy in Moscow", "Wire", "", "U.S. envoy Steve Witkoff met Vladimir Putin, and the two sides swapped prisoners under the ceasefire terms."))

	unknown, err := db.Unknown(ctx, []string{"Witkoff", "negotiations", "prisoner", "US", "Kellogg", "witkoff", "lithium"})
	if err != nil {
		t.Fatal(err)
	}
	// Stemming makes "prisoner" known; "US" matches the dotted "U.S.".
	if want := []string{"negotiations", "Kellogg", "lithium"}; !slices.Equal(unknown, want) {
		t.Errorf("Unknown = %q, want %q", unknown, want)
	}

	tests := []struct{ typed, want string }{
		{"witkof", "Witkoff"},
		{"prisioners", "prisoners"},
		{"ceasfire", "ceasefire"},
		{"Vladimr", "Vladimir"},
		{"kellogg", ""}, // nothing close
		{"kids", ""},    // too short to guess
		{"witkoff", ""}, // known: nothing to correct
	}
	for _, tt := range tests {
		got, err := db.Correct(ctx, tt.typed)
		if err != nil || got != tt.want {
			t.Errorf("Correct(%q) = %q, %v; want %q", tt.typed, got, err, tt.want)
		}
	}
}
