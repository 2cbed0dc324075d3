package pipeline

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an error for its caller: the web layer maps each code
// to an HTTP status, the CLI to a message. Codes are stable strings.
type ErrorCode string

const (
	ENotFound     ErrorCode = "not_found"
	EForbidden    ErrorCode = "forbidden"
	EInvalid      ErrorCode = "invalid"
	EConflict     ErrorCode = "conflict"
	ETooLarge     ErrorCode = "too_large"
	EUnsupported  ErrorCode = "unsupported_media_type"
	EUnauthorized ErrorCode = "unauthorized"
	EUnavailable  ErrorCode = "unavailable" // something the request needs is not installed or not reachable
	EInternal     ErrorCode = "internal"
)

// Error is a domain error: a code and a message fit to show the user.
type Error struct {
	Code    ErrorCode
	Message string // in English
	// Format and Args are what Message was made of, so that a room can say
	// it in the reader's language (web's catalogue of formats).
	Format string
	Args   []any
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// ErrorCodeOf returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessageOf returns the user-facing message of err: the *Error's message,
// or a generic text for internal errors (whose details belong in the log).
func ErrorMessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// ErrUnknownKind is the error for a document kind that is not one of the five.
func ErrUnknownKind(k DocKind) error {
	return Errorf(EInvalid, "unknown document kind %q (want contract, payment, logistics, invoice or acceptance)", k)
}
