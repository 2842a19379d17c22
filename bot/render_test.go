package bot

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
)

// longAnswer builds a body like the extractive composer's, about n
// characters long: a lead line and quote lines with [n] markers.
func longAnswer(n int) string {
	var b strings.Builder
	b.WriteString("Here is what Reuters, AP and the BBC reported:\n\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "- “Negotiators met in Geneva on day %d. They discussed a ceasefire line, prisoner exchanges and the status of the Zaporizhzhia plant, officials said.” — Reuters, 2025-08-%02d [%d]\n", i, i%28+1, i%4+1)
	}
	return strings.TrimSpace(b.String())
}

var reMarkerAnywhere = regexp.MustCompile(`\[\d+\]`)

func TestSplitContent(t *testing.T) {
	t.Parallel()
	oneLine := strings.Repeat("The talks resumed on Monday. ", 150)                 // one line, many sentences
	oneQuote := "“" + strings.Repeat("word ", 600) + "” [1]"                        // a quote longer than a part
	noSpaces := strings.Repeat("x", 4500) + "[12]"                                  // no place to cut
	paragraphs := strings.Repeat("A paragraph of text.\n\n", 10) + longAnswer(3000) // mixed
	tests := []struct {
		name, text string
		wantParts  int // 0: don't care
	}{
		{"short", "Just one line [1].", 1},
		{"exactly the limit", strings.Repeat("a", maxContent), 1},
		{"5000-character answer", longAnswer(5000), 3},
		{"one long line", oneLine, 3},
		{"quote longer than a part", oneQuote, 2},
		{"no spaces", noSpaces, 3},
		{"paragraphs", paragraphs, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitContent(tt.text, maxContent)
			if tt.wantParts > 0 && len(parts) != tt.wantParts {
				t.Errorf("got %d parts, want %d", len(parts), tt.wantParts)
			}
			for i, p := range parts {
				if n := runeLen(p); n > maxContent || n == 0 {
					t.Errorf("part %d has %d characters", i, n)
				}
				if tt.name != "quote longer than a part" && strings.Count(p, "“") != strings.Count(p, "”") {
					t.Errorf("part %d cuts a quote: starts %.40q, ends %.40q", i, p, tail(p, 40))
				}
			}
			if got, want := strings.Join(parts, ""), tt.text; squash(got) != squash(want) {
				t.Errorf("parts do not add up to the text")
			}
			if got, want := markers(strings.Join(parts, "")), markers(tt.text); got != want {
				t.Errorf("markers changed: got %d, want %d", got, want)
			}
		})
	}
}

// squash removes whitespace, which a split may drop.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func markers(s string) int { return len(reMarkerAnywhere.FindAllString(s, -1)) }

func TestSplitContentCutsAtParagraphs(t *testing.T) {
	t.Parallel()
	para := strings.Repeat("word ", 150) // 750 characters
	text := para + "\n\n" + para + "\n\n" + para + "\n" + para
	parts := splitContent(text, maxContent)
	if len(parts) != 2 || !strings.HasSuffix(parts[0], "word") || strings.Contains(parts[0], "\n\n\n") {
		t.Fatalf("got %d parts", len(parts))
	}
	if got, want := strings.Count(parts[0], "\n\n"), 1; got != want {
		t.Errorf("first part holds %d paragraph breaks, want %d (cut at the furthest paragraph)", got, want)
	}
}

func TestEscapeText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"@everyone look", "@\u200beveryone look"},
		{"hi @here", "hi @\u200bhere"},
		{"ping <@123> and <@!456>", "ping <\u200b@123> and <\u200b@!456>"},
		{"role <@&9>", "role <\u200b@&9>"},
		{"channel <#5>", "channel <\u200b#5>"},
		{"*bold* _it_ ~~s~~ `c` ||spoiler||", `\*bold\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|spoiler\|\|`},
		{`back\slash`, `back\\slash`},
		{"# heading\n> quote\n-# small\n- bullet", "\\# heading\n\\> quote\n\\-# small\n- bullet"},
		{"a [link](http://evil) here [2]", "a \\[link\\](<http://evil>) here [2]"},
		{"see https://example.com/a_b_c.", "see <https://example.com/a_b_c>."},
		{"quote “x” — Reuters [1]", "quote “x” — Reuters [1]"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeLinkText(t *testing.T) {
	t.Parallel()
	if got, want := escapeLinkText("War [update] @everyone <@1> [3]"), `War \[update\] @`+zwsp+`everyone <`+zwsp+`@1> \[3\]`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"Переговоры в Женеве", 10, "Переговор…"},
		{`abc\*def`, 5, "abc…"},
		{"a b c d e", 4, "a b…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestSourcesEmbedLimits(t *testing.T) {
	t.Parallel()
	a := &parley.Answer{Body: "x [1]"}
	for i := range 30 {
		a.Sources = append(a.Sources, parley.Source{
			ArticleID: int64(i + 1),
			Title:     strings.Repeat("Very long title [with brackets] @everyone ", 40),
			Outlet:    "Outlet_" + strings.Repeat("o", 300),
			URL:       fmt.Sprintf("https://example.com/%d/a(b)c", i),
			Published: time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC),
		})
	}
	e := answerSources(a, nil)
	checkEmbeds(t, []*discordgo.MessageEmbed{e})
	if !strings.HasPrefix(e.Description, "[1] [Very long title \\[with brackets\\] @\u200beveryone") {
		t.Errorf("description starts %.80q", e.Description)
	}
	if !strings.Contains(e.Description, "… and ") {
		t.Errorf("description does not say how many sources were left out")
	}
	if strings.Contains(e.Description, "(b)") {
		t.Errorf("a parenthesis in a URL would end the link early")
	}
}

func TestSourcesEmbedAbstention(t *testing.T) {
	t.Parallel()
	a := &parley.Answer{Abstained: true, Body: "The articles I have don't answer that.",
		Nearest: []parley.Source{{ArticleID: 1, Title: "Talks stall", Outlet: "AP", URL: "https://apnews.com/x"}}}
	e := answerSources(a, nil)
	if e.Title != "Nearest articles" || e.Description != "[1] [Talks stall](https://apnews.com/x) — AP" {
		t.Errorf("got %q %q", e.Title, e.Description)
	}
}

func TestRenderAnswer(t *testing.T) {
	t.Parallel()
	a := &parley.Answer{Body: longAnswer(5000) + "\n- “Call @everyone to <@123>” — X [1]",
		Sources: []parley.Source{{ArticleID: 1, Title: "T", URL: "https://x.org"}}}
	parts := renderAnswer(a, 42, nil)
	if len(parts) < 3 {
		t.Fatalf("got %d parts", len(parts))
	}
	for i, p := range parts {
		if runeLen(p.Content) > maxContent {
			t.Errorf("part %d too long", i)
		}
		if strings.Contains(p.Content, "@everyone") || strings.Contains(p.Content, "<@123>") {
			t.Errorf("part %d can ping", i)
		}
		if last := i == len(parts)-1; last != (len(p.Embeds) == 1) || last != (len(p.Components) == 1) {
			t.Errorf("part %d: %d embeds, %d component rows", i, len(p.Embeds), len(p.Components))
		}
	}
	row := parts[len(parts)-1].Components[0].(discordgo.ActionsRow)
	var ids []string
	for _, c := range row.Components {
		ids = append(ids, c.(discordgo.Button).CustomID)
	}
	if got, want := strings.Join(ids, " "), "passages:42 vote:up:42 vote:down:42"; got != want {
		t.Errorf("buttons %q, want %q", got, want)
	}
}

func TestPassageEmbeds(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("Before the quote. ", 300) + "The *quote* @here." + strings.Repeat(" After the quote.", 300)
	var cits []parley.Citation
	var hits []parley.Hit
	for i := range 12 {
		cits = append(cits, parley.Citation{N: i + 1, PassageID: int64(i), Quote: "The *quote* @here."})
		hits = append(hits, parley.Hit{Passage: parley.Passage{ID: int64(i), Text: text},
			Source: parley.Source{Title: strings.Repeat("T", 300), URL: "https://x.org"}})
	}
	embeds := passageEmbeds(cits, hits)
	if len(embeds) != maxEmbeds {
		t.Errorf("got %d embeds, want %d", len(embeds), maxEmbeds)
	}
	checkEmbeds(t, embeds)
	for _, e := range embeds {
		if !strings.Contains(e.Description, `**The \*quote\* @`+zwsp+`here.**`) {
			t.Errorf("quote not in bold: %.200q", e.Description)
		}
	}
}

func TestPageID(t *testing.T) {
	t.Parallel()
	q := strings.Repeat("ж", 120)
	id := pageID(12, q)
	if runeLen(id) > maxCustomID {
		t.Fatalf("custom id has %d characters", runeLen(id))
	}
	page, query, err := parsePageID(id)
	if err != nil || page != 12 || !strings.HasPrefix(q, query) {
		t.Errorf("parsePageID = %d %q %v", page, query, err)
	}
	if _, _, err := parsePageID("sources:x:y"); err == nil {
		t.Error("malformed id accepted")
	}
}

// checkEmbeds fails if embeds break any of Discord's limits.
func checkEmbeds(t *testing.T, embeds []*discordgo.MessageEmbed) {
	t.Helper()
	total := 0
	for i, e := range embeds {
		if runeLen(e.Title) > maxEmbedTitle || runeLen(e.Description) > maxEmbedDesc || len(e.Fields) > 25 {
			t.Errorf("embed %d: title %d, description %d, %d fields", i, runeLen(e.Title), runeLen(e.Description), len(e.Fields))
		}
		total += runeLen(e.Title) + runeLen(e.Description)
		if e.Footer != nil {
			total += runeLen(e.Footer.Text)
		}
	}
	if total > maxEmbedsTotal {
		t.Errorf("embeds hold %d characters, more than %d", total, maxEmbedsTotal)
	}
}

// TestSourceLineAlso: a story other outlets published too names them, a
// few at most, escaped like any article text.
func TestSourceLineAlso(t *testing.T) {
	t.Parallel()
	s := parley.Source{Title: "Talks resume", Outlet: "AP", URL: "https://apnews.com/x",
		Published: time.Date(2025, 8, 18, 0, 0, 0, 0, time.UTC), Also: []string{"Yahoo News", "@everyone Times"}}
	if got, want := sourceLine(s, nil), "[Talks resume](https://apnews.com/x) — AP, 2025-08-18; also published by Yahoo News, @\u200beveryone Times"; got != want {
		t.Errorf("sourceLine = %q, want %q", got, want)
	}
	s.Also = []string{"A", "B", "C", "D", "E"}
	if got := sourceLine(s, nil); !strings.HasSuffix(got, "; also published by A, B, C and 2 more") {
		t.Errorf("sourceLine with five others = %q", got)
	}
}

// TestStateMediaLabelled: wherever the bot names an outlet that is state
// media (a source line, a listing, a reply to an add, a suggestion), it
// says whose, with the config's outlets as well as the built-in ones.
func TestStateMediaLabelled(t *testing.T) {
	t.Parallel()
	sm := parley.DefaultStateMedia().With(map[string]string{"Minsk Herald": "Belarusian"})
	s := parley.Source{ArticleID: 4, Title: "Talks resume", Outlet: "TASS", URL: "https://tass.example/x",
		Published: time.Date(2025, 8, 18, 0, 0, 0, 0, time.UTC), Also: []string{"Kyiv Ledger", "Xinhua", "minsk herald"}}
	want := "[Talks resume](https://tass.example/x) — TASS (Russian state media), 2025-08-18; " +
		"also published by Kyiv Ledger, Xinhua (Chinese state media), minsk herald (Belarusian state media)"
	if got := sourceLine(s, sm); got != want {
		t.Errorf("sourceLine = %q, want %q", got, want)
	}
	if got := sourcesEmbed("Sources", []parley.Source{s}, sm).Description; got != "[1] "+want {
		t.Errorf("sources embed = %q", got)
	}
	if got := listingEmbed("", []parley.Source{s}, 0, 1, 1, sm).Description; got != "#4 "+want {
		t.Errorf("listing = %q", got)
	}
	a := parley.Article{ID: 4, Title: "Talks resume", Outlet: "RIA Novosti"}
	if got, want := outcomeText(a, parley.Added, sm), "Added #4 “Talks resume” (RIA Novosti (Russian state media))."; got != want {
		t.Errorf("added: %q, want %q", got, want)
	}
	if got := outcomeText(a, parley.Syndicated, sm); !strings.Contains(got, "; RIA Novosti (Russian state media) was recorded as also publishing it.") {
		t.Errorf("syndicated: %q", got)
	}
	if got, want := outcomeText(a, parley.Revised, sm), "Added #4 “Talks resume” (RIA Novosti (Russian state media)), a revised version of a story already in the library from the same outlet."; got != want {
		t.Errorf("revised: %q, want %q", got, want)
	}
	if got, want := choice(s, sm).Name, "#4 Talks resume — TASS (Russian state media), 2025-08-18"; got != want {
		t.Errorf("choice = %q, want %q", got, want)
	}
	s.Outlet, s.Also = "Reuters", nil
	if got := sourceLine(s, sm); strings.Contains(got, "state media") {
		t.Errorf("Reuters labelled: %q", got)
	}
	if got := withDefaults(Config{}).StateMedia.Label("Sputnik"); got != "Sputnik (Russian state media)" {
		t.Errorf("a bot configured without a list labels Sputnik %q; want the built-in list", got)
	}
}
