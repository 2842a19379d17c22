// Package synth generates a deterministic corpus of realistic-looking news
// articles about the US–Russia–Ukraine peace talks.
//
// It exists for benchmarks of the library: FTS5 retrieval is slow when the
// query terms occur in nearly every document, so the corpus repeats the real
// high-frequency vocabulary of the coverage (Ukraine, Russia, Trump, Putin,
// talks, ceasefire, sanctions…) in every article, and adds a Zipf-distributed
// tail of coined but pronounceable names so that the dictionary grows the way
// a real one does. Article i of a seed is a pure function of (seed, i), so a
// benchmark can build a 100k-article library in parallel and rebuild the same
// one later without storing it.
package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"iter"
	"math"
	"math/bits"
	"strconv"
	"time"

	"github.com/parley-bot/parley"
)

// Corpus shape. The limits are those of the articles Parley ingests in
// practice, so that passage cutting and ranking see realistic sizes.
const (
	minParagraphs = 5
	maxParagraphs = 12
	minWords      = 300
	maxWords      = 900
	minSentence   = 12
	maxSentence   = 35
)

// Publication dates run from start over spanDays. The date of article i is
// start + spanDays·sqrt(i/fullCorpus): monotone in i, so newer articles have
// higher numbers, while a 1k corpus still covers two months and a 10k corpus
// seven, which keeps date filters meaningful at every benchmark size.
var start = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

const (
	spanDays   = 669 // 2025-01-01 up to, not including, 2026-11-01
	fullCorpus = 100_000
)

// zipfRanks bounds the rank of coined words; together with how many coined
// words an article draws, it sets how fast the dictionary grows.
const zipfRanks = 1 << 16

// Article returns article number i (i >= 0) of the corpus for seed. The same (seed, i)
// always gives the same article; the function keeps no state, so callers may
// generate articles from many goroutines at once. ID and Added are left zero
// for the store to assign; Hash is filled in as the store would compute it.
func Article(seed int64, i int) parley.Article {
	g := newGen(seed, i)
	o := outlets[g.r.intn(len(outlets))]
	g.apStyle = g.r.intn(2) == 0

	topic := g.r.intn(nTopics)
	g.buf = make([]byte, 0, 8192)
	g.render(&topics[topic].titlesC[g.r.intn(len(topics[topic].titlesC))])
	title := string(g.buf)
	g.buf = g.buf[:0]
	g.mentioned = 0

	author := authorFirst[g.r.intn(len(authorFirst))] + " " + authorLast[g.r.intn(len(authorLast))]
	if g.r.intn(6) == 0 {
		author += " and " + authorFirst[g.r.intn(len(authorFirst))] + " " + authorLast[g.r.intn(len(authorLast))]
	}

	g.body(topic)
	body := string(g.buf)
	sum := sha256.Sum256(g.buf)

	url := make([]byte, 0, 128)
	url = append(url, "https://"...)
	url = append(url, o.domain...)
	url = append(url, '/')
	url = strconv.AppendInt(url, int64(g.pub.Year()), 10)
	url = append(url, '/')
	if m := g.pub.Month(); m < 10 {
		url = append(url, '0', byte('0'+m))
	} else {
		url = strconv.AppendInt(url, int64(m), 10)
	}
	url = append(url, '/')
	url = appendSlug(url, title)
	url = append(url, '-')
	url = strconv.AppendInt(url, int64(i), 10)

	return parley.Article{
		Title:     title,
		Outlet:    o.name,
		URL:       string(url),
		Author:    author,
		Language:  "en",
		Published: g.pub,
		Body:      body,
		Hash:      hex.EncodeToString(sum[:]),
	}
}

// Corpus yields articles 0..n-1 of the corpus for seed, in order, so that a
// benchmark can range over a corpus without holding it in memory.
func Corpus(seed int64, n int) iter.Seq2[int, parley.Article] {
	return func(yield func(int, parley.Article) bool) {
		for i := range n {
			if !yield(i, Article(seed, i)) {
				return
			}
		}
	}
}

// newGen seeds the state of article i and fixes its publication time,
// which every relative date in the body ("on Friday", "Aug. 15") refers to.
func newGen(seed int64, i int) *gen {
	g := &gen{i: uint64(max(i, 0))}
	g.r.s = mix64(uint64(seed)*0x9e3779b97f4a7c15 ^ mix64(uint64(i)+0x632be59bd9b4e019))
	day := 0
	if i > 0 {
		day = int(float64(spanDays) * math.Sqrt(float64(i)/fullCorpus))
	}
	day = min(day, spanDays-1)
	secs := 5*3600 + g.r.intn(18*3600)
	g.pub = start.AddDate(0, 0, day).Add(time.Duration(secs) * time.Second)
	g.wday = g.pub.Weekday()
	return g
}

// rng is splitmix64: tiny, fast and good enough for text, and its whole state
// lives in the generator so that no article shares randomness with another.
type rng struct{ s uint64 }

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a number in [0, n) by multiply-high, which avoids a division.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// zipf returns a rank in [1, zipfRanks) with probability proportional to
// 1/rank, the law word frequencies follow.
func (r *rng) zipf() uint64 {
	u := float64(r.next()>>11) / (1 << 53)
	return uint64(math.Exp(u * math.Log(zipfRanks)))
}

// gen is the state of one article being written.
type gen struct {
	r         rng
	i         uint64
	pub       time.Time
	wday      time.Weekday
	apStyle   bool
	buf       []byte
	mentioned uint64 // people already introduced with their full title
	side      int    // whose quote the current sentence carries
	usedQ     [nSides]uint32
}

// body writes 5–12 paragraphs of 300–900 words into g.buf. Paragraph sizes
// follow a word budget drawn up front, so the total lands in range without
// trimming sentences.
func (g *gen) body(topic int) {
	tp := &topics[topic]
	paras := minParagraphs + g.r.intn(maxParagraphs-minParagraphs+1)
	lo := max(minWords+30, paras*35)
	hi := min(maxWords-40, paras*100)
	target := lo + g.r.intn(hi-lo+1)
	strikeAt := 1 + g.r.intn(paras-1)
	var used [4]uint64 // bitsets of templates used, per pool: topic, general, tail
	words := 0
	for p := range paras {
		if p > 0 {
			g.buf = append(g.buf, '\n')
		}
		paraTarget := (target - words) / (paras - p)
		pw := 0
		n := 0
		if p == 0 {
			pw += g.sentence(&tp.leadsC[g.r.intn(len(tp.leadsC))], n)
			n++
		}
		if p == strikeAt {
			pw += g.sentence(&strikesC[g.r.intn(len(strikesC))], n)
			n++
			pw += g.sentence(&strikeFollowC[g.r.intn(len(strikeFollowC))], n)
			n++
		}
		for n == 0 || pw < paraTarget-12 {
			pw += g.sentence(g.pick(tp, &used), n)
			n++
		}
		words += pw
	}
	for words < minWords { // only reachable with unusually short draws
		g.buf = append(g.buf, ' ')
		words += g.sentence(&generalC[g.r.intn(len(generalC))], 1)
	}
}

// pick chooses the next body sentence: topic-specific, general, a quote or a
// tail sentence, avoiding templates already used in this article so that no
// sentence repeats verbatim.
func (g *gen) pick(tp *topicText, used *[4]uint64) *tmpl {
	for range 4 {
		switch k := g.r.intn(100); {
		case k < 25:
			j := g.r.intn(len(tp.bodyC))
			if used[0]&(1<<j) == 0 {
				used[0] |= 1 << j
				return &tp.bodyC[j]
			}
		case k < 55:
			j := g.r.intn(len(generalC))
			if used[1]&(1<<j) == 0 {
				used[1] |= 1 << j
				return &generalC[j]
			}
		case k < 80:
			g.side = g.r.intn(nSides)
			if bits.OnesCount32(g.usedQ[g.side]) < len(quotesC[g.side])-2 {
				return &quoteFormsC[g.r.intn(len(quoteFormsC))]
			}
		default:
			j := g.r.intn(len(tailC))
			if used[2]&(1<<j) == 0 {
				used[2] |= 1 << j
				return &tailC[j]
			}
		}
	}
	return &tailC[g.r.intn(len(tailC))]
}

// sentence appends one sentence, capitalised, preceded by a space unless it
// opens the paragraph, and returns its word count.
func (g *gen) sentence(t *tmpl, n int) int {
	if n > 0 {
		g.buf = append(g.buf, ' ')
	}
	from := len(g.buf)
	g.render(t)
	s := g.buf[from:]
	if len(s) > 0 && s[0] >= 'a' && s[0] <= 'z' {
		s[0] -= 'a' - 'A'
	}
	return countWords(s)
}

// countWords counts space-separated words, as strings.Fields would.
func countWords(s []byte) int {
	n := 0
	in := false
	for _, c := range s {
		if c == ' ' || c == '\n' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// render appends a template, filling its slots.
func (g *gen) render(t *tmpl) {
	for _, sg := range *t {
		g.buf = append(g.buf, sg.lit...)
		if sg.op != opNone {
			g.slot(sg.op, sg.arg)
		}
	}
}

func (g *gen) pickStr(list []string) { g.buf = append(g.buf, list[g.r.intn(len(list))]...) }

func (g *gen) slot(op, arg uint8) {
	switch op {
	case opPerson, opSpeaker:
		idx := g.personIndex(arg)
		p := &people[idx]
		switch {
		case g.mentioned&(1<<idx) != 0:
			g.buf = append(g.buf, p.last...)
		case op == opPerson:
			g.buf = append(g.buf, p.role...)
			g.buf = append(g.buf, ' ')
			g.buf = append(g.buf, p.full...)
		default:
			g.buf = append(g.buf, p.full...)
			g.buf = append(g.buf, ", "...)
			g.buf = append(g.buf, p.appos...)
			g.buf = append(g.buf, ',')
		}
		g.mentioned |= 1 << idx
	case opQuote:
		q := &quotesC[g.side]
		j := g.r.intn(len(*q))
		for g.usedQ[g.side]&(1<<j) != 0 {
			j = (j + 1) % len(*q)
		}
		g.usedQ[g.side] |= 1 << j
		g.render(&(*q)[j])
	case opAnalystQuote:
		g.pickStr(analystQuotes)
	case opVenue:
		g.pickStr(venues)
	case opFront:
		g.pickStr(fronts)
	case opCityUA:
		g.pickStr(citiesUA)
	case opRegion:
		g.pickStr(regions)
	case opMedia:
		g.pickStr(media)
	case opSocial:
		g.pickStr(social)
	case opHours:
		g.pickStr(hours)
	case opNpoint:
		g.pickStr(npoints)
	case opNpoint2:
		g.buf = strconv.AppendInt(g.buf, int64(19+g.r.intn(4)), 10)
	case opMoney:
		g.pickStr(moneys)
	case opPct:
		g.pickStr(pcts)
	case opCap:
		g.pickStr(caps)
	case opOrdinal:
		g.pickStr(ordinals)
	case opCount:
		g.pickStr(counts)
	case opCount2:
		g.buf = strconv.AppendInt(g.buf, int64(20+g.r.intn(16)), 10)
	case opNdays:
		g.pickStr(ndays)
	case opAdjPos:
		g.pickStr(adjPos)
	case opThink:
		g.pickStr(thinkTanks)
	case opPrisoners:
		g.buf = appendThousands(g.buf, 50+g.r.intn(1200))
	case opPop:
		g.buf = appendThousands(g.buf, 100*(2+g.r.intn(120)))
	case opAnalyst:
		g.pickStr(analystFirst)
		g.buf = append(g.buf, ' ')
		g.coin(g.r.zipf(), true, surnameSuffix)
		g.buf = append(g.buf, ", "...)
		g.pickStr(analystRoles)
		g.buf = append(g.buf, ' ')
		g.pickStr(thinkTanks)
	case opVillage:
		g.coin(g.r.zipf(), true, villageSuffix)
	case opCompany:
		g.coin(g.r.zipf(), true, companySuffix)
	case opTanker, opOp:
		g.coin(g.r.zipf(), true, rareSuffix)
	case opRare:
		g.coin(g.r.zipf(), false, rareSuffix)
	case opDay:
		switch k := g.r.intn(20); {
		case k == 0:
			g.buf = append(g.buf, "last week"...)
		case k == 1:
			g.buf = append(g.buf, "earlier this week"...)
		default:
			g.buf = append(g.buf, "on "...)
			g.buf = append(g.buf, weekdays[(int(g.wday)+7-g.r.intn(6))%7]...)
		}
	case opWday:
		g.buf = append(g.buf, weekdays[g.wday]...)
	case opDate:
		d := g.pub.AddDate(0, 0, -1-g.r.intn(40))
		if g.apStyle {
			g.buf = append(g.buf, apMonths[d.Month()-1]...)
		} else {
			g.buf = append(g.buf, d.Month().String()...)
		}
		g.buf = append(g.buf, ' ')
		g.buf = strconv.AppendInt(g.buf, int64(d.Day()), 10)
	// The strike figures encode the article number, see strikes.
	case opDrones:
		g.buf = strconv.AppendUint(g.buf, 50+g.i%450, 10)
	case opMissiles:
		g.buf = strconv.AppendUint(g.buf, 2+g.i/450%60, 10)
	case opDown:
		total := 50 + g.i%450 + 2 + g.i/450%60
		g.buf = strconv.AppendUint(g.buf, total-total/uint64(5+g.r.intn(20)), 10)
	case opInjured:
		g.buf = strconv.AppendUint(g.buf, 2+g.i/27000%40, 10)
	}
}

// personIndex resolves a person slot: a named figure, a random figure of a
// side, or (argCurrent) a figure of the side whose quote is being written.
func (g *gen) personIndex(arg uint8) int {
	side := g.side
	switch {
	case arg < argSide:
		return int(arg)
	case arg != argCurrent:
		side = int(arg - argSide)
	}
	w := sideIdx[side]
	return int(w[g.r.intn(len(w))])
}

var weekdays = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// apMonths are AP style month abbreviations ("Aug. 15"), used by half the
// outlets so both date styles occur as they do in real coverage.
var apMonths = [12]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// appendThousands writes n with comma thousands separators, as news copy does.
func appendThousands(b []byte, n int) []byte {
	if n >= 1000 {
		b = strconv.AppendInt(b, int64(n/1000), 10)
		b = append(b, ',')
		r := n % 1000
		b = append(b, byte('0'+r/100), byte('0'+r/10%10), byte('0'+r%10))
		return b
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// coin appends the coined word of a rank: at least two syllables, then a
// suffix of the given kind. The same rank always gives the same word, so the
// frequency of a word is the Zipf frequency of its rank.
func (g *gen) coin(rank uint64, capital bool, suffixes []string) {
	from := len(g.buf)
	n := rank + uint64(len(onsets)*len(vowels))
	suf := suffixes[mix64(rank)%uint64(len(suffixes))]
	for n > 0 {
		d := n % uint64(len(onsets)*len(vowels))
		n /= uint64(len(onsets) * len(vowels))
		g.buf = append(g.buf, onsets[d/uint64(len(vowels))]...)
		g.buf = append(g.buf, vowels[d%uint64(len(vowels))]...)
	}
	g.buf = append(g.buf, suf...)
	if capital {
		g.buf[from] -= 'a' - 'A'
	}
}

// appendSlug appends the URL slug of a title: lower-case ASCII words joined
// by hyphens, cut at a word boundary near 60 bytes as news sites do.
func appendSlug(b []byte, title string) []byte {
	from := len(b)
	dash := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && len(b) > from {
				if len(b)-from >= 60 {
					return b
				}
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		case c == '\'' || c == '.':
			// "Trump's", "U.S." stay one word.
		case c == 0xE2 && i+2 < len(title) && title[i+1] == 0x80 && title[i+2] == 0x99:
			i += 2 // right single quotation mark, used as apostrophe
		default:
			dash = true
		}
	}
	return b
}
