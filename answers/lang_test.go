package answers

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/prose"
)

func TestSlavicType(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want answerType
	}{
		{"Хто керував російськими переговірниками?", typePerson},
		{"Кто возглавлял российскую делегацию?", typePerson},
		{"Сколько военнопленных обменяют Россия и Украина?", typeCount},
		{"скілки тіл загиблих росія пропонувала передати", typeCount},
		{"Якого числа відбувся саміт?", typeDate},
		{"когда прошол втарой раунд", typeDate},
		{"В каком дворце проходила встреча?", typePlace},
		{"В каком стамбульском дворце проходила встреча?", typePlace},
		{"У якому палаці відбувалися перемовини?", typePlace},
		{"де саме на Алясці зустрічалися Трамп і Путін", typePlace},
		{"Почему Мединский не торопился?", typeReason},
		{"Якими словами Зеленський описав вибір?", typeQuote},
		{"Что сказал Лавров после переговоров?", typeQuote},
		{"Про що домовилися американці й росіяни?", typeOpen},
	} {
		if got, _ := slavicType(tt.q, prose.DetectLanguage(tt.q)); got != tt.want {
			t.Errorf("slavicType(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if got, _ := slavicType("Who led the talks?", "en"); got != typeOpen {
		t.Errorf("an English question is read by typeRules, not slavicType: got %v", got)
	}
	// The words that ask for the type are not what the answer is about.
	q := analyse("Какого числа Лавров и Рубио встречались в саудовской столице?")
	for _, term := range q.terms {
		if term.surface == "числа" && !term.form {
			t.Errorf("«числа» of «какого числа» is matched as a word, not read as asking for a date")
		}
		if term.surface == "столице" && term.form {
			t.Errorf("«столице» is read as asking for the type")
		}
	}
}

func TestReadRomanised(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"chto skazal Peskov", "что сказал Песков"},
		{"shcho skazav Peskov pro zhenevski domovlenosti", "що сказав Песков про женевські домовленості"},
		{"What did Peskov say?", "What did Peskov say?"},
		{"koly pochalysia pershi trystoronni perehovory v Abu-Dabi", "коли почалися перші тристоронні переговори в Абу-Дабі"},
		{"Peskov on Geneva talks", "Peskov on Geneva talks"},
		{"Zelensky Putin Trump", "Zelensky Putin Trump"},
	} {
		got := readRomanised(tt.q)
		// The Cyrillic need not be spelt right: its words must have the
		// keys of the words it romanises.
		if strings.Join(prose.Terms(got), " ") != strings.Join(prose.Terms(tt.want), " ") {
			t.Errorf("readRomanised(%q) = %q: terms %q, want those of %q, %q", tt.q, got, prose.Terms(got), tt.want, prose.Terms(tt.want))
		}
	}
}

func TestAskedUnknown(t *testing.T) {
	for _, tt := range []struct {
		q       string
		unknown []string
		want    string
	}{
		{"Какой подарок Трамп вручил Путину на Аляске?", []string{"подарок", "вручил"}, "подарок"},
		{"Про який найсвіжіший обмін полоненими домовилися сторони?", []string{"найсвіжіший"}, ""},
		{"Какой подарок Трамп вручил Путину?", nil, ""},
		{"Хто перекладав Путіну під час зустрічі?", []string{"перекладав"}, "перекладав"},
		{"Как звали переводчика Путина?", []string{"переводчика"}, "переводчика"},
		// Articles may say it with another word: "очолив".
		{"Хто керував делегацією?", []string{"керував"}, ""},
	} {
		if got := askedUnknown(tt.q, tt.unknown, nil); got != tt.want {
			t.Errorf("askedUnknown(%q, %q) = %q, want %q", tt.q, tt.unknown, got, tt.want)
		}
	}
}

// questionIn are questions in each language, for the answers finish
// writes in it.
var questionIn = map[string]string{"uk": "Хто очолив делегацію?", "ru": "Кто возглавил делегацию?", "en": "Who led the delegation?"}

func TestAskedUnknownCorrectedToAKey(t *testing.T) {
	q := "Хто перекладав Путіну під час зустрічі?"
	if got := askedUnknown(q, nil, []string{"“перекладав” as “perehlad”"}); got != "перекладав" {
		t.Errorf("askedUnknown(%q) with a correction to a key = %q, want перекладав", q, got)
	}
	if got := askedUnknown("Who interpreted for Putin?", nil, []string{"“interpretd” as “interpreted”"}); got != "" {
		t.Errorf("askedUnknown of an English question = %q, want none", got)
	}
}

func TestLocalize(t *testing.T) {
	src := parley.Source{ArticleID: 1, Title: "Саміт", Outlet: "Голос Прикарпаття"}
	for _, tt := range []struct {
		lang, body, want string
	}{
		{"uk", "The articles I have don't mention “Олаф Шольц”. The nearest ones:", "У статтях, які я маю, не згадується “Олаф Шольц”. Найближчі:"},
		{"ru", "The articles I have don't answer that.", "В статьях, которые у меня есть, нет ответа на это."},
		{"ru", "Here is what A and B reported between 2025-08-16 and 2025-08-17:\n\n- “…” [1]", "Вот что сообщили A и B между 2025-08-16 и 2025-08-17:\n\n- “…” [1]"},
		{"uk", "The articles I have mention “саміт” but don't say when. The nearest ones:", "Статті, які я маю, згадують “саміт”, але не кажуть, коли. Найближчі:"},
		{"en", "The articles I have don't answer that.", "The articles I have don't answer that."},
		// The type's words, then what the question counts as it wrote it.
		{"uk", "The articles I have mention “США” but don't say how much money компенсації. The nearest ones:", "Статті, які я маю, згадують “США”, але не кажуть, скільки грошей компенсації. Найближчі:"},
		{"ru", "The articles I have mention “солдат” but don't say how many иностранных солдат.", "Статьи, которые у меня есть, упоминают “солдат”, но не говорят, сколько иностранных солдат."},
		{"ru", "The articles I have quote Марко Рубио, but not on “санкциях”.", "Статьи, которые у меня есть, цитируют Марко Рубио, но не о “санкциях”."},
		{"ru", "Here is what A reported on 2025-08-17:\n\nSteve Witkoff, U.S. envoy, quoted by A, 2025-08-17 [1]:\n- “…”", "Вот что сообщили A (2025-08-17):\n\nSteve Witkoff, U.S. envoy, цитирует A, 2025-08-17 [1]:\n- “…”"},
	} {
		a := &parley.Answer{Question: questionIn[tt.lang], Body: tt.body, Nearest: []parley.Source{src}}
		finish(a, parley.StateMedia{})
		if a.Body != tt.want {
			t.Errorf("localize(%q, %s) = %q, want %q", tt.body, tt.lang, a.Body, tt.want)
		}
	}
	a := &parley.Answer{Question: questionIn["uk"], Body: "Here is what A reported on 2025-08-16:\n\n- “…” [1]", Sources: []parley.Source{src}}
	finish(a, parley.StateMedia{})
	finish(a, parley.StateMedia{}) // as withNote finishes again
	if !strings.Contains(a.Text, "\n\nДжерела:\n") || strings.Contains(a.Text, "Sources:") {
		t.Errorf("localize: the sources of a Ukrainian answer are headed Джерела:, got %q", a.Text)
	}
}

func TestLocalizeCreditsAndLanguages(t *testing.T) {
	ru := parley.Source{ArticleID: 1, Title: "Саммит", Outlet: "Невский курьер", Language: "ru"}
	uk := parley.Source{ArticleID: 2, Title: "Саміт", Outlet: "Київський вісник", Language: "uk"}
	body := "Reading “втарой” as “vtor” and “Peskof” as “Peskov”.\n\nHere is what A reported on 2025-08-16:\n\n" +
		"- “«Мы готовы», — сказал Песков.” — Дмитрий Песков, quoted by Невский курьер, 2025-08-16 [1]\n" +
		"- “Делегації провели п'ять годин.” — reported by Київський вісник, 2025-08-16 [2]"
	a := &parley.Answer{Question: questionIn["uk"], Body: body, Sources: []parley.Source{ru, uk}}
	finish(a, parley.StateMedia{})
	finish(a, parley.StateMedia{})
	for _, want := range []string{
		"Читаю “Peskof” як “Peskov”.",
		"— Дмитрий Песков, цитує Невский курьер, 2025-08-16 (російською) [1]",
		"— повідомляє Київський вісник, 2025-08-16 [2]",
	} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("localize: want %q in\n%s", want, a.Body)
		}
	}
	if n := strings.Count(a.Body, "(російською)"); n != 1 {
		t.Errorf("localize: the Russian quote is marked %d times, want once:\n%s", n, a.Body)
	}
	if strings.Contains(a.Body, "vtor") {
		t.Errorf("localize: a correction to a Slavic key is not shown:\n%s", a.Body)
	}
	en := &parley.Answer{Question: questionIn["en"], Body: "Here is what A reported on 2025-08-16:\n\n- “Делегації провели п'ять годин.” — reported by Київський вісник, 2025-08-16 [1]", Sources: []parley.Source{uk}}
	finish(en, parley.StateMedia{})
	if !strings.Contains(en.Body, "— reported by Київський вісник, 2025-08-16 (in Ukrainian) [1]") {
		t.Errorf("localize: an English answer marks a Ukrainian quote's language:\n%s", en.Body)
	}
}

func TestLanguageInstruction(t *testing.T) {
	ru := parley.Hit{Source: parley.Source{Language: "ru"}}
	uk := parley.Hit{Source: parley.Source{Language: "uk"}}
	got := languageInstruction("uk", []parley.Hit{uk, ru})
	if !strings.Contains(got, "Write the answer in Ukrainian.") || !strings.Contains(got, `"переклад:"`) {
		t.Errorf("languageInstruction(uk, with a Russian passage) = %q, want the answer in Ukrainian and translations labelled переклад", got)
	}
	if got := languageInstruction("en", []parley.Hit{{Source: parley.Source{Language: "en"}}}); got != "Write the answer in English.\n" {
		t.Errorf("languageInstruction(en, English passages) = %q, want only the language", got)
	}
}

// TestTranslationIsNotVerifiedAsAQuote: a model's answer that quotes a
// Russian passage in the original and labels its translation keeps the
// sentence; a "translation" put in quotation marks is no quote of any
// passage and is dropped.
func TestTranslationIsNotVerifiedAsAQuote(t *testing.T) {
	text := "«Работа конструктивная и одновременно очень сложная», — сказал Песков."
	p := parley.Hit{Passage: parley.Passage{ID: 1, ArticleID: 1, End: len(text), Text: text},
		Source: parley.Source{ArticleID: 1, Outlet: "Балтийский вестник", Language: "ru"}}
	good := Verify("Peskov called it «Работа конструктивная и одновременно очень сложная» (translation: the work is constructive and at the same time very difficult) [1].", []parley.Hit{p})
	if len(good.Citations) == 0 || len(good.Dropped) != 0 {
		t.Errorf("a quote in the original with a labelled translation: citations %d, dropped %v; want it kept", len(good.Citations), good.Dropped)
	}
	bad := Verify("Peskov said “the work is constructive and at the same time very difficult” [1].", []parley.Hit{p})
	if len(bad.Dropped) == 0 {
		t.Errorf("a translation in quotation marks was kept as a quote: %+v", bad)
	}
}

// knownWords is a Lexicon that knows the words (as their index forms) it
// holds.
type knownWords map[string]bool

func (k knownWords) Unknown(_ context.Context, words []string) ([]string, error) {
	var out []string
	for _, w := range words {
		if !k[prose.IndexForm(w)] {
			out = append(out, w)
		}
	}
	return out, nil
}

func (knownWords) Correct(context.Context, string) (string, error) { return "", nil }

// TestKnownOtherwise: a Ukrainian or Russian word the library has in
// another form is no unknown word: under its alternative key, as an
// English name, or as the glossary's translation.
func TestKnownOtherwise(t *testing.T) {
	lex := knownWords{prose.IndexForm("Ріяд"): true, prose.IndexForm("delegation"): true}
	romanised := map[string][]string{"Віткофф": {"witkoff"}}
	got, err := knownOtherwise(context.Background(), lex, []string{"ріядській", "гутерреш", "Віткофф", "делегацію", "witkof"}, romanised)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"гутерреш", "witkof"}) {
		t.Errorf("knownOtherwise = %q, want гутерреш and witkof: the library has Ріяд, Witkoff and delegation", got)
	}
}

func TestReportsInTheAskersLanguageFirst(t *testing.T) {
	mk := func(id int64, lang, body string) parley.Hit {
		ps := []parley.Passage{{ID: id, ArticleID: id, Text: body, End: len(body)}}
		parley.AssignSentences(ps, ingest.Sentences("План", body))
		pub := time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC)
		return parley.Hit{Passage: ps[0], Source: parley.Source{ArticleID: id, Title: "План", Published: pub, Language: lang}, Score: 1}
	}
	ru := mk(1, "ru", "Предлагается сократить украинскую армию до 600 тысяч военнослужащих.")
	uk := mk(2, "uk", "План передбачає обмеження армії 600 тисячами військовослужбовців.")
	q := analyse("До скількох військових план пропонував скоротити українську армію?")
	q.read = reading{text: q.text}
	cands := candidates(&q, []parley.Hit{ru, uk})
	if len(cands) == 0 || cands[0].hit.Source.Language != "uk" {
		t.Errorf("a question in Ukrainian is answered first from a Russian report saying the same: %q", cands[0].text)
	}
}

// TestEnglishQuestionAcrossLanguages: an English question is answered
// from a Russian report by the glossary's translations when no English
// report says it, and from the English report when one says it as well.
func TestEnglishQuestionAcrossLanguages(t *testing.T) {
	mk := func(id int64, lang, title, body string) parley.Hit {
		ps := []parley.Passage{{ID: id, ArticleID: id, Text: body, End: len(body)}}
		parley.AssignSentences(ps, ingest.Sentences(title, body))
		pub := time.Date(2025, 2, 19, 0, 0, 0, 0, time.UTC)
		return parley.Hit{Passage: ps[0], Source: parley.Source{ArticleID: id, Title: title, Published: pub, Language: lang}, Score: 1}
	}
	ru := mk(1, "ru", "Экономика разрыва", "Дмитриев напомнил об экономической цене разрыва. По его словам, американские компании, ушедшие с российского рынка, потеряли более 300 миллиардов долларов.")
	other := mk(2, "en", "Weather", "Heavy snow closed roads across the region on Monday.")
	ask := func(hits ...parley.Hit) []*sentence {
		q := analyse("How much did American companies lose by leaving the Russian market, according to Dmitriev?")
		q.read = reading{text: q.text}
		return candidates(&q, hits)
	}
	if c := ask(ru, other); len(c) == 0 || !strings.Contains(c[0].text, "300 миллиардов") {
		t.Errorf("no English report says it: the Russian one's sentence should come first, got %v", texts(c))
	}
	en := mk(3, "en", "Dmitriev on the cost", "Dmitriev said American companies that left the Russian market lost more than $300 billion.")
	if c := ask(ru, other, en); len(c) == 0 || c[0].hit.Source.Language != "en" {
		t.Errorf("an English report says it too: it should come first, got %v", texts(c))
	}
}

func texts(ss []*sentence) []string {
	var out []string
	for _, s := range ss[:min(3, len(ss))] {
		out = append(out, s.text)
	}
	return out
}

// TestSlavicCounted: a Ukrainian or Russian count or sum question counts
// the noun after «скільки», «сколько», «яку суму», with an adjective before
// it, and a sum of something else is no answer to it.
func TestSlavicCounted(t *testing.T) {
	for question, want := range map[string]string{
		"Сколько военнопленных обменяют Россия и Украина?":          "военнопленных",
		"Скільки іноземних солдатів залишиться в Україні?":          "іноземних солдатів",
		"До скількох військових американський план скорочує армію?": "військових",
		"Яку суму компенсації мали б отримати США?":                 "компенсації",
		"Скільки доларів отримали б США?":                           "",
		"how many foreign soldiers will the force have?":            "foreign soldiers",
	} {
		q := analyse(question)
		var got []string
		for _, i := range q.counted {
			got = append(got, q.terms[i].surface)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q counts %q, want %q", question, got, want)
		}
	}
	q := analyse("Яку суму компенсації мали б отримати США?")
	assets := "Ще один пункт — спрямувати 100 мільярдів доларів заморожених активів на відбудову, причому половину прибутку отримали б США."
	if got := typeMatch(&q, &sentence{text: assets, stems: stemsOf(assets)}); got > 0.5 {
		t.Errorf("a sum of frozen assets answers what sum of compensation: typed %v", got)
	}
	paid := "США мали б отримати компенсацію у 100 мільярдів доларів."
	if got := typeMatch(&q, &sentence{text: paid, stems: stemsOf(paid)}); got < 1 {
		t.Errorf("a sum of compensation: typed %v, want 1", got)
	}
}

// TestReadIntoShowsTheAskersWords: a Cyrillic word the reading replaced
// by the index's key is shown as the asker wrote it.
func TestReadIntoShowsTheAskersWords(t *testing.T) {
	r := reading{text: "Сколько иностранных солдат ostaet?", asked: map[string]string{"ostaet": "останется"}}
	q := analyse(r.text)
	readInto(&q, r)
	if got := q.topic(); strings.Contains(got, "ostaet") || !strings.Contains(got, "останется") {
		t.Errorf("topic = %s, want the asker's «останется»", got)
	}
}

// TestSlavicActs: an open Ukrainian or Russian question about what was
// proposed or decided reads its verb as the act asked about.
func TestSlavicActs(t *testing.T) {
	for question, act := range map[string]string{
		"Що Мединський пропонував українській делегації?": "пропонував",
		"Что решили Вашингтон и Москва?":                  "решили",
		"Про що домовилися американці й росіяни?":         "домовилися",
	} {
		if !termIs(question, act, func(t qterm) bool { return t.act }) {
			t.Errorf("%q: %q is not read as the act asked about", question, act)
		}
	}
}

// TestSlavicTypeVerbs: "took place", "lasted" in a Ukrainian or Russian
// question are how it asks for its type, as in English, not what it is
// about: a sentence that has the word and not the event is no answer.
func TestSlavicTypeVerbs(t *testing.T) {
	for question, verb := range map[string]string{
		"When did the Alaska summit take place?": "take",
		"Якого числа відбувся саміт на Алясці?":  "відбувся",
		"Когда состоялась встреча в Анкоридже?":  "состоялась",
		"Скільки тривала зустріч у Женеві?":      "тривала",
		"Сколько длились переговоры в Абу-Даби?": "длились",
	} {
		if !termIs(question, verb, func(t qterm) bool { return t.form }) {
			t.Errorf("%q: %q is not read as how the question asks for its type", question, verb)
		}
	}
}

// TestValueInTheAskersLanguageFirst: of two reports that give the value
// asked for, the one in the asker's language leads the answer, though the
// other scores higher.
func TestValueInTheAskersLanguageFirst(t *testing.T) {
	mk := func(id int64, lang, body string) *sentence {
		h := &parley.Hit{Source: parley.Source{ArticleID: id, Language: lang, Outlet: lang}}
		return &sentence{hit: h, text: body, stems: stemsOf(body), typed: 1, focus: 0.6, ownFocus: 0.6, cover: 0.5}
	}
	q := analyse("До скількох військових план пропонував скоротити армію?")
	ru := mk(1, "ru", "Численность армии предлагается ограничить 600 тысячами военнослужащих.")
	ru.score = 1.2
	uk := mk(2, "uk", "План передбачає обмеження армії 600 тисячами військовослужбовців.")
	uk.score = 1.0
	if out := pick(&q, []*sentence{ru, uk}); len(out) == 0 || out[0] != uk {
		t.Errorf("the Ukrainian report's value should lead a Ukrainian question's answer, got %v", texts(out))
	}
}

// TestQuoteInTheAskersLanguageFirst: of a speaker's words in two
// languages, as little about what was asked, the asker's language's lead;
// a report in another language leads only when it is much more about it.
func TestQuoteInTheAskersLanguageFirst(t *testing.T) {
	q := analyse("Что сказал Песков о встрече Путина?")
	q.read = reading{text: q.text}
	_, q.askedNames = q.askedSpeaker()
	for i := range q.terms {
		if !q.terms[i].form { // as weigh gives them: "сказал" asks for the type and weighs nothing
			q.terms[i].weight = 1
		}
	}
	if q.want != typeQuote || len(q.askedNames) == 0 || q.lang != "ru" {
		t.Fatalf("the question reads as %v, of %d names, in %q: the test needs a Russian question for Peskov's words", q.want, len(q.askedNames), q.lang)
	}
	mk := func(id int64, lang, body, speaker string, score float64) *sentence {
		h := &parley.Hit{Source: parley.Source{ArticleID: id, Language: lang, Outlet: lang}}
		return &sentence{hit: h, text: body, stems: stemsOf(body), typed: 1, focus: 0.6, ownFocus: 0.6, cover: 0.5, score: score,
			said: parley.Attribution{Kind: parley.Direct, Speaker: speaker}}
	}
	en := mk(1, "en", `"There are no concrete plans," Peskov said.`, "Песков", 1.2)
	ru := mk(2, "ru", "«Конкретных планов нет», — сказал Песков.", "Дмитрий Песков", 1.0)
	if out := pick(&q, []*sentence{en, ru}); len(out) == 0 || out[0] != ru {
		t.Errorf("the Russian report's words should lead a Russian question's answer, got %v", texts(out))
	}
	about := mk(3, "en", `"Putin is ready for it," Peskov said.`, "Песков", 1.2)
	if out := pick(&q, []*sentence{about, ru}); len(out) == 0 || out[0] != about {
		t.Errorf("words much more about what was asked should lead, got %v", texts(out))
	}
}

// TestSlavicAskedSpeaker: a Ukrainian or Russian question names whose
// words it asks for after or before its verb of saying.
func TestSlavicAskedSpeaker(t *testing.T) {
	for question, want := range map[string]string{
		"Что сказал Рубио о санкциях?":               "Рубио",
		"Що Зеленський сказав про гарантії безпеки?": "Зеленський",
		"Що заявив Дмитро Кулеба після зустрічі?":    "Дмитро Кулеба",
		"Что обсуждали в Женеве?":                    "",
	} {
		if got := askedWho(question); got != want {
			t.Errorf("askedWho(%q) = %q, want %q", question, got, want)
		}
	}
	q := analyse("Что сказал Рубио о санкциях?")
	q.read = reading{text: q.text}
	if got := q.topicOf(nil); strings.Contains(got, "сказал") {
		t.Errorf("topic = %s, want no verb of saying", got)
	}
}

// TestRoleVerbIsTheQuestionsOwn: "who asked" is answered by a sentence
// that says someone asked, and a noun of the question whose synonym is a
// verb of a role ("plan", "proposal", "propose") is no role verb.
func TestRoleVerbIsTheQuestionsOwn(t *testing.T) {
	q := analyse("Who asked Putin about the 28-point plan at the meeting?")
	for _, term := range q.terms {
		if term.surface == "plan" && isRoleVerb(term) {
			t.Errorf("%q is read as a verb of a role", term.surface)
		}
	}
	named := "The 28-point plan was discussed by Kirill Dmitriev at the meeting."
	asked := "Valentina Matviyenko asked Putin about the 28-point plan at the meeting."
	if doesAsked(&q, &sentence{text: named, stems: stemsOf(named)}) {
		t.Errorf("a person named beside the plan is taken for the one who asked: %q", named)
	}
	if !doesAsked(&q, &sentence{text: asked, stems: stemsOf(asked)}) {
		t.Errorf("the one who asked is not: %q", asked)
	}
}

// termIs reports whether the question's word surface is read as is says.
func termIs(question, surface string, is func(qterm) bool) bool {
	for _, t := range analyse(question).terms {
		if t.surface == surface {
			return is(t)
		}
	}
	return false
}
