package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// handler serves one interaction. An error it returns is shown to the user
// (see userMessage) and logged.
type handler func(ctx context.Context, c *call) error

// command is one slash command: the definition registered with Discord and
// the handlers its interactions are routed to. The registry of commands is
// the one place a command is declared.
type command struct {
	def      *discordgo.ApplicationCommand
	run      handler
	complete handler // nil when no option autocompletes
	admin    bool
}

// route serves the buttons whose custom id is prefix or starts with
// prefix + ":", or, when modal is set, the modals'. A custom id arriving in
// the other kind of interaction is not routed: its handler would read data
// that is not there.
type route struct {
	prefix string
	run    handler
	modal  bool
	admin  bool
	action string // what a refused non-admin was trying to do
}

// call is one interaction being served. It remembers whether Discord has
// been answered, and how, so that a later message, or a failure, goes the
// right way.
type call struct {
	s     *discordgo.Session
	i     *discordgo.Interaction
	acked bool
	// updating: the press of a button was acknowledged as an update of
	// its message, which is then the original response, so what the user
	// is told goes in a message of its own.
	updating bool
}

// language is the language to tell the caller in (askerLanguage): that of
// their question, for /ask, else their Discord client's.
func (c *call) language() string {
	q := ""
	if c.i.Type == discordgo.InteractionApplicationCommand {
		q = stringOption(c.i.ApplicationCommandData().Options, "question")
	}
	return askerLanguage(q, c.i.Locale)
}

// userID is the id of whoever caused the interaction, in a guild or a DM.
func (c *call) userID() string {
	if c.i.Member != nil && c.i.Member.User != nil {
		return c.i.Member.User.ID
	}
	if c.i.User != nil {
		return c.i.User.ID
	}
	return ""
}

func (c *call) respond(r *discordgo.InteractionResponse) error {
	if err := c.s.InteractionRespond(c.i, r); err != nil {
		return fmt.Errorf("respond to interaction: %w", err)
	}
	c.acked = true
	return nil
}

// deferReply acknowledges the interaction now and promises a message later.
func (c *call) deferReply(ephemeral bool) error {
	r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		r.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return c.respond(r)
}

// deferUpdate acknowledges a button press now and promises to edit the
// message it is under.
func (c *call) deferUpdate() error {
	if err := c.respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
		return err
	}
	c.updating = true
	return nil
}

// say sends a short text only the user sees, or, once the interaction is
// acknowledged, puts it in the response.
func (c *call) say(text string) error {
	switch {
	case c.updating:
		_, err := c.s.FollowupMessageCreate(c.i, true, &discordgo.WebhookParams{
			Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()})
		if err != nil {
			return fmt.Errorf("send followup message: %w", err)
		}
		return nil
	case c.acked:
		_, err := c.edit(part{Content: text})
		return err
	}
	return c.respond(ephemeral(text))
}

// edit replaces the original response with p.
func (c *call) edit(p part) (*discordgo.Message, error) {
	embeds, components := nonNil(p)
	m, err := c.s.InteractionResponseEdit(c.i, &discordgo.WebhookEdit{
		Content:         &p.Content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: noMentions(),
	})
	if err != nil {
		return nil, fmt.Errorf("edit interaction response: %w", err)
	}
	return m, nil
}

// followup sends p as one more message of the response.
func (c *call) followup(p part) (*discordgo.Message, error) {
	embeds, components := nonNil(p)
	m, err := c.s.FollowupMessageCreate(c.i, true, &discordgo.WebhookParams{
		Content:         p.Content,
		Embeds:          embeds,
		Components:      components,
		AllowedMentions: noMentions(),
	})
	if err != nil {
		return nil, fmt.Errorf("send followup message: %w", err)
	}
	return m, nil
}

// nonNil returns p's embeds and components as empty rather than nil
// slices, which discordgo would send as null.
func nonNil(p part) ([]*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	embeds, components := p.Embeds, p.Components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return embeds, components
}

// ephemeral is a response with a text only the user sees.
func ephemeral(text string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         text,
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
}

// onInteraction routes an interaction to its handler and reports what
// became of it. Each interaction runs in its own goroutine (discordgo's
// default), so a slow one holds up no other.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	c := &call{s: s, i: ic.Interaction}
	if !b.begin() {
		b.refuseRestarting(c)
		return
	}
	defer b.end()
	name, run, refusal := b.lookup(ic.Interaction)
	if run == nil {
		b.log.Warn("interaction not routed", "type", ic.Type.String(), "name", name)
		if ic.Type == discordgo.InteractionMessageComponent || ic.Type == discordgo.InteractionModalSubmit {
			if err := c.say("That button or form is not one of mine, or no longer works."); err != nil {
				b.log.Warn("refusal not sent", "err", err)
			}
		}
		return
	}
	start := time.Now()
	attrs := []any{"user", c.userID(), "guild", ic.GuildID, "command", name}
	if refusal != "" && !b.isAdmin(ic.Interaction) {
		b.log.Info("admin action refused", attrs...)
		b.report(c, b.refuse(c, refusal), attrs)
		return
	}
	err := safely(func() error { return run(b.work, c) })
	b.report(c, err, append(attrs, "took_ms", time.Since(start).Milliseconds()))
}

// lookup finds the handler of an interaction, and the refusal to give
// a non-admin when it is an admin action.
func (b *Bot) lookup(i *discordgo.Interaction) (name string, run handler, refusal string) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		name = i.ApplicationCommandData().Name
		for _, c := range b.commands {
			if c.def.Name != name {
				continue
			}
			run = c.run
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				run = c.complete
			}
			if c.admin {
				refusal = "use /" + name
			}
			return "/" + name, run, refusal
		}
	case discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
		var id string
		if i.Type == discordgo.InteractionModalSubmit {
			id = i.ModalSubmitData().CustomID
		} else {
			id = i.MessageComponentData().CustomID
		}
		name, _, _ = strings.Cut(id, ":")
		modal := i.Type == discordgo.InteractionModalSubmit
		for _, r := range b.routes {
			if r.prefix == name && r.modal == modal {
				if r.admin {
					refusal = r.action
				}
				return name, r.run, refusal
			}
		}
	}
	return name, nil, ""
}

// refuse tells a non-admin why an admin action did nothing.
func (b *Bot) refuse(c *call, action string) error {
	if c.i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return c.respond(choices(nil))
	}
	return c.say("Only Parley admins can " + action + ": you need Manage Server or an admin role.")
}

// refuseRestarting answers an interaction that arrives during shutdown.
func (b *Bot) refuseRestarting(c *call) {
	var err error
	if c.i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		err = c.respond(choices(nil))
	} else {
		err = c.say(say(c.language(), "Parley is restarting, try again in a minute."))
	}
	if err != nil {
		b.log.Warn("restart notice not sent", "err", err)
	}
}

// choices is an autocomplete response. Choices must be a list, even empty.
func choices(list []*discordgo.ApplicationCommandOptionChoice) *discordgo.InteractionResponse {
	if list == nil {
		list = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: list},
	}
}
