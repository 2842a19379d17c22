package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
)

// pageSize is how many articles a listing shows at a time.
const pageSize = 10

// sources serves /sources: the library, newest first or matching a query,
// for everyone in the channel to see.
func (b *Bot) sources(ctx context.Context, c *call) error {
	return b.listSources(ctx, c, false)
}

// listSources answers with the first page of a listing.
func (b *Bot) listSources(ctx context.Context, c *call, private bool) error {
	query := stringOption(c.i.ApplicationCommandData().Options, "query")
	data, err := b.sourcesPage(ctx, c.language(), query, 0)
	if err != nil {
		return err
	}
	if private {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return c.respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data})
}

// turnPage serves the Previous and Next buttons of a listing by updating
// the message they are under.
func (b *Bot) turnPage(ctx context.Context, c *call) error {
	page, query, err := parsePageID(c.i.MessageComponentData().CustomID)
	if err != nil {
		return err
	}
	data, err := b.sourcesPage(ctx, c.language(), query, page)
	if err != nil {
		return err
	}
	return c.respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data})
}

// sourcesPage renders one page of a listing, from 0. A page past the end,
// after articles were removed, shows the last page instead.
func (b *Bot) sourcesPage(ctx context.Context, lang, query string, page int) (*discordgo.InteractionResponseData, error) {
	list, total, err := b.lib.Sources(ctx, query, page*pageSize, pageSize)
	if err != nil {
		return nil, fmt.Errorf("list sources page %d: %w", page, err)
	}
	pages := (total + pageSize - 1) / pageSize
	if page >= pages && pages > 0 {
		return b.sourcesPage(ctx, lang, query, pages-1)
	}
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{}}
	if total == 0 {
		data.Content = say(lang, "The library has no articles yet.")
		if query != "" {
			data.Content = "No article matches “" + escapeText(query) + "”."
		}
		data.Embeds = []*discordgo.MessageEmbed{}
		return data, nil
	}
	data.Embeds = []*discordgo.MessageEmbed{listingEmbed(query, list, page, pages, total, b.cfg.StateMedia)}
	if pages > 1 {
		data.Components = pageButtons(page, pages, func(p int) string { return pageID(p, query) })
	}
	return data, nil
}

// listingEmbed shows one page of articles with their ids, which /article
// remove takes.
func listingEmbed(query string, list []parley.Source, page, pages, total int, sm parley.StateMedia) *discordgo.MessageEmbed {
	title := "Articles in the library"
	if query != "" {
		title = truncate("Articles matching “"+escapeLinkText(query)+"”", maxEmbedTitle)
	}
	lines := make([]string, len(list))
	for i, s := range list {
		lines[i] = fmt.Sprintf("#%d %s", s.ArticleID, sourceLine(s, sm))
	}
	return &discordgo.MessageEmbed{
		Title:       title,
		Description: joinWithin(lines, maxEmbedDesc),
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d articles", page+1, pages, total)},
	}
}

// pageButtons are Previous and Next, disabled at the ends; id gives the
// custom id of the button to a page. With more than one page the two ids
// differ, even when one is disabled, as Discord requires.
func pageButtons(page, pages int, id func(page int) string) []discordgo.MessageComponent {
	prev, next := max(page-1, 0), min(page+1, pages-1)
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: id(prev), Disabled: page == 0},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: id(next), Disabled: page == pages-1},
	}}}
}

// pageID is the custom id of a page button: "sources:<page>:<query>", the
// query cut on a character boundary to keep within 100 characters.
func pageID(page int, query string) string {
	prefix := "sources:" + strconv.Itoa(page) + ":"
	room := maxCustomID - runeLen(prefix)
	if runeLen(query) > room {
		query = string([]rune(query)[:room])
	}
	return prefix + query
}

func parsePageID(id string) (page int, query string, err error) {
	rest, ok := strings.CutPrefix(id, "sources:")
	n, query, ok2 := strings.Cut(rest, ":")
	page, err = strconv.Atoi(n)
	if !ok || !ok2 || err != nil || page < 0 {
		return 0, "", fmt.Errorf("parse page button %q: malformed", id)
	}
	return page, query, nil
}
