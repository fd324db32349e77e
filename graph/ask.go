package graph

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// The ready-made questions are Gizmo scripts kept as readable files, so that
// users can read them (dkg meetings --show-query) and write their own.
//
//go:embed queries/*.js
var queries embed.FS

// Script returns the Gizmo source of a ready-made query, with its parameters
// bound in a first line (`var params = {...};`).
func Script(name string, params map[string]any) (string, error) {
	src, err := queries.ReadFile("queries/" + name + ".js")
	if err != nil {
		return "", fmt.Errorf("no ready-made query %q", name)
	}
	if params == nil {
		params = map[string]any{}
	}
	p, err := json.Marshal(params)
	if err != nil {
		return "", err
	}
	return "var params = " + string(p) + ";\n" + string(src), nil
}

// Ask runs a ready-made query and returns its rows with literal values made
// plain ("2023-06" rather than its typed form), sorted by date.
func (s *Store) Ask(ctx context.Context, name string, params map[string]any, limit int) ([]map[string]any, error) {
	src, err := Script(name, params)
	if err != nil {
		return nil, err
	}
	rows, err := s.Query(ctx, src, 0)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		for k, v := range r {
			if str, ok := v.(string); ok {
				r[k] = plainValue(str)
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return fmt.Sprint(rows[i]["date"]) < fmt.Sprint(rows[j]["date"])
	})
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
	}
	return rows, nil
}

// plainValue turns Gizmo's JSON rendering of a typed literal
// ("\"2023-06\"^^<...#gYearMonth>") or an IRI ("<...>") into its text.
func plainValue(s string) string {
	if strings.HasPrefix(s, "\"") {
		if i := strings.LastIndex(s, "\"^^<"); i > 0 {
			return s[1:i]
		}
	}
	return s
}
