package bot

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
)

// ask serves /ask. It acknowledges at once, before queueing for a composer,
// so that Discord's three seconds never depend on the queue; the answer
// then replaces the "thinking" response.
func (b *Bot) ask(ctx context.Context, c *call) error {
	q := strings.TrimSpace(stringOption(c.i.ApplicationCommandData().Options, "question"))
	if ok, wait := b.limits.allow(c.userID()); !ok {
		return c.respond(ephemeral(tooFast(c.language(), wait)))
	}
	if err := c.deferReply(false); err != nil {
		return err
	}
	a, id, err := b.compose(ctx, c.userID(), parley.Question{Text: q}, b.drafter(c))
	if err != nil {
		return err
	}
	parts := renderAnswer(a, id, b.cfg.StateMedia)
	m, err := c.edit(parts[0])
	if err != nil {
		return err
	}
	b.link(ctx, m.ID, id)
	for _, p := range parts[1:] {
		m, err := c.followup(p)
		if err != nil {
			return err
		}
		b.link(ctx, m.ID, id)
	}
	return nil
}

// compose answers q, asked by the user asker, in its turn for a composer;
// the answer is saved, with who asked, so that its buttons and replies to
// it can find it.
func (b *Bot) compose(ctx context.Context, asker string, q parley.Question, onDraft func(string)) (*parley.Answer, int64, error) {
	var a *parley.Answer
	err := b.composing(ctx, func(ctx context.Context) (err error) {
		if sa, ok := b.ans.(StreamingAnswerer); ok && onDraft != nil {
			a, err = sa.AskStream(ctx, q, onDraft)
		} else {
			a, err = b.ans.Ask(ctx, q)
		}
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("answer %q: %w", q.Text, err)
	}
	id, err := b.mem.SaveAnswer(ctx, a)
	if err != nil {
		return nil, 0, fmt.Errorf("save answer: %w", err)
	}
	if err := b.mem.SetAsker(ctx, id, b.userHash(asker)); err != nil {
		return nil, 0, fmt.Errorf("save answer: %w", err)
	}
	return a, id, nil
}

// composing waits its turn for one of the composers, in order of arrival,
// and runs fn within the answer timeout. Answers, summaries and timelines
// share the composers, so that none of them can crowd out the others.
func (b *Bot) composing(ctx context.Context, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, tokenLife)
	defer cancel()
	if !b.answers.TryAcquire(1) {
		b.log.Debug("waiting for a composer")
		if err := b.answers.Acquire(ctx, 1); err != nil {
			return fmt.Errorf("wait for a composer: %w", err)
		}
	}
	defer b.answers.Release(1)
	ctx, cancelWork := context.WithTimeout(ctx, answerTimeout)
	defer cancelWork()
	return fn(ctx)
}

// draftEvery is how often a growing draft may replace the last one: fast
// enough to watch, slow enough for Discord's rate limits on edits.
const draftEvery = 1500 * time.Millisecond

// draftNote marks a draft, in lang, so nobody takes unchecked text for the
// answer.
func draftNote(lang string) string {
	return say(lang, "✍️ *Draft: the quotes are still being checked against the articles.*") + "\n\n"
}

// drafter returns the function that shows a model's growing draft in the
// interaction's response, at most once every draftEvery. It runs on the
// composer's goroutine, so the last draft is always edited before the
// verified answer replaces it.
func (b *Bot) drafter(c *call) func(string) {
	var last time.Time
	note := draftNote(c.language())
	return func(draft string) {
		now := b.now()
		if now.Sub(last) < draftEvery {
			return
		}
		last = now
		// The draft's end is what is new; a long one shows its last part.
		text := escapeText(draft)
		if room := maxContent - runeLen(note) - 1; runeLen(text) > room {
			r := []rune(text)
			text = "…" + string(r[len(r)-room+1:])
		}
		if _, err := c.edit(part{Content: note + text}); err != nil {
			b.log.Warn("draft not shown", "err", err.Error())
		}
	}
}

// link remembers that a message belongs to an answer. A failure costs only
// the follow-ups to that message, so it is logged, not reported.
func (b *Bot) link(ctx context.Context, messageID string, answerID int64) {
	if err := b.mem.LinkMessage(ctx, messageID, answerID); err != nil {
		b.log.Warn("message not linked to answer", "message", messageID, "answer", answerID, "err", err.Error())
	}
}

// tooFast tells an over-eager user, in lang, when to ask again: in whole
// seconds, rounded up.
func tooFast(lang string, wait time.Duration) string {
	return say(lang, "You're asking faster than I can answer: try again in %d s.", int(math.Ceil(wait.Seconds())))
}

// helpText answers a bare mention.
const helpText = "Ask me about the US–Russia–Ukraine peace negotiations: mention me with a question, " +
	"reply to one of my answers to follow up, or use /ask. I answer with verbatim quotes from news articles, " +
	"each numbered and linked to its source; /sources lists the articles I have."

// stripMention removes the mentions of the bot, in both their forms, from
// a question.
func stripMention(text, userID string) string {
	text = strings.ReplaceAll(text, "<@"+userID+">", "")
	text = strings.ReplaceAll(text, "<@!"+userID+">", "")
	return strings.TrimSpace(text)
}

// sendReply sends the parts of an answer (or a short text) as a reply to
// message m, the first part referring to it; nobody is pinged.
func (b *Bot) sendReply(m *discordgo.Message, parts []part) ([]*discordgo.Message, error) {
	var sent []*discordgo.Message
	for i, p := range parts {
		embeds, components := nonNil(p)
		send := &discordgo.MessageSend{
			Content:         p.Content,
			Embeds:          embeds,
			Components:      components,
			StickerIDs:      []string{},
			AllowedMentions: noMentions(),
		}
		if i == 0 {
			send.Reference = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
		}
		msg, err := b.s.ChannelMessageSendComplex(m.ChannelID, send)
		if err != nil {
			return sent, fmt.Errorf("send reply in channel %s: %w", m.ChannelID, err)
		}
		sent = append(sent, msg)
	}
	return sent, nil
}
