package prose

import "testing"

func TestClip(t *testing.T) {
	tests := []struct {
		in          string
		n           int
		clip, words string
	}{
		{"short", 10, "short", "short"},
		{"exactly ten", 11, "exactly ten", "exactly ten"},
		{"Переговоры в Женеве", 10, "Переговор…", "Переговор…"},
		{"Переговоры в Женеве", 14, "Переговоры в…", "Переговоры в…"},
		{"a b c d e", 4, "a b…", "a b…"},
		{"talks in Geneva", 12, "talks in Ge…", "talks in…"},
		{"talks    in", 8, "talks…", "talks…"},
		{"anything", 0, "", ""},
		{"ab", 1, "…", "…"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name string
			fn   func(string, int) string
			want string
		}{{"Clip", Clip, tt.clip}, {"ClipWords", ClipWords, tt.words}} {
			got := c.fn(tt.in, tt.n)
			if got != c.want {
				t.Errorf("%s(%q, %d) = %q, want %q", c.name, tt.in, tt.n, got, c.want)
			}
			if n := len([]rune(got)); n > max(tt.n, 0) {
				t.Errorf("%s(%q, %d) is %d characters", c.name, tt.in, tt.n, n)
			}
		}
	}
}
