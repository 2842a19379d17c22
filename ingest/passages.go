package ingest

import (
	"strings"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Passage sizes in words. Retrieval scores passages, so they should hold one
// idea with enough context to quote: short paragraphs are joined, long ones
// cut.
const (
	minPassageWords = 40
	maxPassageWords = 150
)

// chunk is a run of whole sentences of body[start:end] with its word count.
type chunk struct{ start, end, words int }

// Passages cuts a body into passages of whole sentences, about 40 to 150
// words each, following paragraphs (lines): a paragraph of up to 150 words is
// kept together and joined with the following ones while it is under 40
// words and the join stays within 150; a longer paragraph is cut between
// sentences. A sentence is never split, so one of more than 150 words is a
// passage of its own, and a passage may stay under 40 words when joining it
// to a neighbour would pass 150. Each passage is body[Start:End], which may
// span several paragraphs and the line breaks between them, and carries its
// sentences with their roles and attribution (see Sentences); title is the
// article's, for recognising a headline repeated in the body.
func Passages(title, body string) []parley.Passage {
	paras := paragraphs(body)
	var units []chunk
	for _, para := range paras {
		cs := make([]chunk, len(para))
		for i, s := range para {
			cs[i] = chunk{s.Start, s.End, prose.WordCount(body[s.Start:s.End])}
		}
		units = append(units, splitParagraph(cs)...)
	}

	// Join short units with the ones after them…
	var joined []chunk
	for i := 0; i < len(units); {
		c := units[i]
		for i++; c.words < minPassageWords && i < len(units) && c.words+units[i].words <= maxPassageWords; i++ {
			c = merge(c, units[i])
		}
		joined = append(joined, c)
	}
	// …and a short one still left with the one before it.
	var out []chunk
	for _, c := range joined {
		if n := len(out); n > 0 && c.words < minPassageWords && out[n-1].words+c.words <= maxPassageWords {
			out[n-1] = merge(out[n-1], c)
			continue
		}
		out = append(out, c)
	}

	passages := make([]parley.Passage, len(out))
	for i, c := range out {
		passages[i] = parley.Passage{Seq: i, Start: c.start, End: c.end, Text: body[c.start:c.end]}
	}
	parley.AssignSentences(passages, decide(title, body, paras))
	return passages
}

// paragraphs splits a body into its sentences, grouped by paragraph (line).
func paragraphs(body string) [][]prose.Span {
	var out [][]prose.Span
	prevEnd := 0
	for _, s := range prose.Sentences(body) {
		if n := len(out); n == 0 || strings.Contains(body[prevEnd:s.Start], "\n") {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
		prevEnd = s.End
	}
	return out
}

// splitParagraph groups the sentences of one paragraph into pieces of at
// most maxPassageWords, each sentence whole. A paragraph that must be cut is
// cut into pieces of similar size, so that it does not leave a scrap behind.
func splitParagraph(sentences []chunk) []chunk {
	total := 0
	for _, s := range sentences {
		total += s.words
	}
	pieces := (total + maxPassageWords - 1) / maxPassageWords
	target := total / max(pieces, 1)
	var out []chunk
	for i, s := range sentences {
		if n := len(out); i > 0 {
			cur := out[n-1].words
			over := cur+s.words > maxPassageWords
			// Stop at the target when adding s would take the piece further
			// from it than it is now.
			past := cur >= minPassageWords && cur+s.words-target > target-cur
			if !over && !past {
				out[n-1] = merge(out[n-1], s)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func merge(a, b chunk) chunk { return chunk{a.start, b.end, a.words + b.words} }
