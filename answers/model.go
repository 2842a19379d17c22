package answers

import "context"

// Message is one message of a chat with a language model.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// Model is a chat model behind an OpenAI-compatible API (answers/openai
// adapts go-openai to it). Complete returns the whole reply; when onDelta is
// not nil the reply is streamed and onDelta gets the text so far as it grows.
// Complete retries what can be retried within ctx's deadline and returns an
// error only when no usable reply came.
type Model interface {
	Complete(ctx context.Context, msgs []Message, onDelta func(soFar string)) (string, error)
}

// Embedder turns texts into vectors, for hybrid retrieval.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}
