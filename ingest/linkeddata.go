package ingest

import (
	"encoding/json"
	"strings"
)

// articleTypes are the schema.org types whose JSON-LD describes the article
// itself rather than the site, a breadcrumb or a video.
var articleTypes = map[string]bool{
	"NewsArticle": true, "Article": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "BackgroundNewsArticle": true,
	"ReviewNewsArticle": true, "BlogPosting": true, "LiveBlogPosting": true,
}

// ldNode is one JSON-LD object.
type ldNode map[string]any

// LinkedArticle is the article object of a page's JSON-LD (schema.org
// structured data), with the other objects of its document by @id, since
// @graph documents name an author or publisher by reference. Publishers
// fill it in for search engines, so it is the most reliable thing a page
// says about itself: what it is, and whether it is free to read.
type LinkedArticle struct {
	node ldNode
	ids  map[string]ldNode
}

// FindLinkedArticle returns the first article object in a JSON-LD document
// (the document itself, an element of an array, or a node of an @graph),
// or nil if it holds none.
func FindLinkedArticle(src []byte) *LinkedArticle {
	var doc any
	if json.Unmarshal(src, &doc) != nil {
		return nil
	}
	var nodes []ldNode
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				collect(e)
			}
		case map[string]any:
			nodes = append(nodes, v)
			collect(v["@graph"])
		}
	}
	collect(doc)
	ids := map[string]ldNode{}
	for _, n := range nodes {
		if id := str(n["@id"]); id != "" {
			ids[id] = n
		}
	}
	for _, n := range nodes {
		if articleType(n["@type"]) != "" {
			return &LinkedArticle{n, ids}
		}
	}
	return nil
}

// articleType is the first of the types t names (a string or an array of
// them) that is an article's, or "".
func articleType(t any) string {
	switch t := t.(type) {
	case string:
		if articleTypes[t] {
			return t
		}
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && articleTypes[s] {
				return s
			}
		}
	}
	return ""
}

// Type is the article's schema.org type, such as "NewsArticle".
func (a *LinkedArticle) Type() string { return articleType(a.node["@type"]) }

// Text is the string value of field key ("headline", "datePublished"), or
// "" if it is missing or not a string.
func (a *LinkedArticle) Text(key string) string { return str(a.node[key]) }

// Paywalled says whether the article declares itself not free to read
// (isAccessibleForFree false, which publishers write as a boolean or a
// string), as Google asks of paywalled pages.
func (a *LinkedArticle) Paywalled() bool {
	switch v := a.node["isAccessibleForFree"].(type) {
	case bool:
		return !v
	case string:
		return strings.EqualFold(strings.TrimSpace(v), "false")
	}
	return false
}

// Names returns the names in field key ("author", "publisher"), which
// JSON-LD writes as a string, an object with a name, a reference by @id, or
// an array of those.
func (a *LinkedArticle) Names(key string) []string {
	var out []string
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				add(e)
			}
		case map[string]any:
			if name := str(v["name"]); name != "" {
				out = append(out, name)
			} else if ref, ok := a.ids[str(v["@id"])]; ok && str(ref["name"]) != "" {
				out = append(out, str(ref["name"]))
			}
		}
	}
	add(a.node[key])
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
