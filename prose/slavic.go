package prose

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Ukrainian and Russian words are indexed and compared by their key: the
// word transliterated into one Latin spelling, with the letters the two
// languages and the usual romanisations write differently folded together,
// and its inflection stripped. "Зеленський", "Зеленского" and "Zelensky"
// are all zelensk; «переговоры», «переговоров», «переговорах» and the
// Ukrainian «переговорів» are all peregovor; "Умєров", "Умеров" and "Umerov"
// meet, as do "chto skazal Peskov" and «что сказал Песков».
//
// Why one stemmer for both languages, over the transliteration, and not
// Snowball's Russian stemmer: no maintained Go stemmer handles Ukrainian
// (kljensen/snowball has Russian only), and the language of a sentence is
// often not in its letters (a Ukrainian sentence without і, ї, є or ґ reads
// as Russian), so two stemmers would stem the same word of one article two
// ways depending on the sentence it is read in. Most endings of the two
// languages are the same once transliterated (-ами, -ах, -ого, -ому), and
// stripping them after the transliteration is what lets an English
// spelling of a name, which has no Cyrillic endings to strip but the same
// final -y or -ov, meet the Cyrillic one.

// SlavicKey returns the key of a word in Cyrillic, or of a Latin word read
// as a romanised Ukrainian or Russian one: see above. A word of neither
// script is returned in lower case.
func SlavicKey(word string) string {
	word = strings.ToLower(word)
	if k, ok := slavicKeys.Load(word); ok {
		return k.(string)
	}
	k := slavicKey(word)
	if slavicKeyCount.Add(1) <= maxCachedStems {
		slavicKeys.Store(word, k)
	}
	return k
}

// Keys are cached as stems are (see stems): a passage is re-tokenised at
// every search that ranks it.
var (
	slavicKeys     sync.Map // lower-case word → key
	slavicKeyCount atomic.Int64
)

// slavicKey is SlavicKey of a lower-case word, not cached.
func slavicKey(word string) string {
	var latin string
	switch {
	case hasCyrillic(word):
		latin = cyrillicLatin(word)
	case isLatinWord(word):
		if e, ok := exonyms[word]; ok {
			latin = cyrillicLatin(e)
		} else {
			latin = latinFold(word)
		}
	default:
		return word
	}
	return stripSlavic(slavicLetters(latin))
}

// SlavicAlternates are other keys under which the index may hold what a
// question's word names. For a name written in Latin letters ("Zelensky",
// "Peskov", "Geneva") it is the key it would have had an article written
// it in Cyrillic, when that is not the word's own stem, so that a question
// in English finds the Ukrainian and Russian articles that name the same
// people and places; only a capitalised word is read so (a name, not one
// of the English words an asker types). For a Ukrainian or Russian word
// they are the keys of the name it is made from or is a form of that its
// own key misses (cyrillicBases).
func SlavicAlternates(word string) []string {
	if hasCyrillic(word) {
		return cyrillicBases(word)
	}
	r, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) || r >= utf8.RuneSelf {
		return nil
	}
	lower := strings.ToLower(word)
	if strings.HasSuffix(lower, "'s") || strings.HasSuffix(lower, "’s") {
		lower = strings.TrimSuffix(strings.TrimSuffix(lower, "'s"), "’s")
	}
	if !isLatinWord(lower) {
		return nil
	}
	key := SlavicKey(lower)
	if len(key) < minSlavicStem || Stem(key) == Stem(lower) {
		return nil
	}
	return []string{key}
}

// cyrillicBases are the keys of the name a Ukrainian or Russian word is
// made from or a form of, where its own key is not that name's:
//
//   - an adjective made with -ськ-/-ск- («стамбульські» from Стамбул,
//     «женевських» from Женева, «ер-ріядській» from Ер-Ріяд), and with the
//     -ин- before it that a name in -а takes («аляскинський» from Аляска);
//   - the Ukrainian locative in -ці of a name in -ка, whose к becomes ц
//     («в Алясці», «в Америці»).
func cyrillicBases(word string) []string {
	var out []string
	key := SlavicKey(word)
	if strings.HasSuffix(key, "sk") && len(key) >= 5 {
		if base := stripSlavic(key[:len(key)-2]); base != key && len(base) >= minSlavicStem {
			out = append(out, base)
			if in := strings.TrimSuffix(key[:len(key)-2], "in"); len(in) < len(key)-2 && len(in) >= 4 {
				out = append(out, stripSlavic(in))
			}
		}
	}
	if lower := strings.ToLower(word); strings.HasSuffix(lower, "ці") && strings.HasSuffix(key, "ts") && len(key) >= 5 {
		out = append(out, key[:len(key)-2]+"k")
	}
	return out
}

// HasCyrillic reports whether s has a Cyrillic letter.
func HasCyrillic(s string) bool { return hasCyrillic(s) }

// hasCyrillic reports whether s has a Cyrillic letter.
func hasCyrillic(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isCyrillic(r) {
			return true
		}
		i += size
	}
	return false
}

// isCyrillic is unicode.Is(unicode.Cyrillic, r), first by the ranges
// without a table lookup for the punctuation news is full of.
func isCyrillic(r rune) bool {
	switch {
	case r < 0x0400:
		return false
	case r <= 0x052F:
		return true
	case r < 0x1C80:
		return false
	}
	return unicode.Is(unicode.Cyrillic, r)
}

func isLatinWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || isApostrophe(r)) {
			return false
		}
	}
	return s != ""
}

// cyrillicLatin transliterates lower-case Cyrillic into the key's
// alphabet: Ukraine's national system and BGN/PCGN agree on most letters;
// where they or the languages differ, the letters are folded into one
// (и, і, ї, й, ы as i; е, є, ё, э as e; г, ґ, х as h, since Ukrainian г is
// romanised h), and the soft and hard signs and apostrophes are dropped.
func cyrillicLatin(w string) string {
	var b strings.Builder
	for _, r := range w {
		if l, ok := cyrillicToLatin[r]; ok {
			b.WriteString(l)
		} else if !isApostrophe(r) && r != 'ʼ' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var cyrillicToLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "h", 'д': "d", 'е': "e", 'є': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "i", 'ь': "", 'э': "e", 'ю': "iu",
	'я': "ia",
}

// latinFold reads a romanised word in the key's alphabet: the spellings of
// one Cyrillic letter in the national system, BGN/PCGN and English habit
// are one (y, j as i; kh, g, h as h; w as v; x as ks; ck, c, q as k; dh, th
// as d, t; ph as f; a word-initial ye as e, "Yermak" and "Ermak").
func latinFold(w string) string {
	w = strings.NewReplacer("'", "", "’", "").Replace(w)
	if strings.HasPrefix(w, "ye") {
		w = w[1:]
	}
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'k' && next == 'h', c == 'g' && next == 'h':
			b.WriteByte('h')
			i++
		case (c == 'd' || c == 't') && next == 'h':
			b.WriteByte(c)
			i++
		case c == 'p' && next == 'h':
			b.WriteByte('f')
			i++
		case c == 'c' && next == 'k':
			b.WriteByte('k')
			i++
		case c == 'c' && next == 'h', c == 's' && next == 'h', c == 'z' && next == 'h':
			b.WriteByte(c)
			b.WriteByte('h')
			i++
		case c == 'c', c == 'q':
			b.WriteByte('k')
		case c == 'g':
			b.WriteByte('h')
		case c == 'y', c == 'j':
			b.WriteByte('i')
		case c == 'w':
			b.WriteByte('v')
		case c == 'x':
			b.WriteString("ks")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// exonyms are the places whose English name is not a romanisation of the
// Cyrillic one, as the Cyrillic is written: the cities and countries where
// talks are held and that news of the war names, not the names of people.
var exonyms = map[string]string{
	"istanbul": "стамбул", "geneva": "женева", "moscow": "москва", "anchorage": "анкоридж",
	"kiev": "київ", "warsaw": "варшава", "paris": "париж", "europe": "европа", "brussels": "брюссель",
	"vienna": "вена", "jeddah": "джидда", "crimea": "крим", "rome": "рим", "prague": "прага",
	"munich": "мюнхен", "ankara": "анкара", "doha": "доха", "cairo": "каир", "beijing": "пекин",
	"china": "китай", "turkey": "туреччина", "germany": "германия", "france": "франция",
	"poland": "польша", "britain": "британия", "saudi": "саудовская", "emirates": "эмираты",
}

// Exonyms returns the English names of the places whose Cyrillic name has
// one of keys («Стамбулі», «Женеві»: istanbul, geneva).
func Exonyms(keys []string) []string {
	var out []string
	for en, cyr := range exonyms {
		if slices.Contains(keys, SlavicKey(cyr)) && !slices.Contains(out, en) {
			out = append(out, en)
		}
	}
	slices.Sort(out)
	return out
}

// NameKeys are the keys under which what a Ukrainian or Russian word
// names may stand in English text: its own, those of the name it is made
// from (SlavicAlternates), and with the w English writes for an initial у
// before a vowel («Уиткофф» is Witkoff, whose key is vitkof).
func NameKeys(word string) []string {
	keys := append([]string{SlavicKey(word)}, SlavicAlternates(word)...)
	if k := keys[0]; len(k) > 2 && k[0] == 'u' && strings.ContainsRune("aeio", rune(k[1])) {
		keys = append(keys, "v"+k[1:])
	}
	return keys
}

// NamePrefixes are the ways English may begin a name whose key is key:
// LatinPrefixes, and with u for the first a of its first n letters, the
// short u Ukrainian and Russian write as a ("tru" for «Трамп»'s tra).
func NamePrefixes(key string, n int) []string {
	prefixes := LatinPrefixes(key, n)
	if len(key) >= n {
		if u := strings.Replace(key[:n], "a", "u", 1); u != key[:n] {
			prefixes = append(prefixes, LatinPrefixes(u+key[n:], n)...)
		}
	}
	return prefixes
}

// SameName reports whether an English word (or the index's term of one)
// names what keys do: its key is one of them, or is with its short u,
// between two consonants, written a ("Trump", «Трамп»).
func SameName(keys []string, english string) bool {
	key := SlavicKey(english)
	return slices.Contains(keys, key) || slices.Contains(keys, shortU(key))
}

// shortU is key with each u between two consonants written a, or "" when
// it has none.
func shortU(key string) string {
	b := []byte(key)
	changed := false
	for i := 1; i+1 < len(b); i++ {
		if b[i] == 'u' && isConsonant(b[i-1]) && isConsonant(b[i+1]) {
			b[i], changed = 'a', true
		}
	}
	if !changed {
		return ""
	}
	return string(b)
}

// LatinPrefixes are the ways English may write the first n letters of a
// key, as latinFold folds them (i as i, y or j; h as h, g or kh; v as v or
// w; k as k, c or q; f as f or ph; d and t as themselves or with an h; e as
// e or ye at the start), at most a few dozen.
func LatinPrefixes(key string, n int) []string {
	out := []string{""}
	for i := 0; i < len(key) && i < n; i++ {
		var vs []string
		switch c := key[i]; c {
		case 'i':
			vs = []string{"i", "y", "j"}
		case 'h':
			vs = []string{"h", "g", "kh"}
		case 'v':
			vs = []string{"v", "w"}
		case 'k':
			vs = []string{"k", "c", "q"}
		case 'f':
			vs = []string{"f", "ph"}
		case 'd', 't':
			vs = []string{string(c), string(c) + "h"}
		case 'e':
			vs = []string{"e"}
			if i == 0 {
				vs = append(vs, "ye")
			}
		default:
			vs = []string{string(c)}
		}
		var next []string
		for _, p := range out {
			for _, v := range vs {
				next = append(next, p+v)
			}
		}
		out = next
	}
	return out
}

// slavicLetters folds a transliterated word's letters: runs of one letter
// as one, and the soft sign of a consonant before a vowel dropped.
func slavicLetters(w string) string {
	w = doubledDigraphs.Replace(w) // "зустріччю"
	return squeeze(palatal(squeeze(w)))
}

var doubledDigraphs = strings.NewReplacer("chch", "ch", "shsh", "sh", "zhzh", "zh")

// palatal drops the i that writes a soft consonant before a vowel (я, ю, є,
// ье after a consonant, and the y or i of a romanisation): "Аляска" and
// "Alaska", "Матвиенко" and "Matviyenko" meet.
func palatal(w string) string {
	if len(w) < 3 {
		return w
	}
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if w[i] == 'i' && i > 0 && i+1 < len(w) && isConsonant(w[i-1]) && isVowel(w[i+1]) {
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

// squeeze writes each run of one letter once: "Уиткофф" and "Witkoff",
// "Россия" and "Rossiya", the -ий of an adjective as one i.
func squeeze(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

func isVowel(c byte) bool     { return strings.IndexByte("aeiou", c) >= 0 }
func isConsonant(c byte) bool { return c >= 'a' && c <= 'z' && !isVowel(c) }

// slavicEndings are the inflections of Ukrainian and Russian nouns,
// adjectives and verbs in the key's alphabet, longest first: case endings
// (-ами, -ах, -ов, -ів, -ого, -ому, -ою…), past tense (-ал, -ала, -али,
// the Ukrainian -ав), present tense and infinitive; the endings of the past
// tense and the infinitive with their vowel, so that «Стамбулі» and
// «пункти» keep their l and t.
var slavicEndings = func() []string {
	e := []string{
		"ami", "imi", "oho", "eho", "omu", "emu", "oiu", "eiu", "uiu", "aia", "ovi", "evi",
		"ali", "ili", "ala", "ila", "alo", "ilo", "ete", "ite", "ah", "ih", "ut", "at", "et", "it",
		"am", "om", "em", "im", "ov", "ev", "iv", "av", "al", "il", "el", "ei", "oi", "oe", "ee", "ie",
		"ati", "iti", "uti", "iu", "ia", "a", "e", "i", "o", "u",
	}
	sort.SliceStable(e, func(i, j int) bool { return len(e[i]) > len(e[j]) })
	return e
}()

// minSlavicStem is the fewest letters a key keeps: "мир" and "миру" are
// mir, "ми" stays.
const minSlavicStem = 3

// stripSlavic removes a word's inflection: the reflexive -ся, -сь after a
// past tense, then its longest ending that leaves minSlavicStem letters,
// twice (the -а of "Пескова", then the -ов of "Песков", which its English
// spelling has too), then a vowel the endings leave at its end
// ("сказала" and "сказав", like "сказал", are skaz).
func stripSlavic(w string) string {
	// After palatal, ся is written sa.
	for _, v := range []string{"lisa", "lasa", "losa", "lsa", "vsa", "lis", "las", "los"} {
		if strings.HasSuffix(w, v) && len(w)-len(v) >= minSlavicStem {
			w = strings.TrimSuffix(w, v) + strings.TrimRight(v, "as")
			break
		}
	}
	for range 2 {
		for _, e := range slavicEndings {
			if strings.HasSuffix(w, e) && len(w)-len(e) >= minSlavicStem {
				w = w[:len(w)-len(e)]
				break
			}
		}
	}
	if n := len(w); n > minSlavicStem && isVowel(w[n-1]) {
		w = w[:n-1]
	}
	return w
}

// slavicStopwords are the function and question words of Ukrainian and
// Russian, in lower case; IndexForm writes them transliterated but not
// stemmed, and IsStopword knows them so.
var slavicStopwords = []string{
	// Russian
	"и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "всё", "она", "так",
	"его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "только", "ее", "её", "мне", "было",
	"вот", "от", "меня", "еще", "ещё", "нет", "о", "об", "обо", "из", "ему", "теперь", "когда", "даже", "ну", "ли",
	"если", "уже", "или", "ни", "быть", "был", "была", "были", "него", "до", "вас", "уж", "вам", "ведь",
	"там", "потом", "себя", "ей", "может", "они", "тут", "где", "есть", "ней", "для", "мы", "тебя", "их",
	"чем", "чтоб", "чтобы", "без", "чего", "тоже", "себе", "под", "будет", "ж", "тогда", "кто", "этот", "того",
	"потому", "этого", "какой", "какая", "какое", "какие", "каком", "какого", "каких", "какую", "ним", "здесь",
	"этом", "тем", "нее", "неё", "куда", "зачем", "всех", "при", "над", "тот", "эти", "нас", "про", "всего",
	"них", "эту", "этой", "том", "им", "это", "который", "которая", "которое", "которые", "которую",
	"которого", "которой", "которых", "почему", "сколько", "кого", "чему", "чём", "насчет", "насчёт", "также",
	"свой", "своей", "своих", "свою", "между", "через", "перед", "после", "против", "кем", "ком",
	"должен", "должна", "должно", "должны", "самом", "деле",
	// Ukrainian
	"і", "й", "та", "з", "із", "зі", "від", "що", "як", "це", "цей", "ця", "ці", "той", "ті", "він",
	"вона", "воно", "вони", "ми", "ви", "ти", "її", "їх", "їм", "йому", "чи", "або", "але", "бо",
	"вже", "теж", "також", "було", "бути", "є", "який", "яка", "яке", "які", "якого", "якої", "яким",
	"якій", "яких", "якими", "якому", "хто", "де", "коли", "чому", "скільки", "звідки", "саме", "між",
	"після", "щодо", "усі", "всі", "своє", "своїх", "тому", "цього", "цієї", "цих", "цим", "котрий",
	"якою", "нього", "неї", "ним", "нею", "вам", "нам", "нас", "вас", "ким", "кого", "проти", "б", "би",
	"мав", "мала", "мало", "мали", "насправді", "справді",
}

// slavicStopKeys are slavicStopwords as IndexForm writes them.
var slavicStopKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range slavicStopwords {
		m[slavicLetters(cyrillicLatin(w))] = true
	}
	return m
}()

// indexSlavic is the index form of a text already NFKC and without
// ignorable characters (folded, with from and to mapping each byte to the
// original): every word with a Cyrillic letter written as its key, a stop
// word as its transliteration. It returns the inputs when the text has no
// Cyrillic.
func indexSlavic(text string, from, to []int) (string, []int, []int) {
	if !hasCyrillic(text) {
		return text, from, to
	}
	var b strings.Builder
	b.Grow(len(text))
	nf, nt := make([]int, 0, len(text)), make([]int, 0, len(text))
	emit := func(s string, start, end int) {
		b.WriteString(s)
		for range len(s) {
			nf, nt = append(nf, start), append(nt, end)
		}
	}
	origin := func(i int) (int, int) {
		if from == nil {
			_, size := utf8.DecodeRuneInString(text[i:])
			return i, i + size
		}
		return from[i], to[i]
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isCyrillic(r) || !isWordRune(r) {
			// Not the start of a Cyrillic word: a Latin letter, a space,
			// or a Cyrillic sign that is no letter («҂», the thousands
			// sign, or a combining mark alone), which began an empty word
			// and never moved on.
			s, e := origin(i)
			emit(text[i:i+size], s, e)
			i += size
			continue
		}
		// A Cyrillic word: its letters, marks and inner apostrophes.
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			if isWordRune(r) || (isApostrophe(r) || r == 'ʼ') && isCyrillic(next) {
				j += size
				continue
			}
			break
		}
		word := strings.ToLower(text[i:j])
		key := slavicLetters(cyrillicLatin(word))
		if !slavicStopKeys[key] {
			key = SlavicKey(word)
		}
		s, _ := origin(i)
		e := j
		if from != nil {
			e = to[j-1]
		}
		emit(key, s, e)
		i = j
	}
	return b.String(), nf, nt
}
