package store

import (
	"database/sql/driver"

	"modernc.org/sqlite"

	"github.com/parley-bot/parley/prose"
)

// The full-text index holds passages, titles and outlets in their index
// form (prose.IndexForm: NFKC, without soft hyphens, zero-width spaces and
// the other default-ignorable characters), which is also how prose.Tokens
// re-ranks them and how a question's words are matched, so that
// "cease\u00ADfire", "Ｇｅｎｅｖａ" and "ﬁnal" are found by the plain word.
// The stored text and every offset into it stay as they were.
//
// parley_index_form is prose.IndexForm in SQL: the store indexes an
// article's passages in one statement, and migration 11 re-indexes a
// library indexed before, with it.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("parley_index_form", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return prose.IndexForm(v), nil
		case []byte:
			return prose.IndexForm(string(v)), nil
		}
		return args[0], nil
	})
}
