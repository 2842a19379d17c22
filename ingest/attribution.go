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
	// Verbs that tell what someone made known.
	"revealed", "indicated", "disclosed", "hinted",
	// Ukrainian
	"заявив", "заявила", "заявили", "сказав", "сказала", "сказали", "повідомив", "повідомила",
	"повідомили", "додав", "додала", "зазначив", "зазначила", "зазначили", "наголосив", "наголосила",
	"підкреслив", "підкреслила", "написав", "написала", "розповів", "розповіла", "визнав", "визнала",
	"пояснив", "пояснила", "уточнив", "уточнила", "запевнив", "заявляє", "каже", "кажуть",
	// Russian
	"заявил", "заявила", "заявили", "сказал", "сказала", "сказали", "сообщил", "сообщила", "сообщили",
	"добавил", "добавила", "отметил", "отметила", "отметили", "подчеркнул", "подчеркнула", "написал",
	"написала", "рассказал", "рассказала", "признал", "признала", "пояснил", "пояснила", "уточнил",
	"уточнила", "заверил", "заявляет", "говорит", "говорят", "говорил", "говорила", "говорили",
	"казав", "казала", "говорив", "говорила",
	// Verbs of stance and answer, as "called" and "replied" above.
	"назвав", "назвала", "назвали", "висловився", "висловилася", "оцінив", "оцінила", "відповів", "відповіла",
	"пообіцяв", "пообіцяла", "попередив", "попередила", "нагадав", "нагадала",
	"назвал", "назвали", "высказался", "высказалась", "оценил", "оценила", "ответил", "ответила",
	"пообещал", "пообещала", "предупредил", "предупредила", "напомнил", "напомнила",
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

// accordingTo opens reported speech with the speaker after it. "За його
// словами", "по его словам" carry the speaker as a pronoun inside.
var reAccordingTo = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_])(according to|за (?:його |її )?словами|по (?:его |ее |её )?словам|по данным|за даними|как заявил[аи]?|як заявив|як заявила)\s+`)

// accordingPhrases are the phrases reAccordingTo finds, for a cheap look
// before it runs.
var accordingPhrases = []string{"according to", "словам", "по данным", "за даними", "как заявил", "як заявив", "як заявила"}

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
//
// Go's \b knows ASCII letters only, so the Ukrainian and Russian words are
// bounded by wordStart and wordEnd.
var reAnonymous = regexp.MustCompile(`(?i)` + wordStart + `(sources?|officials?|people|persons?|diplomats?|insiders?|someone|джерел[оа]?|джерела|посадовці|посадовець|дипломати?|источник[иа]?|чиновники?|собеседник\p{L}*)` + wordEnd)
var reAnonymousHint = regexp.MustCompile(`(?i)` + wordStart + `(familiar with|briefed on|who (asked|spoke|requested|declined)|on condition of anonymity|not authori[sz]ed|обізнан\p{L}*|знайом\p{L}* з|знаком\p{L}* с|пожелавш\p{L}*|на условиях анонимности|на умовах анонімності)` + wordEnd)

const wordStart = `(?:^|[^\p{L}\p{N}_])`

// pronouns stand for a speaker named before; "it" only for a body ("the
// Kremlin said … It said …").
// "According to him" names the speaker as an object.
var pronouns = setOf("he", "she", "it", "him", "her", "він", "вона", "он", "она")

// personNouns end a description of one person named before: "the
// minister", "the presidential aide", "the head of state".
var personNouns = setOf("minister", "president", "aide", "spokesman", "spokeswoman", "spokesperson", "envoy",
	"leader", "negotiator", "chief", "adviser", "advisor", "secretary", "senator", "chancellor", "ambassador",
	"general", "commander", "director", "head", "premier", "mediator", "host", "lawmaker", "governor", "mayor",
	"state", "man", "woman", "diplomat", "official", "politician", "counterpart",
	"міністр", "президент", "речник", "речниця", "радник", "посадовець", "дипломат", "переговорник", "глава",
	"министр", "помощник", "советник", "переговорщик", "пресс-секретарь", "лидер", "лідер", "посол")

// bareDescriptions are the Ukrainian and Russian nouns that, alone after
// a verb of saying, mean someone named before: "— сказав дипломат". The
// languages have no article, and "дипломат" reads as "a diplomat" to the
// pattern of unnamed sources; "посадовець" (an official) stays unnamed.
var bareDescriptions = setOf("міністр", "президент", "речник", "речниця", "радник", "дипломат", "переговорник",
	"глава", "министр", "помощник", "советник", "переговорщик", "пресс-секретарь", "лидер", "лідер", "посол")

// unnamed open a subject that names nobody.
var unnamed = setOf("a", "an", "one", "two", "three", "four", "several", "some", "another", "other")

// particles stand inside names: "Ursula von der Leyen", "Mohammed bin Salman".
var particles = setOf("von", "der", "van", "de", "bin", "ibn", "al", "da", "di", "la", "le", "del")

// openers are capitalised words that open sentences, never part of a name.
var openers = setOf("In", "On", "At", "The", "A", "An", "After", "Before", "But", "And", "As", "When", "While",
	"If", "From", "For", "With", "Within", "By", "Speaking", "Asked", "Meanwhile", "Later", "Earlier", "Since",
	"Despite", "During", "Under", "Across", "Recap", "Also", "Then", "Still", "Yet", "So", "Both", "Neither",
	"Following", "Writing", "Addressing", "Responding", "Some", "Many", "Most", "His", "Her", "Their", "Its",
	"This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "However", "Now", "Afterward", "Afterwards", "Instead", "Separately", "У", "В", "На", "Після", "После", "За", "По",
	// Words of time open a sentence and stand before its subject:
	// "Yesterday Zelensky wrote", "Last Thursday, …".
	"Yesterday", "Today", "Tonight", "Tomorrow", "Overnight", "Last", "Next", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday", "Sunday", "Вчора", "Сьогодні", "Учора", "Пізніше", "Раніше", "Потім",
	"Вчера", "Сегодня", "Позднее", "Позже", "Ранее", "Затем", "Уже", "Вже", "Ще", "Ещё", "Еще", "Також", "Также",
	"Крім", "Кроме",
	// Quantities open a noun phrase: "Several Western leaders said".
	"Several", "Few", "Other", "Another", "All", "Each", "Every", "No", "Any", "Such")

// titleWords are the words of a role that stand before a name: "Foreign
// Minister", "Kremlin spokesman", "U.S. Special Envoy".
var titleWords = setOf(
	"president", "prime", "minister", "foreign", "defence", "defense", "secretary", "state", "spokesman",
	"spokeswoman", "spokesperson", "special", "envoy", "national", "security", "adviser", "advisor",
	"director", "chief", "deputy", "senator", "sen.", "rep.", "gov.", "chancellor", "general", "gen.",
	"ambassador", "vice", "commander", "head", "aide", "mayor", "governor", "kremlin", "white", "house", "ukrainian", "russian",
	"american", "u.s.", "us", "turkish", "saudi", "french", "german", "british", "european", "eu", "nato",
	"cia", "department", "ministry", "office", "presidential", "foreign-policy", "policy", "top", "senior",
	"negotiator", "lead", "chair", "speaker", "leader", "mr.", "mrs.", "ms.", "dr.", "lt.", "col.", "the",
	"former", "acting", "first", "intelligence", "committee", "house", "chairman", "democrat", "republican",
	"military", "army", "staff", "of", "for", "sovereign", "wealth", "fund", "council",
	"western", "eastern", "emirati", "finnish", "polish", "italian", "canadian", "chinese", "belarusian", "hungarian",
	"presidents", "ministers", "leaders", "envoys", "officials", "aides", "advisers",
	"президент", "прем'єр-міністр", "міністр", "речник", "радник", "посланець", "спецпосланець",
	"голова", "секретар", "глава", "пресс-секретарь", "помощник", "министр", "спецпосланник",
	"советник", "представитель", "посол", "госсекретарь", "держсекретар", "речниця", "помічник", "помічниця",
	"спецпредставник", "спецпредставитель",
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

// reWord is what words cuts a sentence into: a word (letters and digits,
// with apostrophes, periods and hyphens inside it, and a period at its
// end), or one character that is neither a letter, a digit nor a space.
// wordSpans finds its matches by hand, as its FindAllStringIndex would:
// the regular expression was a quarter of the time of deciding sentence
// roles (TestWordSpansAreTheRegexp checks that they cut alike).
var reWord = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}.]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]`)

// wordSpans is reWord.FindAllStringIndex(s, -1).
func wordSpans(s string) [][]int {
	var out [][]int
	isLN := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r': // RE2's \s
			i += size
			continue
		case !isLN(r):
			out = append(out, []int{i, i + size})
			i += size
			continue
		}
		// The longest run of word characters after the first that ends
		// with a letter, a digit or a period; else the first alone.
		end := i + size
		for j := end; j < len(s); {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isLN(r) && r != '\'' && r != '’' && r != '.' && r != '-' {
				break
			}
			j += n
			if isLN(r) || r == '.' {
				end = j
			}
		}
		out = append(out, []int{i, end})
		i = end
	}
	return out
}

func words(s string) []word {
	var out []word
	// A sentence whose first quotation mark closes a quotation goes on with
	// one the sentence before opened: «… Аравії. Для нас це стало
	// несподіванкою», — сказав він.
	open := false
	if i := strings.IndexAny(s, "“”«»„"); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		open = r == '”' || r == '»'
	}
	// Direct speech opened by a dash ("— Мы готовы, — сказал Песков.")
	// runs to the dash after its comma, "!" or "?".
	dashed := startsWithDash(s)
	opener := ""
	for _, m := range wordSpans(s) {
		t := s[m[0]:m[1]]
		r, _ := utf8.DecodeRuneInString(t)
		w := word{text: t, start: m[0], punct: !unicode.IsLetter(r) && !unicode.IsDigit(r)}
		if w.punct {
			switch t {
			case "“":
				// „…“, as Ukrainian and German write it, closes with “.
				open = opener != "„" || !open
				opener = t
			case "«", "„":
				open, opener = true, t
			case "”", "»":
				open = false
			case "\"":
				open = !open
			case "—", "–":
				if len(out) == 0 && dashed {
					open = true
					break
				}
				if dashed && open && len(out) > 0 && strings.Contains(",!?…", out[len(out)-1].text) {
					open, dashed = false, false
				}
			}
			w.quoted = open
		} else {
			w.quoted = open
			// "Lavrov." at the end of a sentence: the period is no part of
			// the name, nor of a pronoun ("— сказал он.").
			if strings.HasSuffix(t, ".") && !titleWords[strings.ToLower(t)] && (utf8.RuneCountInString(t) > 3 || pronouns[strings.ToLower(strings.TrimSuffix(t, "."))]) {
				w.text = strings.TrimSuffix(t, ".")
			}
		}
		out = append(out, w)
	}
	return out
}

// startsWithDash reports whether a sentence opens with the dash of direct
// speech and a comma, "!" or "?" followed by a dash closes it, as Ukrainian
// and Russian write a quotation without quotation marks.
func startsWithDash(s string) bool {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if !strings.HasPrefix(t, "—") && !strings.HasPrefix(t, "–") {
		return false
	}
	for _, closer := range []string{", —", ", –", "! —", "? —", "… —"} {
		if strings.Contains(t, closer) {
			return true
		}
	}
	return false
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
	// desc is the description a resolved speaker was given ("the
	// president"), which the person it resolves to must not contradict.
	desc string
	// known: the speaker was read where a word in capitals may be no name
	// ("Крім того, …"), and counts only as someone the article names.
	known bool
	// genitive: the speaker was read after "за словами", "по словам", in
	// the genitive ("Умєрова"), and counts only as someone named before.
	genitive bool
	// person: the speaker was read from a live blog's heading, "Rubio
	// speaks.": a body says, a person speaks.
	person bool
	// source: the speaker was read after "according to", "за даними":
	// often a news agency or a document, which no "he" after stands for.
	source bool
}

// attribute fills in Said for every prose sentence of body.
func attribute(body string, ss []parley.Sentence) {
	people := map[string]person{} // a surname → the full name and role first given
	var lastSpeaker person        // the speaker of the last attributed sentence
	var prevSubject person        // the named subject of the sentence before
	var lastPerson person         // the last person the text made a subject or a speaker
	sinceSpeaker, sincePerson := 0, 0
	// resolve finds whom "he said", "the minister added" means: the person
	// the sentence before makes its subject, else the speaker just quoted,
	// else the person last named as a subject — a person, never a group
	// ("the two delegations") or a source ("Reuters"), and never one whose
	// role the description contradicts.
	resolve := func(desc string) person {
		for _, c := range []struct {
			p  person
			ok bool
		}{{prevSubject, personLike(prevSubject)}, {lastSpeaker, sinceSpeaker <= 2 && personLike(lastSpeaker)}, {lastPerson, sincePerson <= 2}} {
			if c.ok && fits(desc, c.p.role) {
				return c.p
			}
		}
		return person{}
	}
	for i := range ss {
		s := &ss[i]
		if s.Role == parley.RoleTimestamp {
			// A live blog's entries stand alone: "he" after a new clock
			// means no one named in the entry before.
			lastSpeaker, prevSubject, lastPerson = person{}, person{}, person{}
		}
		if s.Role == parley.RoleCaption {
			// A caption names people in full: "Ukrainian President
			// Volodymyr Zelensky is greeted by…".
			learnNames(words(body[s.Start:s.End]), people)
		}
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
			who = resolve(a.desc)
		case a.speaker != "":
			who = expand(person{a.speaker, a.role}, people)
			if a.genitive {
				who = nominative(a.speaker, people)
			}
			if (a.known || a.genitive) && !isPerson(who, people) {
				who = person{}
			}
			if _, ok := people[who.name]; a.person && !ok && !strings.Contains(who.name, " ") {
				people[who.name] = who
			}
		case q >= 3 && quoteOnly(ws) && sinceSpeaker <= 1 && personLike(lastSpeaker):
			// A quotation that runs on from the sentence before, whose
			// speaker that sentence named.
			who = lastSpeaker
		}
		if s.Said.Kind != parley.Anonymous && who.name != "" {
			// The speaker's own words are the sentence when most of it is
			// quotation; a few quoted words inside the outlet's paraphrase
			// ("said the U.S. would “take a pass” if …") leave it the
			// outlet's sentence about them.
			if q >= 3 && (5*q >= 2*countWords(ws) || startsWithQuote(text) || quoteAfterColon(ws) || quoteCloses(ws)) {
				s.Said = parley.Attribution{Kind: parley.Direct, Speaker: who.name, SpeakerRole: who.role}
			} else if a.speaker != "" || a.resolve {
				s.Said = parley.Attribution{Kind: parley.Reported, Speaker: who.name, SpeakerRole: who.role}
			}
		}
		source := a.source && !isPerson(who, people)
		switch {
		case s.Said.Speaker != "" && !source:
			lastSpeaker, sinceSpeaker = who, 0
		case s.Said.Kind == parley.Anonymous:
			// "he said" after unnamed sources means one of them, not the
			// person named before them.
			lastSpeaker, lastPerson = person{}, person{}
		default:
			sinceSpeaker++
		}
		switch subj := subjectOf(ws, people); {
		case s.Said.Speaker != "" && !source:
			prevSubject = who
		case subj.name != "":
			prevSubject = subj
		case refersBack(ws):
			// "He declined to say…", "But the envoy wouldn't specify…",
			// "On July 14 he gave Moscow 50 days": the same person stays
			// the subject.
			prevSubject = resolve("")
			if prevSubject.name != "" {
				lastPerson, sincePerson = prevSubject, -1
			}
		default:
			prevSubject = person{}
		}
		sincePerson++
		if isPerson(prevSubject, people) || s.Said.Speaker != "" && !source && personLike(prevSubject) {
			lastPerson, sincePerson = prevSubject, 0
		}
	}
}

// personLike reports whether a speaker may be a person: a capitalised
// name, not "the US side" or "the two delegations".
func personLike(p person) bool {
	r, _ := utf8.DecodeRuneInString(p.name)
	return unicode.IsUpper(r) && !strings.HasPrefix(p.name, "The ")
}

// isPerson reports whether a speaker is a person a pronoun may stand for:
// a name of two words or more, or a surname the article gave in full. "the
// US side", "the two delegations", "Reuters" are not.
func isPerson(p person, people map[string]person) bool {
	if p.name == "" || strings.HasPrefix(p.name, "the ") {
		return false
	}
	parts := strings.Fields(p.name)
	if len(parts) >= 2 {
		return true
	}
	_, ok := people[parts[0]]
	return ok
}

// offices are the words of a role that say which office someone holds.
var offices = []string{"president", "minister", "spokes", "secretary", "aide", "adviser", "advisor", "envoy",
	"mayor", "governor", "chancellor", "ambassador", "director", "президент", "міністр", "министр", "речни",
	"помічни", "помощни", "радни", "советни", "посол", "пресс-секретар", "госсекретар", "держсекретар"}

// fits reports whether a person whose role is role may be the one a
// description names: "the president" is not the Kremlin spokesman. A
// description without an office, or a person without one, fits.
func fits(desc, role string) bool {
	desc, role = strings.ToLower(desc), strings.ToLower(role)
	var inDesc, inRole bool
	for _, o := range offices {
		d, r := strings.Contains(desc, o), strings.Contains(role, o)
		if d && r {
			return true
		}
		inDesc, inRole = inDesc || d, inRole || r
	}
	return !inDesc || !inRole
}

// quoteOnly reports whether a sentence is quotation alone: a quotation
// that runs on from the sentence before, or stands after it. A sentence
// with words of its own outside the quotation ("«…», — говорил Дмитриев")
// names its speaker there, or leaves it open.
func quoteOnly(ws []word) bool {
	if len(ws) == 0 || !ws[0].quoted && !(ws[0].text == "—" && len(ws) > 1 && ws[1].quoted) {
		return false
	}
	for _, w := range ws {
		if !w.quoted && !w.punct {
			return false
		}
	}
	return true
}

// quoteCloses reports a quotation that ends the sentence right after a verb
// that gives words as someone's: `calling it “very interesting and
// cordial.”`, `described them as “game-changing.”`.
func quoteCloses(ws []word) bool {
	o := -1
	for i, w := range ws {
		if w.quoted && w.punct {
			o = i
			break
		}
	}
	if o < 2 {
		return false
	}
	for _, w := range ws[o:] {
		if !w.quoted && !w.punct {
			return false
		}
	}
	verb := strings.ToLower(ws[o-1].text)
	switch verb {
	case "it", "them", "him", "her", "as", "this":
		verb = strings.ToLower(ws[o-2].text)
		if verb == "it" || verb == "them" {
			verb = strings.ToLower(ws[o-3].text)
		}
	}
	return verb == "calling" || verb == "describing" || verb == "saying" || speechVerbs[verb]
}

// refersBack reports whether a sentence's subject is a pronoun or a
// description, "He declined…", "But the envoy…", that stands for the
// subject before.
func refersBack(ws []word) bool {
	i := 0
	for i < len(ws) && (openers[ws[i].text] && !pronouns[strings.ToLower(ws[i].text)] && ws[i].text != "The" || ws[i].text == ",") {
		i++
	}
	if i >= len(ws) {
		return false
	}
	if first := strings.ToLower(ws[i].text); first == "the" {
		return i+2 < len(ws) && (personNouns[strings.ToLower(ws[i+1].text)] || personNouns[strings.ToLower(ws[i+2].text)])
	}
	// The pronoun may follow a phrase of time or place: "On July 28,
	// speaking in Scotland, he cut that…".
	for k := i; k < len(ws) && k <= i+10; k++ {
		if ws[k].quoted {
			return false
		}
		if lower := strings.ToLower(ws[k].text); lower == "he" || lower == "she" || lower == "він" || lower == "вона" || lower == "он" || lower == "она" {
			return true
		}
		if k == i && i == 0 && !prepositions[strings.ToLower(ws[k].text)] {
			return false
		}
	}
	return false
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
	if a, ok := mainVerb(ws); ok {
		return a
	}
	// The plain verbs of saying first: in "The two presidents backed
	// continued talks, Ushakov said", "continued" is no verb of saying.
	for _, verbs := range []map[string]bool{coreVerbs, speechVerbs} {
		for i, w := range ws {
			if w.quoted || w.punct || !verbs[strings.ToLower(w.text)] && !(len(verbs) > len(coreVerbs) && isVerbPhrase(ws, i)) {
				continue
			}
			if a, ok := subjectBefore(ws, i); ok {
				a.person = strings.ToLower(w.text) == "speaks"
				return a
			}
			if a, ok := subjectAfter(ws, i+1); ok {
				return a
			}
		}
	}
	if a, ok := speakerAtColon(ws); ok {
		return a
	}
	if a, ok := pronounAtColon(ws); ok {
		return a
	}
	if a, ok := participleAtColon(ws); ok {
		return a
	}
	// "according to X, …": the subject is the words after the phrase.
	if !mayReport(text) {
		return said{}
	}
	if m := reAccordingTo.FindStringSubmatchIndex(text); m != nil {
		phrase := strings.Fields(text[m[2]:m[3]])
		if len(phrase) == 3 {
			// "за його словами", "по его словам"
			return said{resolve: true}
		}
		for i, w := range ws {
			if w.start >= m[1] {
				a, ok := subjectAfter(ws, i)
				if ok && isCyrillic(phrase[0]) && a.speaker != "" && !strings.Contains(a.speaker, " ") {
					a.genitive = true
				}
				a.source = true
				if ok {
					return a
				}
				break
			}
		}
	}
	return said{}
}

// mainVerb finds the verb of saying that carries a whole sentence, where
// another verb of saying stands inside what is said: the closing "…, the
// Kremlin said." of "Putin also told Trump that …, the Kremlin said.", or
// the opening "He added that" of "He added that … Putin had told Trump…".
func mainVerb(ws []word) (said, bool) {
	// The last clause, a subject and its verb and at most a few words.
	end := len(ws)
	for end > 0 && ws[end-1].punct {
		end--
	}
	for i := end - 1; i > 0 && end-i <= 10; i-- {
		w := ws[i]
		if w.quoted || w.text == "," {
			break
		}
		if w.punct || !speechVerbs[strings.ToLower(w.text)] || end-i > 4 || hasThat(ws[i:end]) {
			continue
		}
		if a, ok := subjectBefore(ws, i); ok && a.speaker != "" && subjectStart(ws, i) > 0 && ws[subjectStart(ws, i)-1].text == "," {
			return a, true
		}
	}
	// The opening clause: a subject of a few words and a verb, then "that"
	// or a colon.
	for i := 1; i < len(ws) && i <= 6; i++ {
		w := ws[i]
		if w.quoted || w.punct {
			break
		}
		if !speechVerbs[strings.ToLower(w.text)] || i+1 >= len(ws) || ws[i+1].text != "that" && ws[i+1].text != ":" {
			continue
		}
		if a, ok := subjectBefore(ws, i); ok && subjectStart(ws, i) == 0 {
			return a, true
		}
	}
	return said{}, false
}

func hasThat(ws []word) bool {
	for _, w := range ws {
		if w.text == "that" || w.text == "що" || w.text == "что" {
			return true
		}
	}
	return false
}

// subjectStart is where the words before the verb at i that subjectBefore
// reads begin.
func subjectStart(ws []word, i int) int {
	for i > 0 && !ws[i-1].quoted && beforeVerb[strings.ToLower(ws[i-1].text)] {
		i--
	}
	j := i
	for j > 0 {
		p := ws[j-1]
		if p.quoted || p.punct && p.text != "'" && p.text != "’" || subjectStop[strings.ToLower(p.text)] && j-1 != 0 {
			break
		}
		j--
		if i-j >= 10 {
			break
		}
	}
	return j
}

// isVerbPhrase reports whether the word at i opens a verb of saying of
// several words, "made it clear", or is a word that reports speech only
// where it stands: "Rubio speaks." as a live blog's heading, "Trump posts
// on social media: …" ("his posts on X" is a noun).
func isVerbPhrase(ws []word, i int) bool {
	next := func(k int) string {
		if i+k < len(ws) {
			return strings.ToLower(ws[i+k].text)
		}
		return ""
	}
	switch strings.ToLower(ws[i].text) {
	case "made", "makes", "make":
		return next(1) == "clear" || next(1) == "it" && next(2) == "clear"
	case "speaks":
		return next(1) == "" || next(1) == "." || next(1) == ":"
	case "posts":
		return next(1) == "on" || next(1) == "that" || next(1) == ":"
	case "was", "is", "were":
		// "he was quoted as saying"
		return next(1) == "quoted" && next(2) == "as" && next(3) == "saying"
	}
	return false
}

// speakerAtColon reads a live blog's shorthand for what someone said, a
// name and where they said it before a colon: "Umerov, at a news
// conference: the Russians handed over…".
func speakerAtColon(ws []word) (said, bool) {
	k := 0
	for k < len(ws) && isCap(ws[k]) && !ws[k].quoted && !openers[ws[k].text] {
		k++
	}
	if k == 0 || k+2 >= len(ws) || ws[k].text != "," || !prepositions[strings.ToLower(ws[k+1].text)] {
		return said{}, false
	}
	for j := k + 2; j < len(ws) && j-k <= 10; j++ {
		if ws[j].punct {
			if ws[j].text != ":" {
				return said{}, false
			}
			return readSubject(ws[:k])
		}
	}
	return said{}, false
}

// pronounAtColon reads a pronoun that introduces a quotation with a colon
// after a few words of its own, however they say it: "A few moments later
// he pressed the point: “Have you even said 'thank you' once?”". The
// pronoun stands for the person named before (resolve), and only "he" or
// "she" is read so: a noun before a colon ("The message was clear: …")
// names no speaker.
func pronounAtColon(ws []word) (said, bool) {
	p := -1
	for i := 0; i < len(ws) && i <= 5; i++ {
		if ws[i].quoted || ws[i].punct && ws[i].text != "," {
			return said{}, false
		}
		// English only: the Ukrainian and Russian "він"/"он" before a
		// colon follow dash-introduced quotations whose speakers are not
		// always read, and would resolve to someone named earlier.
		if l := strings.ToLower(ws[i].text); l == "he" || l == "she" {
			p = i
			break
		}
	}
	if p < 0 {
		return said{}, false
	}
	for j := p + 1; j < len(ws) && j-p <= 5; j++ {
		switch {
		case ws[j].quoted:
			return said{}, false
		case ws[j].text == ":":
			if j > p+1 && quoteOpensAt(ws, j+1) {
				return said{resolve: true}, true
			}
			return said{}, false
		case ws[j].punct || isCap(ws[j]):
			return said{}, false
		}
	}
	return said{}, false
}

// isQuoteMark reports whether a word is an opening quotation mark.
// participlesOfSaying introduce, after a comma, what the sentence's
// subject said or wrote: "Trump congratulated both sides, writing on
// social media: “…”".
var participlesOfSaying = setOf("saying", "writing", "adding", "posting", "telling", "declaring", "noting", "stating", "warning", "insisting")

// participleAtColon reads the subject of a sentence that opens with a name
// (or "he", "she") and gives its words after a participle of saying and a
// colon: "U.S. President Donald Trump congratulated both sides, writing on
// social media: “This could lead to something big”" is Trump's quotation.
func participleAtColon(ws []word) (said, bool) {
	for i := 1; i < len(ws); i++ {
		if ws[i].quoted || ws[i-1].text != "," || !participlesOfSaying[strings.ToLower(ws[i].text)] {
			continue
		}
		colon := -1
		for j := i + 1; j < len(ws) && j-i <= 8; j++ {
			if ws[j].quoted || ws[j].punct && ws[j].text != ":" {
				break
			}
			if ws[j].text == ":" {
				colon = j
				break
			}
		}
		if colon < 0 || !quoteOpensAt(ws, colon+1) {
			return said{}, false
		}
		if l := strings.ToLower(ws[0].text); l == "he" || l == "she" {
			return said{resolve: true}, true
		}
		k := 0
		for k < i && isCap(ws[k]) && !ws[k].quoted && !openers[ws[k].text] {
			k++
		}
		if k == 0 || k >= i || ws[k].punct {
			return said{}, false
		}
		return readSubject(ws[:k])
	}
	return said{}, false
}

// quoteOpensAt reports whether a quotation opens at ws[i].
func quoteOpensAt(ws []word, i int) bool {
	return i < len(ws) && (ws[i].quoted || isQuoteMark(ws[i].text))
}

func isQuoteMark(s string) bool { return s == "\"" || s == "“" || s == "«" || s == "„" }

// beforeVerb are the words that may stand between a subject and its verb
// of saying: "Ratcliffe has confirmed", "Witkoff also indicated", "Putin
// had said".
var beforeVerb = setOf("has", "have", "had", "also", "later", "then", "again", "earlier", "previously", "publicly",
	"repeatedly", "further", "reportedly", "yesterday", "today", "також", "вже", "уже", "раніше", "напередодні",
	"вчора", "учора", "сьогодні", "также", "тоже", "ранее", "затем", "накануне", "вчера", "сегодня")

// coordinators join a second verb to the subject of the first: "He
// avoided details but confirmed that …".
var coordinators = setOf("and", "but", "і", "й", "та", "але", "и", "но", "а")

// subjectBefore reads the subject of the verb at i backwards: "Kremlin
// spokesman Dmitry Peskov said", "Peskov, the Kremlin spokesman, said",
// "two people familiar with the talks said", "he said".
func subjectBefore(ws []word, i int) (said, bool) {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		// "The total size of the fund was not disclosed", "has not
		// been officially disclosed".
		lower := strings.ToLower(ws[k].text)
		if passive[lower] {
			return said{}, false
		}
		if lower != "not" && !strings.HasSuffix(lower, "ly") {
			break
		}
	}
	for i > 0 && !ws[i-1].quoted && beforeVerb[strings.ToLower(ws[i-1].text)] {
		i--
	}
	if i > 0 && !ws[i-1].quoted && coordinators[strings.ToLower(ws[i-1].text)] {
		return coordinated(ws, i-1)
	}
	j := subjectStart(ws, i)
	if j > 0 && relatives[strings.ToLower(ws[j-1].text)] {
		// "…, which Zelensky has described as…", "the moratorium, which
		// Moscow says began on March 18, has run out": a verb inside a
		// clause about something else carries no sentence.
		return said{}, false
	}
	subj := ws[j:i]
	// "… в Анкарі заявив", "Trump in Washington said", "Віткофф у
	// мережі X написав": a place or a medium after a preposition is no
	// speaker; the subject is before it.
	for k := 1; k < len(subj); k++ {
		if prepositions[strings.ToLower(subj[k].text)] && isCap(subj[k-1]) && !openers[subj[k-1].text] {
			subj = subj[:k]
			break
		}
	}
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

// passive are the words before a participle that make it passive: "was
// not disclosed" has no speaker.
var passive = setOf("was", "were", "is", "are", "be", "been", "being")

// relatives open a clause inside a sentence: "which", "whom".
var relatives = setOf("which", "whom", "whose", "який", "яка", "які", "який", "который", "которая", "которые")

// coordinated reads the subject of a verb joined by the conjunction at c
// to the verb before: "Medinsky, who afterwards described … and said" is
// the who's, "He avoided details but confirmed" the sentence's.
func coordinated(ws []word, c int) (said, bool) {
	for k := c - 1; k > 0; k-- {
		if ws[k].quoted {
			continue
		}
		if lower := strings.ToLower(ws[k].text); lower == "who" || lower == "який" || lower == "которая" || lower == "который" {
			if ws[k-1].text == "," {
				m := k - 1
				for m > 0 && isCap(ws[m-1]) && !ws[m-1].quoted {
					m--
				}
				if m < k-1 {
					a, ok := readSubject(ws[m : k-1])
					a.known = true
					return a, ok
				}
			}
			return said{}, false
		}
		if relatives[strings.ToLower(ws[k].text)] || ws[k].text == "that" {
			return said{}, false
		}
	}
	a, ok := sentenceSubject(ws[:c])
	a.known = true
	return a, ok
}

// sentenceSubject reads the subject a sentence opens with, for a second
// verb joined to it: a pronoun, or a name and its title before a word in
// lower case. Anything else ("The Russian delegation was…") names no one.
func sentenceSubject(ws []word) (said, bool) {
	k := 0
	for k < len(ws) && openers[ws[k].text] && !pronouns[strings.ToLower(ws[k].text)] && !determiners[ws[k].text] || k < len(ws) && ws[k].text == "," {
		k++
	}
	if k < len(ws) && determiners[ws[k].text] {
		return said{}, false
	}
	ws = ws[k:]
	if len(ws) >= 2 && pronouns[strings.ToLower(ws[0].text)] && !ws[1].punct {
		return said{resolve: true}, true
	}
	n := 0
	for n < len(ws) && !ws[n].punct && (isCap(ws[n]) || isTitle(ws[n])) {
		n++
	}
	if n == 0 || n == len(ws) || ws[n].punct || prepositions[strings.ToLower(ws[n].text)] {
		// "According to Ushakov, …" opens with no subject.
		return said{}, false
	}
	return readSubject(ws[:n])
}

// determiners open a noun phrase, never a name.
var determiners = setOf("The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Some", "Many", "Most", "Both")

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
		// The name and its title: "U.S. Secretary of State Marco Rubio",
		// "Ursula von der Leyen".
		m := k
		for m > 0 && !ws[m-1].quoted && (isCap(ws[m-1]) || m > 1 && (ws[m-1].text == "of" || particles[ws[m-1].text]) && isCap(ws[m-2])) {
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
// заявив Зеленський", "according to the minister". i is the word after
// the verb.
func subjectAfter(ws []word, i int) (said, bool) {
	at := i // the word after the verb
	if i < len(ws) && isCyrillic(ws[i].text) {
		// "— говорил в четверг Песков", "— заявив учора Зеленський": a
		// time between the verb and its subject, and whom it was said to
		// ("заявил журналистам Песков").
		i = afterTime(ws, i)
		if i < len(ws) && addressees[strings.ToLower(ws[i].text)] {
			i++
		}
	}
	j := i
	for j < len(ws) && !ws[j].punct && !ws[j].quoted && j-i < 8 {
		if lower := strings.ToLower(ws[j].text); subjectStop[lower] || prepositions[lower] && j > i {
			// "— сообщил Мединский на пресс-подходе"
			break
		}
		j++
	}
	if j == i || at < 2 {
		return said{}, false
	}
	subj := ws[i:j]
	// Only after a quotation or a dash does a subject follow its verb.
	before, prev := ws[at-2].text, ""
	if at >= 3 {
		prev = ws[at-3].text
	}
	// In Ukrainian and Russian, indirect speech puts the verb and its
	// subject after a comma, at the sentence's end: "Сроки не определены,
	// заявил Песков." — the outlet's words for what he said.
	inverted := before == "," && isCyrillic(ws[at-1].text) && (j == len(ws) || j == len(ws)-1 && ws[j].punct)
	if !inverted && !(before == "”" || before == "»" || before == "\"" || before == "—" || before == "–" || before == "-" || before == "," && (prev == "”" || prev == "\"" || prev == "»")) {
		if !reAccordingTo.MatchString(joinWords(ws[max(0, at-3):at]) + " ") {
			return said{}, false
		}
		// "according to two people familiar with the call"
		if a, ok := readSubject(ws[i:min(len(ws), i+8)]); ok && a.anonymous {
			return a, true
		}
	}
	// "told reporters", "said on Tuesday": no subject after the verb. A
	// subject that follows its verb ends the clause: "…,” said the
	// minister." — "said the discussion had been serious" has none.
	first := strings.ToLower(subj[0].text)
	if k := cyrillicRoleBefore(subj); k > 0 {
		// "— говорил пресс-секретарь президента Дмитрий Песков": in
		// Ukrainian and Russian the role comes first, in lower case.
		a, ok := readSubject(subj[k:])
		if ok && a.speaker != "" && a.role == "" {
			a.role = joinWords(subj[:k])
		}
		return a, ok
	}
	if !isCap(subj[0]) && !pronouns[first] && first != "the" && !(len(subj) == 1 && bareDescriptions[first]) {
		return said{}, false
	}
	if len(subj) > 5 || j < len(ws) && !ws[j].punct && !prepositions[strings.ToLower(ws[j].text)] {
		return said{}, false
	}
	if len(subj) <= 3 && bareDescriptions[strings.ToLower(subj[len(subj)-1].text)] && !isCap(subj[0]) || len(subj) == 1 && bareDescriptions[first] {
		// "— сказав дипломат", "— написав український президент"
		return said{resolve: true, desc: joinWords(subj)}, true
	}
	if isCap(subj[0]) {
		// "— говорил Дмитриев изданию": the name, not whom it was said to.
		n := 1
		for n < len(subj) && (isCap(subj[n]) || particles[subj[n].text]) {
			n++
		}
		subj = subj[:n]
	}
	return readSubject(subj)
}

// timeWords are the Ukrainian and Russian words of a time that may stand
// between a verb of saying and its subject, alone ("— заявив учора
// Зеленський") or after в, у, во ("— говорил в четверг Песков").
var timeWords = setOf("вчера", "сегодня", "накануне", "позже", "затем", "тогда", "ранее",
	"учора", "вчора", "сьогодні", "напередодні", "пізніше", "потім", "тоді", "раніше",
	"понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье",
	"понеділок", "вівторок", "середу", "четвер", "п'ятницю", "п’ятницю", "суботу", "неділю")

// addressees are whom a Ukrainian or Russian verb of saying says it to,
// between the verb and its subject.
var addressees = setOf("журналистам", "журналістам", "репортерам", "репортёрам", "корреспондентам", "кореспондентам", "журналисту", "журналісту")

// afterTime is the index of the first word at or after i that is not part
// of such a time.
func afterTime(ws []word, i int) int {
	for i < len(ws) {
		switch lower := strings.ToLower(ws[i].text); {
		case timeWords[lower]:
			i++
		case (lower == "в" || lower == "у" || lower == "во") && i+1 < len(ws) && timeWords[strings.ToLower(ws[i+1].text)]:
			i += 2
		default:
			return i
		}
	}
	return i
}

// cyrillicRoleBefore is the number of lower-case Cyrillic words of a role
// before the capitalised name that ends subj ("пресс-секретарь президента
// Дмитрий Песков"), or 0 when subj is not so.
func cyrillicRoleBefore(subj []word) int {
	k := 0
	for k < len(subj) && !isCap(subj[k]) {
		if !isCyrillic(subj[k].text) || pronouns[strings.ToLower(subj[k].text)] {
			return 0
		}
		k++
	}
	if k == 0 || k == len(subj) || !roleWord(subj[:k]) {
		return 0
	}
	for _, w := range subj[k:] {
		if !isCap(w) {
			return 0
		}
	}
	return k
}

// roleWord reports whether the words of a role name a person's office: one
// of them is a description a bare subject may be ("президент", "речник") or
// a word of an office ("пресс-секретарь", "глава", "помощник").
func roleWord(ws []word) bool {
	for _, w := range ws {
		lower := strings.ToLower(w.text)
		if bareDescriptions[lower] || officeWords[lower] {
			return true
		}
	}
	return false
}

// officeWords are Ukrainian and Russian words of an office, in the forms
// a role before a name has.
var officeWords = setOf("пресс-секретарь", "прес-секретар", "глава", "голова", "помощник", "помічник",
	"советник", "радник", "министр", "міністр", "секретарь", "секретар", "посол", "представитель",
	"представник", "спецпосланник", "спецпосланець", "посланник", "посланець", "депутат", "керівник",
	"руководитель", "председатель", "заместитель", "заступник", "лидер", "лідер", "генсек", "командующий")

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
	if l := strings.ToLower(subj[len(subj)-1].text); len(subj) > 1 && pronouns[l] && l != "it" && l != "him" && l != "her" && (openers[subj[0].text] || prepositions[strings.ToLower(subj[0].text)]) {
		// "Yesterday he said", "Ще до зустрічі він казав"
		return said{resolve: true}, true
	}
	if possessive(subj[len(subj)-1].text) {
		// "Trump's posts": a possessive is no speaker.
		return said{}, false
	}
	if first := strings.ToLower(subj[0].text); len(subj) <= 3 && bareDescriptions[first] && !isCap(subj[0]) {
		// "президент Украины рассказал", "глава держави": a
		// description in a language without articles; the country
		// after it is in the genitive and names no speaker.
		return said{resolve: true, desc: text}, true
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
				return said{resolve: true, desc: text}, true
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
		k > 1 && k < end && particles[subj[k-1].text] && (isCap(subj[k-2]) || particles[subj[k-2].text])) {
		k--
	}
	if k >= 2 && k < end && (first == "a" || first == "an") && !isCap(subj[k-1]) && !isTitle(subj[k-1]) {
		// "a demand Zelensky has rejected": the name is the subject of a
		// clause about the noun before it.
		return said{}, false
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
	if last := subj[end-1].text; isCyrillic(last) && hasAnySuffix(last, "ом", "ем", "єм", "ём", "ою", "ею", "єю") {
		// "з Реджепом Таїпом Ердоганом": a name in the instrumental is
		// whom the subject spoke with, never the subject.
		return said{}, false
	}
	name := joinWords(subj[k:end])
	// The role is the title words just before the name: "Kremlin
	// spokesman", not "Within the hour".
	m := k
	for m > 0 && !subj[m-1].punct && !openers[subj[m-1].text] && (isTitle(subj[m-1]) || isCap(subj[m-1])) && !strayOf(subj, m-1) {
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
			particles[ws[j].text] && j+1 < len(ws) && (isCap(ws[j+1]) || particles[ws[j+1].text] && j+2 < len(ws) && isCap(ws[j+2]))) {
			if possessive(ws[j].text) {
				// "Donald Trump’s envoy": the name ends at the possessive.
				j++
				break
			}
			j++
		}
		if j-i >= 3 && isCyrillic(ws[i].text) {
			i = j - 2 // "помічник Путіна Юрій Ушаков": the genitive is no part of the name
		}
		if j-i >= 2 && j-i <= 5 {
			full := strings.TrimSuffix(strings.TrimSuffix(joinWords(ws[i:j]), "'s"), "’s")
			last := strings.TrimSuffix(strings.TrimSuffix(ws[j-1].text, "'s"), "’s")
			if known, ok := people[last]; !ok || !strings.Contains(known.name, " ") || known.role == "" && known.name == full {
				k := i
				for k > 0 && i-k < 5 && !ws[k-1].punct && !openers[ws[k-1].text] && (isTitle(ws[k-1]) || isCap(ws[k-1])) && !strayOf(ws, k-1) {
					k--
				}
				people[last] = person{full, cleanRole(joinWords(ws[k:i]))}
			}
		}
		i = j
	}
}

// strayOf reports an "of" that joins no title: "the visit to Moscow of
// President Trump" gives no role "Moscow of President"; "Secretary of
// State" keeps its "of".
func strayOf(ws []word, k int) bool {
	return (ws[k].text == "of" || ws[k].text == "for") && (k == 0 || !isTitle(ws[k-1]) || strings.EqualFold(ws[k-1].text, "the"))
}

func hasTitle(r string) bool {
	for _, w := range strings.Fields(r) {
		if titleWords[strings.ToLower(w)] || personNouns[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

func hasAnySuffix(w string, ends ...string) bool {
	for _, e := range ends {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

// cleanRole drops the articles and conjunctions a role was read with, and a
// role that is only a name in the genitive ("Турції" of "міністр
// закордонних справ Турції Хакан Фідан", whose title is in lower case).
func cleanRole(r string) string {
	r = strings.TrimSpace(r)
	if isCyrillic(r) && !hasTitle(r) {
		return ""
	}
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

// nominative finds the person a surname in the genitive names, "Умєрова"
// for "Рустем Умєров", among those the article named before; or no one.
func nominative(name string, people map[string]person) person {
	for _, end := range [][2]string{{"", ""}, {"а", ""}, {"я", "й"}, {"я", "ь"}, {"ого", "ий"}, {"ого", "ой"}, {"ого", "ій"}, {"ої", "а"}, {"ой", "а"}, {"ей", "а"}} {
		if base, ok := strings.CutSuffix(name, end[0]); ok {
			if full, ok := people[base+end[1]]; ok {
				return full
			}
		}
	}
	return person{}
}

// subjectOf is the named person a sentence opens with ("Lavrov, speaking at
// a separate news conference, was upbeat."), whom a following "he said"
// may mean.
func subjectOf(ws []word, people map[string]person) person {
	if len(ws) > 0 && (openers[ws[0].text] || !isCap(ws[0])) {
		// "Also during the Sunday CNN interview, Witkoff declined…",
		// "Speaking to reporters after the talks, Zelensky was asked…":
		// the subject follows the phrase that opens the sentence.
		for k := 1; k < len(ws) && k <= 12; k++ {
			if ws[k].quoted || ws[k].punct && ws[k].text != "," {
				break
			}
			if ws[k].text == "," {
				ws = ws[k+1:]
				break
			}
		}
	}
	if len(ws) > 1 && prepositions[strings.ToLower(ws[0].text)] {
		// "In Putin's view, …", "By Trump's account"
		ws = ws[1:]
	}
	i := 0
	for i < len(ws) && isTitle(ws[i]) {
		i++
	}
	j := i
	for j < len(ws) && isCap(ws[j]) && !isTitle(ws[j]) && !ws[j].quoted && !openers[ws[j].text] {
		j++
		if possessive(ws[j-1].text) {
			// "Trump's own dates turned out to be different.": the
			// possessor is whom the sentence is about.
			break
		}
	}
	if j == i || j-i > 4 {
		return person{}
	}
	if possessive(ws[j-1].text) {
		name := strings.TrimSuffix(strings.TrimSuffix(joinWords(ws[i:j]), "'s"), "’s")
		if full, known := people[strings.TrimSuffix(strings.TrimSuffix(ws[j-1].text, "'s"), "’s")]; known && strings.HasSuffix(full.name, name) {
			return full
		}
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
