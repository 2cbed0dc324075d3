// Package web is heshi's HTTP interface: the JSON API (bearer tokens) for
// document upload, order detail and statistics, and the three rooms of the
// browser (supplier, operator, assessor, and the admin's), server-rendered
// from embedded templates.
//
// Handlers only translate HTTP to calls of the domain's store
// (pipeline/postgres), the intake, the accounts (web/account) and the job
// queue's admin (the Jobs interface, which workers.Admin implements); view
// models are built in one place per page (view_*.go) from what those
// return. All routes are in one table (routes), one handler per file named
// after resource and action, and one error renderer maps domain error codes
// to HTTP statuses.
//
// It may import the domain, its store and report, the intake, the evidence
// packages and workers' types; never pgx or River (internal/arch checks).
package web
