package ingest

import (
	"strings"
	"testing"

	"github.com/parley-bot/parley"
)

// TestWireFurniture: the furniture of wire copy as agencies' pages carry
// it is not prose: a "FILE PHOTO:" caption with the agency's credit
// ("REUTERS/Name", "Purchase Licensing Rights"), the line of writers who
// contributed, a bare "Sign up here."; the prose around it stays prose.
func TestWireFurniture(t *testing.T) {
	body := strings.Join([]string{
		"KYIV, May 23 (Reuters) - Russia and Ukraine each released 390 soldiers and civilians on Friday, the two sides said.",
		"FILE PHOTO: Ukrainian prisoners of war react after a swap at an unknown location in Ukraine, May 2025. REUTERS/Stringer/File Photo Purchase Licensing Rights, opens new tab",
		"Ukrainian servicemen ride in a tank near the front line. REUTERS/Valentyn Ogirenko",
		"The exchange was the only tangible result of peace talks in Istanbul last week.",
		"Sign up here.",
		"Associated Press writers Susie Blann in Kyiv and Dasha Litvinova in Tallinn contributed to this report.",
		"Additional reporting by Tom Balmforth; Editing by Mark Trevelyan.",
		"The talks, which Reuters/Ipsos polling showed most Ukrainians backed, ended after two hours.",
	}, "\n\n")
	want := map[string]parley.Role{
		"Russia and Ukraine each released":          parley.RoleProse,
		"FILE PHOTO: Ukrainian prisoners":           parley.RoleCaption,
		"Ukrainian servicemen ride in a tank":       parley.RoleCaption,
		"The exchange was the only tangible result": parley.RoleProse,
		"Sign up here.":                             parley.RoleAction,
		"Associated Press writers Susie Blann":      parley.RoleByline,
		"Additional reporting by Tom Balmforth":     parley.RoleByline,
		"The talks, which Reuters/Ipsos polling":    parley.RoleProse,
	}
	checkRoles(t, "Russia, Ukraine swap 390 prisoners each", body, want)
}

// TestParticipleOfSaying: a sentence that opens with a name and gives its
// quotation after a participle of saying and a colon is that person's
// quotation, in their own words; a colon after the participle that
// introduces no quotation makes none.
func TestParticipleOfSaying(t *testing.T) {
	roleOf := func(text string) parley.Attribution {
		for _, s := range Sentences("Prisoner swap", text) {
			if s.Role == parley.RoleProse {
				return s.Said
			}
		}
		return parley.Attribution{}
	}
	for text, speaker := range map[string]string{
		`U.S. President Donald Trump congratulated both sides, writing on social media: "This could lead to something big."`: "Donald Trump",
		`Zelensky thanked the mediators, saying: "Every one of them is home now."`:                                           "Zelensky",
	} {
		if a := roleOf(text); a.Kind != parley.Direct || a.Speaker != speaker {
			t.Errorf("%q: %v by %q, want the words of %q", text, a.Kind, a.Speaker, speaker)
		}
	}
	if a := roleOf(`Zelensky listed the terms, noting: three points remain open.`); a.Kind == parley.Direct {
		t.Errorf("a colon with no quotation after it: %v by %q", a.Kind, a.Speaker)
	}
}

// TestDigestFurniture: a digest's note from its author, its appeal for
// support and its buttons are not prose; a quotation that asks for
// support, or a country that wants to become a member, stays prose.
func TestDigestFurniture(t *testing.T) {
	body := strings.Join([]string{
		"This item is part of our running news digest",
		"Kremlin spokesperson Dmitry Peskov said on Sept. 3 that no date had been set for a meeting.",
		"Hi, this is Martin. Thank you for reading our news digest. If you value our reporting, please consider supporting us.",
		"Become a member",
		"We’ve received your submission.",
		"\"They will support us,\" Zelensky said of the allies.",
		"Ukraine wants to become a member of NATO, Sybiha said.",
	}, "\n\n")
	want := map[string]parley.Role{
		"This item is part of our running news digest": parley.RoleNote,
		"Kremlin spokesperson Dmitry Peskov said":      parley.RoleProse,
		"Thank you for reading our news digest.":       parley.RoleAction,
		"If you value our reporting":                   parley.RoleAction,
		"Become a member":                              parley.RoleAction,
		"We’ve received your submission.":              parley.RoleAction,
		"\"They will support us,\"":                    parley.RoleProse,
		"Ukraine wants to become a member of NATO":     parley.RoleProse,
	}
	checkRoles(t, "Ukraine war latest", body, want)
}

// TestLiveBlogHandover: a live blog's writer signing off or handing over
// is the outlet speaking of its page, not news; a report of someone taking
// over stays prose.
func TestLiveBlogHandover(t *testing.T) {
	body := strings.Join([]string{
		"Kremlin aide Yuri Ushakov said Russia had not ruled out a trilateral meeting.",
		"That's all from me for now. My colleague will take over the blog shortly.",
		"Thanks for following our coverage.",
		"Hello and welcome to our live coverage of the talks in Geneva.",
		"Russian forces will take over the blockaded town within days, the governor said.",
	}, "\n\n")
	want := map[string]parley.Role{
		"Kremlin aide Yuri Ushakov said":                   parley.RoleProse,
		"That's all from me for now.":                      parley.RoleNote,
		"My colleague will take over the blog shortly.":    parley.RoleNote,
		"Thanks for following our coverage.":               parley.RoleNote,
		"Hello and welcome to our live coverage":           parley.RoleNote,
		"Russian forces will take over the blockaded town": parley.RoleProse,
	}
	checkRoles(t, "Russia-Ukraine war live", body, want)
}

// checkRoles checks the role of each sentence of body that starts with a
// key of want.
func checkRoles(t *testing.T, title, body string, want map[string]parley.Role) {
	t.Helper()
	got := map[string]parley.Role{}
	for _, s := range Sentences(title, body) {
		text := body[s.Start:s.End]
		for start := range want {
			if strings.HasPrefix(text, start) {
				got[start] = s.Role
			}
		}
	}
	for start, role := range want {
		if got[start] != role {
			t.Errorf("%q: %v, want %v", start, got[start], role)
		}
	}
}
