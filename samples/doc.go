// Package samples generates realistic sample datasets of the Hunan
// government-procurement e-market (湖南省政府采购电子卖场乡村振兴馆): budget
// units, unions and individuals buying farm products from suppliers in the
// counties that left poverty, and for every order the five documents the
// operator checks — purchase contract, bank receipt, courier waybill,
// invoice and acceptance report — as PDFs, with a known share of planted
// anomalies labelled in truth.csv.
//
// Generate writes a dataset directory (see package pipeline/dataset) and is
// deterministic: the same Options write the same bytes, PDFs included
// (their creation dates are the documents' own dates).
//
// # Calibration
//
// With Options.Calibrate set to CalibrateHunan2021 the clean orders alone
// reproduce every table of the hall's published 2021 statement exactly
// (samples/data):
//
//   - the county table: summed by the supplier's county they give each
//     county's local product sales to the fen and its supplier orders, and
//     each county has its admitted suppliers (see CalibrationTargets);
//     summed by the buyer's division, budget units' orders give each row's
//     budget-unit purchases (rows sharing a division code, a prefecture's
//     own units and its development zones, add up under it);
//   - the ranking: its 50 budget units, in their counties, buy exactly their
//     amounts, and every other budget unit less than the 50th, so that
//     ranking budget units by amount (ties by buyer id) gives the table;
//   - the summary: purchasers registered (buyers.csv) and transacting,
//     suppliers applied (suppliers.csv) and admitted, products registered
//     (products.csv) and on clean orders, the amount and the orders.
//
// Unions and individuals buy what budget units do not. The 2 admitted
// suppliers the county table does not place and the applicants never
// admitted are in counties the table does not list, with no clean order.
// Anomalous orders are extra orders on top, of the same buyers and
// suppliers.
//
// # Documents
//
// The text of the classic documents follows the contract between generator
// and extractor: each field is a label and its value on one visual row,
// separated by a colon (full-width or ASCII) or by space, and each kind has
// three layouts (lines, bordered grid, compact), drawn per document from the
// seed. Amounts print as ¥1,234.50, ￥1234.50 or 1,234.50元, dates as
// 2021年10月05日, 2021-10-05 or 2021/10/05; uppercase amounts use 元 on
// contracts and receipts and 圆 on invoices. The invoice splits each
// tax-inclusive order line into amount and tax at its rate (免税 for
// cooperatives' vegetables, 13% for oil and tea, 9% otherwise) so that 价税合计
// equals the order total exactly.
//
// The documents are set in WenQuanYi Micro Hei, found at $HESHI_FONT or
// DefaultFontPath (Debian's fonts-wqy-microhei); the font is not part of the
// repository. A .ttc collection's first face is extracted (FirstFace), then
// reduced to the characters the dataset prints before gopdf embeds it, which
// keeps each PDF around 20-35 KB.
//
// # Layouts
//
// Options.Layouts (heshi samples --layouts) chooses the layouts. The
// default, "" or LayoutsClassic, is the three classic layouts above (two
// for the invoice), and writes exactly what the generator always wrote.
// LayoutsAll adds layouts modelled on real documents, with their own
// vocabularies and geometries; LayoutsNew draws only those; a
// comma-separated list names layout ids (payment/colheads) or kinds
// (payment: all of its layouts), and a kind it does not name keeps its
// classic layouts. Layouts lists the ids of a kind. Among them:
//
//   - contracts: the 政府采购合同 template, a 买方 | 卖方 party table,
//     a 供方/需方 contract, 甲方/乙方 blocks, the market's cover with labels
//     above values;
//   - bank receipts: parties under 付款人 | 收款人 headers, vertical
//     captions (付/款/人) with 全称/账号/开户行 or 户名/账号/行名, BOC's and
//     ICBC's label pairs, 借记通知/贷记通知 with 对方户名/对方账号, two
//     receipts on one page (the order's and another payment of the same
//     account), a rural bank's 结算业务回单, an amount in digit boxes;
//   - courier documents: the thermal 电子面单 (收/寄 captions, no labels,
//     no order number), a merchant's labelled label, a tracking page with
//     its timeline, a signed 签收单, a shipment table, a paper 详情单, and
//     a 货拉拉 freight voucher for goods sent by van;
//   - invoices: the 数电 invoice, the old-style VAT invoice (发票代码 and an
//     8-digit 发票号码, 密码区), a platform print with another column order,
//     the tax bureau's 查验 page;
//   - acceptance: 收货单, 入库单 (amounts in digit boxes), 验收确认书,
//     the market's 验收单, 送货单, 验收报告 with ticked boxes.
//
// LayoutsHoldout ("holdout") is a held-out set of layouts, each named
// kind/ho-…, drawn from other real documents than the layouts above and
// never used to tune the reader: it measures how well the reader reads
// documents it has not seen. Those layouts are drawn only with "holdout" or
// by id; "all", "new" and a kind's name leave them out, so datasets made
// with those are what they were. HoldoutLayouts lists their ids; a kind
// with no held-out layout keeps its classic layouts under "holdout".
//
// Each document draws its layout from its seed, among the chosen ones that
// print what its order's planted anomaly changed (a label prints no
// signature date, so it never carries a signed-before-shipped anomaly); a
// copied invoice number is printed in the numbering of the invoice it
// copies. With new layouts, some buyers pay from banks beyond the seven of
// the suppliers' registrations and some orders go by other carriers (圆通,
// 韵达, 申通, 极兔, 德邦, 货拉拉), from a stream of their own: the orders,
// parties and amounts are those of the classic dataset with the same seed.
//
// # Scans
//
// Options.Scans (--scans) is the share of documents written as scans, drawn
// per document from the seed: the page rasterised at 150-200 dpi, turned by
// up to 2°, on uneven paper with grain and dust, with red seals (电子回单专用章,
// 合同专用章, 发票专用章, 验收专用章, …) over part of the text, written as a
// JPEG (documents/<order_no>/<kind>.jpg), a PNG of greys and reds (.png) or
// a PDF holding only the JPEG, without text (.pdf). A document planted
// unreadable stays a broken PDF.
//
// # Ground truth
//
// When Layouts or Scans is set, the dataset directory also holds
// layouts.csv (order_no,kind,layout,scan: the layout id and the scan format
// jpeg, png or pdf, or empty) and fields.csv (order_no,kind,field,value: one
// row per field the order's own document prints, none for a document
// planted unreadable). Field keys are those of the reader's contract, evidence.KindFields; values are
// normalised: amounts in yuan with two decimals (1234.50; a tax printed ***
// is 0.00), dates YYYY-MM-DD, accounts, IDs and numbers without spaces,
// weights in kilograms with one decimal and the unit (12.5kg), uppercase
// amounts and names as printed (人民币 and ⊗ included when printed with
// them). A field a layout does not print has no row: a courier label has no
// order_no, a 入库单 no conclusion. A label's 打印时间 is its shipped date;
// the old-style invoice's number is its 8-digit 发票号码, its code the
// 发票代码.
//
// # Anomalies
//
// Each order is anomalous with probability Options.AnomalyRate and then
// carries exactly one anomaly, the rules of AnomalyRules taken in turn so
// they are spread evenly. truth.csv labels every order: LabelClean or the
// rule id, with a detail for people.
package samples
