package extract

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/schema"
)

// TestDump prints a readable view of what an article yields, for eyeballing:
// DKG_DUMP=path/to/article.txt DKG_PUB=2023-06-20 go test -run TestDump ./extract/
func TestDump(t *testing.T) {
	path := os.Getenv("DKG_DUMP")
	if path == "" {
		t.Skip("set DKG_DUMP to an article")
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := time.Parse("2006-01-02", os.Getenv("DKG_PUB"))
	res, err := Extract(Article{Location: path, Text: string(text), Published: pub})
	if err != nil {
		t.Fatal(err)
	}
	name := map[quad.Value]string{}
	for _, q := range res.Quads {
		if q.Predicate == schema.Name {
			name[q.Subject] = quad.NativeOf(q.Object).(string)
		}
	}
	n := func(v quad.Value) string {
		if s, ok := name[v]; ok {
			return s
		}
		return fmt.Sprint(quad.NativeOf(v))
	}
	var lines []string
	props := map[quad.Value][]string{}
	for _, q := range res.Quads {
		switch q.Predicate {
		case schema.Met, schema.Visited, schema.Sanctioned, schema.Urged, schema.Accused, schema.Represents, schema.Affiliation, schema.JobTitle:
			lines = append(lines, fmt.Sprintf("%s %s %s", n(q.Subject), schema.Local(q.Predicate.(quad.IRI)), n(q.Object)))
		case schema.Name, schema.NameKey, schema.EvidenceStart, schema.EvidenceEnd, schema.CameoCode, schema.PloverType:
		default:
			if strings.Contains(string(q.Subject.(quad.IRI)), "/event/") || strings.Contains(string(q.Subject.(quad.IRI)), "/statement/") {
				v := n(q.Object)
				if q.Predicate == schema.Evidence {
					v = v[:min(len(v), 70)]
				}
				props[q.Subject] = append(props[q.Subject], schema.Local(q.Predicate.(quad.IRI))+"="+v)
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	for k, v := range props {
		fmt.Println(schema.Local(k.(quad.IRI)), strings.Join(v, "; "))
	}
}
