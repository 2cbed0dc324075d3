package samples

import (
	"math/rand/v2"
	"strings"
)

// The wider vocabulary of the newer layouts: buyers paying from banks
// beyond the seven the suppliers are registered with (joint-stock, city and
// rural banks), and carriers beyond the classic four, each with its number
// shape. It is drawn from a stream of its own, after the orders and before
// the anomalies, so the orders, parties and amounts stay those of the
// classic dataset with the same seed; only what documents print changes.

// moreBanks are banks buyers may pay from. Their account lengths and first
// digits differ from those of banks (length 15, 21 and 22, or prefixes no
// bank of the same length uses), so their accounts never equal one
// registered there.
var moreBanks = []struct {
	name      string
	branch    func(city, county string) string
	acctLen   int
	acctStart string
	weight    int
}{
	{"交通银行", func(city, county string) string { return "交通银行" + city + "分行" }, 21, "431", 8},
	{"招商银行", func(city, county string) string { return "招商银行股份有限公司" + city + "分行" }, 15, "731", 6},
	{"中信银行", func(city, county string) string { return "中信银行" + city + "分行营业部" }, 19, "7331", 5},
	{"中国光大银行", func(city, county string) string { return "中国光大银行" + city + "分行" }, 16, "5101", 5},
	{"浙商银行", func(city, county string) string { return "浙商银行长沙分行营业部" }, 22, "3360", 3},
	{"兴业银行", func(city, county string) string { return "兴业银行" + city + "分行" }, 18, "368", 4},
	{"湖南银行", func(city, county string) string { return "湖南银行" + county + "支行" }, 17, "82", 5},
	{"农村信用合作联社", func(city, county string) string { return county + "农村信用合作联社" }, 18, "85", 4},
}

// freightCarrier is the freight platform some suppliers book a van on; its
// order numbers (12 digits from 39) are the shipment's numbers.
const freightCarrier = "货拉拉"

// moreCarriers are the carriers beyond the classic four, with weights.
var moreCarriers = []struct {
	name   string
	weight float64
}{
	{"圆通速递", 25}, {"韵达快递", 20}, {"申通快递", 15}, {"极兔速递", 20}, {"德邦快递", 10},
}

// widen redraws some buyers' paying accounts and some orders' carriers.
func widen(seed int64, docs []*orderDocs) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x77696465)) // "wide"
	seen := map[string]bool{}
	fresh := func(make func() string) string {
		for {
			if s := make(); !seen[s] {
				seen[s] = true
				return s
			}
		}
	}
	type account struct{ bank, number string }
	accounts := map[*buyer]*account{}
	ws := make([]float64, len(moreBanks))
	for i, b := range moreBanks {
		ws[i] = float64(b.weight)
	}
	cws := make([]float64, len(moreCarriers))
	for i, c := range moreCarriers {
		cws[i] = c.weight
	}
	for _, d := range docs {
		b := d.buyer
		a, ok := accounts[b]
		if !ok {
			// Four in ten corporate payers bank elsewhere; individuals keep
			// their cards.
			if !strings.HasPrefix(b.account, "62") && rng.IntN(10) < 4 {
				mb := moreBanks[weighted(rng, ws)]
				city := strings.TrimSuffix(b.div.CityName, "市")
				city = strings.TrimSuffix(city, "土家族苗族自治州")
				a = &account{mb.branch(city, b.div.Name), fresh(func() string {
					return mb.acctStart + digits(rng, mb.acctLen-len(mb.acctStart))
				})}
			}
			accounts[b] = a
		}
		if a != nil {
			d.payment.payerBank, d.payment.payerAccount = a.bank, a.number
			d.payment.bankTitle = bankBrand(a.bank) + " 电子回单"
		}
		// Nearly half go by the other couriers, a few by a freight van
		// booked on 货拉拉.
		switch r := rng.IntN(100); {
		case r < 5:
			d.logistics.carrier = freightCarrier
			d.logistics.trackingNo = fresh(func() string { return "39" + digits(rng, 10) })
		case r < 50:
			c := moreCarriers[weighted(rng, cws)].name
			d.logistics.carrier = c
			d.logistics.trackingNo = fresh(func() string { return moreTrackingNo(rng, c) })
		}
	}
}

// moreTrackingNo returns a number in the shape of one of moreCarriers.
// Yunda's and STO's all-digit numbers start with digits ZTO's (75, 78, 73)
// do not, so no number of theirs equals a classic one.
func moreTrackingNo(rng *rand.Rand, carrier string) string {
	switch carrier {
	case "圆通速递":
		return "YT" + pick(rng, []string{"2", "6", "8"}) + digits(rng, 12)
	case "韵达快递":
		return pick(rng, []string{"43", "46", "31"}) + digits(rng, 11)
	case "申通快递":
		return pick(rng, []string{"77", "88"}) + digits(rng, 13)
	case "极兔速递":
		return "JT" + pick(rng, []string{"3", "5"}) + digits(rng, 12)
	case "德邦快递":
		return "DPK" + pick(rng, []string{"36", "20"}) + digits(rng, 10)
	}
	panic("samples: no number shape for " + carrier)
}

// bankBrand is the name a bank prints on its forms: 中国农业银行 for
// 中国农业银行茶陵县支行, 茶陵农商银行 for 湖南茶陵农村商业银行股份有限公司营业部.
func bankBrand(branch string) string {
	for _, b := range banks {
		if strings.HasPrefix(branch, b.Name) && b.Name != "湖南农村商业银行" {
			return b.Name
		}
	}
	for _, b := range moreBanks {
		if strings.HasPrefix(branch, b.name) {
			return b.name
		}
	}
	if i := strings.Index(branch, "农村商业银行"); i > 0 {
		return strings.TrimPrefix(branch[:i], "湖南") + "农商银行"
	}
	if i := strings.Index(branch, "农村信用合作联社"); i > 0 {
		return branch[:i+len("农村信用合作联社")]
	}
	return "网上银行"
}

// bankEnglish is the English line of a bank's logo, or "".
func bankEnglish(brand string) string {
	return map[string]string{
		"中国农业银行": "AGRICULTURAL BANK OF CHINA", "中国工商银行": "INDUSTRIAL AND COMMERCIAL BANK OF CHINA",
		"中国建设银行": "CHINA CONSTRUCTION BANK", "中国银行": "BANK OF CHINA", "中国邮政储蓄银行": "POSTAL SAVINGS BANK OF CHINA",
		"交通银行": "BANK OF COMMUNICATIONS", "招商银行": "CHINA MERCHANTS BANK", "中信银行": "CHINA CITIC BANK",
		"中国光大银行": "CHINA EVERBRIGHT BANK", "浙商银行": "CZBANK", "兴业银行": "INDUSTRIAL BANK", "长沙银行": "BANK OF CHANGSHA",
		"湖南银行": "BANK OF HUNAN",
	}[brand]
}

// carrierLogo is how a carrier's logo reads: letters and the Chinese name.
func carrierLogo(carrier string) (letters, name string) {
	switch carrier {
	case "顺丰速运":
		return "SF", "顺丰速运"
	case "中国邮政EMS":
		return "EMS", "中国邮政EMS"
	case "京东物流":
		return "JD", "京东物流"
	case "中通快递":
		return "ZTO", "中通快递"
	case "圆通速递":
		return "YTO", "圆通速递"
	case "韵达快递":
		return "YUNDA", "韵达快递"
	case "申通快递":
		return "STO", "申通快递"
	case "极兔速递":
		return "J&T", "极兔速递"
	case "德邦快递":
		return "DEPPON", "德邦快递"
	case freightCarrier:
		return "LALAMOVE", "货拉拉"
	}
	return "", carrier
}

// carrierPhone is the service number a carrier prints.
func carrierPhone(carrier string) string {
	return map[string]string{
		"顺丰速运": "95338", "中国邮政EMS": "11183", "京东物流": "950616", "中通快递": "95311",
		"圆通速递": "95554", "韵达快递": "95546", "申通快递": "95543", "极兔速递": "956025", "德邦快递": "95353", freightCarrier: "4006561516",
	}[carrier]
}
