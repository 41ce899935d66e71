// hcldump: the differential oracle for mds-infra's HCL reader.
//
// It parses one file with HashiCorp's own hclsyntax package (Debian's
// golang-github-hashicorp-hcl-v2-dev, built offline like hclfmt) and prints
// the structure mds-infra's hcl_dump_json() prints for the same file:
//
//	{"attributes":{NAME:{"line":N,"expr":SOURCE}},"blocks":[{"type":T,"labels":[...],"line":N,"body":{...}}]}
//
// Attribute keys come out sorted (encoding/json sorts map keys), blocks in
// source order; "expr" is the expression's source text. On a parse error
// it prints "error FILE:LINE:COL: SUMMARY" (exit 1 for a single file).
// Several files give one line each, in order, so that a test starts the
// oracle once rather than once per file.
//
// Build (tests/oracle/build.sh does): GOPATH=/usr/share/gocode GO111MODULE=off go build -o hcldump hcldump.go
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

type attr struct {
	Line int    `json:"line"`
	Expr string `json:"expr"`
}

type block struct {
	Type   string   `json:"type"`
	Labels []string `json:"labels"`
	Line   int      `json:"line"`
	Body   body     `json:"body"`
}

type body struct {
	Attributes map[string]attr `json:"attributes"`
	Blocks     []block         `json:"blocks"`
}

func dump(src []byte, b *hclsyntax.Body) body {
	out := body{Attributes: map[string]attr{}, Blocks: []block{}}
	for name, a := range b.Attributes {
		r := a.Expr.Range()
		out.Attributes[name] = attr{Line: a.NameRange.Start.Line, Expr: string(src[r.Start.Byte:r.End.Byte])}
	}
	for _, blk := range b.Blocks {
		labels := append([]string{}, blk.Labels...)
		out.Blocks = append(out.Blocks, block{Type: blk.Type, Labels: labels, Line: blk.TypeRange.Start.Line, Body: dump(src, blk.Body)})
	}
	return out
}

// dumpFile returns the line printed for one file and whether it parsed.
func dumpFile(path string) (string, bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == hcl.DiagError && d.Subject != nil {
				return fmt.Sprintf("error %s:%d:%d: %s\n", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary), false
			}
		}
		return fmt.Sprintf("error %s: %s\n", path, strings.ReplaceAll(diags.Error(), "\n", " ")), false
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(dump(src, f.Body.(*hclsyntax.Body))); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	return out.String(), true
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: hcldump FILE...")
		os.Exit(2)
	}
	// One file: its line, exit 1 if it does not parse.  Several files:
	// one line each, in argument order, exit 0 (lines tell the outcome).
	status := 0
	for _, path := range os.Args[1:] {
		line, ok := dumpFile(path)
		os.Stdout.WriteString(line)
		if !ok && len(os.Args) == 2 {
			status = 1
		}
	}
	os.Exit(status)
}
