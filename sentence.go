package parley

// Sentence is one sentence (or span) of an article body with what it is on
// the page and who, if anyone, it quotes. Start and End are byte offsets in
// the body; for prose they bound the quotable span, which starts after any
// furniture glued to it ("KYIV, Feb 18 (Wire) - ", "14:32 GMT — "), and that
// furniture is a Sentence of its own. Roles are decided once, at ingest, and
// stored with the passages; the body itself is never changed.
type Sentence struct {
	Start, End int
	Role       Role
	// Said is set for prose: whose words these are.
	Said Attribution
}

// Quotable reports whether answers, summaries and timelines may quote it.
func (s Sentence) Quotable() bool { return s.Role == RoleProse }

// Role is what a span of an article body is on the page.
type Role uint8

// The roles. Everything but RoleProse is page furniture: kept in the body,
// never quoted.
const (
	RoleProse     Role = iota // the article's own text
	RoleHeadline              // the headline repeated as a first line, or a kicker above it
	RoleDateline              // "RIYADH, Feb 18 (Baltic Wire) -", "MOSCOW /TASS/."
	RoleScraper               // a scraper's prefix: "date 2025-08-20", "02/18/2025 February 18, 2025"
	RoleByline                // "By …", "Автор: …", "(Reporting by …; editing by …)"
	RoleCaption               // a photo caption or credit
	RolePhotos                // "See 3 more photos"
	RoleTimestamp             // "Posted …", "Last updated …", a live blog's "14:32 GMT —"
	RoleNote                  // an editor's note or correction, "This page is no longer being updated"
	RoleAction                // a call to action: newsletter, subscribe, follow us, copyright
	RoleRelated               // "Read more:", related headlines and lists of them
	RoleLabel                 // a line that is no sentence: breadcrumbs, section names, an outlet's name
	RoleTruncated             // a sentence cut off at the end of an excerpt
)

var roleNames = [...]string{
	RoleProse: "prose", RoleHeadline: "headline", RoleDateline: "dateline", RoleScraper: "scraper prefix",
	RoleByline: "byline", RoleCaption: "caption", RolePhotos: "photo count", RoleTimestamp: "timestamp",
	RoleNote: "editor's note", RoleAction: "call to action", RoleRelated: "related", RoleLabel: "label",
	RoleTruncated: "truncated",
}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "unknown"
}

// Attribution says whose words a sentence carries.
type Attribution struct {
	Kind AttributionKind
	// Speaker is the person (or body: "the Kremlin") the words are
	// credited to, as the article names them; empty for outlet narration,
	// anonymous sources, and quotations whose speaker the text leaves open.
	Speaker string
	// SpeakerRole is the speaker's role as the article gives it:
	// "Kremlin spokesman", "Ukraine's foreign minister".
	SpeakerRole string
}

// AttributionKind is how a sentence relates to the people in it.
type AttributionKind uint8

// The kinds of attribution.
const (
	// Narration: the outlet's own words, credited to nobody else.
	Narration AttributionKind = iota
	// Direct: the speaker's own words in quotation marks, with the speaker
	// named in the sentence or just before it.
	Direct
	// Reported: the outlet's paraphrase of what someone said ("X said that
	// …", "according to X, …"): the outlet's words about X, never X's words.
	Reported
	// Anonymous: unnamed sources ("officials familiar with the talks").
	Anonymous
)

var attributionNames = [...]string{Narration: "outlet", Direct: "direct", Reported: "reported", Anonymous: "anonymous"}

// String is the name used in JSON: outlet, direct, reported or anonymous.
func (k AttributionKind) String() string {
	if int(k) < len(attributionNames) {
		return attributionNames[k]
	}
	return "unknown"
}

// AssignSentences gives each passage the sentences, in body order, that lie
// inside it.
func AssignSentences(ps []Passage, ss []Sentence) {
	j := 0
	for i := range ps {
		ps[i].Sentences = []Sentence{}
		for j < len(ss) && ss[j].Start < ps[i].Start {
			j++
		}
		for j < len(ss) && ss[j].End <= ps[i].End {
			ps[i].Sentences = append(ps[i].Sentences, ss[j])
			j++
		}
	}
}
