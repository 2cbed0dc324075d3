package main

import (
	"context"
	"fmt"
	"time"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/web"
)

// cmdReport writes a year's statement (issue 12): the published tables
// from verified orders only, as a printable HTML page on standard output.
func cmdReport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("report")
	year := fs.Int("year", pipeline.DateOf(time.Now()).Year, "the statement's year")
	lang := fs.String("lang", "zh", "zh or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *year < 2000 || *year > 2100 || (*lang != "zh" && *lang != "en") {
		return fmt.Errorf("%w: heshi report [--year Y] [--lang zh|en] > statement.html", errUsage)
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	st, err := a.store.Stats(ctx, pipeline.YearPeriod(*year), web.StatementTop)
	if err != nil {
		return err
	}
	l := web.LangZH
	if *lang == "en" {
		l = web.LangEN
	}
	return web.WriteStatement(e.stdout, st, *year, l, time.Now().In(pipeline.Shanghai).Format("2006-01-02 15:04"))
}
