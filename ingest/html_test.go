package ingest

import "testing"

func TestDropByline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Philip Gordon and Lucy Light\n\nThe talks resumed.", "The talks resumed."},
		{"BY JANE DOE\n\nThe talks resumed.", "The talks resumed."},
		{"By Friday, the talks had resumed.\n\nMore.", "By Friday, the talks had resumed.\n\nMore."},
		{"By the time envoys arrived in Geneva on a grey and windy morning they had\n\nMore.", "By the time envoys arrived in Geneva on a grey and windy morning they had\n\nMore."},
		{"Byzantine politics\n\nMore.", "Byzantine politics\n\nMore."},
		{"By Jane Doe", "By Jane Doe"},
	}
	for _, tt := range tests {
		if got := dropByline(tt.in); got != tt.want {
			t.Errorf("dropByline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
