package prose

import (
	"strings"
	"unicode"
)

// DetectLanguage guesses the language of a text from its letters and its
// commonest words: "uk" or "ru" for Cyrillic (Ukrainian by the letters і,
// ї, є and ґ and the words that only it uses, Russian by ы, э, ъ and ё),
// "en" for Latin text whose function words are English, and "" when it
// cannot tell. It serves an article that declares no language (front
// matter, the page's lang) and a question: both are in one of the
// languages of the talks or declared, so the detector needs to tell these
// three apart, not the world's, which a library such as lingua-go does
// with tens of megabytes of models and milliseconds a text.
func DetectLanguage(text string) string {
	var cyr, lat, uk, ru int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		case unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case cyr == 0 && lat == 0:
		return ""
	case cyr >= lat:
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if ukrainianWords[w] {
				uk++
			} else if russianWords[w] {
				ru++
			}
		}
		switch {
		case uk > ru:
			return "uk"
		case ru > uk, uk == 0 && cyr >= 20:
			// і is one letter in twenty of Ukrainian: a text of some
			// length without it is Russian.
			return "ru"
		}
		return ""
	}
	en, words := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if stopwords[w] {
			en++
		}
	}
	if words > 0 && (en*5 >= words || words < 5 && en > 0) {
		return "en"
	}
	return ""
}

// ukrainianWords and russianWords are common words that only one of the
// two languages writes so, for texts without the letters that tell them
// apart.
var (
	ukrainianWords = setOf("що", "як", "та", "це", "він", "вона", "від", "або", "але", "хто", "де", "коли", "чому", "який", "яка", "які", "про", "шо")
	russianWords   = setOf("что", "как", "это", "он", "она", "от", "или", "но", "кто", "где", "когда", "почему", "какой", "какая", "какие", "чем", "который")
)

// otherSlavic is what a passage in Ukrainian counts for a question in
// Russian, or the reverse, against 1 for its own language: their words
// share keys (SlavicKey), so a Ukrainian question matches a Russian report
// of the same talks almost as well as the Ukrainian one, and the asker's
// own language should come first. Lower than 1 only, so that no score
// grows past the bounds the search prunes by.
const otherSlavic = 0.75

// LanguageWeight is the factor of a passage's score in language passage
// for a question in language question. (A passage in another script is
// weighed by its words instead: the glossary's translations count only in
// it, at their rarity in its language; see store.foreignDF.)
func LanguageWeight(question, passage string) float64 {
	if question == "uk" && passage == "ru" || question == "ru" && passage == "uk" {
		return otherSlavic
	}
	return 1
}

// SameLanguage reports whether a passage in language passage is in the
// language of a question in language question; a passage of no known
// language is taken to be in English, as the library's articles mostly
// are.
func SameLanguage(question, passage string) bool {
	if passage == "" {
		passage = "en"
	}
	return question == passage
}

// QuestionLanguage is the language of a question by its script: "uk" or
// "ru" for Cyrillic (Ukrainian when it has letters only Ukrainian uses),
// "en" otherwise. A question is too short for DetectLanguage's count of
// function words ("army" has none), and one in Latin letters is answered
// in English (a romanised Russian question too: see answers).
func QuestionLanguage(text string) string {
	cyr, lat := 0, 0
	uk := false
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			if strings.ContainsRune("іїєґІЇЄҐ", r) {
				uk = true
			}
		case unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case cyr > lat && uk:
		return "uk"
	case cyr > lat:
		return "ru"
	}
	return "en"
}
