package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
	"github.com/heshi-verify/heshi/web/account"
)

func writeJSONOut(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// cliActor is who reads from the command line: the machine's operator.
var cliActor = pipeline.Actor{Name: "cli", Role: pipeline.RoleAdmin}

func cmdStats(ctx context.Context, e *env, args []string) error {
	fs := e.flags("stats")
	format := fs.String("format", "table", "table, csv or json")
	table := fs.String("table", "", "one table only: "+strings.Join(report.Tables, ", "))
	from := fs.String("from", "", "first order date (YYYY-MM-DD)")
	to := fs.String("to", "", "last order date (YYYY-MM-DD)")
	top := fs.Int("top", 30, "rows of the budget-unit and supplier rankings")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := periodFlags(*from, *to)
	if err != nil {
		return err
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	st, err := a.store.Stats(ctx, p, *top)
	if err != nil {
		return err
	}
	var tables []string
	if *table != "" {
		tables = []string{*table}
	}
	switch *format {
	case "table":
		return report.WriteText(e.stdout, st, tables...)
	case "csv":
		return report.WriteCSV(e.stdout, st, tables...)
	case "json":
		return writeJSONOut(e.stdout, st)
	}
	return fmt.Errorf("%w: --format is table, csv or json", errUsage)
}

func cmdOrders(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "show" {
		return fmt.Errorf("%w: heshi orders show ORDER_NO [--format text|json]", errUsage)
	}
	fs := e.flags("orders show")
	format := fs.String("format", "text", "text or json")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: heshi orders show ORDER_NO", errUsage)
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	det, err := a.store.OrderDetail(ctx, cliActor, pos[0])
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSONOut(e.stdout, det)
	}
	return writeOrderText(e.stdout, det)
}

func writeOrderText(w io.Writer, d *pipeline.OrderDetail) error {
	fmt.Fprintf(w, "order %s  %s  total ¥%s  status %s\n", d.Order.No, d.Order.Date, d.Order.Total, d.Status)
	fmt.Fprintf(w, "buyer    %s %s (%s)\n", d.Buyer.ID, d.Buyer.Name, d.Buyer.USCC)
	fmt.Fprintf(w, "supplier %s %s (%s) account %s\n", d.Supplier.ID, d.Supplier.Name, d.Supplier.USCC, d.Supplier.BankAccount)
	fmt.Fprintln(w, "\ndocuments:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, doc := range d.Documents {
		state := "read"
		switch {
		case !doc.Extracted:
			state = "not yet read"
		case !doc.Readable:
			state = "unreadable: " + doc.Reason
		}
		fmt.Fprintf(tw, "  %s\tv%d\t%s\t%s\t%s\n", doc.Kind, doc.Version, doc.MediaType, doc.SHA256[:12], state)
	}
	tw.Flush()
	if d.Check != nil {
		fmt.Fprintf(w, "\ncheck %d: %s, %d findings\n", d.Check.ID, d.Check.Verdict, len(d.Check.Findings))
		for _, f := range d.Check.Findings {
			fmt.Fprintf(w, "  [%s] %s: %s\n", f.Severity, f.Rule, f.Message)
		}
	}
	fmt.Fprintln(w, "\nhistory:")
	for _, h := range d.History {
		fmt.Fprintf(w, "  %s  %s → %s  by %s  %s\n", h.At.In(pipeline.Shanghai).Format("2006-01-02 15:04:05"), h.From, h.To, h.Actor, h.Reason)
	}
	return nil
}

// usersRevoke ends every API token and web session of a user.
func usersRevoke(ctx context.Context, e *env, args []string) error {
	fs := e.flags("users revoke")
	name := fs.String("name", "", "user name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	tokens, sessions, err := account.New(a.store).Revoke(ctx, cliActor, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "user %s: %d API tokens revoked, %d web sessions ended\n", *name, tokens, sessions)
	return nil
}

func cmdUsers(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "revoke" {
		return usersRevoke(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: heshi users add --name N --role supplier|operator|assessor|admin [--supplier ID] [--password-stdin] | users revoke --name N", errUsage)
	}
	fs := e.flags("users add")
	name := fs.String("name", "", "user name")
	role := fs.String("role", "", "supplier, operator, assessor or admin")
	supplier := fs.String("supplier", "", "the supplier a supplier user belongs to")
	pwStdin := fs.Bool("password-stdin", false, "read a web sign-in password from the first line of standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	var password string
	if *pwStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("--password-stdin: reading the password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
		if len([]rune(password)) < account.MinPasswordLen {
			return fmt.Errorf("--password-stdin: a password needs at least %d characters", account.MinPasswordLen)
		}
	}
	a, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer a.close()
	token, err := account.New(a.store).CreateUser(ctx, cliActor, *name, pipeline.Role(*role), *supplier)
	if err != nil {
		return err
	}
	if password != "" {
		if err := account.New(a.store).SetPassword(ctx, cliActor, *name, password); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "web sign-in password set for %s\n", *name)
	}
	fmt.Fprintf(e.stderr, "user %s (%s) added; its API token, shown once:\n", *name, *role)
	fmt.Fprintln(e.stdout, token)
	return nil
}

// periodFlags reads --from and --to.
func periodFlags(from, to string) (pipeline.Period, error) {
	var p pipeline.Period
	var err error
	if from != "" {
		if p.From, err = pipeline.ParseDate(from); err != nil {
			return p, fmt.Errorf("--from: %w", err)
		}
	}
	if to != "" {
		if p.To, err = pipeline.ParseDate(to); err != nil {
			return p, fmt.Errorf("--to: %w", err)
		}
	}
	return p, nil
}
