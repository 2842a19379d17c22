package parley

import "strings"

// StateMedia maps the outlets whose editorial line a state controls to that
// state, as the adjective a reader expects ("Russian", "Chinese"), so that
// wherever Parley names such an outlet the reader knows whose voice it is.
// Keys are outlet names folded by outletKey; add to one with With.
type StateMedia map[string]string

// DefaultStateMedia returns the built-in list: news agencies, broadcasters
// and newspapers owned and editorially controlled by a government, as their
// Wikipedia articles document, the ones among them that Twitter labelled
// "state-affiliated media" (2020–2023), and RT and Sputnik, whose broadcasts
// the EU suspended as state propaganda (Council Regulation 2022/350).
// Public broadcasters with guaranteed editorial independence (BBC, PBS,
// Deutsche Welle, Suspilne, the EBU's members) are not state media in this
// sense and are not listed. Each outlet comes with the spellings under
// which it publishes: Latin and Cyrillic or Chinese, full and short.
func DefaultStateMedia() StateMedia {
	m := StateMedia{}
	for state, names := range map[string][]string{
		"Russian": {
			"TASS", "ТАСС", "ITAR-TASS", "ИТАР-ТАСС", "TASS Russian News Agency",
			"RIA Novosti", "РИА Новости", "Rossiya Segodnya", "Россия сегодня",
			"RT", "Russia Today", "RT International", "RT News", "RT на русском",
			"Sputnik", "Sputnik International", "Sputnik Globe", "Sputnik News",
			"Channel One Russia", "Первый канал", "VGTRK", "ВГТРК",
			"Rossiya 1", "Россия 1", "Rossiya 24", "Россия 24",
			"Rossiyskaya Gazeta", "Российская газета",
		},
		"Belarusian": {"BelTA", "БелТА"},
		"Ukrainian":  {"Ukrinform", "Укрінформ"},
		"Chinese": {
			"Xinhua", "Xinhua News Agency", "新华社", "CGTN", "CCTV", "China Central Television",
			"China Daily", "People's Daily", "人民日报", "Global Times", "环球时报",
		},
	} {
		for _, name := range names {
			m[outletKey(name)] = state
		}
	}
	return m
}

// With returns a copy of m that also has the outlets of extra (outlet name
// to state adjective), as a config adds them; extra wins where both name
// an outlet.
func (m StateMedia) With(extra map[string]string) StateMedia {
	out := make(StateMedia, len(m)+len(extra))
	for k, v := range m {
		out[k] = v
	}
	for name, state := range extra {
		out[outletKey(name)] = strings.TrimSpace(state)
	}
	return out
}

// State returns the state whose media an outlet is ("Russian"), or "" for
// an outlet not on the list. Case, spacing and hyphens do not matter.
func (m StateMedia) State(outlet string) string { return m[outletKey(outlet)] }

// Label names an outlet as Parley shows it: "TASS (Russian state media)"
// for state media, the name alone otherwise.
func (m StateMedia) Label(outlet string) string {
	if s := m.State(outlet); s != "" {
		return outlet + " (" + s + " state media)"
	}
	return outlet
}

// outletKey folds an outlet name for matching: lower case, hyphens as
// spaces, runs of space as one.
func outletKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("-", " ", "‑", " ", "–", " ").Replace(name))), " ")
}

// Outlets returns the outlets that published what the citations cite, each
// once, in order of first mention: every cited article's own outlet and
// those it was also published by. Names that differ only in case are one
// outlet; an article with no outlet named adds none. "Reported by N
// outlets" counts these, not articles.
func Outlets(cs []Citation) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if k := outletKey(name); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, strings.TrimSpace(name))
		}
	}
	for _, c := range cs {
		add(c.Source.Outlet)
		for _, o := range c.Source.Also {
			add(o)
		}
	}
	return out
}
