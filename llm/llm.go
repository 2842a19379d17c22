// Package llm adapts github.com/sashabaranov/go-openai to the answers
// package's Model and Embedder, for any OpenAI-compatible server: OpenAI,
// Azure OpenAI, Ollama, vLLM, llama.cpp, LM Studio.
//
// It owns the failure handling the answerer relies on: every attempt has a
// timeout, what can be retried (timeouts, 429, 5xx, malformed or empty
// output) is retried with backoff or the server's Retry-After, and never
// past the caller's deadline.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
	openai "github.com/sashabaranov/go-openai"

	"github.com/parley-bot/parley/answers"
)

// Config is the "llm" block of config.json.
type Config struct {
	BaseURL        string
	APIKey         string
	Model          string
	Timeout        time.Duration // of one attempt
	MaxTokens      int
	Temperature    float32
	Stream         bool
	EmbeddingModel string
	// HTTPClient sends the requests; nil means a client with no timeout of
	// its own (deadlines come from the context).
	HTTPClient *http.Client
	// Backoff is the first wait between attempts, doubled each time; zero
	// means 500 ms. Tests shorten it.
	Backoff time.Duration
}

// azureAPIVersion is the Azure OpenAI API version requests name.
const azureAPIVersion = "2024-10-21"

// embedBatch is how many texts one embeddings request carries.
const embedBatch = 64

// Client is a model and embedder behind an OpenAI-compatible API.
type Client struct {
	cfg Config
	api *openai.Client
}

var (
	_ answers.Model    = (*Client)(nil)
	_ answers.Embedder = (*Client)(nil)
)

// Errors the caller can tell apart, and say in a note.
var (
	ErrRefused = errors.New("the model server refused the request")
	ErrEmpty   = errors.New("the model returned no text")
)

// NeedsKey reports whether a server at baseURL needs an API key: OpenAI's
// and Azure's do; a local or self-hosted one usually does not.
func NeedsKey(baseURL string) bool {
	u, err := url.Parse(baseURL)
	if err != nil {
		return true
	}
	h := strings.ToLower(u.Hostname())
	return h == "api.openai.com" || isAzure(h)
}

func isAzure(host string) bool {
	return strings.HasSuffix(host, ".openai.azure.com") || strings.HasSuffix(host, ".cognitiveservices.azure.com")
}

// New makes a client. The model's name is Azure's deployment name there.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("llm.base_url %q: want an http(s) URL such as https://api.openai.com/v1", cfg.BaseURL)
	}
	if cfg.Model == "" {
		return nil, errors.New("llm.model is empty")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	// Retry-After is a header; go-openai's errors carry only the status, so
	// a transport notes the header in the request's hint.
	hc = &http.Client{Transport: hintTransport{next: transportOf(hc)}, Jar: hc.Jar, CheckRedirect: hc.CheckRedirect}
	var oc openai.ClientConfig
	if isAzure(strings.ToLower(u.Hostname())) {
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		oc.APIVersion = azureAPIVersion
		oc.AzureModelMapperFunc = func(model string) string { return model }
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	oc.HTTPClient = hc
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc)}, nil
}

func transportOf(c *http.Client) http.RoundTripper {
	if c.Transport != nil {
		return c.Transport
	}
	return http.DefaultTransport
}

// hint carries a server's Retry-After from the transport to the retry loop.
type hint struct {
	mu         sync.Mutex
	retryAfter time.Duration
}

type hintKey struct{}

type hintTransport struct{ next http.RoundTripper }

func (t hintTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err == nil {
		if h, ok := r.Context().Value(hintKey{}).(*hint); ok {
			if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				h.mu.Lock()
				h.retryAfter = d
				h.mu.Unlock()
			}
		}
	}
	return resp, err
}

// parseRetryAfter reads Retry-After as seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// retry runs attempt until it succeeds, fails for good, or the next wait
// would pass ctx's deadline. Each attempt gets cfg.Timeout at most.
func (c *Client) retry(ctx context.Context, attempt func(ctx context.Context) error) error {
	wait := c.cfg.Backoff
	for {
		h := &hint{}
		actx, cancel := context.WithTimeout(context.WithValue(ctx, hintKey{}, h), c.cfg.Timeout)
		err := attempt(actx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%w (%v)", ctx.Err(), describe(err))
		}
		if !retryable(err) {
			return err
		}
		next := wait
		h.mu.Lock()
		if h.retryAfter > 0 {
			next = h.retryAfter
		}
		h.mu.Unlock()
		if d, ok := ctx.Deadline(); ok && time.Until(d) < next {
			return fmt.Errorf("%s; no time left to retry", describe(err))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(next):
		}
		wait *= 2
	}
}

// retryable: everything but what the server refused for good (4xx other
// than 408 and 429, marked by classify): timeouts, rate limits, server
// errors, broken connections, malformed or empty replies.
func retryable(err error) bool { return !errors.Is(err, ErrRefused) }

func statusOf(err error) int {
	var ae *openai.APIError
	var re *openai.RequestError
	switch {
	case errors.As(err, &ae):
		return ae.HTTPStatusCode
	case errors.As(err, &re):
		return re.HTTPStatusCode
	}
	return 0
}

// describe says what went wrong in a few words, without URLs or keys.
func describe(err error) string {
	switch status := statusOf(err); {
	case status == http.StatusTooManyRequests:
		return "model server busy (429)"
	case status >= 500:
		return fmt.Sprintf("model server error (%d)", status)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Sprintf("the model server refused the API key (%d)", status)
	case status != 0:
		return fmt.Sprintf("the model server refused the request (%d)", status)
	case errors.Is(err, context.DeadlineExceeded):
		return "model timed out"
	case errors.Is(err, ErrEmpty):
		return "model returned no text"
	}
	return "could not reach the model server"
}

// Complete implements answers.Model.
func (c *Client) Complete(ctx context.Context, msgs []answers.Message, onDelta func(string)) (string, error) {
	req := openai.ChatCompletionRequest{
		Model:       c.cfg.Model,
		MaxTokens:   c.cfg.MaxTokens,
		Temperature: c.cfg.Temperature,
	}
	for _, m := range msgs {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	var text string
	err := c.retry(ctx, func(ctx context.Context) error {
		var err error
		if onDelta != nil && c.cfg.Stream {
			text, err = c.stream(ctx, req, onDelta)
		} else {
			text, err = c.once(ctx, req)
		}
		if err != nil {
			return classify(err)
		}
		if strings.TrimSpace(text) == "" {
			return ErrEmpty
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("complete: %s: %w", describe(err), err)
	}
	return text, nil
}

// classify marks the errors that must not be retried.
func classify(err error) error {
	if s := statusOf(err); s >= 400 && s < 500 && s != http.StatusTooManyRequests && s != http.StatusRequestTimeout {
		return fmt.Errorf("%w: %w", ErrRefused, err)
	}
	return err
}

func (c *Client) once(ctx context.Context, req openai.ChatCompletionRequest) (string, error) {
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", ErrEmpty
	}
	return resp.Choices[0].Message.Content, nil
}

func (c *Client) stream(ctx context.Context, req openai.ChatCompletionRequest, onDelta func(string)) (string, error) {
	req.Stream = true
	st, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", err
	}
	defer st.Close()
	var b strings.Builder
	for {
		chunk, err := st.Recv()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		if len(chunk.Choices) > 0 && chunk.Choices[0].Delta.Content != "" {
			b.WriteString(chunk.Choices[0].Delta.Content)
			onDelta(b.String())
		}
	}
}

// Embed implements answers.Embedder, embedBatch texts a request.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if c.cfg.EmbeddingModel == "" {
		return nil, errors.New("embed: llm.embedding_model is not set")
	}
	out := make([][]float32, 0, len(texts))
	for len(texts) > 0 {
		batch := texts[:min(embedBatch, len(texts))]
		texts = texts[len(batch):]
		var resp openai.EmbeddingResponse
		err := c.retry(ctx, func(ctx context.Context) error {
			var err error
			resp, err = c.api.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{Input: batch, Model: openai.EmbeddingModel(c.cfg.EmbeddingModel)})
			if err == nil && len(resp.Data) != len(batch) {
				err = fmt.Errorf("%w: %d embeddings for %d texts", ErrEmpty, len(resp.Data), len(batch))
			}
			return classify(err)
		})
		if err != nil {
			return nil, fmt.Errorf("embed: %s: %w", describe(err), err)
		}
		vecs := make([][]float32, len(batch))
		for _, d := range resp.Data {
			if d.Index >= 0 && d.Index < len(vecs) {
				vecs[d.Index] = d.Embedding
			}
		}
		out = append(out, vecs...)
	}
	return out, nil
}

var (
	encOnce sync.Once
	enc     *tiktoken.Tiktoken
)

// CountTokens counts tokens with OpenAI's o200k_base encoding, whose tables
// are embedded in the binary (tiktoken-go-loader), so counting never needs
// the network. Other models' tokenizers differ by some percent, which a
// budget can absorb. If the encoding cannot load, it falls back to about
// four characters a token.
func CountTokens(text string) int {
	encOnce.Do(func() {
		tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader())
		enc, _ = tiktoken.GetEncoding("o200k_base")
	})
	if enc == nil {
		return len(text)/4 + 1
	}
	return len(enc.Encode(text, nil, nil))
}
