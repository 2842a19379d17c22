// Command parley answers questions about the US–Russia–Ukraine peace
// negotiations from a local library of news articles, quoting them verbatim.
//
// Run `parley --help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, terminal(os.Stderr, false)))
}

// version is Parley's version: set at build time with
// -ldflags "-X main.version=…" (the Dockerfile's VERSION), else read from
// the build information (see buildVersion).
var version = ""

func init() {
	if version == "" {
		bi, _ := debug.ReadBuildInfo()
		version = buildVersion(bi)
	}
}

// buildVersion is the version the build information gives: the module's
// (a tag, or the pseudo-version go build stamps from the checkout's
// commit, "+dirty" when it had changes), else the commit go stamped
// ("07d4370abcde", "+dirty" when modified), else "dev" (a build without
// version control information, such as go run or a copy without .git).
func buildVersion(bi *debug.BuildInfo) string {
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	rev = rev[:min(len(rev), 12)]
	if modified {
		rev += "+dirty"
	}
	return rev
}

// usageError is a mistake in how parley was called; it exits with status 2.
// usage, when set, is the usage text to show after the message (after a
// bad flag, say); otherwise the message points to --help.
type usageError struct{ msg, usage string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// The exit statuses: 0 for success (and for --help asked for), 1 for a
// failure (an article, feed or file not found, a page rejected, an empty
// library asked), 2 for a mistake in how parley was called.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// exitCode reports err on stderr and returns the process exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "parley: %s\n", ue.msg)
		if ue.usage != "" {
			fmt.Fprint(stderr, "\n"+ue.usage)
		} else {
			fmt.Fprintln(stderr, "Run 'parley --help' for usage.")
		}
		return exitUsage
	default:
		fmt.Fprintf(stderr, "parley: %s\n", err)
		return exitFailed
	}
}

// env is everything a command needs from the outside world, so tests can
// run commands in-process.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// tty says stdout is a terminal: a person reads it, rather than a
	// script or a log.
	tty    bool
	global globalFlags
	cfg    *loaded // by config(), once
}

type globalFlags struct {
	db     string
	dbSet  bool // --db given explicitly
	config string
	seed   bool
	// temporary: the library is the command's own, removed when it is
	// done (eval --articles), and not worth telling of.
	temporary bool
}

type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists every subcommand; the order is the order of --help.
var commands []command

func init() {
	commands = []command{
		{"ask", "[--json] QUESTION…", "answer a question with quotes from the articles", cmdAsk},
		{"search", "[--json] [--k N] QUERY…", "show the passages that best match a query", cmdSearch},
		{"add", "[--quiet] PATH|URL…", "add articles: files (.md, .txt, .html), directories, or web pages", cmdAdd},
		{"feed", "add|list|remove|poll", "follow news feeds (RSS, Atom) into the library", cmdFeed},
		{"list", "[--json] [--limit N] [--outlet O] [--since S]", "list the articles in the library, newest first", cmdList},
		{"show", "ID", "show one article with its metadata and text", cmdShow},
		{"remove", "ID…", "remove articles from the library", cmdRemove},
		{"summary", "[--topic T] [--since S] [--until U] [--article ID] [--json]", "what happened: 4–8 sourced bullets", cmdSummary},
		{"timeline", "[--topic T] [--since S] [--until U] [--json]", "dated events, oldest first, with sources", cmdTimeline},
		{"eval", "[--k N] [--json] [--articles DIR] SET.jsonl|DIR…", "measure retrieval and answers on question sets", cmdEval},
		{"reindex", "--embeddings | --merge", "embed the passages that have no embedding (hybrid retrieval); merge the search index", cmdReindex},
		{"serve", "", "run the Discord bot (token from DISCORD_TOKEN or the config)", cmdServe},
		{"feedback", "[--json]", "list the 👍/👎 votes on answers given in Discord", cmdFeedback},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdin: stdin, tty: isTerminal(stdout)}
	e.stdout, e.stderr = terminal(stdout, false), terminal(stderr, true)
	fs := flag.NewFlagSet("parley", flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	defaultDB := "data/parley.db"
	if v := getenv("PARLEY_DB"); v != "" {
		defaultDB = v
	}
	fs.StringVar(&e.global.db, "db", defaultDB, "library file (env PARLEY_DB)")
	fs.StringVar(&e.global.config, "config", "", "config file (default config.json when present)")
	fs.BoolVar(&e.global.seed, "seed", true, "fill a new, empty library with the bundled articles")
	showVersion := fs.Bool("version", false, "print Parley's version and exit")
	fs.Usage = func() { mainUsage(fs) }
	if err := parse(fs, args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { e.global.dbSet = e.global.dbSet || f.Name == "db" })
	if *showVersion {
		fmt.Fprintln(e.stdout, "parley "+version)
		return nil
	}
	if fs.NArg() == 0 {
		return usageError{"no command given", usageText(fs)}
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		if len(rest) == 0 {
			fs.Usage()
			return nil
		}
		// parley help COMMAND [SUBCOMMAND] is COMMAND [SUBCOMMAND] --help.
		name, rest = rest[0], append(rest[1:], "--help")
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(ctx, e, rest)
		}
	}
	return usageError{fmt.Sprintf("unknown command %q", name), usageText(fs)}
}

func mainUsage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, `Parley answers questions about the US–Russia–Ukraine peace negotiations
from a library of news articles, quoting them verbatim with their sources.

Usage: parley [global flags] COMMAND [flags] [arguments]

Commands:
`)
	for _, c := range commands {
		use := c.name + " " + c.args
		if len([]rune(use)) > 34 {
			// Long usages get a line of their own, so the summaries align.
			fmt.Fprintf(w, "  %s\n  %-34s %s\n", use, "", c.summary)
			continue
		}
		fmt.Fprintf(w, "  %-34s %s\n", use, c.summary)
	}
	fmt.Fprint(w, "\nGlobal flags:\n")
	fs.PrintDefaults()
	fmt.Fprint(w, `
Exit status: 0 done, 1 failed (not found, rejected, an empty library…), 2 a usage mistake.
Run 'parley COMMAND --help' for a command's flags.
Example: parley ask "What did Russia agree to in Alaska?"
`)
}

// newFlags makes the FlagSet of a subcommand, with a usage text that names
// it, shown on stdout when asked for (see parse).
func newFlags(e *env, name string) *flag.FlagSet {
	for _, c := range commands {
		if c.name == name {
			return commandFlags(e, name, c.args, capitalize(c.summary)+".")
		}
	}
	return commandFlags(e, name, "", "")
}

// commandFlags makes the FlagSet of the command called name (a subcommand,
// or a subcommand's own, "feed add"), whose usage names its arguments and
// says what it does in help.
func commandFlags(e *env, name, args, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("parley "+name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: parley %s %s\n\n%s\n", name, args, help)
		if hasFlags(fs) {
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// flagsOnly parses the flags of a command that takes no other arguments,
// and says what it takes (usage) when it is given some.
func flagsOnly(fs *flag.FlagSet, args []string, usage string) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("%s", usage)
	}
	return nil
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parse parses args with fs. Help asked for (-h, --help) prints the usage
// on fs's output, stdout, and returns flag.ErrHelp, which exits with 0; a
// bad flag is a usageError that carries the usage, so that the mistake is
// said once, then the usage, on stderr.
func parse(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return err
	}
	return usageError{err.Error(), usageText(fs)}
}

// usageText is fs's usage as text.
func usageText(fs *flag.FlagSet) string {
	var b strings.Builder
	out := fs.Output()
	fs.SetOutput(&b)
	fs.Usage()
	fs.SetOutput(out)
	return b.String()
}

// parseFlags parses a subcommand's flags, wherever they stand among its
// arguments (parley ask "question" --json works), and returns the
// positional arguments. "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
