// Package web is heshi's HTTP interface. This first slice serves the JSON API
// (bearer tokens): document upload, order detail and statistics. All routes
// are in one table (routes), one handler per file named after resource and
// action, and one error renderer maps domain error codes to HTTP statuses.
package web
