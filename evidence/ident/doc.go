// Package ident validates and normalises the identifiers found on
// procurement evidence: unified social credit codes (统一社会信用代码),
// invoice codes and numbers, courier tracking numbers and party names.
//
// The functions are pure and need no configuration. A failed check is
// evidence for a finding, not proof of forgery: codes that fail their check
// character exist in the wild, and courier formats are unpublished, so
// callers treat results as reasons for review rather than grounds to reject.
package ident
