package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
)

// Digester makes summaries and timelines.
type Digester interface {
	Summary(ctx context.Context, scope parley.Scope) (*parley.Digest, error)
	Timeline(ctx context.Context, scope parley.Scope) (*parley.Digest, error)
}

// digestCommands are /summary and /timeline, when the bot has a Digester.
func (b *Bot) digestCommands() []command {
	if b.digests == nil {
		return nil
	}
	topic := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "topic",
		Description: "Only what is about this, e.g. sanctions", MaxLength: 200}
	since := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "since",
		Description: "24h, 7d, 2w or a date (2025-08-17); without it, the latest week", MaxLength: 10}
	until := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "until",
		Description: "24h, 7d, 2w or a date (2025-08-17)", MaxLength: 10}
	article := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "article",
		Description: "Summarise one article; type words of its title", Autocomplete: true}
	return []command{
		{
			def: &discordgo.ApplicationCommand{Name: "summary", Description: "What happened: a short digest of the articles, with sources",
				Options: []*discordgo.ApplicationCommandOption{topic, since, article}},
			run:      func(ctx context.Context, c *call) error { return b.digest(ctx, c, b.digests.Summary) },
			complete: b.completeArticle,
		},
		{
			def: &discordgo.ApplicationCommand{Name: "timeline", Description: "Dated events, oldest first, with sources",
				Options: []*discordgo.ApplicationCommandOption{topic, since, until}},
			run: func(ctx context.Context, c *call) error { return b.digest(ctx, c, b.digests.Timeline) },
		},
	}
}

// digest serves /summary and /timeline: deferred at once, then, in its turn
// for a composer and within the user's rate limit as an answer is, the
// digest in as many messages as it takes, the sources under the last.
func (b *Bot) digest(ctx context.Context, c *call, compose func(context.Context, parley.Scope) (*parley.Digest, error)) error {
	opts := c.i.ApplicationCommandData().Options
	now := b.now()
	var scope parley.Scope
	scope.Topic = strings.TrimSpace(stringOption(opts, "topic"))
	scope.Lang = askerLanguage(scope.Topic, c.i.Locale)
	var err error
	if scope.Since, err = parley.ParseWhen(stringOption(opts, "since"), now); err != nil {
		return c.respond(ephemeral("since: " + err.Error()))
	}
	if scope.Until, err = parley.ParseWhen(stringOption(opts, "until"), now); err != nil {
		return c.respond(ephemeral("until: " + err.Error()))
	}
	if o := option(opts, "article"); o != nil {
		if f, ok := o.Value.(float64); ok {
			scope.ArticleID = int64(f)
		}
	}
	if ok, wait := b.limits.allow(c.userID()); !ok {
		return c.respond(ephemeral(tooFast(c.language(), wait)))
	}
	if err := c.deferReply(false); err != nil {
		return err
	}
	var dg *parley.Digest
	if err := b.composing(ctx, func(ctx context.Context) (err error) {
		dg, err = compose(ctx, scope)
		return err
	}); err != nil {
		return err
	}
	if c.i.ApplicationCommandData().Name == "timeline" {
		parts := renderDigest(dg, maxContent-pageNoteRoom, b.cfg.StateMedia)
		// A long timeline pages with buttons that recompute it.
		_, err := c.edit(timelinePage(parts, 0, scope))
		return err
	}
	parts := renderDigest(dg, maxContent, b.cfg.StateMedia)
	if _, err := c.edit(parts[0]); err != nil {
		return err
	}
	for _, p := range parts[1:] {
		if _, err := c.followup(p); err != nil {
			return err
		}
	}
	return nil
}

// pageNoteRoom is what "Page n of m" takes under a page.
const pageNoteRoom = 40

// timelinePage is page n of a timeline's parts, with the sources and, past
// one page, Previous/Next buttons that carry the scope.
func timelinePage(parts []part, n int, scope parley.Scope) part {
	n = min(max(n, 0), len(parts)-1)
	p := parts[n]
	p.Embeds = parts[len(parts)-1].Embeds
	if len(parts) > 1 {
		p.Content = strings.TrimRight(p.Content, "\n") + fmt.Sprintf("\n\n*Page %d of %d*", n+1, len(parts))
		p.Components = pageButtons(n, len(parts), func(page int) string { return timelineID(page, scope) })
	}
	return p
}

// timelineID is "timeline:<page>:<since>:<until>:<topic>", the topic cut on
// a character boundary to fit in a custom id.
func timelineID(page int, scope parley.Scope) string {
	prefix := fmt.Sprintf("timeline:%d:%s:%s:", page, parley.FormatDate(scope.Since), parley.FormatDate(scope.Until))
	topic := scope.Topic
	if room := maxCustomID - runeLen(prefix); runeLen(topic) > room {
		topic = string([]rune(topic)[:room])
	}
	return prefix + topic
}

// turnTimeline serves the timeline's page buttons: the timeline is made
// again (the library may have grown), as /timeline makes it, and the
// message shows the page asked for.
func (b *Bot) turnTimeline(ctx context.Context, c *call) error {
	if b.digests == nil {
		return fmt.Errorf("timeline button: this bot makes no timelines")
	}
	f := strings.SplitN(c.i.MessageComponentData().CustomID, ":", 5)
	if len(f) != 5 {
		return fmt.Errorf("parse timeline button %q: malformed", c.i.MessageComponentData().CustomID)
	}
	page, err := strconv.Atoi(f[1])
	if err != nil {
		return fmt.Errorf("parse timeline button page %q: %w", f[1], err)
	}
	scope := parley.Scope{Topic: f[4], Lang: askerLanguage(f[4], c.i.Locale)}
	if scope.Since, err = parley.ParseWhen(f[2], time.Time{}); err != nil {
		return err
	}
	if scope.Until, err = parley.ParseWhen(f[3], time.Time{}); err != nil {
		return err
	}
	if ok, wait := b.limits.allow(c.userID()); !ok {
		return c.respond(ephemeral(tooFast(c.language(), wait)))
	}
	// The composers may all be busy: the press is acknowledged now and the
	// message edited once the page is made.
	if err := c.deferUpdate(); err != nil {
		return err
	}
	var dg *parley.Digest
	if err := b.composing(ctx, func(ctx context.Context) (err error) {
		dg, err = b.digests.Timeline(ctx, scope)
		return err
	}); err != nil {
		return err
	}
	_, err = c.edit(timelinePage(renderDigest(dg, maxContent-pageNoteRoom, b.cfg.StateMedia), page, scope))
	return err
}

// renderDigest lays a digest out like an answer: the body split to fit,
// the sources embed under the last part.
func renderDigest(dg *parley.Digest, limit int, sm parley.StateMedia) []part {
	return layout(dg.Body, limit, "(nothing to show)", sourcesEmbed(say(dg.Scope.Lang, "Sources"), dg.Sources, sm))
}
