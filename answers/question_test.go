package answers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/dates"
	"github.com/parley-bot/parley/ingest"
)

func TestAnalyseAnswerType(t *testing.T) {
	tests := []struct {
		q    string
		want answerType
	}{
		{"how long did the Riyadh talks last?", typeDuration},
		{"How long was the Trump–Putin phone call on March 18?", typeDuration},
		{"how many prisoners were swapped", typeCount},
		{"How many dollars is the fund worth?", typeMoney},
		{"what percentage of the revenue goes to the fund", typePercent},
		{"when is the truce supposed to start", typeDate},
		{"what date was the third round", typeDate},
		{"by when was ukraine supposed to say yes", typeDate},
		{"where in istanbul did the talks take place?", typePlace},
		{"so where does the minerals deal stand now?", typeOpen},
		{"In which city did they sign the deal?", typePlace},
		{"why did the us stop sharing intelligence", typeReason},
		{"who led the Russian delegation?", typePerson},
		{"Which European leaders went to the White House?", typePerson},
		{"Who is Kirill Dmitriev?", typeIdentity},
		{"what were vance's exact words to zelensky", typeQuote},
		{"What did Peskov say about the memorandum?", typeQuote},
		{"Did Trump cancel the Budapest summit?", typeYesNo},
		{"is the energy pause still in effect?", typeYesNo},
		{"can someone list the countries that signed up", typeList},
		{"what did washington and moscow agree to?", typeOpen},
	}
	for _, tt := range tests {
		if got := analyse(tt.q).want; got != tt.want {
			t.Errorf("analyse(%q).want = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestAnalyseRecencyAndScope(t *testing.T) {
	newest := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		q      string
		latest bool
		scope  string // the scope as dates writes it, "" for none
	}{
		{"whats the latest on the prisoner swaps", true, ""},
		{"so where does the minerals deal stand now?", true, ""},
		{"what happened at the feb 18 riyadh meeting", false, "2026-02-18"},
		{"where did the July 23 talks take place?", false, "2025-07-23"},
		{"what was agreed on 23 november", false, "2025-11-23"},
		{"what did they agree in February 2025?", false, "2025-02"},
		{"what may happen next", false, ""},
		{"what happened last week", false, "week of 2026-02-09"},
		{"why did putin go to geneva for the february talks", false, "2026-02"},
		// A month without a year is matched whatever its year (scopeMatch).
		{"the prisoners freed after his march call", false, "2026-03"},
		{"the march on kyiv", false, ""},
		{"what happened last march?", false, "2025-03"},
	}
	for _, tt := range tests {
		q := analyse(tt.q)
		q.readScope(newest)
		scope := ""
		if q.scope != nil {
			scope = q.scope.String()
		}
		if q.latest != tt.latest || scope != tt.scope {
			t.Errorf("%q: latest %v, scope %q; want %v, %q", tt.q, q.latest, scope, tt.latest, tt.scope)
		}
	}
}

func TestDateWordsOfTheScopeAreNotTerms(t *testing.T) {
	q := analyse("who led the team at the riyadh meeting in february?")
	q.readScope(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	for _, term := range q.terms {
		if term.surface == "february" && !term.when {
			t.Errorf("“february” is matched as a word, not read as the scope")
		}
	}
}

func TestCountMatchCountsWhatWasAsked(t *testing.T) {
	q := analyse("how many prisoners were swapped?")
	tests := []struct {
		text string
		want float64
	}{
		{"The two sides swapped 314 prisoners of war on Monday.", 1},
		{"Russia and Ukraine exchanged prisoners, 175 for 175, the Kremlin said.", 0.9},
		{"Putin said they would swap prisoners on Wednesday, 175 for 175.", 0.9},
		{"The talks lasted 90 minutes.", 0.6},
		{"Trump set a deadline of 50 days to agree to a swap.", 0.6},
		{"The swap was agreed in 2025.", 0},
	}
	foreign := analyse("how many foreign soldiers will the force have?")
	for text, want := range map[string]float64{
		"Ukraine's own forces would number 800,000 troops.":         0.6,
		"The force would have 25,000 foreign troops on the ground.": 1,
	} {
		s := &sentence{text: text, stems: stemsOf(text)}
		if got := countMatch(&foreign, s); got != want {
			t.Errorf("countMatch(%q) for foreign soldiers = %v, want %v", text, got, want)
		}
	}
	hit := &parley.Hit{}
	troops := &sentence{hit: hit, text: "Ukraine's own forces would number 800,000 troops.", typed: 0.6, focus: 1, ownFocus: 1}
	if got := foreign.gap([]*sentence{troops}); !strings.HasSuffix(got, "don't say how many foreign soldiers.") {
		t.Errorf("gap = %q, want it to say what is not counted", got)
	}
	q2 := analyse("how many prisoners does the 28-point plan swap?")
	if got := countMatch(&q2, &sentence{text: "The 28-point plan lists prisoners among its terms."}); got != 0 {
		t.Errorf("a number the question names counts as its answer: %v", got)
	}
	for _, tt := range tests {
		s := &sentence{text: tt.text}
		if got := countMatch(&q, s); got != tt.want {
			t.Errorf("countMatch(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestSameValue(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"about four and a half hours", "4.5 hours", true},
		{"a two-and-a-half-hour call", "2.5 hours", true},
		{"nearly five hours", "about 4.5 hours", false},
		{"1,200 prisoners", "1200 prisoners", true},
		{"90 minutes", "90 hours", false},
		{"on Friday", "on friday", true},
	}
	for _, tt := range tests {
		if got := sameValue(tt.a, tt.b); got != tt.same {
			t.Errorf("sameValue(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestValueLineSaysWhenReportsDiffer(t *testing.T) {
	src := func(outlet string) *parley.Hit { return &parley.Hit{Source: parley.Source{Outlet: outlet}} }
	one := []value{{text: "nearly five hours", s: &sentence{hit: src("Kyiv Ledger")}, n: 1}, {text: "about 4.5 hours", s: &sentence{hit: src("TASS")}, n: 2}}
	if got, want := valueLine(one, parley.DefaultStateMedia()), "Reports differ: “nearly five hours” (Kyiv Ledger [1]), against “about 4.5 hours” (TASS (Russian state media) [2])."; got != want {
		t.Errorf("valueLine = %q, want %q", got, want)
	}
	agree := []value{{text: "four and a half hours", s: &sentence{hit: src("Kyiv Ledger")}, n: 1}, {text: "4.5 hours", s: &sentence{hit: src("Wire")}, n: 2}}
	if got, want := valueLine(agree, nil), "“four and a half hours” (Kyiv Ledger [1]; Wire [2])."; got != want {
		t.Errorf("valueLine = %q, want %q", got, want)
	}
}

func TestSpellNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"compared to the 600k cap":   "compared to the 600,000 cap",
		"a 1.5k-strong force":        "a 1,500-strong force",
		"a $2bn fund":                "a $2 billion fund",
		"Article 5 and 28 points":    "Article 5 and 28 points",
		"the k-pop band, 10 kg of x": "the k-pop band, 10 kg of x",
	} {
		if got := spellNumbers(in); got != want {
			t.Errorf("spellNumbers(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPremiseGap(t *testing.T) {
	mk := func(text, passage string) *sentence {
		hit := &parley.Hit{Passage: parley.Passage{Text: passage}}
		s := &sentence{hit: hit, text: text, stems: stemsOf(text), focus: 1}
		return s
	}
	tests := []struct {
		question string
		cands    []*sentence
		gap      bool
	}{
		{"why did putin decide to go to istanbul himself?", []*sentence{mk("Putin sent his aide Medinsky to lead the delegation.", "Putin sent his aide Medinsky to lead the delegation.")}, true},
		{"why did zelensky postpone his trip to riyadh?", []*sentence{mk("He put off the trip, saying he did not want coincidences.", "He put off the trip to Riyadh, saying he did not want coincidences.")}, false},
		{"why won't macron say which countries signed up?", []*sentence{mk("Macron would not say which countries had signed up, arguing it would help Moscow.", "Macron would not say which countries had signed up.")}, false},
		{"why did ukraine turn down the ceasefire?", []*sentence{mk("Ukraine said it was ready to accept the ceasefire.", "Ukraine said it was ready to accept the ceasefire.")}, true},
	}
	for _, tt := range tests {
		q := analyse(tt.question)
		q.read = reading{text: tt.question}
		weigh(q.terms, tt.cands)
		if got := q.premiseGap(tt.cands); (got != "") != tt.gap {
			t.Errorf("premiseGap(%q) = %q, want a gap: %v", tt.question, got, tt.gap)
		}
	}
}

func TestPremiseNeedsItsNamesTogether(t *testing.T) {
	mk := func(text string) *sentence {
		s := &sentence{hit: &parley.Hit{Passage: parley.Passage{Text: text}}, text: text, stems: stemsOf(text), focus: 1}
		return s
	}
	question := "Why did Putin go to Geneva in person?"
	apart := []*sentence{mk("Trump said he had personally asked Putin to hold fire on Kyiv."), mk("The talks in Geneva ended on Wednesday.")}
	together := []*sentence{mk("Putin will go to Geneva in person because he wants to sign the deal himself.")}
	for _, tt := range []struct {
		cands []*sentence
		gap   bool
	}{{apart, true}, {together, false}} {
		q := analyse(question)
		q.read = reading{text: question}
		markNames(q.terms, tt.cands)
		weigh(q.terms, tt.cands)
		if got := q.premiseGap(tt.cands); (got != "") != tt.gap {
			t.Errorf("premiseGap of %q = %q, want a gap: %v", tt.cands[0].text, got, tt.gap)
		}
	}
}

func TestMainActOfAWhyQuestion(t *testing.T) {
	for q, want := range map[string]string{
		"why did Trump agree to send Tomahawks to Ukraine?":        "agree send",
		"Why did Russia say it would revise its position?":         "revise",
		"why did Trump ask Putin to stop hitting Kyiv for a week?": "ask",
		"what did Trump agree to?":                                 "",
	} {
		a := analyse(q)
		markNames(a.terms, nil)
		var got []string
		for _, t := range a.mainAct() {
			got = append(got, t.surface)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("mainAct(%q) = %q, want %q", q, g, want)
		}
	}
	mk := func(text string) *sentence {
		s := &sentence{text: text, stems: stemsOf(text)}
		return s
	}
	q := analyse("why did Trump agree to send Tomahawks?")
	for text, want := range map[string]bool{
		"Trump agreed to send Tomahawks after the meeting.":     true,
		"A call that ended with the two agreeing to meet.":      false,
		"He mused that he might send them Tomahawks one day.":   false,
		"Trump accepted that the U.S. would send the missiles.": true,
	} {
		if got := hasMainAct(q.mainAct(), mk(text)); got != want {
			t.Errorf("hasMainAct(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestValueOfAnotherTimeIsNoAnswer(t *testing.T) {
	q := analyse("how many people were killed in the feb 3 strikes?")
	q.readScope(time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC))
	s := &sentence{hit: &parley.Hit{}, text: "Officials said three people were killed in the strikes.", typed: 1, focus: 1, ownFocus: 1}
	s.inScope = -0.5 // from a March article
	if q.gap([]*sentence{s}) == "" {
		t.Errorf("a count from another time answers a question about Feb 3")
	}
	s.inScope = 1
	if got := q.gap([]*sentence{s}); got != "" {
		t.Errorf("a count from the day asked about is said to be missing: %q", got)
	}
}

func TestAccountAsked(t *testing.T) {
	for q, want := range map[string]string{
		"What did they sign up to on the Black Sea, according to the White House?": "White House",
		"what happened in Riyadh in the Kremlin's account":                         "Kremlin",
		"what did they agree to in Riyadh?":                                        "",
	} {
		a := analyse(q)
		var got []string
		for _, t := range a.account {
			got = append(got, t.surface)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("account of %q = %q, want %q", q, g, want)
		}
	}
}

func TestClauseGap(t *testing.T) {
	q := analyse("what did zelensky say after he signed the minerals deal in the oval office?")
	q.read = reading{text: q.text}
	hit := &parley.Hit{}
	denied := &sentence{hit: hit, focus: 1, text: "The signing of the minerals deal was scrapped after the Oval Office row."}
	if q.clauseGap([]*sentence{denied}) == "" {
		t.Errorf("the event of the clause is denied, and no gap is said")
	}
	said := &sentence{hit: hit, focus: 1, text: "Zelensky signed the minerals deal and said it was a first step."}
	if got := q.clauseGap([]*sentence{said}); got != "" {
		t.Errorf("the event happened, and a gap is said: %q", got)
	}
}

func TestContradictsThePremise(t *testing.T) {
	tests := []struct {
		question, text string
		want           bool
	}{
		{"why did ukraine turn down the ceasefire?", "Ukraine said it was ready to accept a U.S. proposal for a 30-day ceasefire.", true},
		{"why did putin decide to go to istanbul himself?", "Putin chose not to go to Istanbul and sent Medinsky instead.", true},
		{"why did trump agree to send tomahawks?", "Zelensky left Washington without the Tomahawks.", true},
		{"why did the us stop sharing intelligence?", "The U.S. stopped sharing intelligence to press Kyiv into talks.", false},
		{"why did russia reject the plan?", "Russia rejected the plan because it left troops in place.", false},
	}
	for _, tt := range tests {
		q := analyse(tt.question)
		q.read = reading{text: tt.question}
		if got := contradicts(q.read.text, tt.text); got != tt.want {
			t.Errorf("contradicts(%q, %q) = %v, want %v", tt.question, tt.text, got, tt.want)
		}
	}
}

func TestNumberGapReadsWholeNumbers(t *testing.T) {
	q := analyse("what does point 9 of the 20 point plan say?")
	hit := &parley.Hit{Passage: parley.Passage{Text: "Zelensky said the 20-point plan is 90% agreed."}}
	cands := []*sentence{{hit: hit, text: hit.Text}}
	if got, want := q.numberGap(cands), "The articles I have don't mention “point 9”."; got != want {
		t.Errorf("numberGap = %q, want %q", got, want)
	}
	q = analyse("how many kids were on the list? some say 339, some say more")
	hit = &parley.Hit{Passage: parley.Passage{Text: "The list held 500 names."}}
	if got := q.numberGap([]*sentence{{hit: hit, text: hit.Text}}); got != "" {
		t.Errorf("a number the asker reports having seen is required: %q", got)
	}
}

func TestWhoAnswersTheRoleAsked(t *testing.T) {
	q := analyse("Who was in charge of the Russian delegation?")
	led := &sentence{text: "Russia's delegation is made up of officials led by Admiral Igor Kostyukov."}
	led.stems = stemsOf(led.text)
	named := &sentence{text: "Kremlin aide Yuri Ushakov said the delegation would meet on Friday."}
	named.stems = stemsOf(named.text)
	if a, b := typeMatch(&q, led), typeMatch(&q, named); a != 1 || b >= a {
		t.Errorf("typeMatch: the one who led %v, one merely named %v", a, b)
	}
}

func TestQuoteAskedByRole(t *testing.T) {
	q := analyse("what did the cia director say about the pause?")
	q.read = reading{text: q.text}
	q.askedRole = q.roleAsked()
	director := &sentence{text: "He added that Washington would “work shoulder to shoulder with Ukraine”.",
		said: parley.Attribution{Kind: parley.Reported, Speaker: "John Ratcliffe", SpeakerRole: "CIA Director"}}
	other := &sentence{text: "He said the pause was “temporary”.",
		said: parley.Attribution{Kind: parley.Reported, Speaker: "Mike Waltz", SpeakerRole: "National Security Adviser"}}
	if a, b := typeMatch(&q, director), typeMatch(&q, other); a < 0.9 || b >= a {
		t.Errorf("typeMatch: the director's words %v, another's %v", a, b)
	}
}

func TestValueOnlyFromASentenceAboutTheQuestion(t *testing.T) {
	q := analyse("how long did the riyadh talks last?")
	s := &sentence{text: "The talks lasted about four and a half hours.", typed: 1, focus: 0.8, ownFocus: 0.6}
	if got := valueOf(&q, s); got != "lasted about four and a half hours" {
		t.Errorf("valueOf = %q", got)
	}
	// The passage is about the talks, the sentence about something else.
	s = &sentence{text: "Aid deliveries resumed three hours later.", typed: 1, focus: 0.6, ownFocus: 0}
	if got := valueOf(&q, s); got != "" {
		t.Errorf("a value from a sentence about something else: %q", got)
	}
}

func TestValueIsOfTheThingMeasured(t *testing.T) {
	q := analyse("how long was the trump putin press conference in anchorage?")
	talks := &sentence{text: "Trump met Putin for nearly three hours in Anchorage.", typed: 1, focus: 0.9, ownFocus: 0.9}
	talks.stems = stemsOf(talks.text)
	press := &sentence{text: "The press conference in Anchorage lasted a little over 12 minutes.", typed: 1, focus: 0.9, ownFocus: 0.9}
	press.stems = stemsOf(press.text)
	markNames(q.terms, []*sentence{talks, press})
	weigh(q.terms, []*sentence{talks, press})
	if got := valueOf(&q, talks); got != "" {
		t.Errorf("the length of the talks is stated as the press conference's: %q", got)
	}
	if got := valueOf(&q, press); got != "lasted a little over 12 minutes" {
		t.Errorf("valueOf = %q", got)
	}
}

// rankedHits is a Searcher that returns its hits, best first, up to k.
type rankedHits []parley.Hit

func (r rankedHits) Search(_ context.Context, _ parley.Query, k int) ([]parley.Hit, error) {
	return r[:min(k, len(r))], nil
}

func TestRetrieveKeepsOtherArticles(t *testing.T) {
	var hits rankedHits
	for i := range 2 * searchK {
		article := int64(1) // one long report first…
		if i >= 2*searchK-3 {
			article = int64(i) // …then three other articles' passages
		}
		hits = append(hits, parley.Hit{Passage: parley.Passage{ID: int64(i), ArticleID: article}, Score: float64(100 - i)})
	}
	q := analyse("what day was the oval office row")
	got, err := retrieve(context.Background(), hits, &q, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != searchK {
		t.Fatalf("%d passages, want %d", len(got), searchK)
	}
	per := map[int64]int{}
	for i, h := range got {
		per[h.ArticleID]++
		if i > 0 && h.Score > got[i-1].Score {
			t.Errorf("passages out of rank order at %d", i)
		}
	}
	if len(per) != 4 {
		t.Errorf("passages of %d articles, want the long report and the three others: %v", len(per), per)
	}
	// With fewer articles than places, the long report fills the rest.
	if per[1] != searchK-3 {
		t.Errorf("%d passages of the long report, want %d", per[1], searchK-3)
	}
}

func TestEventScope(t *testing.T) {
	q := analyse("how many prisoners got swapped after the second abu dhabi round?")
	if q.event == nil || !q.event.after {
		t.Fatalf("no event read after which the question asks: %+v", q.event)
	}
	var words []string
	for _, i := range q.event.terms {
		words = append(words, q.terms[i].surface)
	}
	if got := strings.Join(words, " "); got != "second abu dhabi round" {
		t.Errorf("event named by %q, want %q", got, "second abu dhabi round")
	}
	if b := analyse("how long was the call before the mar a lago meeting?"); b.event == nil || b.event.after {
		t.Errorf("no event read before which the question asks: %+v", b.event)
	}
	if n := analyse("how many prisoners were swapped in February?"); n.event != nil {
		t.Errorf("an event read where the question names none: %+v", n.event)
	}

	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	mk := func(date, text string) *sentence {
		return &sentence{hit: &parley.Hit{Source: parley.Source{Published: day(date)}}, text: text, stems: stemsOf(text)}
	}
	preview := mk("2026-01-20", "The first round in Abu Dhabi ended; a second round is planned.")
	report := mk("2026-02-06", "The second Abu Dhabi round ended with a deal to swap 314 prisoners.")
	later := mk("2026-02-10", "After the second Abu Dhabi round, 157 prisoners came home.")
	earlier := mk("2026-01-05", "Russia and Ukraine swapped 200 prisoners.")
	q.dateEvent([]*sentence{later, preview, report, earlier})
	if !q.eventDate.Equal(day("2026-02-06")) {
		t.Fatalf("event dated %v, want its first report's day, 2026-02-06", q.eventDate)
	}
	for s, want := range map[*sentence]float64{report: 1, later: 1, earlier: -1} {
		if got := q.eventSide(s); got != want {
			t.Errorf("eventSide(%q) = %v, want %v", s.text, got, want)
		}
	}
}

func TestAskedSpeaker(t *testing.T) {
	for q, want := range map[string]string{
		"What did Peskov say about the talks?":                                   "Peskov",
		"what were vance's exact words to zelensky":                              "vance",
		"whats the exact thing zelensky said at the white house about tomahawks": "zelensky",
		"bessent's line when they sanctioned the oil companies":                  "",
		"what did the cia director say about the pause?":                         "",
		"the words Lavrov used about the residence attack? exact quote pls":      "Lavrov",
	} {
		a := analyse(q)
		a.read = reading{text: q}
		who, _ := a.askedSpeaker()
		if who != want {
			t.Errorf("askedSpeaker(%q) = %q, want %q", q, who, want)
		}
	}
}

func TestSurnameAnswersWho(t *testing.T) {
	q := analyse("who took the envoys out to lunch in Moscow?")
	named := &sentence{text: "Across the table sat Kirill Dmitriev, who runs the wealth fund."}
	lunch := &sentence{text: "Before the talks, Dmitriev took the two envoys to lunch in Moscow.", stems: stemsOf("Before the talks, Dmitriev took the two envoys to lunch in Moscow.")}
	q.surnames = surnamesOf([]*sentence{named, lunch})
	if got := typeMatch(&q, lunch); got != 1 {
		t.Errorf("a surname of a person named in full elsewhere, doing what was asked: typeMatch = %v, want 1", got)
	}
	q.surnames = surnamesOf([]*sentence{lunch})
	if got := typeMatch(&q, lunch); got != 0 {
		t.Errorf("a capitalised word no sentence names as a person: typeMatch = %v, want 0", got)
	}
}

func TestPlaceAnswersAsPreciselyAsAsked(t *testing.T) {
	venue := &sentence{text: "The talks were held at Ciragan Palace on the Bosphorus."}
	city := &sentence{text: "The deal was signed in Washington on Wednesday."}
	where := analyse("where were the talks held?")
	if v, c := typeMatch(&where, venue), typeMatch(&where, city); v <= c {
		t.Errorf("where: a venue (%v) is no better an answer than a city (%v)", v, c)
	}
	which := analyse("in which city was the deal signed?")
	if v, c := typeMatch(&which, venue), typeMatch(&which, city); c <= v {
		t.Errorf("which city: a city (%v) is no better an answer than a venue (%v)", c, v)
	}
}

func TestTheSentenceAfterTheTopicSentenceSharesItsFocus(t *testing.T) {
	rank := ranks("when is putin's easter truce supposed to start and finish", "Live",
		"Putin has declared what he calls an Easter truce. Meeting his army chief, he said forces would halt all military action from 18:00 Moscow time today until midnight on Sunday. "+
			"Kyiv has not yet responded. Recap: the separate truce on strikes against energy sites, which began on March 18, has run out.")
	if rank["Meeting his "] > rank["Recap: the s"] {
		t.Errorf("the truce's hours, after the sentence that names the truce, rank below another truce's date: %v", rank)
	}
}

// ranks is where each sentence of a one-passage article ranks among the
// candidates for question, by its first 12 bytes.
func ranks(question, title, body string) map[string]int {
	ps := []parley.Passage{{ID: 1, ArticleID: 1, Text: body, End: len(body)}}
	parley.AssignSentences(ps, ingest.Sentences(title, body))
	pub := time.Date(2025, 4, 19, 0, 0, 0, 0, time.UTC)
	hits := []parley.Hit{{Passage: ps[0], Source: parley.Source{ArticleID: 1, Title: title, Published: pub}, Score: 1}}
	q := analyse(question)
	q.read = reading{text: q.text}
	q.readScope(pub)
	rank := map[string]int{}
	for i, s := range candidates(&q, hits) {
		rank[s.text[:12]] = i
	}
	return rank
}

func TestOpenQuestionAnsweredByTheAct(t *testing.T) {
	rank := ranks("what did washington and moscow agree to at the riyadh meeting?", "Riyadh talks",
		"Two people familiar with his thinking said Kyiv did not want to lend the Riyadh meeting between Washington and Moscow any legitimacy. "+
			"Senior officials came out of the meeting in Riyadh promising to restore staffing at their embassies.")
	if rank["Senior offic"] > rank["Two people f"] {
		t.Errorf("what was promised ranks below a sentence with no act: %v", rank)
	}
}

func TestDateOfTheBoundAsked(t *testing.T) {
	end := analyse("when did the energy truce end?")
	start := analyse("when is the truce supposed to start?")
	both := analyse("when is the truce supposed to start and finish")
	if end.boundAsked() != endBound || start.boundAsked() != startBound || both.boundAsked() != noBound {
		t.Fatalf("bounds asked: end %d, start %d, both %d", end.boundAsked(), start.boundAsked(), both.boundAsked())
	}
	text := "The moratorium, which began on March 18, was to last until April 17."
	began, until := strings.Index(text, "March 18"), strings.Index(text, "April 17")
	for _, tt := range []struct {
		asked int
		at    int
		other bool
	}{
		{endBound, began, true}, {endBound, until, false},
		{startBound, began, false}, {startBound, until, true},
		{noBound, began, false},
	} {
		if got := otherBound(tt.asked, text[:tt.at]); got != tt.other {
			t.Errorf("otherBound(%d, %q) = %v, want %v", tt.asked, text[:tt.at], got, tt.other)
		}
	}
}

func TestFiguresTheAskerHasSeenComeFirst(t *testing.T) {
	q := analyse("ive seen different numbers for how many countries are in the coalition, is it 35 or 36?")
	mk := func(outlet, text string) *sentence {
		s := &sentence{hit: &parley.Hit{Source: parley.Source{Outlet: outlet}}, text: text, stems: stemsOf(text), focus: 1, ownFocus: 1}
		s.typed = countMatch(&q, s)
		return s
	}
	pledged := mk("Wire A", "Twenty-six countries of the coalition have committed troops.")
	members := mk("Wire B", "Leaders from the 35 countries in the coalition met in Paris.")
	weigh(q.terms, []*sentence{pledged, members})
	vs := statedValues(&q, []*sentence{pledged, members}, func(*sentence) int { return 1 })
	if len(vs) == 0 || vs[0].text != "35 countries" {
		t.Errorf("values %+v: want the figure the asker has seen, “35 countries”, first", vs)
	}

	kids := analyse("how many kids were on the list Ukraine gave Russia? some say 339")
	names := &sentence{hit: &parley.Hit{}, text: "Medinsky held up the list of children and said it contained 339 names.", focus: 1, ownFocus: 1, typed: 1}
	names.stems = stemsOf(names.text)
	weigh(kids.terms, []*sentence{names})
	if got := valueOf(&kids, names); got != "339 names" {
		t.Errorf("valueOf = %q, want the figure the asker has seen, “339 names”", got)
	}
}

func TestHowLongDidItGoOn(t *testing.T) {
	q := analyse("how long did the riyadh talks go on")
	for _, term := range q.terms {
		if term.surface == "go" && !term.form {
			t.Errorf("“go” of “go on” is matched as a word, not read as asking how long")
		}
	}
	c := analyse("when would the troops go in?")
	for _, term := range c.terms {
		if term.surface == "go" && term.form {
			t.Errorf("“go” of “go in” is read as asking how long")
		}
	}
}

func TestFutureDateIsAfterTheReport(t *testing.T) {
	q := analyse("when will the next round of talks be held?")
	pub := time.Date(2026, 2, 18, 0, 0, 0, 0, time.UTC)
	mk := func(text string) *sentence {
		s := &sentence{hit: &parley.Hit{Source: parley.Source{Published: pub}}, text: text, stems: stemsOf(text), typed: 1, focus: 1, ownFocus: 1}
		s.mentions = dates.Find(text, pub)
		return s
	}
	weigh(q.terms, nil)
	if v := valueOf(&q, mk("Between rounds of talks, on Feb. 3 Russia fired 450 drones.")); v != "" {
		t.Errorf("a date the report tells of answers when the next round will be: %q", v)
	}
	if v := valueOf(&q, mk("The next round of talks will be held on March 4 in Geneva.")); v != "March 4" {
		t.Errorf("valueOf = %q, want the date after the report, “March 4”", v)
	}
}

func TestDateOfItsOwnClause(t *testing.T) {
	q := analyse("When did Witkoff meet Putin in Moscow?")
	text := "Ushakov said the working group would meet in Abu Dhabi on Friday, January 23, after Putin received Witkoff at the Kremlin."
	at := strings.Index(text, "January 23")
	if namesInClause(&q, text, at, at+len("January 23")) {
		t.Errorf("the date of the Abu Dhabi meeting is read as the date of Putin's meeting with Witkoff")
	}
	own := "Putin received Witkoff in Moscow on January 22, and the talks ran past midnight."
	at = strings.Index(own, "January 22")
	if !namesInClause(&q, own, at, at+len("January 22")) {
		t.Errorf("the date in the clause that names Putin and Witkoff is not read as theirs")
	}
	none := analyse("when did the talks begin?")
	if !namesInClause(&none, text, 0, 5) {
		t.Errorf("a question with no names holds every clause to none")
	}
}

func TestCapitalMonthsReadsEachMatchInPlace(t *testing.T) {
	for in, want := range map[string]string{
		"the march on kyiv, then the march talks":   "the march on kyiv, then the March talks",
		"what did they agree at the feb 18 meeting": "what did they agree at the Feb 18 meeting",
		"it may rain in may":                        "it may rain in May",
	} {
		if got := capitalMonths(in); got != want {
			t.Errorf("capitalMonths(%q) = %q, want %q", in, got, want)
		}
	}
}
