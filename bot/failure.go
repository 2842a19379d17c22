package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
)

// tell makes an error whose text the user sees as it is: a parley.Error
// with no Kind, since it is not a failure of the request's input but all
// there is to say.
func tell(format string, a ...any) error { return &parley.Error{Message: fmt.Sprintf(format, a...)} }

// safely runs fn, turning a panic into an error with its stack, so that a
// bug in one handler costs one reply, not the bot.
func safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return fn()
}

// report logs how an interaction went and, when it failed, tells the user.
func (b *Bot) report(c *call, err error, attrs []any) {
	if err == nil {
		b.log.Info("interaction served", attrs...)
		return
	}
	text, id := b.describeFailure(err, attrs, c.language())
	if c.i.Type == discordgo.InteractionApplicationCommandAutocomplete { // no message can be shown
		return
	}
	if serr := c.say(text); serr != nil {
		b.log.Warn("failure notice not sent", append(attrs, "error_id", id, "err", serr)...)
	}
}

// describeFailure logs err and returns what the user is told, in lang, with
// the error id that ties the two together when the detail is only in the
// log.
func (b *Bot) describeFailure(err error, attrs []any, lang string) (text, id string) {
	var told *parley.Error
	switch {
	case errors.As(err, &told) && told.Kind == nil:
		b.log.Info("request declined", append(attrs, "reason", told.Message)...)
		return told.Message, ""
	case errors.Is(err, parley.ErrInvalid):
		b.log.Info("request rejected", append(attrs, "reason", err.Error())...)
		return say(lang, "That was rejected: %s.", plainReason(err)), ""
	}
	id = errorID()
	b.log.Error("request failed", append(attrs, "error_id", id, "err", err.Error())...)
	if errors.Is(err, context.DeadlineExceeded) {
		return say(lang, "That took too long, so I stopped (error %s). Please try again in a while.", id), id
	}
	return say(lang, "Something went wrong on my side (error %s). An admin can find the details in the log.", id), id
}

// plainReason is what the user is told of err (parley.Message), escaped
// for a message and without a full stop of its own.
func plainReason(err error) string {
	return truncate(escapeText(strings.TrimSuffix(parley.Message(err), ".")), 1500)
}

// errorID is a short random id to quote to an admin.
func errorID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
