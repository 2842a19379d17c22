package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Discord's message limits, from its documentation. The OpenAPI description
// allows 4000 characters of content (what Nitro users may send) and has no
// notion of the 6000-character total, so the fake enforces these itself.
const (
	maxContent          = 2000
	maxEmbeds           = 10
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxAuthorName       = 256
	maxEmbedTotal       = 6000
)

// CheckMessage reports every way a message body breaks Discord's limits or
// the project's rule that every message carries allowed_mentions with an
// empty parse list, so that no article or model text can ping anyone. The
// fake applies it to every message the bot creates or edits; bot tests can
// call it on what their renderers produce. msg is a JSON body ([]byte or
// json.RawMessage) or any value that marshals to one, such as
// *discordgo.MessageSend, *discordgo.WebhookEdit, *discordgo.WebhookParams
// or *discordgo.InteractionResponseData. The error joins one error per
// problem; nil means the message is fine.
func CheckMessage(msg any) error {
	return checkMessage(msg, true)
}

// CheckLimits is CheckMessage without the allowed_mentions rule, for pieces
// that are not a whole message body, such as a slice of embeds wrapped in a
// discordgo.MessageSend by a renderer's test.
func CheckLimits(msg any) error {
	return checkMessage(msg, false)
}

// messageBody holds the fields of a message body that have limits. Lengths
// count Unicode code points, as Discord does.
type messageBody struct {
	Content         *string          `json:"content"`
	Embeds          []embedBody      `json:"embeds"`
	AllowedMentions *json.RawMessage `json:"allowed_mentions"`
}

type embedBody struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

func checkMessage(msg any, mentions bool) error {
	var b []byte
	switch m := msg.(type) {
	case []byte:
		b = m
	case json.RawMessage:
		b = m
	default:
		var err error
		if b, err = json.Marshal(msg); err != nil {
			return fmt.Errorf("marshal message: %w", err)
		}
	}
	var m messageBody
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("message body: %w", err)
	}
	var errs []error
	tooLong := func(what, s string, limit int) {
		if n := utf8.RuneCountInString(s); n > limit {
			errs = append(errs, fmt.Errorf("%s has %d characters, Discord allows %d", what, n, limit))
		}
	}
	if m.Content != nil {
		tooLong("content", *m.Content, maxContent)
	}
	if len(m.Embeds) > maxEmbeds {
		errs = append(errs, fmt.Errorf("%d embeds, Discord allows %d", len(m.Embeds), maxEmbeds))
	}
	total := 0
	for i, e := range m.Embeds {
		at := fmt.Sprintf("embeds[%d]", i)
		tooLong(at+".title", e.Title, maxEmbedTitle)
		tooLong(at+".description", e.Description, maxEmbedDescription)
		total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
		if len(e.Fields) > maxEmbedFields {
			errs = append(errs, fmt.Errorf("%s has %d fields, Discord allows %d", at, len(e.Fields), maxEmbedFields))
		}
		for j, f := range e.Fields {
			tooLong(fmt.Sprintf("%s.fields[%d].name", at, j), f.Name, maxFieldName)
			tooLong(fmt.Sprintf("%s.fields[%d].value", at, j), f.Value, maxFieldValue)
			total += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
		if e.Footer != nil {
			tooLong(at+".footer.text", e.Footer.Text, maxFooter)
			total += utf8.RuneCountInString(e.Footer.Text)
		}
		if e.Author != nil {
			tooLong(at+".author.name", e.Author.Name, maxAuthorName)
			total += utf8.RuneCountInString(e.Author.Name)
		}
	}
	if total > maxEmbedTotal {
		errs = append(errs, fmt.Errorf("embeds have %d characters in all, Discord allows %d", total, maxEmbedTotal))
	}
	if mentions {
		if err := checkAllowedMentions(m.AllowedMentions); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkAllowedMentions insists on a literal empty list: a missing parse, or
// null, is not the explicit "mention nobody" the house style asks for.
func checkAllowedMentions(raw *json.RawMessage) error {
	const want = `want "allowed_mentions": {"parse": []}`
	if raw == nil || string(*raw) == "null" {
		return errors.New("allowed_mentions is missing; " + want)
	}
	var am map[string]json.RawMessage
	if err := json.Unmarshal(*raw, &am); err != nil {
		return fmt.Errorf("allowed_mentions: %v; %s", err, want)
	}
	p, ok := am["parse"]
	if !ok {
		return errors.New("allowed_mentions.parse is missing; " + want)
	}
	var parse []json.RawMessage
	if err := json.Unmarshal(p, &parse); err != nil || parse == nil || len(parse) > 0 {
		return fmt.Errorf("allowed_mentions.parse is %s; %s", p, want)
	}
	return nil
}
