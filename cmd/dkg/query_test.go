package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// examplesStore loads the bundled example articles into a new store and
// returns its directory.
func examplesStore(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"dkg", "--db", dir, "ingest", "../../examples"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("ingest examples: exit %d: %s", code, errb.String())
	}
	return dir
}

// dkg runs dkg in-process and returns its exit code, stdout and stderr.
func dkg(t testing.TB, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"dkg"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// askJSON runs a command that must succeed with JSON output (the default
// when stdout is not a terminal) and returns its rows.
func askJSON(t testing.TB, args ...string) []map[string]any {
	t.Helper()
	code, out, errs := dkg(t, "", args...)
	if code != 0 {
		t.Fatalf("dkg %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("dkg %s: output is not a JSON array: %v\n%s", strings.Join(args, " "), err, out)
	}
	return rows
}

func TestQueryPreludeAndFormats(t *testing.T) {
	db := examplesStore(t)

	t.Run("prelude", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "query", `dkg.person("NARENDRA MODI").Out(dkg.P.met).Out(dkg.P.name).Unique().All()`)
		if !hasValue(rows, "id", "Xi Jinping") {
			t.Errorf("Modi met: got %v, want Xi Jinping among them", rows)
		}
	})

	t.Run("no return value in JSON", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "query", `g.emit({n: 1}); 42`)
		if len(rows) != 1 || rows[0]["n"] != float64(1) {
			t.Errorf("got %v, want just [{n: 1}]", rows)
		}
	})

	t.Run("error lines are the user's", func(t *testing.T) {
		code, _, errs := dkg(t, "", "--db", db, "query", "var a = 1;\nfoo.bar();")
		if code == 0 || !strings.Contains(errs, "query error at line 2") {
			t.Errorf("exit %d, stderr %q; want an error at line 2", code, errs)
		}
		code, _, errs = dkg(t, "", "--db", db, "query", "g.V()\n  .Out(.All()")
		if code == 0 || !strings.Contains(errs, "line 2, column") {
			t.Errorf("syntax error: exit %d, stderr %q; want line 2", code, errs)
		}
	})

	t.Run("csv and tsv", func(t *testing.T) {
		code, out, errs := dkg(t, "", "--db", db, "query", "--format", "csv", `g.emit({a: "x, \"y\"", b: 2})`)
		if code != 0 {
			t.Fatal(errs)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) != 2 || recs[1][0] != `x, "y"` || recs[1][1] != "2" {
			t.Errorf("csv: got %q (%v)", out, err)
		}
		code, out, _ = dkg(t, "", "--db", db, "query", "--format", "tsv", `g.emit({a: "x\ty", b: 2})`)
		if code != 0 || out != "a\tb\nx y\t2\n" {
			t.Errorf("tsv: got %q", out)
		}
		code, _, errs = dkg(t, "", "--db", db, "query", "--format", "xml", `g.V().All()`)
		if code != 2 || !strings.Contains(errs, "unknown --format") {
			t.Errorf("--format xml: exit %d, %q", code, errs)
		}
	})

	t.Run("table", func(t *testing.T) {
		code, out, _ := dkg(t, "", "--db", db, "query", "--format", "table", `g.emit({who: "Wang Yi"})`)
		if code != 0 || !strings.Contains(out, "Wang Yi") || !strings.Contains(out, "WHO") {
			t.Errorf("table: got %q", out)
		}
	})

	t.Run("timeout", func(t *testing.T) {
		code, _, errs := dkg(t, "", "--db", db, "query", "--timeout", "300ms", `while (true) {}`)
		if code == 0 || !strings.Contains(errs, "stopped") {
			t.Errorf("exit %d, %q; want a stopped query", code, errs)
		}
	})
}

// hasValue says whether some row has value v under key k (a string, or a
// list of strings that holds it).
func hasValue(rows []map[string]any, k, v string) bool {
	for _, r := range rows {
		switch x := r[k].(type) {
		case string:
			if x == v {
				return true
			}
		case []any:
			for _, e := range x {
				if e == v {
					return true
				}
			}
		}
	}
	return false
}

// contains says whether some row's value under key k contains s.
func contains(rows []map[string]any, k, s string) bool {
	for _, r := range rows {
		if str, ok := r[k].(string); ok && strings.Contains(str, s) {
			return true
		}
	}
	return false
}
