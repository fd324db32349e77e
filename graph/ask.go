package graph

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
)

// The ready-made questions are Gizmo scripts kept as readable files, so that
// users can read them (dkg meetings --show-query) and write their own. They
// run after the prelude (see Prelude) and get their parameters in params.
//
//go:embed queries/*.js
var queries embed.FS

// Queries lists the names of the ready-made queries.
func Queries() []string {
	entries, _ := fs.ReadDir(queries, "queries")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	sort.Strings(out)
	return out
}

// Script returns the Gizmo source of a ready-made query, with its parameters
// bound in a first line (`var params = {...};`). It runs as it is with
// `dkg query -f`, which puts the prelude before it.
func Script(name string, params map[string]any) (string, error) {
	src, err := queries.ReadFile("queries/" + name + ".js")
	if err != nil {
		return "", fmt.Errorf("no ready-made query %q", name)
	}
	p, err := paramsLiteral(params)
	if err != nil {
		return "", err
	}
	return "var params = " + p + ";\n" + string(src), nil
}

// Expr is a parameter value written into a script as JavaScript rather than
// as a JSON value: `dkg.person("Xi Jinping").ToValue()`.
type Expr string

// paramsLiteral writes params as a JavaScript object literal, keys sorted.
func paramsLiteral(params map[string]any) (string, error) {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		kb, _ := marshalJS(k)
		b.Write(kb)
		b.WriteString(": ")
		if e, ok := params[k].(Expr); ok {
			b.WriteString(string(e))
			continue
		}
		vb, err := marshalJS(params[k])
		if err != nil {
			return "", err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.String(), nil
}

// Ask runs a ready-made query and returns its rows in the order the query
// emits them, with literal values made plain ("2023-06" rather than its
// typed form) and repeated rows dropped. limit caps the rows (<= 0: all);
// the query sees it as params.limit, so that it can stop early.
func (s *Store) Ask(ctx context.Context, name string, params map[string]any, limit int) ([]map[string]any, error) {
	if limit > 0 {
		params = cloneParams(params)
		params["limit"] = limit
	}
	src, err := Script(name, params)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, src, 0, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := rows[:0]
	seen := make(map[string]bool, len(rows))
	for _, r := range rows {
		for k, v := range r {
			r[k] = plain(v)
		}
		key, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		out = append(out, r)
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// marshalJS is json.Marshal without the escapes of <, > and & that would
// make IRIs unreadable in a script.
func marshalJS(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func cloneParams(p map[string]any) map[string]any {
	out := make(map[string]any, len(p)+1)
	for k, v := range p {
		out[k] = v
	}
	return out
}

// plain makes the strings in a value plain (see plainValue).
func plain(v any) any {
	switch x := v.(type) {
	case string:
		return plainValue(x)
	case []any:
		y := slices.Clone(x)
		for i := range y {
			y[i] = plain(y[i])
		}
		return y
	}
	return v
}

// plainValue turns Gizmo's JSON rendering of a typed literal
// ("\"2023-06\"^^<...#gYearMonth>") into its text.
func plainValue(s string) string {
	if strings.HasPrefix(s, "\"") {
		if i := strings.LastIndex(s, "\"^^<"); i > 0 {
			return s[1:i]
		}
	}
	return s
}
