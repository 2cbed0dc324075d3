package main

import (
	"context"
	"fmt"
	"time"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/web"
)

// cmdReport writes a year's statement (issue 12): the published tables
// from verified orders only, on standard output, as a printable HTML page,
// a PDF (set in the documents' font, HESHI_FONT) or a workbook.
func cmdReport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("report")
	year := fs.Int("year", pipeline.DateOf(time.Now()).Year, "the statement's year")
	lang := fs.String("lang", "zh", "zh or en")
	format := fs.String("format", "html", "html, pdf or xlsx")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *year < 2000 || *year > 2100 || (*lang != "zh" && *lang != "en") || (*format != "html" && *format != "pdf" && *format != "xlsx") {
		return fmt.Errorf("%w: heshi report [--year Y] [--lang zh|en] [--format html|pdf|xlsx] > statement.html", errUsage)
	}
	var font []byte
	if *format == "pdf" { // before the database: a missing font is said at once
		var err error
		if font, err = samples.LoadFont(); err != nil {
			return err
		}
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	st, err := a.store.StatementStats(ctx, pipeline.YearPeriod(*year))
	if err != nil {
		return err
	}
	l, rl := web.LangZH, report.Chinese
	if *lang == "en" {
		l, rl = web.LangEN, report.English
	}
	generated := time.Now().In(pipeline.Shanghai).Format("2006-01-02 15:04")
	switch *format {
	case "pdf":
		return report.WriteStatementPDF(e.stdout, st, *year, rl, font, generated)
	case "xlsx":
		return report.WriteXLSXFor(e.stdout, st, rl)
	}
	return web.WriteStatement(e.stdout, st, *year, l, generated)
}
