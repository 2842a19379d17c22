package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Attribution is decided for each prose sentence from its own words and,
// for "he said" and "the minister added", from the sentences before it. It
// is deliberately conservative: a speaker the text leaves open is not named,
// and words without quotation marks are never credited as someone's own.

// speechVerbs are the verbs of saying news prose attributes with, in
// English, Ukrainian and Russian.
var speechVerbs = setOf(
	"said", "says", "told", "added", "adds", "continued", "stated", "wrote", "writes", "noted", "warned",
	"insisted", "argued", "explained", "declared", "announced", "confirmed", "claimed", "stressed",
	"emphasised", "emphasized", "acknowledged", "recalled", "cautioned", "replied", "responded",
	"urged", "suggested", "posted", "tweeted", "conceded", "admitted", "complained", "predicted",
	"promised", "vowed", "reiterated", "maintained", "remarked", "commented", "asked", "insists",
	"warns", "tells", "notes", "argues", "claims", "stresses",
	// Verbs of stance report what someone said in the outlet's words.
	"called", "described", "accused", "praised", "criticised", "criticized", "welcomed", "rejected",
	"dismissed", "denied",
	// Ukrainian
	"заявив", "заявила", "заявили", "сказав", "сказала", "сказали", "повідомив", "повідомила",
	"повідомили", "додав", "додала", "зазначив", "зазначила", "зазначили", "наголосив", "наголосила",
	"підкреслив", "підкреслила", "написав", "написала", "розповів", "розповіла", "визнав", "визнала",
	"пояснив", "пояснила", "уточнив", "уточнила", "запевнив", "заявляє", "каже", "кажуть",
	// Russian
	"заявил", "заявила", "заявили", "сказал", "сказала", "сказали", "сообщил", "сообщила", "сообщили",
	"добавил", "добавила", "отметил", "отметила", "отметили", "подчеркнул", "подчеркнула", "написал",
	"написала", "рассказал", "рассказала", "признал", "признала", "пояснил", "пояснила", "уточнил",
	"уточнила", "заверил", "заявляет", "говорит", "говорят",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// coreVerbs are the verbs that only ever report speech.
var coreVerbs = setOf("said", "says", "told", "tells", "wrote", "writes", "заявив", "заявила", "заявили",
	"сказав", "сказала", "сказали", "заявил", "сказал", "сообщил", "сообщила", "сообщили", "повідомив", "повідомила")

// accordingTo opens reported speech with the speaker after it.
var reAccordingTo = regexp.MustCompile(`(?i)\b(according to|за словами|по словам|по данным|за даними|как заявил[аи]?|як заявив|як заявила)\s+`)

// accordingPhrases are the phrases reAccordingTo finds, for a cheap look
// before it runs.
var accordingPhrases = []string{"according to", "за словами", "по словам", "по данным", "за даними", "как заявил", "як заявив", "як заявила"}

// mayReport reports whether text has one of accordingPhrases, in any case.
func mayReport(text string) bool {
	lower := strings.ToLower(text)
	for _, p := range accordingPhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// anonymousNouns head a subject that names nobody: "officials familiar
// with the talks", "two people briefed on", "a Western diplomat".
var reAnonymous = regexp.MustCompile(`(?i)\b(sources?|officials?|people|persons?|diplomats?|insiders?|someone|джерел[оа]?|джерела|посадовці|посадовець|дипломати?|источник[иа]?|чиновники?|собеседник\p{L}*)\b`)
var reAnonymousHint = regexp.MustCompile(`(?i)\b(familiar with|briefed on|who (asked|spoke|requested|declined)|on condition of anonymity|not authori[sz]ed|обізнан\p{L}*|знайом\p{L}* з|знаком\p{L}* с|пожелавш\p{L}*|на условиях анонимности|на умовах анонімності)\b`)

// pronouns stand for a speaker named before; "it" only for a body ("the
// Kremlin said … It said …").
var pronouns = setOf("he", "she", "it", "він", "вона", "он", "она")

// personNouns end a description of one person named before: "the
// minister", "the presidential aide", "the head of state".
var personNouns = setOf("minister", "president", "aide", "spokesman", "spokeswoman", "spokesperson", "envoy",
	"leader", "negotiator", "chief", "adviser", "advisor", "secretary", "senator", "chancellor", "ambassador",
	"general", "commander", "director", "head", "premier", "mediator", "host", "lawmaker", "governor", "mayor",
	"state", "man", "woman", "diplomat", "official", "politician", "counterpart",
	"міністр", "президент", "речник", "радник", "посадовець", "министр", "помощник", "советник")

// unnamed open a subject that names nobody.
var unnamed = setOf("a", "an", "one", "two", "three", "four", "several", "some", "another", "other")

// particles stand inside names: "Ursula von der Leyen", "Mohammed bin Salman".
var particles = setOf("von", "der", "van", "de", "bin", "ibn", "al", "da", "di", "la", "le", "del")

// openers are capitalised words that open sentences, never part of a name.
var openers = setOf("In", "On", "At", "The", "A", "An", "After", "Before", "But", "And", "As", "When", "While",
	"If", "From", "For", "With", "Within", "By", "Speaking", "Asked", "Meanwhile", "Later", "Earlier", "Since",
	"Despite", "During", "Under", "Across", "Recap", "Also", "Then", "Still", "Yet", "So", "Both", "Neither",
	"Following", "Writing", "Addressing", "Responding", "Some", "Many", "Most", "His", "Her", "Their", "Its",
	"This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "However", "Now", "Afterward", "Afterwards", "Instead", "Separately", "У", "В", "На", "Після", "После", "За", "По")

// titleWords are the words of a role that stand before a name: "Foreign
// Minister", "Kremlin spokesman", "U.S. Special Envoy".
var titleWords = setOf(
	"president", "prime", "minister", "foreign", "defence", "defense", "secretary", "state", "spokesman",
	"spokeswoman", "spokesperson", "special", "envoy", "national", "security", "adviser", "advisor",
	"director", "chief", "deputy", "senator", "sen.", "rep.", "gov.", "chancellor", "general", "gen.",
	"ambassador", "vice", "commander", "head", "aide", "kremlin", "white", "house", "ukrainian", "russian",
	"american", "u.s.", "us", "turkish", "saudi", "french", "german", "british", "european", "eu", "nato",
	"cia", "department", "ministry", "office", "presidential", "foreign-policy", "policy", "top", "senior",
	"negotiator", "lead", "chair", "speaker", "leader", "mr.", "mrs.", "ms.", "dr.", "lt.", "col.", "the",
	"former", "acting", "first", "intelligence", "committee", "house", "chairman", "democrat", "republican",
	"military", "army", "staff", "of", "for", "sovereign", "wealth", "fund", "council",
	"emirati", "finnish", "polish", "italian", "canadian", "chinese", "belarusian", "hungarian",
	"presidents", "ministers", "leaders", "envoys", "officials", "aides", "advisers",
	"президент", "прем'єр-міністр", "міністр", "речник", "радник", "посланець", "спецпосланець",
	"голова", "секретар", "глава", "пресс-секретарь", "помощник", "министр", "спецпосланник",
	"советник", "представитель", "посол", "госсекретарь", "держсекретар",
)

// subjectStop ends the subject of a verb of saying when read backwards.
var subjectStop = setOf("that", "and", "but", "as", "while", "when", "which", "who", "what", "if", "because",
	"so", "also", "later", "then", "що", "і", "та", "а", "але", "что", "и", "но", "как", "як")

// word is a token of a sentence: a word, or a single punctuation mark.
type word struct {
	text   string
	start  int  // offset in the sentence
	quoted bool // inside quotation marks
	punct  bool
}

var reWord = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}.]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]`)

func words(s string) []word {
	var out []word
	open := false
	for _, m := range reWord.FindAllStringIndex(s, -1) {
		t := s[m[0]:m[1]]
		r, _ := utf8.DecodeRuneInString(t)
		w := word{text: t, start: m[0], punct: !unicode.IsLetter(r) && !unicode.IsDigit(r)}
		if w.punct {
			switch t {
			case "“", "«", "„":
				open = true
			case "”", "»":
				open = false
			case "\"":
				open = !open
			}
			w.quoted = open
		} else {
			w.quoted = open
			// "Lavrov." at the end of a sentence: the period is no part of the name.
			if strings.HasSuffix(t, ".") && !titleWords[strings.ToLower(t)] && utf8.RuneCountInString(t) > 3 {
				w.text = strings.TrimSuffix(t, ".")
			}
		}
		out = append(out, w)
	}
	return out
}

// quoteAfterColon reports a quotation introduced by a colon: `he said: "…"`.
func quoteAfterColon(ws []word) bool {
	for i := 1; i < len(ws); i++ {
		if ws[i].quoted && ws[i].punct && ws[i-1].text == ":" {
			return true
		}
	}
	return false
}

func countWords(ws []word) int {
	n := 0
	for _, w := range ws {
		if !w.punct {
			n++
		}
	}
	return n
}

// quotedWords counts the words inside quotation marks.
func quotedWords(ws []word) int {
	n := 0
	for _, w := range ws {
		if w.quoted && !w.punct {
			n++
		}
	}
	return n
}

// isTitle reports whether a word is part of a role: "Minister", "spokesman".
func isTitle(w word) bool { return titleWords[strings.ToLower(w.text)] }

func isCap(w word) bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return !w.punct && unicode.IsUpper(r)
}

// person is someone the article names, as it first names them.
type person struct{ name, role string }

// said is what one sentence's words say about who speaks in it.
type said struct {
	speaker   string // as written in the sentence
	role      string
	resolve   bool // a pronoun or "the minister": the speaker is named before
	body      bool // "it": only a body (the Kremlin) named before
	anonymous bool
}

// attribute fills in Said for every prose sentence of body.
func attribute(body string, ss []parley.Sentence) {
	people := map[string]person{} // a surname → the full name and role first given
	var lastSpeaker person        // the speaker of the last attributed sentence
	var prevSubject person        // the named subject of the sentence before
	sinceSpeaker := 0
	for i := range ss {
		s := &ss[i]
		if s.Role != parley.RoleProse {
			continue
		}
		text := body[s.Start:s.End]
		ws := words(text)
		learnNames(ws, people)
		q := quotedWords(ws)
		a := speakerOf(text, ws)
		who := person{}
		switch {
		case a.anonymous:
			s.Said = parley.Attribution{Kind: parley.Anonymous}
		case a.body:
			if lastSpeaker.name != "" && lastSpeaker.role == "" && sinceSpeaker <= 1 && isBody(lastSpeaker.name) {
				who = lastSpeaker
			}
		case a.resolve:
			// "he said", "the minister added": the person the sentence
			// before makes its subject, else the speaker just quoted.
			if prevSubject.name != "" {
				who = prevSubject
			} else if lastSpeaker.name != "" && sinceSpeaker <= 2 {
				who = lastSpeaker
			}
		case a.speaker != "":
			who = expand(person{a.speaker, a.role}, people)
		case q >= 3 && startsWithQuote(text) && lastSpeaker.name != "" && sinceSpeaker <= 1:
			// A quotation that runs on from the sentence before, whose
			// speaker that sentence named.
			who = lastSpeaker
		}
		if s.Said.Kind != parley.Anonymous && who.name != "" {
			// The speaker's own words are the sentence when most of it is
			// quotation; a few quoted words inside the outlet's paraphrase
			// ("said the U.S. would “take a pass” if …") leave it the
			// outlet's sentence about them.
			if q >= 3 && (5*q >= 2*countWords(ws) || startsWithQuote(text) || quoteAfterColon(ws)) {
				s.Said = parley.Attribution{Kind: parley.Direct, Speaker: who.name, SpeakerRole: who.role}
			} else if a.speaker != "" || a.resolve {
				s.Said = parley.Attribution{Kind: parley.Reported, Speaker: who.name, SpeakerRole: who.role}
			}
		}
		if s.Said.Speaker != "" {
			lastSpeaker, sinceSpeaker = who, 0
		} else {
			sinceSpeaker++
		}
		switch subj := subjectOf(ws, people); {
		case s.Said.Speaker != "":
			prevSubject = who
		case subj.name != "":
			prevSubject = subj
		default:
			prevSubject = person{}
		}
	}
}

func isCyrillic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Cyrillic, r)
}

// isBody reports whether a speaker is a body, not a person: "the Kremlin",
// "Moscow", "the White House".
func isBody(name string) bool {
	return strings.HasPrefix(name, "the ") || !strings.Contains(name, " ")
}

func startsWithQuote(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return prose.IsOpenQuote(r) || r == '—' && strings.Contains(t[:min(len(t), 8)], "«")
}

// speakerOf finds the speaker a sentence names next to a verb of saying,
// outside its quotations: "X said", "X told reporters", "said X",
// "«…», — заявив X", "according to X".
func speakerOf(text string, ws []word) said {
	// The plain verbs of saying first: in "The two presidents backed
	// continued talks, Ushakov said", "continued" is no verb of saying.
	for _, verbs := range []map[string]bool{coreVerbs, speechVerbs} {
		for i, w := range ws {
			if w.quoted || w.punct || !verbs[strings.ToLower(w.text)] {
				continue
			}
			if a, ok := subjectBefore(ws, i); ok {
				return a
			}
			if a, ok := subjectAfter(ws, i+1); ok {
				return a
			}
		}
	}
	// "according to X, …": the subject is the words after the phrase.
	if !mayReport(text) {
		return said{}
	}
	if m := reAccordingTo.FindStringIndex(text); m != nil {
		for i, w := range ws {
			if w.start >= m[1] {
				if a, ok := subjectAfter(ws, i); ok {
					return a
				}
				break
			}
		}
	}
	return said{}
}

// subjectBefore reads the subject of the verb at i backwards: "Kremlin
// spokesman Dmitry Peskov said", "Peskov, the Kremlin spokesman, said",
// "two people familiar with the talks said", "he said".
func subjectBefore(ws []word, i int) (said, bool) {
	j := i
	for j > 0 {
		p := ws[j-1]
		if p.quoted || p.punct && p.text != "'" && p.text != "’" {
			break
		}
		if subjectStop[strings.ToLower(p.text)] && j-1 != 0 {
			break
		}
		j--
		if i-j >= 10 {
			break
		}
	}
	subj := ws[j:i]
	// "… в Анкарі заявив", "Trump in Washington said": a place after a
	// preposition is no speaker; the subject is before it.
	for k := len(subj) - 1; k > 0; k-- {
		if prepositions[strings.ToLower(subj[k-1].text)] && isCap(subj[k]) {
			subj = subj[:k-1]
			break
		}
		if !isCap(subj[k]) {
			break
		}
	}
	if len(subj) > 0 {
		if a, ok := readSubject(subj); ok {
			return a, true
		}
		// Words after a comma that name nobody ("…, in an interview,
		// said"): the subject may stand before the comma.
		if j == 0 || ws[j-1].text != "," {
			return said{}, false
		}
		i = j
	}
	return nameBeforeClause(ws, i)
}

// nameBeforeClause reads "Ushakov, in an interview with Channel One, said":
// the verb at i follows a comma, and the name stands before the clause
// that comma closes.
func nameBeforeClause(ws []word, i int) (said, bool) {
	if i < 2 || ws[i-1].text != "," {
		return said{}, false
	}
	for k := i - 2; k > 0 && i-k < 25; k-- {
		if !ws[k].punct {
			continue
		}
		if ws[k].text != "," {
			break
		}
		m := k
		for m > 0 && isCap(ws[m-1]) && !ws[m-1].quoted {
			m--
		}
		if m < k && (m == 0 || ws[m-1].punct || !isCap(ws[m-1])) {
			return readSubject(ws[m:k])
		}
		break
	}
	return said{}, false
}

// prepositions before a capitalised word make it a place.
var prepositions = setOf("in", "at", "from", "to", "with", "в", "у", "на", "з", "із", "до", "від", "от", "из", "с", "після", "после", "під", "при")

// subjectAfter reads a subject that follows its verb: "said Rubio", "—
// заявив Зеленський", "according to the minister".
func subjectAfter(ws []word, i int) (said, bool) {
	j := i
	for j < len(ws) && !ws[j].punct && !ws[j].quoted && j-i < 8 {
		if subjectStop[strings.ToLower(ws[j].text)] {
			break
		}
		j++
	}
	if j == i || i < 2 {
		return said{}, false
	}
	// Only after a quotation or a dash does a subject follow its verb.
	prev := ws[i-2].text
	if p := ws[i-1].text; !(p == "”" || p == "»" || p == "\"" || p == "—" || p == "–" || p == "-" || p == "," && (prev == "”" || prev == "\"" || prev == "»")) {
		if !reAccordingTo.MatchString(joinWords(ws[max(0, i-3):i]) + " ") {
			return said{}, false
		}
	}
	subj := ws[i:j]
	// "told reporters", "said on Tuesday": no subject after the verb. A
	// subject that follows its verb ends the clause: "…,” said the
	// minister." — "said the discussion had been serious" has none.
	if !isCap(subj[0]) && !pronouns[strings.ToLower(subj[0].text)] && strings.ToLower(subj[0].text) != "the" {
		return said{}, false
	}
	if len(subj) > 5 || j < len(ws) && !ws[j].punct {
		return said{}, false
	}
	return readSubject(subj)
}

// readSubject makes a speaker of a subject's words.
func readSubject(subj []word) (said, bool) {
	text := joinWords(subj)
	lower := strings.ToLower(text)
	// "Alexander Gabuev of the Carnegie Russia Eurasia Center"
	for i := 2; i < len(subj)-1; i++ {
		if subj[i].text == "of" && isCap(subj[i-1]) && isCap(subj[i-2]) && !isTitle(subj[i-1]) {
			if a, ok := readSubject(subj[:i]); ok && a.speaker != "" {
				a.role = cleanRole(joinWords(subj[i:]))
				return a, true
			}
		}
	}
	if len(subj) == 1 && pronouns[lower] {
		if lower == "it" {
			return said{body: true}, true
		}
		return said{resolve: true}, true
	}
	if reAnonymousHint.MatchString(text) || reAnonymous.MatchString(lower) && !hasName(subj) {
		return said{anonymous: true}, true
	}
	// "the minister", "the presidential aide", "the Russian minister",
	// "the head of state": a description of someone named before.
	first := strings.ToLower(subj[0].text)
	last := strings.ToLower(subj[len(subj)-1].text)
	if unnamed[first] && (personNouns[last] || reAnonymous.MatchString(last)) {
		// "a senior Putin aide", "two negotiators": nobody named.
		return said{anonymous: true}, true
	}
	if first == "the" || first == "this" || first == "a" {
		caps, allCaps := 0, len(subj) >= 2
		for _, w := range subj[1:] {
			if isCap(w) && !isTitle(w) {
				caps++
			}
			if !isCap(w) && w.text != "of" && w.text != "for" && w.text != "and" && w.text != "'s" {
				allCaps = false
			}
		}
		if first == "the" && allCaps {
			// "the Treasury Department's Office of Foreign Assets Control"
			return said{speaker: "the " + joinWords(subj[1:])}, true
		}
		if caps == 0 {
			if len(subj) >= 2 && isCap(subj[len(subj)-1]) {
				// "the Kremlin", "the White House": a body that speaks.
				return said{speaker: text}, true
			}
			if first == "a" {
				return said{anonymous: true}, true
			}
			if personNouns[last] && len(subj) <= 4 {
				return said{resolve: true}, true
			}
			// "the statement said", "the two governments said": a
			// document or a group that speaks for itself.
			return said{speaker: strings.ToLower(subj[0].text) + text[len(subj[0].text):]}, true
		}
	}
	// Trailing capitalised words that are not a title are the name; the
	// words before them, the role.
	end := len(subj)
	k := end
	for k > 0 && (isCap(subj[k-1]) && !isTitle(subj[k-1]) && !openers[subj[k-1].text] ||
		k > 1 && k < end && particles[subj[k-1].text] && isCap(subj[k-2])) {
		k--
	}
	if k == end {
		// "Ukraine said", "the White House said": a country or a body,
		// read as its trailing capitalised words.
		if !isCap(subj[end-1]) {
			return said{}, false
		}
		m := end
		for m > 0 && isCap(subj[m-1]) {
			m--
		}
		body := joinWords(subj[m:end])
		if m > 0 && strings.EqualFold(subj[m-1].text, "the") {
			body = "the " + body
		} else if strings.HasPrefix(body, "The ") {
			body = "the " + body[4:]
		}
		return said{speaker: body}, true
	}
	if end-k >= 3 && isCyrillic(subj[k].text) {
		// "разведки Украины Вадим Скибицкий": a name in the genitive
		// before a first name and a surname belongs to the role.
		k = end - 2
	}
	name := joinWords(subj[k:end])
	// The role is the title words just before the name: "Kremlin
	// spokesman", not "Within the hour".
	m := k
	for m > 0 && !subj[m-1].punct && !openers[subj[m-1].text] && (isTitle(subj[m-1]) || isCap(subj[m-1])) {
		m--
	}
	return said{speaker: name, role: cleanRole(joinWords(subj[m:k]))}, true
}

// hasName reports whether a subject names someone: two capitalised words
// in a row that are not a title ("Steve Witkoff").
func hasName(subj []word) bool {
	for i := 1; i < len(subj); i++ {
		if isCap(subj[i-1]) && isCap(subj[i]) && !isTitle(subj[i]) && !isTitle(subj[i-1]) {
			return true
		}
	}
	return false
}

func joinWords(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 && !(w.punct && (w.text == "," || w.text == "'" || w.text == "’")) {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// learnNames records the full names an article gives, with the role before
// them, so that a later "Peskov said" names "Dmitry Peskov", Kremlin spokesman.
func learnNames(ws []word, people map[string]person) {
	for i := 0; i < len(ws); i++ {
		if !isCap(ws[i]) || isTitle(ws[i]) || openers[ws[i].text] {
			continue
		}
		j := i
		for j < len(ws) && (isCap(ws[j]) && !isTitle(ws[j]) && !openers[ws[j].text] ||
			particles[ws[j].text] && j+1 < len(ws) && isCap(ws[j+1])) {
			j++
		}
		if j-i >= 3 && isCyrillic(ws[i].text) {
			i = j - 2 // "помічник Путіна Юрій Ушаков": the genitive is no part of the name
		}
		if j-i >= 2 && j-i <= 5 {
			full := joinWords(ws[i:j])
			last := ws[j-1].text
			if _, ok := people[last]; !ok {
				k := i
				for k > 0 && i-k < 5 && !ws[k-1].punct && !openers[ws[k-1].text] && (isTitle(ws[k-1]) || isCap(ws[k-1])) {
					k--
				}
				people[last] = person{full, cleanRole(joinWords(ws[k:i]))}
			}
		}
		i = j
	}
}

// cleanRole drops the articles and conjunctions a role was read with.
func cleanRole(r string) string {
	r = strings.TrimSpace(r)
	for _, p := range []string{"the ", "The ", "and ", "a ", "an "} {
		r = strings.TrimPrefix(r, p)
	}
	switch strings.ToLower(r) {
	case "the", "a", "an", "and", "of", "for":
		return ""
	}
	return r
}

// expand gives a speaker named by surname alone the full name and role the
// article gave them before.
func expand(p person, people map[string]person) person {
	parts := strings.Fields(p.name)
	if len(parts) == 0 {
		return p
	}
	if full, ok := people[parts[len(parts)-1]]; ok && len(strings.Fields(full.name)) >= len(parts) {
		if p.role == "" {
			p.role = full.role
		}
		p.name = full.name
	}
	return p
}

// subjectOf is the named person a sentence opens with ("Lavrov, speaking at
// a separate news conference, was upbeat."), whom a following "he said"
// may mean.
func subjectOf(ws []word, people map[string]person) person {
	i := 0
	for i < len(ws) && isTitle(ws[i]) {
		i++
	}
	j := i
	for j < len(ws) && isCap(ws[j]) && !isTitle(ws[j]) && !ws[j].quoted && !openers[ws[j].text] {
		j++
	}
	if j == i || j-i > 4 {
		return person{}
	}
	p := person{name: joinWords(ws[i:j])}
	if i > 0 {
		p.role = cleanRole(joinWords(ws[:i]))
	}
	if _, known := people[ws[j-1].text]; !known && j-i == 1 {
		// One capitalised word never named in full: a place or a country
		// as often as a person.
		return person{}
	}
	return expand(p, people)
}
