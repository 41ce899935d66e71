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
// it prints "error FILE:LINE:COL: SUMMARY" and exits 1.
//
// Build: GOPATH=/usr/share/gocode GO111MODULE=off go build -o hcldump hcldump.go
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

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

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hcldump FILE")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	f, diags := hclsyntax.ParseConfig(src, os.Args[1], hcl.Pos{Line: 1, Column: 1, Byte: 0})
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == hcl.DiagError && d.Subject != nil {
				fmt.Printf("error %s:%d:%d: %s\n", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary)
				os.Exit(1)
			}
		}
		fmt.Printf("error %s: %s\n", os.Args[1], diags.Error())
		os.Exit(1)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(dump(src, f.Body.(*hclsyntax.Body))); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Stdout.Write(out.Bytes())
}
