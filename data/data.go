// Package data holds the articles Parley ships with. They are embedded in
// the binary, so that a new library on a fresh machine can answer questions
// before anyone adds an article. The library file itself (parley.db) is
// created beside them by default and is never committed.
package data

import "embed"

// Seeds are the bundled articles: Markdown with front matter.
//
//go:embed *.md
var Seeds embed.FS
