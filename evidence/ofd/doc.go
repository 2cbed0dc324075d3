// Package ofd reads the fields of OFD documents (GB/T 33190, a zip of
// XML parts): e-invoices and bank electronic receipts.
//
// Structured data is preferred to page text when the package carries it:
// an attached invoice XML (Doc_0/Attachs/original_invoice.xml) or XBRL
// bank receipt (bker_issuer_*.xml), read by package xmlinvoice; else the
// custom tags (Doc_0/Tags) whose ObjectRefs point at the text objects of a
// page, with the invoice figures of OFD.xml's CustomData. The page text
// (TextObject/TextCode with their boundaries, templates included) is laid
// out as pdftext rows and read by evidence.ExtractRows; it fills the
// fields the structured data lacks and is compared with it.
//
// The package is untrusted: entries are counted, each part read is
// inflated within a bound and all parts within another whatever sizes
// the zip declares (zip bombs), entry names that are absolute, contain ..
// or backslashes, or repeat are refused, references between parts are
// resolved inside the package only, and XML is parsed with bounded depth
// and size and no external entities. Images, fonts and signatures are
// never inflated.
package ofd
