// Package xmlinvoice reads invoice and bank-receipt data from XML: the
// files of fully digitalised invoices (root EInvoice), the invoice XML
// that OFD invoices attach (original_invoice.xml, the 2019 fp schema, whose
// element names OFD custom tags share), and bank electronic receipts in the
// Ministry of Finance's XBRL taxonomy (bker_issuer_*.xml).
//
// Parse builds a bounded element tree (size, depth and element count;
// encoding/xml resolves no external entities), Read maps it to
// evidence.Structured values by schema, and Extract normalises them into
// an evidence.Extraction with Source "xml". No official schema of the
// EInvoice format has been published; its element names are those of
// real files (see testdata).
package xmlinvoice
