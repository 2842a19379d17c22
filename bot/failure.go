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

// userError is a failure the user can act on; its text is shown as it is.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

// tell makes an error whose text the user sees.
func tell(format string, a ...any) error { return &userError{fmt.Sprintf(format, a...)} }

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
	text, id := b.describeFailure(err, attrs)
	if c.i.Type == discordgo.InteractionApplicationCommandAutocomplete { // no message can be shown
		return
	}
	if serr := c.say(text); serr != nil {
		b.log.Warn("failure notice not sent", append(attrs, "error_id", id, "err", serr)...)
	}
}

// describeFailure logs err and returns what the user is told, with the
// error id that ties the two together when the detail is only in the log.
func (b *Bot) describeFailure(err error, attrs []any) (text, id string) {
	var ue *userError
	switch {
	case errors.As(err, &ue):
		b.log.Info("request declined", append(attrs, "reason", ue.msg)...)
		return ue.msg, ""
	case errors.Is(err, parley.ErrInvalid):
		b.log.Info("request rejected", append(attrs, "reason", err.Error())...)
		return "That was rejected: " + plainReason(err) + ".", ""
	}
	id = errorID()
	b.log.Error("request failed", append(attrs, "error_id", id, "err", err.Error())...)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("That took too long, so I stopped (error %s). Please try again in a while.", id), id
	}
	return fmt.Sprintf("Something went wrong on my side (error %s). An admin can find the details in the log.", id), id
}

// plainReason is the part of an ErrInvalid or ErrDuplicate error that says
// what was wrong, without the internal context wrapped around it, escaped
// for a message.
func plainReason(err error) string {
	s := err.Error()
	for _, sentinel := range []error{parley.ErrInvalid, parley.ErrDuplicate} {
		marker := sentinel.Error() + ": "
		if i := strings.LastIndex(s, marker); i >= 0 {
			s = s[i+len(marker):]
		}
	}
	return truncate(escapeText(strings.TrimSuffix(s, ".")), 1500)
}

// errorID is a short random id to quote to an admin.
func errorID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
