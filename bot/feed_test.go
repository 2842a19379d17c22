package bot

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

// callbackData decodes the data of an interaction's first callback.
func callbackData(t *testing.T, st discordtest.InteractionState) discordgo.InteractionResponseData {
	t.Helper()
	var data discordgo.InteractionResponseData
	if err := json.Unmarshal(st.Callbacks[0].Data, &data); err != nil {
		t.Fatalf("callback data %s: %v", st.Callbacks[0].Data, err)
	}
	return data
}

// complete sends an autocomplete of /name sub option: typed, from m.
func (h *harness) complete(m *discordgo.Member, name, sub, option, typed string) []*discordgo.ApplicationCommandOptionChoice {
	h.t.Helper()
	id, _ := h.srv.SendInteraction(&discordgo.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete,
		GuildID: discordtest.DefaultGuildID, Member: m,
		Data: discordgo.ApplicationCommandInteractionData{ID: "1", Name: name, Options: []*discordgo.ApplicationCommandInteractionDataOption{
			subOpt(sub, &discordgo.ApplicationCommandInteractionDataOption{Name: option, Type: discordgo.ApplicationCommandOptionInteger, Value: typed, Focused: true})}}})
	cb := h.responded(id).Callbacks[0]
	var got struct {
		Choices []*discordgo.ApplicationCommandOptionChoice
	}
	if cb.Type != discordgo.InteractionApplicationCommandAutocompleteResult || json.Unmarshal(cb.Data, &got) != nil {
		h.t.Fatalf("autocomplete answered %d %s", cb.Type, cb.Data)
	}
	return got.Choices
}

func TestArticleAddByURL(t *testing.T) {
	t.Parallel()
	h := start(t, Config{AdminUserIDs: []string{"42"}}, nil)
	admin := member("42", 0)
	h.lib.page("https://ap.example/riyadh", parley.Article{Title: "Talks in *Riyadh* @everyone", Outlet: "AP", Body: "The delegations met in Riyadh."})
	h.lib.page("https://afp.example/geneva", parley.Article{Title: "Geneva talks resume", Outlet: "AFP",
		Body: "Delegations from both sides met in Geneva on Monday. They spoke for hours."})
	add := func(m *discordgo.Member, url string) discordtest.InteractionState {
		return h.answered(h.command(m, "article", subOpt("add", strOpt("url", url))))
	}

	st := add(admin, "https://ap.example/riyadh")
	if cb := st.Callbacks[0]; cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		callbackData(t, st).Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("first callback %d %s, want an ephemeral deferral", cb.Type, cb.Data)
	}
	if got, want := st.Original.Content, "Added #101 “Talks in \\*Riyadh\\* @"+zwsp+"everyone” (AP)."; got != want {
		t.Errorf("reply %q, want %q", got, want)
	}
	if got := h.lib.fetches(); !slices.Equal(got, []string{"https://ap.example/riyadh"}) {
		t.Errorf("AddURL called with %q", got)
	}
	if a, err := h.lib.Article(t.Context(), 101); err != nil || a.URL != "https://ap.example/riyadh" {
		t.Errorf("article 101 = %+v, %v", a, err)
	}

	st = add(admin, "https://afp.example/geneva")
	if got, want := st.Original.Content, "That story is already in the library as article #7; AFP was recorded as also publishing it."; got != want {
		t.Errorf("syndicated: reply %q, want %q", got, want)
	}

	st = add(admin, "https://ap.example/gone/@everyone")
	if got, want := st.Original.Content, "Could not add <https://ap.example/gone/@"+zwsp+"everyone>: the page answered 404 Not Found."; got != want {
		t.Errorf("a page that is not there: reply %q, want %q", got, want)
	}

	refused := h.responded(h.command(member("5", discordgo.PermissionSendMessages), "article", subOpt("add", strOpt("url", "https://ap.example/riyadh"))))
	if data := callbackData(t, refused); !strings.Contains(data.Content, "Only Parley admins can use /article") {
		t.Errorf("non-admin: reply %q", data.Content)
	}
	if got := h.lib.fetches(); len(got) != 3 {
		t.Errorf("AddURL called %d times, want 3 (none for the non-admin): %q", len(got), got)
	}
}

func TestFeedCommandRegistered(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		feeds Feeds
	}{
		{"with Feeds", &fakeFeeds{}},
		{"without Feeds", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := startWith(t, Config{}, nil, func(d *Deps) { d.Feeds = tc.feeds })
			type option struct {
				Name         string
				Autocomplete bool
				Options      []option
			}
			type registered struct {
				Name                     string
				DefaultMemberPermissions *string `json:"default_member_permissions"`
				Contexts                 *[]int  `json:"contexts"`
				Options                  []option
			}
			var cmds []registered
			if err := h.srv.CallsTo("PUT", "/applications/{app}/commands")[0].Decode(&cmds); err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(cmds, func(c registered) bool { return c.Name == "feed" })
			if tc.feeds == nil {
				if i >= 0 {
					t.Errorf("/feed registered without Feeds")
				}
				return
			}
			if i < 0 {
				t.Fatalf("/feed not registered")
			}
			feed := cmds[i]
			if feed.DefaultMemberPermissions == nil || *feed.DefaultMemberPermissions != "32" {
				t.Errorf("/feed default_member_permissions = %v, want \"32\"", feed.DefaultMemberPermissions)
			}
			if feed.Contexts == nil || !slices.Equal(*feed.Contexts, []int{0}) {
				t.Errorf("/feed contexts = %v, want [0]: servers only, never DMs", feed.Contexts)
			}
			var subs []string
			for _, s := range feed.Options {
				subs = append(subs, s.Name)
				if s.Name == "remove" && (len(s.Options) != 1 || !s.Options[0].Autocomplete) {
					t.Errorf("/feed remove options %+v, want one that autocompletes", s.Options)
				}
			}
			if !slices.Equal(subs, []string{"add", "remove", "list"}) {
				t.Errorf("/feed subcommands %v", subs)
			}
		})
	}
}

func TestFeedAdd(t *testing.T) {
	t.Parallel()
	ff := &fakeFeeds{}
	h := startWith(t, Config{AdminRoleIDs: []string{"77"}}, nil, func(d *Deps) { d.Feeds = ff })
	admin := member("6", 0, "77")
	follow := func(m *discordgo.Member, url string) discordtest.InteractionState {
		return h.answered(h.command(m, "feed", subOpt("add", strOpt("url", url))))
	}

	st := follow(admin, "https://kyivindependent.example/")
	if cb := st.Callbacks[0]; cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		callbackData(t, st).Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("first callback %d %s, want an ephemeral deferral", cb.Type, cb.Data)
	}
	want := "Following Kyiv Independent (feed 1). feed 1 (Kyiv Independent): 12 items, 12 new: 10 added, 2 syndicated"
	if got := st.Original.Content; got != want {
		t.Errorf("reply %q, want %q", got, want)
	}
	if got := follow(admin, "https://kyivindependent.example/").Original.Content; got !=
		"Could not follow <https://kyivindependent.example/>: the library already follows <https://kyivindependent.example/> (feed 1)." {
		t.Errorf("following twice: reply %q", got)
	}
	if got := follow(admin, "https://example.org/nothing").Original.Content; got !=
		"Could not follow <https://example.org/nothing>: the address gives no RSS, Atom or JSON feed." {
		t.Errorf("no feed there: reply %q", got)
	}

	// Manage Server lets a member see /feed, but this bot takes admins by
	// role only: the bot refuses whatever Discord shows.
	refused := h.responded(h.command(member("5", discordgo.PermissionManageGuild), "feed", subOpt("add", strOpt("url", "https://x.example/rss"))))
	data := callbackData(t, refused)
	if refused.Callbacks[0].Type != discordgo.InteractionResponseChannelMessageWithSource || data.Flags&discordgo.MessageFlagsEphemeral == 0 ||
		!strings.Contains(data.Content, "Only Parley admins can use /feed") {
		t.Errorf("non-admin: callback %d %+v", refused.Callbacks[0].Type, data)
	}
	if got := ff.follows(); len(got) != 3 {
		t.Errorf("Follow called with %q, want 3 calls, none for the non-admin", got)
	}
}

func TestFeedRemove(t *testing.T) {
	t.Parallel()
	ff := &fakeFeeds{feeds: []parley.Feed{
		{ID: 1, URL: "https://kyivindependent.example/feed", Title: "Kyiv Independent"},
		{ID: 2, URL: "https://reuters.example/world.rss", Title: "Reuters World" + strings.Repeat(" news", 30)},
	}}
	h := startWith(t, Config{AdminUserIDs: []string{"9"}}, nil, func(d *Deps) { d.Feeds = ff })
	admin := member("9", 0)
	ids := func(list []*discordgo.ApplicationCommandOptionChoice) []int64 {
		var out []int64
		for _, c := range list {
			out = append(out, int64(c.Value.(float64)))
		}
		return out
	}

	got := h.complete(admin, "feed", "remove", "feed", "KYIV")
	if len(got) != 1 || got[0].Name != "1 · Kyiv Independent — https://kyivindependent.example/feed" || ids(got)[0] != 1 {
		t.Errorf("choices for KYIV: %+v", got)
	}
	got = h.complete(admin, "feed", "remove", "feed", "world.rss")
	if !slices.Equal(ids(got), []int64{2}) || runeLen(got[0].Name) != maxChoiceName || !strings.HasPrefix(got[0].Name, "2 · Reuters World news") {
		t.Errorf("choices for world.rss: %+v", got)
	}
	if got := ids(h.complete(admin, "feed", "remove", "feed", "2")); !slices.Equal(got, []int64{2}) {
		t.Errorf("choices for 2: %v", got)
	}
	if got := ids(h.complete(admin, "feed", "remove", "feed", "")); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("choices for nothing typed: %v", got)
	}
	if got := h.complete(member("5", 0), "feed", "remove", "feed", "kyiv"); len(got) != 0 {
		t.Errorf("choices for a non-admin: %+v", got)
	}

	remove := func(id int64) string {
		return h.answered(h.command(admin, "feed", subOpt("remove", intOpt("feed", id)))).Original.Content
	}
	if got, want := remove(1), "No longer following feed 1 (Kyiv Independent). Its articles stay in the library."; got != want {
		t.Errorf("reply %q, want %q", got, want)
	}
	if got, want := remove(1), "Parley follows no feed 1: see /feed list for the feeds it follows."; got != want {
		t.Errorf("removing it again: reply %q, want %q", got, want)
	}
	if got := ff.unfollows(); !slices.Equal(got, []int64{1, 1}) {
		t.Errorf("Unfollow called with %v", got)
	}
	if got := ids(h.complete(admin, "feed", "remove", "feed", "")); !slices.Equal(got, []int64{2}) {
		t.Errorf("choices after the removal: %v", got)
	}
}

func TestFeedList(t *testing.T) {
	t.Parallel()
	polled := time.Date(2025, 8, 17, 12, 0, 0, 0, time.UTC)
	ff := &fakeFeeds{}
	h := startWith(t, Config{AdminUserIDs: []string{"9"}}, nil, func(d *Deps) { d.Feeds = ff })
	admin := member("9", 0)
	list := func() discordgo.InteractionResponseData {
		st := h.responded(h.command(admin, "feed", subOpt("list")))
		data := callbackData(t, st)
		if st.Callbacks[0].Type != discordgo.InteractionResponseChannelMessageWithSource || data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("callback %d %+v, want an ephemeral message", st.Callbacks[0].Type, data)
		}
		if data.AllowedMentions == nil || data.AllowedMentions.Parse == nil || len(data.AllowedMentions.Parse) != 0 {
			t.Errorf("list without allowed_mentions {parse: []}: %s", st.Callbacks[0].Data)
		}
		if n := runeLen(data.Content); n > maxContent {
			t.Errorf("list has %d characters", n)
		}
		return data
	}

	if got, want := list().Content, "Parley follows no feeds yet. Add one with /feed add."; got != want {
		t.Errorf("no feeds: %q, want %q", got, want)
	}

	ff.set(
		parley.Feed{ID: 1, URL: "https://kyivindependent.example/feed", Title: "Kyiv Independent", Items: 42, LastPolled: polled, NextPoll: polled.Add(15 * time.Minute)},
		parley.Feed{ID: 2, URL: "https://pings.example/rss", Title: "@everyone *news* <@123>", Items: 1, LastPolled: polled,
			Failures: 3, LastError: "the site answered 503 Service Unavailable, @here", NextPoll: polled.Add(2 * time.Hour)},
		parley.Feed{ID: 3, URL: "https://new.example/atom.xml"},
	)
	got := list().Content
	for _, want := range []string{
		"Parley follows 3 feeds:\n",
		fmt.Sprintf("Feed 1: Kyiv Independent — <https://kyivindependent.example/feed> · 42 items · last polled <t:%d:R>\n", polled.Unix()),
		fmt.Sprintf("Feed 2: @%severyone \\*news\\* <%s@123> — <https://pings.example/rss> · 1 item · last polled <t:%d:R> · "+
			"failing: 3 in a row (last error: the site answered 503 Service Unavailable, @%shere); next try <t:%d:R>\n",
			zwsp, zwsp, polled.Unix(), zwsp, polled.Add(2*time.Hour).Unix()),
		"Feed 3: <https://new.example/atom.xml> · 0 items · not polled yet",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("list lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"@everyone", "@here", "<@123>"} {
		if strings.Contains(got, bad) {
			t.Errorf("%s left as it is: %q", bad, got)
		}
	}

	var many []parley.Feed
	for i := range 40 {
		many = append(many, parley.Feed{ID: int64(i + 1), URL: fmt.Sprintf("https://site%d.example/feed.xml", i),
			Title: strings.Repeat("Peace talks ", 8), Failures: 1, LastError: strings.Repeat("timeout ", 20)})
	}
	ff.set(many...)
	got = list().Content
	if !strings.HasPrefix(got, "Parley follows 40 feeds:\nFeed 1: ") || !strings.HasSuffix(got, " more") {
		t.Errorf("a long list is not cut with how many more:\n%s", got)
	}
}
