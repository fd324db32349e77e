package read

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"time"
)

// userAgent names dkg to the servers it fetches from.
const userAgent = "dkg/1 (diplomacy knowledge graph; +https://github.com/dkg/dkg)"

var errRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)

func checkRedirect(_ *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return errRedirects
	}
	return nil
}

// client is the client to fetch with: Options.Client, made to stop after
// 5 redirects unless it has its own policy, or a client with a 30 s
// timeout.
func (o Options) client() *http.Client {
	if o.Client == nil {
		return &http.Client{Timeout: DefaultTimeout, CheckRedirect: checkRedirect}
	}
	if o.Client.CheckRedirect != nil {
		return o.Client
	}
	c := *o.Client
	c.CheckRedirect = checkRedirect
	return &c
}

// fetch reads one URL: a page, a text, a JSON Lines file or a feed.
func fetch(ctx context.Context, raw string, opt Options) []Item {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fail(&Error{Where: raw, Msg: "not a valid URL", Hint: "give the full address, e.g. https://example.org/news/1", Err: err})
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(&Error{Where: raw, Msg: "not a valid URL", Err: err})
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	c := opt.client()
	resp, err := c.Do(req)
	if err != nil {
		return fail(fetchError(raw, err, c.Timeout))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fail(&Error{Where: raw, Msg: "HTTP " + resp.Status, Hint: statusHint(resp.StatusCode)})
	}
	if resp.ContentLength > opt.MaxSize {
		return fail(tooBig(raw, resp.ContentLength, opt.MaxSize))
	}
	data, big, err := readCapped(resp.Body, opt.MaxSize)
	if err != nil {
		return fail(fetchError(raw, err, c.Timeout))
	}
	if big {
		return fail(tooBig(raw, -1, opt.MaxSize))
	}
	final := resp.Request.URL
	return parse(&source{where: raw, loc: raw, data: data, ext: path.Ext(final.Path),
		ctype: resp.Header.Get("Content-Type"), base: final}, opt)
}

// fetchError explains a failed request.
func fetchError(raw string, err error, timeout time.Duration) *Error {
	switch {
	case errors.Is(err, errRedirects):
		return &Error{Where: raw, Msg: fmt.Sprintf("more than %d redirects", maxRedirects), Hint: "the address redirects in a loop; open it in a browser to see where it ends", Err: err}
	case errors.Is(err, context.Canceled):
		return &Error{Where: raw, Msg: "canceled", Err: err}
	case errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err):
		msg := "timed out"
		if timeout > 0 {
			msg += " after " + timeout.String()
		}
		return &Error{Where: raw, Msg: msg, Hint: "the server is slow or unreachable; try again later, or save the page and read the file", Err: err}
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	return &Error{Where: raw, Msg: "cannot fetch: " + msg, Hint: "check the address and your network connection", Err: err}
}

func statusHint(code int) string {
	switch {
	case code == http.StatusNotFound || code == http.StatusGone:
		return "check the address"
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return "the site refuses the request; save the page in a browser and read the file"
	case code == http.StatusTooManyRequests:
		return "the site limits requests; wait and try again"
	case code >= 500:
		return "the server failed; try again later"
	case code >= 300 && code < 400:
		return "the redirect gives no location; open the address in a browser"
	}
	return "check the address"
}
