package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// commandRegistry declares every slash command: what Discord shows and
// where its interactions go. A new command is one more entry.
func (b *Bot) commandRegistry() []command {
	cmds := []command{
		{
			def: &discordgo.ApplicationCommand{
				Name:        "ask",
				Description: "Ask about the US–Russia–Ukraine peace talks; the answer quotes news articles",
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionString, Name: "question",
					Description: "Your question", Required: true, MaxLength: maxQuestion,
				}},
			},
			run: b.ask,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "sources",
				Description: "List the articles Parley quotes from",
				Options:     []*discordgo.ApplicationCommandOption{queryOption()},
			},
			run: b.sources,
		},
		adminCommand(&discordgo.ApplicationCommand{
			Name:        "article",
			Description: "Add, remove or list the articles in Parley's library (admins)",
			Options:     articleSubcommands(),
		}, b.article, b.completeArticle),
	}
	cmds = append(cmds, b.digestCommands()...)
	cmds = append(cmds, b.feedCommands()...)
	for _, c := range cmds {
		localise(c.def)
	}
	return cmds
}

// adminCommand is a command that changes the library. Discord shows it to
// members with Manage Server, and never in DMs; as a server admin can
// change that, the dispatcher checks isAdmin again at every use.
func adminCommand(def *discordgo.ApplicationCommand, run, complete handler) command {
	manageServer := int64(discordgo.PermissionManageGuild)
	guildOnly := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	def.DefaultMemberPermissions = &manageServer
	def.Contexts = &guildOnly
	return command{def: def, run: run, complete: complete, admin: true}
}

// componentRoutes declares where button presses and modal submissions go,
// by the prefix of their custom ids.
func (b *Bot) componentRoutes() []route {
	return []route{
		{prefix: "passages", run: b.showPassages},
		{prefix: "vote", run: b.vote},
		{prefix: "sources", run: b.turnPage},
		{prefix: "timeline", run: b.turnTimeline},
		{prefix: "article", run: b.submitArticle, modal: true, admin: true, action: "add articles"},
	}
}

// maxQuestion bounds what /ask accepts; a question is a sentence or two.
const maxQuestion = 1000

// maxURL bounds an address given to /article add and /feed add.
const maxURL = 500

// maxQuery bounds a /sources query so that it always fits in the custom
// id of a page button.
const maxQuery = 80

func queryOption() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: "query",
		Description: "Words to look for; without it, the newest articles", MaxLength: maxQuery,
	}
}

func articleSubcommands() []*discordgo.ApplicationCommandOption {
	one := 1.0
	return []*discordgo.ApplicationCommandOption{
		{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
			Description: "Add an article from its address, from a file (.md, .txt, .html), or fill in a form",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The article's address; Parley fetches the page", MaxLength: maxURL},
				{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "The article as a .md, .txt or .html file, up to 5 MB"},
			},
		},
		{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
			Description: "Remove an article from the library",
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionInteger, Name: "id",
				Description: "The article; type words of its title to find it",
				Required:    true, Autocomplete: true, MinValue: &one,
			}},
		},
		{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list",
			Description: "List the articles in the library (only you see the list)",
			Options:     []*discordgo.ApplicationCommandOption{queryOption()},
		},
	}
}

// option returns the named option of an interaction's data, looking inside
// a subcommand, or nil.
func option(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range opts {
		if o.Name == name {
			return o
		}
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			if found := option(o.Options, name); found != nil {
				return found
			}
		}
	}
	return nil
}

// subcommand is the subcommand that c invokes of the command called name.
func subcommand(c *call, name string) (*discordgo.ApplicationCommandInteractionDataOption, error) {
	data := c.i.ApplicationCommandData()
	if len(data.Options) == 0 {
		return nil, fmt.Errorf("%s: no subcommand", name)
	}
	return data.Options[0], nil
}

// stringOption returns the named string option, or "".
func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	if o := option(opts, name); o != nil {
		if s, ok := o.Value.(string); ok {
			return s
		}
	}
	return ""
}
