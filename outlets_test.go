package parley_test

import (
	"slices"
	"testing"

	"github.com/parley-bot/parley"
)

func TestStateMediaLabel(t *testing.T) {
	sm := parley.DefaultStateMedia().With(map[string]string{" Minsk  Herald ": "Belarusian", "Global Times": "People's Republic of China"})
	tests := []struct {
		outlet, want string
	}{
		{"TASS", "TASS (Russian state media)"},
		{"tass", "tass (Russian state media)"},
		{"ТАСС", "ТАСС (Russian state media)"},
		{"ITAR-TASS", "ITAR-TASS (Russian state media)"},
		{"RIA Novosti", "RIA Novosti (Russian state media)"},
		{"РИА Новости", "РИА Новости (Russian state media)"},
		{"ria  novosti", "ria  novosti (Russian state media)"},
		{"RT", "RT (Russian state media)"},
		{"Russia Today", "Russia Today (Russian state media)"},
		{"Sputnik", "Sputnik (Russian state media)"},
		{"Rossiya-24", "Rossiya-24 (Russian state media)"},
		{"Xinhua", "Xinhua (Chinese state media)"},
		{"新华社", "新华社 (Chinese state media)"},
		{"CGTN", "CGTN (Chinese state media)"},
		{"Ukrinform", "Ukrinform (Ukrainian state media)"},
		// From the config: folded like the built-in names, and winning over them.
		{"Minsk Herald", "Minsk Herald (Belarusian state media)"},
		{"Global Times", "Global Times (People's Republic of China state media)"},
		// Not state media: the name alone, even when it contains one.
		{"Reuters", "Reuters"},
		{"Kyiv Ledger", "Kyiv Ledger"},
		{"RTÉ", "RTÉ"},
		{"Sputnik Music Weekly", "Sputnik Music Weekly"},
		{"The Moscow Times", "The Moscow Times"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.outlet, func(t *testing.T) {
			if got := sm.Label(tt.outlet); got != tt.want {
				t.Errorf("Label(%q) = %q, want %q", tt.outlet, got, tt.want)
			}
		})
	}
	if got := parley.DefaultStateMedia().State("Minsk Herald"); got != "" {
		t.Errorf("With changed the default list: Minsk Herald is %q", got)
	}
	var none parley.StateMedia
	if got := none.Label("TASS"); got != "TASS" {
		t.Errorf("an empty list labels TASS %q", got)
	}
}

// TestOutlets: "reported by N outlets" counts outlets, not articles: two
// articles of one outlet are one, and an outlet that published a copy of a
// cited article counts too.
func TestOutlets(t *testing.T) {
	cite := func(outlet string, also ...string) parley.Citation {
		return parley.Citation{Source: parley.Source{Outlet: outlet, Also: also}}
	}
	tests := []struct {
		name string
		cs   []parley.Citation
		want []string
	}{
		{"one article", []parley.Citation{cite("AP")}, []string{"AP"}},
		{"two articles of one outlet", []parley.Citation{cite("AP"), cite("AP")}, []string{"AP"}},
		{"case differs", []parley.Citation{cite("Kyiv Ledger"), cite("kyiv ledger")}, []string{"Kyiv Ledger"}},
		{"a copy elsewhere", []parley.Citation{cite("AP"), cite("AP", "Yahoo News")}, []string{"AP", "Yahoo News"}},
		{"copies of copies", []parley.Citation{cite("AP", "Yahoo News"), cite("Reuters", "Yahoo News", "AP")}, []string{"AP", "Yahoo News", "Reuters"}},
		{"unnamed outlets add none", []parley.Citation{cite(""), cite(""), cite("TASS")}, []string{"TASS"}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parley.Outlets(tt.cs); !slices.Equal(got, tt.want) {
				t.Errorf("Outlets = %q, want %q", got, tt.want)
			}
		})
	}
}
