package bot

import (
	"context"
	"strings"

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
	if b.Digests == nil {
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
			run:      func(ctx context.Context, c *call) error { return b.digest(ctx, c, b.Digests.Summary) },
			complete: b.completeArticle,
		},
		{
			def: &discordgo.ApplicationCommand{Name: "timeline", Description: "Dated events, oldest first, with sources",
				Options: []*discordgo.ApplicationCommandOption{topic, since, until}},
			run: func(ctx context.Context, c *call) error { return b.digest(ctx, c, b.Digests.Timeline) },
		},
	}
}

// digest serves /summary and /timeline: deferred at once, then the digest
// in as many messages as it takes, the sources under the last.
func (b *Bot) digest(ctx context.Context, c *call, make func(context.Context, parley.Scope) (*parley.Digest, error)) error {
	opts := c.i.ApplicationCommandData().Options
	now := b.Now()
	var scope parley.Scope
	scope.Topic = strings.TrimSpace(stringOption(opts, "topic"))
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
	if err := c.deferReply(false); err != nil {
		return err
	}
	dctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	defer cancel()
	dg, err := make(dctx, scope)
	if err != nil {
		return err
	}
	parts := renderDigest(dg)
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

// renderDigest lays a digest out like an answer: the body split to fit,
// the sources embed under the last part.
func renderDigest(dg *parley.Digest) []part {
	var parts []part
	for _, s := range splitContent(escapeText(dg.Body), maxContent) {
		parts = append(parts, part{Content: s})
	}
	if len(parts) == 0 {
		parts = []part{{Content: "(nothing to show)"}}
	}
	if e := sourcesEmbed(&parley.Answer{Sources: dg.Sources}); e != nil {
		parts[len(parts)-1].Embeds = []*discordgo.MessageEmbed{e}
	}
	return parts
}
