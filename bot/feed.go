package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
)

// feedCommands is /feed, when the bot has Feeds.
func (b *Bot) feedCommands() []command {
	if b.feeds == nil {
		return nil
	}
	one := 1.0
	return []command{adminCommand(&discordgo.ApplicationCommand{
		Name:        "feed",
		Description: "Follow news feeds into Parley's library, stop following them, list them (admins)",
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
				Description: "Follow a news feed (RSS, Atom, JSON) or the site that links to it",
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionString, Name: "url",
					Description: "The feed's address, or a page of the site", Required: true, MaxLength: maxURL,
				}},
			},
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
				Description: "Stop following a feed; its articles stay in the library",
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionInteger, Name: "feed",
					Description: "The feed; type words of its title or address to find it",
					Required:    true, Autocomplete: true, MinValue: &one,
				}},
			},
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list",
				Description: "List the feeds followed and how their polls went (only you see the list)",
			},
		},
	}, b.feed, b.completeFeed)}
}

// feed serves /feed and its subcommands; the dispatcher has already checked
// that the user is an admin.
func (b *Bot) feed(ctx context.Context, c *call) error {
	sub, err := subcommand(c, "feed")
	if err != nil {
		return err
	}
	switch sub.Name {
	case "add":
		return b.follow(ctx, c, strings.TrimSpace(stringOption(sub.Options, "url")))
	case "remove":
		o := option(sub.Options, "feed")
		if o == nil {
			return fmt.Errorf("feed remove: no feed option")
		}
		return b.unfollow(ctx, c, o.IntValue())
	case "list":
		return b.listFeeds(ctx, c)
	default:
		return fmt.Errorf("feed: unknown subcommand %q", sub.Name)
	}
}

// follow follows a feed; the first poll fetches its articles, which takes
// a while, so the reply is deferred.
func (b *Bot) follow(ctx context.Context, c *call, url string) error {
	if err := c.deferReply(true); err != nil {
		return err
	}
	// The reply can be edited for as long as the token lives; a first poll
	// cut short there is finished by the next one.
	ctx, cancel := context.WithTimeout(ctx, tokenLife)
	defer cancel()
	f, summary, err := b.feeds.Follow(ctx, url)
	if errors.Is(err, parley.ErrInvalid) || errors.Is(err, parley.ErrDuplicate) {
		return tell("Could not follow %s: %s.", escapeURL(url), plainReason(err))
	}
	if err != nil {
		return fmt.Errorf("follow feed %s: %w", url, err)
	}
	return c.say(fmt.Sprintf("Following %s (feed %d). %s", feedName(f), f.ID, escapeText(truncate(summary, 500))))
}

// unfollow stops following a feed, naming it in the reply.
func (b *Bot) unfollow(ctx context.Context, c *call, id int64) error {
	feeds, err := b.feeds.List(ctx)
	if err != nil {
		return fmt.Errorf("list feeds: %w", err)
	}
	err = b.feeds.Unfollow(ctx, id)
	if errors.Is(err, parley.ErrNotFound) {
		return c.say(fmt.Sprintf("Parley follows no feed %d: see /feed list for the feeds it follows.", id))
	}
	if err != nil {
		return fmt.Errorf("unfollow feed %d: %w", id, err)
	}
	name := ""
	for _, f := range feeds {
		if f.ID == id {
			name = " (" + feedName(f) + ")"
		}
	}
	return c.say(fmt.Sprintf("No longer following feed %d%s. Its articles stay in the library.", id, name))
}

// feedName names a feed in a reply: its title, or else its address.
func feedName(f parley.Feed) string {
	if t := strings.Join(strings.Fields(f.Title), " "); t != "" {
		return escapeText(truncate(t, maxTitleInLine))
	}
	return escapeURL(f.URL)
}

// listFeeds shows the feeds followed, one line each, to the admin alone.
func (b *Bot) listFeeds(ctx context.Context, c *call) error {
	feeds, err := b.feeds.List(ctx)
	if err != nil {
		return fmt.Errorf("list feeds: %w", err)
	}
	if len(feeds) == 0 {
		return c.say("Parley follows no feeds yet. Add one with /feed add.")
	}
	head := fmt.Sprintf("Parley follows %d feeds:", len(feeds))
	if len(feeds) == 1 {
		head = "Parley follows 1 feed:"
	}
	lines := make([]string, len(feeds))
	for i, f := range feeds {
		lines[i] = feedLine(f)
	}
	return c.say(head + "\n" + joinWithin(lines, maxContent-runeLen(head)-1))
}

// feedLine is one feed in /feed list: "Feed 3: Title — <url> · 42 items ·
// last polled <t:…:R>", and how it fails when it does.
func feedLine(f parley.Feed) string {
	s := fmt.Sprintf("Feed %d: ", f.ID)
	if strings.TrimSpace(f.Title) != "" {
		s += feedName(f) + " — "
	}
	items := "items"
	if f.Items == 1 {
		items = "item"
	}
	s += fmt.Sprintf("%s · %d %s", escapeURL(f.URL), f.Items, items)
	if f.LastPolled.IsZero() {
		s += " · not polled yet"
	} else {
		s += fmt.Sprintf(" · last polled <t:%d:R>", f.LastPolled.Unix())
	}
	if f.Failures > 0 {
		s += fmt.Sprintf(" · failing: %d in a row (last error: %s)",
			f.Failures, escapeText(truncate(strings.TrimSuffix(f.LastError, "."), 300)))
		if !f.NextPoll.IsZero() {
			s += fmt.Sprintf("; next try <t:%d:R>", f.NextPoll.Unix())
		}
	}
	return s
}

// completeFeed suggests feeds for /feed remove: those whose title, address
// or number holds what was typed.
func (b *Bot) completeFeed(ctx context.Context, c *call) error {
	typed := strings.ToLower(strings.TrimPrefix(focused(c), "#"))
	feeds, err := b.feeds.List(ctx)
	if err != nil {
		return fmt.Errorf("suggest feeds for %q: %w", typed, err)
	}
	var list []*discordgo.ApplicationCommandOptionChoice
	for _, f := range feeds {
		if len(list) == maxChoices {
			break
		}
		if strings.Contains(strings.ToLower(f.Title), typed) || strings.Contains(strings.ToLower(f.URL), typed) ||
			strings.Contains(strconv.FormatInt(f.ID, 10), typed) {
			list = append(list, feedChoice(f))
		}
	}
	return c.respond(choices(list))
}

// feedChoice names a feed in a suggestion: "3 · Title — https://…".
func feedChoice(f parley.Feed) *discordgo.ApplicationCommandOptionChoice {
	name := strconv.FormatInt(f.ID, 10) + " · "
	if t := strings.Join(strings.Fields(f.Title), " "); t != "" {
		name += t + " — "
	}
	return &discordgo.ApplicationCommandOptionChoice{Name: truncate(name+f.URL, maxChoiceName), Value: f.ID}
}
