package prose

import (
	"slices"
	"sync"
)

// synonyms lists words that news prose uses for the words people ask with,
// in general news vocabulary (no group names an article or a question). Each
// group is tried both ways; a match through a synonym counts less than the
// word itself, in search and in the answerer alike.
var synonyms = [][]string{
	{"troops", "soldiers", "forces", "boots"},
	{"guarantee", "guarantees", "protection", "protections", "assurances", "security"},
	{"ceasefire", "truce", "armistice"},
	{"summit", "meeting", "talks", "met"},
	{"territory", "territories", "land", "regions"},
	{"sanctions", "penalties"},
	{"agree", "agreed", "accept", "accepted", "concession", "concessions"},
	// What sides come out of a meeting with: "agreed to" is reported as
	// "promised to" or "pledged to".
	{"agree", "agreed", "promise", "promised", "promising", "pledge", "pledged"},
	{"alaska", "anchorage"},
	{"three-way", "trilateral"},
	{"deploy", "deployed", "send", "sent"},
	{"zelensky", "zelenskyy", "zelenskiy"},
	{"nato", "alliance"},
	// Demonyms and the usual metonyms of news prose: "Russia agreed" is
	// reported as "Putin agreed" or "the Kremlin agreed".
	{"russia", "russian", "russians", "putin", "kremlin", "moscow"},
	{"ukraine", "ukrainian", "ukrainians", "kyiv", "zelensky", "zelenskyy"},
	{"us", "american", "americans", "washington", "america"},
	{"europe", "european", "europeans"},
	{"trilateral", "three-way", "three"},
	{"give", "cede", "surrender", "compromises"},
	{"lead", "leading", "led", "headed", "heads", "chaired", "ran", "charge"},
	{"kids", "children", "minors"},
	{"swap", "swapped", "exchange", "exchanged", "trade", "traded"},
	{"prisoners", "pows", "captives"},
	{"cancel", "cancelled", "canceled", "scrapped", "shelved", "postponed"},
	{"deadline", "ultimatum"},
	{"call", "phone", "conversation", "spoke"},
	{"stop", "stopped", "pause", "paused", "halt", "halted", "suspend", "suspended"},
	{"intel", "intelligence"},
	{"blowup", "clash", "row", "spat", "confrontation"},
	{"plan", "proposal", "framework"},
	{"deal", "agreement", "accord", "pact"},
	{"army", "military", "forces"},
	{"start", "begin", "begins", "began"},
	{"finish", "end", "ends", "ended", "expire", "expired", "lapse", "lapsed"},
	{"drew", "drafted", "wrote", "authored"},
	{"legit", "legitimate"},
	{"drop", "dropped", "abandon", "abandoned", "backed", "retreated"},
	{"walk", "leave", "left", "depart", "departed"},
	{"fire", "fired", "launch", "launched"},
	// Ukrainian and Russian: the words news prose in them uses for the
	// words people ask with, as above (a word stands for all its forms).
	{"очолив", "очолювала", "очолював", "керував", "керувала", "чолі", "возглавил", "возглавлял", "возглавила", "руководил"},
	{"домовилися", "погодилися", "домовленість", "угода", "договорились", "согласились", "договорённость", "соглашение"},
	{"переговори", "перемовини", "консультації", "зустріч", "переговоры", "консультации", "встреча"},
	{"саміт", "зустріч", "саммит", "встреча"},
	{"полонені", "полонених", "військовополонені", "пленные", "военнопленные"},
	{"обмін", "обміняли", "обмен", "обменялись"},
	{"відклав", "переніс", "переносить", "скасував", "отложил", "перенёс", "переносит", "отменил"},
	{"поїздку", "поїздка", "візит", "поездку", "поездка", "визит"},
	{"військових", "військовослужбовців", "солдатів", "военных", "военнослужащих", "солдат"},
	{"тіла", "тіл", "загиблих", "тела", "погибших"},
	{"запропонував", "пропонував", "пропонувала", "предложил", "предлагал", "предлагала"},
	{"почалися", "розпочалися", "стартували", "начались", "стартовали"},
	{"армію", "армія", "збройні", "армия", "армию", "вооружённые"},
}

// synonymTable is the synonyms by stem: the stems of the other words of
// each group the stem is in, and the words themselves, as a search of the
// index wants them (the index stems them its own way).
type synonymTable struct {
	stems map[string][]string
	words map[string][]string
}

var synonymsByStem = sync.OnceValue(func() synonymTable {
	t := synonymTable{stems: map[string][]string{}, words: map[string][]string{}}
	for _, g := range synonyms {
		for _, w := range g {
			s := termOf(w)
			for _, o := range g {
				if o == w {
					continue
				}
				if os := termOf(o); os != s && !slices.Contains(t.stems[s], os) {
					t.stems[s] = append(t.stems[s], os)
				}
				if !slices.Contains(t.words[s], o) {
					t.words[s] = append(t.words[s], o)
				}
			}
		}
	}
	return t
})

// termOf is a word's term as Tokens gives it: a Cyrillic word by its
// SlavicKey.
func termOf(w string) string {
	if hasCyrillic(w) {
		return Stem(SlavicKey(w))
	}
	return Stem(w)
}

// SynonymStems returns the stems of the words that news prose uses for the
// word whose stem is given ("soldier" → "troop", "forc", "boot").
func SynonymStems(stem string) []string { return synonymsByStem().stems[stem] }

// SynonymWords returns those words as written ("soldier" → "troops",
// "forces", "boots").
func SynonymWords(stem string) []string { return synonymsByStem().words[stem] }
