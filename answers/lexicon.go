package answers

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/parley-bot/parley/prose"
)

// Lexicon is what a library knows of its own words (store.DB has it): which
// words of a question no article contains, and which word a misspelt one
// was meant to be. A Searcher that is also a Lexicon lets the answerer say
// "the articles don't mention Keith Kellogg" instead of quoting what is
// nearest, and read "witkof" as "Witkoff".
type Lexicon interface {
	Unknown(ctx context.Context, words []string) ([]string, error)
	Correct(ctx context.Context, word string) (string, error)
}

// reading is a question as the library reads it: the question with its
// misspellings corrected, what was corrected, and the name the articles
// never mention, if any.
type reading struct {
	text string
	// corrected says what was read as what: "“witkof” as “Witkoff”".
	corrected []string
	// missing is a name or phrase of the question that no article has.
	missing string
	// unknown are the question's words no article has, corrected or not.
	unknown []string
}

// read checks the question's words against the library. Without a
// Lexicon it reads the question as written.
func read(ctx context.Context, s Searcher, question string) (reading, error) {
	r := reading{text: question}
	lex, ok := s.(Lexicon)
	if !ok {
		return r, nil
	}
	toks := prose.Tokens(question)
	keys := prose.Keywords(question)
	var words []string
	for _, t := range keys {
		words = append(words, question[t.Start:t.End])
	}
	unknown, err := lex.Unknown(ctx, words)
	if err != nil || len(unknown) == 0 {
		return r, err
	}
	isUnknown := map[string]bool{}
	for _, w := range unknown {
		isUnknown[w] = true
	}
	var b strings.Builder
	last := 0
	stillUnknown := map[int]bool{} // token index → no article has it, even corrected
	for i, t := range toks {
		w := question[t.Start:t.End]
		if !isUnknown[w] {
			continue
		}
		c, err := lex.Correct(ctx, w)
		if err != nil {
			return r, fmt.Errorf("read the question: %w", err)
		}
		if c == "" {
			stillUnknown[i] = true
			r.unknown = append(r.unknown, w)
			continue
		}
		b.WriteString(question[last:t.Start] + c)
		last = t.End
		r.corrected = append(r.corrected, "“"+w+"” as “"+c+"”")
	}
	b.WriteString(question[last:])
	r.text = b.String()
	r.missing = missingName(question, toks, stillUnknown)
	return r, nil
}

// missingName is the name the articles never mention. In a question written
// with capitals it is an unknown word written with one ("Kellogg", "MPs"):
// the asker's own lower-case words are not names. In a question typed all in
// lower case, where names have no capitals, it is two or more unknown words
// in a row that do not read as an adverb or a verb form ("keith kellogg",
// "champions league", not "reportedly accept"). A single unknown word in
// lower case ("intel", "blowup") may be the asker's word for what the
// articles call otherwise, so it only weighs against answering, as any word
// no sentence has does.
func missingName(question string, toks []prose.Token, unknown map[int]bool) string {
	cased := false
	for _, r := range question[min(1, len(question)):] {
		if unicode.IsUpper(r) {
			cased = true
			break
		}
	}
	for i := 0; i < len(toks); i++ {
		if !unknown[i] {
			continue
		}
		j := i
		for j+1 < len(toks) && unknown[j+1] {
			j++
		}
		if cased {
			for k := i; k <= j; k++ {
				if w := question[toks[k].Start:toks[k].End]; unicode.IsUpper([]rune(w)[0]) {
					return question[toks[i].Start:toks[j].End]
				}
			}
		} else if j > i && !verbal(question, toks[i:j+1]) {
			return question[toks[i].Start:toks[j].End]
		}
		i = j
	}
	return ""
}

// verbal reports whether one of the words reads as an adverb or a verb
// form, which names rarely are.
func verbal(question string, toks []prose.Token) bool {
	for _, t := range toks {
		w := strings.ToLower(question[t.Start:t.End])
		for _, suf := range []string{"ly", "ing", "ed"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
				return true
			}
		}
	}
	return false
}
