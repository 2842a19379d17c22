package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// RolesVersion numbers the rules below. A library whose sentences were
// decided by an older version gets them decided again when it is opened.
const RolesVersion = 12

// Sentences decides the role of every sentence of an article body and, for
// prose, whose words it carries. The rules are general patterns of scraped
// news pages (bylines, datelines, captions, timestamps, calls to action,
// related-headline lists, lines that are no sentence at all), in English,
// Ukrainian and Russian; no library does this for news pages in these
// languages, so they are written here, each with the reason beside it.
func Sentences(title, body string) []parley.Sentence {
	return decide(title, body, paragraphs(body))
}

// decide is Sentences over a body already cut into paragraphs of sentences,
// so that Passages, which cuts it too, does so once.
func decide(title, body string, paras [][]prose.Span) []parley.Sentence {
	var out []parley.Sentence
	related := false // inside a list under a "Related"/"Read more" header
	// top holds while every paragraph so far is a scraper's stamp or a
	// timestamp: the headline a page repeats comes after them.
	top := true
	// lead holds until the story's first dateline or prose: a dateline
	// opens a story, and a capitalised word that opens a paragraph later
	// ("NATO. Ukraine would…") is a run-in heading.
	lead := true
	for pi, spans := range paras {
		text := body[spans[0].Start:spans[len(spans)-1].End]
		role, whole := lineRole(title, text, top, lead, pi == len(paras)-1)
		switch {
		case role == parley.RoleRelated && whole:
			related = true
		case related && continuesRelated(role, whole, text):
			role, whole = parley.RoleRelated, true
		default:
			related = false
		}
		top = top && whole && (role == parley.RoleScraper || role == parley.RoleTimestamp)
		if whole {
			for _, sp := range spans {
				out = append(out, parley.Sentence{Start: sp.Start, End: sp.End, Role: sentenceOfWhole(title, body[sp.Start:sp.End], role, len(spans))})
			}
			continue
		}
		for i, sp := range spans {
			if i == len(spans)-1 && role == parley.RoleTruncated {
				out = append(out, parley.Sentence{Start: sp.Start, End: sp.End, Role: parley.RoleTruncated})
				continue
			}
			n := len(out)
			out = append(out, sentenceRoles(body, sp, i == 0, lead, len(spans) > 1)...)
			for _, s := range out[n:] {
				if s.Role == parley.RoleProse || s.Role == parley.RoleDateline {
					lead = false
				}
			}
		}
	}
	attribute(body, out)
	return out
}

// continuesRelated reports whether a paragraph after a related-headline
// header is one more headline of its list: a bulleted line ("- …", and
// "— …" as Ukrainian and Russian pages set them), or a short line that
// is no sentence. Other furniture (a newsletter box) and a long sentence
// cut off where an excerpt ends are not headlines.
func continuesRelated(role parley.Role, whole bool, text string) bool {
	if whole && role != parley.RoleLabel && role != parley.RoleHeadline {
		return false
	}
	if isBullet(text) || strings.HasPrefix(text, "— ") {
		return true
	}
	return !endsSentence(text) && role != parley.RoleTruncated
}

// sentenceOfWhole is the role of one sentence of a paragraph whose form
// gave it role. A note or a call to action of several sentences may mix
// the two ("We're closing this live page for tonight. Subscribe to our
// newsletter…"): each such sentence is judged alone.
func sentenceOfWhole(title, sentence string, role parley.Role, sentences int) parley.Role {
	if sentences == 1 || role != parley.RoleNote && role != parley.RoleAction {
		return role
	}
	if r, whole := lineRole(title, sentence, false, false, false); whole && (r == parley.RoleNote || r == parley.RoleAction) {
		return r
	}
	return role
}

// Go's \b knows ASCII letters only: after a Ukrainian or Russian word it
// never matches. The patterns below end their words with wordEnd instead.
const wordEnd = `(?:$|[^\p{L}\p{N}_])`

var (
	// A paragraph that is a caption: it opens with the word for a photo, or
	// carries a photo credit in brackets, "(AP Photo/Evan Vucci)".
	reCaptionOpen = regexp.MustCompile(`^\*?\s*(?i:(?:file\s+)?(?:photo|photograph|image|picture)|caption|video|фото|на фото|підпис до фото|подпись к фото|світлина)\s*:`)
	// … or ends with an agency's credit as wire pages print it, in capitals
	// and unbracketed: "REUTERS/Valentyn Ogirenko", "… Purchase Licensing
	// Rights". "Reuters/Ipsos", in prose, is no credit: the agency is not
	// in capitals.
	reCaptionCredit = regexp.MustCompile(`\([^()]*\b(?:Photo|Photograph|Foto|Pool|Getty Images)\b[^()]*/[^()]*\)|\([^()]*/(?:AP|AFP|Reuters|Getty Images|EPA|Pool)\)|(?i:photo credit|getty images|purchase licensing rights)|\b(?:REUTERS|AFP|EPA|AP|ANADOLU|SPUTNIK|TASS)(?:/\p{Lu}[\p{L}.'’-]*)+(?:\s\p{Lu}[\p{L}.'’-]*)*\s*$`)
	// A credit alone in brackets names an agency and a photographer, or
	// where the picture came from: "(Meridian Post/Leah Carrow)",
	// "(Kremlin Press Service via Kyiv Ledger)", "(Pool Photo via …)".
	reCreditOnly = regexp.MustCompile(`^\(\p{Lu}[^()]{2,100}\)$`)
	rePhotos     = regexp.MustCompile(`^(?i:(see|view|show)\s+(all\s+)?\d+\s+(more\s+)?(photos|images|pictures)|(ще|еще)\s+\d+\s+фото|click to enlarge|view gallery)` + wordEnd)
	reByline     = regexp.MustCompile(`^(?:By\s+\p{Lu}|(?i:author|автор|текст|written by|reporting by|additional reporting by|editing by)\s*:?\s+\p{Lu}|\((?i:reporting|writing|editing|additional reporting|compiled)\s+by\b)`)
	// The writers a report names at its end: "Associated Press writers …
	// contributed to this report."
	reContributed = regexp.MustCompile(`(?i)\bcontributed (?:to this (?:report|story|article)|reporting|additional reporting)\b`)
	// A byline may be a name and what the writer is to the paper, with no
	// "By": "Ирина Соколова, специальный корреспондент", "Андрій
	// Коваленко, спеціально для «…»".
	reBylineRole = regexp.MustCompile(`^\p{Lu}\p{L}+(?:[ -]\p{Lu}\p{L}+){1,2}, (?i:(?:special |senior |chief |foreign |staff |our )?(?:correspondent|reporter|writer)|special to|специальн\p{L}* корреспондент|собственн\p{L}* корреспондент|корреспондент|специально для|спеціальн\p{L}* кореспондент|власн\p{L}* кореспондент|кореспондент\p{L}*|спеціально для|оглядач\p{L}*|обозреватель)` + wordEnd)
	reTimestamp  = regexp.MustCompile(`^(?i:posted|published|updated|last updated|first published|опубліковано|оновлено|опубликовано|обновлено)` + wordEnd)
	reNote       = regexp.MustCompile(`^(?:(?i:editor['’]?s note|editors['’] note|note to readers|correction|clarification|примітка редакції|от редакции|від редакції)` + wordEnd + `|(?i:times are (gmt|utc|local)))`)
	// "This page is no longer being updated", "We're closing this live
	// page for tonight": the outlet speaking of its page.
	reNoteThis = regexp.MustCompile(`(?i)\bthis (page|story|article|live blog|blog) (is|was|has been) (no longer being updated|updated|corrected|closed)\b|\b(closing|pausing|ending) (this|our) (live )?(page|blog|coverage)\b|\bthis (item|post|article|story|page) is part of (our|the)\b`)
	// A live blog's writer handing over or signing off: "That's all from
	// me for now", "My colleague will take over the blog shortly", "Thanks
	// for following our coverage".
	reNoteBlog = regexp.MustCompile(`(?i)^(?:that['’]s (?:all|it) (?:from (?:me|us)|for (?:now|today|tonight))|(?:my|our) colleagues? (?:\p{L}+ )?(?:\p{L}+ )?will (?:take over|be taking over|continue)|(?:i['’]m|i am|i['’]ll be|i will be) handing over|thanks? (?:you )?for following|(?:welcome|hello and welcome) to (?:our|the) (?:live )?(?:coverage|blog)|we['’]ll be back|this is \p{Lu}\p{L}+ \p{Lu}\p{L}+ (?:taking over|picking up)(?: the (?:blog|coverage))?)`)
	reAction   = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_])(subscribe|newsletter|sign up for|sign up to|sign up here|follow us|download (our|the) app|all rights reserved|copyright|support (our|independent) journalism|share this (article|story)|click here|in your inbox|thanks? (you )?for reading|if you (value|like|enjoy|appreciate) (our|this) (reporting|journalism|work|coverage)|(please )?consider (supporting|donating to|subscribing to) us|received your submission|дякуємо, що читаєте|спасибо, что читаете|підпишіться|підписуйтесь|підписатися|підписатись|подпишитесь|подписывайтесь|подписаться|наш telegram|наш телеграм|в вашей почте|на вашу почту|у вашій пошті|на вашу пошту)` + wordEnd + `|©`)
	// "For more political updates, visit DC Brief.": the page sending the
	// reader elsewhere.
	// A button's words on a line of their own: "Become a member", "Donate".
	reActionButton = regexp.MustCompile(`^(?i:become a (?:member|supporter|patron)|donate(?: now)?|support us)[.!]?$`)
	reActionVisit  = regexp.MustCompile(`^(?i:for (?:more|the latest|all the latest|further)\b[^.;]{0,60}?,?\s+(?:visit|go to|head to|follow|check out|see|read)\s)`)
	reRelated      = regexp.MustCompile(`^(?i:read more|read also|see also|related( coverage| headlines| stories| articles)?|more on this( story)?|also on\b|more from|recommended|читайте також|також читайте|дивіться також|читайте также|смотрите также|по теме|по темі|на тему)` + wordEnd)
	// A header over a list of links: "More on the Ukraine talks", short
	// and no sentence.
	reRelatedMore = regexp.MustCompile(`^(?i:more (?:on|about)|більше про|больше о|ещё по теме|еще по теме)\s`)
)

// actionWords are the words reAction looks for, for a cheap look before
// it runs: its Unicode word boundary costs a try at every byte.
var actionWords = []string{"subscribe", "newsletter", "sign up", "follow us", "download", "rights reserved", "copyright",
	"journalism", "share this", "click here", "inbox", "for reading", "value our", "like our", "enjoy our", "appreciate our",
	"value this", "consider", "your submission", "дякуємо", "спасибо", "підпиш", "підпис", "подпиш", "подпис", "telegram", "телеграм", "почт", "пошт", "©"}

func mayAct(lower string) bool {
	for _, w := range actionWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// lineRole decides the role of a whole paragraph, when its form alone says
// it is furniture. whole is false for prose, whose sentences are then judged
// one by one, and for RoleTruncated, which applies to the last sentence only.
// first is true while nothing but stamps came before, lead until the
// story's first dateline or prose.
//
// The unanchored patterns run only where a cheap look finds what they need
// (a bracket, "this "), and after the word count: they scan the whole
// paragraph, and most paragraphs are prose.
func lineRole(title, text string, first, lead, last bool) (role parley.Role, whole bool) {
	t := strings.TrimSpace(text)
	lower := strings.ToLower(t)
	words := prose.WordCount(t)
	credit := strings.Contains(t, "(") || strings.Contains(t, "/") || strings.Contains(lower, "photo credit") ||
		strings.Contains(lower, "getty images") || strings.Contains(lower, "licensing rights")
	// Markdown bold around a header: "**Читайте также:**".
	bare := strings.Trim(t, "*_ ")
	switch {
	case reCaptionOpen.MatchString(t) || credit && reCaptionCredit.MatchString(t):
		return parley.RoleCaption, true
	case rePhotos.MatchString(t):
		return parley.RolePhotos, true
	case reByline.MatchString(t) && (strings.HasPrefix(t, "(") || !strings.HasPrefix(t, "By ") && words <= 25 || !endsSentence(t) && words <= 15):
		// "By Tuesday, the talks had…" is prose; a byline does not end
		// as a sentence does.
		return parley.RoleByline, true
	case credit && strings.HasSuffix(t, ")") && isCreditOnly(t[strings.LastIndexByte(t, '('):]):
		// A credit in brackets ends the caption it belongs to, or stands
		// alone under it.
		return parley.RoleCaption, true
	case words <= 10 && !endsSentence(t) && reBylineRole.MatchString(t):
		return parley.RoleByline, true
	case words <= 40 && strings.Contains(lower, "contributed") && reContributed.MatchString(t):
		return parley.RoleByline, true
	case reTimestamp.MatchString(t) && words <= 20:
		return parley.RoleTimestamp, true
	case reNote.MatchString(t) || strings.Contains(lower, "this ") && reNoteThis.MatchString(t) || words <= 25 && reNoteBlog.MatchString(t):
		return parley.RoleNote, true
	case reRelated.MatchString(bare) || words <= 8 && !endsSentence(t) && reRelatedMore.MatchString(t):
		return parley.RoleRelated, true
	case words <= 40 && mayAct(lower) && reAction.MatchString(t) || words <= 15 && strings.HasPrefix(lower, "for ") && reActionVisit.MatchString(t) ||
		words <= 4 && reActionButton.MatchString(t):
		return parley.RoleAction, true
	case isBreadcrumbs(t):
		return parley.RoleLabel, true
	case first && sameTitle(title, t):
		return parley.RoleHeadline, true
	case isDateOnly(t):
		if strings.HasPrefix(t, "date ") {
			// "date 2025-03-12 Wednesday, 12 March 2025 03:17 GMT" on
			// a line of its own is still the scraper's stamp.
			return parley.RoleScraper, true
		}
		return parley.RoleTimestamp, true
	case strings.ContainsAny(t, "|·") && isStampLine(t):
		return parley.RoleTimestamp, true
	case lead && isDatelineOnly(t):
		return parley.RoleDateline, true
	}
	if !endsSentence(t) {
		// A paragraph that does not end as a sentence does: a headline, a
		// kicker, breadcrumbs, a name, "Live updates | …" — or, when it
		// is long, a sentence cut off where an excerpt ends.
		switch {
		case words >= 12 && !isBullet(t):
			return parley.RoleTruncated, false
		case first:
			return parley.RoleHeadline, true
		case isBullet(t):
			return parley.RoleRelated, true
		}
		return parley.RoleLabel, true
	}
	if last && (strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") || strings.HasSuffix(t, "[…]")) && words >= 8 {
		return parley.RoleTruncated, false
	}
	return parley.RoleProse, false
}

// isCreditOnly reports whether t is a photo credit in brackets:
// capitalised names joined by a slash or "via", or with the word for a
// photo, in a dozen words at most. A bracketed sentence ("(The Kremlin
// denied it.)") ends as a sentence does and is no credit.
func isCreditOnly(t string) bool {
	if !reCreditOnly.MatchString(t) || strings.ContainsAny(t, ".!?;:") || prose.WordCount(t) > 12 {
		return false
	}
	lower := strings.ToLower(t)
	return strings.Contains(t, "/") || strings.Contains(lower, " via ") || strings.Contains(lower, "photo") || strings.Contains(lower, "фото")
}

// isBreadcrumbs reports whether a line is a page's trail of sections:
// three or more short names joined by "/", ">", "»" or "›", "Главная / Мир
// / Дипломатия". A dateline of two places ("ЕР-РІЯД / КИЇВ.") has two.
func isBreadcrumbs(t string) bool {
	if !strings.ContainsAny(t, "/>»›") || endsSentence(t) {
		return false
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '>' || r == '»' || r == '›' })
	if len(parts) < 3 || strings.Count(t, " / ")+strings.Count(t, " > ")+strings.Count(t, " » ")+strings.Count(t, " › ") < 2 {
		return false
	}
	for _, p := range parts {
		if n := prose.WordCount(p); n == 0 || n > 4 {
			return false
		}
	}
	return true
}

// isStampLine reports whether a line is a date and time with the page's
// counters after a bar: "17.05.2025 | 09:15 | Переглядів: 4 312".
func isStampLine(t string) bool {
	n, tokens, hasDate := dateRun(t)
	if !hasDate || tokens < 2 || n == 0 || endsSentence(t) {
		return false
	}
	run := strings.TrimRight(t[:n], " ")
	return (strings.HasSuffix(run, "|") || strings.HasSuffix(run, "·")) && prose.WordCount(t[n:]) <= 4
}

// endsSentence reports whether a paragraph ends the way a sentence does:
// with . ! ? or …, perhaps inside closing quotes or brackets.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, " *_")
	for t != "" {
		r, n := utf8.DecodeLastRuneInString(t)
		switch r {
		case '.', '!', '?', '…':
			return true
		case '"', '”', '’', '»', ')', ']', '\'':
			t = t[:len(t)-n]
			continue
		}
		return false
	}
	return false
}

func isBullet(t string) bool {
	return strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "• ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "– ")
}

// sameTitle reports whether a first line repeats the headline: nearly the
// same words, whatever the punctuation.
func sameTitle(title, line string) bool {
	a, b := prose.Terms(title), prose.Terms(line)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	in := map[string]bool{}
	for _, w := range a {
		in[w] = true
	}
	common := 0
	for _, w := range b {
		if in[w] {
			common++
		}
	}
	return float64(common) >= 0.8*float64(max(len(a), len(b)))
}

// Dates and times as pages stamp them: "2025-08-20", "02/18/2025",
// "12 March 2025", "Feb. 19, 2025", "03:17 GMT", weekdays, "4:51 PM EST".
var (
	monthNames = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|січ\p{L}*|лют\p{L}*|берез\p{L}*|квіт\p{L}*|трав\p{L}*|черв\p{L}*|лип\p{L}*|серп\p{L}*|верес\p{L}*|жовт\p{L}*|листоп\p{L}*|груд\p{L}*|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[йя]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*)`
	dayNames   = `(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?`
	dateToken  = regexp.MustCompile(`(?i)^(?:date|` + monthNames + `\.?|` + dayNames + `|\d{4}-\d\d-\d\d(?:T[\d:.+Z-]+)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d\d(?::\d\d)?|\d{1,4}(?:st|nd|rd|th)?|[ap]\.?m\.?|gmt|utc|bst|cet|cest|eet|eest|msk|est|edt|cst|cdt|pst|pdt|kyiv|time|р\.|г\.|року|года|at|[,|·•—–-])[,.]?$`)
	// A live blog's clock, perhaps with its day: "14:32 GMT —", "Sunday,
	// 21:40 GMT —".
	reClock = regexp.MustCompile(`^(?:(?i:` + dayNames + `),?\s+)?\d{1,2}:\d\d(?:\s*(?i:gmt|utc|bst|cet|eet|msk|[ap]\.?m\.?|local time|kyiv time))?\s*[—–-](?:\s+|$)`)
)

// dateRun returns the length in bytes of the run of date and time tokens
// that opens t, and how many tokens it has.
func dateRun(t string) (n, tokens int, hasDate bool) {
	i := 0
	for i < len(t) {
		j := i
		for j < len(t) && t[j] == ' ' {
			j++
		}
		k := strings.IndexByte(t[j:], ' ')
		if k < 0 {
			k = len(t)
		} else {
			k += j
		}
		tok := t[j:k]
		if tok == "" || !dateToken.MatchString(tok) {
			break
		}
		if strings.ContainsAny(tok, "0123456789") || strings.EqualFold(tok, "date") {
			hasDate = true
		}
		tokens++
		i = k
	}
	return i, tokens, hasDate
}

// scraperPrefix returns the length of a date stamp a scraper glued to the
// start of a sentence ("date 2025-08-20 Russian…", "02/18/2025 February 18,
// 2025 Ukraine…"), or 0. A sentence that merely opens with its own date
// ("Friday, Feb. 28, 2025, in Washington") goes on after a comma or in
// lower case, and keeps it.
func scraperPrefix(t string) int {
	n, tokens, hasDate := dateRun(t)
	if !hasDate || tokens < 2 || n >= len(t) || strings.HasSuffix(t[:n], ",") {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(t[n:], " "))
	if !unicode.IsUpper(r) {
		return 0
	}
	return n
}

// isDateOnly reports whether a paragraph is nothing but a date stamp.
func isDateOnly(t string) bool {
	n, tokens, hasDate := dateRun(t)
	return hasDate && tokens >= 2 && strings.TrimSpace(t[n:]) == ""
}

// A dateline: the place in capitals (one or several, "ЕР-РІЯД / КИЇВ",
// "МОСКВА — КИЕВ"), then perhaps a region in brackets, a date and the
// agency's name, then a dash, a colon or a full stop.
var (
	reDatelinePlace = regexp.MustCompile(`^\p{Lu}[\p{Lu}'’.-]*\p{Lu}(?:\s*(?:/|—|–|\s)\s*\p{Lu}[\p{Lu}'’.-]*\p{Lu})*`)
	reDatelineTail  = regexp.MustCompile(`^(?:\s*\([^()]{1,40}\))?(?:,\s*(?:[\p{L}\d]+\.?\s*){1,4}?)?(?:\s*\([^()]{1,40}\)|\s*/[^/]{1,40}/)?\s*(?:[.:]|[—–-])(?:\s*(?:/[^/]{1,40}/|«[^»]{1,40}»|\([^()]{1,40}\))\.?)?(?:\s+|$)`)
)

// datelineEnd returns where a dateline that opens t ends, or 0.
//
// A capitalised acronym that opens a sentence ("U.S. officials said", "NATO —
// the alliance — said") is no place: a place has three letters or more and
// the text after the dateline starts a sentence.
func datelineEnd(t string) int {
	m := reDatelinePlace.FindStringIndex(t)
	if m == nil {
		return 0
	}
	// The place may be several ("ЕР-РІЯД / КИЇВ"), but "GENEVA — U.S. and
	// …" is one place and a sentence: try the longest place first.
	ends := []int{m[1]}
	for i := m[1] - 1; i > 0; i-- {
		if r := t[i]; (r == ' ' || r == '/') && unicode.IsUpper(rune(t[i-1])) {
			ends = append(ends, i)
		}
	}
	for _, end := range ends {
		if n := datelineAt(t, strings.TrimRight(t[:end], " /—–")); n > 0 {
			return n
		}
	}
	return 0
}

// datelineAt returns where a dateline whose place is place ends, or 0.
func datelineAt(t, place string) int {
	letters := 0
	for _, r := range place {
		if unicode.IsLower(r) {
			return 0
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return 0
	}
	tail := reDatelineTail.FindStringIndex(t[len(place):])
	if tail == nil {
		return 0
	}
	n := len(place) + tail[1]
	if after := strings.TrimLeft(t[n:], " "); after != "" {
		r, _ := utf8.DecodeRuneInString(after)
		if !unicode.IsUpper(r) && !prose.IsOpenQuote(r) && !unicode.IsDigit(r) {
			return 0
		}
	}
	return n
}

func isDatelineOnly(t string) bool {
	n := datelineEnd(t)
	if n == 0 {
		return false
	}
	rest := strings.TrimSpace(t[n:])
	// "ЭР-РИЯД, 19 февраля — «Невский курьер»." keeps the outlet after
	// the dash; anything short that ends there is still the dateline.
	return rest == "" || (prose.WordCount(rest) <= 4 && endsSentence(rest) && !strings.ContainsAny(rest, ",;"))
}

// sentenceRoles judges one sentence of a prose paragraph, splitting off
// furniture glued to its start: a dateline (while lead: the story has not
// begun), a scraper's date prefix or a live blog's clock. more is true when
// other sentences follow in the paragraph: a single word that opens it
// ("NATO. Ukraine would…") is then a run-in heading.
func sentenceRoles(body string, sp prose.Span, firstInLine, lead, more bool) []parley.Sentence {
	t := body[sp.Start:sp.End]
	var out []parley.Sentence
	split := func(n int, role parley.Role) {
		end := sp.Start + len(strings.TrimRight(t[:n], " "))
		out = append(out, parley.Sentence{Start: sp.Start, End: end, Role: role})
		for n < len(t) && t[n] == ' ' {
			n++
		}
		sp.Start += n
		t = t[n:]
	}
	if firstInLine {
		if m := reClock.FindStringIndex(t); m != nil {
			split(m[1], parley.RoleTimestamp)
		} else if n := scraperPrefix(t); n > 0 {
			split(n, parley.RoleScraper)
		}
		n := 0
		if lead {
			n = datelineEnd(t)
		}
		switch {
		case n > 0 && n < len(t):
			split(n, parley.RoleDateline)
		case n > 0:
			return append(out, parley.Sentence{Start: sp.Start, End: sp.End, Role: parley.RoleDateline})
		case more && isRunIn(t):
			return append(out, parley.Sentence{Start: sp.Start, End: sp.End, Role: parley.RoleLabel})
		}
	}
	if t == "" {
		return out
	}
	return append(out, parley.Sentence{Start: sp.Start, End: sp.End, Role: parley.RoleProse})
}

// isRunIn reports whether a sentence is one capitalised word and a full
// stop, the heading of the paragraph it opens: "Territory.", "NATO.".
func isRunIn(t string) bool {
	w, ok := strings.CutSuffix(t, ".")
	if !ok || w == "" {
		return false
	}
	for i, r := range w {
		if i == 0 && !unicode.IsUpper(r) || !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return true
}
