package lexicon_test

import (
	"fmt"

	"github.com/dkg/dkg/extract/lexicon"
)

func ExampleDefault() {
	lex := lexicon.Default()
	for _, c := range lex.Countries {
		if c.Code == "TWN" {
			fmt.Println(c.Name, c.Demonyms, c.Capitals)
		}
	}
	for _, o := range lex.OfficialAt("Wang Yi", "2023-08-01") {
		fmt.Printf("%s, %s (%s) since %s\n", o.Name, o.Title, o.Country, o.From)
	}
	// Output:
	// Taiwan [Taiwanese] [Taipei]
	// Wang Yi, Director of the Office of the Central Foreign Affairs Commission (CHN) since 2023-01-01
	// Wang Yi, Foreign Minister (CHN) since 2023-07-25
}
