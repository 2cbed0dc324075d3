// Package evidence reads the five documents of an e-market transaction
// (purchase contract, payment receipt, courier waybill, VAT invoice and
// acceptance report) into named, normalised fields for verification.
//
// ExtractPDF reads a PDF's text layer (package pdftext) into rows, decides
// the kind of document from its title (DetectKind), and finds each field by
// its printed label: every label variant of the kind is searched in every
// row, longest first, after folding full-width forms and removing spaces
// (名 称 is 名称), and a field's value is the text between its label and
// the next label on the row. On a VAT invoice, whose buyer and seller print
// the same labels, the left half of the page (or the block above the goods
// table) is the buyer's. Goods tables are read by the x ranges of their
// header cells down to the 合计 row.
//
// Values are normalised for comparison (amounts as yuan "1234.50", dates
// as YYYY-MM-DD, credit codes through ident.NormalizeUSCC), and everything
// that does not read is listed in Extraction.Problems rather than guessed.
// A document without a text layer is reported unreadable, for a human.
//
// The label contract with the generated sample documents is the specs
// table in labels.go. Beyond it, Fields may hold: on an invoice, code
// (发票代码 of old-style invoices) and amount and tax (the 合计 row); on a
// payment, order_no (the order number found in the purpose); on a contract
// or acceptance report without a labelled total, total from its 合计 row.
//
// ExtractRows reads rows from any source, so that a reader of OFD page
// text or OCR output only has to produce pdftext.Row values (package ofd
// does); ExtractStructured normalises the values of structured data (the
// XML of an e-invoice, an XBRL bank receipt, OFD custom tags: packages
// xmlinvoice and ofd) by the same field contract, completing and checking
// them against the document's printed text. Since
// pdftext.Rows is a pure function of the file's bytes, it can run in a
// child process under memory and time limits with rows sent back.
//
// evidence and its subpackages know documents only: they import no order,
// store, queue or web package (internal/arch checks).
package evidence
