package evidence_test

import (
	"github.com/heshi-verify/heshi/evidence/pdftext/pdftest"
)

// Identities used across the synthetic documents (check characters valid).
const (
	buyerName  = "茶陵县第二中学"
	buyerID    = "12430224MB12345670"
	coopName   = "茶陵县湘米种植专业合作社"
	coopID     = "93430224MA4L123452"
	firmName   = "株洲炎帝生态农业有限公司"
	firmID     = "91430224MA4QABCD19"
	orderNo    = "HN2021000123"
	contractNo = "HT-2021-000123"
)

// form lays out a document: rows of cells top to bottom, each cell a
// string at an x position.
type form struct {
	d *pdftest.Doc
	p *pdftest.Page
	y float64
}

func newForm() *form {
	d := pdftest.New(pdftest.A4W, pdftest.A4H)
	return &form{d: d, p: d.AddPage(), y: 60}
}

// title prints a centred title.
func (f *form) title(s string) *form {
	w := float64(len([]rune(s))) * 16
	f.p.Text((pdftest.A4W-w)/2, f.y, 16, s)
	f.y += 36
	return f
}

// row prints cells as x, text pairs on one row of 10pt text.
func (f *form) row(cells ...any) *form {
	for i := 0; i+1 < len(cells); i += 2 {
		f.p.Text(toFloat(cells[i]), f.y, 10, cells[i+1].(string))
	}
	f.y += 20
	return f
}

func (f *form) bytes() []byte { return f.d.Bytes() }

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic("cell x must be int or float64")
}

// synthetic returns the synthetic documents of the golden tests by name.
// They follow the label contract of the generated samples (labels.go) and
// exercise its variants: colon styles, table cells without colons, two
// pairs on a row, both invoice party layouts, and a scan.
func synthetic() map[string][]byte {
	return map[string][]byte{
		"synthetic-contract":          contractDoc(),
		"synthetic-payment":           paymentDoc(),
		"synthetic-logistics":         logisticsDoc(),
		"synthetic-invoice-stacked":   invoiceStackedDoc(),
		"synthetic-invoice-columns":   invoiceColumnsDoc(),
		"synthetic-acceptance":        acceptanceDoc(),
		"synthetic-scan":              scanDoc(),
		"synthetic-contract-problems": contractProblemsDoc(),
	}
}

func contractDoc() []byte {
	return newForm().
		title("农副产品采购合同").
		row(50, "合同编号："+contractNo, 320, "签订日期：2021年10月05日").
		row(50, "采购人（甲方）：", 160, buyerName).
		row(50, "采购人统一社会信用代码："+buyerID).
		row(50, "供应商（乙方）："+coopName).
		row(50, "供应商统一社会信用代码: "+coopID).
		row(50, "订单编号", 160, orderNo).
		row(50, "序号", 90, "商品名称", 250, "单位", 300, "数量", 360, "单价（元）", 450, "金额（元）").
		row(50, "1", 90, "湘米（长粒香）", 250, "袋", 310, "20", 370, "45.00", 460, "900.00").
		row(50, "2", 90, "茶油", 250, "瓶", 310, "5", 370, "66.90", 460, "334.50").
		row(50, "合计", 460, "1,234.50").
		row(50, "合同总金额（小写）：¥1,234.50", 320, "合同总金额（大写）：壹仟贰佰叁拾肆元伍角整").
		row(50, "甲方应于收货验收合格后十日内付款。").
		row(50, "甲方（盖章）：", 320, "乙方（盖章）：").
		bytes()
}

func contractProblemsDoc() []byte {
	// An ambiguous uppercase amount, an impossible date, and a second
	// buyer name that differs from the first.
	return newForm().
		title("政府采购合同").
		row(50, "合同编号：HT-2021-000999", 320, "签订日期：2021年02月30日").
		row(50, "甲方："+buyerName).
		row(50, "乙方："+coopName).
		row(50, "合同金额（小写）：￥105.00", 320, "合同金额（大写）：壹佰伍元整").
		row(50, "甲方：茶陵县第一中学").
		bytes()
}

func paymentDoc() []byte {
	return newForm().
		title("中国农业银行 电子回单").
		row(50, "交易日期", 150, "2021-10-12 14:30:05", 320, "回单编号", 420, "ABC20211012000456").
		row(50, "交易流水号", 150, "202110121430059876").
		row(50, "付款人户名", 150, buyerName, 320, "收款人户名", 420, coopName).
		row(50, "付款人账号", 150, "1833 0101 0400 1234 5", 320, "收款人账号", 420, "6228 4800 1234 5678 901").
		row(50, "付款人开户行", 150, "中国农业银行茶陵支行", 320, "收款人开户行", 420, "茶陵县农村信用合作联社").
		row(50, "金额（小写）", 150, "￥1,234.50元").
		row(50, "金额（大写）", 150, "人民币壹仟贰佰叁拾肆元伍角整").
		row(50, "用途", 150, "货款 订单"+orderNo).
		bytes()
}

func logisticsDoc() []byte {
	return newForm().
		title("顺丰速运 电子运单").
		row(50, "承运公司：顺丰速运", 320, "运单号：SF1234567890123").
		row(50, "寄件日期：2021/10/08", 320, "签收日期：2021/10/10").
		row(50, "寄件人：王建国 138****0001", 320, "收件人：李老师").
		row(50, "收件地址：湖南省株洲市茶陵县城关镇解放路12号 "+buyerName).
		row(50, "件数：2", 200, "重量：12.5 kg").
		row(50, "备注（订单）："+orderNo).
		bytes()
}

func invoiceStackedDoc() []byte {
	return newForm().
		title("电子发票（普通发票）").
		row(50, "发票号码：21432000000012345678", 320, "开票日期：2021年10月15日").
		row(50, "购买方名称："+buyerName).
		row(50, "购买方统一社会信用代码/纳税人识别号："+buyerID).
		row(50, "销售方名称："+firmName).
		row(50, "销售方纳税人识别号："+firmID).
		row(40, "项目名称", 150, "规格型号", 215, "单位", 250, "数量", 300, "单价", 360, "金额", 420, "税率/征收率", 500, "税额").
		row(40, "*粮食*大米", 150, "5kg", 218, "袋", 255, "20", 295, "41.28", 350, "825.69", 430, "9%", 500, "74.31").
		row(40, "*蔬菜*白菜", 218, "斤", 252, "100", 298, "3.345", 350, "334.50", 430, "免税", 505, "***").
		row(40, "合 计", 350, "¥1,160.19", 500, "¥74.31").
		row(40, "价税合计（大写）", 150, "⊗壹仟贰佰叁拾肆圆伍角", 380, "（小写）¥1,234.50").
		row(40, "备注：订单编号："+orderNo).
		row(40, "开票人：王芳").
		bytes()
}

func invoiceColumnsDoc() []byte {
	return newForm().
		title("电子发票（增值税专用发票）").
		row(400, "发票号码：21432000000012345679").
		row(400, "开票日期：2021年10月16日").
		row(40, "购买方信息", 310, "销售方信息").
		row(40, "名称："+buyerName, 310, "名称："+coopName).
		row(40, "统一社会信用代码/纳税人识别号："+buyerID, 310, "统一社会信用代码/纳税人识别号："+coopID).
		row(40, "项目名称", 150, "规格型号", 215, "单位", 250, "数量", 300, "单价", 360, "金额", 420, "税率/征收率", 500, "税额").
		row(40, "*粮食*大米", 150, "5kg", 218, "袋", 255, "20", 298, "61.725", 350, "1,234.50", 430, "免税", 505, "***").
		row(40, "合 计", 350, "¥1,234.50", 505, "***").
		row(40, "价税合计（大写）", 150, "⊗壹仟贰佰叁拾肆圆伍角", 380, "（小写）¥1,234.50").
		row(40, "备注", 100, "订单编号："+"HN2021000124").
		row(40, "开票人：", 90, "刘洋").
		bytes()
}

func acceptanceDoc() []byte {
	return newForm().
		title("农副产品验收单").
		row(50, "订单编号："+orderNo, 320, "合同编号："+contractNo).
		row(50, "采购单位："+buyerName, 320, "供应商："+coopName).
		row(50, "验收日期：2021-10-11").
		row(50, "序号", 80, "品名", 200, "单位", 240, "应收数量", 300, "实收数量", 360, "单价（元）", 450, "金额（元）").
		row(50, "1", 80, "湘米（长粒香）", 205, "袋", 255, "20", 315, "20", 370, "45.00", 460, "900.00").
		row(50, "2", 80, "茶油", 205, "瓶", 255, "5", 315, "5", 370, "66.90", 460, "334.50").
		row(50, "合计", 460, "1,234.50").
		row(50, "验收金额（小写）：¥1,234.50").
		row(50, "验收结论：合格", 320, "验收人：赵六").
		bytes()
}

func scanDoc() []byte {
	d := pdftest.New(pdftest.A4W, pdftest.A4H)
	p := d.AddPage()
	for y := 50.0; y < 800; y += 25 {
		p.Line(40, y, 550, y)
	}
	return d.Bytes()
}
