package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/heshi-verify/heshi/pipeline"
)

// Exports for people (the assessor's room) say the tables in Chinese, or
// English: a table's name, its columns with their units, statuses and
// figures; programs (heshi stats, the API) keep the keys of Table.

// Lang is an export's language.
type Lang int

const (
	Chinese Lang = iota
	English
)

// names say the tables, columns and row keys: key → {Chinese, English}.
var names = map[string][2]string{
	"summary": {"概况", "Summary"}, "counties": {"区县", "Counties"}, "budget_units": {"预算单位", "Budget units"},
	"suppliers": {"供应商", "Suppliers"}, "categories": {"商品类别", "Categories"}, "pipeline": {"核实进度", "Verification"},
	"figure": {"指标", "Figure"}, "value": {"数值", "Value"},
	"purchasers_transacting": {"交易采购人（个）", "Purchasers transacting"}, "suppliers_transacting": {"交易供应商（个）", "Suppliers transacting"},
	"purchasers_registered": {"注册采购人（个）", "Purchasers registered"}, "suppliers_applied": {"申请入驻供应商（家）", "Suppliers applied"},
	"products_registered": {"上架商品（个）", "Products registered"}, "products_transacted": {"成交商品（个）", "Products transacted"},
	"orders": {"订单数（笔）", "Orders"}, "amount_yuan": {"金额（元）", "Amount (yuan)"}, "amount_wan_yuan": {"金额（万元）", "Amount (10k yuan)"},
	"division_code": {"区划代码", "Division code"}, "county": {"县（市、区）", "County"}, "city": {"市（州）", "City"},
	"budget_unit_purchase_yuan": {"预算单位采购额（元）", "Budget-unit purchases (yuan)"}, "budget_unit_purchase_wan_yuan": {"预算单位采购额（万元）", "Budget-unit purchases (10k yuan)"},
	"local_product_sales_yuan": {"本地产品销售额（元）", "Local product sales (yuan)"}, "local_product_sales_wan_yuan": {"本地产品销售额（万元）", "Local product sales (10k yuan)"},
	"suppliers_admitted": {"入驻供应商（家）", "Suppliers admitted"}, "supplier_orders": {"供应商订单（笔）", "Supplier orders"},
	"rank": {"排名", "Rank"}, "id": {"编号", "ID"}, "name": {"名称", "Name"},
	"category": {"类别代码", "Category"}, "label": {"类别", "Label"}, "status": {"状态", "Status"},
	TotalRow:          {"合计", "Total"},
	"assess_counties": {"分县预留份额与渗透率", "Reserved shares by county"}, "assess_units": {"预算单位预留份额", "Reserved shares by budget unit"},
	"with_target": {"有目标单位（个）", "Units with a target"}, "target_yuan": {"预留份额（元）", "Target (yuan)"},
	"here_yuan": {"本馆采购（元）", "Here (yuan)"}, "on832_yuan": {"832 平台采购（元）", "832 platform (yuan)"},
	"completion": {"完成率", "Completion"}, "below_target": {"未完成单位（个）", "Units below target"},
	"transacting": {"交易单位（个）", "Transacting"}, "registered": {"登记单位（个）", "Registered"}, "penetration": {"渗透率", "Penetration"},
	string(pipeline.StatusAwaitingDocuments): {"待补凭证", "awaiting documents"}, string(pipeline.StatusChecking): {"核查中", "being checked"},
	string(pipeline.StatusVerified): {"已核实", "verified"}, string(pipeline.StatusNeedsReview): {"审核中", "in review"},
	string(pipeline.StatusRejected): {"已驳回", "rejected"},
}

func (l Lang) say(key string) string {
	if n, ok := names[key]; ok {
		return n[l]
	}
	return key
}

// column kinds, for XLSX cells and formats.
const (
	colText = iota
	colCount
	colYuan
	colWan
)

func kindOf(header string) int {
	switch {
	case strings.HasSuffix(header, "_wan_yuan"):
		return colWan
	case strings.HasSuffix(header, "_yuan"):
		return colYuan
	case header == "orders" || header == "rank" || header == "suppliers_admitted" || header == "supplier_orders":
		return colCount
	}
	return colText
}

// peopleTable is Table said in lang: headers, the summary's figures, the
// pipeline's statuses and the total rows in words.
func peopleTable(st *pipeline.Statistics, name string, lang Lang) (header []string, kinds []int, rows [][]string, err error) {
	keys, rows, err := Table(st, name)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, k := range keys {
		header = append(header, lang.say(k))
		kinds = append(kinds, kindOf(k))
	}
	for _, r := range rows {
		switch {
		case r[0] == TotalRow, name == "summary", name == "pipeline":
			r[0] = lang.say(r[0])
		}
	}
	if name == "summary" {
		kinds[1] = colText // a column of mixed figures: each cell's kind below
	}
	return header, kinds, rows, nil
}

// summaryKind is the kind of a figure of the summary, by its key: an
// amount in yuan or in 万元, else a count.
func summaryKind(key string) int {
	if k := kindOf(key); k != colText {
		return k
	}
	return colCount
}

// WriteCSVFor writes the tables for people in lang: a BOM (spreadsheet
// programs then read UTF-8), then each table with its name, its header in
// words and units, formulas made inert.
func WriteCSVFor(w io.Writer, st *pipeline.Statistics, lang Lang, tables ...string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	return writeCSV(w, tables, func(name string) (string, []string, [][]string, error) {
		header, _, rows, err := peopleTable(st, name, lang)
		return lang.say(name), header, rows, err
	})
}

// WriteXLSXFor writes the tables for people in lang: a sheet each, named in
// words, a bold header row frozen above numbers stored as numbers (yuan
// and 万元 with thousands separators and two decimals, counts whole),
// columns wide enough for their text, and the total row in bold.
func WriteXLSXFor(w io.Writer, st *pipeline.Statistics, lang Lang, tables ...string) error {
	if len(tables) == 0 {
		tables = Tables
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}}})
	if err != nil {
		return err
	}
	yuanFmt, wanFmt, countFmt := "#,##0.00", "#,##0.00", "#,##0"
	styles := map[int]int{}
	for k, fm := range map[int]string{colYuan: yuanFmt, colWan: wanFmt, colCount: countFmt} {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
		if err != nil {
			return err
		}
		styles[k] = id
	}
	for i, t := range tables {
		header, kinds, rows, err := peopleTable(st, t, lang)
		if err != nil {
			return err
		}
		var keys []string // the summary's figures by key, for each row's kind
		if t == "summary" {
			_, raw, _ := Table(st, t)
			for _, r := range raw {
				keys = append(keys, r[0])
			}
		}
		sheet := lang.say(t)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		widths := make([]int, len(header))
		for c, h := range header {
			widths[c] = displayWidth(h) + 2
		}
		for c, wd := range widths {
			if err := sw.SetColWidth(c+1, c+1, float64(max(wd, 10))); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		head := make([]any, len(header))
		for c, h := range header {
			head[c] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		for j, row := range rows {
			out := make([]any, len(row))
			for c, v := range row {
				k := kinds[c]
				if t == "summary" && c == 1 {
					k = summaryKind(keys[j])
				}
				out[c] = cellOf(v, k, styles)
				if row[0] == lang.say(TotalRow) {
					if cl, ok := out[c].(excelize.Cell); ok && k == colText {
						cl.StyleID = bold
						out[c] = cl
					}
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, j+2)
			if err := sw.SetRow(cell, out); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// cellOf is a value as a cell: a number of its kind's format, or text
// (made inert when a spreadsheet would run it).
func cellOf(v string, kind int, styles map[int]int) excelize.Cell {
	if kind != colText {
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			return excelize.Cell{StyleID: styles[kind], Value: n}
		}
	}
	if formulaLike(v) {
		v = "'" + v
	}
	return excelize.Cell{Value: v}
}

// WriteAssessmentCSV writes a year's reserved shares for people in lang:
// the counties with their total, then every budget unit, amounts in yuan.
func WriteAssessmentCSV(w io.Writer, a *pipeline.Assessment, lang Lang) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	pct := func(f float64) string { return strconv.FormatFloat(100*f, 'f', 2, 64) + "%" }
	area := func(s pipeline.AreaShare) []string {
		return []string{s.Code, s.Name, strconv.Itoa(s.WithTarget), s.Target.String(), s.Here.String(), s.On832.String(), pct(s.Completion()),
			strconv.Itoa(s.BelowTarget), strconv.Itoa(s.Transacting), strconv.Itoa(s.Registered), pct(s.Penetration())}
	}
	return writeCSV(w, []string{"assess_counties", "assess_units"}, func(name string) (string, []string, [][]string, error) {
		var header []string
		var rows [][]string
		if name == "assess_counties" {
			for _, k := range []string{"division_code", "county", "with_target", "target_yuan", "here_yuan", "on832_yuan", "completion", "below_target", "transacting", "registered", "penetration"} {
				header = append(header, lang.say(k))
			}
			for _, c := range a.Counties {
				rows = append(rows, area(c))
			}
			total := area(a.Total)
			total[0], total[1] = lang.say(TotalRow), ""
			rows = append(rows, total)
		} else {
			for _, k := range []string{"id", "name", "division_code", "county", "target_yuan", "here_yuan", "on832_yuan", "completion"} {
				header = append(header, lang.say(k))
			}
			for _, u := range a.Units {
				c := ""
				if u.Target > 0 {
					c = pct(u.Completion())
				}
				rows = append(rows, []string{u.BuyerID, u.Name, u.CountyCode, u.County, u.Target.String(), u.Here.String(), u.On832.String(), c})
			}
		}
		return lang.say(name), header, rows, nil
	})
}
