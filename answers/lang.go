package answers

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Questions in Ukrainian and Russian are read by the same steps as English
// ones: their words are matched by their Slavic keys (prose.SlavicKey), and
// this file gives the rest of what those steps read from a question's
// form, in the two languages — the kind of answer it wants, a question
// typed in Latin letters, and the words an answer is written in.

// slavicTypeRules read the kind of answer a Ukrainian or Russian question
// wants from its question words, as typeRules do in English; first match
// wins, the more specific forms first.
var slavicTypeRules = []struct {
	re *regexp.Regexp
	t  answerType
}{
	{regexp.MustCompile(`(?i)(якими словами|дослівно|какими словами|дословно|что именно (сказал|заявил)|що саме (сказав|заявив))`), typeQuote},
	{regexp.MustCompile(`(?i)(скільки (часу|годин|хвилин)|як довго|сколько (времени|часов|минут)|как долго)`), typeDuration},
	{regexp.MustCompile(`(?i)(скільки (грошей|коштів|доларів)|яку суму|сколько (денег|долларов|средств)|какую сумму)`), typeMoney},
	{regexp.MustCompile(`(?i)(^|[^\p{L}])(скільки|скілки|скольк|сколько|до скількох|до скольких)([^\p{L}]|$)`), typeCount},
	{regexp.MustCompile(`(?i)(^|[^\p{L}])(коли|когда|якого числа|какого числа|до якого числа|до какого числа|в який день|в какой день|якого дня)([^\p{L}]|$)`), typeDate},
	{regexp.MustCompile(`(?i)((^|[^\p{L}])(де|где|куди|куда|звідки|откуда)([^\p{L}]|$)|(^|[^\p{L}])(в|у|на) (якому|якій|каком|какой)(\s+\p{L}+)? (місті|палаці|будинку|готелі|місці|країні|столиці|городе|дворце|здании|отеле|месте|стране|столице))`), typePlace},
	{regexp.MustCompile(`(?i)(^|[^\p{L}])(чому|почему|навіщо|зачем|з якої причини|по какой причине)([^\p{L}]|$)`), typeReason},
	{regexp.MustCompile(`(?i)(^|[^\p{L}])(хто|кто|кого|кому|як звали|как звали)([^\p{L}]|$)`), typePerson},
	{regexp.MustCompile(`(?i)(що (сказав|сказала|сказали|заявив|заявила|заявили|написав)|что (сказал|сказала|сказали|заявил|заявила|заявили|написал)|як .{2,40} (описав|описала|оцінив|оцінила)|как .{2,40} (описал|описала|оценил|оценила)|произн[её]с)`), typeQuote},
}

// slavicType is the kind of answer a question in Ukrainian or Russian
// (lang) wants, or typeOpen, and where in the question the words that ask
// for it are ("какого числа", "в якому місті"): they say what kind of
// value is wanted, not what it is about.
func slavicType(text, lang string) (answerType, [2]int) {
	if lang != "uk" && lang != "ru" {
		return typeOpen, [2]int{}
	}
	for _, r := range slavicTypeRules {
		if m := r.re.FindStringIndex(text); m != nil {
			return r.t, [2]int{m[0], m[1]}
		}
	}
	return typeOpen, [2]int{}
}

// romanisedWords are the function and question words of Ukrainian and
// Russian questions as people type them in Latin letters, by language: a
// question with two of them and no English function word is read in
// Cyrillic ("chto skazal Peskov" as «что сказал Песков»).
var romanisedWords = map[string]string{
	"chto": "ru", "kto": "ru", "kogda": "ru", "gde": "ru", "pochemu": "ru", "skolko": "ru", "kak": "ru",
	"posle": "ru", "skazal": "ru", "bylo": "ru", "byl": "ru", "eto": "ru", "dlia": "ru", "dlya": "ru",
	"shcho": "uk", "scho": "uk", "khto": "uk", "hto": "uk", "koly": "uk", "de": "uk", "chomu": "uk",
	"skilky": "uk", "yak": "uk", "iak": "uk", "pislia": "uk", "pislya": "uk", "skazav": "uk",
	"pro": "", "v": "", "na": "", "s": "", "z": "", "po": "", "i": "", "ta": "",
}

// romanised reports whether question is Ukrainian or Russian typed in
// Latin letters, and which ("uk", "ru"; "ru" when its words do not tell):
// it has one of their function words and none of English's, which almost
// every English question has.
func romanised(question string) (string, bool) {
	var hits, uk, ru, english, words int
	for _, w := range strings.FieldsFunc(strings.ToLower(question), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, r := range w {
			if r > unicode.MaxASCII {
				return "", false
			}
		}
		words++
		if l, ok := romanisedWords[w]; ok {
			hits++
			switch l {
			case "uk":
				uk++
			case "ru":
				ru++
			}
			continue
		}
		if englishFunctionWords[w] {
			english++
		}
	}
	if hits == 0 || english > 0 || words < 3 {
		return "", false
	}
	if uk > ru {
		return "uk", true
	}
	return "ru", true
}

// englishFunctionWords tell an English question from a romanised one.
var englishFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("the a an of and or to in on at for from by with about after before what who whom which when where why how did does do is are was were has have had will would can could should this that these those it he she they his her their its there not no") {
		m[w] = true
	}
	return m
}()

// toCyrillic writes a romanised question in Cyrillic, in lang's letters, by
// the reverse of the usual romanisations (shch, zh, kh, ts, ch, sh, ya, yu,
// ye, y), so that its words have the keys of the words it romanises.
func toCyrillic(question, lang string) string {
	var b strings.Builder
	s := question
	for len(s) > 0 {
		matched := false
		for _, p := range latinToCyrillic {
			if len(s) >= len(p[0]) && strings.EqualFold(s[:len(p[0])], p[0]) {
				c := p[1]
				if lang == "uk" {
					switch c {
					case "ы":
						c = "и"
					case "и":
						c = "і"
					case "г":
						// Ukrainian romanises г as h and х as kh.
					}
				}
				if p[0] == "h" && lang == "uk" {
					c = "г"
				}
				if unicode.IsUpper(rune(s[0])) {
					r := []rune(c)
					c = string(unicode.ToUpper(r[0])) + string(r[1:])
				}
				b.WriteString(c)
				s = s[len(p[0]):]
				matched = true
				break
			}
		}
		if !matched {
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}

// latinToCyrillic are the romanisations, longest first.
var latinToCyrillic = [][2]string{
	{"shch", "щ"}, {"sch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"},
	{"ya", "я"}, {"ia", "я"}, {"yu", "ю"}, {"iu", "ю"}, {"ye", "е"}, {"yo", "ё"}, {"yi", "ї"},
	{"iy", "ий"}, {"yy", "ий"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"g", "г"}, {"h", "х"}, {"d", "д"}, {"e", "е"}, {"z", "з"},
	{"i", "и"}, {"j", "й"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"},
	{"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"c", "к"}, {"y", "ы"}, {"w", "в"},
	{"x", "кс"}, {"q", "к"},
}

// readRomanised writes a question typed in romanised Ukrainian or Russian
// in Cyrillic, and leaves any other question as it is.
func readRomanised(question string) string {
	if lang, ok := romanised(question); ok {
		return toCyrillic(question, lang)
	}
	return question
}

// Localised lines of an answer, by the language of the question.
var (
	reDontMention = regexp.MustCompile(`^The articles I have don't mention (.+)\.( The nearest ones:)?$`)
	reHereIsWhat  = regexp.MustCompile(`^Here is what (.+) reported(.*):`)
	reLatest      = regexp.MustCompile(`^The latest the articles report, as of (\S+), from (.+):`)
	reMentionBut  = regexp.MustCompile(`^The articles I have mention (.+) but don't say ([^.]+)\.( The nearest ones:)?$`)
	reQuoteBut    = regexp.MustCompile(`^The articles I have quote (.+), but not on (.+)\.$`)
)

// phrases are the fixed lines of answers in Ukrainian and Russian.
var phrases = map[string]map[string]string{
	"en": {"in uk": "in Ukrainian", "in ru": "in Russian"},
	"uk": {
		"don't answer":  "У статтях, які я маю, немає відповіді на це.",
		"nearest":       " Найближчі:",
		"don't mention": "У статтях, які я маю, не згадується %s.",
		"mention but":   "Статті, які я маю, згадують %s, але не кажуть, %s.",
		"quote but":     "Статті, які я маю, цитують %s, але не про %s.",
		"here is":       "Ось що повідомили %s%s:",
		"latest":        "Найновіше, що повідомляють статті, станом на %s, від %s:",
		"sources":       "Джерела:",
		"differ":        "Повідомлення різняться:",
		"reading":       "Читаю ", "as": "” як “", "in ru": "російською", "in en": "англійською",
		"reported by": "повідомляє ", "quoted by": ", цитує ", "paraphrasing": ", переказуючи слова: ", "unnamed": ", з посиланням на неназвані джерела",
		"and":      " і ",
		"how long": "як довго", "how many": "скільки", "how much money": "скільки грошей",
		"what share": "яку частку", "when": "коли", "where": "де", "who": "хто", "which they are": "які саме",
	},
	"ru": {
		"don't answer":  "В статьях, которые у меня есть, нет ответа на это.",
		"nearest":       " Ближайшие:",
		"don't mention": "В статьях, которые у меня есть, не упоминается %s.",
		"mention but":   "Статьи, которые у меня есть, упоминают %s, но не говорят, %s.",
		"quote but":     "Статьи, которые у меня есть, цитируют %s, но не о %s.",
		"here is":       "Вот что сообщили %s%s:",
		"latest":        "Самое свежее, что сообщают статьи, на %s, от %s:",
		"sources":       "Источники:",
		"differ":        "Сообщения расходятся:",
		"reading":       "Читаю ", "as": "” как “", "in uk": "на украинском", "in en": "на английском",
		"reported by": "сообщает ", "quoted by": ", цитирует ", "paraphrasing": ", пересказывая слова: ", "unnamed": ", ссылаясь на неназванные источники",
		"and":      " и ",
		"how long": "как долго", "how many": "сколько", "how much money": "сколько денег",
		"what share": "какую долю", "when": "когда", "where": "где", "who": "кто", "which they are": "какие именно",
	},
}

// localize writes the fixed lines of an answer's body (the lead, "don't
// mention", "don't say", "reports differ", "Reading … as …", the credits of
// the quotes) in the language of its question, and returns that language
// for the heading of the sources; quotes, names and titles stay as the
// articles write them, each marked with its language where it is not the
// asker's. An English question, or one in another language, keeps the
// English lines. finish calls it, so every answer and abstention, and an
// answer finished again with a note, is written alike; a line already
// written in the asker's language is left as it is.
func localize(a *parley.Answer) string {
	lang := prose.QuestionLanguage(a.Question)
	p, ok := phrases[lang]
	if !ok {
		p, lang = phrases["en"], "en"
	}
	lines := strings.Split(a.Body, "\n")
	out := lines[:0]
	for _, line := range lines {
		if lang != "en" {
			line = localizeLine(line, p, lang)
		}
		if strings.HasPrefix(line, "- “") || reCreditLine.MatchString(line) {
			line = markLanguage(line, a.Sources, p, lang)
		}
		out = append(out, line)
	}
	a.Body = strings.TrimLeft(strings.Join(out, "\n"), "\n")
	return lang
}

// sourcesHeading is the heading of an answer's sources in lang.
func sourcesHeading(lang string) string {
	if h := phrases[lang]["sources"]; h != "" {
		return h
	}
	return "Sources:"
}

// reCreditLine is the credit over quotes in a row ("Reported by TASS,
// 2025-03-05 [1]:"), and reSourceNumber the number a line cites.
var (
	reCreditLine   = regexp.MustCompile(`\[\d+\]:$`)
	reSourceNumber = regexp.MustCompile(`\[(\d+)\]:?$`)
)

// markLanguage adds to a line of quotes the language they are in, when it
// is not the asker's ("(in Russian)", "(російською)"), so that a reader
// knows a quote is the original and not a translation.
func markLanguage(line string, sources []parley.Source, p map[string]string, lang string) string {
	m := reSourceNumber.FindStringSubmatchIndex(line)
	if m == nil {
		return line
	}
	n, err := strconv.Atoi(line[m[2]:m[3]])
	if err != nil || n < 1 || n > len(sources) {
		return line
	}
	l := sources[n-1].Language
	name, ok := p["in "+l]
	if l == "" || l == lang || !ok || strings.HasSuffix(line[:m[0]], "("+name+") ") {
		return line
	}
	return line[:m[0]] + "(" + name + ") " + line[m[0]:]
}

// localizeLine is one line of an answer's body in lang, by p.
func localizeLine(line string, p map[string]string, lang string) string {
	nearest := ""
	if strings.HasSuffix(line, " The nearest ones:") {
		line, nearest = strings.TrimSuffix(line, " The nearest ones:"), p["nearest"]
	}
	and := func(s string) string { return strings.ReplaceAll(s, " and ", p["and"]) }
	switch {
	case line == "The articles I have don't answer that.":
		line = p["don't answer"]
	case reMentionBut.MatchString(line):
		m := reMentionBut.FindStringSubmatch(line)
		what := m[2]
		for _, g := range typedGap {
			// "how many foreign soldiers": the words of the type, then
			// what the question counts, as it wrote them.
			if rest, ok := strings.CutPrefix(what, g); ok && (rest == "" || rest[0] == ' ') && p[g] != "" {
				what = p[g] + rest
				break
			}
		}
		line = sprintf(p["mention but"], m[1], what)
	case reQuoteBut.MatchString(line):
		m := reQuoteBut.FindStringSubmatch(line)
		line = sprintf(p["quote but"], and(m[1]), m[2])
	case reDontMention.MatchString(line):
		m := reDontMention.FindStringSubmatch(line)
		line = sprintf(p["don't mention"], and(m[1]))
	case reLatest.MatchString(line):
		m := reLatest.FindStringSubmatch(line)
		line = sprintf(p["latest"], m[1], and(m[2]))
	case reHereIsWhat.MatchString(line):
		m := reHereIsWhat.FindStringSubmatch(line)
		line = sprintf(p["here is"], and(m[1]), localDates(m[2], lang))
	case strings.HasPrefix(line, "Reading "):
		line = localReading(line, p)
	case strings.HasPrefix(line, "Reported by "):
		line = p["reported by"] + strings.TrimPrefix(line, "Reported by ")
	case strings.HasPrefix(line, "- “"):
		line = localizeCredit(line, p)
	case reCreditLine.MatchString(line):
		// The credit over quotes in a row: "Steve Witkoff, U.S. envoy,
		// quoted by The Independent, 2025-08-17 [1]:".
		line = localCredit(line, p)
	}
	line = strings.Replace(line, "Reports differ:", p["differ"], 1)
	return line + nearest
}

// localReading is the "Reading “a” as “b”." note in the asker's language,
// without the corrections whose word the library has only as its key
// (“втарой” as “vtor”): what a reader needs to see is that the question
// was understood, not how the index writes it.
func localReading(line string, p map[string]string) string {
	var kept []string
	for _, m := range reCorrection.FindAllStringSubmatch(line, -1) {
		if prose.HasCyrillic(m[1]) && !prose.HasCyrillic(m[2]) {
			continue
		}
		kept = append(kept, "“"+m[1]+p["as"]+m[2]+"”")
	}
	if len(kept) == 0 {
		return ""
	}
	return p["reading"] + strings.Join(kept, p["and"]) + "."
}

var reCorrection = regexp.MustCompile(`“([^”]+)” as “([^”]+)”`)

// localizeCredit writes the credit of a quote line ("- “…” — Dmitry
// Peskov, quoted by TASS, 2025-03-05 [1]") in the asker's language; the
// quote itself, after its opening mark, is left as it is.
func localizeCredit(line string, p map[string]string) string {
	i := strings.LastIndex(line, "” — ")
	if i < 0 {
		return line
	}
	credit := line[i+len("” — "):]
	if strings.HasPrefix(credit, "reported by ") {
		credit = p["reported by"] + strings.TrimPrefix(credit, "reported by ")
	}
	return line[:i+len("” — ")] + localCredit(credit, p)
}

// localCredit writes the words of a credit in the asker's language:
// "Steve Witkoff, U.S. envoy, quoted by The Independent, 2025-08-17", under
// a quote or over the quotes it credits.
func localCredit(credit string, p map[string]string) string {
	for _, r := range [][2]string{{", quoted by ", p["quoted by"]}, {", paraphrasing ", p["paraphrasing"]}, {", citing unnamed sources", p["unnamed"]}} {
		credit = strings.Replace(credit, r[0], r[1], 1)
	}
	return credit
}

// localDates writes the " on DATE" or " between A and B" of a lead in lang.
func localDates(s, lang string) string {
	on, between, and := " (", " між ", " і "
	if lang == "ru" {
		between, and = " между ", " и "
	}
	switch {
	case strings.HasPrefix(s, " on "):
		return on + strings.TrimPrefix(s, " on ") + ")"
	case strings.HasPrefix(s, " between "):
		return between + strings.Replace(strings.TrimPrefix(s, " between "), " and ", and, 1)
	}
	return s
}

func sprintf(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}

// slavicAlts are the alternative stems of a question's word: alts, and for
// a name in Latin letters the stem of its Cyrillic spellings
// (prose.SlavicAlternates), so that "Peskov" is found in «Песков сказал».
func slavicAlts(word string, alts []string) []string {
	out := alts[:len(alts):len(alts)]
	for _, k := range prose.SlavicAlternates(word) {
		if !prose.HasCyrillic(word) {
			// The name as a Cyrillic article writes it: it is the name
			// itself, where the word is Cyrillic.
			out = append(out, prose.CyrillicTerm(prose.Stem(k)))
		} else {
			out = append(out, prose.Stem(k))
		}
	}
	return out
}

// reWhichThing finds the thing a Ukrainian or Russian question asks which
// one of, or who did: «какой подарок», «яку суму», «хто перекладав», «как
// звали переводчика». (In English, "what kind of", "what
// sort of" make the same rule wrong too often.)
var reWhichThing = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:какой|какая|какое|какие|какую|каким|який|яка|яке|які|яку|яким|хто|кто|як звали|как звали)\s+([\p{L}’'-]+)(?:\s+([\p{L}’'-]+))?`)

// askedUnknown is the thing a question asks which one of when no article
// has the word for it ("Какой подарок Трамп вручил Путину?" of a library
// that never mentions a gift), or "": the articles cannot say which one
// it was, however well they cover the rest of the question. The word must
// name the thing: one followed by another word in lower case that is no
// function word may describe it instead («який найсвіжіший обмін», "what
// death toll").
//
// A Ukrainian or Russian word "corrected" to a key no article writes as
// such (corrected, as read gives it: "“перекладав” as “perehlad”") counts
// as unknown here: the key is close to too many words for the correction
// to say the library has the word.
func askedUnknown(question string, unknown, corrected []string) string {
	for _, c := range corrected {
		if m := reCorrection.FindStringSubmatch("“" + strings.Trim(c, "“”") + "”"); m != nil && prose.HasCyrillic(m[1]) && !prose.HasCyrillic(m[2]) {
			unknown = append(unknown[:len(unknown):len(unknown)], m[1])
		}
	}
	for _, m := range reWhichThing.FindAllStringSubmatch(question, -1) {
		if next := m[2]; next != "" && !unicode.IsUpper([]rune(next)[0]) && !isFunctionWord(next) {
			continue
		}
		for _, u := range unknown {
			if strings.EqualFold(m[1], u) && !hasSynonyms(u) {
				return u
			}
		}
	}
	return ""
}

// hasSynonyms reports whether news prose has other words for w
// (prose.SynonymStems), which an article may use instead.
func hasSynonyms(w string) bool {
	terms := prose.Terms(w)
	return len(terms) == 1 && len(prose.SynonymStems(terms[0])) > 0
}

// isFunctionWord reports whether a word of a question is a stop word of
// its language.
func isFunctionWord(w string) bool {
	toks := prose.Tokens(w)
	return len(toks) == 1 && toks[0].Stop
}

// The expressions of each answer type in Ukrainian and Russian news prose,
// as typed.go has them for English. Names are two capitalised words;
// Go's \b knows only ASCII, so edges are spelt out.
const (
	cyrName  = `\p{Lu}[\p{Ll}'’ʼ-]+\s+\p{Lu}[\p{Ll}'’ʼ-]+`
	cyrStart = `(?:^|[^\p{L}])`
)

var (
	reCyrPerson = regexp.MustCompile(`(?i:` + cyrStart + `(?:міністр|министр|президент|прем'?єр|премьер|голова|глава|керівник|руководитель|радник|советник|помічник|помощник|речник|пресс-секретарь|прес-секретар|посланник|посланець|спецпосланник|спецпосланець|держсекретар|госсекретарь|секретар|секретарь|начальник|голов[аоиу]|председатель|генерал|адмірал|адмирал|директор|очільник|посол|делегаці|делегаци))[\p{L}\s,'’ʼ-]{0,60}?` + cyrName +
		`|(?i:` + cyrStart + `(?:очолив|очолила|очолював|очолювала|возглавил|возглавила|возглавлял|возглавляла|керував|керувала|руководил|руководила|представляли|представляв|представлял|вели|вів|вел))\s+(?:[\p{L}'’ʼ-]+\s+){0,4}?` + cyrName)
	reCyrPlace     = regexp.MustCompile(`(?i)` + cyrStart + `(?:палац|палаці|палаце|дворец|дворце|дворца|резиденці|резиденци|баз[іеау]|готел|отел|посольств|міністерств|министерств|аеропорт|аэропорт|офіс|офис|зал[іеу]?|саміт[іу]? в|саммит[е]? в)`)
	reCyrPlaceName = regexp.MustCompile(cyrStart + `(?:в|у|во|на|під|под)\s+(?:` + `\p{Lu}[\p{L}'’ʼ-]+(?:\s+\p{Lu}[\p{L}'’ʼ-]+){0,3})`)
	reCyrDuration  = regexp.MustCompile(`(?i)(?:\d[\d,.]*|\p{L}+)\s+(?:годин|час[аов]?|хвилин|минут)\p{L}*|(?:тривал|продолжал|длил)\p{L}*[^.]{0,30}(?:годин|час|хвилин|минут|дн)`)
	reCyrMoney     = regexp.MustCompile(`(?i)\d[\d\s,.]*\s*(?:млрд|млн|тис\.|тыс\.|мільярд\p{L}*|миллиард\p{L}*|мільйон\p{L}*|миллион\p{L}*|тисяч\p{L}*|тысяч\p{L}*)?\s*(?:долар\p{L}*|доллар\p{L}*|євро|евро|рубл\p{L}*|гривень|гривні|гривен)`)
	reCyrPercent   = regexp.MustCompile(`(?i)\d\s?(?:%|відсот\p{L}*|процент\p{L}*)`)
	reCyrReason    = regexp.MustCompile(`(?i)` + cyrStart + `(?:тому що|бо|оскільки|через те|через|щоб|аби|потому что|так как|поскольку|из-за|чтобы|ради|по словам|за словами|пояснив|пояснила|объяснил|объяснила|заявив|заявил|вважає|считает|поки|пока)(?:[^\p{L}]|$)`)
)

// slavicTypeMatch is typeMatch for a sentence in Ukrainian or Russian, for
// the types whose English expressions it cannot read; ok is false for the
// others (a date, read by the dates package, a count, a quote), which
// typeMatch reads as in English.
func slavicTypeMatch(q *analysis, s *sentence) (float64, bool) {
	if !prose.HasCyrillic(s.text) {
		// An English report is read by the English rules, whatever the
		// question's language.
		return 0, false
	}
	text := s.text
	switch q.want {
	case typeDuration:
		return matched(reCyrDuration, text), true
	case typeMoney:
		return matched(reCyrMoney, text), true
	case typePercent:
		return matched(reCyrPercent, text), true
	case typeReason:
		return matched(reCyrReason, text), true
	case typePlace:
		if reCyrPlace.MatchString(text) {
			return 1, true
		}
		for _, m := range reCyrPlaceName.FindAllString(text, -1) {
			if novel(q, m) {
				return 1, true
			}
		}
		return 0, true
	case typePerson:
		for _, m := range reCyrPerson.FindAllString(text, -1) {
			if novel(q, m) {
				if doesAsked(q, s) {
					return 1, true
				}
				// A title and a name are in most sentences of these
				// articles: without what the question asks they did,
				// a weak sign, not the answer.
				return 0.5, true
			}
		}
		if s.said.Speaker != "" {
			return 0.5, true
		}
		return 0, true
	}
	return 0, false
}

func matched(re *regexp.Regexp, text string) float64 {
	if re.MatchString(text) {
		return 1
	}
	return 0
}

// languageNames are the languages of the talks as a prompt names them.
var languageNames = map[string]string{"en": "English", "uk": "Ukrainian", "ru": "Russian"}

// langAttr is a passage's language as an attribute of its tag in the
// model's prompt, or "" when it is not known.
func langAttr(lang string) string {
	if lang == "" {
		return ""
	}
	return fmt.Sprintf(" lang=%q", lang)
}

// translationLabels are the words that introduce a translation, by the
// language of the answer.
var translationLabels = map[string]string{"en": "translation", "uk": "переклад", "ru": "перевод"}

// languageInstruction tells the model which language to answer in, and,
// when a passage is in another, how to give a quote from it: the original
// in quotation marks (which verification checks against the passage), then
// its translation in parentheses, labelled as one and never in quotation
// marks, so that it is read as the model's words and not the speaker's.
func languageInstruction(lang string, passages []parley.Hit) string {
	name, ok := languageNames[lang]
	if !ok {
		lang, name = "en", "English"
	}
	other := false
	for _, p := range passages {
		if l := p.Source.Language; l != "" && l != lang {
			other = true
			break
		}
	}
	s := "Write the answer in " + name + ".\n"
	if other {
		label := translationLabels[lang]
		s += fmt.Sprintf("Some passages are in another language (their lang attribute). Quote them in their own language, exactly, inside quotation marks; after such a quote you may add its translation into %s in parentheses, starting with \"%s:\", and never inside quotation marks.\n", name, label)
	}
	return s
}

// knownOtherwise leaves out of unknown the Ukrainian and Russian words the
// library has in another form: under their alternative key
// (prose.SlavicAlternates: an article that writes «Ер-Ріяд» has what
// «ер-ріядській» names, though not that word), as an English name
// (romanised), or as the glossary's translation («делегацію»,
// delegation).
func knownOtherwise(ctx context.Context, lex Lexicon, unknown []string, romanised map[string][]string) ([]string, error) {
	out := unknown[:0:0]
	for _, u := range unknown {
		if !prose.HasCyrillic(u) {
			out = append(out, u)
			continue
		}
		if len(romanised[u]) > 0 {
			continue
		}
		known := false
		for _, other := range [][]string{prose.SlavicAlternates(u), prose.TranslationWords(u)} {
			if len(other) == 0 {
				continue
			}
			still, err := lex.Unknown(ctx, other)
			if err != nil {
				return nil, err
			}
			if known = len(still) < len(other); known {
				break
			}
		}
		if !known {
			out = append(out, u)
		}
	}
	return out, nil
}

// digestPhrases are the fixed words of summaries and timelines, formats
// for fmt, in each language. A Ukrainian or Russian count is written after
// its noun, in parentheses ("за статтями (5)"), which reads right for
// every number without the plural forms of each.
var digestPhrases = map[string]map[string]string{
	"en": {
		"summary lead":  "What happened%s, from %d articles published%s:",
		"article lead":  "The main points of “%s”, in its own words:",
		"timeline lead": "Dated events%s, oldest first, from %d articles (each date is when it happened, as the article tells it):",
		"topic":         " on %s",
		"on":            " on %s", "between": " between %s and %s",
		"nothing":  "The articles I have don't cover anything %s.",
		"no dated": "The articles I have don't date any event %s.",
		"about":    "about “%s”", "since": "since %s", "before": "before %s",
		"no article":  "There is no article %d in the library.",
		"no articles": "The library has no articles to summarise.",
	},
	"uk": {
		"summary lead":  "Що сталося%s — за статтями (%d)%s:",
		"article lead":  "Головне зі статті «%s», її власними словами:",
		"timeline lead": "Події з датами%s, від найдавніших, за статтями (%d) (кожна дата — коли це сталося, як розповідає стаття):",
		"topic":         " щодо «%s»",
		"on":            ", опублікованими %s", "between": ", опублікованими між %s і %s",
		"outlets":  "; повідомляють видання (%s)",
		"nothing":  "У статтях, які я маю, немає нічого %s.",
		"no dated": "У статтях, які я маю, немає датованих подій %s.",
		"about":    "про «%s»", "since": "з %s", "before": "до %s",
		"no article":  "У бібліотеці немає статті %d.",
		"no articles": "У бібліотеці немає статей для огляду.",
	},
	"ru": {
		"summary lead":  "Что произошло%s — по статьям (%d)%s:",
		"article lead":  "Главное из статьи «%s», её собственными словами:",
		"timeline lead": "События с датами%s, от самых ранних, по статьям (%d) (каждая дата — когда это произошло, как рассказывает статья):",
		"topic":         " по теме «%s»",
		"on":            ", опубликованным %s", "between": ", опубликованным между %s и %s",
		"outlets":  "; сообщают издания (%s)",
		"nothing":  "В статьях, которые у меня есть, нет ничего %s.",
		"no dated": "В статьях, которые у меня есть, нет датированных событий %s.",
		"about":    "о «%s»", "since": "с %s", "before": "до %s",
		"no article":  "В библиотеке нет статьи %d.",
		"no articles": "В библиотеке нет статей для обзора.",
	},
}

// digestPhrasesIn is digestPhrases in lang, English for any language it
// has not.
func digestPhrasesIn(lang string) map[string]string {
	if p, ok := digestPhrases[lang]; ok {
		return p
	}
	return digestPhrases["en"]
}

// digestTopic is the " on TOPIC" of a digest's lead, by p.
func digestTopic(scope parley.Scope, p map[string]string) string {
	if scope.Topic == "" {
		return ""
	}
	return fmt.Sprintf(p["topic"], scope.Topic)
}

// digestDates is the dates of a lead (dateSpan's " on D" or " between A
// and B"), by p.
func digestDates(when string, p map[string]string) string {
	if d, ok := strings.CutPrefix(when, " on "); ok {
		return fmt.Sprintf(p["on"], d)
	}
	if d, ok := strings.CutPrefix(when, " between "); ok {
		if a, b, ok := strings.Cut(d, " and "); ok {
			return fmt.Sprintf(p["between"], a, b)
		}
	}
	return when
}

// reOutlets is the count of outlets a point's credit ends with.
var reOutlets = regexp.MustCompile(`; reported by (\d+) outlets`)

// localPoint writes the credit of a digest's point in lang: who said it,
// who reported it and how many outlets did; the quote stays as written.
func localPoint(text, lang string) string {
	if lang != "uk" && lang != "ru" {
		return text
	}
	text = localizeCredit(text, phrases[lang])
	return reOutlets.ReplaceAllStringFunc(text, func(m string) string {
		return fmt.Sprintf(digestPhrases[lang]["outlets"], reOutlets.FindStringSubmatch(m)[1])
	})
}
