package answers

import (
	"cmp"
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/dates"
	"github.com/parley-bot/parley/prose"
)

// answerType is the kind of value a question asks for. It decides which
// sentences answer (one with "nearly five hours" for "how long", not one
// that only mentions the talks) and what the answer says when none does.
type answerType int

const (
	typeOpen     answerType = iota // what happened, what was agreed
	typePerson                     // who led, whom did they send
	typePlace                      // where, in which city
	typeDate                       // when, what day
	typeDuration                   // how long did they talk
	typeCount                      // how many prisoners
	typeMoney                      // how much money, worth
	typePercent                    // what percentage
	typeQuote                      // exact words
	typeReason                     // why
	typeYesNo                      // did, is, has
	typeIdentity                   // who is X
	typeList                       // list the countries
)

var typeNames = [...]string{"open", "person", "place", "date", "duration", "count", "money", "percent", "quote", "reason", "yes/no", "identity", "list"}

func (t answerType) String() string { return typeNames[t] }

// typeRules read the expected answer type from the question's form, first
// match wins: the more specific forms ("how long", "exact words") come before
// the general ones ("how", "what did X say").
var typeRules = []struct {
	re *regexp.Regexp
	t  answerType
}{
	// "Where do things stand" asks for the state of things, not a place.
	{reStatus, typeOpen},
	{regexp.MustCompile(`(?i)\b(exact(ly)? (words?|wording|quote|thing)|word for word|verbatim|in (his|her|their) own words|direct quote|quote (him|her|them)|what (were|was) (his|her|their|the) (exact )?words)\b`), typeQuote},
	{regexp.MustCompile(`(?i)\b(how long (did|was|were|is|are|does|do|will|would|has|have|had)\b|for how long|how many (hours|minutes)|how much time)`), typeDuration},
	{regexp.MustCompile(`(?i)\b(how much (money|cash|aid|funding)|how many dollars|how much (is|was|will) .{1,60} (worth|cost)|(worth|cost|value) of|how much did .{1,60} (pay|cost|spend|give))\b`), typeMoney},
	{regexp.MustCompile(`(?i)\b(what (percent(age)?|share|proportion)|how many percent)\b`), typePercent},
	{regexp.MustCompile(`(?i)\b(how (many|much)|number of|how big|how large)\b`), typeCount},
	{regexp.MustCompile(`(?i)(^\s*when\b|\bwhen (did|was|were|is|are|will|would|does|do|had|has)\b|what (date|day|month|year|time)\b|which (date|day|month)\b|\bby when\b|since when|\bwhen\s*\??\s*$)`), typeDate},
	{regexp.MustCompile(`(?i)(^\s*where\b|\bwhere (did|was|were|is|are|will|would|does|do|had|has)\b|(in|at) (which|what) (city|country|place|venue|building|hotel|base|location)|which (city|country|venue|building|hotel|location)\b|what (city|venue|location)\b)`), typePlace},
	{regexp.MustCompile(`(?i)(^\s*why\b|\bwhy (did|was|were|is|are|does|do|would|has|had)\b|what (was|is|were) the reasons?\b|\breasons? (for|why|behind)\b|how come\b)`), typeReason},
	{regexp.MustCompile(`(?i)^\s*who(?:'s| is| was)\s+(?:[\p{L}’'.-]+\s*){1,3}\??\s*$`), typeIdentity},
	{regexp.MustCompile(`(?i)(^\s*(who|whom|whose)\b|\b(who|whom) (did|was|were|is|are|led|headed|ran|chaired|signed|drew|wrote|sent|met)\b|\b(which|what) (\w+ )?(officials?|leaders?|people|person|envoys?|ministers?|presidents?|delegates?|negotiators?|diplomats?|aides?|advisers?)\b)`), typePerson},
	{regexp.MustCompile(`(?i)\b(what did [^?]{2,60}\b(say|tell|write|post|call)|how did [^?]{2,60}\b(react|respond|describe))\b`), typeQuote},
	{regexp.MustCompile(`(?i)\b(list|name (the|all)|which (countries|nations|points|terms|cities|regions))\b`), typeList},
	{regexp.MustCompile(`(?i)(^\s*(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b|\bor (is it|was it|not|nah)\b)`), typeYesNo},
}

// reStatus asks for the state of things: "where does the deal stand".
var reStatus = regexp.MustCompile(`(?i)\bwhere (does|do|did|is|are|things)\b[^?]{0,60}\b(stand|stands|stood)\b`)

// actVerbs are what negotiators do, by stem: in an open question ("what
// did they agree to?", "what did Russia demand?") the sentence that answers
// has the act, not just the parties and the place.
var actVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("agree offer propose demand promise decide announce reject accept sign pledge commit settle insist threaten warn ask request refuse approve endorse concede cede drop withdraw") {
		m[prose.Stem(w)] = true
	}
	// The same acts in Ukrainian and Russian, by their terms (a word
	// stands for its forms): «Що Мединський пропонував», «Что решили».
	for _, w := range strings.Fields("домовилися погодилися погодили вирішили запропонував пропонував вимагав пообіцяв оголосив відхилив відмовився підписали попередив " +
		"договорились согласились решили предложил предлагал потребовал требовал пообещал объявил отклонил отказался подписали предупредил") {
		for _, t := range prose.Terms(w) {
			m[t] = true
		}
	}
	return m
}()

// reByWhen asks for a time limit.
var reByWhen = regexp.MustCompile(`(?i)\b(by when|until when|deadline|how long (do|does|did) \w+ have)\b`)

// reReportedNumber finds the numbers an asker reports having seen ("some
// say 339", "one site says 60", "is it 35 or 36?"): values to check, not
// names the answer must contain.
var reReportedNumber = regexp.MustCompile(`(?i)\b(?:says?|said|saying|reports?|is it|or)\s+(\d[\d,.]*)`)

// reDisagree says the asker has seen different accounts and wants each.
var reDisagree = regexp.MustCompile(`(?i)\b(different (numbers|figures|accounts|reports|versions)|conflicting|disagree|some say|which is it|or is it|seem to differ|vary)\b`)

// analysis is what the answerer reads from a question, once, for every
// later step: the words to match, the names and rare terms an answer must
// be about, the kind of value wanted, the time it is about and whether the
// newest state is wanted.
type analysis struct {
	text  string
	terms []qterm
	want  answerType
	// scope is the time the question is about, if it names one: a day, a
	// week or a month ("on 23 November", "in February 2025").
	scope  *dates.Mention
	latest bool
	// surnames are the surnames of the people the sentences found name in
	// full (candidates), for a "who" question.
	surnames map[string]bool
	// bound is which bound of a time a date question asks for (startBound,
	// endBound or noBound); future, whether it asks when something will
	// happen; cityAsked, whether a place question asks for a city or a
	// country rather than a building.
	bound     int
	future    bool
	cityAsked bool
	// counted are the words of what a count question counts, by index into
	// terms: "foreign soldiers" in "how many foreign soldiers will…".
	counted []int
	// event is the event a question places its time against ("after the
	// second Abu Dhabi round"), when it names one rather than a date, and
	// eventDate when the articles first report it (readEvent).
	event     *eventScope
	eventDate time.Time
	// newest is, for "the latest", the date of the newest report about the
	// question's focus (candidates).
	newest   time.Time
	deadline bool // "by when": a date that is a time limit
	disagree bool
	lang     string
	// read is how the library read the question's words.
	read reading
	// askedNames name the person whose words a quote question asks for,
	// once the candidates have said which terms are names (askedSpeaker).
	askedNames []qterm
	// askedRole is the role a quote question asks by ("the cia director").
	askedRole []qterm
	// account names the source whose account the question asks for
	// ("according to the White House"): its own statements answer first.
	account []qterm
}

// analyse reads a question; its time scope is read once the date to read
// it against is known (readScope).
func analyse(text string) analysis {
	q := analysis{text: text, lang: prose.QuestionLanguage(text)}
	for _, r := range typeRules {
		if r.re.MatchString(text) && (r.t != typeIdentity || namesOnly(text)) {
			q.want = r.t
			break
		}
	}
	var asking [2]int // the words of a Ukrainian or Russian question that ask for its type
	if q.want == typeOpen {
		q.want, asking = slavicType(text, q.lang)
	}
	q.latest = prose.WantsLatest(text)
	q.deadline = reByWhen.MatchString(text)
	q.disagree = reDisagree.MatchString(text)
	hints := map[int]bool{}
	for _, m := range reReportedNumber.FindAllStringSubmatchIndex(text, -1) {
		hints[m[2]] = true
	}
	status := reStatus.MatchString(text)
	for _, tok := range prose.Keywords(text) {
		word := text[tok.Start:tok.End]
		r := []rune(word)
		entity := tok.Start > 0 && unicode.IsUpper(r[0]) || isAcronym(word)
		act := q.want == typeOpen && actVerbs[tok.Term]
		// "take place", "last": how the question asks for its type, not
		// what it is about.
		form := q.want != typeOpen && typeVerbs[strings.ToLower(word)] || status && standWords[strings.ToLower(word)] ||
			q.want == typeDuration && lastingVerbs[strings.ToLower(word)] ||
			q.latest && strings.EqualFold(word, "next") || q.want == typePlace && placeWords[strings.ToLower(word)] ||
			q.want == typeDate && dateWords[strings.ToLower(word)] ||
			q.want != typeOpen && asking[0] <= tok.Start && tok.End <= asking[1]
		q.terms = append(q.terms, qterm{stem: tok.Term, entity: entity, alts: slavicAlts(word, translatedAlts(word, tok.Term)), surface: word, start: tok.Start, act: act, form: form, hint: hints[tok.Start]})
	}
	q.readAccount()
	q.readEvent()
	q.readCounted()
	q.bound = q.boundAsked()
	q.future = reFutureAsked.MatchString(text)
	q.cityAsked = reCityAsked.MatchString(text)
	return q
}

// translatedAlts are the stems of the words that say the same as a
// question's word: its synonyms, its translations into the library's
// other languages (the glossary's), and, for a Ukrainian or Russian word,
// the English synonyms of its translations («зустріч» is meeting, and so
// summit and talks).
func translatedAlts(word, term string) []string {
	alts := slices.Clone(prose.SynonymStems(term))
	for _, t := range prose.Translations(word) {
		alts = append(alts, t)
		if prose.HasCyrillic(word) {
			alts = append(alts, prose.SynonymStems(t)...)
		}
	}
	return alts
}

// reCounted finds what a count question counts: the words after "how many"
// up to its verb.
var reCounted = regexp.MustCompile(`(?i)\bhow many\s+((?:[\p{L}'’-]+\s+){0,2}?[\p{L}'’-]+)\s+(?:were|was|are|is|will|would|did|do|does|have|has|had|got|get|can|could|should|might|in|of|on|at)\b`)

// readCounted reads the words of what a count question counts.
// reCountedSlavic finds what a Ukrainian or Russian count or sum
// question counts: the noun after «скільки», «сколько», «до скількох»,
// «яку суму», «какую сумму» («яку суму компенсації», «сколько
// военнопленных»).
var reCountedSlavic = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:скільки|сколько|до скількох|до скольких|яку суму|какую сумму)\s+([\p{L}'’-]+)`)

// reGenitiveAdjective is an adjective in the genitive plural, which a count
// question puts before the noun it counts, and reNextWord the word after.
var (
	reGenitiveAdjective = regexp.MustCompile(`(?i)(?:их|ых|іх)$`)
	reNextWord          = regexp.MustCompile(`^\s+[\p{L}'’-]+`)
	// reGenitiveNoun is a noun in the genitive plural («солдатів»,
	// «солдат», «пленных» is an adjective's form and not read so), not an
	// adjective or a verb after the counted word («військових
	// американський»).
	reGenitiveNoun = regexp.MustCompile(`(?i)(?:ів|ов|ев|ей|ат|ят|ок|ин)$`)
)

// moneyWords are the words of money a sum question may count in: «скільки
// доларів» counts no thing of its own.
var moneyWords = map[string]bool{"грошей": true, "коштів": true, "доларів": true, "денег": true, "долларов": true, "средств": true}

func (q *analysis) readCounted() {
	if q.want != typeCount && q.want != typeMoney {
		return
	}
	m := reCounted.FindStringSubmatchIndex(q.text)
	if m == nil {
		m = reCountedSlavic.FindStringSubmatchIndex(q.text)
	}
	if m == nil || moneyWords[strings.ToLower(q.text[m[2]:m[3]])] {
		return
	}
	if end := m[3]; reCountedSlavic.MatchString(q.text[m[0]:end]) && reGenitiveAdjective.MatchString(q.text[m[2]:end]) {
		// «скільки іноземних солдатів»: the adjective and its noun.
		if n := reNextWord.FindStringIndex(q.text[end:]); n != nil && reGenitiveNoun.MatchString(q.text[end:end+n[1]]) {
			m = []int{m[0], end + n[1], m[2], end + n[1]}
		}
	}
	for i, t := range q.terms {
		if t.start >= m[2] && t.start < m[3] {
			q.counted = append(q.counted, i)
		}
	}
}

// countsAll reports whether a sentence has every word of what the question
// counts: a count of "troops" is no count of "foreign soldiers" unless the
// sentence says they are foreign.
func (q *analysis) countsAll(s *sentence) bool {
	for _, i := range q.counted {
		if matchWeight(q.terms[i], s.stems) == 0 {
			return false
		}
	}
	return true
}

// eventScope is an event a question's time is relative to.
type eventScope struct {
	after bool  // "after", "since", "following"; else "before", "ahead of"
	terms []int // the question's terms that name it, by index
}

// reEvent finds a time relative to an event: "after the second Abu Dhabi
// round", "before the Mar-a-Lago meeting", "since the Geneva talks".
var reEvent = regexp.MustCompile(`(?i)\b(after|since|following|before|ahead of)\s+(?:the|his|her|their|its|that)\s+([^?,;]{3,60}?)\s*(?:[?,;]|$|\b(?:and|or|but|with|did|was|were|is|are|has|had)\b)`)

// readEvent reads the event a question's time is relative to, unless the
// question names a date (readScope): the event's words are kept as terms,
// and candidates dates the event by its first report.
func (q *analysis) readEvent() {
	m := reEvent.FindStringSubmatchIndex(q.text)
	if m == nil {
		return
	}
	rel := strings.ToLower(q.text[m[2]:m[3]])
	ev := &eventScope{after: rel != "before" && rel != "ahead of"}
	for i, t := range q.terms {
		if t.start >= m[4] && t.start < m[5] && !t.when {
			ev.terms = append(ev.terms, i)
		}
	}
	if len(ev.terms) > 0 {
		q.event = ev
	}
}

// dateEvent sets when the articles first report the event a question's
// time is relative to: the earliest article with a sentence that names it
// (namesEvent). A question that names a date is read by that instead.
func (q *analysis) dateEvent(all []*sentence) {
	if q.event == nil || q.scope != nil {
		return
	}
	for _, s := range all {
		p := s.hit.Source.Published
		if p.IsZero() || !q.eventDate.IsZero() && !p.Before(q.eventDate) {
			continue
		}
		if q.namesEvent(s) {
			q.eventDate = p
		}
	}
}

// namesEvent reports whether a sentence names the event: all its words, close
// together ("the second Abu Dhabi round", not "the first round in Abu
// Dhabi … a second round").
func (q *analysis) namesEvent(s *sentence) bool {
	first, last := -1, -1
	for _, i := range q.event.terms {
		pos, ok := position(q.terms[i], s.stems)
		if !ok {
			return false
		}
		if first < 0 || pos < first {
			first = pos
		}
		last = max(last, pos)
	}
	return last-first <= len(q.event.terms)+1
}

// position is where a term, or a word that says the same, is first in a
// sentence's stems.
func position(t qterm, stems map[string]int) (int, bool) {
	if p, ok := stems[t.stem]; ok {
		return p, true
	}
	for _, a := range t.alts {
		if p, ok := stems[a]; ok {
			return p, true
		}
	}
	return 0, false
}

// eventSide is +1 for a sentence from an article on the side of the event
// the question asks about (after it, or before it, the event's own day
// counting as both), -1 for one on the other side, 0 without an event date.
func (q *analysis) eventSide(s *sentence) float64 {
	p := s.hit.Source.Published
	if q.eventDate.IsZero() || p.IsZero() {
		return 0
	}
	if p.Equal(q.eventDate) || p.After(q.eventDate) == q.event.after {
		return 1
	}
	return -1
}

// reAccount finds the source a question asks the account of: "according
// to the White House", "in the Kremlin's account", "per Reuters".
var reAccount = regexp.MustCompile(`(?i)\b(?:according to|in the (?:view|words|account|version) of|as told by)\s+([^?,;]{2,50})|\bin\s+(?:the\s+)?([^?,;\s]+(?:\s+[^?,;\s]+)?)(?:'s|’s)\s+(?:account|version|telling|words)\b`)

// readAccount sets the terms of the source whose account the question
// asks for, if it names one.
func (q *analysis) readAccount() {
	m := reAccount.FindStringSubmatchIndex(q.text)
	if m == nil {
		return
	}
	from, to := m[2], m[3]
	if from < 0 {
		from, to = m[4], m[5]
	}
	for _, t := range q.terms {
		if t.start >= from && t.start < to {
			q.account = append(q.account, t)
		}
	}
}

// namesOnly reports whether "who is X" asks about a name: X has no stop
// word ("who was in charge" asks for a person, not who one is).
func namesOnly(question string) bool {
	toks := prose.Tokens(question)
	for _, t := range toks[min(2, len(toks)):] {
		if t.Stop {
			return false
		}
	}
	return true
}

// readScope reads the time the question is about against now: the newest
// article found, so that "last week" is the library's last week and a
// yearless "March" is read in the library's terms (scopeMatch ignores the
// year of a scope written without one).
func (q *analysis) readScope(now time.Time) {
	if now.IsZero() {
		return
	}
	if ms := dates.Find(capitalMonths(q.text), now); len(ms) > 0 {
		m := ms[0]
		q.scope = &m
		for i := range q.terms {
			if t := &q.terms[i]; m.Start <= t.start && t.start < m.End {
				t.when, t.entity = true, false
			}
		}
	}
}

func isAcronym(w string) bool {
	return len(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// reMonthWord finds a month's name where it is a date, not the modal "may"
// or the verb "march": before a day or a year, or after "in", "on",
// "early", "late", "mid", "since", "until", "by" or a determiner ("the
// february talks", "his march call").
var reMonthWord = regexp.MustCompile(`(?i)\b(?:(?:in|on|early|late|mid|since|until|by|of|the|his|her|their|its|last|this|that|next|\d{1,2}(?:st|nd|rd|th)?)[\s-]+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s+\d{1,4}\b)?`)

// capitalMonths writes the month names of a question as dates are written,
// so that "the feb 18 meeting" and "in march" read as dates: people type
// questions in lower case, and the date reader follows news style.
func capitalMonths(text string) string {
	var b strings.Builder
	last := 0
	for _, loc := range reMonthWord.FindAllStringSubmatchIndex(text, -1) {
		m, nameAt, nameEnd := text[loc[0]:loc[1]], loc[2], loc[3]
		name := text[nameAt:nameEnd]
		prefixed := nameAt > loc[0]
		numbered := nameEnd < loc[1] && strings.TrimSpace(strings.TrimPrefix(text[nameEnd:loc[1]], ".")) != ""
		switch {
		case !prefixed && !numbered:
			continue
		case strings.EqualFold(name, "may") && !numbered && !strings.HasPrefix(strings.ToLower(m), "in"):
			continue
		case !numbered && determiners[strings.ToLower(strings.TrimSpace(text[loc[0]:nameAt]))] && !beforeNoun(text[loc[1]:]):
			// "the march on Kyiv" is a march; "the March talks", a month.
			continue
		}
		b.WriteString(text[last:nameAt])
		b.WriteString(strings.ToUpper(name[:1]) + strings.ToLower(name[1:]))
		last = nameEnd
	}
	b.WriteString(text[last:])
	return b.String()
}

// determiners before a month's name make it a month only before the noun
// it dates ("the February talks", "his March call").
var determiners = map[string]bool{"the": true, "his": true, "her": true, "their": true, "its": true}

// beforeNoun reports whether the text after a month's name begins with a
// word that is not a function word: "the March talks", not "the march on
// Kyiv".
func beforeNoun(after string) bool {
	toks := prose.Tokens(after)
	return len(toks) > 0 && !toks[0].Stop
}

// reAskedSpeaker finds the person whose words a question asks for: "what
// did Peskov say", "what were vance's exact words", "how did Kyiv react".
var reAskedSpeaker = regexp.MustCompile(`(?i)\b(?:what did|what has|what have|how did|did)\s+(.{2,60}?)\s+(?:say|said|tell|told|write|wrote|post|posted|call|called|react|respond|comment|describe)\b|\b(?:what (?:were|was|are|is))\s+(.{2,60}?)(?:'s|’s)\s+(?:exact\s+)?(?:words|quote|comments?|statement)|\b(?:thing|words?|quote|line|comment|phrase)\s+(?:that\s+)?(\p{L}[\p{L}.'’-]*(?:\s+\p{L}[\p{L}.'’-]*)?)\s+(?:said|says|told|wrote|posted|used)\b`)

// reAskedSpeakerSlavic finds whose words a Ukrainian or Russian question
// asks for, by the name, capitalised, after or before its verb of saying:
// «Что сказал Рубио», «Що Зеленський сказав про гарантії».
var reAskedSpeakerSlavic = regexp.MustCompile(`(?:^|[^\p{L}])(?i:що|что|як|как)\s+(?:(?i:` + slavicSayVerbs + `)\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)|(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)\s+(?i:` + slavicSayVerbs + `))(?:[^\p{L}]|$)`)

const slavicSayVerbs = `сказав|сказала|сказали|заявив|заявила|заявили|казав|казала|говорив|говорила|написав|написала|відповів|відповіла|сказал|заявил|заявляли|говорил|написал|ответил|ответила`

// askedWho is whose words a question asks for, as it writes them, or "".
func askedWho(text string) string {
	if m := reAskedSpeaker.FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1] + m[2] + m[3])
	}
	if m := reAskedSpeakerSlavic.FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1] + m[2])
	}
	return ""
}

// askedSpeaker is the person whose words a quote question asks for, as the
// question writes them, and the terms that name them; none when it asks by
// role ("the White House press secretary", "the cia director": no name to
// hold the speaker to) or asks no one's words.
func (q *analysis) askedSpeaker() (string, []qterm) {
	if q.want != typeQuote {
		return "", nil
	}
	who := askedWho(q.read.text)
	if w := strings.ToLower(who); who == "" || strings.HasPrefix(w, "the ") || strings.HasPrefix(w, "a ") {
		return "", nil
	}
	var names []qterm
	for _, t := range q.terms {
		if t.entity && !titleWords[strings.ToLower(t.surface)] && strings.Contains(strings.ToLower(who), strings.ToLower(t.surface)) {
			names = append(names, t)
		}
	}
	return who, names
}

// roleAsked is the role whose holder's words a quote question asks for
// ("what did the cia director say": cia, director), or none.
func (q *analysis) roleAsked() []qterm {
	if q.want != typeQuote {
		return nil
	}
	who := strings.ToLower(askedWho(q.read.text))
	if !strings.HasPrefix(who, "the ") && !strings.HasPrefix(who, "a ") {
		return nil
	}
	var role []qterm
	for _, t := range q.terms {
		if strings.Contains(who, strings.ToLower(t.surface)) {
			role = append(role, t)
		}
	}
	return role
}

// holds reports whether an attribution's speaker holds the role asked for:
// every word of it in the speaker's role as the article gives it.
func holds(said parley.Attribution, role []qterm) bool {
	if len(role) == 0 || said.SpeakerRole == "" {
		return false
	}
	return namesAll(said.SpeakerRole, role)
}

// namesAll reports whether text names every one of names.
func namesAll(text string, names []qterm) bool {
	for _, t := range names {
		if !hasStem(text, t) {
			return false
		}
	}
	return true
}

// saidBy reports whether an attribution names one of the people names.
func saidBy(said parley.Attribution, names []qterm) bool {
	for _, t := range names {
		if said.Speaker != "" && hasStem(said.Speaker, t) {
			return true
		}
	}
	return false
}

// searchDepth is how many passages to retrieve: more for "the latest", whose
// answer is in the newest of many reports on the topic rather than the best
// match for its words.
func (q *analysis) searchDepth() int {
	if q.latest {
		return latestK
	}
	return searchK
}

// perArticle is how many of the passages an answer draws from may come from
// one article while others match too: one long report that repeats the
// question's words in every paragraph ("Oval Office", "Trump", "Zelensky")
// would otherwise crowd out the one sentence of another article that says
// when it happened.
const perArticle = 4

// foreignShare is the share of those passages that may be in languages
// other than the question's while passages in its own match too: a report
// in another language meets a question by translated words, and the
// reports the asker can read, further down the ranking, should not lose
// their place to the many that share a word or two that way.
const foreignShare = 0.33

// retrieve finds the passages to answer q from: the best matches of its
// words, twice as many as it needs, of which it keeps the best while no
// article has more than perArticle, then the rest in order until it has
// enough.
func retrieve(ctx context.Context, s Searcher, q *analysis, context string) ([]parley.Hit, error) {
	k := q.searchDepth()
	hits, err := s.Search(ctx, parley.Query{Text: q.read.text, Also: q.also(context), Spelled: q.read.spelled}, 2*k)
	if err != nil || len(hits) <= k {
		return hits, err
	}
	kept := make([]parley.Hit, 0, k)
	var rest []parley.Hit
	per := map[int64]int{}
	foreign, maxForeign := 0, int(foreignShare*float64(k))
	for _, h := range hits {
		other := !prose.SameLanguage(q.lang, h.Source.Language)
		if per[h.ArticleID] < perArticle && (!other || foreign < maxForeign) {
			per[h.ArticleID]++
			if other {
				foreign++
			}
			kept = append(kept, h)
		} else {
			rest = append(rest, h)
		}
	}
	kept = append(kept, rest...)[:k]
	// In rank order again: the answerer reads the score, not the position,
	// but the nearest articles of an abstention are listed in this order.
	slices.SortStableFunc(kept, func(a, b parley.Hit) int { return cmp.Compare(b.Score, a.Score) })
	return kept, nil
}

// typeVerbs ask for the kind of value rather than name the topic: "how long
// did it last", "where did it take place".
var typeVerbs = func() map[string]bool {
	m := map[string]bool{"last": true, "lasted": true, "take": true, "took": true, "place": true,
		"happen": true, "happened": true, "held": true, "start": true, "begin": true, "end": true,
		"spend": true, "spent": true, "run": true, "ran": true}
	// The same in Ukrainian and Russian, in the forms a question writes
	// them: took place, was held, lasted, began, ended.
	for _, w := range strings.Fields("відбувся відбулася відбулося відбулися відбулись відбудеться відбудуться " +
		"пройшов пройшла пройшло пройшли тривав тривала тривало тривали почався почалася почалося почалися розпочався розпочалися " +
		"закінчився закінчилася закінчилися завершився завершилася завершилися " +
		"состоялся состоялась состоялось состоялись состоится состоятся прошёл прошел прошла прошло прошли " +
		"длился длилась длилось длились продолжался продолжалась продолжались начался началась началось начались " +
		"закончился закончилась закончились завершился завершилась завершились") {
		m[w] = true
	}
	return m
}()

// lastingVerbs ask, in a "how long" question, how long something lasted:
// "how long did the talks go on", "drag on".
var lastingVerbs = map[string]bool{"go": true, "went": true, "drag": true, "dragged": true, "run": true, "ran": true}

// standWords ask how things stand, in a question that asks for the state
// of things (reStatus), not what they are about.
var standWords = map[string]bool{"stand": true, "stands": true, "stood": true}

// dateWords ask what kind of time: "what day", "which date".
var dateWords = map[string]bool{"day": true, "date": true, "time": true, "month": true, "year": true, "week": true}

// placeWords ask what kind of place: "in which city", "which building".
var placeWords = map[string]bool{"city": true, "town": true, "country": true, "building": true, "venue": true,
	"location": true, "place": true, "site": true}

// topic names what a question is about in its own words: its names, or
// else its first content words.
func (q *analysis) topic() string {
	var names, words []string
	for _, t := range q.terms {
		switch {
		case t.when || typeVerbs[strings.ToLower(t.surface)]:
		case t.entity:
			names = append(names, t.surface)
		case len(words) < 3:
			words = append(words, t.surface)
		}
	}
	if len(names) == 0 {
		names = words
	}
	return "“" + strings.Join(names, " ") + "”"
}
