package openai

import (
	"sync"

	"github.com/pkoukk/tiktoken-go"
	tiktokenloader "github.com/pkoukk/tiktoken-go-loader"
)

// encoding is o200k_base, the tokenizer of gpt-4o, gpt-4o-mini, gpt-4.1
// and later OpenAI models. Its tables come from the loader's embedded
// files, never from the network (tiktoken-go's default loader downloads
// them), and are read on first use, since that takes a fraction of a second
// and many runs never count a token. Nil if the tables failed to load.
var encoding = sync.OnceValue(func() *tiktoken.Tiktoken {
	tiktoken.SetBpeLoader(tiktokenloader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding(tiktoken.MODEL_O200K_BASE)
	if err != nil {
		return nil
	}
	return enc
})

// CountTokens counts the tokens of text as OpenAI's current models do, so
// that the passages sent can be capped by a token budget. Other models'
// tokenizers (Llama's, Qwen's) differ by some tenths, which a budget with
// headroom absorbs. Special tokens such as <|endoftext|> in an article are
// counted as plain text. Should the tables ever fail to load, it counts
// about 4 bytes a token, OpenAI's rule of thumb for English.
func CountTokens(text string) int {
	if text == "" {
		return 0
	}
	if enc := encoding(); enc != nil {
		return len(enc.EncodeOrdinary(text))
	}
	return (len(text) + 3) / 4
}
