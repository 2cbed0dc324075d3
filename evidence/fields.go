package evidence

import (
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// The fields of the contract (Extraction.Fields keys), for the packages that
// read them: a misspelt name fails to compile.
const (
	FieldNumber       = "number"
	FieldDate         = "date"
	FieldBuyerName    = "buyer_name"
	FieldBuyerID      = "buyer_id"
	FieldSellerName   = "seller_name"
	FieldSellerID     = "seller_id"
	FieldOrderNo      = "order_no"
	FieldTotal        = "total"
	FieldTotalUpper   = "total_upper"
	FieldSerial       = "serial"
	FieldReceiptNo    = "receipt_no"
	FieldPayerName    = "payer_name"
	FieldPayerAccount = "payer_account"
	FieldPayerBank    = "payer_bank"
	FieldPayeeName    = "payee_name"
	FieldPayeeAccount = "payee_account"
	FieldPayeeBank    = "payee_bank"
	FieldAmount       = "amount"
	FieldAmountUpper  = "amount_upper"
	FieldPurpose      = "purpose"
	FieldCarrier      = "carrier"
	FieldTrackingNo   = "tracking_no"
	FieldShipped      = "shipped"
	FieldSigned       = "signed"
	FieldSender       = "sender"
	FieldRecipient    = "recipient"
	FieldAddress      = "address"
	FieldPieces       = "pieces"
	FieldWeight       = "weight"
	FieldCode         = "code"
	FieldTax          = "tax"
	FieldIssuer       = "issuer"
	FieldCheckCode    = "check_code"
	FieldContractNo   = "contract_no"
	FieldConclusion   = "conclusion"
	FieldSigner       = "signer"
)

// KindFields is the reader's output contract: the fields each kind of
// document is read into (Extraction.Fields keys), as the rules, the web and
// the generator's ground truth name them. Optional ones (OptionalFields)
// are not reported missing.
var KindFields = map[string][]string{
	KindContract: {FieldNumber, FieldDate, FieldBuyerName, FieldBuyerID, FieldSellerName, FieldSellerID, FieldOrderNo, FieldTotal, FieldTotalUpper},
	KindPayment: {FieldDate, FieldSerial, FieldReceiptNo, FieldPayerName, FieldPayerAccount, FieldPayerBank,
		FieldPayeeName, FieldPayeeAccount, FieldPayeeBank, FieldAmount, FieldAmountUpper, FieldPurpose, FieldOrderNo},
	KindLogistics:  {FieldCarrier, FieldTrackingNo, FieldShipped, FieldSigned, FieldSender, FieldRecipient, FieldAddress, FieldPieces, FieldWeight, FieldOrderNo},
	KindInvoice:    {FieldNumber, FieldCode, FieldDate, FieldBuyerName, FieldBuyerID, FieldSellerName, FieldSellerID, FieldTotal, FieldTotalUpper, FieldAmount, FieldTax, FieldIssuer, FieldOrderNo, FieldCheckCode},
	KindAcceptance: {FieldOrderNo, FieldContractNo, FieldBuyerName, FieldSellerName, FieldDate, FieldTotal, FieldConclusion, FieldSigner},
}

// OptionalFields are the fields of each kind that documents of the kind
// often do not print: their absence is no problem of the reading.
var OptionalFields = map[string][]string{
	KindPayment:   {FieldOrderNo},
	KindLogistics: {FieldOrderNo, FieldPieces, FieldWeight},
	KindInvoice:   {FieldCode, FieldCheckCode, FieldOrderNo, FieldIssuer, FieldTax},
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
