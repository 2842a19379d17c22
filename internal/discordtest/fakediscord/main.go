// Command fakediscord runs the test fake of Discord (REST and gateway) on
// 127.0.0.1, so that `parley serve` can be tried end to end without a
// Discord account:
//
//	go run ./internal/discordtest/fakediscord
//	DISCORD_TOKEN=fake go run ./cmd/parley --config fake.json serve
//
// with "discord": {"api_url": "<the URL it prints>"} in fake.json. Then type
// at its prompt:
//
//	ask What did Russia agree to in Alaska?
//	mention What did Rubio say about sanctions?
//
// and it shows what the bot sent back, and any request that breaks
// Discord's API description or limits.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley/internal/discordtest"
)

// console stands in for the testing.TB the fake reports to: what a test
// would fail on, it prints.
type console struct{ testing.TB }

func (console) Helper()                         {}
func (console) Cleanup(func())                  {}
func (console) Logf(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
func (console) Errorf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "VIOLATION: "+format+"\n", args...)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv := discordtest.New(console{})
	fmt.Printf("fake Discord at %s\nset \"discord\": {\"api_url\": %q} and run parley serve; then type: ask QUESTION, or mention TEXT\n", srv.URL(), srv.URL())
	if err := srv.WaitReady(ctx); err != nil {
		return
	}
	fmt.Println("bot connected")
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case line, ok := <-lines:
			if !ok {
				<-ctx.Done()
				return
			}
			handle(ctx, srv, line)
		}
	}
}

func handle(ctx context.Context, srv *discordtest.Server, line string) {
	verb, text, _ := strings.Cut(strings.TrimSpace(line), " ")
	switch verb {
	case "ask":
		id, _ := srv.SendInteraction(&discordgo.Interaction{
			Type:      discordgo.InteractionApplicationCommand,
			GuildID:   discordtest.DefaultGuildID,
			ChannelID: discordtest.DefaultChannelID,
			Member:    &discordgo.Member{User: &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUserName}, Permissions: 0},
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", CommandType: discordgo.ChatApplicationCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: text}}},
		})
		waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		for waitCtx.Err() == nil {
			if st, _ := srv.Interaction(id); st.Original != nil {
				show(st.Original)
				for _, f := range st.Followups {
					show(f)
				}
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		fmt.Println("no answer within 30 s")
	case "mention":
		before := len(srv.Messages(discordtest.DefaultChannelID))
		srv.SendMessage(&discordgo.Message{
			ChannelID: discordtest.DefaultChannelID, GuildID: discordtest.DefaultGuildID,
			Author:   &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUserName},
			Content:  "<@" + discordtest.DefaultBotID + "> " + text,
			Mentions: []*discordgo.User{{ID: discordtest.DefaultBotID, Username: discordtest.DefaultBotName, Bot: true}},
		})
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if msgs := srv.Messages(discordtest.DefaultChannelID); len(msgs) > before+1 {
				for _, m := range msgs[before+1:] {
					show(m)
				}
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		fmt.Println("no reply within 30 s")
	default:
		fmt.Println("type: ask QUESTION, or mention TEXT")
	}
}

func show(m *discordgo.Message) {
	fmt.Println(m.Content)
	for _, e := range m.Embeds {
		b, _ := json.MarshalIndent(e, "", "  ")
		fmt.Println(string(b))
	}
}
