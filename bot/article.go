package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
)

// article serves /article and its subcommands; the dispatcher has already
// checked that the user is an admin.
func (b *Bot) article(ctx context.Context, c *call) error {
	sub, err := subcommand(c, "article")
	if err != nil {
		return err
	}
	switch sub.Name {
	case "add":
		return b.addArticle(ctx, c, c.i.ApplicationCommandData())
	case "remove":
		return b.removeArticle(ctx, c, sub)
	case "list":
		return b.listSources(ctx, c, true)
	default:
		return fmt.Errorf("article: unknown subcommand %q", sub.Name)
	}
}

// addArticle adds from an address or an attachment, or else opens the form.
func (b *Bot) addArticle(ctx context.Context, c *call, data discordgo.ApplicationCommandInteractionData) error {
	url := strings.TrimSpace(stringOption(data.Options, "url"))
	file := option(data.Options, "file")
	if url != "" && file != nil {
		return tell("Give the article's address or attach it as a file, not both. Nothing was added.")
	}
	if url != "" {
		return b.addURL(ctx, c, url)
	}
	if file == nil {
		return c.respond(articleModal())
	}
	id, _ := file.Value.(string)
	var att *discordgo.MessageAttachment
	if data.Resolved != nil {
		att = data.Resolved.Attachments[id]
	}
	if att == nil {
		return fmt.Errorf("add article: attachment %q not resolved", id)
	}
	if err := checkAttachment(att); err != nil {
		return err
	}
	if err := c.deferReply(true); err != nil {
		return err
	}
	body, err := b.download(ctx, att.URL)
	if err != nil {
		return err
	}
	a, outcome, err := b.lib.AddFile(ctx, att.Filename, body)
	if err != nil {
		return addError(err)
	}
	return c.say(outcomeText(a, outcome, b.cfg.StateMedia))
}

// addURL fetches the article at url, which may take a while, and stores it.
func (b *Bot) addURL(ctx context.Context, c *call, url string) error {
	if err := c.deferReply(true); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, tokenLife)
	defer cancel()
	a, outcome, err := b.lib.AddURL(ctx, url)
	if errors.Is(err, parley.ErrInvalid) {
		return tell("Could not add %s: %s.", escapeURL(url), plainReason(err))
	}
	if err != nil {
		return addError(err)
	}
	return c.say(outcomeText(a, outcome, b.cfg.StateMedia))
}

// checkAttachment refuses, before downloading, a file the library cannot take.
func checkAttachment(att *discordgo.MessageAttachment) error {
	switch strings.ToLower(path.Ext(att.Filename)) {
	case ".md", ".txt", ".html", ".htm":
	default:
		return tell("I can add .md, .txt and .html files; “%s” is none of those.", escapeText(att.Filename))
	}
	if att.Size > parley.MaxArticleBytes {
		return tell("That file is %.1f MB; the most I take is %d MB.", float64(att.Size)/(1<<20), parley.MaxArticleBytes>>20)
	}
	return nil
}

// download fetches an attachment from Discord's CDN, up to 5 MB.
func (b *Bot) download(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download attachment: status %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, parley.MaxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("download attachment: %w", err)
	}
	if len(body) > parley.MaxArticleBytes {
		return nil, tell("That file is larger than %d MB, the most I take.", parley.MaxArticleBytes>>20)
	}
	return body, nil
}

// articleModal is the form for an article typed or pasted in.
func articleModal() *discordgo.InteractionResponse {
	input := func(id, label string, style discordgo.TextInputStyle, required bool, max int, hint string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: id, Label: label, Style: style, Required: required, MaxLength: max, Placeholder: hint,
		}}}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: "article:add",
			Title:    "Add an article",
			Components: []discordgo.MessageComponent{
				input("title", "Title", discordgo.TextInputShort, true, 300, ""),
				input("outlet", "Outlet", discordgo.TextInputShort, false, 100, "Reuters"),
				input("url", "URL", discordgo.TextInputShort, false, maxURL, "https://…"),
				input("date", "Date published (YYYY-MM-DD)", discordgo.TextInputShort, false, 10, "2025-08-17"),
				input("text", "Text of the article", discordgo.TextInputParagraph, true, 4000, ""),
			},
		},
	}
}

// submitArticle serves the form: it builds the article and stores it.
func (b *Bot) submitArticle(ctx context.Context, c *call) error {
	fields := map[string]string{}
	for _, row := range c.i.ModalSubmitData().Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range r.Components {
			if in, ok := comp.(*discordgo.TextInput); ok {
				fields[in.CustomID] = strings.TrimSpace(in.Value)
			}
		}
	}
	a := parley.Article{Title: fields["title"], Outlet: fields["outlet"], URL: fields["url"], Body: fields["text"]}
	if d := fields["date"]; d != "" {
		t, err := time.Parse(parley.DateLayout, d)
		if err != nil {
			return tell("“%s” is not a date I can read: write it as YYYY-MM-DD, e.g. 2025-08-17. Nothing was added.", escapeText(d))
		}
		a.Published = t
	}
	if err := c.deferReply(true); err != nil {
		return err
	}
	stored, outcome, err := b.lib.AddArticle(ctx, a)
	if err != nil {
		return addError(err)
	}
	return c.say(outcomeText(stored, outcome, b.cfg.StateMedia))
}

// addError turns the library's verdict on an article into what the admin
// reads; other errors pass through to be logged.
func addError(err error) error {
	if errors.Is(err, parley.ErrDuplicate) {
		return tell("Nothing was added: that article is %s.", parley.ErrDuplicate)
	}
	return fmt.Errorf("add article: %w", err)
}

// outcomeText says what became of an added article.
func outcomeText(a parley.Article, outcome parley.Outcome, sm parley.StateMedia) string {
	name := describeArticle(a, sm)
	switch outcome {
	case parley.Added:
		return "Added " + name + "."
	case parley.Updated:
		return "Updated " + name + "."
	case parley.Revised:
		return "Added " + name + ", a revised version of a story already in the library from the same outlet."
	case parley.Duplicate:
		return "Already in the library: " + name + ". Nothing changed."
	case parley.Syndicated:
		outlet := "this outlet"
		if a.Outlet != "" {
			outlet = escapeText(truncate(sm.Label(a.Outlet), 100))
		}
		return fmt.Sprintf("That story is already in the library as article #%d; %s was recorded as also publishing it.", a.ID, outlet)
	}
	return name + ": " + escapeText(outcome.String()) + "."
}

// describeArticle names an article in a reply: #12 “Title” (Outlet, date).
func describeArticle(a parley.Article, sm parley.StateMedia) string {
	s := fmt.Sprintf("#%d “%s”", a.ID, escapeText(truncate(a.Title, 200)))
	var meta []string
	if a.Outlet != "" {
		meta = append(meta, escapeText(truncate(sm.Label(a.Outlet), 100)))
	}
	if d := a.Date(); d != "" {
		meta = append(meta, d)
	}
	if len(meta) > 0 {
		s += " (" + strings.Join(meta, ", ") + ")"
	}
	return s
}

// removeArticle deletes one article, naming it in the reply.
func (b *Bot) removeArticle(ctx context.Context, c *call, sub *discordgo.ApplicationCommandInteractionDataOption) error {
	o := option(sub.Options, "id")
	if o == nil {
		return fmt.Errorf("article remove: no id option")
	}
	id := o.IntValue()
	a, err := b.lib.Article(ctx, id)
	if errors.Is(err, parley.ErrNotFound) {
		return c.say(fmt.Sprintf("There is no article #%d.", id))
	}
	if err != nil {
		return fmt.Errorf("look up article %d: %w", id, err)
	}
	if err := b.lib.Remove(ctx, id); err != nil {
		if errors.Is(err, parley.ErrNotFound) {
			return c.say(fmt.Sprintf("There is no article #%d.", id))
		}
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	return c.say("Removed “" + escapeText(truncate(a.Title, 200)) + "” (#" + strconv.FormatInt(id, 10) + ").")
}

// maxChoices is how many suggestions Discord shows.
const maxChoices = 25

// completeArticle suggests articles for /article remove id: from the words
// typed, or the article with the number typed.
func (b *Bot) completeArticle(ctx context.Context, c *call) error {
	typed := strings.TrimSpace(strings.TrimPrefix(focused(c), "#"))
	var list []*discordgo.ApplicationCommandOptionChoice
	if n, err := strconv.ParseInt(typed, 10, 64); err == nil {
		if a, err := b.lib.Article(ctx, n); err == nil {
			list = append(list, choice(a.Source(), b.cfg.StateMedia))
		}
		typed = ""
	}
	found, _, err := b.lib.Sources(ctx, typed, 0, maxChoices)
	if err != nil {
		return fmt.Errorf("suggest articles for %q: %w", typed, err)
	}
	for _, s := range found {
		if len(list) == maxChoices {
			break
		}
		if len(list) == 0 || list[0].Value != s.ArticleID {
			list = append(list, choice(s, b.cfg.StateMedia))
		}
	}
	return c.respond(choices(list))
}

// choice names an article in a suggestion: "#12 Title — Outlet, 2025-08-17".
func choice(s parley.Source, sm parley.StateMedia) *discordgo.ApplicationCommandOptionChoice {
	name := fmt.Sprintf("#%d %s", s.ArticleID, strings.Join(strings.Fields(s.Title), " "))
	var meta []string
	if s.Outlet != "" {
		meta = append(meta, sm.Label(s.Outlet))
	}
	if d := s.Date(); d != "" {
		meta = append(meta, d)
	}
	if len(meta) > 0 {
		name += " — " + strings.Join(meta, ", ")
	}
	return &discordgo.ApplicationCommandOptionChoice{Name: truncate(name, maxChoiceName), Value: s.ArticleID}
}

// focused is what the user has typed so far in the option being completed.
func focused(c *call) string {
	for _, o := range flatten(c.i.ApplicationCommandData().Options) {
		if o.Focused {
			return strings.TrimSpace(fmt.Sprint(o.Value))
		}
	}
	return ""
}

// flatten lists options and the options of their subcommands.
func flatten(opts []*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	var all []*discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		all = append(all, o)
		all = append(all, flatten(o.Options)...)
	}
	return all
}
