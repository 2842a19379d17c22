package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// scopeJSON, summaryJSON and timelineJSON are what --json prints (a
// contract: fields may be added, never renamed).
type scopeJSON struct {
	Topic     string `json:"topic"`
	Since     string `json:"since"`
	Until     string `json:"until"`
	ArticleID int64  `json:"article_id"`
}

type summaryJSON struct {
	Scope   scopeJSON   `json:"scope"`
	Bullets []pointJSON `json:"bullets"`
	Mode    string      `json:"mode"`
	TookMS  float64     `json:"took_ms"`
}

type timelineJSON struct {
	Scope  scopeJSON   `json:"scope"`
	Events []pointJSON `json:"events"`
	TookMS float64     `json:"took_ms"`
}

type pointJSON struct {
	Date      string         `json:"date,omitempty"`
	Text      string         `json:"text"`
	Citations []citationJSON `json:"citations"`
}

func digestToJSON(dg *parley.Digest, timeline bool, sm parley.StateMedia) any {
	scope := scopeJSON{Topic: dg.Scope.Topic, Since: parley.FormatDate(dg.Scope.Since),
		Until: parley.FormatDate(dg.Scope.Until), ArticleID: dg.Scope.ArticleID}
	points := []pointJSON{}
	for _, p := range dg.Points {
		points = append(points, pointJSON{Date: parley.FormatDate(p.Date), Text: p.Text,
			Citations: toJSON(&parley.Answer{Citations: p.Citations}, sm).Citations})
	}
	if timeline {
		return timelineJSON{Scope: scope, Events: points, TookMS: ms(dg.Took)}
	}
	return summaryJSON{Scope: scope, Bullets: points, Mode: dg.Mode, TookMS: ms(dg.Took)}
}

func cmdSummary(ctx context.Context, e *env, args []string) error {
	return digestCommand(ctx, e, "summary", args)
}

func cmdTimeline(ctx context.Context, e *env, args []string) error {
	return digestCommand(ctx, e, "timeline", args)
}

func digestCommand(ctx context.Context, e *env, name string, args []string) error {
	fs := newFlags(e, name)
	topic := fs.String("topic", "", "only what is about this topic")
	since := fs.String("since", "", "only articles published since: 24h, 7d, 2w or YYYY-MM-DD")
	until := fs.String("until", "", "only articles published before: 24h, 7d, 2w or YYYY-MM-DD")
	var article int64
	if name == "summary" {
		fs.Int64Var(&article, "article", 0, "summarise one article (its id, see parley list)")
	}
	asJSON := fs.Bool("json", false, "print as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("%s takes flags only, e.g. parley %s --topic sanctions --since 7d", name, name)
	}
	now := time.Now()
	var scope parley.Scope
	scope.Topic, scope.ArticleID = strings.TrimSpace(*topic), article
	scope.Lang = prose.QuestionLanguage(scope.Topic) // a topic in Ukrainian or Russian gets a digest in it
	if scope.Since, err = parley.ParseWhen(*since, now); err != nil {
		return usagef("--since: %v", err)
	}
	if scope.Until, err = parley.ParseWhen(*until, now); err != nil {
		return usagef("--until: %v", err)
	}
	db, ans, err := e.openToAsk(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if article != 0 {
		// An article that is not there is a failure, as for show.
		if _, err := findArticle(ctx, db, article); err != nil {
			return err
		}
	}
	d := ans.digests(db)
	var dg *parley.Digest
	if name == "summary" {
		dg, err = d.Summary(ctx, scope)
	} else {
		dg, err = d.Timeline(ctx, scope)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, digestToJSON(dg, name == "timeline", ans.stateMedia))
	}
	_, err = fmt.Fprintln(e.stdout, dg.Text)
	return err
}
