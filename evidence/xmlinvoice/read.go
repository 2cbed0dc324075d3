package xmlinvoice

import (
	"fmt"
	"strconv"

	"github.com/heshi-verify/heshi/evidence"
)

// Schemas Read recognises.
const (
	// SchemaEInvoice is the XML of a fully digitalised (数电) invoice: root
	// EInvoice, with EInvoiceData/SellerInformation, BuyerInformation,
	// BasicInformation and IssuItemInformation lines, and
	// TaxSupervisionInfo/InvoiceNumber and IssueTime.
	SchemaEInvoice = "EInvoice"
	// SchemaFP is the 2019 e-invoice schema (namespace
	// http://www.edrm.org.cn/schema/e-invoice/2019, prefix fp) of the
	// original_invoice.xml that OFD invoices attach, and the element
	// names of their custom tags: InvoiceCode, InvoiceNo, IssueDate,
	// Buyer, Seller, TaxInclusiveTotalAmount, GoodsInfos/GoodsInfo.
	SchemaFP = "fp"
	// SchemaBker is a bank electronic receipt in the Ministry of Finance's
	// e-voucher XBRL taxonomy (bker): AccountNameOfPayer,
	// TransactionAmountInFigures, NumberOfBankElectronicReceipt…
	SchemaBker = "bker"
)

// Read recognises the invoice or receipt data of an element tree and
// returns its values, and the schema it read, or "" when the tree is none
// of the Schemas. Each value's Text is the element name and its text; its
// Page is the page attribute of the element ("page", as the OFD reader
// sets it for custom tags), else 0.
func Read(root *Node) (evidence.Structured, string) {
	switch {
	case root == nil:
	case root.Find("EInvoiceData") != nil || root.Find("TotalTax-includedAmount") != nil:
		return readEInvoice(root), SchemaEInvoice
	case root.Find("InvoiceNo") != nil || root.Find("TaxInclusiveTotalAmount") != nil:
		return readFP(root), SchemaFP
	case root.Find("TransactionAmountInFigures") != nil || root.Find("AccountNameOfPayer") != nil:
		return readBker(root), SchemaBker
	}
	return evidence.Structured{}, ""
}

// field maps a field key to the element names that hold it, first
// present wins.
type field struct {
	key   string
	names []string
}

// values reads fields from the first elements of those names in root.
func values(root *Node, fields []field) []evidence.Value {
	var out []evidence.Value
	for _, f := range fields {
		for _, name := range f.names {
			n := root.Find(name)
			if n == nil || n.Text == "" {
				continue
			}
			out = append(out, value(f.key, n))
			break
		}
	}
	return out
}

func value(key string, n *Node) evidence.Value {
	page, _ := strconv.Atoi(n.Attrs["page"])
	return evidence.Value{Key: key, Raw: n.Text, Text: fmt.Sprintf("%s %s", n.Name, n.Text), Page: page}
}

// text returns the text of the child of n named name, "" when none.
func text(n *Node, name string) string {
	if c := n.Find(name); c != nil {
		return c.Text
	}
	return ""
}

var eInvoiceFields = []field{
	{evidence.FieldNumber, []string{"InvoiceNumber", "EIid"}},
	{evidence.FieldDate, []string{"IssueTime", "RequestTime"}},
	{evidence.FieldBuyerName, []string{"BuyerName"}},
	{evidence.FieldBuyerID, []string{"BuyerIdNum"}},
	{evidence.FieldSellerName, []string{"SellerName"}},
	{evidence.FieldSellerID, []string{"SellerIdNum"}},
	{evidence.FieldAmount, []string{"TotalAmWithoutTax"}},
	{evidence.FieldTax, []string{"TotalTaxAm"}},
	{evidence.FieldTotal, []string{"TotalTax-includedAmount"}},
	{evidence.FieldTotalUpper, []string{"TotalTax-includedAmountInChinese"}},
	{evidence.FieldIssuer, []string{"Drawer"}},
	{evidence.FieldOrderNo, []string{"Remark"}},
}

func readEInvoice(root *Node) evidence.Structured {
	s := evidence.Structured{Kind: evidence.KindInvoice}
	s.Values = values(root, eInvoiceFields)
	if n := root.Find("GeneralOrSpecialVAT").Find("LabelName"); n != nil && n.Text != "" {
		s.Values = append(s.Values, value("type", n))
	}
	for _, it := range root.All("IssuItemInformation") {
		s.Lines = append(s.Lines, evidence.RawLine{
			Name: text(it, "ItemName"), Unit: text(it, "MeaUnits"), Quantity: text(it, "Quantity"),
			UnitPrice: text(it, "UnPrice"), Amount: text(it, "Amount"), TaxRate: text(it, "TaxRate"), Tax: text(it, "ComTaxAm"),
		})
	}
	return s
}

var fpFields = []field{
	{evidence.FieldNumber, []string{"InvoiceNo"}},
	{evidence.FieldCode, []string{"InvoiceCode"}},
	{evidence.FieldDate, []string{"IssueDate"}},
	{evidence.FieldBuyerName, []string{"BuyerName"}},
	{evidence.FieldBuyerID, []string{"BuyerTaxID"}},
	{evidence.FieldSellerName, []string{"SellerName"}},
	{evidence.FieldSellerID, []string{"SellerTaxID"}},
	{evidence.FieldAmount, []string{"TaxExclusiveTotalAmount"}},
	{evidence.FieldTax, []string{"TaxTotalAmount"}},
	{evidence.FieldTotal, []string{"TaxInclusiveTotalAmount"}},
	{evidence.FieldIssuer, []string{"InvoiceClerk"}},
	{evidence.FieldCheckCode, []string{"InvoiceCheckCode"}},
	{evidence.FieldOrderNo, []string{"Note"}},
}

func readFP(root *Node) evidence.Structured {
	s := evidence.Structured{Kind: evidence.KindInvoice, Values: values(root, fpFields)}
	for _, it := range root.All("GoodsInfo") {
		s.Lines = append(s.Lines, evidence.RawLine{
			Name: text(it, "Item"), Unit: text(it, "MeasurementDimension"), Quantity: text(it, "Quantity"),
			UnitPrice: text(it, "Price"), Amount: text(it, "Amount"), TaxRate: text(it, "TaxScheme"), Tax: text(it, "TaxAmount"),
		})
	}
	return s
}

var bkerFields = []field{
	{evidence.FieldDate, []string{"DateOfBookkeeping", "IssueDate"}},
	{evidence.FieldSerial, []string{"JournalAccountOfBookkeeping"}},
	{evidence.FieldReceiptNo, []string{"NumberOfBankElectronicReceipt"}},
	{evidence.FieldPayerName, []string{"AccountNameOfPayer"}},
	{evidence.FieldPayerAccount, []string{"AccountNumberOfPayer"}},
	{evidence.FieldPayerBank, []string{"OpeningBankOfPayer"}},
	{evidence.FieldPayeeName, []string{"AccountNameOfPayee"}},
	{evidence.FieldPayeeAccount, []string{"AccountNumberOfPayee"}},
	{evidence.FieldPayeeBank, []string{"OpeningBankOfPayee"}},
	{evidence.FieldAmount, []string{"TransactionAmountInFigures"}},
	{evidence.FieldPurpose, []string{"Usage"}},
}

func readBker(root *Node) evidence.Structured {
	return evidence.Structured{Kind: evidence.KindPayment, Values: values(root, bkerFields)}
}
