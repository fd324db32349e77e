package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// userError is a failure told to a person: what went wrong and what to do.
type userError struct {
	msg  string
	hint string
	code int
}

func (e *userError) Error() string { return e.msg }

// fail returns an error printed as "dkg: error: msg" and "dkg: hint: hint".
func fail(hint, format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...), hint: hint, code: 1}
}

func usageError(msg, hint string) error {
	return &userError{msg: msg, hint: hint, code: 2}
}

// report prints err in dkg's message policy: lower case, prefixed, one
// line, then a hint line when there is one.
func report(w io.Writer, err error) {
	msg := err.Error()
	msg = strings.TrimSpace(msg)
	fmt.Fprintf(w, "dkg: error: %s\n", msg)
	var ue *userError
	if errors.As(err, &ue) && ue.hint != "" {
		fmt.Fprintf(w, "dkg: hint: %s\n", ue.hint)
	}
}

func exitCode(err error) int {
	var ue *userError
	if errors.As(err, &ue) && ue.code != 0 {
		return ue.code
	}
	return 1
}
