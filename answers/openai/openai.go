// Package openai adapts github.com/sashabaranov/go-openai to the answers
// package's Model and Embedder, so that any OpenAI-compatible server can
// write answers and embed passages: OpenAI, Azure OpenAI, Ollama, vLLM,
// llama.cpp, LM Studio. The package is named for the API it speaks; it
// imports go-openai as goopenai.
//
// It owns the failure handling the answerer relies on: every attempt has its
// own timeout, what can be retried (timeouts, 429, 5xx, network errors,
// malformed or empty output) is retried with backoff or after the server's
// Retry-After, never past the caller's deadline, and every failure is an
// *Error whose Kind says in a few words what went wrong.
package openai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/parley-bot/parley/answers"
)

// Config is the "llm" block of config.json.
type Config struct {
	// BaseURL is the API's root, such as https://api.openai.com/v1,
	// http://localhost:11434/v1 (Ollama) or https://NAME.openai.azure.com.
	BaseURL string
	// APIKey is sent as a bearer token, or as api-key to Azure. Local
	// servers need none.
	APIKey string
	// Model is the model's name, or on Azure the deployment's name.
	Model string
	// Timeout bounds the model's share of one call, every attempt and the
	// waits between them together; zero means DefaultTimeout.
	Timeout     time.Duration
	MaxTokens   int
	Temperature float32
	// Stream asks for the reply as it is written, so that a draft can be
	// shown; it takes effect when Complete is given an onDelta.
	Stream bool
	// EmbeddingModel names the embedding model (on Azure, its deployment);
	// empty means Embed is not available.
	EmbeddingModel string
}

// DefaultTimeout bounds an attempt when Config.Timeout is zero: long enough
// for a small hosted model to write 700 tokens, short enough that a stuck
// attempt leaves time to try again.
const DefaultTimeout = 20 * time.Second

// AzureAPIVersion is the Azure OpenAI data-plane version sent as
// api-version: the first stable version with the current chat and
// embedding shapes, which every Azure region serves.
const AzureAPIVersion = "2024-10-21"

// embedBatch caps the texts of one embedding request, well under the
// API's limits on inputs and tokens a request.
const embedBatch = 64

// Client talks to one OpenAI-compatible server.
type Client struct {
	// HTTPClient sends every request. New sets one without an overall
	// timeout, since each attempt's deadline comes from ctx and
	// Config.Timeout; tests point it at a fake server.
	HTTPClient *http.Client
	// Backoff is the wait before the second attempt when the server does
	// not say (Retry-After); it doubles after each attempt, up to
	// maxBackoff.
	Backoff time.Duration

	cfg Config
	api *goopenai.Client
}

var (
	_ answers.Model    = (*Client)(nil)
	_ answers.Embedder = (*Client)(nil)
)

// errNoKey is New's answer when the server needs an API key and the config
// has none; callers that check NeedsKey first never see it.
var errNoKey = errors.New("the model server needs an API key")

// errNoEmbeddingModel is Embed's answer when no embedding model is
// configured.
var errNoEmbeddingModel = errors.New("no embedding model configured")

// New checks cfg and returns a client for it. An Azure host
// (*.openai.azure.com, *.cognitiveservices.azure.com) gets Azure's URL shape
// and api-key header, with cfg.Model as the deployment name.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("llm base_url %q: want an http or https URL such as https://api.openai.com/v1", redact(cfg.BaseURL))
	}
	if cfg.Model == "" {
		return nil, errors.New("llm model is empty")
	}
	if cfg.APIKey == "" && NeedsKey(cfg.BaseURL) {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), errNoKey)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	c := &Client{HTTPClient: &http.Client{}, Backoff: 250 * time.Millisecond, cfg: cfg}
	var oc goopenai.ClientConfig
	if isAzure(u.Hostname()) {
		// go-openai appends /openai/deployments/NAME itself, so a base URL
		// copied with its /openai must lose it.
		base := strings.TrimSuffix(strings.TrimRight(cfg.BaseURL, "/"), "/openai")
		oc = goopenai.DefaultAzureConfig(cfg.APIKey, base)
		oc.APIVersion = AzureAPIVersion
		// The configured name is the deployment's: use it as written, not
		// with go-openai's guess at how a model name maps to one.
		oc.AzureModelMapperFunc = func(model string) string { return model }
	} else {
		oc = goopenai.DefaultConfig(cfg.APIKey)
		oc.BaseURL = cfg.BaseURL
	}
	oc.HTTPClient = doer{c}
	c.api = goopenai.NewClientWithConfig(oc)
	return c, nil
}

// NeedsKey reports whether the server at baseURL refuses requests without
// an API key: OpenAI and Azure do; local servers (Ollama, vLLM, llama.cpp,
// LM Studio) and other hosts are given the benefit of the doubt. The caller
// answers extractively rather than fail every question for want of a key.
func NeedsKey(baseURL string) bool {
	u, err := url.Parse(baseURL)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "api.openai.com" || isAzure(host)
}

func isAzure(host string) bool {
	host = strings.ToLower(host)
	return strings.HasSuffix(host, ".openai.azure.com") || strings.HasSuffix(host, ".cognitiveservices.azure.com")
}

// redact hides a password in a URL that could not be parsed as one, for an
// error message.
func redact(s string) string {
	if at := strings.LastIndex(s, "@"); at >= 0 {
		if scheme := strings.Index(s, "://"); scheme >= 0 && scheme < at {
			return s[:scheme+3] + "…" + s[at:]
		}
	}
	return s
}

// Complete asks the model for a reply to msgs. With onDelta and
// Config.Stream it streams, passing the text so far to onDelta as it grows;
// after a failed attempt the next one starts the text again, so onDelta may
// see a shorter text than before.
func (c *Client) Complete(ctx context.Context, msgs []answers.Message, onDelta func(soFar string)) (string, error) {
	req := c.chatRequest(msgs)
	var reply string
	err := c.retry(ctx, func(ctx context.Context) error {
		var text string
		var err error
		if onDelta != nil && c.cfg.Stream {
			text, err = c.stream(ctx, req, onDelta)
		} else {
			text, err = c.complete(ctx, req)
		}
		if err != nil {
			return err
		}
		reply = text
		return nil
	})
	if err != nil {
		return "", err
	}
	return reply, nil
}

// chatRequest builds the request for msgs with the configured parameters.
func (c *Client) chatRequest(msgs []answers.Message) goopenai.ChatCompletionRequest {
	req := goopenai.ChatCompletionRequest{Model: c.cfg.Model, Temperature: c.cfg.Temperature}
	if NeedsKey(c.cfg.BaseURL) {
		// OpenAI and Azure OpenAI take max_completion_tokens for every
		// model, and deprecate max_tokens.
		req.MaxCompletionTokens = c.cfg.MaxTokens
	} else {
		// Other OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM
		// Studio) know only max_tokens.
		//lint:ignore SA1019 the servers this branch talks to take only the older field
		req.MaxTokens = c.cfg.MaxTokens
	}
	if req.Temperature == 0 {
		// go-openai omits a zero temperature, and the server would then use
		// its default (1 on OpenAI); the smallest float32 is sent instead
		// and means the same as zero to every sampler.
		req.Temperature = math.SmallestNonzeroFloat32
	}
	for _, m := range msgs {
		req.Messages = append(req.Messages, goopenai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	if goopenai.NewReasoningValidator().Validate(req) != nil {
		// Reasoning models (o1, o3, o4, gpt-5…) take max_completion_tokens
		// and refuse any temperature but their own.
		//lint:ignore SA1019 moving the value out of the deprecated field
		req.MaxCompletionTokens, req.MaxTokens, req.Temperature = max(req.MaxCompletionTokens, req.MaxTokens), 0, 0
	}
	return req
}

func (c *Client) complete(ctx context.Context, req goopenai.ChatCompletionRequest) (string, error) {
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", &Error{Kind: errEmpty, Message: "no choices"}
	}
	ch := resp.Choices[0]
	if strings.TrimSpace(ch.Message.Content) == "" {
		return "", &Error{Kind: errEmpty, Message: finishNote(string(ch.FinishReason))}
	}
	return ch.Message.Content, nil
}

func (c *Client) stream(ctx context.Context, req goopenai.ChatCompletionRequest, onDelta func(string)) (string, error) {
	s, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", err
	}
	defer s.Close()
	var b strings.Builder
	var finish string
	for {
		resp, err := s.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		for _, ch := range resp.Choices {
			if ch.Index != 0 {
				continue
			}
			if ch.FinishReason != "" {
				finish = string(ch.FinishReason)
			}
			if ch.Delta.Content != "" {
				b.WriteString(ch.Delta.Content)
				onDelta(b.String())
			}
		}
	}
	if strings.TrimSpace(b.String()) == "" {
		return "", &Error{Kind: errEmpty, Message: finishNote(finish)}
	}
	return b.String(), nil
}

// finishNote says why a reply was empty when the server said so: "length"
// for a reasoning model that spent its tokens thinking, "content_filter"
// for a refusal.
func finishNote(reason string) string {
	if reason == "" || reason == "stop" {
		return ""
	}
	return "finish reason " + reason
}

// Embed returns one vector for each text, in order. It sends at most
// embedBatch texts a request, each batch retried like a completion.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if c.cfg.EmbeddingModel == "" {
		return nil, errNoEmbeddingModel
	}
	out := make([][]float32, len(texts))
	for start := 0; start < len(texts); start += embedBatch {
		batch := texts[start:min(start+embedBatch, len(texts))]
		err := c.retry(ctx, func(ctx context.Context) error {
			resp, err := c.api.CreateEmbeddings(ctx, goopenai.EmbeddingRequestStrings{
				Input: batch, Model: goopenai.EmbeddingModel(c.cfg.EmbeddingModel),
			})
			if err != nil {
				return err
			}
			if len(resp.Data) != len(batch) {
				return &Error{Kind: errMalformed, Message: fmt.Sprintf("%d vectors for %d texts", len(resp.Data), len(batch))}
			}
			vecs := make([][]float32, len(batch))
			for _, d := range resp.Data {
				if d.Index < 0 || d.Index >= len(batch) || vecs[d.Index] != nil || len(d.Embedding) == 0 {
					return &Error{Kind: errMalformed, Message: fmt.Sprintf("bad vector at index %d", d.Index)}
				}
				vecs[d.Index] = d.Embedding
			}
			copy(out[start:], vecs)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("embed texts %d to %d of %d: %w", start+1, start+len(batch), len(texts), err)
		}
	}
	return out, nil
}
