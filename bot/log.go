package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// discordgoLog is where discordgo's log lines go: discordgo keeps its
// logger in a package variable, set once (installLog) to a function that
// reads this, so that bots started at once (tests run in parallel) never
// write the variable while discordgo reads it. The last bot to run owns it.
var (
	discordgoLog atomic.Pointer[logRoute]
	installLog   sync.Once
)

// logRoute is a bot's logger and its token, to be blanked out.
type logRoute struct {
	log  *slog.Logger
	bare string
}

// routeDiscordgoLog sends discordgo's own log lines into log, at matching
// levels, with the token blanked out should a line ever contain it.
func routeDiscordgoLog(log *slog.Logger, token string) {
	discordgoLog.Store(&logRoute{log: log, bare: strings.TrimPrefix(token, "Bot ")})
	installLog.Do(func() {
		discordgo.Logger = func(level, _ int, format string, a ...any) {
			r := discordgoLog.Load()
			detail := fmt.Sprintf(format, a...)
			if r.bare != "" {
				detail = strings.ReplaceAll(detail, r.bare, "[token]")
			}
			r.log.Log(context.Background(), discordgoLevel(level), "discordgo", "detail", strings.TrimSpace(detail))
		}
	})
}

func discordgoLevel(level int) slog.Level {
	switch level {
	case discordgo.LogError:
		return slog.LevelError
	case discordgo.LogWarning:
		return slog.LevelWarn
	case discordgo.LogInformational:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}
