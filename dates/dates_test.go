package dates

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// find runs Find and checks the invariants every result must keep.
func find(t *testing.T, text string, pub time.Time) []Mention {
	t.Helper()
	ms := Find(text, pub)
	checkMentions(t, text, ms)
	return ms
}

func checkMentions(t testing.TB, text string, ms []Mention) {
	t.Helper()
	end := 0
	for _, m := range ms {
		if m.Start < end || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("Find(%q): bad offsets [%d,%d) after %d", text, m.Start, m.End, end)
		}
		end = m.End
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("Find(%q): text[%d:%d] = %q, Text = %q", text, m.Start, m.End, text[m.Start:m.End], m.Text)
		}
		if m.Date.Location() != time.UTC || m.Date.Hour()+m.Date.Minute()+m.Date.Second()+m.Date.Nanosecond() != 0 {
			t.Fatalf("Find(%q): %q: date %v is not UTC midnight", text, m.Text, m.Date)
		}
		if m.Precision == Week && m.Date.Weekday() != time.Monday || m.Precision == Month && m.Date.Day() != 1 {
			t.Fatalf("Find(%q): %q: %v does not start its %v", text, m.Text, m.Date, m.Precision)
		}
	}
}

// one asserts that text holds exactly one mention, written as want
// (Mention.String) and spelled as expr.
func one(t *testing.T, text string, pub time.Time, expr, want string) {
	t.Helper()
	ms := find(t, text, pub)
	if len(ms) != 1 {
		t.Fatalf("Find(%q, %s) = %v, want one mention %q = %s", text, pub.Format(time.DateOnly), ms, expr, want)
	}
	if ms[0].Text != expr || ms[0].String() != want {
		t.Errorf("Find(%q, %s) = %q → %s, want %q → %s", text, pub.Format(time.DateOnly), ms[0].Text, ms[0], expr, want)
	}
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// TestWeekdayGrid checks every weekday word against a publication date on
// every day of one week, Monday 2025-08-11 to Sunday 2025-08-17. Cells are
// days of August 2025; rows are publication days, columns Monday…Sunday.
func TestWeekdayGrid(t *testing.T) {
	grids := []struct {
		name, sentence string
		days           [7][7]int
	}{
		{"past", "The envoys met in Anchorage on %s.", [7][7]int{
			{11, 5, 6, 7, 8, 9, 10},
			{11, 12, 6, 7, 8, 9, 10},
			{11, 12, 13, 7, 8, 9, 10},
			{11, 12, 13, 14, 8, 9, 10},
			{11, 12, 13, 14, 15, 9, 10},
			{11, 12, 13, 14, 15, 16, 10},
			{11, 12, 13, 14, 15, 16, 17},
		}},
		{"bare past", "Trump hosted the talks %s at the White House.", [7][7]int{
			{11, 5, 6, 7, 8, 9, 10},
			{11, 12, 6, 7, 8, 9, 10},
			{11, 12, 13, 7, 8, 9, 10},
			{11, 12, 13, 14, 8, 9, 10},
			{11, 12, 13, 14, 15, 9, 10},
			{11, 12, 13, 14, 15, 16, 10},
			{11, 12, 13, 14, 15, 16, 17},
		}},
		{"future", "The leaders will meet in Washington on %s.", [7][7]int{
			{18, 12, 13, 14, 15, 16, 17},
			{18, 19, 13, 14, 15, 16, 17},
			{18, 19, 20, 14, 15, 16, 17},
			{18, 19, 20, 21, 15, 16, 17},
			{18, 19, 20, 21, 22, 16, 17},
			{18, 19, 20, 21, 22, 23, 17},
			{18, 19, 20, 21, 22, 23, 24},
		}},
		{"future going to", "Talks are going to resume %s in Geneva.", [7][7]int{
			{18, 12, 13, 14, 15, 16, 17},
			{18, 19, 13, 14, 15, 16, 17},
			{18, 19, 20, 14, 15, 16, 17},
			{18, 19, 20, 21, 15, 16, 17},
			{18, 19, 20, 21, 22, 16, 17},
			{18, 19, 20, 21, 22, 23, 17},
			{18, 19, 20, 21, 22, 23, 24},
		}},
		{"last", "The envoys met last %s.", [7][7]int{
			{4, 5, 6, 7, 8, 9, 10},
			{11, 5, 6, 7, 8, 9, 10},
			{11, 12, 6, 7, 8, 9, 10},
			{11, 12, 13, 7, 8, 9, 10},
			{11, 12, 13, 14, 8, 9, 10},
			{11, 12, 13, 14, 15, 9, 10},
			{11, 12, 13, 14, 15, 16, 10},
		}},
		{"this", "The envoys meet this %s.", [7][7]int{
			{11, 12, 13, 14, 15, 16, 17},
			{11, 12, 13, 14, 15, 16, 17},
			{11, 12, 13, 14, 15, 16, 17},
			{11, 12, 13, 14, 15, 16, 17},
			{11, 12, 13, 14, 15, 16, 17},
			{11, 12, 13, 14, 15, 16, 17},
			{11, 12, 13, 14, 15, 16, 17},
		}},
		{"next", "Envoys meet next %s.", [7][7]int{
			{18, 12, 13, 14, 15, 16, 17},
			{18, 19, 13, 14, 15, 16, 17},
			{18, 19, 20, 14, 15, 16, 17},
			{18, 19, 20, 21, 15, 16, 17},
			{18, 19, 20, 21, 22, 16, 17},
			{18, 19, 20, 21, 22, 23, 17},
			{18, 19, 20, 21, 22, 23, 24},
		}},
	}
	for _, g := range grids {
		for row := range 7 {
			pub := day(2025, time.August, 11+row)
			for col, wd := range weekdays {
				t.Run(fmt.Sprintf("%s/published %s/%s", g.name, pub.Weekday(), wd), func(t *testing.T) {
					text := fmt.Sprintf(g.sentence, wd)
					ms := find(t, text, pub.Add(15*time.Hour)) // the time of day must not matter
					if len(ms) != 1 {
						t.Fatalf("Find(%q) = %v, want one mention", text, ms)
					}
					if want := day(2025, time.August, g.days[row][col]); !ms[0].Date.Equal(want) || ms[0].Precision != Day {
						t.Errorf("Find(%q) published %s = %s, want %s", text, pub.Format("Mon 2006-01-02"), ms[0], want.Format(time.DateOnly))
					}
					if !strings.HasSuffix(ms[0].Text, wd) {
						t.Errorf("Text = %q, want it to end in %q", ms[0].Text, wd)
					}
				})
			}
		}
	}
}

func TestWeekdayForms(t *testing.T) {
	sun := day(2025, time.August, 17)
	tests := []struct{ text, expr, want string }{
		{"They met on Friday.", "on Friday", "2025-08-15"},
		{"Last Friday the envoys met.", "Last Friday", "2025-08-15"},
		{"Talks ran late Friday in Anchorage.", "late Friday", "2025-08-15"},
		{"The deal was signed early Sunday.", "early Sunday", "2025-08-17"},
		{"Monday's meeting was tense.", "Monday", "2025-08-11"},
		{"The summit is set to open Monday.", "Monday", "2025-08-18"},
		{"Zelensky is expected to arrive Monday.", "Monday", "2025-08-18"},
		{"Zelensky plans to travel Monday.", "Monday", "2025-08-18"},
		{"The talks are scheduled for Monday.", "Monday", "2025-08-18"},
		{"The upcoming meeting on Monday draws attention.", "on Monday", "2025-08-18"},
		{"We’ll know more on Monday.", "on Monday", "2025-08-18"},
		{"We'll know more on Monday.", "on Monday", "2025-08-18"},
		{"Kyiv won’t sign on Monday.", "on Monday", "2025-08-18"},
		// Nouns that look like markers leave the sentence in the past.
		{"They lacked the political will to agree on Friday.", "on Friday", "2025-08-15"},
		{"Russia imposed its will on Friday.", "on Friday", "2025-08-15"},
		{"The envoys sat next to each other on Friday.", "on Friday", "2025-08-15"},
		// "would" is reported speech, not a marker.
		{"Trump said on Friday that troops would not be deployed.", "on Friday", "2025-08-15"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) { one(t, tt.text, sun, tt.expr, tt.want) })
	}
}

// TestMixedTense: in a sentence with both tenses, the nearest tense cue
// before an expression (else the first after it) decides its direction.
func TestMixedTense(t *testing.T) {
	sun := day(2025, time.August, 17)
	tue := day(2025, time.August, 19)
	tests := []struct {
		pub  time.Time
		text string
		want []string
	}{
		{tue, "Zelensky said Monday that he will travel to Washington on Thursday.", []string{"Monday=2025-08-18", "on Thursday=2025-08-21"}},
		{sun, "Trump, who met Putin on Friday, will host Zelensky on Monday.", []string{"on Friday=2025-08-15", "on Monday=2025-08-18"}},
		{sun, "Trump will host Zelensky on Monday, after he arrived Saturday.", []string{"on Monday=2025-08-18", "Saturday=2025-08-16"}},
		{sun, "The deal, signed Aug. 15, will take effect Sept. 1.", []string{"Aug. 15=2025-08-15", "Sept. 1=2025-09-01"}},
		{sun, "On Friday, Zelensky will meet Trump.", []string{"On Friday=2025-08-22"}},
		{sun, "On Friday, Trump met Putin and said they will meet again.", []string{"On Friday=2025-08-15"}},
		{sun, "The talks will be held Monday.", []string{"Monday=2025-08-18"}},
		{sun, "The envoys agreed to meet Friday; talks will follow.", []string{"Friday=2025-08-22"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := mentionStrings(find(t, tt.text, tt.pub))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func mentionStrings(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text+"="+m.String())
	}
	return out
}

func TestNearDays(t *testing.T) {
	sun := day(2025, time.August, 17)
	mon := day(2025, time.August, 11)
	tests := []struct {
		pub              time.Time
		text, expr, want string
	}{
		{sun, "Witkoff spoke today on CNN.", "today", "2025-08-17"},
		{sun, "Today, the envoy spoke.", "Today", "2025-08-17"},
		{sun, "He said: “Today we made progress.”", "Today", "2025-08-17"},
		{sun, "Today's talks went well.", "Today", "2025-08-17"},
		{sun, "Rubio spoke yesterday.", "yesterday", "2025-08-16"},
		{sun, "Zelensky flies to Washington tomorrow.", "tomorrow", "2025-08-18"},
		{sun, "The summit ended the day before yesterday.", "the day before yesterday", "2025-08-15"},
		{sun, "The talks resume the day after tomorrow.", "the day after tomorrow", "2025-08-19"},
		{sun, "The envoys met last week.", "last week", "week of 2025-08-04"},
		{mon, "The envoys met last week.", "last week", "week of 2025-08-04"},
		{sun, "Last week the envoys met.", "Last week", "week of 2025-08-04"},
		{sun, "The envoys meet this week.", "this week", "week of 2025-08-11"},
		{sun, "Talks resume next week.", "next week", "week of 2025-08-18"},
		{sun, "The envoys met earlier this week.", "earlier this week", "week of 2025-08-11"},
		{sun, "Sanctions were eased last month.", "last month", "2025-07"},
		{sun, "Sanctions were eased earlier this month.", "earlier this month", "2025-08"},
		{sun, "Sanctions ease next month.", "next month", "2025-09"},
		{day(2026, time.January, 2), "Sanctions were eased last month.", "last month", "2025-12"},
		{day(2025, time.December, 30), "Sanctions ease next month.", "next month", "2026-01"},
		{day(2026, time.January, 1), "The envoys met last week.", "last week", "week of 2025-12-22"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) { one(t, tt.text, tt.pub, tt.expr, tt.want) })
	}
}

func TestAgo(t *testing.T) {
	sun := day(2025, time.August, 17)
	tests := []struct {
		pub              time.Time
		text, expr, want string
	}{
		{sun, "They last met six years ago in Helsinki.", "six years ago", "2019-08"},
		{sun, "A year ago the front was quiet.", "A year ago", "2024-08"},
		{sun, "The offer came two weeks ago.", "two weeks ago", "week of 2025-07-28"},
		{sun, "The offer came a week ago.", "a week ago", "week of 2025-08-04"},
		{sun, "The strike hit three days ago.", "three days ago", "2025-08-14"},
		{sun, "The strike hit 10 days ago.", "10 days ago", "2025-08-07"},
		{sun, "The talks began three months ago.", "three months ago", "2025-05"},
		{day(2025, time.March, 31), "The talks began a month ago.", "a month ago", "2025-02"},
		{day(2024, time.February, 29), "The war began two years ago.", "two years ago", "2022-02"},
		{day(2025, time.January, 15), "The talks began two months ago.", "two months ago", "2024-11"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) { one(t, tt.text, tt.pub, tt.expr, tt.want) })
	}
}

func TestMonths(t *testing.T) {
	aug17 := day(2025, time.August, 17)
	tests := []struct {
		pub              time.Time
		text, expr, want string
	}{
		{aug17, "Trump met Putin on Aug. 15 in Alaska.", "Aug. 15", "2025-08-15"},
		{aug17, "Trump met Putin Aug 15 in Alaska.", "Aug 15", "2025-08-15"},
		{aug17, "Trump met Putin on August 15 in Alaska.", "August 15", "2025-08-15"},
		{aug17, "Trump met Putin on August 15th in Alaska.", "August 15th", "2025-08-15"},
		{aug17, "Trump met Putin on 15 August in Alaska.", "15 August", "2025-08-15"},
		{aug17, "Trump met Putin on the 15th of August in Alaska.", "15th of August", "2025-08-15"},
		{aug17, "Trump met Putin on 15 August 2025 in Alaska.", "15 August 2025", "2025-08-15"},
		{aug17, "Trump met Putin on August 15, 2025, in Alaska.", "August 15, 2025", "2025-08-15"},
		{aug17, "The plan was drafted Nov. 27, 2024.", "Nov. 27, 2024", "2024-11-27"},
		{aug17, "Talks resume Sept. 1 in Geneva.", "Sept. 1", "2025-09-01"},
		{aug17, "Talks resume Sep. 1 in Geneva.", "Sep. 1", "2025-09-01"},
		{aug17, "The ceasefire began May 9.", "May 9", "2025-05-09"},
		{aug17, "The ceasefire began 9 May.", "9 May", "2025-05-09"},
		{aug17, "The ceasefire began in May 2024.", "in May 2024", "2024-05"},
		{aug17, "The plan dates from August 2025.", "August 2025", "2025-08"},
		{aug17, "The envoys met in August.", "in August", "2025-08"},
		{aug17, "The envoys met in May.", "in May", "2025-05"},
		{aug17, "Talks have stalled since May.", "May", "2025-05"},
		{aug17, "The envoys met in late May.", "in late May", "2025-05"},
		{aug17, "Officials held the February talks in Riyadh.", "February", "2025-02"},
		{aug17, "The envoys met in mid-June.", "in mid-June", "2025-06"},
		{aug17, "The envoys met in early July.", "in early July", "2025-07"},
		{aug17, "Fighting has raged since March.", "March", "2025-03"},
		{aug17, "The envoys met last August.", "last August", "2024-08"},
		{aug17, "The envoys met last March.", "last March", "2025-03"},
		{aug17, "The envoys meet next March.", "next March", "2026-03"},
		{aug17, "The envoys meet next September.", "next September", "2025-09"},
		{aug17, "The envoys meet this December.", "this December", "2025-12"},
		// Yearless dates: nearest, preferring the past, unless the sentence
		// speaks of the future.
		{aug17, "The summit took place on November 27.", "November 27", "2024-11-27"},
		{aug17, "The summit will be held on November 27.", "November 27", "2025-11-27"},
		{aug17, "The summit will be held on Aug. 17.", "Aug. 17", "2025-08-17"},
		{aug17, "The envoys met in November.", "in November", "2024-11"},
		{aug17, "The envoys will meet in November.", "in November", "2025-11"},
		{aug17, "The envoys will meet in August.", "in August", "2025-08"},
		{aug17, "The envoys will meet in July.", "in July", "2026-07"},
		{aug17, "The envoys meet in September.", "in September", "2025-09"},
		{aug17, "The envoys met in October.", "in October", "2024-10"},
		{aug17, "Russia annexed Crimea in February 2014.", "in February 2014", "2014-02"},
		// Leap days find their leap year.
		{aug17, "The offer was made February 29.", "February 29", "2024-02-29"},
		{aug17, "The offer was made Feb. 29, 2024.", "Feb. 29, 2024", "2024-02-29"},
		// Year boundaries.
		{day(2026, time.January, 3), "The envoys met Dec. 28 in Miami.", "Dec. 28", "2025-12-28"},
		{day(2026, time.January, 3), "The envoys met in December.", "in December", "2025-12"},
		{day(2026, time.January, 3), "The envoys met on Monday.", "on Monday", "2025-12-29"},
		{day(2025, time.December, 28), "The envoys will meet on Jan. 5.", "Jan. 5", "2026-01-05"},
		{day(2025, time.December, 28), "Talks resume Jan. 5 in Geneva.", "Jan. 5", "2026-01-05"},
		{day(2025, time.December, 28), "The envoys met March 3 in Riyadh.", "March 3", "2025-03-03"},
		{day(2025, time.December, 28), "The envoys will meet in January.", "in January", "2026-01"},
		{day(2025, time.December, 28), "The envoys will meet on Friday.", "on Friday", "2026-01-02"},
		{day(2025, time.December, 28), "The envoys meet next week.", "next week", "week of 2025-12-29"},
		// Numeric forms.
		{aug17, "The memo is dated 2025-08-15.", "2025-08-15", "2025-08-15"},
		{aug17, "The memo is dated 8/15/2025.", "8/15/2025", "2025-08-15"},
		{aug17, "The memo is dated 08/05/2025.", "08/05/2025", "2025-08-05"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) { one(t, tt.text, tt.pub, tt.expr, tt.want) })
	}
}

// TestNotDates lists text that must yield nothing.
func TestNotDates(t *testing.T) {
	for _, text := range []string{
		"Officials said the talks may resume.",
		"May the talks succeed.",
		"Talks May collapse, he warned.",
		"Theresa May said little.",
		"In May's view the talks failed.",
		"The march on Kyiv began.",
		"They may 15 times have tried.",
		"Protesters march on the capital.",
		"Thousands march in Kyiv.",
		"March on, they said.",
		"The talks stalled in may.",
		"August Wilson wrote plays.",
		"April Ryan asked a question.",
		"Augustine wrote about war.",
		"Sundays are quiet in Kyiv.",
		"He reads USA Today.",
		"Russia Today broadcast the talks.",
		"In their first meeting in six years the two leaders talked.",
		"A meeting was likely to occur in the days ahead.",
		"The plan was drafted Feb. 30.",
		"The memo is dated 2025-02-30.",
		"The memo is dated 13/01/2025.",
		"The memo is dated 2/30/2025.",
		"Serial 2025-08-15-7 was logged.",
		"Fired 1,000 years ago.",
		"Aug. 15,000 troops were counted.",
		"The weekend was quiet, last weekend too.",
		"FridayNight and xMonday are not days.",
		"",
	} {
		if ms := Find(text, day(2025, time.August, 17)); len(ms) != 0 {
			t.Errorf("Find(%q) = %v, want nothing", text, mentionStrings(ms))
		}
	}
}

func TestLowercaseVerbsBesideDates(t *testing.T) {
	sun := day(2025, time.August, 17)
	one(t, "Protesters march on Friday in Kyiv.", sun, "on Friday", "2025-08-15")
	one(t, "Talks may resume on Friday, he said.", sun, "on Friday", "2025-08-15")
}

func TestMultipleInOrder(t *testing.T) {
	sun := day(2025, time.August, 17)
	text := "Trump met Putin on Friday, Aug. 15, said Sunday that the talks of last week went well, and recalled their meeting six years ago, on 2019-06-28."
	got := mentionStrings(find(t, text, sun))
	want := []string{
		"on Friday=2025-08-15",
		"Aug. 15=2025-08-15",
		"Sunday=2025-08-17",
		"last week=week of 2025-08-04",
		"six years ago=2019-08",
		"2019-06-28=2019-06-28",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Find(%q) =\n%v\nwant\n%v", text, got, want)
	}
}

// TestOffsets checks byte offsets in text with multi-byte runes before and
// around the expressions.
func TestOffsets(t *testing.T) {
	text := "“Zelensky’s meeting — on Monday — is what we’ll watch,” said Witkoff, who spoke Sunday (17 août? no: 17 August)."
	ms := find(t, text, day(2025, time.August, 17))
	got := mentionStrings(ms)
	want := []string{"on Monday=2025-08-18", "Sunday=2025-08-17", "17 August=2025-08-17"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Find(%q) = %v, want %v", text, got, want)
	}
	if i := strings.Index(text, "on Monday"); ms[0].Start != i || ms[0].End != i+len("on Monday") {
		t.Errorf("offsets [%d,%d), want [%d,%d)", ms[0].Start, ms[0].End, i, i+len("on Monday"))
	}
}

// TestSeedArticles reads sentences of the bundled seed articles (data/*.md)
// as prose.Sentences cuts them.
func TestSeedArticles(t *testing.T) {
	independent := day(2025, time.August, 17) // a Sunday
	dcbrief := day(2025, time.August, 19)     // a Tuesday
	tests := []struct {
		pub  time.Time
		text string
		want []string
	}{
		{independent, "Trump met with Putin for nearly three hours Friday at a U.S. military base in Anchorage.", []string{"Friday=2025-08-15"}},
		{independent, "In their first meeting in six years the two leaders discussed the war in Ukraine.", nil},
		{independent, "Also during the Sunday CNN interview, Witkoff declined to say whether a Russian demand for Ukraine to cede the entire occupied Donbas region was being considered by the U.S.", []string{"Sunday=2025-08-17"}},
		{independent, "And that discussion is going to specifically be detailed on Monday, when President Zelensky arrives with his delegation,” he said.", []string{"on Monday=2025-08-18"}},
		{independent, "Secretary of State Marco Rubio, appearing separately Sunday on ABC, said that further sanctions on Russia were, for the time being, likely off the table.", []string{"Sunday=2025-08-17"}},
		{independent, "Donald Trump’s top Middle East envoy said that a trilateral meeting between the leaders of Ukraine, Russia and the U.S. was likely to occur in the days ahead but did not provide specifics regarding the deal reached between the president and Vladimir Putin in Alaska.", nil},
		{dcbrief, "While Trump acknowledged these conditions, he suggested Sunday that Ukraine could end the war by considering territorial compromises and dropping NATO membership as part of a peace agreement.", []string{"Sunday=2025-08-17"}},
		{dcbrief, "That peace framework remained the focus Monday, when Trump hosted Ukrainian President Volodymyr Zelenskyy and several European leaders at the White House.", []string{"Monday=2025-08-18"}},
		{dcbrief, "Afterward, Trump made it clear that U.S. troops would not be deployed to Ukraine.", nil},
		// No tense cue at all: the nearer Monday, the day after this Sunday paper.
		{independent, "All eyes are now on Ukrainian leader Volodymyr Zelensky’s crucial meeting with Trump at the White House Monday.", []string{"Monday=2025-08-18"}},
		// "-ed" verbs are past cues, except before "to".
		{independent, "The envoys agreed to meet Friday in Geneva.", []string{"Friday=2025-08-15"}},
		{dcbrief, "Negotiators gathered Thursday in Riyadh.", []string{"Thursday=2025-08-14"}},
		{dcbrief, "These protections may resemble NATO’s Article 5 clause, which treats an attack on one member as an attack on all.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := mentionStrings(find(t, tt.text, tt.pub))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestString(t *testing.T) {
	for _, tt := range []struct {
		m    Mention
		want string
	}{
		{Mention{Date: day(2025, time.August, 15), Precision: Day}, "2025-08-15"},
		{Mention{Date: day(2025, time.August, 11), Precision: Week}, "week of 2025-08-11"},
		{Mention{Date: day(2025, time.August, 1), Precision: Month}, "2025-08"},
	} {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Trump met Putin on Friday, Aug. 15, and will meet Zelensky next Monday.",
		"The memo is dated 8/15/2025 and 2025-02-28; six years ago; the day before yesterday.",
		"“We’ll meet in mid-June,” he said Sunday, 15th of August 2025.",
		"Feb. 29 May 2024 since March last week earlier this month 1,000 years ago",
		"Aug. 15,000 2025-08-15-2 1/8/15/2025 \xff Friday\xff",
	} {
		f.Add(s, int64(1755388800))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		// Keep publication within years 1900–2200, where news lives.
		pub := time.Unix(-2208988800+((unix%9467280000)+9467280000)%9467280000, 0).UTC()
		ms := Find(text, pub)
		checkMentions(t, text, ms)
		for _, m := range ms {
			if !utf8.ValidString(m.Text) && utf8.ValidString(text) {
				t.Fatalf("Text %q cuts a rune", m.Text)
			}
		}
	})
}

func TestFindSlavic(t *testing.T) {
	sat := time.Date(2025, time.August, 16, 0, 0, 0, 0, time.UTC) // a Saturday
	for _, tt := range []struct{ text, want, date string }{
		{"Саміт відбувся в п'ятницю, 15 серпня, на базі в Анкориджі.", "в п'ятницю", "2025-08-15"},
		{"Встреча прошла 15 августа на Аляске.", "15 августа", "2025-08-15"},
		{"Переговори розпочалися 23 січня 2026 року.", "23 січня 2026", "2026-01-23"},
		{"Делегации встречались в среду и четверг.", "в среду", "2025-08-13"},
		{"Это было в прошлую пятницу.", "в прошлую пятницу", ""},
		{"Зеленський у лютому відклав поїздку.", "у лютому", "2025-02"},
		{"Переговоры прошли в мае в Стамбуле.", "в мае", "2025-05"},
		// A month's adjective: the July meeting, the first May meeting.
		{"Що пропонували на липневій зустрічі?", "липневій", "2025-07"},
		{"Первая майская встреча длилась два часа.", "майская", "2025-05"},
		{"Січневі переговори тривали два дні.", "Січневі", "2025-01"},
	} {
		ms := Find(tt.text, sat)
		if tt.date == "" {
			if len(ms) == 0 || ms[0].String() != "2025-08-15" {
				t.Errorf("Find(%q) = %v, want last Friday, 2025-08-15", tt.text, ms)
			}
			continue
		}
		if len(ms) == 0 || ms[0].Text != tt.want || ms[0].String() != tt.date {
			t.Errorf("Find(%q) = %v, want %q on %s", tt.text, ms, tt.want, tt.date)
		}
	}
}

// TestCuesAreNeeded: Find, which runs only the rules whose cues a text
// has, finds what running every rule finds, over every line of the
// newsroom articles and the seeds and over texts made to test the cues:
// case folding (the Kelvin sign K is a k to (?i), ſ an s), Cyrillic, dates
// at the very start and end of a text.
func TestCuesAreNeeded(t *testing.T) {
	files, _ := filepath.Glob("../eval/sets/newsroom/articles/*.md")
	seeds, _ := filepath.Glob("../data/*.md")
	if len(files) == 0 || len(seeds) == 0 {
		t.Fatalf("%d newsroom articles, %d seeds: the test needs them", len(files), len(seeds))
	}
	texts := []string{
		"LAST WEEK", "last \u212Aeek", "THREE DAYS AGO", "laſt week", "Tomorrow", "TODAY",
		"May", "Dec. 1", "1 Dec", "2025-08-15", "8/15/2025", "Sunday",
		"15 серпня", "у лютому", "в прошлую среду", "на липневій зустрічі", "В ПЯТНИЦУ",
		"", "day", "Jan", "\xffFriday\xff",
	}
	for _, f := range append(files, seeds...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(raw), "\n")...)
	}
	pub := day(2025, time.August, 17)
	found := 0
	for _, text := range texts {
		want := findRules(text, pub, false)
		found += len(want)
		if got := Find(text, pub); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Find(%q) = %v; every rule run finds %v", text, got, want)
		}
	}
	if found < 100 {
		t.Fatalf("only %d dates in the texts: the test needs more", found)
	}
}

func FuzzCues(f *testing.F) {
	for _, s := range []string{"last \u212Aeek", "THREE DAYS AGO", "Aug. 15", "15 серпня", "в пятницу", "8/15/2025"} {
		f.Add(s)
	}
	pub := day(2025, time.August, 17)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := Find(text, pub), findRules(text, pub, false); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("Find(%q) = %v; every rule run finds %v", text, got, want)
		}
	})
}
