// Command heshi verifies the evidence of government-procurement orders and
// counts only verified orders in the statistics.
//
// Usage: heshi <command> [flags]; `heshi help` lists the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/heshi-verify/heshi/evidence/sandbox"
	"github.com/heshi-verify/heshi/pipeline"
)

func main() {
	if sandbox.ServeIfChild() {
		return // a reader child of a worker: see evidence/sandbox
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "heshi:", message(err))
		}
		os.Exit(exitCode(err))
	}
}

// message is what the user reads of err: a domain error's own message.
func message(err error) string {
	var e *pipeline.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

func exitCode(err error) int {
	switch {
	case errors.Is(err, flag.ErrHelp), errors.Is(err, errUsage):
		return 2
	}
	return 1
}

var errUsage = errors.New("usage")

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env *env, args []string) error
}

// commands is the one table of heshi's subcommands.
var commands = []command{
	{"migrate", "", "create or update the database schema (River's and heshi's) and seed the divisions", cmdMigrate},
	{"serve", "[--no-workers | --no-http]", "serve the HTTP API and run the workers", cmdServe},
	{"work", "[--drain]", "run the workers only (--drain: exit when no job is pending)", cmdWork},
	{"import", "DIR", "import a dataset directory (CSV files and documents)", cmdImport},
	{"bench", "[--orders N]", "measure the pipeline end to end against the raw object store, on a scratch database and bucket", cmdBench},
	{"bench-stats", "[--orders N]", "time the totals page's and the statement's queries over N verified orders made in SQL, on a scratch database", cmdBenchStats},
	{"samples", "--orders N --seed S --anomaly-rate R --out DIR [--calibrate hunan-2021]", "write a generated dataset", cmdSamples},
	{"wait", "[--timeout D]", "block until no job is pending", cmdWait},
	{"stats", "[--format table|csv|json] [--table T] [--from D] [--to D] [--top N]", "print the statistics of verified orders", cmdStats},
	{"orders", "show ORDER_NO [--format text|json]", "show an order, its documents, findings and history", cmdOrders},
	{"users", "add --name N --role R [--supplier ID] [--password-stdin] | revoke --name N", "add a user, print its API token (and set its web password); revoke a user's tokens and sessions", cmdUsers},
	{"audit", "verify | checkpoint | objects", "verify the audit log (chain, keys, checkpoints, orders); write a checkpoint; re-hash every stored object", cmdAudit},
	{"report", "[--year Y] [--lang zh|en]", "write a year's statement (the published tables, verified orders only) as a printable HTML page", cmdReport},
	{"sample", "draw [--from D] [--to D] [--confidence C] [--tolerable T] [--seed N] | show [ID] | record ID ORDER ok|error [--note T]", "sampling audit of the orders verified without a person: draw a round, show it, record a re-check", cmdSample},
	{"sweep", "[--older-than D] [--dry-run]", "remove what crashed uploads left in the object store (temporary and unreferenced objects, incomplete multipart uploads)", cmdSweep},
	{"extract", "[--kind K] [--format json] FILE...", "print the fields read from files (no database needed)", cmdExtract},
	{"score", "DIR [--format table|json]", "compare verdicts and findings with a generated dataset's truth.csv", cmdScore},
	{"accuracy", "DIR [--leave-out] [--misses N] [--format table|json]", "measure the reader on a generated dataset's layouts (fields.csv), no services needed", cmdAccuracy},
}

// env is what commands share: I/O and, once opened, the services.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	e := &env{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel()}))}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "heshi (核实) verifies the five documents of each order before it counts.")
	fmt.Fprintln(w, "\nUsage: heshi <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n  %8s %s\n", c.name, c.args, "", c.summary)
	}
	fmt.Fprintln(w, "\nConfiguration comes from HESHI_* environment variables; see README.md.")
}

func logLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(os.Getenv("HESHI_LOG_LEVEL"))); err != nil {
		return slog.LevelInfo
	}
	return l
}

// flags returns a flag set for a command that writes its errors to stderr.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("heshi "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseInterspersed parses flags that may stand before or after the
// positional arguments (heshi orders show NO --format json), returning the
// positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
