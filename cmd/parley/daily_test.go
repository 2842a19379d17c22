package main

import (
	"strings"
	"testing"
)

// TestNotFoundExitsOne: whatever names an article or a feed that is not in
// the library fails with status 1, says so on stderr and prints nothing on
// stdout.
func TestNotFoundExitsOne(t *testing.T) {
	env := tempDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"show", "999"}, "no article 999"},
		{[]string{"summary", "--article", "999"}, "no article 999"},
		{[]string{"summary", "--article", "999", "--json"}, "no article 999"},
		{[]string{"remove", "999"}, "no article 999"},
		{[]string{"feed", "remove", "9"}, "no feed 9"},
	} {
		code, out, errOut := runParley(t, env, tc.args...)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("parley %q: exit %d, stdout %q, stderr %q; want exit 1 and %q on stderr", tc.args, code, out, errOut, tc.want)
		}
	}
}
