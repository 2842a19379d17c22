// Package dates finds the date expressions in a sentence of news prose and
// resolves them against the article's publication date, so that a timeline
// can place an event on the day it happened rather than the day it was
// reported: "on Friday" in an article published Sunday 17 August 2025 is
// 2025-08-15.
//
// Find reads one sentence at a time (split the body with prose.Sentences
// first): whether a sentence speaks of the future decides which way a bare
// weekday or a yearless date points, and a neighbouring sentence's "will" must
// not turn a past "Friday" into next week's.
package dates

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision says how much of a resolved date the text actually gave, so a
// timeline does not present "last week" as a particular day.
type Precision int

const (
	// Day is a single calendar day.
	Day Precision = iota
	// Week is a Monday-to-Sunday week, dated by its Monday.
	Week
	// Month is a calendar month, dated by its first day.
	Month
)

// Mention is one date expression found in a text. Start and End are byte
// offsets, so text[Start:End] == Text and callers can highlight or quote the
// expression in place.
type Mention struct {
	Start, End int
	// Text is the expression as written: "on Friday", "Aug. 15", "in August".
	Text string
	// Date is UTC midnight of the resolved day, of the week's Monday or of
	// the month's first day, depending on Precision.
	Date      time.Time
	Precision Precision
}

// String writes the date at its precision: "2025-08-15", "week of
// 2025-08-11" or "2025-08", so nobody reads a week or a month as a day.
func (m Mention) String() string {
	switch m.Precision {
	case Week:
		return "week of " + m.Date.Format(time.DateOnly)
	case Month:
		return m.Date.Format("2006-01")
	default:
		return m.Date.Format(time.DateOnly)
	}
}

// Find returns the date expressions of text in order of appearance, each
// resolved against the calendar day of published (in published's own
// location). Expressions never overlap: where two readings compete, the one
// that starts first wins, then the longer ("15 August 2025" over "August
// 2025"). Text that is not a date, or names an impossible one ("Feb. 30"),
// yields nothing.
func Find(text string, published time.Time) []Mention {
	return findRules(text, published, true)
}

// findRules is Find; with sift, it runs only the rules whose cues the text has.
func findRules(text string, published time.Time, sift bool) []Mention {
	y, m, d := published.Date()
	s := &sentence{text: text, pub: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	c := cuesOf(text)
	var found []Mention
	for _, r := range rules {
		if sift && r.needs != nil && !r.needs(&c) {
			continue
		}
		for _, loc := range r.re.FindAllStringSubmatchIndex(text, -1) {
			g := match{text: text, loc: loc}
			if !s.bounded(loc[0], loc[1]) {
				continue
			}
			date, prec, ok := r.resolve(s, g)
			if !ok {
				continue
			}
			found = append(found, Mention{Start: loc[0], End: loc[1], Text: text[loc[0]:loc[1]], Date: date, Precision: prec})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].Start != found[j].Start {
			return found[i].Start < found[j].Start
		}
		return found[i].End > found[j].End
	})
	var out []Mention
	for _, f := range found {
		if len(out) > 0 && f.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, f)
	}
	return out
}

// sentence is the text Find reads and what it has learned about it.
type sentence struct {
	text string
	pub  time.Time // UTC midnight of the publication day
	// cues caches tenseCues; nil until first asked.
	cues []cue
}

// match is one regular-expression match with its submatch offsets.
type match struct {
	text string
	loc  []int
}

// group returns submatch i, or "" when it did not take part.
func (g match) group(i int) string {
	if g.loc[2*i] < 0 {
		return ""
	}
	return g.text[g.loc[2*i]:g.loc[2*i+1]]
}

func (g match) start() int { return g.loc[0] }
func (g match) end() int   { return g.loc[1] }

// rule is one shape of date expression and how to resolve it.
type rule struct {
	re      *regexp.Regexp
	resolve func(s *sentence, g match) (time.Time, Precision, bool)
	// needs tells whether a text has what every match of re holds: a
	// digit, a month's first three letters. Most sentences hold no date,
	// and running every rule's expression over each of them was a quarter
	// of an answer's time to a question about a date (docs/benchmarks.md);
	// a rule whose cues a text lacks cannot match it. TestCuesAreNeeded and
	// FuzzCues check that Find finds what every rule run finds.
	needs func(c *cues) bool
}

// cues are what the rules' expressions need of a text, read in one pass.
type cues struct {
	digit    bool // an ASCII digit
	month    bool // "Jan", "Feb", … "Dec": how every capitalised month name, full or short, begins
	weekday  bool // "day", as every English weekday ends
	nonASCII bool // a rune beyond ASCII: each Ukrainian and Russian rule holds a Cyrillic letter
	dash     bool // '-'
	slash    bool // '/'
	// lower is the text in lower case, for the rules that ignore case:
	// strings.ToLower turns every rune (?i) matches an ASCII letter by into
	// that letter, but for ſ (s), which none of those rules' cues holds.
	lower string
}

func cuesOf(text string) cues {
	c := cues{lower: strings.ToLower(text)}
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case '0' <= b && b <= '9':
			c.digit = true
		case b >= utf8.RuneSelf:
			c.nonASCII = true
		case b == '-':
			c.dash = true
		case b == '/':
			c.slash = true
		case i+3 <= len(text) && monthStarts[text[i:i+3]]:
			c.month = true
		case b == 'd' && strings.HasPrefix(text[i:], "day"):
			c.weekday = true
		}
	}
	return c
}

var monthStarts = map[string]bool{
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "May": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Oct": true, "Nov": true, "Dec": true,
}

// The cues of the rules: what every match of each holds.
func dayAndMonth(c *cues) bool { return c.digit && c.month }
func monthName(c *cues) bool   { return c.month }
func weekdayName(c *cues) bool { return c.weekday }
func nearDayWord(c *cues) bool {
	return strings.Contains(c.lower, "day") || strings.Contains(c.lower, "tomorrow")
}
func nearPeriodWord(c *cues) bool {
	return strings.Contains(c.lower, "week") || strings.Contains(c.lower, "month")
}
func agoWord(c *cues) bool     { return strings.Contains(c.lower, "ago") }
func isoDate(c *cues) bool     { return c.digit && c.dash }
func slashDate(c *cues) bool   { return c.digit && c.slash }
func cyrillic(c *cues) bool    { return c.nonASCII }
func cyrillicDay(c *cues) bool { return c.nonASCII && c.digit }

// monthRE matches a capitalised month name, full or abbreviated with an
// optional period ("Aug.", "Sept.", "Sep"). Requiring the capital is what
// keeps "protesters march" and "talks may resume" out.
const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)`

// fullMonthRE matches a full month name other than May, for the bare
// "in August" form: an abbreviation alone is too easily a name ("Jan"), and
// "May" alone is a verb or a name ("Theresa May") far more often than a month.
const fullMonthRE = `(January|February|March|April|June|July|August|September|October|November|December)`

const yearRE = `(?:(?:,\s*|\s+)(\d{4})\b)?`

// rules are the expression shapes Find knows, in no particular order: Find
// sorts and de-overlaps what they match.
var rules = []rule{
	// "Aug. 15", "August 15th", "Nov. 27, 2025", "May 9".
	{regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b` + yearRE), func(s *sentence, g match) (time.Time, Precision, bool) {
		return s.dayOfMonth(g, monthOf(g.group(1)), g.group(2), g.group(3))
	}, dayAndMonth},
	// "15 August", "15th of August", "15 August 2025", "9 May".
	{regexp.MustCompile(`\b(\d{1,2})(?:(?:st|nd|rd|th)\s+of\s+|(?:st|nd|rd|th)?\s+)` + monthRE + yearRE), func(s *sentence, g match) (time.Time, Precision, bool) {
		return s.dayOfMonth(g, monthOf(g.group(2)), g.group(1), g.group(3))
	}, dayAndMonth},
	// "August 2025", "in May 2024".
	{regexp.MustCompile(`(?:\b(?i:in)\s+)?\b` + monthRE + `\s+(\d{4})\b`), func(s *sentence, g match) (time.Time, Precision, bool) {
		y, _ := strconv.Atoi(g.group(2))
		return time.Date(y, monthOf(g.group(1)), 1, 0, 0, 0, 0, time.UTC), Month, true
	}, dayAndMonth},
	// "in August", "since March", "early July", "mid-June", "last August".
	{regexp.MustCompile(`(?:\b(?i:(in))\s+)?(?:\b(?i:(early|late|mid|last|this|next))(?:\s+|-))?\b` + fullMonthRE + `\b`), (*sentence).monthAlone, monthName},
	// "in May", "since May", "late May": May is a month only after a word
	// that dates it ("Theresa May", "May I ask" are not), and not before
	// "'s" ("in May's government").
	{regexp.MustCompile(`(?:\b(?i:(in))\s+)?(?:\b(?i:(early|late|mid|last|this|next))(?:\s+|-))?\b(May)\b`), func(s *sentence, g match) (time.Time, Precision, bool) {
		if rest := s.text[g.end():]; strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			return time.Time{}, 0, false
		}
		return s.monthAlone(g)
	}, monthName},
	// "on Friday", "last Friday", "this Friday", "next Friday", "late Friday".
	{regexp.MustCompile(`\b(?:(?i:(on|last|this|next|early|late))\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`), (*sentence).weekday, weekdayName},
	// "today", "yesterday", "tomorrow", "the day before yesterday".
	{regexp.MustCompile(`(?i)\b(the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow)\b`), (*sentence).nearDay, nearDayWord},
	// "last week", "earlier this month", "next week".
	{regexp.MustCompile(`(?i)\b(?:(?:earlier|later)\s+)?(last|this|next)\s+(week|month)\b`), (*sentence).nearPeriod, nearPeriodWord},
	// "three days ago", "two weeks ago", "six years ago".
	{regexp.MustCompile(`(?i)\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(day|week|month|year)s?\s+ago\b`), (*sentence).ago, agoWord},
	// ISO "2025-08-15".
	{regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`), func(s *sentence, g match) (time.Time, Precision, bool) {
		m, _ := strconv.Atoi(g.group(2))
		return exact(g.group(1), time.Month(m), g.group(3))
	}, isoDate},
	// US "8/15/2025": month first.
	{regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`), func(s *sentence, g match) (time.Time, Precision, bool) {
		m, _ := strconv.Atoi(g.group(1))
		return exact(g.group(3), time.Month(m), g.group(2))
	}, slashDate},
}

// bounded reports whether text[start:end] stands on its own: not inside a
// word ("Augustine", "Sundays", "éFriday") and not part of a longer number
// ("15,000", "1/8/15/2025", "2025-08-15-2").
func (s *sentence) bounded(start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s.text[:start])
	after, _ := utf8.DecodeRuneInString(s.text[end:])
	if isWordRune(before) || isWordRune(after) {
		return false
	}
	if isDigit(s.text[start]) && strings.ContainsRune(".,/-", before) {
		if start >= 2 && isDigit(s.text[start-2]) {
			return false
		}
	}
	if isDigit(s.text[end-1]) && strings.ContainsRune(".,/-", after) && end+1 < len(s.text) && isDigit(s.text[end+1]) {
		return false
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigit(b byte) bool    { return '0' <= b && b <= '9' }

// monthOf reads a month name or abbreviation matched by monthRE.
func monthOf(name string) time.Month {
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(m.String(), name[:3]) {
			return m
		}
	}
	panic("dates: not a month: " + name) // monthRE admits only month names
}

// exact is an ISO or numeric date with its year written out.
func exact(year string, m time.Month, day string) (time.Time, Precision, bool) {
	y, _ := strconv.Atoi(year)
	d, _ := strconv.Atoi(day)
	if !valid(y, m, d) {
		return time.Time{}, 0, false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Day, true
}

// valid rejects impossible days such as February 30 and month 13.
func valid(y int, m time.Month, d int) bool {
	return m >= time.January && m <= time.December && d >= 1 && d <= daysIn(y, m)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// horizon is how far past publication a yearless date in a sentence with no
// future marker may lie and still belong to the publication year. News
// mostly reports what has happened, so "Dec. 28" in an article of 3 January
// is last December; but "Sept. 1" in a mid-August article, with no tense to
// go on, is more likely the coming one than one eleven months ago.
const horizon = 60 * 24 * time.Hour

// dayOfMonth resolves a month and day, with the year when given. Without a
// year, in a sentence that speaks of the future (see futureFor) it is the
// first occurrence on or after publication ("the summit will be held on
// November 27"); otherwise the latest occurrence no more than horizon after
// publication, which is the nearest one, preferring the past. Years four
// either side are tried so that "February 29" finds its leap year.
func (s *sentence) dayOfMonth(g match, m time.Month, day, year string) (time.Time, Precision, bool) {
	d, _ := strconv.Atoi(day)
	if year != "" {
		return exact(year, m, day)
	}
	fut, _ := s.futureFor(g)
	var best time.Time
	for y := s.pub.Year() - 4; y <= s.pub.Year()+4; y++ {
		if !valid(y, m, d) {
			continue
		}
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if fut && !t.Before(s.pub) {
			return t, Day, true
		}
		if !fut && !t.After(s.pub.Add(horizon)) {
			best = t
		}
	}
	return best, Day, !best.IsZero()
}

// prepositions are the words after which a bare month name is taken as a
// date ("since March", "by September"); elsewhere a capitalised month name
// may be a person ("April Ryan", "August Wilson").
var prepositions = map[string]bool{
	"since": true, "until": true, "till": true, "by": true, "from": true, "through": true,
	"throughout": true, "during": true, "before": true, "after": true, "of": true,
	"between": true, "around": true,
	// A determiner before a month names that month's event: "the February
	// talks", "his March call".
	"the": true, "his": true, "her": true, "their": true, "its": true,
}

// monthAlone resolves a month without a day: "in August", "since March",
// "early July", "last August". It needs "in", a modifier or one of
// prepositions before it, and gives way to a following day or year ("in
// August 15", "in August 2025" are read by the other rules).
//
// "last August" is the most recent August before the publication month,
// "this August" the publication year's, "next August" the first after the
// publication month. Otherwise, with a future marker, it is the first such
// month not before the publication month; without, the latest whose last day
// is no more than horizon after publication — a month goes where all its
// days would.
func (s *sentence) monthAlone(g match) (time.Time, Precision, bool) {
	in, mod, m := g.group(1), strings.ToLower(g.group(2)), monthOf(g.group(3))
	if in == "" && mod == "" && !prepositions[previousWord(s.text, g.start())] {
		return time.Time{}, 0, false
	}
	if followedByNumber.MatchString(s.text[g.end():]) {
		return time.Time{}, 0, false
	}
	return s.monthOfYear(g, m, mod)
}

// monthOfYear resolves month m, named alone, to a year as monthAlone
// describes, mod being "last", "this", "next" or "".
func (s *sentence) monthOfYear(g match, m time.Month, mod string) (time.Time, Precision, bool) {
	py, pm := s.pub.Year(), s.pub.Month()
	y := py
	switch {
	case mod == "last":
		if m >= pm {
			y--
		}
	case mod == "this":
	case mod == "next":
		if m <= pm {
			y++
		}
	case s.future(g):
		if m < pm {
			y++
		}
	default:
		for y = py + 1; time.Date(y, m, daysIn(y, m), 0, 0, 0, 0, time.UTC).After(s.pub.Add(horizon)); y-- {
		}
	}
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), Month, true
}

var followedByNumber = regexp.MustCompile(`^,?\s+\d`)

// weekday resolves a weekday name. "last Friday" is the most recent Friday
// strictly before the publication day; "this Friday" the Friday of the
// publication week (Monday to Sunday); "next Friday" the first Friday
// strictly after publication. A bare weekday ("Friday", "on Friday", "late
// Friday") is the most recent such day on or before publication — news
// reports what happened, and "Sunday" in a Sunday paper is that day — unless
// the sentence speaks of the future (see futureFor), when it is the first
// such day strictly after publication.
func (s *sentence) weekday(g match) (time.Time, Precision, bool) {
	var want time.Weekday
	for want = time.Sunday; want.String() != g.group(2); want++ {
	}
	return s.weekdayOf(g, want, strings.ToLower(g.group(1)))
}

// weekdayOf resolves the weekday want that g names with the modifier mod
// ("last", "this", "next", or another word or none for a bare weekday).
func (s *sentence) weekdayOf(g match, want time.Weekday, mod string) (time.Time, Precision, bool) {
	pub := s.pub.Weekday()
	back := (int(pub) - int(want) + 7) % 7 // days back to the latest on or before
	ahead := (int(want) - int(pub) + 7) % 7
	if ahead == 0 {
		ahead = 7
	}
	switch mod {
	case "last":
		if back == 0 {
			back = 7
		}
		return s.pub.AddDate(0, 0, -back), Day, true
	case "this":
		return monday(s.pub).AddDate(0, 0, (int(want)+6)%7), Day, true
	case "next":
		return s.pub.AddDate(0, 0, ahead), Day, true
	}
	// With no tense to go by ("All eyes are now on the meeting at the White
	// House Monday", in a Sunday paper), the nearer of the two, the past
	// on a tie: news names the days of the week it is in.
	if future, decided := s.futureFor(g); future || (!decided && ahead < back) {
		return s.pub.AddDate(0, 0, ahead), Day, true
	}
	return s.pub.AddDate(0, 0, -back), Day, true
}

// monday is the Monday of t's week.
func monday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// nearDay resolves "today", "yesterday", "tomorrow", "the day before
// yesterday" and "the day after tomorrow" from the publication day. A
// capitalised form counts only where a sentence or quotation starts, so the
// names "USA Today" and "Russia Today" are not dates.
func (s *sentence) nearDay(g match) (time.Time, Precision, bool) {
	word := g.group(1)
	if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) && !opensClause(s.text, g.start()) {
		return time.Time{}, 0, false
	}
	var days int
	switch last := strings.ToLower(word[strings.LastIndexFunc(word, unicode.IsSpace)+1:]); {
	case last == "yesterday":
		days = -1
	case last == "tomorrow":
		days = 1
	}
	if strings.HasPrefix(strings.ToLower(word), "the") {
		days *= 2
	}
	return s.pub.AddDate(0, 0, days), Day, true
}

// opensClause reports whether i starts the text, a sentence, a quotation or
// the words after a colon.
func opensClause(text string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case unicode.IsSpace(r) || strings.ContainsRune("“\"‘'([", r):
			i -= n
		case strings.ContainsRune(".!?:", r):
			return true
		default:
			return false
		}
	}
	return true
}

// nearPeriod resolves "last week", "this week", "next week" (Week) and the
// same with "month" (Month), counted from the publication week or month;
// "earlier" and "later" ("earlier this month") narrow nothing we can date.
func (s *sentence) nearPeriod(g match) (time.Time, Precision, bool) {
	step := map[string]int{"last": -1, "this": 0, "next": 1}[strings.ToLower(g.group(1))]
	if strings.EqualFold(g.group(2), "week") {
		return monday(s.pub).AddDate(0, 0, 7*step), Week, true
	}
	return firstOfMonth(s.pub.Year(), s.pub.Month()+time.Month(step)), Month, true
}

// firstOfMonth normalises m (which may lie outside 1–12) into its year.
func firstOfMonth(y int, m time.Month) time.Time {
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20,
}

// ago resolves "N days/weeks/months/years ago" back from publication, at
// the precision the unit allows: days give a Day, weeks the Week they land
// in, months and years the Month ("six years ago" in August 2025 is
// 2019-08). Months are counted on the calendar, so "a month ago" on 31 March
// is February, not early March.
func (s *sentence) ago(g match) (time.Time, Precision, bool) {
	n, ok := numberWords[strings.ToLower(g.group(1))]
	if !ok {
		n, _ = strconv.Atoi(g.group(1))
	}
	switch strings.ToLower(g.group(2)) {
	case "day":
		return s.pub.AddDate(0, 0, -n), Day, true
	case "week":
		return monday(s.pub.AddDate(0, 0, -7*n)), Week, true
	case "month":
		return firstOfMonth(s.pub.Year(), s.pub.Month()-time.Month(n)), Month, true
	default:
		return firstOfMonth(s.pub.Year()-n, s.pub.Month()), Month, true
	}
}
