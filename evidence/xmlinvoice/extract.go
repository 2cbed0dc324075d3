package xmlinvoice

import (
	"fmt"

	"github.com/heshi-verify/heshi/evidence"
)

// Extract reads an XML file as a document of kind ("" takes the kind of
// its data): a 数电 invoice (SchemaEInvoice), an invoice of the 2019
// schema (SchemaFP) or an XBRL bank receipt (SchemaBker). It never
// panics; a file that is not well-formed, too large or of another schema
// gives an unreadable Extraction with the reason.
func Extract(data []byte, kind string) (x evidence.Extraction) {
	defer func() {
		if r := recover(); r != nil {
			x = unreadable(kind, fmt.Sprintf("extractor failure: %v", r))
		}
	}()
	root, err := Parse(data)
	if err != nil {
		return unreadable(kind, err.Error())
	}
	s, schema := Read(root)
	if schema == "" {
		return unreadable(kind, fmt.Sprintf("XML of root <%s> is neither an e-invoice (EInvoice, eInvoice) nor an XBRL bank receipt: needs human reading", root.Name))
	}
	return evidence.ExtractStructured(s, kind, evidence.SourceXML, nil)
}

func unreadable(kind, reason string) evidence.Extraction {
	return evidence.Extraction{Kind: kind, Source: evidence.SourceXML, Fields: map[string]evidence.Field{}, Reason: reason}
}
