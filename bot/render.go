package bot

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Discord's limits on what one message may carry, counted in characters
// (code points), as Discord counts them.
const (
	maxContent     = 2000
	maxEmbedTitle  = 256
	maxEmbedDesc   = 4096
	maxEmbedsTotal = 6000
	maxEmbeds      = 10
	maxCustomID    = 100
	maxChoiceName  = 100
)

// zwsp breaks a mention without changing what a reader sees.
const zwsp = "\u200b"

// noMentions is sent with every message: whatever the text says, nobody is
// pinged. Parse must be an empty slice, not nil, which would marshal as null.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// part is one message of a rendered answer.
type part struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// renderAnswer lays an answer out as Discord messages: the body, split to
// fit, then the sources embed and the buttons on the last message, so that
// they sit under the whole answer. sm labels the outlets that are state media.
func renderAnswer(a *parley.Answer, answerID int64, sm parley.StateMedia) []part {
	parts := layout(a.Body, maxContent, "(empty answer)", answerSources(a, sm))
	parts[len(parts)-1].Components = answerButtons(answerID)
	return parts
}

// layout escapes body and splits it into parts of at most limit
// characters (one part saying empty when there is nothing to say), with
// embed, when there is one, under the last.
func layout(body string, limit int, empty string, embed *discordgo.MessageEmbed) []part {
	var parts []part
	for _, c := range splitContent(escapeText(body), limit) {
		parts = append(parts, part{Content: c})
	}
	if len(parts) == 0 {
		parts = []part{{Content: empty}}
	}
	if embed != nil {
		parts[len(parts)-1].Embeds = []*discordgo.MessageEmbed{embed}
	}
	return parts
}

// answerButtons are the buttons under every answer. Their custom ids carry
// the answer id, so a press can be served after a restart.
func answerButtons(answerID int64) []discordgo.MessageComponent {
	id := strconv.FormatInt(answerID, 10)
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Show passages", Style: discordgo.SecondaryButton, CustomID: "passages:" + id},
		discordgo.Button{Label: "👍", Style: discordgo.SecondaryButton, CustomID: "vote:up:" + id},
		discordgo.Button{Label: "👎", Style: discordgo.SecondaryButton, CustomID: "vote:down:" + id},
	}}}
}

// answerSources lists an answer's numbered sources, or the nearest articles
// of an abstention.
func answerSources(a *parley.Answer, sm parley.StateMedia) *discordgo.MessageEmbed {
	lang := prose.QuestionLanguage(a.Question)
	if a.Abstained {
		return sourcesEmbed(say(lang, "Nearest articles"), a.Nearest, sm)
	}
	return sourcesEmbed(say(lang, "Sources"), a.Sources, sm)
}

// sourcesEmbed lists numbered sources under title as one embed within
// Discord's limits; nil when there are none.
func sourcesEmbed(title string, list []parley.Source, sm parley.StateMedia) *discordgo.MessageEmbed {
	if len(list) == 0 {
		return nil
	}
	lines := make([]string, len(list))
	for i, s := range list {
		lines[i] = fmt.Sprintf("[%d] %s", i+1, sourceLine(s, sm))
	}
	return &discordgo.MessageEmbed{Title: title, Description: joinWithin(lines, maxEmbedDesc)}
}

// maxTitleInLine keeps one long title from crowding out the other sources.
const maxTitleInLine = 200

// sourceLine names an article as "[Title](URL) — Outlet, 2025-08-17", the
// title escaped and linked, and each outlet labelled by sm when it is state
// media.
func sourceLine(s parley.Source, sm parley.StateMedia) string {
	title := escapeLinkText(truncate(s.Title, maxTitleInLine))
	if title == "" {
		title = "untitled"
	}
	if u := linkURL(s.URL); u != "" {
		title = "[" + title + "](" + u + ")"
	}
	var meta []string
	if s.Outlet != "" {
		meta = append(meta, escapeText(truncate(sm.Label(s.Outlet), maxTitleInLine)))
	}
	if d := s.Date(); d != "" {
		meta = append(meta, d)
	}
	line := title
	if len(meta) > 0 {
		line += " — " + strings.Join(meta, ", ")
	}
	if len(s.Also) > 0 {
		// Only the first few: a wire story can run on dozens of sites.
		also := s.Also[:min(len(s.Also), 3)]
		names := make([]string, len(also))
		for i, o := range also {
			names[i] = escapeText(truncate(sm.Label(o), 60))
		}
		line += "; also published by " + strings.Join(names, ", ")
		if more := len(s.Also) - len(also); more > 0 {
			line += fmt.Sprintf(" and %d more", more)
		}
	}
	return line
}

// linkURL returns a URL fit for the target of a markdown link: http(s)
// only, with the characters that would end the link percent-encoded.
func linkURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	s := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u.String())
	if utf8.RuneCountInString(s) > 512 {
		return ""
	}
	return s
}

// joinWithin joins lines with newlines, leaving out the ones that do not fit
// in limit characters and saying how many were left out.
func joinWithin(lines []string, limit int) string {
	var b strings.Builder
	n := 0
	for i, l := range lines {
		more := fmt.Sprintf("… and %d more", len(lines)-i)
		if n+runeLen(l)+1+runeLen(more) > limit && i < len(lines)-1 || n+runeLen(l) > limit {
			if n > 0 {
				b.WriteString("\n")
			}
			b.WriteString(more)
			break
		}
		if n > 0 {
			b.WriteString("\n")
			n++
		}
		b.WriteString(l)
		n += runeLen(l)
	}
	return b.String()
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// truncate shortens s as prose.Clip does, never just after an escaping
// backslash, which would escape the ellipsis instead.
func truncate(s string, n int) string {
	if runeLen(s) <= n || n <= 0 {
		return prose.Clip(s, n)
	}
	cut := strings.TrimSuffix(prose.Clip(s, n), "…")
	if trailing := len(cut) - len(strings.TrimRight(cut, `\`)); trailing%2 == 1 {
		cut = cut[:len(cut)-1]
	}
	return cut + "…"
}

var (
	reURL     = regexp.MustCompile(`https?://[^\s<>]+`)
	reMention = regexp.MustCompile(`@(everyone|here)|<(@|#)`)
	reMarker  = regexp.MustCompile(`^\[\d{1,3}\]`)
)

// escapeText makes text from an article or a model safe to show: mentions
// are broken with a zero-width space, and Discord markdown is escaped where
// it would change the text, leaving [n] markers and plain list dashes as
// they are. URLs are kept whole and wrapped in <…>, which stops Discord from
// previewing them.
func escapeText(s string) string {
	var b strings.Builder
	last := 0
	for _, loc := range reURL.FindAllStringIndex(s, -1) {
		end := loc[0] + len(strings.TrimRight(s[loc[0]:loc[1]], ".,;:!?)]}'\"”’"))
		b.WriteString(escapeMarkdown(s[last:loc[0]], last == 0 || s[last-1] == '\n', true))
		b.WriteString("<" + s[loc[0]:end] + ">")
		last = end
	}
	b.WriteString(escapeMarkdown(s[last:], last == 0 || s[last-1] == '\n', true))
	return breakMentions(b.String())
}

// maxURLShown keeps an address quoted in a reply from crowding out the rest.
const maxURLShown = 200

// escapeURL shows an address given by an admin or a feed: previews off,
// mentions broken, markdown escaped when it is not a web address, and cut
// when it is long.
func escapeURL(u string) string { return escapeText(truncate(u, maxURLShown)) }

// escapeLinkText escapes text for the inside of a markdown link, where every
// bracket counts and a URL must not start a second link.
func escapeLinkText(s string) string {
	return breakMentions(escapeMarkdown(strings.ReplaceAll(s, "\n", " "), false, false))
}

// breakMentions inserts a zero-width space into every mention, so that it
// neither pings nor renders as a mention.
func breakMentions(s string) string {
	return reMention.ReplaceAllStringFunc(s, func(m string) string {
		return m[:1] + zwsp + m[1:]
	})
}

// escapeMarkdown escapes the markdown characters of s that would format
// text. lineStart says whether s begins a line, where headings, block
// quotes and subtext are recognised; keepMarkers leaves [n] markers bare.
func escapeMarkdown(s string, lineStart, keepMarkers bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		if lineStart {
			if i = escapeLineStart(&b, s, i); i >= len(s) {
				break
			}
			lineStart = false
		}
		c := s[i]
		switch c {
		case '\\', '*', '_', '~', '`', '|', ']':
			b.WriteByte('\\')
		case '[':
			if m := reMarker.FindString(s[i:]); m != "" && keepMarkers {
				b.WriteString(m)
				i += len(m) - 1
				continue
			}
			b.WriteByte('\\')
		case '\n':
			lineStart = true
		}
		b.WriteByte(c)
	}
	return b.String()
}

// escapeLineStart copies the indentation at s[i:] and escapes a heading,
// block quote or subtext marker that follows it. It returns where the rest
// of the line starts.
func escapeLineStart(b *strings.Builder, s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		b.WriteByte(s[i])
		i++
	}
	if i < len(s) && (s[i] == '#' || s[i] == '>' || strings.HasPrefix(s[i:], "-#")) {
		b.WriteByte('\\')
	}
	return i
}
