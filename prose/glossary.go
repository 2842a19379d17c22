package prose

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// glossary is the general vocabulary of news about war and diplomacy in
// English, Russian and Ukrainian: each line an English word or words, then
// after "=" the Russian and Ukrainian words news prose writes for them (a
// word stands for all its forms: they meet by their Slavic key). It lets a
// question in English find a report written in Russian or Ukrainian, and
// one in Russian or Ukrainian find an English report, by the words that
// are not names; names meet by transliteration (SlavicKey) and need no
// line here.
//
// Why a table: no maintained Go library translates offline, and a model,
// when one is configured, answers from what search has found, so search
// must find the other language's report first. The table is the words of
// the beat (negotiations, the war, sanctions, what officials do and say),
// not of any article or question; it is only ever a way across languages:
// two English words on one line are not made synonyms of each other
// (synonyms.go does that).
const glossary = `
talks negotiations negotiate negotiated negotiating = переговоры переговорах переговорный | переговори перемовини переговорах
negotiator negotiators = переговорщик переговорщики | переговорник переговорники
meeting meet met = встреча встретились встретиться | зустріч зустрілися зустрітися
summit = саммит | саміт
held happened = состоялся состоялась состоялись прошла прошли | відбувся відбулася відбулися
round = раунд
delegation delegations = делегация делегации | делегація делегації
head headed chief led = глава возглавил возглавлял возглавила возглавляла руководитель руководил | голова очолив очолював очолила очолювала керівник керував
adviser advisor aide = советник помощник | радник помічник
spokesman spokeswoman spokesperson = пресс-секретарь представитель | речник речниця
minister = министр | міністр
ministry = министерство | міністерство
foreign = иностранный внешний | закордонний іноземний
president presidential = президент президентский | президент президентський
office = офис администрация | офіс
council = совет | рада
security = безопасность | безпека
federation = федерация | федерація
parliament = парламент | парламент
envoy = посланник спецпосланник | посланець спецпосланець
government = правительство | уряд
kremlin = кремль кремлевский | кремль кремлівський
plan = план
point points = пункт пункты | пункт пункти
document documents paper papers = документ документы | документ документи
text = текст
draft = проект | проєкт
framework frameworks = рамки | рамки
proposal proposals propose proposed offer offered = предложение предложил предлагал | пропозиція запропонував пропонував
agreement agreements deal agree agreed = соглашение договорились договоренность согласился согласилась согласились | угода домовилися домовленість погодився погодилася погодилися
guarantee guarantees = гарантии | гарантії
territory territories territorial = территория территориальный | територія територіальний
ceasefire truce = перемирие | перемир'я
peace peaceful = мир мирный | мир мирний
war = война | війна
sanctions sanction = санкции | санкції
exchange swap = обмен | обмін
prisoners prisoner pows = пленные военнопленные | полонені військовополонені
bodies body remains = тела | тіла
soldiers soldier troops servicemen military = военные военнослужащие солдаты | військові військовослужбовці солдати
army armed = армия вооруженные | армія збройні
killed died dead death deaths toll = погибли погибших убиты | загинули загиблих вбиті
wounded injured = раненые | поранені
front frontline = фронт | фронт
attack attacks strike strikes = удар атака | удар атака
drone drones = беспилотник дрон | дрон безпілотник
missile missiles = ракета | ракета
aircraft plane planes jet jets = самолет | літак
bomber bombers = бомбардировщик | бомбардувальник
fighter fighters = истребитель | винищувач
fly flew flying = пролетел летел | пролетів летів
base = база
airport airfield = аэродром аэропорт | аеродром аеропорт
car limousine = автомобиль лимузин | автомобіль лімузин
energy = энергетика энергетический | енергетика енергетичний
infrastructure = инфраструктура | інфраструктура
nuclear = атомный ядерный | атомний ядерний
sea = море
shipping navigation = судоходство | судноплавство
election elections = выборы | вибори
referendum = референдум
company companies firms business = компании бизнес | компанії бізнес
market markets = рынок | ринок
lose lost loss losses = потеряли потери | втратили втрати
billion billions = миллиард | мільярд
million millions = миллион | мільйон
dollar dollars = доллар | долар
money funds = деньги средства | гроші кошти
compensation = компенсация | компенсація
asset assets = активы | активи
frozen = замороженные | заморожені
economy economic = экономика экономический | економіка економічний
investment investments = инвестиции | інвестиції
oil = нефть | нафта
gas = газ
trade = торговля | торгівля
said say says told = сказал заявил | сказав заявив
described describe called = назвал охарактеризовал | назвав
discuss discussed = обсудили обсуждали | обговорили обговорювали
ask asked question = спросил вопрос | запитав питання
answer answered replied = ответ ответил | відповідь відповів
demand demanded demands = потребовал требование | вимагав вимога
refuse refused reject rejected = отказался отверг | відмовився відкинув
confirm confirmed = подтвердил | підтвердив
announce announced = объявил | оголосив
warn warned = предупредил | попередив
stress stressed emphasized = подчеркнул | наголосив
receive received = получили | отримали
hand handed transfer transferred return returned = передали вернули | передали повернули
sign signed = подписали | підписали
continue continued = продолжена продолжить | продовжено продовжити
work = работа | робота
constructive = конструктивный | конструктивний
difficult hard complex = сложный трудный | складний важкий
productive = продуктивный | продуктивний
useful = полезный | корисний
day days = день дня дней | день дні днів
week weeks = неделя | тиждень
month months = месяц | місяць
year years = год | рік
hour hours = час часов | година годин
first = первый | перший
second = второй | другий
third = третий | третій
next = следующий | наступний
last previous = последний прошлый | останній минулий
new = новый | новий
result results outcome = результат итог | результат підсумок
topic topics subject = тема | тема
issue issues = вопрос | питання
group groups team = группа команда | група команда
call phone = разговор звонок | розмова дзвінок
interview = интервью | інтерв'ю
statement = заявление | заява
journalists reporters = журналисты | журналісти
reduce cut cap = сократить | скоротити
size strength = численность | чисельність
withdraw withdrawal = вывод вывести | виведення вивести
occupied = оккупированные | окуповані
region regions = область регион | область регіон
children = дети | діти
humanitarian = гуманитарный | гуманітарний
memorandum = меморандум
visit trip = визит поездка | візит поїздка
lunch dinner = обед ужин | обід вечеря
gift = подарок | подарунок
palace = дворец | палац
hotel = отель гостиница | готель
defense defence = оборона | оборона
intelligence = разведка | розвідка
contacts contact = контакты | контакти
dialogue = диалог | діалог
zone zones = зона
buffer = буферный | буферний
control monitoring = контроль мониторинг | контроль моніторинг
mechanism mechanisms = механизм | механізм
eve = накануне | напередодні
pause break = пауза
figure = цифра
key = ключевой | ключовий
leader leaders = лидер | лідер
bilateral = двусторонний | двосторонній
trilateral = трехсторонний | тристоронній
european = европейский | європейський
american americans = американский американцы | американський американці
russian russians = российский русский россияне | російський росіяни
ukrainian ukrainians = украинский украинцы | український українці
russia = россия | росія
ukraine = украина | україна
us america = сша | сша
emirates uae = оаэ | оае
`

// translationTable is the glossary by term, one map for each direction:
// English terms to the terms of their Russian and Ukrainian words, and
// back; and, as a search of the index wants them, the words. The
// directions are kept apart because the two scripts' terms can be one
// string (the key of «армия» is the stem of "army"), and English words
// must not reach each other through a Russian one.
type translationTable struct {
	terms, words [2]map[string][]string // [0] from English, [1] from Russian and Ukrainian
}

var translationsByTerm = sync.OnceValue(func() translationTable {
	var t translationTable
	for i := range 2 {
		t.terms[i], t.words[i] = map[string][]string{}, map[string][]string{}
	}
	link := func(dir int, from, to []string) {
		terms, words := t.terms[dir], t.words[dir]
		for _, f := range from {
			ft := termOf(f)
			for _, w := range to {
				if wt := termOf(w); wt != ft && !slices.Contains(terms[ft], wt) {
					terms[ft] = append(terms[ft], wt)
				}
				if !slices.Contains(words[ft], w) {
					words[ft] = append(words[ft], w)
				}
			}
		}
	}
	for line := range strings.Lines(glossary) {
		en, slavic, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		english := strings.Fields(en)
		other := strings.Fields(strings.ReplaceAll(slavic, "|", " "))
		link(0, english, other)
		link(1, other, english)
	}
	return t
})

// direction is the glossary's map to read a word of a question by: its
// script's.
func direction(word string) int {
	if hasCyrillic(word) {
		return 1
	}
	return 0
}

// Translations returns the terms of the words the glossary gives for a
// word in the other languages: for "companies" the terms of «компании» and
// «компанії», for «компаниям» that of "companies". The terms of Russian and
// Ukrainian words are given as CyrillicTerm writes them, since a Cyrillic
// word's key can be the stem of another English word (the key of «армія»
// is the stem of "armed"): a text's terms match them only where its word
// is in Cyrillic.
func Translations(word string) []string {
	d := direction(word)
	terms := translationsByTerm().terms[d][termOf(word)]
	if d == 1 || len(terms) == 0 {
		return terms
	}
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = CyrillicTerm(t)
	}
	return out
}

// CyrillicTerm is a term as it stands for a word in Cyrillic: see
// Translations. A text's terms take it besides the term itself for each
// token whose word is Cyrillic (IsCyrillicToken).
func CyrillicTerm(term string) string { return cyrillicMark + term }

// IsCyrillicTerm reports whether term is written as CyrillicTerm writes.
func IsCyrillicTerm(term string) bool { return strings.HasPrefix(term, cyrillicMark) }

// cyrillicMark begins a CyrillicTerm; no token's term has it.
const cyrillicMark = "\x00"

// IsCyrillicToken reports whether the word of tok in text is written in
// Cyrillic.
func IsCyrillicToken(text string, tok Token) bool {
	r, _ := utf8.DecodeRuneInString(text[tok.Start:])
	return isCyrillic(r)
}

// TranslationWords returns those words as written.
func TranslationWords(word string) []string {
	return translationsByTerm().words[direction(word)][termOf(word)]
}
