package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
	"github.com/heshi-verify/heshi/samples"
)

// cmdScore compares the verdicts and findings of an imported, processed
// dataset with its truth.csv.
func cmdScore(ctx context.Context, e *env, args []string) error {
	fs := e.flags("score")
	format := fs.String("format", "table", "table or json")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (*format != "table" && *format != "json") {
		return fmt.Errorf("%w: heshi score DIR [--format table|json]", errUsage)
	}
	ds, err := dataset.Read(pos[0])
	if err != nil {
		return err
	}
	if len(ds.Truth) == 0 {
		return fmt.Errorf("%s has no truth.csv: only generated samples can be scored", pos[0])
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	outcomes, err := a.store.Outcomes(ctx)
	if err != nil {
		return err
	}
	rep, err := samples.Score(ds.Truth, outcomes)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSONOut(e.stdout, rep)
	}
	return writeScoreText(e.stdout, rep)
}

func writeScoreText(w io.Writer, r *samples.ScoreReport) error {
	pct := func(v float64) string {
		if v < 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", 100*v)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule\tseverity\tlabelled\tfound\tfalse pos.\tcollateral\tnoted (info)\tprecision\trecall\t")
	for _, s := range r.Rules {
		sev := "?"
		if rule, ok := pipeline.RuleByID(s.Rule); ok {
			sev = string(rule.Severity)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t\n", s.Rule, sev, s.Labelled, s.Found, s.FalsePositives, s.Collateral, s.Noted, pct(s.Precision), pct(s.Recall))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\norders %d: clean %d, anomalous %d, pending %d\n", r.Orders, r.Clean, r.Anomalous, r.Pending)
	fmt.Fprintf(w, "clean orders verified automatically: %d of %d (%s)\n", r.CleanVerified, r.Clean-r.CleanShared, pct(r.CleanVerifiedShare))
	fmt.Fprintf(w, "clean orders sharing an identifier with a planted reuse (in review by design): %d\n", r.CleanShared)
	fmt.Fprintf(w, "anomalous orders counted in the totals: %d\n", r.AnomalousVerified)
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\n%d orders scored wrong:\n", len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s  %s  %s  [%s]: %s\n", p.OrderNo, p.Label, p.Status, strings.Join(p.Rules, " "), p.Problem)
		}
	}
	return nil
}
