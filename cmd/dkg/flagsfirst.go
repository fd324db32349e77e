package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst moves the flags that a command is given after its arguments to
// before them. urfave/cli v2 stops reading flags at the first argument, and
// `dkg person "Lula da Silva" --format json` is what people type. Only the
// command's own flags move (with their value when they take one); an
// unknown flag stays where it is for the command to refuse, and "--" ends
// the flags.
func flagsFirst(app *cli.App, args []string) []string {
	i := 1
	// The app's flags (--db DIR) come before the command.
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" {
		if f := findFlag(app.Flags, args[i]); f != nil && takesValue(f) && !strings.Contains(args[i], "=") {
			i++
		}
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := app.Command(args[i])
	for cmd != nil && i+1 < len(args) && len(cmd.Subcommands) > 0 {
		sub := cmd.Command(args[i+1])
		if sub == nil {
			break
		}
		cmd, i = sub, i+1
	}
	if cmd == nil {
		return args
	}
	var flags, rest []string
	tail := args[i+1:]
	for j := 0; j < len(tail); j++ {
		a := tail[j]
		if a == "--" {
			rest = append(rest, tail[j:]...)
			break
		}
		f := findFlag(cmd.Flags, a)
		if f == nil {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		if takesValue(f) && !strings.Contains(a, "=") && j+1 < len(tail) {
			j++
			flags = append(flags, tail[j])
		}
	}
	out := append([]string{}, args[:i+1]...)
	out = append(out, flags...)
	return append(out, rest...)
}

// findFlag is the flag that argument a names (-f, --format, --format=json),
// nil when a is not a flag of flags.
func findFlag(flags []cli.Flag, a string) cli.Flag {
	if !strings.HasPrefix(a, "-") || a == "-" {
		return nil
	}
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// takesValue says whether a flag is followed by its value (--format json)
// rather than standing alone (--show-query).
func takesValue(f cli.Flag) bool {
	if v, ok := f.(cli.DocGenerationFlag); ok {
		return v.TakesValue()
	}
	return false
}
