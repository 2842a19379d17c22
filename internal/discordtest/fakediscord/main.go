// Command fakediscord runs the test fake of Discord (REST and gateway) on
// 127.0.0.1, so that `parley serve` can be tried end to end without a
// Discord account:
//
//	go run ./internal/discordtest/fakediscord -addr 127.0.0.1:8090
//	echo '{"discord": {"api_url": "http://127.0.0.1:8090"}}' > fake.json
//	DISCORD_TOKEN=fake go run ./cmd/parley --config fake.json serve
//
// Without -addr it takes a free port and prints the config line to use.
// Then type at its prompt (help lists the commands):
//
//	ask What did Russia agree to in Alaska?
//	mention What did Rubio say about sanctions?
//	/sources query=talks
//	/timeline since=2025-08-01
//	/summary article=alaska summit
//	press 1
//
// It sends the bot what Discord would, shows what the bot sent back with the
// buttons of each message numbered so that they can be pressed, completes an
// option the bot completes (an article by words of its title) with the
// bot's first suggestion, and prints
// VIOLATION: for any request that breaks Discord's API description or
// limits.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley/internal/discordtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fakediscord:", err)
		os.Exit(1)
	}
}

// run serves the fake until ctx ends; the prompt reads stdin, and what a
// test would fail on goes to stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakediscord", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "`host:port` to listen on; port 0 takes a free one")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q; the only flag is -addr", fs.Args())
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	con := &console{w: stderr}
	defer con.stop()
	srv := discordtest.New(con, discordtest.WithListener(l))
	fmt.Fprintf(stdout, "fake Discord at %s; put this line in a config file (say fake.json):\n\n", srv.URL())
	fmt.Fprintf(stdout, "{\"discord\": {\"api_url\": %q}}\n\n", srv.URL())
	fmt.Fprintln(stdout, "and start the bot with it: DISCORD_TOKEN=fake go run ./cmd/parley --config fake.json serve")
	if err := srv.WaitReady(ctx); err != nil {
		return nil // stopped before the bot came
	}
	fmt.Fprintln(stdout, "bot connected; type help for the commands")

	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdin)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	p := &prompt{srv: srv, out: stdout}
	for {
		fmt.Fprint(stdout, "> ")
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				<-ctx.Done() // stdin closed: keep serving the bot
				return nil
			}
			p.handle(ctx, line)
		}
	}
}

// console stands in for the testing.TB the fake reports to: what a test
// would fail on, it prints.
type console struct {
	testing.TB
	mu       sync.Mutex
	w        io.Writer
	cleanups []func()
}

func (*console) Helper() {}

func (c *console) Cleanup(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cleanups = append(c.cleanups, f)
}

// stop runs the cleanups, last first, as a test's end would: it stops the
// fake.
func (c *console) stop() {
	c.mu.Lock()
	fs := c.cleanups
	c.cleanups = nil
	c.mu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}

func (c *console) Errorf(format string, args ...any) { c.printf("VIOLATION: "+format, args...) }

func (c *console) Fatalf(format string, args ...any) {
	c.printf(format, args...)
	os.Exit(1)
}

func (c *console) printf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.w, format+"\n", args...)
}

// answerWait bounds the wait for the bot's answer, which may take as long
// as the bot's own answer timeout.
const answerWait = 60 * time.Second

// quietFor is how long an answer must stay unchanged to be shown: it may
// come as an edit and followups, or be edited again as it streams.
const quietFor = 500 * time.Millisecond

// prompt is the fake's command line: it plays the user of the default guild
// and remembers the buttons it has shown, numbered from 1 for the session.
type prompt struct {
	srv     *discordtest.Server
	out     io.Writer
	buttons []shownButton
}

type shownButton struct {
	msg     *discordgo.Message
	button  discordgo.Button
	changed bool // the message has been shown again since, changed
}

func (p *prompt) handle(ctx context.Context, line string) {
	verb, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	rest = strings.TrimSpace(rest)
	switch {
	case verb == "":
	case verb == "help":
		p.help()
	case !p.srv.Connected():
		fmt.Fprintln(p.out, "the bot is not connected; start parley serve, or wait for it to reconnect")
	case (verb == "ask" || verb == "mention") && rest == "":
		fmt.Fprintf(p.out, "%s what? type help\n", verb)
	case verb == "ask":
		p.slash(ctx, "/ask question="+rest)
	case verb == "mention":
		p.mention(ctx, rest)
	case strings.HasPrefix(verb, "/"):
		p.slash(ctx, strings.TrimSpace(line))
	case verb == "press":
		p.press(ctx, rest)
	default:
		fmt.Fprintln(p.out, "unknown command; type help")
	}
}

func (p *prompt) help() {
	fmt.Fprintf(p.out, `ask QUESTION          /ask, as the user %s (id %s; list it in admins.user_ids for admin commands)
mention TEXT          a message in the channel that mentions the bot
/NAME [SUB] [opt=v]…  a slash command the bot registered, e.g. /sources query=geneva talks;
                      words for an option the bot completes (/summary article=alaska summit)
                      take its first suggestion
press N | press LABEL press a button shown above as [N] LABEL (the latest with that label)
help                  this list
`, discordtest.DefaultUserName, discordtest.DefaultUserID)
	var usage []string
	for _, guild := range []string{discordtest.DefaultGuildID, ""} {
		for _, c := range p.srv.Commands(guild) {
			if c.Type == 0 || c.Type == discordgo.ChatApplicationCommand {
				usage = append(usage, "  /"+c.Name+optionsUsage(c.Options))
			}
		}
	}
	if len(usage) > 0 {
		fmt.Fprintln(p.out, "the bot's slash commands:\n"+strings.Join(usage, "\n"))
	}
}

// optionsUsage writes a command's options the way the prompt takes them.
func optionsUsage(opts []*discordgo.ApplicationCommandOption) string {
	var subs, args []string
	for _, o := range opts {
		switch {
		case o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup:
			subs = append(subs, o.Name+optionsUsage(o.Options))
		case o.Required:
			args = append(args, o.Name+"=…")
		default:
			args = append(args, "["+o.Name+"=…]")
		}
	}
	switch {
	case len(subs) > 0:
		return " " + strings.Join(subs, " | ")
	case len(args) > 0:
		return " " + strings.Join(args, " ")
	}
	return ""
}

// slash sends the slash command a line such as "/article remove id=3"
// names, typed by the options the bot registered.
func (p *prompt) slash(ctx context.Context, line string) {
	data, err := p.commandData(line)
	if err != nil {
		fmt.Fprintln(p.out, err)
		return
	}
	if o := focusedOption(data.Options); o != nil {
		if !p.complete(ctx, data, o) {
			return
		}
	}
	id, _ := p.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Data: *data})
	p.answer(ctx, id)
}

// complete asks the bot to complete the focused option o of data, as
// Discord does while the user types, and picks its first suggestion, as
// the user would: o then holds the suggestion's value. It says whether
// there was one.
func (p *prompt) complete(ctx context.Context, data *discordgo.ApplicationCommandInteractionData, o *discordgo.ApplicationCommandInteractionDataOption) bool {
	id, _ := p.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
		Type: discordgo.InteractionApplicationCommandAutocomplete, Data: *data})
	st, err := settle(ctx, func() discordtest.InteractionState {
		st, _ := p.srv.Interaction(id)
		return st
	}, func(st discordtest.InteractionState) bool { return len(st.Callbacks) > 0 })
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(p.out, "no suggestions for %s=%v within %v\n", o.Name, o.Value, answerWait)
		return false
	}
	if err != nil {
		return false
	}
	var result struct {
		Choices []struct {
			Name  string          `json:"name"`
			Value json.RawMessage `json:"value"`
		} `json:"choices"`
	}
	if err := json.Unmarshal(st.Callbacks[0].Data, &result); err != nil || len(result.Choices) == 0 {
		fmt.Fprintf(p.out, "the bot suggests nothing for %s=%v\n", o.Name, o.Value)
		return false
	}
	first := result.Choices[0]
	var v any
	d := json.NewDecoder(bytes.NewReader(first.Value))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		fmt.Fprintf(p.out, "the bot's suggestion %q has no value: %v\n", first.Name, err)
		return false
	}
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil && o.Type == discordgo.ApplicationCommandOptionInteger {
			v = i
		} else if f, err := n.Float64(); err == nil {
			v = f
		}
	}
	of := "the only suggestion"
	if n := len(result.Choices); n > 1 {
		of = fmt.Sprintf("the first of %d suggestions", n)
	}
	fmt.Fprintf(p.out, "%s=%v → %s (%s)\n", o.Name, o.Value, first.Name, of)
	o.Value, o.Focused = v, false
	return true
}

// focusedOption returns the option, among opts and their subcommands',
// that is being completed, or nil.
func focusedOption(opts []*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range opts {
		if o.Focused {
			return o
		}
		if f := focusedOption(o.Options); f != nil {
			return f
		}
	}
	return nil
}

func (p *prompt) commandData(line string) (*discordgo.ApplicationCommandInteractionData, error) {
	words := strings.Fields(line)
	name := strings.TrimPrefix(words[0], "/")
	cmd := p.command(name)
	if cmd == nil {
		return nil, fmt.Errorf("the bot registered no /%s; type help for its commands", name)
	}
	data := &discordgo.ApplicationCommandInteractionData{ID: cmd.ID, Name: cmd.Name, CommandType: discordgo.ChatApplicationCommand}
	opts, into, where := cmd.Options, &data.Options, "/"+cmd.Name
	words = words[1:]
	for {
		sub := findOption(opts, firstWord(words))
		if sub == nil || (sub.Type != discordgo.ApplicationCommandOptionSubCommand && sub.Type != discordgo.ApplicationCommandOptionSubCommandGroup) {
			break
		}
		o := &discordgo.ApplicationCommandInteractionDataOption{Name: sub.Name, Type: sub.Type}
		*into = append(*into, o)
		opts, into, where, words = sub.Options, &o.Options, where+" "+sub.Name, words[1:]
	}
	if len(opts) > 0 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		return nil, fmt.Errorf("%s takes one of:%s", where, optionsUsage(opts))
	}
	// Each name=value starts an option; the words after it, up to the next
	// name=value, belong to its value.
	var given []*discordgo.ApplicationCommandOption
	var values []string
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if o := findOption(opts, k); ok && o != nil && !containsOption(given, o) {
			given, values = append(given, o), append(values, v)
			continue
		}
		if len(values) == 0 {
			return nil, fmt.Errorf("%s: %q is not name=value; the options are%s", where, w, optionsUsage(opts))
		}
		values[len(values)-1] += " " + w
	}
	completing := false
	for i, o := range given {
		v, err := optionValue(o, values[i])
		switch {
		case err != nil && o.Autocomplete && !completing:
			// Words for an option the bot completes (an article's id by
			// its title): sent as typed, focused, for the bot to suggest.
			completing = true
			*into = append(*into, &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: o.Type, Value: values[i], Focused: true})
			continue
		case err != nil && o.Autocomplete:
			return nil, fmt.Errorf("%s: %s: give a value; words are completed in one option at a time", where, o.Name)
		case err != nil:
			return nil, fmt.Errorf("%s: %s: %w", where, o.Name, err)
		}
		*into = append(*into, &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: o.Type, Value: v})
	}
	for _, o := range opts {
		if o.Required && !containsOption(given, o) {
			return nil, fmt.Errorf("%s needs %s=…", where, o.Name)
		}
	}
	return data, nil
}

// command finds a chat command the bot registered, in the fake's guild or
// globally.
func (p *prompt) command(name string) *discordgo.ApplicationCommand {
	for _, guild := range []string{discordtest.DefaultGuildID, ""} {
		for _, c := range p.srv.Commands(guild) {
			if c.Name == name && (c.Type == 0 || c.Type == discordgo.ChatApplicationCommand) {
				return c
			}
		}
	}
	return nil
}

func firstWord(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return words[0]
}

func findOption(opts []*discordgo.ApplicationCommandOption, name string) *discordgo.ApplicationCommandOption {
	for _, o := range opts {
		if o.Name == name {
			return o
		}
	}
	return nil
}

func containsOption(opts []*discordgo.ApplicationCommandOption, o *discordgo.ApplicationCommandOption) bool {
	for _, g := range opts {
		if g == o {
			return true
		}
	}
	return false
}

// optionValue is the JSON value Discord sends for an option of this type.
func optionValue(o *discordgo.ApplicationCommandOption, s string) (any, error) {
	switch o.Type {
	case discordgo.ApplicationCommandOptionInteger:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case discordgo.ApplicationCommandOptionNumber:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	case discordgo.ApplicationCommandOptionBoolean:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return b, nil
	case discordgo.ApplicationCommandOptionAttachment:
		return nil, errors.New("the prompt cannot attach files")
	}
	return s, nil
}

// press presses a button shown earlier, by its number or its label.
func (p *prompt) press(ctx context.Context, which string) {
	b, err := p.button(which)
	if err != nil {
		fmt.Fprintln(p.out, err)
		return
	}
	id, _, err := p.srv.Press(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Message: b.msg}, b.button.CustomID)
	if err != nil {
		fmt.Fprintln(p.out, err)
		return
	}
	p.answer(ctx, id)
}

func (p *prompt) button(which string) (shownButton, error) {
	if which == "" {
		return shownButton{}, errors.New("press which? give the number in [ ] or the label")
	}
	if n, err := strconv.Atoi(which); err == nil {
		switch {
		case n < 1 || n > len(p.buttons):
			return shownButton{}, fmt.Errorf("no button [%d]", n)
		case p.buttons[n-1].changed:
			return shownButton{}, fmt.Errorf("button [%d] was on a message that has changed since; press one shown later", n)
		}
		return p.buttons[n-1], nil
	}
	for i := len(p.buttons) - 1; i >= 0; i-- {
		if b := p.buttons[i]; !b.changed && strings.EqualFold(b.button.Label, which) {
			return b, nil
		}
	}
	return shownButton{}, fmt.Errorf("no button labelled %q; press takes the number in [ ] or a label", which)
}

// answer waits for the bot's response to an interaction and shows it.
func (p *prompt) answer(ctx context.Context, id string) {
	st, err := settle(ctx, func() discordtest.InteractionState {
		st, _ := p.srv.Interaction(id)
		return st
	}, func(st discordtest.InteractionState) bool {
		return len(st.Callbacks) > 0 && (st.Original == nil || st.Original.Flags&discordgo.MessageFlagsLoading == 0)
	})
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(p.out, "no answer within %v\n", answerWait)
	case err != nil:
	case st.Original == nil:
		fmt.Fprintf(p.out, "(the bot answered with interaction response type %d, which shows no message)\n", st.Callbacks[0].Type)
	default:
		p.show(st.Original)
		for _, f := range st.Followups {
			p.show(f)
		}
	}
}

// mention posts a message that mentions the bot and shows its replies.
func (p *prompt) mention(ctx context.Context, text string) {
	before := len(p.srv.Messages(discordtest.DefaultChannelID))
	p.srv.SendMessage(&discordgo.Message{
		ChannelID: discordtest.DefaultChannelID, GuildID: discordtest.DefaultGuildID,
		Author:   &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUserName},
		Content:  "<@" + discordtest.DefaultBotID + "> " + text,
		Mentions: []*discordgo.User{{ID: discordtest.DefaultBotID, Username: discordtest.DefaultBotName, Bot: true}},
	})
	replies, err := settle(ctx, func() []*discordgo.Message {
		if msgs := p.srv.Messages(discordtest.DefaultChannelID); len(msgs) > before+1 {
			return msgs[before+1:]
		}
		return nil
	}, func(replies []*discordgo.Message) bool { return len(replies) > 0 })
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(p.out, "no reply within %v\n", answerWait)
	case err == nil:
		for _, m := range replies {
			p.show(m)
		}
	}
}

// settle polls look until ready holds and the value has then stayed the
// same for quietFor, or answerWait passes.
func settle[T any](ctx context.Context, look func() T, ready func(T) bool) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, answerWait)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var last []byte
	var since time.Time
	for {
		v := look()
		b, _ := json.Marshal(v)
		switch {
		case !ready(v):
			last = nil
		case !bytes.Equal(b, last):
			last, since = b, time.Now()
		case time.Since(since) >= quietFor:
			return v, nil
		}
		select {
		case <-ctx.Done():
			return v, ctx.Err()
		case <-tick.C:
		}
	}
}

// show prints a message as Discord's client would show it, and numbers its
// buttons; the buttons of an earlier showing of the same message lapse.
func (p *prompt) show(m *discordgo.Message) {
	if m.Flags&discordgo.MessageFlagsEphemeral != 0 {
		fmt.Fprintln(p.out, "(only you can see this)")
	}
	if m.Content != "" {
		fmt.Fprintln(p.out, m.Content)
	}
	for _, e := range m.Embeds {
		showEmbed(p.out, e)
	}
	for i := range p.buttons {
		if p.buttons[i].msg.ID == m.ID {
			p.buttons[i].changed = true
		}
	}
	var labels []string
	for _, b := range discordtest.Buttons(m) {
		switch {
		case b.Style == discordgo.LinkButton:
			labels = append(labels, b.Label+" <"+b.URL+">")
		case b.Disabled:
			labels = append(labels, b.Label+" (disabled)")
		default:
			p.buttons = append(p.buttons, shownButton{msg: m, button: b})
			labels = append(labels, fmt.Sprintf("[%d] %s", len(p.buttons), b.Label))
		}
	}
	if len(labels) > 0 {
		fmt.Fprintln(p.out, "buttons: "+strings.Join(labels, "  "))
	}
}

// showEmbed prints an embed as a block of lines marked at the left.
func showEmbed(w io.Writer, e *discordgo.MessageEmbed) {
	var lines []string
	if title := strings.TrimSpace(e.Title + " " + angled(e.URL)); title != "" {
		lines = append(lines, title)
	}
	if e.Description != "" {
		lines = append(lines, strings.Split(e.Description, "\n")...)
	}
	for _, f := range e.Fields {
		lines = append(lines, strings.Split(f.Name+": "+f.Value, "\n")...)
	}
	if e.Footer != nil && e.Footer.Text != "" {
		lines = append(lines, e.Footer.Text)
	}
	for _, l := range lines {
		fmt.Fprintln(w, "│ "+l)
	}
}

func angled(url string) string {
	if url == "" {
		return ""
	}
	return "<" + url + ">"
}
