// Package dataset reads and writes heshi's dataset directory: the portable
// form of the market's data that `heshi import` reads and the sample
// generator writes (a [pipeline.Dataset]).
//
// A dataset directory holds these files:
//
//	buyers.csv       buyer_id,name,uscc,division_code,kind
//	suppliers.csv    supplier_id,name,uscc,division_code,bank_name,bank_account[,admitted]
//	products.csv     sku,supplier_id,name,category,unit
//	orders.csv       order_no,buyer_id,supplier_id,order_date,total
//	order_lines.csv  order_no,sku,quantity,unit_price,amount
//	truth.csv        order_no,label,detail   (generated samples only; optional)
//	documents/<order_no>/<kind>.<ext>
//
// Every CSV file starts with a header row naming its columns. Columns are
// matched by name, so their order may differ; names and values are trimmed of
// surrounding spaces and names are matched case-insensitively. A missing,
// repeated or unknown column is an error.
//
// Values:
//   - kind is budget_unit, union or individual; uscc may be empty only for an
//     individual. Check characters of codes are not verified here: codes that
//     fail the check exist, and the checks flag them for review later.
//   - division_code is a six-digit GB/T 2260 code.
//   - category is rice, oil, vegetable, tea, mushroom or fruit.
//   - order_date is YYYY-MM-DD.
//   - total, unit_price and amount are yuan with at most two decimals
//     ("1262.50"), never negative; quantity has at most three decimals
//     ("2.5", "0.125") and is positive.
//   - order_no names a directory under documents/, so it contains no slash
//     or backslash and is not "." or "..".
//
// suppliers.csv may add a column admitted (true or false): suppliers that
// applied and were not admitted have false; without the column, every
// supplier listed is admitted. Every order has at least
// one line; a line's sku belongs to the order's supplier; a line's amount is
// quantity × unit_price rounded to the fen, give or take one fen; and an
// order's total is the exact sum of its lines' amounts.
//
// documents/ holds one directory per order (an order may have none). In it,
// each file is named after the document's kind (contract, payment,
// logistics, invoice or acceptance) with the extension pdf, ofd, xml, jpg,
// jpeg or png (in any letter case); one file per kind. Hidden files (names
// starting with ".") are ignored.
//
// Files are CSV in UTF-8, with or without a byte-order mark, with LF or CRLF
// line endings. Files saved by Excel in China are GB18030; a file that is not
// valid UTF-8 but is valid GB18030 is decoded as such. Anything else, and any
// file holding control characters other than tab, CR and LF, is refused.
//
// [Read] checks all of this and reports up to [MaxErrors] problems at once as
// an [*ErrorList] of [*RowError], each naming the file, line and column, so a
// user can fix many at once. [Write] writes the CSV files in the form Read
// accepts; the generator writes the documents itself, at [DocumentPath].
//
// It imports the domain and money; no store.
package dataset
