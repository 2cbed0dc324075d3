// Package sandbox reads untrusted documents in child processes, so that a
// file that crashes or hangs the reader costs one child, not the server.
//
// The PDF parser under evidence.ExtractPDF can be driven into states that
// no recover and no in-process bound can end: an allocation of a
// cross-reference table of billions of entries kills the process with a
// fatal out-of-memory error, and a compressed object stream that inflates
// to tens of gigabytes keeps it busy for minutes. Package pdftext guards
// against the cases it knows of; this package is the defence against the
// rest.
//
// A Pool keeps up to Config.Workers long-lived children, started on first
// need from Config.Command, which is by default the running binary with the
// argument ChildArg: the heshi binary's main hands such a run to
// ServeChild. A child serves one document at a time. Each document travels
// through the child's stdin, with its kind and the name of the reader to
// use (ParserPDF, ParserOFD or ParserXML; ParserFor maps media types to
// them), and the
// evidence.Extraction comes back as JSON on its stdout, in length-prefixed
// frames (see protocol.go). The parent holds nothing but the caller's bytes
// and one bounded response per child.
//
// Before it reads anything a child bounds its memory with RLIMIT_DATA
// (Config.MemoryLimit on top of what it uses at start) and sets the
// garbage collector's soft limit below that; an allocation past the hard
// limit makes the Go runtime die. The parent bounds each document's time
// with Config.Timeout and kills the child's process group when it is up,
// when the caller's context ends, or when the Pool is closed. A child that
// dies or overruns is not reused; the next document starts a new one. The
// document it was reading is reported unreadable, with the reason ("the
// reader crashed on this file (out of memory: …)", "reading took longer
// than 30s") and a nil error, since the file is at fault: Extract returns
// an error only for trouble of the system's own, chiefly a child that
// cannot be started.
package sandbox
