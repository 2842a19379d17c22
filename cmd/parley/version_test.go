package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestBuildVersion: --version names the build: the module's version (a
// tag, or the pseudo-version go build stamps from the commit, +dirty with
// changes), else the commit go stamped, else "dev".
func TestBuildVersion(t *testing.T) {
	vcs := func(main string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/parley-bot/parley", Version: main}}
		for i := 0; i < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "268413dab0ee8c3f51a1e2a4a7d6b0c1d2e3f4a5"
	for _, tc := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{nil, "dev"},
		{vcs("v1.4.0"), "v1.4.0"},
		{vcs("v0.0.0-20261201105921-268413dab0ee+dirty", "vcs.revision", rev, "vcs.modified", "true"), "v0.0.0-20261201105921-268413dab0ee+dirty"},
		{vcs("(devel)", "vcs.revision", rev, "vcs.modified", "false"), "268413dab0ee"},
		{vcs("(devel)", "vcs.revision", rev, "vcs.modified", "true"), "268413dab0ee+dirty"},
		{vcs("(devel)"), "dev"},
		{vcs(""), "dev"},
	} {
		if got := buildVersion(tc.bi); got != tc.want {
			t.Errorf("buildVersion(%v) = %q, want %q", tc.bi, got, tc.want)
		}
	}
}

// TestVersionFromTheBuild: the version the Dockerfile passes
// (-ldflags "-X main.version=…") is the one --version prints.
func TestVersionFromTheBuild(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "parley")
	// Without version control information: the test needs none, and a
	// checkout git will not read (another owner's) would fail the build.
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X main.version=v9.8.7-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "--version").Output(); err != nil || string(out) != "parley v9.8.7-test\n" {
		t.Errorf("built with -X main.version=v9.8.7-test, --version says %q (%v)", out, err)
	}
}
