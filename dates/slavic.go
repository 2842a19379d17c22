package dates

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Ukrainian and Russian dates: "15 серпня", "23 января 2026 года", "в
// п'ятницю", "в прошлую среду". Month names are in the genitive, as a day of
// the month writes them; Go's \b knows only ASCII letters, so these rules
// rely on bounded for their edges.
func init() {
	rules = append(rules,
		rule{regexp.MustCompile(`(\d{1,2})\s+` + slavicMonthRE + `(?:\s+(\d{4}))?`), func(s *sentence, g match) (time.Time, Precision, bool) {
			return s.dayOfMonth(g, slavicMonths[strings.ToLower(g.group(2))], g.group(1), g.group(3))
		}, cyrillicDay},
		// A month alone, in the locative: "у лютому", "в феврале".
		rule{regexp.MustCompile(`(?i)(?:в|во|у)\s+` + slavicLocativeMonthRE), func(s *sentence, g match) (time.Time, Precision, bool) {
			return s.monthOfYear(g, slavicLocativeMonths[strings.ToLower(g.group(1))], "")
		}, cyrillic},
		// A month's adjective: "на липневій зустрічі", "первая майская
		// встреча" (the July meeting, the first May meeting).
		rule{regexp.MustCompile(`(?i)` + slavicMonthAdjectiveRE + `\p{L}{1,4}`), func(s *sentence, g match) (time.Time, Precision, bool) {
			return s.monthOfYear(g, slavicMonthAdjectives[strings.ToLower(g.group(1))], "")
		}, cyrillic},
		rule{regexp.MustCompile(`(?i)(?:(в|во|у|минулої|минулого|минулу|прошлую|прошлый|прошлое|прошлой|наступної|наступного|наступну|следующую|следующий|следующее|цю|цей|эту|этот)\s+)?` + slavicWeekdayRE), func(s *sentence, g match) (time.Time, Precision, bool) {
			return s.weekdayOf(g, slavicWeekdays[strings.ToLower(g.group(2))], slavicModifiers[strings.ToLower(g.group(1))])
		}, cyrillic},
	)
}

var slavicMonths = map[string]time.Month{
	"января": time.January, "февраля": time.February, "марта": time.March, "апреля": time.April,
	"мая": time.May, "июня": time.June, "июля": time.July, "августа": time.August,
	"сентября": time.September, "октября": time.October, "ноября": time.November, "декабря": time.December,
	"січня": time.January, "лютого": time.February, "березня": time.March, "квітня": time.April,
	"травня": time.May, "червня": time.June, "липня": time.July, "серпня": time.August,
	"вересня": time.September, "жовтня": time.October, "листопада": time.November, "грудня": time.December,
}

// slavicLocativeMonths are the month names as "in February" writes them.
var slavicLocativeMonths = map[string]time.Month{
	"январе": time.January, "феврале": time.February, "марте": time.March, "апреле": time.April,
	"мае": time.May, "июне": time.June, "июле": time.July, "августе": time.August,
	"сентябре": time.September, "октябре": time.October, "ноябре": time.November, "декабре": time.December,
	"січні": time.January, "лютому": time.February, "березні": time.March, "квітні": time.April,
	"травні": time.May, "червні": time.June, "липні": time.July, "серпні": time.August,
	"вересні": time.September, "жовтні": time.October, "листопаді": time.November, "грудні": time.December,
}

var slavicLocativeMonthRE = alternation(slavicLocativeMonths)

// slavicMonthAdjectives are the stems of the adjectives of the months
// ("липневий", "июльский").
var slavicMonthAdjectives = map[string]time.Month{
	"январск": time.January, "февральск": time.February, "мартовск": time.March, "апрельск": time.April,
	"майск": time.May, "июньск": time.June, "июльск": time.July, "августовск": time.August,
	"сентябрьск": time.September, "октябрьск": time.October, "ноябрьск": time.November, "декабрьск": time.December,
	"січнев": time.January, "лютнев": time.February, "березнев": time.March, "квітнев": time.April,
	"травнев": time.May, "червнев": time.June, "липнев": time.July, "серпнев": time.August,
	"вереснев": time.September, "жовтнев": time.October, "листопадов": time.November, "груднев": time.December,
}

var slavicMonthAdjectiveRE = alternation(slavicMonthAdjectives)

var slavicMonthRE = `(?i)` + alternation(slavicMonths)

var slavicWeekdays = map[string]time.Weekday{
	"понедельник": time.Monday, "вторник": time.Tuesday, "среду": time.Wednesday, "среда": time.Wednesday,
	"четверг": time.Thursday, "пятницу": time.Friday, "пятница": time.Friday, "субботу": time.Saturday,
	"суббота": time.Saturday, "воскресенье": time.Sunday,
	"понеділок": time.Monday, "вівторок": time.Tuesday, "середу": time.Wednesday, "середа": time.Wednesday,
	"четвер": time.Thursday, "п'ятницю": time.Friday, "п’ятницю": time.Friday, "пʼятницю": time.Friday,
	"п'ятниця": time.Friday, "п’ятниця": time.Friday, "пʼятниця": time.Friday, "суботу": time.Saturday,
	"субота": time.Saturday, "неділю": time.Sunday, "неділя": time.Sunday,
}

var slavicWeekdayRE = alternation(slavicWeekdays)

// slavicModifiers are the words before a weekday as weekdayOf reads them.
var slavicModifiers = map[string]string{
	"минулої": "last", "минулого": "last", "минулу": "last", "прошлую": "last", "прошлый": "last", "прошлое": "last", "прошлой": "last",
	"наступної": "next", "наступного": "next", "наступну": "next", "следующую": "next", "следующий": "next", "следующее": "next",
	"цю": "this", "цей": "this", "эту": "this", "этот": "this",
}

// alternation is a regular expression group of the words of a table,
// longest first, so that the words of each rule are written once: in its
// table.
func alternation[V any](table map[string]V) string {
	words := slices.Collect(maps.Keys(table))
	slices.SortFunc(words, func(a, b string) int {
		if n := cmp.Compare(len(b), len(a)); n != 0 {
			return n
		}
		return strings.Compare(a, b)
	})
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return "(" + strings.Join(words, "|") + ")"
}
