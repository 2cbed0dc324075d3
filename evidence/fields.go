package evidence

import (
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// KindFields is the reader's output contract: the fields each kind of
// document is read into (Extraction.Fields keys), as the rules, the web and
// the generator's ground truth name them. Optional ones (OptionalFields)
// are not reported missing.
var KindFields = map[string][]string{
	KindContract: {"number", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "order_no", "total", "total_upper"},
	KindPayment: {"date", "serial", "receipt_no", "payer_name", "payer_account", "payer_bank",
		"payee_name", "payee_account", "payee_bank", "amount", "amount_upper", "purpose", "order_no"},
	KindLogistics:  {"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"},
	KindInvoice:    {"number", "code", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "total", "total_upper", "amount", "tax", "issuer", "order_no", "check_code"},
	KindAcceptance: {"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
}

// OptionalFields are the fields of each kind that documents of the kind
// often do not print: their absence is no problem of the reading.
var OptionalFields = map[string][]string{
	KindPayment:   {"order_no"},
	KindLogistics: {"order_no", "pieces", "weight"},
	KindInvoice:   {"code", "check_code", "order_no", "issuer", "tax"},
}

// internalFields are the fields a reader uses on the way and maps onto the
// contract before it returns: the account holder and counterparty of a
// receipt that names the holder's side rather than payer and payee.
var internalFields = map[string]bool{
	"holder_name": true, "holder_account": true, "holder_bank": true,
	"counterparty_name": true, "counterparty_account": true, "counterparty_bank": true,
}

// contractField reports whether key is a field of kind's contract.
func contractField(kind, key string) bool {
	return slices.Contains(KindFields[kind], key) || internalFields[key]
}

// SameValue reports whether a field's value as read says what want says,
// as the checks compare values: spaces and full-width forms aside, and
// uppercase amounts by the sum they spell (人民币 before one says
// nothing). Accuracy measures and truth tests compare with it.
func SameValue(want, got string) bool {
	n := func(s string) string { return strings.Join(strings.Fields(Fold(s)), "") }
	if n(want) == n(got) {
		return true
	}
	w, errW := money.ParseUppercase(n(want))
	g, errG := money.ParseUppercase(n(got))
	return errW == nil && errG == nil && w == g
}
