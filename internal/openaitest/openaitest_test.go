package openaitest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley/internal/openaitest"
	openai "github.com/sashabaranov/go-openai"
)

func client(srv *openaitest.Server, key string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = srv.URL()
	return openai.NewClientWithConfig(cfg)
}

func ask(ctx context.Context, c *openai.Client) (openai.ChatCompletionResponse, error) {
	return c.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model:    "gpt-4o-mini",
		Messages: []openai.ChatCompletionMessage{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Who met in Geneva?"}},
	})
}

func TestReplyAndRecord(t *testing.T) {
	srv := openaitest.New(t, openaitest.WithKey("sk-test"))
	srv.Script(openaitest.Reply("Delegations met in Geneva [1]."))
	resp, err := ask(t.Context(), client(srv, "sk-test"))
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Choices[0].Message.Content; got != "Delegations met in Geneva [1]." {
		t.Errorf("content = %q", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
		t.Errorf("path %q, authorization %q", r.Path, r.Header.Get("Authorization"))
	}
	if r.Chat == nil || r.Chat.Model != "gpt-4o-mini" || len(r.Chat.Messages) != 2 || r.Chat.Messages[1].Content != "Who met in Geneva?" {
		t.Errorf("chat request = %+v", r.Chat)
	}
	// With the queue empty, Default answers.
	srv.Default = func(req openai.ChatCompletionRequest) openaitest.Step {
		return openaitest.Reply("default to " + req.Messages[1].Content)
	}
	resp, err = ask(t.Context(), client(srv, "sk-test"))
	if err != nil || resp.Choices[0].Message.Content != "default to Who met in Geneva?" {
		t.Errorf("default reply = %+v, %v", resp.Choices, err)
	}
}

func TestWrongKey(t *testing.T) {
	srv := openaitest.New(t, openaitest.WithKey("sk-right"))
	_, err := ask(t.Context(), client(srv, "sk-wrong"))
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != http.StatusUnauthorized {
		t.Fatalf("err = %v, want a 401 APIError", err)
	}
}

func TestStream(t *testing.T) {
	srv := openaitest.New(t)
	const text = "The talks in Riyadh ended without a ceasefire, officials said [2]."
	srv.Script(openaitest.Reply(text))
	stream, err := client(srv, "").CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{
		Model: "gpt-4o-mini", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "What happened?"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var parts []string
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Choices) == 1 && resp.Choices[0].Delta.Content != "" {
			parts = append(parts, resp.Choices[0].Delta.Content)
		}
	}
	if len(parts) < 3 || strings.Join(parts, "") != text {
		t.Errorf("chunks %q, want several that join to %q", parts, text)
	}
	if r := srv.ChatRequests(); len(r) != 1 || !r[0].Chat.Stream {
		t.Errorf("stream flag not recorded: %+v", r)
	}
}

func TestFailures(t *testing.T) {
	srv := openaitest.New(t)
	c := client(srv, "")

	srv.Script(openaitest.Status(http.StatusTooManyRequests, "", "Retry-After", "1"))
	_, err := ask(t.Context(), c)
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != http.StatusTooManyRequests {
		t.Errorf("429: err = %v", err)
	}

	srv.Script(openaitest.Status(http.StatusBadGateway, "<html>bad gateway</html>"))
	_, err = ask(t.Context(), c)
	var reqErr *openai.RequestError
	if !errors.As(err, &reqErr) || reqErr.HTTPStatusCode != http.StatusBadGateway {
		t.Errorf("502 with an HTML body: err = %v", err)
	}

	srv.Script(openaitest.Malformed())
	if _, err = ask(t.Context(), c); err == nil {
		t.Error("malformed: no error")
	}

	srv.Script(openaitest.Empty())
	resp, err := ask(t.Context(), c)
	if err != nil || len(resp.Choices) != 1 || resp.Choices[0].Message.Content != "" {
		t.Errorf("empty: %+v, %v", resp, err)
	}

	srv.Script(openaitest.Drop())
	var urlErr *url.Error
	if _, err = ask(t.Context(), c); !errors.As(err, &urlErr) {
		t.Errorf("drop: err = %v, want a *url.Error", err)
	}

	srv.Script(openaitest.Delay(time.Second, openaitest.Reply("late")))
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err = ask(ctx, c); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("delay: err = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 600*time.Millisecond {
		t.Errorf("delay: the client waited %v", d)
	}
}

func TestEmbeddings(t *testing.T) {
	srv := openaitest.New(t)
	srv.Dims = 32
	c := client(srv, "")
	texts := []string{"Ceasefire talks in Geneva", "ceasefire talks, Geneva!", "Grain exports from Odesa"}
	resp, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{Input: texts, Model: "text-embedding-3-small"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != 3 {
		t.Fatalf("%d vectors", len(resp.Data))
	}
	for i, d := range resp.Data {
		if d.Index != i || len(d.Embedding) != 32 {
			t.Errorf("vector %d: index %d, %d dims", i, d.Index, len(d.Embedding))
		}
	}
	same, _ := resp.Data[0].DotProduct(&resp.Data[1])
	other, _ := resp.Data[0].DotProduct(&resp.Data[2])
	if same < 0.8 || other > 0.5 {
		t.Errorf("similarity: same words %.2f, other words %.2f", same, other)
	}
	if r := srv.Requests(); len(r) != 1 || len(r[0].Inputs) != 3 || r[0].Inputs[2] != texts[2] {
		t.Errorf("recorded %+v", r)
	}

	srv.ScriptEmbeddings(openaitest.Status(http.StatusInternalServerError, ""))
	if _, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{Input: texts, Model: "m"}); err == nil {
		t.Error("scripted failure: no error")
	}
}

func TestModels(t *testing.T) {
	srv := openaitest.New(t)
	list, err := client(srv, "").ListModels(t.Context())
	if err != nil || len(list.Models) != 2 || list.Models[0].ID != "gpt-4o-mini" {
		t.Errorf("models = %+v, %v", list, err)
	}
}

// TestAzure points go-openai's Azure configuration at the fake through a
// transport that redirects the resource's host.
func TestAzure(t *testing.T) {
	srv := openaitest.New(t, openaitest.WithKey("azure-key"))
	cfg := openai.DefaultAzureConfig("azure-key", "https://parley.openai.azure.com")
	cfg.HTTPClient = &http.Client{Transport: redirect{srv.Host()}}
	c := openai.NewClientWithConfig(cfg)
	srv.Script(openaitest.Reply("from Azure"))
	resp, err := c.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: "my-deployment", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "hi"}},
	})
	if err != nil || resp.Choices[0].Message.Content != "from Azure" {
		t.Fatalf("azure reply = %+v, %v", resp, err)
	}
	r := srv.Requests()[0]
	if r.Path != "/openai/deployments/my-deployment/chat/completions" || r.Deployment != "my-deployment" ||
		r.Query.Get("api-version") == "" || r.Header.Get("api-key") != "azure-key" {
		t.Errorf("azure request: path %q, deployment %q, query %v, api-key %q", r.Path, r.Deployment, r.Query, r.Header.Get("api-key"))
	}
}

type redirect struct{ host string }

func (rd redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = "http", rd.host
	return http.DefaultTransport.RoundTrip(req)
}
