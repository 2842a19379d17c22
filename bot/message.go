package bot

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// onMessage answers the messages that are questions to Parley: those that
// mention it, DMs, messages in the ask channels and replies to its answers.
func (b *Bot) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	m := mc.Message
	if m.Author == nil || m.Author.Bot || s.State.User == nil || m.Author.ID == s.State.User.ID {
		return
	}
	if !b.begin() {
		return
	}
	defer b.end()
	start := time.Now()
	attrs := []any{"user", m.Author.ID, "guild", m.GuildID, "channel", m.ChannelID, "command", "message"}
	var answered bool
	err := safely(func() (err error) {
		answered, err = b.answerMessage(b.work, m, s.State.User.ID)
		return err
	})
	switch {
	case err != nil:
		text, id := b.describeFailure(err, attrs, prose.QuestionLanguage(stripMention(m.Content, s.State.User.ID)))
		if _, serr := b.sendReply(m, []part{{Content: text}}); serr != nil {
			b.log.Warn("failure notice not sent", append(attrs, "error_id", id, "err", serr.Error())...)
		}
	case answered:
		b.log.Info("message answered", append(attrs, "took_ms", time.Since(start).Milliseconds())...)
	}
}

// answerMessage answers m if it is a question to the bot me, and reports
// whether it was one.
func (b *Bot) answerMessage(ctx context.Context, m *discordgo.Message, me string) (bool, error) {
	mentioned := slices.ContainsFunc(m.Mentions, func(u *discordgo.User) bool { return u.ID == me })
	q, follows := b.question(ctx, m, me)
	if !mentioned && !follows && m.GuildID != "" && !slices.Contains(b.cfg.AskChannelIDs, m.ChannelID) {
		return false, nil
	}
	if q.Text == "" {
		if !mentioned && m.GuildID != "" {
			return false, nil // no content without the message-content intent
		}
		_, err := b.sendReply(m, []part{{Content: helpText}})
		return true, err
	}
	if ok, wait := b.limits.allow(m.Author.ID); !ok {
		_, err := b.sendReply(m, []part{{Content: tooFast(prose.QuestionLanguage(q.Text), wait)}})
		return true, err
	}
	stop := b.keepTyping(m.ChannelID)
	a, id, err := b.compose(ctx, m.Author.ID, q, nil)
	stop()
	if err != nil {
		return true, err
	}
	sent, err := b.sendReply(m, renderAnswer(a, id, b.cfg.StateMedia))
	for _, msg := range sent {
		b.link(ctx, msg.ID, id)
	}
	return true, err
}

// question reads the question in m and, when m replies to one of the bot's
// answers, the earlier exchange it follows.
func (b *Bot) question(ctx context.Context, m *discordgo.Message, me string) (q parley.Question, follows bool) {
	q.Text = stripMention(m.Content, me)
	ref := m.MessageReference
	if ref == nil || ref.MessageID == "" {
		return q, false
	}
	if r := m.ReferencedMessage; r != nil && r.Author != nil && r.Author.ID != me {
		return q, false
	}
	earlier, _, err := b.mem.AnswerForMessage(ctx, ref.MessageID)
	if err != nil || earlier == nil {
		if err != nil && !errors.Is(err, parley.ErrNotFound) {
			b.log.Warn("earlier answer not found", "message", ref.MessageID, "err", err.Error())
		}
		return q, false
	}
	q.Context = earlier.Question + "\n" + earlier.Text
	return q, true
}

// typingEvery renews the typing indicator, which Discord shows for ten
// seconds, while an answer waits and is composed.
const typingEvery = 8 * time.Second

// keepTyping shows that the bot is typing in a channel until stop is called.
func (b *Bot) keepTyping(channelID string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(typingEvery)
		defer t.Stop()
		for {
			if err := b.s.ChannelTyping(channelID); err != nil {
				b.log.Debug("typing indicator not shown", "channel", channelID, "err", err.Error())
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
