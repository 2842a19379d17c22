//lint:file-ignore SA1019 the tests check which of max_tokens and max_completion_tokens each server gets

package openai

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	goopenai "github.com/sashabaranov/go-openai"

	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/internal/openaitest"
)

const key = "sk-test-0123456789"

var msgs = []answers.Message{
	{Role: "system", Content: "Answer from the passages only."},
	{Role: "user", Content: "Who met in Geneva?"},
}

// newClient returns a client of srv with the product's defaults, short
// timeouts and a 10 ms backoff, changed by edit.
func newClient(t *testing.T, srv *openaitest.Server, edit func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: srv.URL(), APIKey: key, Model: "gpt-4o-mini", Timeout: 2 * time.Second,
		MaxTokens: 700, Temperature: 0.2, Stream: true, EmbeddingModel: "text-embedding-3-small"}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Backoff = 10 * time.Millisecond
	return c
}

func TestComplete(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t, openaitest.WithKey(key))
	srv.Script(openaitest.Reply("Delegations met in Geneva [1]."))
	got, err := newClient(t, srv, nil).Complete(t.Context(), msgs, nil)
	if err != nil || got != "Delegations met in Geneva [1]." {
		t.Fatalf("Complete = %q, %v", got, err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer "+key {
		t.Errorf("path %q, authorization %q", r.Path, r.Header.Get("Authorization"))
	}
	// A server other than OpenAI's gets max_tokens, all it knows.
	want := goopenai.ChatCompletionRequest{Model: "gpt-4o-mini", MaxTokens: 700, Temperature: 0.2,
		Messages: []goopenai.ChatCompletionMessage{{Role: "system", Content: msgs[0].Content}, {Role: "user", Content: msgs[1].Content}}}
	if diff := cmp.Diff(want, *r.Chat); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
}

func TestCompleteStream(t *testing.T) {
	t.Parallel()
	const text = "Witkoff and Dmitriev met in Geneva on Sunday, the agency reported [1]."
	srv := openaitest.New(t)
	srv.Script(openaitest.Reply(text))
	var seen []string
	got, err := newClient(t, srv, nil).Complete(t.Context(), msgs, func(s string) { seen = append(seen, s) })
	if err != nil || got != text {
		t.Fatalf("Complete = %q, %v", got, err)
	}
	if len(seen) < 3 {
		t.Fatalf("onDelta called %d times, want several", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if !strings.HasPrefix(seen[i], seen[i-1]) || len(seen[i]) <= len(seen[i-1]) {
			t.Errorf("delta %d %q does not grow %q", i, seen[i], seen[i-1])
		}
	}
	if seen[len(seen)-1] != text {
		t.Errorf("last delta %q, want the whole text", seen[len(seen)-1])
	}
	if !srv.Requests()[0].Chat.Stream {
		t.Error("the request did not ask to stream")
	}

	// With streaming off in the config, onDelta is not used.
	srv.Script(openaitest.Reply(text))
	seen = nil
	c := newClient(t, srv, func(c *Config) { c.Stream = false })
	if got, err := c.Complete(t.Context(), msgs, func(s string) { seen = append(seen, s) }); err != nil || got != text || seen != nil {
		t.Errorf("stream off: %q, %v, deltas %q", got, err, seen)
	}
	if srv.Requests()[1].Chat.Stream {
		t.Error("stream off: the request asked to stream")
	}
}

// TestRetried checks that each retryable failure is followed by a second
// attempt, streamed and not.
func TestRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		first openaitest.Step
	}{
		{"500", openaitest.Status(http.StatusInternalServerError, "")},
		{"502 html", openaitest.Status(http.StatusBadGateway, "<html><body>Bad gateway</body></html>")},
		{"503", openaitest.Status(http.StatusServiceUnavailable, "", "Retry-After", "0")},
		{"429", openaitest.Status(http.StatusTooManyRequests, "")},
		{"malformed", openaitest.Malformed()},
		{"empty", openaitest.Empty()},
		{"dropped", openaitest.Drop()},
	} {
		for _, stream := range []bool{false, true} {
			name := tc.name
			if stream {
				name += " stream"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				srv := openaitest.New(t)
				srv.Script(tc.first, openaitest.Reply("Talks resumed [2]."))
				var onDelta func(string)
				if stream {
					onDelta = func(string) {}
				}
				got, err := newClient(t, srv, nil).Complete(t.Context(), msgs, onDelta)
				if err != nil || got != "Talks resumed [2]." {
					t.Errorf("Complete = %q, %v", got, err)
				}
				if n := len(srv.Requests()); n != 2 {
					t.Errorf("%d requests, want 2", n)
				}
			})
		}
	}
}

// TestGiveUp checks that failures that don't mend are returned as the
// right kind, after the right number of attempts, without the key.
func TestGiveUp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		step     openaitest.Step
		kind     error
		attempts int
		says     string
	}{
		{"401", openaitest.Status(http.StatusUnauthorized, `{"error":{"message":"Incorrect API key provided: `+key+`","type":"invalid_request_error","code":"invalid_api_key"}}`),
			errAuth, 1, "the model server refused the API key (401): Incorrect API key provided: [key]"},
		{"403", openaitest.Status(http.StatusForbidden, ""), errAuth, 1, "(403)"},
		{"404", openaitest.Status(http.StatusNotFound, `{"error":{"message":"The model 'gpt-9' does not exist"}}`),
			errRefused, 1, "the model server refused the request (404): The model 'gpt-9' does not exist"},
		{"400", openaitest.Status(http.StatusBadRequest, ""), errRefused, 1, "(400)"},
		{"500 always", openaitest.Status(http.StatusInternalServerError, ""), errServer, maxAttempts, "model server failed (500): Internal Server Error after 5 attempts"},
		{"empty always", openaitest.Empty(), errEmpty, maxAttempts, "model returned no text after 5 attempts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := openaitest.New(t)
			srv.Default = func(goopenai.ChatCompletionRequest) openaitest.Step { return tc.step }
			_, err := newClient(t, srv, nil).Complete(t.Context(), msgs, nil)
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tc.kind) {
				t.Fatalf("err = %v, want an *Error of kind %v", err, tc.kind)
			}
			if e.Attempts != tc.attempts || len(srv.Requests()) != tc.attempts {
				t.Errorf("%d attempts, %d requests, want %d", e.Attempts, len(srv.Requests()), tc.attempts)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err = %q, want it to say %q", err, tc.says)
			}
			if strings.Contains(err.Error(), key) {
				t.Errorf("err = %q holds the API key", err)
			}
		})
	}
}

func TestWrongKey(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t, openaitest.WithKey("sk-the-right-one"))
	_, err := newClient(t, srv, nil).Complete(t.Context(), msgs, nil)
	if !errors.Is(err, errAuth) || len(srv.Requests()) != 1 {
		t.Errorf("err = %v after %d requests, want errAuth after 1", err, len(srv.Requests()))
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)
	srv.Script(openaitest.Status(http.StatusTooManyRequests, "", "Retry-After", "1"), openaitest.Reply("Later [1]."))
	start := time.Now()
	got, err := newClient(t, srv, nil).Complete(t.Context(), msgs, nil)
	took := time.Since(start)
	if err != nil || got != "Later [1]." {
		t.Fatalf("Complete = %q, %v", got, err)
	}
	if took < 950*time.Millisecond || took > 3*time.Second {
		t.Errorf("took %v, want the 1 s the server asked for", took)
	}
}

// TestRetryAfterPastDeadline checks that a wait the deadline can't afford is
// not begun: the 429 comes back at once.
func TestRetryAfterPastDeadline(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)
	srv.Script(openaitest.Status(http.StatusTooManyRequests, `{"error":{"message":"Rate limit reached for gpt-4o-mini"}}`, "Retry-After", "30"))
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	start := time.Now()
	_, err := newClient(t, srv, nil).Complete(ctx, msgs, nil)
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v, want an answer at once", took)
	}
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, errBusy) || !e.NoTime || e.RetryAfter != 30*time.Second {
		t.Fatalf("err = %#v, want errBusy with no time to wait 30 s", err)
	}
	const want = "model server busy (429): Rate limit reached for gpt-4o-mini; it asked to wait 30s, more than the time left"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}

// TestTimeoutBoundsEveryAttempt: Config.Timeout is the model's share of
// one call, not of each attempt, so a server that never replies is given
// up after one timeout, not after five timeouts and the waits between them.
func TestTimeoutBoundsEveryAttempt(t *testing.T) {
	t.Parallel()
	for _, stream := range []bool{false, true} {
		srv := openaitest.New(t)
		srv.Default = func(goopenai.ChatCompletionRequest) openaitest.Step {
			return openaitest.Delay(5*time.Second, openaitest.Reply("late"))
		}
		c := newClient(t, srv, func(c *Config) { c.Timeout = 300 * time.Millisecond })
		var onDelta func(string)
		if stream {
			onDelta = func(string) {}
		}
		start := time.Now()
		_, err := c.Complete(t.Context(), msgs, onDelta)
		if !errors.Is(err, errTimeout) {
			t.Errorf("stream %v: err = %v, want a timeout", stream, err)
		}
		if n := len(srv.Requests()); n != 1 {
			t.Errorf("stream %v: %d requests, want 1: a timed-out attempt leaves no time for another", stream, n)
		}
		// Five attempts of 300 ms with their backoff would take well over
		// two seconds.
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("stream %v: took %v, want about one timeout", stream, took)
		}
	}
}

// TestDeadline checks that a caller's deadline shorter than the timeout
// ends the call on time, as a timeout.
func TestDeadline(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)
	srv.Default = func(goopenai.ChatCompletionRequest) openaitest.Step {
		return openaitest.Delay(5*time.Second, openaitest.Reply("late"))
	}
	c := newClient(t, srv, func(c *Config) { c.Timeout = 2 * time.Second })
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Complete(ctx, msgs, func(string) {})
	took := time.Since(start)
	if !errors.Is(err, errTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a timeout", err)
	}
	if took < 250*time.Millisecond || took > 1500*time.Millisecond {
		t.Errorf("took %v, want the 300 ms deadline", took)
	}
	if err.Error() != "model timed out" {
		t.Errorf("err = %q", err)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)
	srv.Script(openaitest.Delay(5*time.Second, openaitest.Reply("late")))
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := newClient(t, srv, nil).Complete(ctx, msgs, nil)
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("err = %v after %v, want a prompt cancellation", err, time.Since(start))
	}
}

func TestUnreachable(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)
	base := srv.URL()
	c := newClient(t, srv, func(c *Config) { c.BaseURL = "http://127.0.0.1:1/v1" })
	_, err := c.Complete(t.Context(), msgs, nil)
	if !errors.Is(err, errUnreachable) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("err = %v, want errUnreachable", err)
	}
	if strings.Contains(err.Error(), "http://") || strings.Contains(err.Error(), base) {
		t.Errorf("err = %q names the URL", err)
	}
}

func TestRequestShape(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)

	// A zero temperature must reach the server, not be omitted.
	if _, err := newClient(t, srv, func(c *Config) { c.Temperature = 0 }).Complete(t.Context(), msgs, nil); err != nil {
		t.Fatal(err)
	}
	if temp := srv.Requests()[0].Chat.Temperature; temp <= 0 || temp > 1e-30 {
		t.Errorf("temperature 0 sent as %g", temp)
	}

	// OpenAI's own servers get max_completion_tokens for every model; the
	// request is only built here, never sent.
	openai := &Client{cfg: Config{BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", MaxTokens: 700, Temperature: 0.2}}
	if req := openai.chatRequest(msgs); req.MaxCompletionTokens != 700 || req.MaxTokens != 0 || req.Temperature != 0.2 {
		t.Errorf("api.openai.com: max_completion_tokens %d, max_tokens %d, temperature %g", req.MaxCompletionTokens, req.MaxTokens, req.Temperature)
	}

	// Reasoning models take max_completion_tokens and no temperature.
	if _, err := newClient(t, srv, func(c *Config) { c.Model = "o4-mini" }).Complete(t.Context(), msgs, nil); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[1].Chat
	if r.MaxTokens != 0 || r.MaxCompletionTokens != 700 || r.Temperature != 0 {
		t.Errorf("o4-mini: max_tokens %d, max_completion_tokens %d, temperature %g", r.MaxTokens, r.MaxCompletionTokens, r.Temperature)
	}
}

func TestEmbed(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t, openaitest.WithKey(key))
	srv.Dims = 16
	texts := make([]string, 150)
	for i := range texts {
		texts[i] = strings.Repeat("talks ", i%7) + "passage " + string(rune('a'+i%26)) + strings.Repeat(" x", i)
	}
	// The second batch fails once, and is retried.
	srv.ScriptEmbeddings(openaitest.Reply(""), openaitest.Status(http.StatusServiceUnavailable, ""))
	got, err := newClient(t, srv, nil).Embed(t.Context(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(got), len(texts))
	}
	for i, text := range texts {
		if !slices.Equal(got[i], openaitest.Vector(text, 16)) {
			t.Fatalf("vector %d is not the one of its text", i)
		}
	}
	var sizes []int
	for _, r := range srv.Requests() {
		if r.Embedding == nil || string(r.Embedding.Model) != "text-embedding-3-small" || r.Header.Get("Authorization") != "Bearer "+key {
			t.Errorf("request %+v", r)
		}
		sizes = append(sizes, len(r.Inputs))
	}
	if want := []int{64, 64, 64, 22}; !slices.Equal(sizes, want) {
		t.Errorf("batches of %v, want %v (the second one twice)", sizes, want)
	}
}

func TestEmbedFailures(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t)
	c := newClient(t, srv, nil)

	srv.ScriptEmbeddings(openaitest.Empty(), openaitest.Malformed(), openaitest.Reply(""))
	if got, err := c.Embed(t.Context(), []string{"a", "b"}); err != nil || len(got) != 2 {
		t.Errorf("after an empty and a malformed reply: %d vectors, %v", len(got), err)
	}

	srv.ScriptEmbeddings(openaitest.Status(http.StatusNotFound, `{"error":{"message":"model not found"}}`))
	if _, err := c.Embed(t.Context(), []string{"a"}); !errors.Is(err, errRefused) {
		t.Errorf("404: err = %v", err)
	}

	if got, err := c.Embed(t.Context(), nil); err != nil || len(got) != 0 {
		t.Errorf("no texts: %v, %v", got, err)
	}

	c = newClient(t, srv, func(c *Config) { c.EmbeddingModel = "" })
	if _, err := c.Embed(t.Context(), []string{"a"}); !errors.Is(err, errNoEmbeddingModel) {
		t.Errorf("no embedding model: err = %v", err)
	}
}

// TestAzure points an Azure resource's URL at the fake through a transport
// that rewrites the host, and checks the URL shape and the api-key header.
func TestAzure(t *testing.T) {
	t.Parallel()
	srv := openaitest.New(t, openaitest.WithKey(key))
	c := newClient(t, srv, func(c *Config) {
		c.BaseURL = "https://parley-east.openai.azure.com/openai/"
		c.Model = "answers-gpt-4o-mini"
		c.EmbeddingModel = "embed-3-small"
	})
	c.HTTPClient = &http.Client{Transport: redirect{srv.Host()}}
	srv.Script(openaitest.Reply("From Azure [1]."), openaitest.Reply("Streamed from Azure [1]."))
	if got, err := c.Complete(t.Context(), msgs, nil); err != nil || got != "From Azure [1]." {
		t.Fatalf("Complete = %q, %v", got, err)
	}
	if got, err := c.Complete(t.Context(), msgs, func(string) {}); err != nil || got != "Streamed from Azure [1]." {
		t.Fatalf("Complete streamed = %q, %v", got, err)
	}
	if _, err := c.Embed(t.Context(), []string{"ceasefire"}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/openai/deployments/answers-gpt-4o-mini/chat/completions",
		"/openai/deployments/answers-gpt-4o-mini/chat/completions",
		"/openai/deployments/embed-3-small/embeddings",
	}
	reqs := srv.Requests()
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d", len(reqs), len(want))
	}
	for i, r := range reqs {
		if r.Path != want[i] || r.Query.Get("api-version") != AzureAPIVersion ||
			r.Header.Get("api-key") != key || r.Header.Get("Authorization") != "" {
			t.Errorf("request %d: %s?%s api-key %q authorization %q", i, r.Path, r.Query.Encode(), r.Header.Get("api-key"), r.Header.Get("Authorization"))
		}
	}
}

type redirect struct{ host string }

func (rd redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = "http", rd.host
	return http.DefaultTransport.RoundTrip(req)
}

func TestNeedsKey(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]bool{
		"https://api.openai.com/v1":                    true,
		"https://API.OpenAI.com/v1/":                   true,
		"https://parley.openai.azure.com":              true,
		"https://parley.cognitiveservices.azure.com/":  true,
		"http://localhost:11434/v1":                    false,
		"http://127.0.0.1:8080/v1":                     false,
		"http://[::1]:1234/v1":                         false,
		"https://llm.example.org/v1":                   false,
		"https://api.openai.com.example.org/v1":        false,
		"https://openai.azure.com.attacker.example/v1": false,
		"%%%": false,
	} {
		if got := NeedsKey(url); got != want {
			t.Errorf("NeedsKey(%q) = %v, want %v", url, got, want)
		}
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cfg  Config
		fail string
	}{
		{Config{BaseURL: "http://localhost:11434/v1", Model: "llama3.2"}, ""},
		{Config{BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini"}, "needs an API key"},
		{Config{BaseURL: "https://x.openai.azure.com", Model: "dep"}, "needs an API key"},
		{Config{BaseURL: "localhost:11434", Model: "llama3.2"}, "want an http or https URL"},
		{Config{BaseURL: "ftp://user:hunter2@host/v1", Model: "m"}, "want an http or https URL"},
		{Config{BaseURL: "http://localhost:11434/v1"}, "model is empty"},
	} {
		c, err := New(tc.cfg)
		switch {
		case tc.fail == "" && err != nil:
			t.Errorf("New(%+v): %v", tc.cfg, err)
		case tc.fail == "" && c.cfg.Timeout != DefaultTimeout:
			t.Errorf("New(%+v): timeout %v, want the default", tc.cfg, c.cfg.Timeout)
		case tc.fail != "" && (err == nil || !strings.Contains(err.Error(), tc.fail)):
			t.Errorf("New(%+v) = %v, want an error saying %q", tc.cfg, err, tc.fail)
		case err != nil && strings.Contains(err.Error(), "hunter2"):
			t.Errorf("New: %q shows the password", err)
		}
	}
}

func TestRetryAfterHeader(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header []string
		want   time.Duration
		ok     bool
	}{
		{nil, 0, false},
		{[]string{"Retry-After", "1"}, time.Second, true},
		{[]string{"Retry-After", "0.5"}, 500 * time.Millisecond, true},
		{[]string{"Retry-After", "Sun, 22 Nov 2026 12:00:07 GMT"}, 7 * time.Second, true},
		{[]string{"Retry-After", "Sun, 22 Nov 2026 11:59:00 GMT"}, 0, true},
		{[]string{"Retry-After", "soon"}, 0, false},
		{[]string{"Retry-After", "20", "Retry-After-Ms", "1500"}, 1500 * time.Millisecond, true},
	} {
		h := http.Header{}
		for i := 0; i < len(tc.header); i += 2 {
			h.Set(tc.header[i], tc.header[i+1])
		}
		if got, ok := retryAfter(h, now); got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%v) = %v, %v, want %v, %v", h, got, ok, tc.want, tc.ok)
		}
	}
}
