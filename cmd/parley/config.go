package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
)

// Config is the file given by --config (config.json by default, when it
// exists). config.example.json documents every key. String values may name
// environment variables as ${NAME}.
type Config struct {
	Database string `json:"database"`
}

var reEnvRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// loadConfig reads the config file. With no --config, config.json is read
// when it exists and otherwise the defaults apply. Unknown keys are an error
// that names the key, so a typo never silently does nothing.
func loadConfig(path string, explicit bool, getenv func(string) string) (Config, error) {
	var c Config
	b, err := os.ReadFile(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return c, nil
		}
		return c, fmt.Errorf("config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + bytes.Count(b[:se.Offset], []byte("\n"))
			return c, fmt.Errorf("config %s, line %d: %v", path, line, err)
		}
		// encoding/json says `json: unknown field "x"`; keep its key name.
		return c, fmt.Errorf("config %s: %s", path, strings.TrimPrefix(err.Error(), "json: "))
	}
	var missing []string
	expand := func(s string) string {
		return reEnvRef.ReplaceAllStringFunc(s, func(ref string) string {
			name := reEnvRef.FindStringSubmatch(ref)[1]
			v := getenv(name)
			if v == "" {
				missing = append(missing, name)
			}
			return v
		})
	}
	c.Database = expand(c.Database)
	if len(missing) > 0 {
		return c, fmt.Errorf("config %s: environment variable %s is not set", path, strings.Join(missing, ", "))
	}
	return c, nil
}
