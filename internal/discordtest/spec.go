package discordtest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// openapiJSON is Discord's OpenAPI description, vendored with its source
// and licence in spec/ (see spec/SOURCE.md) and embedded, so that every
// test, and the standalone fake, validates against it from any directory.
//
//go:embed spec/openapi.json
var openapiJSON []byte

// specName names the description in error messages.
const specName = "spec/openapi.json"

// specURL names the document inside the schema compiler; schemas are
// compiled from JSON pointers into it, so every "#/components/schemas/…"
// reference resolves against the whole document.
const specURL = "file:///discord/openapi.json"

// loadSpec parses the description once per process: it is 1.2 MB and every
// Server shares it, together with the schemas compiled from it.
var loadSpec = sync.OnceValues(func() (*spec, error) { return parseSpec(openapiJSON) })

// spec is the part of the description the fake needs: each templated path
// with its operations, and a compiler that turns the schemas the operations
// point at into validators on first use.
type spec struct {
	routes []*specRoute

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema // by JSON pointer
}

type specRoute struct {
	template string
	segs     []string
	ops      map[string]*specOp // by upper-case method
}

type specOp struct {
	id     string
	params []specParam
	body   *specBody
}

type specParam struct {
	name, in string
	required bool
	ptr      string // JSON pointer to the parameter's schema
	types    []string
}

type specBody struct {
	required bool
	media    map[string]string // media type → JSON pointer to its schema
}

// rawSpec mirrors just the fields of an OpenAPI document that routing,
// parameters and request bodies need; schemas stay in the compiler.
type rawSpec struct {
	Paths map[string]map[string]json.RawMessage `json:"paths"`
}

type rawOp struct {
	OperationID string     `json:"operationId"`
	Parameters  []rawParam `json:"parameters"`
	RequestBody *struct {
		Required bool                       `json:"required"`
		Content  map[string]json.RawMessage `json:"content"`
	} `json:"requestBody"`
}

type rawParam struct {
	Name     string         `json:"name"`
	In       string         `json:"in"`
	Required bool           `json:"required"`
	Schema   map[string]any `json:"schema"`
}

// parseSpec applies the transformations in fixSpec, then indexes the paths.
// The document is OpenAPI 3.1 (JSON Schema 2020-12); its schemas are compiled
// with santhosh-tekuri/jsonschema, the 2020-12 engine kin-openapi itself uses
// for 3.1, once per operation rather than on every request.
func parseSpec(b []byte) (*spec, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // maximum 18014398509481983 does not survive float64
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", specName, err)
	}
	fixSpec(doc, "")
	fixed, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var raw rawSpec
	if err := json.Unmarshal(fixed, &raw); err != nil {
		return nil, fmt.Errorf("parse %s: %w", specName, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat() // uri and date-time; Discord's own formats (snowflake, int64…) are unknown and ignored
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, fmt.Errorf("load %s: %w", specName, err)
	}
	s := &spec{compiler: c, schemas: map[string]*jsonschema.Schema{}}
	for tmpl, item := range raw.Paths {
		r := &specRoute{template: tmpl, segs: splitPath(tmpl), ops: map[string]*specOp{}}
		var shared []rawParam
		if p, ok := item["parameters"]; ok {
			if err := json.Unmarshal(p, &shared); err != nil {
				return nil, fmt.Errorf("%s parameters: %w", tmpl, err)
			}
		}
		for method, opJSON := range item {
			if method == "parameters" || strings.HasPrefix(method, "x-") {
				continue
			}
			var op rawOp
			if err := json.Unmarshal(opJSON, &op); err != nil {
				return nil, fmt.Errorf("%s %s: %w", method, tmpl, err)
			}
			opPtr := "/paths/" + escapePointer(tmpl) + "/" + method
			o := &specOp{id: op.OperationID}
			for i, p := range op.Parameters {
				o.params = append(o.params, newSpecParam(p, fmt.Sprintf("%s/parameters/%d/schema", opPtr, i)))
			}
			for i, p := range shared {
				if !o.hasParam(p.Name, p.In) { // an operation's parameter overrides the path's
					o.params = append(o.params, newSpecParam(p, fmt.Sprintf("/paths/%s/parameters/%d/schema", escapePointer(tmpl), i)))
				}
			}
			if rb := op.RequestBody; rb != nil {
				o.body = &specBody{required: rb.Required, media: map[string]string{}}
				for mt := range rb.Content {
					o.body.media[mt] = opPtr + "/requestBody/content/" + escapePointer(mt) + "/schema"
				}
			}
			r.ops[strings.ToUpper(method)] = o
		}
		s.routes = append(s.routes, r)
	}
	return s, nil
}

func newSpecParam(p rawParam, ptr string) specParam {
	sp := specParam{name: p.Name, in: p.In, required: p.Required, ptr: ptr}
	switch t := p.Schema["type"].(type) {
	case string:
		sp.types = []string{t}
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok {
				sp.types = append(sp.types, s)
			}
		}
	}
	return sp
}

func (o *specOp) hasParam(name, in string) bool {
	for _, p := range o.params {
		if p.name == name && p.in == in {
			return true
		}
	}
	return false
}

// fixSpec rewrites the parts of Discord's description that disagree with
// what Discord accepts, in place. There is one, from SOURCE.md: the spec
// types default_member_permissions as an integer (["integer","null"] with a
// minimum and maximum), while Discord and discordgo send a string of digits
// ("8"), so every such property becomes {"type": ["string","null"],
// "pattern": "^[0-9]+$"}. No other preprocessing is needed: type arrays,
// const, oneOf with {"type":"null"} and $ref siblings are plain JSON Schema
// 2020-12, which the compiler reads as they are.
func fixSpec(node any, key string) {
	switch n := node.(type) {
	case map[string]any:
		if props, ok := n["properties"].(map[string]any); ok {
			if dmp, ok := props["default_member_permissions"].(map[string]any); ok && typeIncludes(dmp["type"], "integer") {
				props["default_member_permissions"] = map[string]any{
					"type":    []any{"string", "null"},
					"pattern": "^[0-9]+$",
				}
			}
		}
		for k, v := range n {
			fixSpec(v, k)
		}
	case []any:
		for _, v := range n {
			fixSpec(v, key)
		}
	}
}

func typeIncludes(t any, want string) bool {
	switch t := t.(type) {
	case string:
		return t == want
	case []any:
		for _, v := range t {
			if v == want {
				return true
			}
		}
	}
	return false
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// find returns the operation for a method and a path without the /api/vN
// prefix. Where templates overlap, the one with a literal segment earliest
// wins, so /channels/1/messages/pins/2 is a pin, not a message id "pins".
func (s *spec) find(method, path string) (*specRoute, *specOp, map[string]string) {
	segs := splitPath(path)
	var cands []*specRoute
	for _, r := range s.routes {
		if r.ops[method] != nil && matchSegs(r.segs, segs) != nil {
			cands = append(cands, r)
		}
	}
	if len(cands) == 0 {
		return nil, nil, nil
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i].segs, cands[j].segs
		for k := range a {
			la, lb := !isParam(a[k]), !isParam(b[k])
			if la != lb {
				return la
			}
		}
		return cands[i].template < cands[j].template
	})
	r := cands[0]
	return r, r.ops[method], matchSegs(r.segs, segs)
}

// schema compiles the schema at a JSON pointer into the document once.
func (s *spec) schema(ptr string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.schemas[ptr]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(specURL + "#" + ptr)
	if err != nil {
		return nil, err
	}
	s.schemas[ptr] = sch
	return sch, nil
}

// check validates one request against its operation: path and query
// parameters, and the JSON body (for multipart, its payload_json part). It
// returns one message per problem; an operation the spec does not describe
// yields none.
func (s *spec) check(method, path string, query map[string][]string, contentType string, body []byte) []string {
	route, op, pathParams := s.find(method, path)
	if op == nil {
		return nil
	}
	where := fmt.Sprintf("%s (%s %s)", op.id, method, route.template)
	var problems []string
	for _, p := range op.params {
		var values []string
		switch p.in {
		case "path":
			values = []string{pathParams[p.name]}
		case "query":
			values = query[p.name]
		default:
			continue
		}
		if len(values) == 0 {
			if p.required {
				problems = append(problems, fmt.Sprintf("%s: missing required %s parameter %q", where, p.in, p.name))
			}
			continue
		}
		if err := s.validate(p.ptr, p.paramValue(values)); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s parameter %s=%q: %s", where, p.in, p.name, strings.Join(values, ","), schemaError(err)))
		}
	}
	for name := range query {
		if !op.hasParam(name, "query") {
			problems = append(problems, fmt.Sprintf("%s: query parameter %q is not in the spec", where, name))
		}
	}
	switch {
	case len(body) == 0:
		if op.body != nil && op.body.required {
			problems = append(problems, fmt.Sprintf("%s: request body is required", where))
		}
	case op.body == nil:
		problems = append(problems, fmt.Sprintf("%s: takes no request body, got %d bytes", where, len(body)))
	default:
		// discordgo sends JSON, or multipart with the JSON in payload_json:
		// both are checked against the operation's application/json schema.
		ptr, ok := op.body.media["application/json"]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: the spec has no application/json body (content type %q)", where, contentType))
			break
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: request body is not JSON: %v", where, err))
			break
		}
		if err := s.validate(ptr, v); err != nil {
			problems = append(problems, fmt.Sprintf("%s: request body: %s", where, schemaError(err)))
		}
	}
	return problems
}

func (s *spec) validate(ptr string, v any) error {
	sch, err := s.schema(ptr)
	if err != nil {
		return fmt.Errorf("compile schema %s: %w", ptr, err)
	}
	return sch.Validate(v)
}

// paramValue turns the strings of a URL into the JSON value the schema
// describes, so "wait=true" checks against {"type": "boolean"}; a string that
// does not parse stays a string and fails validation with a clear message.
func (p specParam) paramValue(values []string) any {
	conv := func(s string) any {
		for _, t := range p.types {
			switch t {
			case "boolean":
				if b, err := strconv.ParseBool(s); err == nil && (s == "true" || s == "false") {
					return b
				}
			case "integer", "number":
				if _, err := strconv.ParseFloat(s, 64); err == nil {
					return json.Number(s)
				}
			}
		}
		return s
	}
	for _, t := range p.types {
		if t == "array" {
			out := make([]any, len(values))
			for i, v := range values {
				out[i] = conv(v)
			}
			return out
		}
	}
	return conv(values[0])
}

// schemaError flattens a validation error's tree to its leaves, one clause
// per failure, which is what a failing test needs to read.
func schemaError(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	var leaves []string
	var walk func(jsonschema.OutputUnit)
	walk = func(u jsonschema.OutputUnit) {
		if len(u.Errors) == 0 && u.Error != nil {
			leaves = append(leaves, fmt.Sprintf("at '%s': %s", u.InstanceLocation, u.Error))
		}
		for _, c := range u.Errors {
			walk(c)
		}
	}
	walk(*ve.DetailedOutput())
	return strings.Join(leaves, "; ")
}
