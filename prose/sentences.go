package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteWordCap is how many words a curly or straight quotation may run before
// the splitter stops trusting it to close; past it sentences split normally,
// so a stray opening quote cannot swallow a paragraph.
const quoteWordCap = 120

// titles are abbreviations that stand before a name and so never end a
// sentence ("Gen. Zaluzhnyi", "Mr. Witkoff").
var titles = setOf(
	"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "sen", "rep",
	"gov", "pres", "prof", "rev", "capt", "maj", "adm", "cmdr", "amb", "hon",
	"vs", "e.g", "i.e", "approx", "cf",
	// Ukrainian and Russian: імені, имени, вулиця, улица, проспект,
	// площадь, генерал, адмирал, профессор, академик, господин, пан.
	"ім", "им", "вул", "ул", "просп", "пр", "пл", "ген", "адм", "проф", "акад", "г-н", "п",
)

// trailingAbbrevs may end a sentence as well as sit inside one ("Acme Inc.
// said", "Acme Inc. The company"); they split only before a common sentence
// opener, like dotted acronyms.
var trailingAbbrevs = setOf("jr", "sr", "inc", "ltd", "co", "corp", "etc", "al",
	// "г." is год after a year and город before a name; "р." рік;
	// "тыс.", "тис.", "млн." and "млрд." before a noun.
	"г", "р", "гг", "рр", "тыс", "тис", "млн", "млрд")

// months are month abbreviations; they do not end a sentence before a number
// ("Nov. 27").
var months = setOf("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// sentenceOpeners are the capitalised words that make a dotted acronym or
// initial likely to end its sentence: "in the U.S. The next day".
var sentenceOpeners = setOf(
	"The", "He", "She", "It", "They", "But", "In", "On", "At", "This", "That",
	"A", "An", "We", "I", "His", "Her", "Their", "Its", "There", "These",
	"Those", "After", "As", "And", "So", "Yet", "However", "Meanwhile", "When",
	"While", "If", "Officials", "Some", "Many", "Both",
	"Он", "Она", "Они", "Это", "Но", "И", "В", "На", "По", "После", "Как",
	"Він", "Вона", "Вони", "Це", "Але", "І", "У", "Після", "Як",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Sentences splits text into sentences as news prose writes them. A line
// break always ends a sentence (each paragraph is a line); inside a line a
// sentence ends after . ! ? or … (with any closing quotes and brackets) when
// white space and an uppercase letter, a digit or an opening quote follow,
// unless the period belongs to a title, an initial, a dotted acronym before
// an ordinary word, or the text is inside a quotation that is still open.
// Spans never include surrounding white space and never cut a word, so the
// answerer can quote whole sentences verbatim.
func Sentences(text string) []Span {
	var spans []Span
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		spans = splitLine(text, start, end, spans)
		start = end + 1
	}
	return spans
}

// splitLine appends the sentences of text[start:end], a single line.
func splitLine(text string, start, end int, spans []Span) []Span {
	add := func(from, to int) {
		from, to = trimSpan(text, from, to)
		if from < to {
			spans = append(spans, Span{from, to})
		}
	}
	sentStart := start
	quoteOpen := false // inside “…” or "…"
	quoteWords := 0    // words since the quotation opened
	prevSpace := true  // the previous rune was white space (or line start)
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			prevSpace = true
			i += size
			continue
		case prevSpace && quoteOpen:
			quoteWords++
		}
		wasSpace := prevSpace
		prevSpace = false
		switch r {
		case '“':
			quoteOpen, quoteWords = true, 0
		case '”':
			quoteOpen = false
		case '"':
			if wasSpace || i == start || isOpenBracket(prevRune(text, i)) {
				quoteOpen, quoteWords = true, 0
			} else {
				quoteOpen = false
			}
		}
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		// Take the whole run of terminators and closers: "?!", "...", ".”)".
		j := i + size
		for j < end {
			c, n := utf8.DecodeRuneInString(text[j:end])
			switch {
			case c == '.' || c == '!' || c == '?' || c == '…':
			case c == '”' || c == '"':
				quoteOpen = false
			case c == '’' || c == '\'' || c == ')' || c == ']' || c == '}':
			default:
				n = 0
			}
			if n == 0 {
				break
			}
			j += n
		}
		if isBoundary(text, sentStart, i, j, end, quoteOpen && quoteWords <= quoteWordCap) {
			add(sentStart, j)
			sentStart = j
			quoteOpen = false
		}
		i = j
	}
	add(sentStart, end)
	return spans
}

// isBoundary reports whether a sentence ends at j, where text[i:j] is a run of
// terminators and closers starting with the terminator at i.
func isBoundary(text string, sentStart, i, j, end int, inQuote bool) bool {
	// Skip the white space that must follow.
	k := j
	for k < end {
		r, n := utf8.DecodeRuneInString(text[k:end])
		if !unicode.IsSpace(r) {
			break
		}
		k += n
	}
	if k == j || k == end {
		// "3.5", "U.S.-led": no space, no boundary; the line end is one anyway.
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[k:end])
	if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !IsOpenQuote(next) && !isOpenBracket(next) {
		return false
	}
	if inQuote {
		return false
	}
	if text[i] != '.' || j-i > 1 && strings.HasPrefix(text[i:j], "..") {
		return true
	}
	// The word the period ends, without leading punctuation.
	w := i
	for w > sentStart {
		r, n := utf8.DecodeLastRuneInString(text[sentStart:w])
		if unicode.IsSpace(r) {
			break
		}
		w -= n
	}
	word := strings.TrimLeftFunc(text[w:i], func(r rune) bool { return IsOpenQuote(r) || isOpenBracket(r) })
	lower := strings.ToLower(word)
	nextWord := strings.TrimLeftFunc(wordAt(text, k, end), IsOpenQuote)
	switch {
	case word == "":
		return true
	case titles[lower]:
		return false
	case months[lower] || lower == "no":
		return !unicode.IsDigit(next)
	case trailingAbbrevs[lower], isInitialOrAcronym(word):
		// The next word keeps its period, so an initial followed by another
		// initial is a name ("J. A. Smith"), not the opener "A".
		return sentenceOpeners[nextWord]
	}
	return true
}

// isInitialOrAcronym reports whether w (without its final period) is a single
// letter ("F" in "John F. Kennedy") or letters joined by periods ("U.S",
// "a.m").
func isInitialOrAcronym(w string) bool {
	if w == "" {
		return false
	}
	letters := 0
	wantLetter := true
	for _, r := range w {
		if wantLetter {
			if !unicode.IsLetter(r) {
				return false
			}
			letters++
		} else if r != '.' {
			return false
		}
		wantLetter = !wantLetter
	}
	if !wantLetter && letters == 1 {
		return unicode.IsUpper([]rune(w)[0])
	}
	return !wantLetter
}

// wordAt returns the run of non-space characters at text[k:end], with
// trailing punctuation other than periods removed.
func wordAt(text string, k, end int) string {
	e := k
	for e < end {
		r, n := utf8.DecodeRuneInString(text[e:end])
		if unicode.IsSpace(r) {
			break
		}
		e += n
	}
	return strings.TrimRightFunc(text[k:e], func(r rune) bool { return r != '.' && unicode.IsPunct(r) })
}

// IsOpenQuote reports whether r opens a quotation: “ " ‘ ' « „.
func IsOpenQuote(r rune) bool {
	switch r {
	case '“', '"', '‘', '\'', '«', '„':
		return true
	}
	return false
}

func isOpenBracket(r rune) bool { return r == '(' || r == '[' || r == '{' }

func prevRune(text string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// trimSpan narrows text[from:to] to exclude white space at either end.
func trimSpan(text string, from, to int) (int, int) {
	for from < to {
		r, n := utf8.DecodeRuneInString(text[from:to])
		if !unicode.IsSpace(r) {
			break
		}
		from += n
	}
	for to > from {
		r, n := utf8.DecodeLastRuneInString(text[from:to])
		if !unicode.IsSpace(r) {
			break
		}
		to -= n
	}
	return from, to
}
