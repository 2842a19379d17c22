package bot

import (
	"testing"
	"unicode/utf8"
)

// TestCommandsDescribedInUkrainianAndRussian: the commands everyone uses
// reach Discord with their descriptions, and their options', in Ukrainian
// and Russian too, within Discord's 100 characters.
func TestCommandsDescribedInUkrainianAndRussian(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	type option struct {
		Name                     string
		Description              string
		DescriptionLocalizations map[string]string `json:"description_localizations"`
	}
	type registered struct {
		Name                     string
		DescriptionLocalizations map[string]string `json:"description_localizations"`
		Options                  []option
	}
	var cmds []registered
	if err := h.srv.CallsTo("PUT", "/applications/{app}/commands")[0].Decode(&cmds); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range cmds {
		if c.Name != "ask" && c.Name != "sources" && c.Name != "summary" && c.Name != "timeline" {
			continue
		}
		seen++
		check := func(what string, l map[string]string) {
			for _, loc := range []string{"uk", "ru"} {
				if d := l[loc]; d == "" || utf8.RuneCountInString(d) > 100 {
					t.Errorf("%s: description in %s = %q", what, loc, d)
				}
			}
		}
		check("/"+c.Name, c.DescriptionLocalizations)
		for _, o := range c.Options {
			check("/"+c.Name+" "+o.Name, o.DescriptionLocalizations)
		}
	}
	if seen < 2 {
		t.Errorf("%d of the commands everyone uses registered", seen)
	}
	for en, l := range describedIn {
		for _, d := range append(l[:], en) {
			if utf8.RuneCountInString(d) > 100 {
				t.Errorf("description %q is over Discord's 100 characters", d)
			}
		}
	}
}
