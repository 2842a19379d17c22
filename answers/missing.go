package answers

// What the articles don't say: the checks that decide an abstention and
// say what is missing (whatIsMissing), each given the candidates the
// question's analysis scored: a value of the type asked for about its focus
// (gap), its time (outOfScope), the speaker asked for on what was asked
// (speakerGap), a number it names (numberGap), and the premise of a "why"
// (premiseGap, clauseGap).

import (
	"regexp"
	"slices"
	"strings"

	"github.com/parley-bot/parley/prose"
)

// typedGap is what an abstention says the articles don't say, by type.
var typedGap = map[answerType]string{
	typeDuration: "how long",
	typeCount:    "how many",
	typeMoney:    "how much money",
	typePercent:  "what share",
	typeDate:     "when",
	typePlace:    "where",
	typePerson:   "who",
	typeList:     "which they are",
}

// Thresholds of gap: the best sentences about the question's focus, and how
// well one must hold a value of the wanted type.
const (
	gapTyped = 0.6
	gapFocus = 0.35
	// countFocus is the share of the focus a count's own sentence must
	// have.
	countFocus = 0.3
	gapLook    = 8
)

// gap says what the articles don't say when they cover a question's focus
// but no sentence about it holds a value of the type asked for ("The
// articles I have mention the Riyadh talks but don't say how long it
// lasted."), or "" when one does, or the type is not one a sentence can
// plainly hold.
func (q *analysis) gap(cands []*sentence) string {
	what, ok := typedGap[q.want]
	if !ok {
		return ""
	}
	need := gapTyped
	if q.want == typeCount {
		// A number counting something the question does not name is no
		// count of what it asks about.
		need = 0.9
	}
	for _, s := range cands[:min(gapLook, len(cands))] {
		// A count must be of the thing asked about in its own sentence:
		// "100 times" in a sentence about another truce is no count of
		// this one's breaches.
		// A value from another time than the one asked about is none
		// either: "three people were killed" in March answers nothing about
		// the strikes of Feb 3.
		if s.typed >= need && s.focus >= gapFocus && (q.want != typeCount || s.ownFocus >= countFocus) && s.inScope >= 0 {
			return ""
		}
	}
	if (q.want == typeCount || q.want == typeMoney) && len(q.counted) > 0 {
		// "how many foreign soldiers", not just "how many".
		var words []string
		for _, i := range q.counted {
			words = append(words, q.terms[i].surface)
		}
		what += " " + strings.Join(words, " ")
	}
	return "The articles I have mention " + q.topic() + " but don't say " + what + "."
}

// missing says what the articles lack when too little of a question is in
// them: the value of the type asked for, when they cover its topic; else
// the words of it no article has; else "" (the plain "don't answer that").
func (q *analysis) missing(cands []*sentence) string {
	if len(cands) > 0 && cands[0].focus >= 0.3 {
		if g := q.gap(cands); g != "" {
			return g
		}
	}
	if len(q.read.unknown) > 0 {
		return "The articles I have don't mention " + quoteAll(q.read.unknown) + "."
	}
	return ""
}

func quoteAll(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "“" + w + "”"
	}
	return joinAnd(q)
}

// whatIsMissing reports whether the articles fail to answer the question,
// and why in words when the first of its checks that fails can say it
// ("" for the plain "don't answer that"). Each check runs once.
func (q *analysis) whatIsMissing(cands []*sentence) (why string, missing bool) {
	if len(cands) == 0 || cands[0].evidence < minCoverage && !q.typedAnswer(cands) {
		return q.missing(cands), true
	}
	for _, check := range []func([]*sentence) string{q.outOfScope, q.premiseGap, q.numberGap, q.speakerGap, q.gap} {
		if why := check(cands); why != "" {
			return why, true
		}
	}
	return "", false
}

// outOfScope says so when a question names a time and none of the best
// sentences is from it ("did they meet in September 2025?" of a library
// whose reports of a meeting are all from August), or "".
func (q *analysis) outOfScope(cands []*sentence) string {
	if q.scope == nil {
		return ""
	}
	for _, s := range cands[:min(gapLook, len(cands))] {
		if s.inScope > 0 {
			return ""
		}
	}
	return "The articles I have don't report that for " + strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(q.scope.Text, "in "), "on ")) + "."
}

// speakerGap says so when a question asks for a named person's words and
// none of the best sentences is credited to that person, as speaker or as
// the one paraphrased ("The articles I have don't quote Viktor Orban on
// that."), or "".
func (q *analysis) speakerGap(cands []*sentence) string {
	who, names := q.askedSpeaker()
	if len(names) == 0 {
		return ""
	}
	// "What did Witkoff and Dmitriev say to each other": one of them
	// quoted, the other named in the same sentence.
	both := len(names) > 1 && strings.Contains(strings.ToLower(who), " and ")
	quoted := ""
	for _, s := range cands[:min(gapLook, len(cands))] {
		if !saidBy(s.said, names) || both && !namesAll(s.text+" "+s.said.Speaker, names) {
			continue
		}
		if onTopic(q, s) {
			return ""
		}
		if quoted == "" {
			quoted = who
			if !both {
				quoted = s.said.Speaker // as the articles write the name
			}
		}
	}
	if quoted != "" {
		// Orban's words about the Budapest summit are no answer to what he
		// said about the Alaska one.
		return "The articles I have quote " + quoted + ", but not on " + q.topicOf(names) + "."
	}
	return "The articles I have don't quote " + who + " on that."
}

// quoteVerbs ask for someone's words, by stem: "how did Medinsky describe
// the talks" asks about the talks.
var quoteVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("say said tell told describe described call called react reacted respond responded comment write wrote post posted put word words quote exact") {
		m[prose.Stem(w)] = true
	}
	for _, t := range prose.Terms(strings.ReplaceAll(slavicSayVerbs, "|", " ") + " слова словами цитата") {
		m[t] = true
	}
	return m
}()

// topicFloor is the share of what a quote question asks about, besides
// whose words, that the words or the sentences beside them must have.
const topicFloor = 0.5

// onTopic reports whether a speaker's sentence, the sentences beside it,
// its passage or its article's title are about what the question asks them
// about: its words other than the speaker's names and the asking
// ("describe", "exact words"), by weight.
func onTopic(q *analysis, s *sentence) bool {
	asked := func(t qterm) bool {
		return slices.ContainsFunc(q.askedNames, func(n qterm) bool { return n.stem == t.stem })
	}
	around := aroundOf(s, s.hit.Source.Title+"\n"+s.hit.Text)
	share := termShare(q.terms, func(t qterm) bool { return !asked(t) && !t.when && !isRoleVerb(t) && !quoteVerbs[t.stem] }, around, 1)
	return share >= topicFloor
}

// topicOf names what a question asks about besides the people names: its
// other words as the question writes them ("the alaska summit" → "alaska
// summit").
func (q *analysis) topicOf(names []qterm) string {
	var words []string
	for _, t := range q.terms {
		if t.when || isRoleVerb(t) || quoteVerbs[t.stem] || slices.ContainsFunc(names, func(n qterm) bool { return n.stem == t.stem }) {
			continue
		}
		words = append(words, t.surface)
	}
	if len(words) == 0 {
		return "that"
	}
	return "“" + strings.Join(words, " ") + "”"
}

// numberGap says so when a number the question names as part of what it
// asks about ("point 14", "the 1000-for-1000 swap") is in none of the best
// sentences or their passages, or "". Numbers of its time scope and counts
// it asks for are not such names.
func (q *analysis) numberGap(cands []*sentence) string {
	for i, t := range q.terms {
		if t.when || t.hint || !isDigits(t.surface) {
			continue
		}
		found := false
		for _, s := range cands[:min(gapLook, len(cands))] {
			if hasStem(s.hit.Text, t) { // as a whole number: "1,000" is 1000, "90%" is not 9
				found = true
				break
			}
		}
		if !found {
			name := t.surface
			if i > 0 && q.terms[i-1].start+len(q.terms[i-1].surface)+1 == t.start {
				name = q.terms[i-1].surface + " " + name
			}
			return "The articles I have don't mention “" + name + "”."
		}
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// premiseGap says so when a question asks why something happened and the
// best sentences say it did not: the question's act or its object under a
// negation ("chose not to come", "left without the Tomahawks"), or its act's
// opposite ("ready to accept" for "why did Ukraine turn down…"). The
// articles then don't give a reason for it, and an answer quoting them as
// the reason would mislead.
func (q *analysis) premiseGap(cands []*sentence) string {
	// Only "why" is read this way: "did they sign?" is answered by "they
	// did not", and in other questions a negation near the question's words
	// is too often part of the answer ("met for less than an hour, with no
	// ceasefire").
	if q.want == typeQuote && len(cands) > 0 {
		return q.clauseGap(cands)
	}
	if q.want != typeReason || len(cands) == 0 {
		return ""
	}
	// "Why won't Macron say…" asks about a refusal: a sentence saying he
	// would not is its premise, not its denial.
	negated := reNegatedQuestion.MatchString(q.read.text)
	acted, act := false, q.mainAct()
	for i, s := range cands[:min(actLook, len(cands))] {
		if s.focus < gapFocus {
			continue
		}
		if i < premiseLook && !negated && contradicts(q.read.text, s.text) {
			return "The articles I have don't report that as the question puts it; the nearest ones say otherwise:"
		}
		acted = acted || actCover(q, s) >= actFloor && namesAround(q, s) && hasMainAct(act, s)
	}
	if !acted {
		// None of the best says the thing was done at all ("why did Putin
		// go to Istanbul himself?" of reports that he sent an aide).
		return "The articles I have don't say that happened, or why."
	}
	return ""
}

var reNegatedQuestion = regexp.MustCompile(`(?i)\b(not|never|no longer|wont|won't|won’t|didn't|didn’t|didnt|doesn't|doesn’t|doesnt|don't|don’t|dont|isn't|isn’t|isnt|can't|can’t|cant|refused?|refuses)\b`)

// actFloor is the share of what a "why" question says was done that one of
// the best sentences, with its passage, must have.
const actFloor = 0.4

// actCover is the weighted share of the question's terms other than names
// and times that a sentence or the passage around it has: what the
// question says was done ("decide to go … himself"), as against whom and
// when.
func actCover(q *analysis, s *sentence) float64 {
	passage := stemsOf(rePhrasalActs.Replace(s.hit.Text))
	return termShare(q.terms, func(t qterm) bool { return !t.entity && !t.when && !t.form }, func(t qterm) float64 {
		if matchWeight(t, s.stems) > 0 || matchWeight(t, passage) > 0 {
			return 1
		}
		return 0
	}, 1)
}

// namesAround reports whether the passage of a sentence, or the sentences
// beside it, name most of whom and what the question names (not its times),
// by weight: "why did Putin go to Geneva" happened only where Putin and
// Geneva are together, not where one report has Putin and another Geneva.
func namesAround(q *analysis, s *sentence) bool {
	share := termShare(q.terms, func(t qterm) bool { return t.entity && !t.when }, aroundOf(s, s.hit.Text), 1)
	return share >= namesFloor
}

// aroundOf returns whether a term is in a sentence, the sentences beside it
// or context (its passage, say), as termShare counts it: 1 or 0.
func aroundOf(s *sentence, context string) func(qterm) float64 {
	stems := stemsOf(context)
	return func(t qterm) float64 {
		if matchWeight(t, stems) > 0 {
			return 1
		}
		for _, n := range []*sentence{s, s.prev, s.next} {
			if n != nil && matchWeight(t, n.stems) > 0 {
				return 1
			}
		}
		return 0
	}
}

// reWhyAux finds where the act of a "why did X do Y" question begins: after
// "why" and its auxiliary (then comes the subject).
var reWhyAux = regexp.MustCompile(`(?i)^\s*why\s+(?:did|does|do|was|were|would|has|had|is|are|will)\b`)

// reportingVerbs say that something was said, not what was done: in "why
// did Russia say it would revise its position" the act is revising.
var reportingVerbs = map[string]bool{"say": true, "said": true, "tell": true, "told": true, "claim": true, "announce": true, "insist": true}

// mainAct is the act a "why did X do Y" question takes for granted: the
// first word after its subject that is no name, time or reporting verb
// ("agree" in "why did Trump agree to send Tomahawks"), with the act it
// governs if one follows it with "to" ("send"); none for other questions.
func (q *analysis) mainAct() []qterm {
	m := reWhyAux.FindStringIndex(q.text)
	if m == nil {
		return nil
	}
	subject := false
	for i, t := range q.terms {
		if t.start < m[1] {
			continue
		}
		if t.entity || t.when {
			subject = true
			continue
		}
		if !subject || t.form || reportingVerbs[strings.ToLower(t.surface)] {
			continue
		}
		act := []qterm{t}
		if i+1 < len(q.terms) {
			next := q.terms[i+1]
			if gap := q.text[t.start+len(t.surface) : next.start]; strings.EqualFold(strings.TrimSpace(gap), "to") && !next.entity {
				act = append(act, next)
			}
		}
		return act
	}
	return nil
}

// hasMainAct reports whether a sentence has act, the act a "why" question
// takes for granted, in its words or others that say the same: "why did
// Trump agree to send Tomahawks" happened only where he agreed to send them,
// not where he mused that he might, or agreed to meet. With no act (the
// question is no "why did X do Y"), any sentence has it.
func hasMainAct(act []qterm, s *sentence) bool {
	var phrasal map[string]int
	for _, t := range act {
		if matchWeight(t, s.stems) > 0 {
			continue
		}
		if phrasal == nil {
			phrasal = stemsOf(rePhrasalActs.Replace(s.text))
		}
		if matchWeight(t, phrasal) == 0 {
			return false
		}
	}
	return true
}

// namesFloor is the share of a question's names namesAround wants.
const namesFloor = 0.5

// reEventClause finds the event a quote question places the words after
// ("what did Zelensky say after he signed the deal?").
var reEventClause = regexp.MustCompile(`(?i)\b(?:after|when|once)\s+(?:he|she|they|it|\p{L}+)\s+([^?]{3,})`)

// clauseFocus is how much of the question's focus a sentence denying the
// event of its clause must have.
const clauseFocus = 0.5

// clauseGap says so when a quote question places the words after an event
// that the best sentences deny ("after he signed the deal" of reports that
// the signing was scrapped), or "".
func (q *analysis) clauseGap(cands []*sentence) string {
	m := reEventClause.FindStringSubmatch(q.read.text)
	if m == nil || reNegatedQuestion.MatchString(m[1]) {
		return ""
	}
	for _, s := range cands[:min(actLook, len(cands))] {
		if s.focus >= clauseFocus && contradicts(m[1], s.text) {
			return "The articles I have don't report that as the question puts it; the nearest ones say otherwise:"
		}
	}
	return ""
}

// premiseLook is how many of the best sentences premiseGap reads for a
// denial of the question's premise; actLook, for one that says it happened.
const (
	premiseLook = 2
	actLook     = 5
)

// opposites are acts and the acts that deny them, by stem.
var opposites = func() map[string][]string {
	pairs := [][2]string{
		{"accept", "reject"}, {"accept", "refuse"}, {"accept", "decline"}, {"accept", "rebuff"},
		{"agree", "refuse"}, {"agree", "reject"}, {"agree", "decline"},
		{"reject", "accept"}, {"reject", "agree"}, {"reject", "welcome"},
		{"cancel", "hold"}, {"cancel", "confirm"},
		{"sign", "scrap"}, {"sign", "cancel"}, {"sign", "postpone"},
		{"skip", "arrive"}, {"skip", "attend"}, {"skip", "join"}, {"boycott", "attend"},
	}
	m := map[string][]string{}
	for _, p := range pairs {
		a, b := prose.Stem(p[0]), prose.Stem(p[1])
		m[a] = append(m[a], b)
	}
	return m
}()

// rePhrasalActs are acts written in two words, read as one.
var rePhrasalActs = strings.NewReplacer("turn down", "reject", "turned down", "rejected", "called off", "cancelled", "call off", "cancel",
	"put off", "postponed", "puts off", "postpones")

var negators = map[string]bool{"not": true, "never": true, "no": true, "without": true, "n't": true, "nor": true}

// contradicts reports whether text denies what the question takes for
// granted: a term of the question (not a name it is about) right after a
// negation, or an act of the question's opposite.
func contradicts(premise, text string) bool {
	asked := map[string]bool{}
	var acts []string
	for _, tok := range prose.Keywords(rePhrasalActs.Replace(strings.ToLower(premise))) {
		asked[tok.Term] = true
		acts = append(acts, tok.Term)
		for _, a := range prose.SynonymStems(tok.Term) {
			asked[a] = true
		}
	}
	text = rePhrasalActs.Replace(text)
	toks := prose.Tokens(text)
	for i, t := range toks {
		for _, act := range acts {
			for _, o := range opposites[act] {
				if t.Term == o {
					return true
				}
			}
		}
		if !asked[t.Term] || t.Stop {
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			w := strings.ToLower(text[toks[j].Start:toks[j].End])
			if negators[w] || strings.HasSuffix(w, "n't") {
				return true
			}
		}
	}
	return false
}

// typedAnswer reports whether one of the best sentences holds a value of
// the type asked for and is about most of the question's focus: it answers
// however few of the question's other words it shares ("how many missiles
// … one site says 60, another says 70" and "more than 70 missiles").
func (q *analysis) typedAnswer(cands []*sentence) bool {
	if _, typed := typedGap[q.want]; !typed {
		return false
	}
	for _, s := range cands[:min(3, len(cands))] {
		if s.typed >= 0.9 && s.focus >= 0.5 {
			return true
		}
	}
	return false
}
