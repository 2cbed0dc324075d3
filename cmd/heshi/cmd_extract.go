package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/internal/config"
	"github.com/heshi-verify/heshi/workers"
)

func cmdExtract(ctx context.Context, e *env, args []string) error {
	fs := e.flags("extract")
	kind := fs.String("kind", "", "contract, payment, logistics, invoice or acceptance (default: detect)")
	format := fs.String("format", "text", "text or json")
	explain := fs.Bool("explain", false, "show, for each field, its confidence, how it was found (label, section, recogniser) and the row it was read from")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: heshi extract [--kind K] [--format json] [--explain] FILE...", errUsage)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	pdf, err := newPDFReader(cfg)
	if err != nil {
		return err
	}
	var reader workers.PDFReader // nil: in-process
	if pdf != nil {
		defer pdf.Close()
		reader = pdf
	}
	failed := 0
	for _, path := range fs.Args() {
		data, err := readCapped(path, cfg.MaxUploadBytes)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
			continue
		}
		mt, err := mediatype.Sniff(data[:min(len(data), mediatype.SniffLen)])
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
			continue
		}
		ex, err := workers.Extract(ctx, reader, mt, *kind, data, cfg.MaxUploadBytes)
		if err != nil {
			return err
		}
		if *format == "json" {
			out := map[string]any{"file": path, "media_type": mt, "extraction": ex}
			if err := writeJSONOut(e.stdout, out); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(e.stdout, "== %s (%s, kind %s, source %s)\n", path, mt, ex.Kind, ex.Source)
		if !ex.Readable {
			fmt.Fprintf(e.stdout, "  unreadable: %s\n", ex.Reason)
		}
		writeFields(e.stdout, "  ", ex.Fields, *explain)
		for i, s := range ex.Slips {
			fmt.Fprintf(e.stdout, "  -- document %d of %d on the page\n", i+1, len(ex.Slips))
			writeFields(e.stdout, "    ", s.Fields, *explain)
		}
		for _, p := range ex.Problems {
			fmt.Fprintf(e.stdout, "  problem: %s\n", p)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read", failed, fs.NArg())
	}
	return nil
}

// writeFields lists fields by key; with explain, each with its
// confidence, how it was found and the row it was read from.
func writeFields(w io.Writer, indent string, fields map[string]evidence.Field, explain bool) {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := fields[k]
		fmt.Fprintf(w, "%s%-14s %s\n", indent, k, f.Value)
		if explain {
			fmt.Fprintf(w, "%s%-14s   confidence %.2f, %s\n", indent, "", f.Conf, f.Via)
			fmt.Fprintf(w, "%s%-14s   page %d: %s\n", indent, "", f.Page, f.Text)
		}
	}
}

func readCapped(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%d bytes is over the limit of %d", st.Size(), max)
	}
	return os.ReadFile(path)
}
