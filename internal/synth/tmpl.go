package synth

import (
	"fmt"
	"strings"
)

// tmpl is a sentence template compiled once at init into literal runs and
// slots, so that writing an article is appends and a switch, with no parsing.
type tmpl []seg

type seg struct {
	lit     string // written before the slot
	op, arg uint8
}

const (
	opNone uint8 = iota
	opPerson
	opSpeaker
	opQuote
	opAnalystQuote
	opVenue
	opFront
	opCityUA
	opRegion
	opMedia
	opSocial
	opHours
	opNpoint
	opNpoint2
	opMoney
	opPct
	opCap
	opOrdinal
	opCount
	opCount2
	opNdays
	opAdjPos
	opThink
	opPrisoners
	opPop
	opAnalyst
	opVillage
	opCompany
	opTanker
	opOp
	opRare
	opDay
	opWday
	opDate
	opDrones
	opMissiles
	opDown
	opInjured
)

// Person slot arguments: below argSide a person index; argSide+side a random
// figure of that side; argCurrent the side of the quote being written.
const (
	argSide    = 200
	argCurrent = 255
)

var slotOps = map[string]uint8{
	"p": opPerson, "s": opSpeaker, "q": opQuote, "aq": opAnalystQuote,
	"venue": opVenue, "front": opFront, "cityua": opCityUA, "region": opRegion,
	"media": opMedia, "social": opSocial, "hours": opHours, "npoint": opNpoint,
	"npoint2": opNpoint2, "money": opMoney, "pct": opPct, "cap": opCap,
	"ordinal": opOrdinal, "count": opCount, "count2": opCount2, "ndays": opNdays,
	"adjpos": opAdjPos, "think": opThink, "prisoners": opPrisoners, "pop": opPop,
	"analyst": opAnalyst, "village": opVillage, "company": opCompany,
	"tanker": opTanker, "op": opOp, "rare": opRare, "day": opDay, "wday": opWday,
	"date": opDate, "dr": opDrones, "mi": opMissiles, "down": opDown, "inj": opInjured,
}

// compile turns "text {slot:arg} text" into a tmpl. It panics on an unknown
// slot, which the tests catch as soon as the package loads.
func compile(s string) tmpl {
	var t tmpl
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			if s != "" {
				t = append(t, seg{lit: s})
			}
			return t
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			panic("synth: unclosed slot in " + s)
		}
		name, arg, hasArg := strings.Cut(s[open+1:open+end], ":")
		op, ok := slotOps[name]
		if !ok {
			panic(fmt.Sprintf("synth: unknown slot %q", name))
		}
		sg := seg{lit: s[:open], op: op}
		if op == opPerson || op == opSpeaker {
			sg.arg = personArg(arg, hasArg)
		}
		t = append(t, sg)
		s = s[open+end+1:]
	}
}

func personArg(arg string, hasArg bool) uint8 {
	if !hasArg {
		return argCurrent
	}
	for side, k := range sideKeys {
		if k == arg {
			return argSide + uint8(side)
		}
	}
	for i := range people {
		if people[i].key == arg {
			return uint8(i)
		}
	}
	panic("synth: unknown person " + arg)
}

func compileAll(ss []string) []tmpl {
	ts := make([]tmpl, len(ss))
	for i, s := range ss {
		ts[i] = compile(s)
	}
	return ts
}

var (
	generalC, tailC, quoteFormsC, strikesC, strikeFollowC []tmpl
	quotesC                                               [nSides][]tmpl
	sideIdx                                               [nSides][]uint8
)

func init() {
	if len(people) > 64 {
		panic("synth: more people than the mention bitset holds")
	}
	for i := range topics {
		tp := &topics[i]
		tp.titlesC, tp.leadsC, tp.bodyC = compileAll(tp.titles), compileAll(tp.leads), compileAll(tp.body)
	}
	generalC, tailC, quoteFormsC = compileAll(general), compileAll(tail), compileAll(quoteForms)
	strikesC, strikeFollowC = compileAll(strikes), compileAll(strikeFollow)
	for side := range nSides {
		quotesC[side] = compileAll(quotes[side])
		for _, k := range sideWeights[side] {
			sideIdx[side] = append(sideIdx[side], personArg(k, true))
		}
	}
}
