package answers

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Verification is what is left of a model's answer once every quote and
// citation in it has been checked against the passages it was given.
type Verification struct {
	Body      string
	Sources   []parley.Source
	Citations []parley.Citation
	Dropped   []parley.Dropped
	// Paragraphs are Body's paragraphs (a model's lines) with the
	// citations of each, for digests whose bullets are lines.
	Paragraphs []parley.Point
}

// quotePairs are the quotation marks a model may use, opening → closing.
var quotePairs = map[rune]rune{'“': '”', '"': '"', '«': '»', '„': '“'}

// reMarker finds citation markers: [3], [1, 2], [1][2] are all read.
var reMarker = regexp.MustCompile(`\[(\d+(?:\s*,\s*\d+)*)\]`)

// minQuoteRunes: a quoted span shorter than this ("no", “5”) is not a
// quotation of anyone; it is left alone rather than checked.
const minQuoteRunes = 3

// Verify checks a model's reply against the passages it was shown, numbered
// from 1. Each sentence keeps only citations within range; each quoted span
// must be verbatim (after prose.Fold) in a cited passage, or in another
// passage, which is then cited instead. A sentence with a quote found in no
// passage, or left with no citation, is dropped, and the reason recorded.
// A kept sentence carries its citations at its end, renumbered by article
// in order of first use.
func Verify(reply string, passages []parley.Hit) Verification {
	var v Verification
	var list sourceList
	var paragraphs []string
	for _, para := range strings.Split(strings.TrimSpace(reply), "\n") {
		var kept []string
		var paraCites []parley.Citation
		for _, text := range sentencesWithMarkers(para) {
			out, cited, cites, reason := verifySentence(text, passages)
			if reason != "" {
				v.Dropped = append(v.Dropped, parley.Dropped{Text: text, Reason: reason})
				continue
			}
			var ns []int
			for _, i := range cited {
				if n := list.number(passages[i-1].Source); !slices.Contains(ns, n) {
					ns = append(ns, n)
				}
			}
			sort.Ints(ns)
			var marks strings.Builder
			for _, n := range ns {
				fmt.Fprintf(&marks, "[%d]", n)
			}
			for _, c := range cites {
				c.N = list.number(c.Source)
				v.Citations = append(v.Citations, c)
				paraCites = append(paraCites, c)
			}
			kept = append(kept, withMarkers(out, marks.String()))
		}
		if len(kept) > 0 {
			paragraphs = append(paragraphs, strings.Join(kept, " "))
			v.Paragraphs = append(v.Paragraphs, parley.Point{Text: paragraphs[len(paragraphs)-1], Citations: paraCites})
		}
	}
	v.Body = strings.Join(paragraphs, "\n\n")
	v.Sources = list.sources
	return v
}

// reOnlyMarkers matches a "sentence" that is nothing but citation markers,
// as in “…game-changing.” [3], where the splitter ends the sentence at the
// closing quote.
var reOnlyMarkers = regexp.MustCompile(`^(\s*\[\d+(?:\s*,\s*\d+)*\])+\s*[.!?]?$`)

// sentencesWithMarkers splits a paragraph into sentences, keeping markers
// that follow a sentence with it.
func sentencesWithMarkers(para string) []string {
	var out []string
	for _, sp := range prose.Sentences(para) {
		text := para[sp.Start:sp.End]
		if n := len(out); n > 0 && reOnlyMarkers.MatchString(text) {
			out[n-1] += " " + text
			continue
		}
		out = append(out, text)
	}
	return out
}

// withMarkers puts citation markers at the end of a sentence, before its
// final full stop (or ! or ?) when it has one outside quotation marks.
func withMarkers(sentence, marks string) string {
	sentence = strings.TrimSpace(sentence)
	if n := len(sentence); n > 0 && strings.ContainsRune(".!?", rune(sentence[n-1])) {
		return strings.TrimRight(sentence[:n-1], " ") + " " + marks + sentence[n-1:]
	}
	return sentence + " " + marks
}

// quoted is a quotation found in a sentence: the text between the marks.
type quoted struct {
	inner      string
	start, end int // of inner, in the sentence
}

// quotations finds the quoted spans of a sentence. An apostrophe is never
// taken for a quotation mark.
func quotations(s string) []quoted {
	var out []quoted
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		closing, ok := quotePairs[r]
		if !ok {
			i += size
			continue
		}
		j := strings.IndexRune(s[i+size:], closing)
		if j < 0 {
			break
		}
		start, end := i+size, i+size+j
		out = append(out, quoted{inner: s[start:end], start: start, end: end})
		i = end + utf8.RuneLen(closing)
	}
	return out
}

// verifySentence checks one sentence. It returns the sentence without its
// markers, the passages (1-based) it cites once checked, the citations of its
// quotes (or, for a sentence that only paraphrases, of the best matching
// sentence of each passage it cites), or why it must be dropped.
func verifySentence(text string, passages []parley.Hit) (string, []int, []parley.Citation, string) {
	var cited []int
	var outOfRange []string
	text = reMarker.ReplaceAllStringFunc(text, func(m string) string {
		for _, f := range strings.Split(m[1:len(m)-1], ",") {
			f = strings.TrimSpace(f)
			i, err := strconv.Atoi(f)
			switch {
			case err != nil || i < 1 || i > len(passages):
				outOfRange = append(outOfRange, "["+f+"]")
			case !slices.Contains(cited, i):
				cited = append(cited, i)
			}
		}
		return ""
	})
	text = strings.Join(strings.Fields(text), " ")
	text = strings.ReplaceAll(strings.ReplaceAll(text, " .", "."), " ,", ",")
	var cites []parley.Citation
	var found []int // passages where the quotes were found
	relocated := false
	for _, q := range quotations(text) {
		inner := strings.TrimSpace(q.inner)
		if utf8.RuneCountInString(inner) < minQuoteRunes {
			continue
		}
		idx, c, ok := locate(inner, passages, cited)
		if !ok {
			return "", nil, nil, fmt.Sprintf("quote not found verbatim in any passage: “%s”", inner)
		}
		relocated = relocated || !slices.Contains(cited, idx)
		if !slices.Contains(found, idx) {
			found = append(found, idx)
		}
		cites = append(cites, c)
	}
	if relocated {
		// Cite where the words are instead of where the model said.
		cited = found
	}
	if len(cited) == 0 {
		reason := "no citation"
		if len(outOfRange) > 0 {
			reason = "citation " + strings.Join(outOfRange, ", ") + " is not one of the passages"
		}
		return "", nil, nil, reason
	}
	if len(cites) == 0 {
		// A paraphrase: its evidence is the sentence of each cited passage
		// that shares the most words with it.
		for _, i := range cited {
			cites = append(cites, evidence(text, &passages[i-1]))
		}
	}
	return text, cited, cites, ""
}

// locate finds a quote in the cited passages first, then in the others.
// Trailing punctuation that the quoting sentence may have pulled inside the
// marks (“…game-changing,”) is tried without when the whole span fails.
func locate(quote string, passages []parley.Hit, cited []int) (int, parley.Citation, bool) {
	candidates := []string{quote}
	if t := strings.TrimRightFunc(quote, func(r rune) bool { return unicode.IsPunct(r) }); t != quote && utf8.RuneCountInString(t) >= minQuoteRunes {
		candidates = append(candidates, t)
	}
	for _, pass := range []bool{true, false} {
		for i := range passages {
			if slices.Contains(cited, i+1) != pass {
				continue
			}
			p := &passages[i]
			for _, cand := range candidates {
				if s, e, ok := prose.FindFolded(p.Text, cand); ok {
					// Words of a caption or a byline are no quote, even verbatim.
					sent, ok := proseAt(p, p.Start+s, p.Start+e)
					if !ok {
						continue
					}
					return i + 1, parley.Citation{Source: p.Source, PassageID: p.ID,
						Quote: p.Text[s:e], Start: p.Start + s, End: p.Start + e, Said: sent.Said}, true
				}
			}
		}
	}
	return 0, parley.Citation{}, false
}

// evidence is the sentence of a passage that best supports a paraphrase.
func evidence(text string, p *parley.Hit) parley.Citation {
	want := map[string]bool{}
	for _, t := range prose.Terms(text) {
		want[t] = true
	}
	best, bestScore := parley.Sentence{Start: p.Start, End: p.End}, -1
	for _, sp := range quotable(p) {
		score := 0
		for _, t := range prose.Terms(p.Text[sp.Start-p.Start : sp.End-p.Start]) {
			if want[t] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	return parley.Citation{Source: p.Source, PassageID: p.ID, Quote: p.Text[best.Start-p.Start : best.End-p.Start],
		Start: best.Start, End: best.End, Said: best.Said}
}

// proseAt returns the prose sentence of a passage that holds the span
// [start, end) of the body, if one does.
func proseAt(p *parley.Hit, start, end int) (parley.Sentence, bool) {
	for _, s := range quotable(p) {
		if s.Start <= start && end <= s.End {
			return s, true
		}
	}
	return parley.Sentence{}, false
}
