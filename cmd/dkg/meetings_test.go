package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReadyMadeOnExamples checks each ready-made question against what the
// example articles say.
func TestReadyMadeOnExamples(t *testing.T) {
	db := examplesStore(t)

	t.Run("people", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "people")
		if !rowWith(rows, map[string]string{"name": "Narendra Modi", "country": "India"}) {
			t.Errorf("people: no Narendra Modi with country India in %v", rows)
		}
		rows = askJSON(t, "--db", db, "people", "--country", "india")
		if !hasValue(rows, "name", "Narendra Modi") || hasValue(rows, "name", "Xi Jinping") {
			t.Errorf("people --country india: got %v", names(rows, "name"))
		}
		rows = askJSON(t, "--db", db, "people", "--role", "foreign minister")
		if !hasValue(rows, "name", "Wang Yi") || hasValue(rows, "name", "Narendra Modi") {
			t.Errorf("people --role 'foreign minister': got %v", names(rows, "name"))
		}
		if rows := askJSON(t, "--db", db, "people", "--limit", "2"); len(rows) != 2 {
			t.Errorf("people --limit 2: got %d rows", len(rows))
		}
	})

	t.Run("meetings", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "meetings", "--with", "Xi Jinping")
		if !contains(rows, "participants", "Joe Biden") {
			t.Errorf("meetings --with Xi: no Joe Biden in %v", names(rows, "participants"))
		}
		for _, r := range rows {
			if !strings.Contains(r["participants"].(string), "Xi Jinping") {
				t.Errorf("meetings --with Xi: a meeting without him: %v", r)
			}
		}
		// Case and accents do not matter.
		if again := askJSON(t, "--db", db, "meetings", "--with", "XI JÍNPING"); len(again) != len(rows) {
			t.Errorf("meetings --with 'XI JÍNPING': %d rows, want %d", len(again), len(rows))
		}
		rows = askJSON(t, "--db", db, "meetings", "--between", "Narendra Modi", "--and", "Xi Jinping", "--since", "2024-10", "--until", "2024-10")
		if len(rows) == 0 {
			t.Fatal("meetings --between Modi --and Xi in 2024-10: none")
		}
		for _, r := range rows {
			if !strings.HasPrefix(r["date"].(string), "2024-10") || r["participants"] != "Narendra Modi; Xi Jinping" {
				t.Errorf("meetings --between Modi --and Xi in 2024-10: got %v", r)
			}
			if !strings.Contains(strings.Join(strs(r["sources"]), ""), "five-year freeze") {
				t.Errorf("the Kazan meeting's source: got %v", r["sources"])
			}
		}
		rows = askJSON(t, "--db", db, "meetings", "--between", "Narendra Modi", "--and", "Xi Jinping", "--status", "occurred")
		dates := names(rows, "date")
		if !sortedDates(dates) || len(rows) < 3 {
			t.Errorf("Modi-Xi meetings that occurred: dates %v, want at least 3 in order", dates)
		}
		rows = askJSON(t, "--db", db, "meetings", "--about", "fentanyl")
		if !contains(rows, "participants", "Joe Biden") {
			t.Errorf("meetings --about fentanyl: got %v", rows)
		}
		if rows := askJSON(t, "--db", db, "meetings", "--limit", "3"); len(rows) != 3 {
			t.Errorf("meetings --limit 3: %d rows", len(rows))
		}
	})

	t.Run("person", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "person", "narendra modi")
		for _, want := range []map[string]string{
			{"fact": "name", "detail": "Narendra Modi"},
			{"fact": "title", "detail": "Prime Minister"},
			{"fact": "represents", "detail": "India"},
		} {
			if !rowWith(rows, want) {
				t.Errorf("person Modi: no %v in %v", want, rows)
			}
		}
		var met, said bool
		for _, r := range rows {
			met = met || r["fact"] == "meeting" && strings.Contains(r["detail"].(string), "Xi Jinping")
			said = said || r["fact"] == "statement" && strings.Contains(r["detail"].(string), "mutual trust")
		}
		if !met || !said {
			t.Errorf("person Modi: meeting with Xi %v, statement on mutual trust %v; want both", met, said)
		}
	})

	t.Run("issues", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "issues")
		var fentanyl map[string]any
		for _, r := range rows {
			if r["issue"] == "fentanyl" {
				fentanyl = r
			}
			if _, ok := r["events"].(float64); !ok {
				t.Errorf("issues: events is not a count in %v", r)
			}
		}
		if fentanyl == nil || fentanyl["events"].(float64) < 1 {
			t.Errorf("issues: fentanyl row %v, want at least one event", fentanyl)
		}
		for i := 1; i < len(rows); i++ {
			a := rows[i-1]["events"].(float64) + rows[i-1]["statements"].(float64)
			b := rows[i]["events"].(float64) + rows[i]["statements"].(float64)
			if a < b {
				t.Errorf("issues are not the most discussed first: %v before %v", rows[i-1], rows[i])
			}
		}
		if later := askJSON(t, "--db", db, "issues", "--since", "2025"); hasValue(later, "issue", "fentanyl") {
			t.Errorf("issues --since 2025 counts fentanyl (2023): %v", later)
		}
	})

	t.Run("issue", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "issue", "fentanyl")
		if !contains(rows, "what", "Joe Biden; Xi Jinping") || !sortedDates(names(rows, "date")) {
			t.Errorf("issue fentanyl: got %v", rows)
		}
	})

	t.Run("quotes", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "quotes", "--by", "Ananya Rao")
		if !contains(rows, "quote", "first step, not a settlement") {
			t.Errorf("quotes --by Rao: got %v", names(rows, "quote"))
		}
		for _, r := range rows {
			if r["speaker"] != "Ananya Rao" {
				t.Errorf("quotes --by Rao: speaker %v", r["speaker"])
			}
		}
		rows = askJSON(t, "--db", db, "quotes", "--by", "Moon Jae-in")
		if !contains(rows, "quote", "never again lose to Japan") {
			t.Errorf("quotes --by Moon: got %v", names(rows, "quote"))
		}
	})

	t.Run("timeline", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "timeline", "Xi Jinping")
		if len(rows) < 5 || !sortedDates(names(rows, "date")) || !contains(rows, "what", "Joe Biden") {
			t.Errorf("timeline Xi: got %v", names(rows, "date"))
		}
	})

	t.Run("path", func(t *testing.T) {
		rows := askJSON(t, "--db", db, "path", "Narendra Modi", "Xi Jinping")
		if len(rows) == 0 || rows[0]["hops"] != float64(1) || rows[0]["fact"] != "met" || rows[0]["to"] != "Xi Jinping" {
			t.Errorf("path Modi Xi: got %v, want one hop: met", rows)
		}
		rows = askJSON(t, "--db", db, "path", "Wang Yi", "Joe Biden")
		if len(rows) == 0 || rows[0]["hops"].(float64) < 2 || rows[len(rows)-1]["to"] != "Joe Biden" {
			t.Errorf("path Wang Yi Biden: got %v", rows)
		}
	})

	t.Run("names", func(t *testing.T) {
		code, _, errs := dkg(t, "", "--db", db, "timeline", "line of actual control")
		if code != 1 || !strings.Contains(errs, "ambiguous") || !strings.Contains(errs, "Issue") || !strings.Contains(errs, "Organization") || !strings.Contains(errs, "dkg: hint: name one by its IRI") {
			t.Errorf("ambiguous name: exit %d, %s", code, errs)
		}
		code, _, errs = dkg(t, "", "--db", db, "timeline", "<https://w3id.org/dkg/id/org/line-of-actual-control>")
		if code != 0 {
			t.Errorf("an IRI resolves: exit %d, %s", code, errs)
		}
		code, _, errs = dkg(t, "", "--db", db, "person", "Nobody Atall")
		if code != 1 || !strings.Contains(errs, `no person named "Nobody Atall"`) || !strings.Contains(errs, "dkg: hint:") {
			t.Errorf("unknown name: exit %d, %s", code, errs)
		}
		code, _, errs = dkg(t, "", "--db", db, "person", "India")
		if code != 1 || !strings.Contains(errs, "a country (India)") {
			t.Errorf("a country as a person: exit %d, %s", code, errs)
		}
		code, out, errs := dkg(t, "", "--db", db, "person", "Narendra Modi", "--format", "json", "--limit", "3")
		var rows []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 3 {
			t.Errorf("flags after NAME: exit %d, %d rows, %s%s", code, len(rows), out, errs)
		}
		code, _, errs = dkg(t, "", "--db", db, "person", "Narendra Modi", "--bogus")
		if code != 2 || !strings.Contains(errs, "flag provided but not defined: --bogus") {
			t.Errorf("unknown flag after NAME: exit %d, %s", code, errs)
		}
		code, _, errs = dkg(t, "", "--db", db, "meetings", "--since", "last year")
		if code != 2 || !strings.Contains(errs, "not a date") {
			t.Errorf("bad --since: exit %d, %s", code, errs)
		}
	})

	t.Run("show-query", func(t *testing.T) {
		code, out, errs := dkg(t, "", "--db", db, "meetings", "--with", "Xi Jinping", "--show-query")
		if code != 0 || !strings.Contains(out, `var params = {"with": dkg.person("Xi Jinping").ToValue()};`) || !strings.Contains(out, "dkg.inverse(") {
			t.Fatalf("--show-query: exit %d, %s%s", code, out, errs)
		}
		// What it shows runs as it is.
		rows := askJSON(t, "--db", db, "query", "--limit", "0", out)
		if !contains(rows, "participants", "Joe Biden") {
			t.Errorf("the shown query, run with dkg query: %v", rows)
		}
	})
}

func rowWith(rows []map[string]any, want map[string]string) bool {
	for _, r := range rows {
		ok := true
		for k, v := range want {
			ok = ok && r[k] == v
		}
		if ok {
			return true
		}
	}
	return false
}

func names(rows []map[string]any, k string) []string {
	var out []string
	for _, r := range rows {
		s, _ := r[k].(string)
		out = append(out, s)
	}
	return out
}

func strs(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

// sortedDates says whether dates are in order, undated last.
func sortedDates(dates []string) bool {
	for i := 1; i < len(dates); i++ {
		a, b := dates[i-1], dates[i]
		if a == "" && b != "" || a != "" && b != "" && a > b {
			return false
		}
	}
	return true
}
