package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// routeDiscordgoLog sends discordgo's own log lines into log, at matching
// levels, with the token blanked out should a line ever contain it.
// discordgo keeps its logger in a package variable, so the last bot to run
// owns it.
func routeDiscordgoLog(log *slog.Logger, token string) {
	bare := strings.TrimPrefix(token, "Bot ")
	discordgo.Logger = func(level, _ int, format string, a ...any) {
		detail := fmt.Sprintf(format, a...)
		if bare != "" {
			detail = strings.ReplaceAll(detail, bare, "[token]")
		}
		log.Log(context.Background(), discordgoLevel(level), "discordgo", "detail", strings.TrimSpace(detail))
	}
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
