package bot

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

// TestCommandsDescribedInUkrainianAndRussian: the commands everyone uses
// reach Discord with their descriptions, and their options', in Ukrainian
// and Russian too, within Discord's 100 characters.
func TestCommandsDescribedInUkrainianAndRussian(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	type option struct {
		Name                     string
		Description              string
		DescriptionLocalizations map[string]string `json:"description_localizations"`
	}
	type registered struct {
		Name                     string
		DescriptionLocalizations map[string]string `json:"description_localizations"`
		Options                  []option
	}
	var cmds []registered
	if err := h.srv.CallsTo("PUT", "/applications/{app}/commands")[0].Decode(&cmds); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range cmds {
		if c.Name != "ask" && c.Name != "sources" && c.Name != "summary" && c.Name != "timeline" {
			continue
		}
		seen++
		check := func(what string, l map[string]string) {
			for _, loc := range []string{"uk", "ru"} {
				if d := l[loc]; d == "" || utf8.RuneCountInString(d) > 100 {
					t.Errorf("%s: description in %s = %q", what, loc, d)
				}
			}
		}
		check("/"+c.Name, c.DescriptionLocalizations)
		for _, o := range c.Options {
			check("/"+c.Name+" "+o.Name, o.DescriptionLocalizations)
		}
	}
	if seen < 2 {
		t.Errorf("%d of the commands everyone uses registered", seen)
	}
	for en, l := range describedIn {
		for _, d := range append(l[:], en) {
			if utf8.RuneCountInString(d) > 100 {
				t.Errorf("description %q is over Discord's 100 characters", d)
			}
		}
	}
}

// TestSaysKeepTheirVerbs: each of Parley's own messages has its Ukrainian
// and Russian text, with the English text's fmt verbs in their order, and
// none can ping anyone.
func TestSaysKeepTheirVerbs(t *testing.T) {
	t.Parallel()
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for en, l := range says {
		want := strings.Join(verbs.FindAllString(en, -1), " ")
		for i, text := range l {
			if text == "" || text == en {
				t.Errorf("%q has no translation %d", en, i)
			}
			if got := strings.Join(verbs.FindAllString(text, -1), " "); got != want {
				t.Errorf("%q: verbs %q, the English %q", text, got, want)
			}
			if strings.Contains(text, "@") {
				t.Errorf("%q holds an @", text)
			}
		}
	}
}

// TestToldInTheAskersLanguage: the rate limit, a failure and a refused
// button are told in the language of the question, for /ask and a
// mention, or of the user's Discord client, for a button; in English
// otherwise.
func TestToldInTheAskersLanguage(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	ans.AskFunc = func(_ context.Context, q parley.Question) (*parley.Answer, error) {
		if strings.Contains(q.Text, "взрыв") {
			panic("composer exploded")
		}
		return quoteAnswer(q.Text), nil
	}
	h := start(t, Config{QuestionsPerMinute: 1, Burst: 2}, ans)
	failed := h.answered(h.ask(nil, "Что сказал взрыв?")).Original
	if !strings.HasPrefix(failed.Content, "Что-то пошло не так с моей стороны (ошибка ") {
		t.Errorf("a failure to a Russian question: %q", failed.Content)
	}
	answer := h.answered(h.ask(nil, "When?")).Original
	if text, _ := ephemeralText(h.responded(h.ask(nil, "Коли відновилися переговори?"))); !strings.HasPrefix(text, "Ви питаєте швидше, ніж я встигаю відповідати: спробуйте ще раз за ") {
		t.Errorf("the rate limit to a Ukrainian question: %q", text)
	}
	if text, _ := ephemeralText(h.responded(h.ask(nil, "When did talks resume?"))); !strings.HasPrefix(text, "You're asking faster than I can answer") {
		t.Errorf("the rate limit to an English question: %q", text)
	}
	h.mention("<@"+discordtest.DefaultBotID+"> when?", nil) // another user, with a bucket of their own
	h.mention("<@"+discordtest.DefaultBotID+"> where?", nil)
	if m := h.mention("<@"+discordtest.DefaultBotID+"> Когда возобновились переговоры?", nil); !strings.HasPrefix(m.Content, "Вы спрашиваете быстрее") {
		t.Errorf("the rate limit to a Russian mention: %q", m.Content)
	}
	press := func(locale discordgo.Locale) string {
		id, _ := h.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Member: member("1002", 0), Message: answer, Locale: locale,
			Data: discordgo.MessageComponentInteractionData{CustomID: "vote:up:2", ComponentType: discordgo.ButtonComponent}})
		text, _ := ephemeralText(h.responded(id))
		return text
	}
	if text := press(discordgo.Ukrainian); text != says["Only the person who asked can vote on this answer or see its passages."][0] {
		t.Errorf("another's vote, from a Ukrainian client: %q", text)
	}
	if text := press(discordgo.EnglishGB); !strings.HasPrefix(text, "Only the person who asked") {
		t.Errorf("another's vote, from an English client: %q", text)
	}
}

// TestDigestsAndSourcesInTheAskersLanguage: a digest is asked for in the
// language of its topic, or of the user's client without one, and its
// sources, as an answer's, are headed in that language.
func TestDigestsAndSourcesInTheAskersLanguage(t *testing.T) {
	t.Parallel()
	dg := &fakeDigests{points: 2}
	h := startWith(t, Config{}, nil, func(d *Deps) { d.Digests = dg })
	answer := h.answered(h.ask(nil, "Когда возобновились переговоры?")).Original
	if len(answer.Embeds) != 1 || answer.Embeds[0].Title != "Источники" {
		t.Errorf("the sources of an answer to a Russian question: %+v", answer.Embeds)
	}
	summary := func(locale discordgo.Locale, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Message {
		id, _ := h.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Locale: locale,
			Data: discordgo.ApplicationCommandInteractionData{ID: "1", Name: "summary", Options: opts}})
		return h.answered(id).Original
	}
	if m := summary(discordgo.Ukrainian); len(m.Embeds) != 1 || m.Embeds[0].Title != "Джерела" {
		t.Errorf("the sources of a summary for a Ukrainian client: %+v", m.Embeds)
	}
	summary(discordgo.Ukrainian, strOpt("topic", "sanctions"))
	summary(discordgo.EnglishUS, strOpt("topic", "санкции"))
	dg.mu.Lock()
	defer dg.mu.Unlock()
	var langs []string
	for _, s := range dg.scopes {
		langs = append(langs, s.Lang)
	}
	if strings.Join(langs, " ") != "uk en ru" {
		t.Errorf("digests asked for in %q, want uk (the client's), en (the topic's), ru (the topic's)", langs)
	}
}
