package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/fetch"
)

// Config is the file given by --config (config.json by default, when it
// exists). config.example.json shows every key; the README explains them.
// String values may name environment variables as ${NAME}. The key names
// are a contract: tools outside the project write these files.
type Config struct {
	Database string        `json:"database"`
	Discord  DiscordConfig `json:"discord"`
	Admins   AdminsConfig  `json:"admins"`
	Limits   LimitsConfig  `json:"limits"`
	Log      LogConfig     `json:"log"`
	LLM      *LLMConfig    `json:"llm"`
	Ingest   IngestConfig  `json:"ingest"`
	Outlets  OutletsConfig `json:"outlets"`
}

// OutletsConfig says what Parley tells readers about outlets.
type OutletsConfig struct {
	// StateMedia adds outlets to the built-in list of state media
	// (parley.DefaultStateMedia): outlet name → the state, as the adjective
	// of the label, e.g. "BelTA": "Belarusian" shows "BelTA (Belarusian
	// state media)".
	StateMedia map[string]string `json:"state_media"`
}

// stateMedia is the built-in list of state media with the config's own.
func (c Config) stateMedia() parley.StateMedia {
	return parley.DefaultStateMedia().With(c.Outlets.StateMedia)
}

// IngestConfig sets how articles are fetched from the web and feeds polled.
type IngestConfig struct {
	// AllowPrivateNetworks lets URLs reach loopback and private addresses.
	// Off, a link pasted in Discord cannot make Parley read internal pages.
	AllowPrivateNetworks bool   `json:"allow_private_networks"`
	MaxBytes             int64  `json:"max_bytes"`
	Timeout              string `json:"timeout"`
	UserAgent            string `json:"user_agent"`
	FeedsPollInterval    string `json:"feeds_poll_interval"`
	MaxConcurrentFetches int    `json:"max_concurrent_fetches"`
}

// timeout and pollInterval are the checked durations of the ingest block.
func (c IngestConfig) timeout() time.Duration { d, _ := time.ParseDuration(c.Timeout); return d }
func (c IngestConfig) pollInterval() time.Duration {
	d, _ := time.ParseDuration(c.FeedsPollInterval)
	return d
}

// LLMConfig is the optional language model. Without it, or without a key
// for a server that needs one, answers are extractive.
type LLMConfig struct {
	BaseURL        string   `json:"base_url"`
	APIKey         string   `json:"api_key"`
	Model          string   `json:"model"`
	Timeout        string   `json:"timeout"`
	MaxTokens      int      `json:"max_tokens"`
	Temperature    *float64 `json:"temperature"`
	Stream         *bool    `json:"stream"`
	EmbeddingModel string   `json:"embedding_model"`
}

type DiscordConfig struct {
	Token                string   `json:"token"`
	APIURL               string   `json:"api_url"`
	GuildIDs             []string `json:"guild_ids"`
	AskChannelIDs        []string `json:"ask_channel_ids"`
	MessageContentIntent bool     `json:"message_content_intent"`
}

type AdminsConfig struct {
	UserIDs           []string `json:"user_ids"`
	RoleIDs           []string `json:"role_ids"`
	AllowManageServer *bool    `json:"allow_manage_server"`
}

type LimitsConfig struct {
	QuestionsPerMinute   float64 `json:"questions_per_minute"`
	Burst                int     `json:"burst"`
	MaxConcurrentAnswers int     `json:"max_concurrent_answers"`
}

type LogConfig struct {
	Level  string `json:"level"`
	Format string `json:"format"`
}

// defaults fills what the file leaves out, and the settings that also work
// without a file: DISCORD_TOKEN and PARLEY_DB.
func (c *Config) defaults(getenv func(string) string) {
	if c.Database == "" {
		c.Database = getenv("PARLEY_DB")
	}
	if c.Discord.Token == "" {
		c.Discord.Token = getenv("DISCORD_TOKEN")
	}
	if c.Discord.APIURL == "" {
		c.Discord.APIURL = "https://discord.com"
	}
	if c.Admins.AllowManageServer == nil {
		yes := true
		c.Admins.AllowManageServer = &yes
	}
	if c.Limits.QuestionsPerMinute == 0 {
		c.Limits.QuestionsPerMinute = 6
	}
	if c.Limits.Burst == 0 {
		c.Limits.Burst = 3
	}
	if c.Limits.MaxConcurrentAnswers == 0 {
		c.Limits.MaxConcurrentAnswers = 4
	}
	if c.Log.Level == "" {
		c.Log.Level = "info"
	}
	if c.Log.Format == "" {
		c.Log.Format = "text"
	}
	in := &c.Ingest
	if in.MaxBytes == 0 {
		in.MaxBytes = parley.MaxArticleBytes
	}
	if in.Timeout == "" {
		in.Timeout = "15s"
	}
	if in.UserAgent == "" {
		in.UserAgent = "Parley/" + version + " (+" + projectURL + ")"
	}
	if in.FeedsPollInterval == "" {
		in.FeedsPollInterval = "15m"
	}
	if in.MaxConcurrentFetches == 0 {
		in.MaxConcurrentFetches = fetch.DefaultConcurrent
	}
	if l := c.LLM; l != nil {
		if l.BaseURL == "" {
			l.BaseURL = "https://api.openai.com/v1"
		}
		if l.Model == "" {
			l.Model = "gpt-4o-mini"
		}
		if l.Timeout == "" {
			l.Timeout = "20s"
		}
		if l.MaxTokens == 0 {
			l.MaxTokens = 700
		}
		if l.Temperature == nil {
			t := 0.2
			l.Temperature = &t
		}
		if l.Stream == nil {
			yes := true
			l.Stream = &yes
		}
	}
}

func (c *Config) check() error {
	switch {
	case c.Limits.QuestionsPerMinute < 0:
		return errors.New("limits.questions_per_minute must be positive")
	case c.Limits.Burst < 0:
		return errors.New("limits.burst must be positive")
	case c.Limits.MaxConcurrentAnswers < 0:
		return errors.New("limits.max_concurrent_answers must be positive")
	}
	if l := c.LLM; l != nil {
		if d, err := time.ParseDuration(l.Timeout); err != nil || d <= 0 {
			return fmt.Errorf("llm.timeout %q: use a duration such as 20s", l.Timeout)
		}
		if l.MaxTokens < 0 || *l.Temperature < 0 || *l.Temperature > 2 {
			return errors.New("llm.max_tokens must be positive and llm.temperature between 0 and 2")
		}
	}
	in := c.Ingest
	switch {
	case in.MaxBytes < 0:
		return errors.New("ingest.max_bytes must be positive")
	case in.MaxConcurrentFetches < 0:
		return errors.New("ingest.max_concurrent_fetches must be positive")
	}
	if d, err := time.ParseDuration(in.Timeout); err != nil || d <= 0 {
		return fmt.Errorf("ingest.timeout %q: use a duration such as 15s", in.Timeout)
	}
	if d, err := time.ParseDuration(in.FeedsPollInterval); err != nil || d < time.Minute {
		return fmt.Errorf("ingest.feeds_poll_interval %q: use a duration of a minute or more, such as 15m", in.FeedsPollInterval)
	}
	for name, state := range c.Outlets.StateMedia {
		if strings.TrimSpace(name) == "" || strings.TrimSpace(state) == "" {
			return fmt.Errorf("outlets.state_media %q: %q: give an outlet's name and its state, e.g. \"BelTA\": \"Belarusian\"", name, state)
		}
	}
	switch strings.ToLower(c.Log.Level) {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log.level %q: use debug, info, warn or error", c.Log.Level)
	}
	switch strings.ToLower(c.Log.Format) {
	case "text", "json":
	default:
		return fmt.Errorf("log.format %q: use text or json", c.Log.Format)
	}
	return nil
}

var reEnvRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// loadConfig reads the config file. With no --config, config.json is read
// when it exists and otherwise the defaults apply. Unknown keys are an error
// that names the key, so a typo never silently does nothing. A ${NAME} whose
// variable is unset becomes empty, and the setting falls back to its default
// (so "token": "${DISCORD_TOKEN}" works for commands that need no token).
func loadConfig(path string, explicit bool, getenv func(string) string) (Config, error) {
	var c Config
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := decodeConfig(path, b, &c); err != nil {
			return c, err
		}
		expandEnv(reflect.ValueOf(&c).Elem(), getenv)
	case !explicit && errors.Is(err, fs.ErrNotExist):
	default:
		return c, fmt.Errorf("config: %w", err)
	}
	c.defaults(getenv)
	if err := c.check(); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

func decodeConfig(path string, b []byte, c *Config) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(c)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line := 1 + bytes.Count(b[:se.Offset], []byte("\n"))
		return fmt.Errorf("config %s, line %d: %v", path, line, se)
	case errors.As(err, &te):
		return fmt.Errorf("config %s: %s must be a %s, not a JSON %s", path, te.Field, te.Type, te.Value)
	}
	// encoding/json says `json: unknown field "x"`; keep its key name.
	return fmt.Errorf("config %s: %s", path, strings.TrimPrefix(err.Error(), "json: "))
}

// expandEnv replaces ${NAME} in every string of the config.
func expandEnv(v reflect.Value, getenv func(string) string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(reEnvRef.ReplaceAllStringFunc(v.String(), func(ref string) string {
			return getenv(reEnvRef.FindStringSubmatch(ref)[1])
		}))
	case reflect.Struct:
		for i := range v.NumField() {
			expandEnv(v.Field(i), getenv)
		}
	case reflect.Slice:
		for i := range v.Len() {
			expandEnv(v.Index(i), getenv)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			expandEnv(v.Elem(), getenv)
		}
	}
}
