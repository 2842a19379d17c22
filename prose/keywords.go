package prose

import (
	"regexp"
	"strings"
)

// Keywords returns the tokens of a question that say what it is about, in
// order, each term once: not stop words (a word written in capitals, "US",
// is the country, never the pronoun), and not the chat words people ask
// with ("lol", "pls", "actually", "exact words", "ive seen") that no article
// uses to answer. The store's query and the answerer both read a question
// through it, so that they agree on what was asked.
func Keywords(question string) []Token {
	var out []Token
	seen := map[string]bool{}
	toks := Tokens(question)
	skip := chatPhrases(question, toks)
	for i, t := range toks {
		if t.Term == "" || t.Stop || seen[t.Term] || skip[i] {
			continue
		}
		// "how long", "how many": the kind of answer, not its topic.
		if i > 0 && strings.EqualFold(question[toks[i-1].Start:toks[i-1].End], "how") && howWords[strings.ToLower(question[t.Start:t.End])] {
			continue
		}
		if word := strings.ToLower(question[t.Start:t.End]); chatWords[strings.ReplaceAll(word, "’", "'")] && !isCaps(question[t.Start:t.End]) {
			continue
		}
		seen[t.Term] = true
		out = append(out, t)
	}
	return out
}

// chatPhraseList are phrases of chat whose words mean something else alone:
// "right now" is not about rights, "in the first place" not about places.
var chatPhraseList = [][]string{
	{"right", "now"}, {"in", "the", "first", "place"}, {"end", "up"}, {"ended", "up"},
	{"at", "all"}, {"or", "nah"}, {"or", "not"}, {"so", "far"}, {"these", "days"},
	{"one", "site"}, {"one", "outlet"}, {"one", "report"}, {"some", "say"}, {"others", "say"},
}

// chatPhrases marks the tokens of toks that are in a chat phrase.
func chatPhrases(question string, toks []Token) map[int]bool {
	skip := map[int]bool{}
	for i := range toks {
		for _, p := range chatPhraseList {
			if i+len(p) > len(toks) {
				continue
			}
			match := true
			for j, w := range p {
				if !strings.EqualFold(question[toks[i+j].Start:toks[i+j].End], w) {
					match = false
					break
				}
			}
			if match {
				for j := range p {
					skip[i+j] = true
				}
			}
		}
	}
	return skip
}

// isCaps reports whether a word is written in capitals ("US", "NATO").
func isCaps(word string) bool {
	return len(word) > 1 && strings.ToUpper(word) == word && strings.ToLower(word) != word
}

var howWords = setOf("long", "many", "much", "far", "often", "soon", "big", "large", "come")

// chatWords are the words of a question that ask rather than name: filler
// and hedges of chat ("lol", "like", "actually", "super"), contractions
// typed without their apostrophe ("whats", "ive"), and the words with which
// people ask for a kind of answer ("exact words", "different numbers",
// "right now") — the answerer reads those from the question's form; as
// search terms they only find passages that happen to use them.
var chatWords = setOf(
	"actually", "really", "exactly", "exact", "basically", "literally", "like", "lol",
	"lmao", "pls", "plz", "please", "nah", "yeah", "yes", "ok", "okay", "hey", "hi",
	"btw", "idk", "imo", "tbh", "thx", "thanks", "gonna", "wanna", "kinda", "sorta",
	"super", "anyone", "anybody", "someone", "somebody", "guys", "u", "ur", "r",
	"whats", "wheres", "whos", "hows", "whens", "whys", "ive", "im", "id", "dont",
	"doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "wont", "thats",
	"theres", "know", "tell", "seen", "heard", "seem", "seems", "felt", "feel",
	"different", "conflicting", "numbers", "figures", "thing", "stuff", "word",
	"words", "quote", "verbatim", "now", "currently", "latest", "recent", "recently",
	"still", "happen", "happened", "actual", "anyway", "maybe", "sure", "exactly",
	"specifically", "precisely", "going", "supposed", "outlets", "disagree", "differ",
	"differing", "vary", "varying", "getting", "gotten", "something", "site", "sites", "another", "says", "roughly", "approximately", "ever", "even",
)

// reLatest is recency intent: the question wants the newest state of
// things ("the latest", "now", "still", "so far").
var reLatest = regexp.MustCompile(`(?i)\b(latest|most recent|newest|right now|now|currently|current|so far|still|these days|as of today|where .{1,30} stands?|stand now|(?:the|a) next (?:round|meeting|talks|session|summit|step|steps))\b`)

// WantsLatest reports whether a question asks for the newest state of
// things, which the newest reports answer rather than the best matches
// for its words.
func WantsLatest(question string) bool { return reLatest.MatchString(question) }
