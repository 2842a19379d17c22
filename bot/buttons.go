package bot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
)

// showPassages serves "Show passages": the whole passage behind each quote
// of an answer, the quote in bold, for the user alone, who must be the one
// who asked (or an admin).
func (b *Bot) showPassages(ctx context.Context, c *call) error {
	id, err := strconv.ParseInt(strings.TrimPrefix(c.i.MessageComponentData().CustomID, "passages:"), 10, 64)
	if err != nil {
		return fmt.Errorf("parse passages button: %w", err)
	}
	if err := b.checkAsker(ctx, c, id); err != nil {
		return err
	}
	a, err := b.mem.Answer(ctx, id)
	if errors.Is(err, parley.ErrNotFound) {
		return c.say(say(c.language(), "I no longer have that answer on record."))
	}
	if err != nil {
		return fmt.Errorf("load answer %d: %w", id, err)
	}
	ids := make([]int64, len(a.Citations))
	for i, cit := range a.Citations {
		ids[i] = cit.PassageID
	}
	hits, err := b.lib.PassagesByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("load passages of answer %d: %w", id, err)
	}
	r := ephemeral("")
	r.Data.Embeds = passageEmbeds(a.Citations, hits)
	if len(r.Data.Embeds) == 0 {
		r.Data.Content = say(c.language(), "That answer quotes no passages.")
	}
	return c.respond(r)
}

// passageEmbeds shows one embed per quote, at most ten, within the limits
// of one message: the room the titles leave is shared evenly.
func passageEmbeds(cits []parley.Citation, hits []parley.Hit) []*discordgo.MessageEmbed {
	byID := make(map[int64]parley.Hit, len(hits))
	for _, h := range hits {
		byID[h.ID] = h
	}
	var embeds []*discordgo.MessageEmbed
	var quotes []string
	used := 0
	for _, cit := range cits {
		h, ok := byID[cit.PassageID]
		if !ok || len(embeds) == maxEmbeds {
			continue
		}
		title := truncate(fmt.Sprintf("[%d] %s", cit.N, escapeLinkText(h.Source.Title)), maxEmbedTitle)
		used += runeLen(title)
		embeds = append(embeds, &discordgo.MessageEmbed{Title: title, URL: linkURL(h.Source.URL), Description: h.Text})
		quotes = append(quotes, cit.Quote)
	}
	if len(embeds) == 0 {
		return nil
	}
	budget := min(maxEmbedDesc, (maxEmbedsTotal-used)/len(embeds))
	for i, e := range embeds {
		e.Description = boldQuote(e.Description, quotes[i], budget)
	}
	return embeds
}

// boldQuote escapes a passage and marks the quote in it bold, in at most
// limit characters: when the passage is too long, the text around the quote
// is cut first, and the quote only when it alone is too long.
func boldQuote(text, quote string, limit int) string {
	i := strings.Index(text, quote)
	if strings.TrimSpace(quote) == "" || i < 0 {
		return truncate(escapePlain(text, true), limit)
	}
	before, after := text[:i], text[i+len(quote):]
	for room := max(runeLen(before), runeLen(after)); ; room = room * 3 / 4 {
		if s := around(before, quote, after, room); runeLen(s) <= limit {
			return s
		}
		if room == 0 {
			return "**" + truncate(escapePlain(strings.TrimSpace(quote), false), limit-4) + "**"
		}
	}
}

// around is the quote in bold with at most room characters of the passage
// on either side.
func around(before, quote, after string, room int) string {
	b, a := tail(before, room), head(after, room)
	if len(b) < len(before) {
		b = "…" + strings.TrimLeft(b, " ")
	}
	if len(a) < len(after) {
		a = strings.TrimRight(a, " ") + "…"
	}
	core := strings.TrimSpace(quote)
	pre := quote[:strings.Index(quote, core)]
	post := quote[len(pre)+len(core):]
	return escapePlain(b, b == before) + pre + "**" + escapePlain(core, false) + "**" + post + escapePlain(a, false)
}

// escapePlain escapes text for an embed, where [n] markers mean nothing.
func escapePlain(s string, lineStart bool) string {
	return breakMentions(escapeMarkdown(s, lineStart, false))
}

// head and tail keep the first and last n characters of s.
func head(s string, n int) string {
	if runeLen(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

// checkAsker lets the user of c act on answer id (vote on it, open its
// passages) when they asked for it or are an admin. Anyone else, in a
// guild or a DM, is refused with a message only they see: an answer's
// buttons can be pressed by whoever sees the message, and forged by anyone
// who guesses its id.
func (b *Bot) checkAsker(ctx context.Context, c *call, id int64) error {
	asker, err := b.mem.Asker(ctx, id)
	if errors.Is(err, parley.ErrNotFound) {
		return tellIn(c.language(), "I no longer have that answer on record.")
	}
	if err != nil {
		return fmt.Errorf("load who asked for answer %d: %w", id, err)
	}
	if asker != "" && hmac.Equal([]byte(asker), []byte(b.userHash(c.userID()))) || b.isAdmin(c.i) {
		return nil
	}
	return tellIn(c.language(), "Only the person who asked can vote on this answer or see its passages.")
}

// vote serves 👍 and 👎 of the person who asked: the vote is stored under
// a keyed hash of the user id, so the library never holds who voted.
func (b *Bot) vote(ctx context.Context, c *call) error {
	parts := strings.Split(c.i.MessageComponentData().CustomID, ":")
	if len(parts) != 3 || (parts[1] != "up" && parts[1] != "down") {
		return fmt.Errorf("parse vote button %q: malformed", c.i.MessageComponentData().CustomID)
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return fmt.Errorf("parse vote button: %w", err)
	}
	if err := b.checkAsker(ctx, c, id); err != nil {
		return err
	}
	value, thanks := 1, say(c.language(), "Thanks, your 👍 is noted.")
	if parts[1] == "down" {
		value, thanks = -1, say(c.language(), "Thanks, your 👎 is noted; it helps me find what to improve.")
	}
	err = b.mem.Vote(ctx, id, b.userHash(c.userID()), value)
	if errors.Is(err, parley.ErrNotFound) {
		return c.say(say(c.language(), "I no longer have that answer on record."))
	}
	if err != nil {
		return fmt.Errorf("store vote on answer %d: %w", id, err)
	}
	return c.say(thanks)
}

// userHash is the hex HMAC-SHA256 of a user id under the configured key.
func (b *Bot) userHash(userID string) string {
	m := hmac.New(sha256.New, b.cfg.UserHashKey)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil))
}
