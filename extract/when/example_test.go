package when_test

import (
	"fmt"
	"time"

	"github.com/dkg/dkg/extract/when"
)

func ExampleFind() {
	published := time.Date(2023, 6, 20, 9, 0, 0, 0, time.UTC) // a Tuesday

	past := "Blinken met Wang Yi on Monday evening, after a visit postponed in February and Pelosi's trip in August."
	for _, d := range when.Find(past, published, when.Past) {
		fmt.Printf("%s %q [%d:%d]\n", d.Value, d.Phrase, d.Start, d.End)
	}

	future := "The leaders are expected to meet in November, two years after their last talks."
	for _, d := range when.Find(future, published, when.TenseOf(future)) {
		fmt.Printf("%s %q\n", d.Value, d.Phrase)
	}

	// Names and the modal verb are not months or days.
	fmt.Println(len(when.Find("Yun Sun said Theresa May may visit.", published, when.Unknown)))
	// Output:
	// 2023-06-19 "on Monday evening" [20:37]
	// 2023-02 "in February" [63:74]
	// 2022-08 "in August" [93:102]
	// 2023-11 "in November"
	// 0
}

func ExampleTenseOf() {
	for _, s := range []string{
		"Xi is expected to attend the summit",
		"Officials said the leaders will meet",
		"The ministers met in Geneva",
		"The talks continue",
	} {
		fmt.Println(when.TenseOf(s))
	}
	// Output:
	// future
	// future
	// past
	// unknown
}
