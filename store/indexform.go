package store

import (
	"database/sql/driver"

	"modernc.org/sqlite"

	"github.com/parley-bot/parley/prose"
)

// The full-text index holds passages, titles and outlets in their index
// form (prose.IndexForm: NFKC, without soft hyphens, zero-width spaces and
// the other default-ignorable characters, Ukrainian and Russian words as
// their prose.SlavicKey), which is also how prose.Tokens
// re-ranks them and how a question's words are matched, so that
// "cease\u00ADfire", "Ｇｅｎｅｖａ" and "ﬁnal" are found by the plain word.
// The stored text and every offset into it stay as they were.
//
// parley_index_form is prose.IndexForm in SQL: the store indexes an
// article's passages in one statement, and migration 11 re-indexes a
// library indexed before, with it (and migration 14 a library indexed
// before the Slavic keys). parley_detect_language is prose.DetectLanguage,
// with which migration 14 gives the articles stored without a language
// the one of their text.
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
	sqlite.MustRegisterDeterministicScalarFunction("parley_detect_language", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return prose.DetectLanguage(v), nil
		case []byte:
			return prose.DetectLanguage(string(v)), nil
		}
		return "", nil
	})
}
