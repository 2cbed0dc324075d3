// Package metrics is what heshi's processes say of themselves in the
// Prometheus format (issue 13): documents by stage and outcome, stage
// latencies, verdicts, findings by rule, sandbox children, and, read from
// the database when scraped, queue depth by queue and state and the orders
// and verified amount by status.
//
// The counters and histograms are per process: each `heshi work` counts
// what it did, `heshi serve` what it took in; Prometheus sums them over
// the processes it scrapes. The database figures are the same whichever
// process is asked.
package metrics

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds heshi's metrics with the Go runtime's and the process's.
var Registry = prometheus.NewRegistry()

// Stage latency buckets, in seconds: a document is read in tens of
// milliseconds, a scan in seconds; a check in milliseconds.
var buckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

var (
	// Documents counts documents by stage (upload, extract) and outcome
	// (stored, refused; read, unreadable, retry).
	Documents = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "heshi_documents_total", Help: "Documents by pipeline stage and outcome.",
	}, []string{"stage", "outcome"})
	// StageSeconds is how long each stage took per document or order.
	StageSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "heshi_stage_seconds", Help: "Time per document (upload, extract) or per order (check), by stage.", Buckets: buckets,
	}, []string{"stage"})
	// Verdicts counts cross-checks by the status they gave the order.
	Verdicts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "heshi_verdicts_total", Help: "Cross-checks by the order status they recorded.",
	}, []string{"status"})
	// Findings counts the findings of recorded cross-checks by rule.
	Findings = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "heshi_findings_total", Help: "Findings of recorded cross-checks, by rule.",
	}, []string{"rule"})
)

func init() {
	Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		Documents, StageSeconds, Verdicts, Findings)
}

// Since observes the time since start for stage.
func Since(stage string, start time.Time) {
	StageSeconds.WithLabelValues(stage).Observe(time.Since(start).Seconds())
}

// Sandbox is what a pool of reader children says of itself.
type Sandbox interface {
	Starts() int64
	Lost() int64
}

// RegisterSandbox exports a sandbox pool's children: started, and lost to
// a document (each lost one is a restart).
func RegisterSandbox(p Sandbox) error {
	for _, c := range []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "heshi_sandbox_children_started_total", Help: "Reader children started."},
			func() float64 { return float64(p.Starts()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "heshi_sandbox_children_lost_total", Help: "Reader children lost to a document: crashed, out of memory, or over time (each is restarted)."},
			func() float64 { return float64(p.Lost()) }),
	} {
		if err := register(c); err != nil {
			return err
		}
	}
	return nil
}

// register adds c to the Registry; the same metrics registered again (a
// second server in one process: tests) are left as they are.
func register(c prometheus.Collector) error {
	var dup prometheus.AlreadyRegisteredError
	if err := Registry.Register(c); err != nil && !errors.As(err, &dup) {
		return err
	}
	return nil
}

// database reads, when scraped, the figures that are the database's: jobs
// by queue and state, orders and their amount by status.
type database struct {
	pool    *pgxpool.Pool
	log     *slog.Logger
	jobs    *prometheus.Desc
	orders  *prometheus.Desc
	amount  *prometheus.Desc
	failed  *prometheus.Desc
	timeout time.Duration
}

// RegisterDatabase adds the database's figures, read at each scrape within
// a short timeout (a scrape that cannot read them says so in
// heshi_database_scrape_failed, and the rest of the scrape stands).
func RegisterDatabase(pool *pgxpool.Pool, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return register(newDatabase(pool, log))
}

func newDatabase(pool *pgxpool.Pool, log *slog.Logger) *database {
	return &database{pool: pool, log: log, timeout: 3 * time.Second,
		jobs:   prometheus.NewDesc("heshi_queue_jobs", "Jobs by queue and state (available, running, retryable, scheduled, …).", []string{"queue", "state"}, nil),
		orders: prometheus.NewDesc("heshi_orders", "Orders by status.", []string{"status"}, nil),
		amount: prometheus.NewDesc("heshi_orders_amount_fen", "The amount of the orders by status, in fen; status=\"verified\" is what the statistics count.", []string{"status"}, nil),
		failed: prometheus.NewDesc("heshi_database_scrape_failed", "1 when the database's figures could not be read at this scrape.", nil, nil),
	}
}

func (d *database) Describe(ch chan<- *prometheus.Desc) {
	ch <- d.jobs
	ch <- d.orders
	ch <- d.amount
	ch <- d.failed
}

func (d *database) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), d.timeout)
	defer cancel()
	failed := 0.0
	if err := d.collect(ctx, ch); err != nil {
		d.log.Warn("metrics: database figures", slog.Any("error", err))
		failed = 1
	}
	ch <- prometheus.MustNewConstMetric(d.failed, prometheus.GaugeValue, failed)
}

func (d *database) collect(ctx context.Context, ch chan<- prometheus.Metric) error {
	rows, err := d.pool.Query(ctx, `select queue, state::text, count(*) from river_job group by queue, state`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var queue, state string
		var n int64
		if err := rows.Scan(&queue, &state, &n); err != nil {
			rows.Close()
			return err
		}
		ch <- prometheus.MustNewConstMetric(d.jobs, prometheus.GaugeValue, float64(n), queue, state)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = d.pool.Query(ctx, `select status, count(*), coalesce(sum(total_fen), 0)::bigint from orders group by status`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n, fen int64
		if err := rows.Scan(&status, &n, &fen); err != nil {
			return err
		}
		ch <- prometheus.MustNewConstMetric(d.orders, prometheus.GaugeValue, float64(n), status)
		ch <- prometheus.MustNewConstMetric(d.amount, prometheus.GaugeValue, float64(fen), status)
	}
	return rows.Err()
}

// Handler serves the registry in the Prometheus text format.
func Handler() http.Handler {
	return promhttp.HandlerFor(Registry, promhttp.HandlerOpts{Registry: Registry})
}
