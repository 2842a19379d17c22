package answers

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// The expressions of each answer type in news prose. A sentence that holds
// one near what the question is about answers it; one that only shares the
// question's words does not.
var (
	numWord = `(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred|hundreds|a dozen|dozens|a few|several|half an?|an?)`
	// reDuration: "nearly five hours", "90 minutes", "a two-hour call",
	// "four and a half hours", "lasted three days".
	reDuration = regexp.MustCompile(`(?i)\b` + numWord + `(?:[\s-]+and[\s-]+a[\s-]+half)?[\s-]+(?:hours?|hrs?|minutes?|mins?)\b|\b(?:hours?|minutes?)[\s-]long\b|\b(?:lasted|lasting|took|ran|went on|dragged on)\b[^.]{0,30}\b(?:hours?|minutes?|days?|weeks?)\b|\ball[\s-]day\b`)
	// reCount: a number with the noun it counts ("314 prisoners", "1,000
	// each", "26 countries").
	reCount = regexp.MustCompile(`(?i)\b(?:\d[\d,.]*(?:\s*(?:thousand|million|billion))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?)\b(?:[\s-]+(?:\p{L}+[\s-]+){0,2}?\p{L}+)?`)
	reYear  = regexp.MustCompile(`^(19|20)\d\d$`)
	// reMoney: "$500 million", "€1.5 billion", "500 million dollars".
	reMoney = regexp.MustCompile(`(?i)[$€£]\s?\d|\b\d[\d,.]*\s*(?:thousand|million|billion|trillion|bn|m)?\s*(?:dollars|euros|pounds|roubles|rubles|hryvnias?|usd|eur)\b`)
	// rePercent: "40%", "40 percent", "per cent".
	rePercent = regexp.MustCompile(`(?i)\d\s?(?:%|percent\b|per cent\b)`)
	// rePlace: a capitalised name after a preposition of place, or a venue.
	rePlace = regexp.MustCompile(`\b(?:in|at|near|inside|outside)\s+(?:the\s+)?(?:[A-Z][\p{L}’'.-]+\s*){1,4}|\b(?i:office|ministry|venue|` + venueWords + `)\b`)
	// reVenue: a building or a site, the most precise answer to "where".
	reVenue = regexp.MustCompile(`\b(?i:` + venueWords + `)\b`)
	// reCityAsked: a question that asks for a city or a country, not a
	// building.
	reCityAsked = regexp.MustCompile(`(?i)\b(city|town|country|capital|nation)\b`)
	// rePerson: a title with a name, or "led by X", "headed by X".
	rePerson = regexp.MustCompile(`(?:\b(?i:sir|president|minister|prime minister|king|queen|pope|secretary|envoy|adviser|advisor|aide|spokesman|spokeswoman|spokesperson|director|chief|head|senator|ambassador|general|chancellor|mayor|negotiator|commander|delegation|deputy|official|representative)\b[\p{L}\s,'’-]{0,40}?\b[A-Z][\p{L}’'-]+\s+[A-Z][\p{L}’'-]+|\b(?i:led|headed|chaired|ran|hosted|mediated|drafted|drew up|wrote|sent|represented|fronted)\b(?:\s+by)?\s+(?:[\p{L}’'-]+\s+){0,4}?[A-Z][\p{L}’'-]+\s+[A-Z][\p{L}’'-]+|[A-Z][\p{L}’'-]+\s+[A-Z][\p{L}’'-]+,?\s+(?i:who|led|headed|chaired|ran|drafted|drew up))`)
	// reReasonCue: causal connectives and the verbs that give reasons.
	reReasonCue = regexp.MustCompile(`(?i)\b(because|since|due to|owing to|as a result|in order to|so that|so as to|reason|citing|cited|in protest|in response to|after|amid|aimed at|to avoid|to prevent|to ensure|to secure|blamed|the aim|the goal|over concerns?|saying)\b`)
	// reStance: an assertion or a denial, what a yes/no question turns on.
	reStance = regexp.MustCompile(`(?i)\b(not|no|never|nothing|without|refused|rejected|declined|denied|cancell?ed|called off|postponed|shelved|dropped|off the table|agreed|accepted|confirmed|approved|signed|did|has|remains?|still|ended|lapsed|expired|yes)\b`)
	// reDeadline: the words that set a time limit, for "by when".
	reDeadline = regexp.MustCompile(`(?i)\b(deadline|ultimatum|by|until|no later than|expires?|runs? out|ran out|set)\b`)
	// reEventTime: a time told by another event ("the day after a
	// ceasefire", "once hostilities end").
	reEventTime = regexp.MustCompile(`(?i)\b(the (day|week|month) (after|before)|once (the|a|an|hostilities|fighting)|as soon as|after (a|the|any) (ceasefire|deal|agreement|peace|truce)|when (a|the) (ceasefire|deal|war|fighting))\b`)
	reQuoteMark = regexp.MustCompile(`[“”"«»]`)
	// reListish: three or more names in a row ("Germany, Finland, Canada
	// and Norway").
	reListish   = regexp.MustCompile(`(?:[A-Z][\p{L}.’'-]+(?:\s+[A-Z][\p{L}.’'-]+)*,\s+){2,}(?:and\s+|or\s+)?[A-Z]`)
	reDateWords = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*|\d{4}-\d\d-\d\d|(next|last|this) (week|month|year|weekend)|deadline|by (the end of|mid-|early|late)|midnight|midday|noon|(first|last) (time|meeting)|(in|for) (over |more than |nearly |almost )?(\d+|two|three|four|five|six|seven|eight|nine|ten|a) (years?|months?|decades?)|\w+ (years?|months?|weeks?|days?) (ago|earlier|before)|\d{1,2}:\d\d|\d{1,2} ?(a\.m\.|p\.m\.|am|pm)|until|from \w+ to)\b`)
)

// titleWords are the titles news prose writes with a capital before a name
// ("CIA Director John Ratcliffe"): they say what a person is, not who.
var titleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("sir president minister secretary envoy adviser advisor aide spokesman spokeswoman spokesperson director chief head senator ambassador general chancellor mayor negotiator commander deputy official representative prime foreign defence defense state king queen pope vice") {
		titleWords[w] = true
	}
}

// typeMatch says how well a sentence holds a value of the wanted type: 1
// for a clear one near what the question is about, less for a weaker sign,
// 0 for none. Open questions get 0 from every sentence: only the words
// decide them.
func typeMatch(q *analysis, s *sentence) float64 {
	v := typeOf(q, s)
	if q.want == typeMoney && v > 0.5 && len(q.counted) > 0 && s.stems != nil && !q.countsAll(s) {
		// "100 billion dollars" of frozen assets, for "what sum of
		// compensation": a sum, but not of what was asked.
		return 0.5
	}
	return v
}

// typeOf is typeMatch before what a sum is of is checked.
func typeOf(q *analysis, s *sentence) float64 {
	if v, ok := slavicTypeMatch(q, s); ok {
		return v
	}
	text := s.text
	switch q.want {
	case typeDuration:
		if reDuration.MatchString(text) {
			return 1
		}
	case typeCount:
		return countMatch(q, s)
	case typeMoney:
		if reMoney.MatchString(text) {
			return 1
		}
		if strings.Contains(text, "million") || strings.Contains(text, "billion") {
			return 0.5
		}
	case typePercent:
		if rePercent.MatchString(text) {
			return 1
		}
	case typeDate:
		dated := len(s.mentions) > 0 || reDateWords.MatchString(text)
		switch {
		case q.deadline && dated && reDeadline.MatchString(text):
			return 1
		case q.deadline && dated:
			return 0.6
		case len(s.mentions) > 0:
			return 1
		case reEventTime.MatchString(text):
			return 0.8
		case dated:
			return 0.7
		}
	case typePlace:
		// The answer is a place the question does not already name:
		// "where in Istanbul" is answered by "at Ciragan Palace".
		best := 0.0
		for _, m := range rePlace.FindAllString(text, -1) {
			if !novel(q, m) && !reVenue.MatchString(m) {
				continue
			}
			// A venue ("at the Élysée Palace", "at Ciragan Palace") says
			// where more precisely than a city or a country ("in Ukraine"),
			// unless the question asks which city or country.
			venue := reVenue.MatchString(m) || strings.HasPrefix(m, "at ")
			if venue != q.cityAsked {
				return 1
			}
			best = 0.9
		}
		if best > 0 {
			return best
		}
	case typePerson, typeIdentity:
		for _, m := range rePerson.FindAllString(text, -1) {
			if novel(q, m) || q.want == typeIdentity {
				// A person new to the question, doing what it asks about
				// ("led by Admiral Igor Kostyukov" for "who was in charge"),
				// is the answer; a person merely named, a weaker one.
				if q.want == typeIdentity || doesAsked(q, s) {
					return 1
				}
				return 0.7
			}
		}
		// News names a person in full once, then by surname: "Dmitriev
		// walked the two Americans around" where the passage has "Kirill
		// Dmitriev".
		if q.want == typePerson {
			for _, w := range surnamesIn(s.text, q.surnames) {
				if novel(q, w) {
					if doesAsked(q, s) {
						return 1
					}
					return 0.7
				}
			}
		}
		if s.said.Speaker != "" {
			return 0.5
		}
	case typeQuote:
		asked := q.askedNames
		switch {
		case s.said.Kind == parley.Direct && len(asked) > 0:
			// The question names whose words it wants: only theirs.
			if saidBy(s.said, asked) {
				return 1
			}
			return 0.3
		case s.said.Kind == parley.Direct && (speakerAsked(q, s.said) || holds(s.said, q.askedRole)):
			return 1
		case s.said.Kind == parley.Direct:
			return 0.6
		case reQuoteMark.MatchString(text) && s.said.Kind == parley.Reported && (saidBy(s.said, asked) || len(asked) == 0 && (speakerAsked(q, s.said) || holds(s.said, q.askedRole))):
			// The outlet's sentence about the person asked for, with their
			// words in quotation marks inside it ("told journalists the
			// talks had been “difficult, but businesslike”").
			return 0.9
		case reQuoteMark.MatchString(text):
			return 0.4
		}
	case typeReason:
		if reReasonCue.MatchString(text) {
			return 1
		}
	case typeYesNo:
		if reStance.MatchString(text) {
			return 0.6
		}
	case typeList:
		if reListish.MatchString(text) {
			return 1
		}
	}
	return 0
}

// countMatch is 1 for a number that counts a thing the question names
// ("how many prisoners" and "314 prisoners"), 0.6 for a number counting
// something else, and 0 for only years and dates.
func countMatch(q *analysis, s *sentence) float64 {
	best := 0.0
	for _, m := range reCount.FindAllStringIndex(s.text, -1) {
		num := strings.Fields(s.text[m[0]:m[1]])
		if len(num) == 0 || reYear.MatchString(strings.Trim(num[0], ",.")) || inMention(s, m[0]) || askedNumber(q, num[0]) {
			continue
		}
		if best < 0.6 {
			best = 0.6
		}
		// The counted noun is within the few words after the number
		// ("314 prisoners of war"), or just before it ("swap prisoners on
		// Wednesday, 175 for 175").
		tail := countedWords(s.text[m[0]:])
		head := lastWords(s.text[:m[0]], 4)
		for _, t := range q.terms {
			if t.entity || t.when || t.hint || isDigits(t.surface) {
				continue
			}
			if !hasStem(tail, t) && !hasStem(head, t) {
				continue
			}
			if len(q.counted) > 1 && s.stems != nil && !q.countsAll(s) {
				// "800,000 troops" of Ukraine's own army, for "how many
				// foreign soldiers": troops, but not the ones asked about.
				continue
			}
			if hasStem(tail, t) {
				return 1
			}
			best = 0.9
		}
	}
	return best
}

// reFullName is a first name and a surname, capitalised.
var reFullName = regexp.MustCompile(`\b[A-Z][\p{L}’'-]+\s+([A-Z][\p{L}’'-]+)\b`)

// surnamesOf returns the surnames of the full names in the sentences found
// and of their speakers: news names a person in full once, then by surname.
func surnamesOf(all []*sentence) map[string]bool {
	known := map[string]bool{}
	for _, s := range all {
		for _, text := range []string{s.text, s.said.Speaker} {
			for _, m := range reFullName.FindAllStringSubmatch(text, -1) {
				known[m[1]] = true
			}
		}
	}
	return known
}

// surnamesIn returns the words of text that are known surnames: "Dmitriev"
// where another sentence names "Kirill Dmitriev".
func surnamesIn(text string, known map[string]bool) []string {
	var out []string
	for _, tok := range prose.Tokens(text) {
		if w := text[tok.Start:tok.End]; known[w] {
			out = append(out, w)
		}
	}
	return out
}

// venueWords are the buildings and sites that say where something was.
const venueWords = `palace|hotel|base|residence|embassy|headquarters|airport|resort|mansion|compound|villa|centre|center|hall|room`

// inMention reports whether byte i of the sentence lies in a date it names.
func inMention(s *sentence, i int) bool {
	for _, m := range s.mentions {
		if m.Start <= i && i < m.End {
			return true
		}
	}
	return false
}

// speakerAsked reports whether the speaker of a quote is one the question
// names.
func speakerAsked(q *analysis, said parley.Attribution) bool {
	var names []qterm
	for _, t := range q.terms {
		if t.entity {
			names = append(names, t)
		}
	}
	return saidBy(said, names)
}

// novel reports whether a matched expression names something the question
// does not: a capitalised word of it that is not one of the question's terms.
func novel(q *analysis, expr string) bool {
	for _, tok := range prose.Tokens(expr) {
		w := expr[tok.Start:tok.End]
		if tok.Stop || !unicode.IsUpper([]rune(w)[0]) || calendarWord(w) {
			continue
		}
		asked := false
		for _, t := range q.terms {
			if t.stem == tok.Term || slices.Contains(t.alts, tok.Term) {
				asked = true
				break
			}
		}
		if !asked {
			return true
		}
	}
	return false
}

// countedWords is a number and the words that say what it counts: up to
// three after it, to the first function word ("1,200 more prisoners of
// war" counts prisoners; "50 days to agree" counts days, not agreeing).
func countedWords(text string) string {
	toks := prose.Tokens(text)
	end := 0
	for i, t := range toks {
		if i > 3 || i > 0 && (t.Stop || strings.Trim(text[end:t.Start], " -") != "") {
			break // a function word or punctuation ends the phrase
		}
		end = t.End
	}
	return text[:end]
}

// lastWords is the last n words of text.
func lastWords(text string, n int) string {
	toks := prose.Tokens(text)
	if len(toks) <= n {
		return text
	}
	return text[toks[len(toks)-n].Start:]
}

// calendarWord reports whether a capitalised word is a month or a weekday,
// which name a time, not a place or a person.
func calendarWord(w string) bool {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	for _, c := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		if w == c || len(w) >= 3 && strings.HasPrefix(c, w) {
			return true
		}
	}
	return false
}

// doesAsked reports whether a sentence has one of the question's terms
// other than its names, times and form words, or a word for one: what the
// person asked about did ("led", "chaired", "sent").
func doesAsked(q *analysis, s *sentence) bool {
	// A question with a role verb ("who led", "who was in charge", "who
	// drew up") is answered by a sentence with that role; any other, by a
	// sentence with any of its words.
	roles := false
	for _, t := range q.terms {
		if t.entity || t.when || t.form || !isRoleVerb(t) {
			continue
		}
		roles = true
		if matchWeight(t, s.stems) > 0 {
			return true
		}
	}
	if roles {
		return false
	}
	for _, t := range q.terms {
		if t.entity || t.when || t.form {
			continue
		}
		if matchWeight(t, s.stems) > 0 {
			return true
		}
	}
	return false
}

// roleVerbs are what people do in negotiations that a "who" question asks
// about, by stem.
var roleVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("lead led head chair run ran host mediate broker draft drew write wrote send sent represent negotiate sign charge organise organize propose ask asked") {
		m[prose.Stem(w)] = true
	}
	return m
}()

func isRoleVerb(t qterm) bool {
	return roleVerbs[t.stem]
}

// askedNumber reports whether a number is one the question itself names
// ("the 28-point plan"): a name of what it asks about, not the answer.
func askedNumber(q *analysis, word string) bool {
	n := strings.ReplaceAll(strings.Trim(word, ",.-"), ",", "")
	if i := strings.IndexAny(n, "-–"); i > 0 {
		n = n[:i]
	}
	for _, t := range q.terms {
		if strings.ReplaceAll(t.surface, ",", "") == n && !t.hint {
			return true
		}
	}
	return false
}
