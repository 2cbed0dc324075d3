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
// With Options.Calibrate set to CalibrateHunan2021 the clean orders
// reproduce the hall's published 2021 county table exactly: summed by the
// supplier's county they give each county's local product sales to the fen
// and its supplier orders, and each county has its admitted suppliers (see
// CalibrationTargets). Anomalous orders are extra orders on top.
//
// # Documents
//
// The text of every document follows the contract between generator and
// extractor: each field is a label and its value on one visual row,
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
// # Anomalies
//
// Each order is anomalous with probability Options.AnomalyRate and then
// carries exactly one anomaly, the rules of AnomalyRules taken in turn so
// they are spread evenly. truth.csv labels every order: LabelClean or the
// rule id, with a detail for people.
package samples
