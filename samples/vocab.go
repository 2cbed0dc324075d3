package samples

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// The vocabulary the generator draws on: products with units and prices,
// the shapes of suppliers' and buyers' names, banks, carriers, people and
// places. Prices are what Hunan's canteens paid in 2021, roughly.

// exempt is the tax rate printed 免税 (stored as -1).
const exempt = -1

// productSpec is a product a supplier can register.
type productSpec struct {
	Name     string
	Category pipeline.Category
	TaxItem  string // the invoice's tax classification, *TaxItem*Name
	Unit     string
	Spec     string    // 规格型号 on the invoice
	Lo, Hi   money.Fen // the usual unit price range
	Weighed  bool      // sold by weight: quantities may have decimals
	GramsPer int       // shipping weight of one unit, in grams
}

var catalog = []productSpec{
	// 湘米
	{"大米", pipeline.CategoryRice, "粮食", "袋", "10kg/袋", 4500, 8500, false, 10000},
	{"香米", pipeline.CategoryRice, "粮食", "袋", "5kg/袋", 3500, 7500, false, 5000},
	{"富硒大米", pipeline.CategoryRice, "粮食", "袋", "10kg/袋", 7000, 13000, false, 10000},
	{"散装大米", pipeline.CategoryRice, "粮食", "kg", "散装", 420, 750, true, 1000},
	{"糯米", pipeline.CategoryRice, "粮食", "kg", "散装", 600, 1000, true, 1000},
	// 湘油
	{"茶油", pipeline.CategoryOil, "食用植物油", "瓶", "5L/瓶", 38000, 68000, false, 4700},
	{"山茶油", pipeline.CategoryOil, "食用植物油", "瓶", "2.5L/瓶", 19000, 35000, false, 2400},
	{"菜籽油", pipeline.CategoryOil, "食用植物油", "桶", "5L/桶", 7500, 13000, false, 4700},
	{"压榨菜籽油", pipeline.CategoryOil, "食用植物油", "桶", "20L/桶", 28000, 46000, false, 18500},
	{"散装茶油", pipeline.CategoryOil, "食用植物油", "斤", "散装", 4500, 7500, true, 500},
	// 湘菜
	{"白菜", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 180, 450, true, 1000},
	{"辣椒", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 600, 1400, true, 1000},
	{"萝卜", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 150, 350, true, 1000},
	{"土豆", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 250, 500, true, 1000},
	{"红薯", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 250, 500, true, 1000},
	{"豆角", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 500, 1000, true, 1000},
	{"南瓜", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 200, 450, true, 1000},
	{"黄瓜", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 300, 600, true, 1000},
	{"茄子", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 350, 700, true, 1000},
	{"莲藕", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 600, 1200, true, 1000},
	{"生姜", pipeline.CategoryVegetable, "蔬菜", "kg", "鲜", 800, 1600, true, 1000},
	// 湘茶
	{"黑茶", pipeline.CategoryTea, "茶叶", "盒", "500g/盒", 9000, 26000, false, 700},
	{"茯砖茶", pipeline.CategoryTea, "茶叶", "块", "1kg/块", 12000, 38000, false, 1100},
	{"绿茶", pipeline.CategoryTea, "茶叶", "盒", "250g/盒", 8000, 26000, false, 400},
	{"红茶", pipeline.CategoryTea, "茶叶", "盒", "250g/盒", 9000, 28000, false, 400},
	{"散装绿茶", pipeline.CategoryTea, "茶叶", "斤", "散装", 12000, 40000, true, 500},
	{"散装黑茶", pipeline.CategoryTea, "茶叶", "斤", "散装", 6000, 20000, true, 500},
	// 湘菌
	{"香菇", pipeline.CategoryMushroom, "食用菌", "kg", "干品", 5500, 11000, true, 1000},
	{"木耳", pipeline.CategoryMushroom, "食用菌", "kg", "干品", 6000, 13000, true, 1000},
	{"茶树菇", pipeline.CategoryMushroom, "食用菌", "kg", "干品", 4500, 9500, true, 1000},
	{"平菇", pipeline.CategoryMushroom, "食用菌", "kg", "鲜", 600, 1200, true, 1000},
	{"香菇礼盒", pipeline.CategoryMushroom, "食用菌", "盒", "500g/盒", 4500, 9000, false, 700},
	// 湘果
	{"脐橙", pipeline.CategoryFruit, "水果", "箱", "10kg/箱", 5500, 11000, false, 10500},
	{"猕猴桃", pipeline.CategoryFruit, "水果", "箱", "5kg/箱", 6000, 13000, false, 5300},
	{"冰糖橙", pipeline.CategoryFruit, "水果", "箱", "10kg/箱", 6000, 12000, false, 10500},
	{"黄桃", pipeline.CategoryFruit, "水果", "箱", "5kg/箱", 5000, 10000, false, 5300},
	{"椪柑", pipeline.CategoryFruit, "水果", "kg", "鲜", 400, 800, true, 1000},
	{"柚子", pipeline.CategoryFruit, "水果", "kg", "鲜", 300, 700, true, 1000},
}

// supplierKind is a shape of supplier name with the categories it sells.
type supplierKind struct {
	Suffix     string
	USCCPrefix string // registration authority and entity type
	Categories []pipeline.Category
	Weight     int
}

var supplierKinds = []supplierKind{
	{"农业开发有限公司", "91", []pipeline.Category{pipeline.CategoryRice, pipeline.CategoryOil, pipeline.CategoryVegetable, pipeline.CategoryFruit}, 18},
	{"种养专业合作社", "93", []pipeline.Category{pipeline.CategoryVegetable, pipeline.CategoryRice, pipeline.CategoryMushroom}, 14},
	{"茶业有限公司", "91", []pipeline.Category{pipeline.CategoryTea}, 10},
	{"米业有限公司", "91", []pipeline.Category{pipeline.CategoryRice}, 8},
	{"油茶开发有限公司", "91", []pipeline.Category{pipeline.CategoryOil}, 8},
	{"生态农业有限公司", "91", []pipeline.Category{pipeline.CategoryRice, pipeline.CategoryVegetable, pipeline.CategoryFruit, pipeline.CategoryMushroom}, 10},
	{"农副产品有限公司", "91", []pipeline.Category{pipeline.CategoryRice, pipeline.CategoryOil, pipeline.CategoryVegetable, pipeline.CategoryMushroom}, 10},
	{"蔬菜专业合作社", "93", []pipeline.Category{pipeline.CategoryVegetable}, 8},
	{"果业专业合作社", "93", []pipeline.Category{pipeline.CategoryFruit}, 6},
	{"食用菌专业合作社", "93", []pipeline.Category{pipeline.CategoryMushroom}, 5},
	{"农产品经营部", "92", []pipeline.Category{pipeline.CategoryVegetable, pipeline.CategoryRice, pipeline.CategoryOil}, 3},
}

// cooperative reports whether a supplier of this kind is a farmers'
// cooperative, whose own vegetables are sold 免税.
func (k supplierKind) cooperative() bool { return k.USCCPrefix == "93" }

// supplierWords make the distinctive part of supplier names.
var supplierWords = []string{
	"绿源", "丰收", "湘农", "神农", "金穗", "云雾", "山水", "富硒", "福寿", "古韵",
	"青山", "碧水", "禾丰", "润田", "瑶乡", "苗岭", "侗寨", "兴农", "惠民", "百草",
	"天泽", "沃土", "金田", "绿野", "春晖", "秀峰", "清泉", "梯田", "高山", "丰源",
	"鑫农", "嘉禾", "农家乐", "稻香", "茶乡", "果香", "山里红", "老树", "源头", "晨露",
}

// budgetUnitShape is a kind of budget unit: its name pattern and USCC prefix
// (11 for organs of state, 12 for public institutions).
type budgetUnitShape struct {
	Pattern    string // %s is the county, %t a town
	USCCPrefix string
	Weight     int
}

var budgetUnitShapes = []budgetUnitShape{
	{"%s第一中学", "12", 6}, {"%s第二中学", "12", 6}, {"%s第三中学", "12", 4},
	{"%s实验中学", "12", 4}, {"%s民族中学", "12", 2}, {"%s实验小学", "12", 5},
	{"%s第一完全小学", "12", 3}, {"%s职业中等专业学校", "12", 3}, {"%t中学", "12", 6},
	{"%t中心小学", "12", 6}, {"%s人民医院", "12", 5}, {"%s中医医院", "12", 4},
	{"%s妇幼保健院", "12", 3}, {"%t卫生院", "12", 4}, {"%s公安局", "11", 4},
	{"%s公安局交通警察大队", "11", 2}, {"%s卫生健康局", "11", 3}, {"%s教育局", "11", 3},
	{"%s民政局", "11", 2}, {"%s林业局", "11", 2}, {"%s财政局", "11", 2},
	{"%s人民法院", "11", 2}, {"%s人民检察院", "11", 2}, {"%s机关事务服务中心", "12", 2},
	{"%s农业农村局", "11", 2}, {"%t人民政府", "11", 8}, {"%s敬老院", "12", 2},
	{"%s社会福利院", "12", 1},
}

// manyUnitShapes are the budget units of the calibrated dataset, whose
// 32,824 registered purchasers need far more distinct names per county than
// budgetUnitShapes give: more departments, numbered schools, the offices of
// every town and village schools (%v is a village).
var manyUnitShapes = append(slices.Clip(budgetUnitShapes), []budgetUnitShape{
	{"%s第四中学", "12", 2}, {"%s第五中学", "12", 2}, {"%s第六中学", "12", 1},
	{"%s第二完全小学", "12", 2}, {"%s第三完全小学", "12", 1}, {"%s特殊教育学校", "12", 1},
	{"%s幼儿园", "12", 2}, {"%s疾病预防控制中心", "12", 1}, {"%s图书馆", "12", 1},
	{"%s文化馆", "12", 1}, {"%s融媒体中心", "12", 1}, {"%s档案馆", "12", 1},
	{"%s不动产登记中心", "12", 1}, {"%s退役军人服务中心", "12", 1},
	{"%s发展和改革局", "11", 1}, {"%s自然资源局", "11", 1}, {"%s住房和城乡建设局", "11", 1},
	{"%s交通运输局", "11", 1}, {"%s水利局", "11", 1}, {"%s商务局", "11", 1},
	{"%s文化旅游广电体育局", "11", 1}, {"%s退役军人事务局", "11", 1}, {"%s应急管理局", "11", 1},
	{"%s审计局", "11", 1}, {"%s统计局", "11", 1}, {"%s医疗保障局", "11", 1},
	{"%s市场监督管理局", "11", 1}, {"%s人力资源和社会保障局", "11", 1}, {"%s司法局", "11", 1},
	{"%s生态环境局", "11", 1}, {"%s城市管理和综合执法局", "11", 1}, {"%s人民武装部", "11", 1},
	{"%s人民代表大会常务委员会办公室", "11", 1}, {"%s消防救援大队", "11", 1},
	{"%t中心学校", "12", 6}, {"%t中心幼儿园", "12", 4}, {"%t财政所", "11", 3},
	{"%t农业综合服务中心", "12", 3}, {"%t派出所", "11", 3}, {"%t司法所", "11", 2},
	{"%t文化站", "12", 2}, {"%t林业站", "12", 2}, {"%t敬老院", "12", 2},
	{"%t%v小学", "12", 30}, {"%t%v教学点", "12", 6},
	{"%s第%n中学", "12", 4}, {"%s第%n小学", "12", 4}, {"%s第%n幼儿园", "12", 1},
	{"%s中心医院", "12", 1}, {"%s职业技术学校", "12", 1}, {"%s卫生学校", "12", 1},
	{"%s技工学校", "12", 1}, {"%s供销合作社联合社", "12", 1},
}...)

// numeral writes 1 ≤ n ≤ 99 in Chinese, as school numbers are written:
// 七, 十二, 二十, 三十五.
func numeral(n int) string {
	const d = "〇一二三四五六七八九"
	digit := func(i int) string { return string([]rune(d)[i]) }
	switch {
	case n < 10:
		return digit(n)
	case n < 20:
		return "十" + strings.TrimPrefix(digit(n%10), "〇")
	}
	s := digit(n/10) + "十"
	if n%10 != 0 {
		s += digit(n % 10)
	}
	return s
}

// villages name villages, for the schools of manyUnitShapes.
var villages = []string{
	"新民村", "和平村", "红星村", "光明村", "东山村", "西冲村", "南岭村", "北港村",
	"长岭村", "大塘村", "石门村", "荷花村", "杨家村", "李家村", "刘家村", "枫树村",
	"竹山村", "松柏村", "龙潭村", "凤凰村", "白鹤村", "金盆村", "银杏村", "桃源村",
	"梅溪村", "柳塘村", "山口村", "坪上村", "湾里村", "岭下村",
}

// towns and streets make buyers' town names and addresses.
var (
	towns = []string{
		"城关镇", "龙泉镇", "石桥镇", "青山镇", "白沙镇", "新塘镇", "黄土镇", "桃花镇",
		"长乐乡", "双江镇", "清水镇", "马头镇", "太平镇", "高桥镇", "大坪镇", "水口镇",
		"江口镇", "柳树乡", "金田乡", "三合镇", "梅花镇", "枫林镇", "沙坪镇", "观音阁镇",
	}
	streets = []string{
		"解放路", "人民路", "建设路", "迎宾大道", "新华路", "中山路", "文化路", "东风路",
		"五一路", "滨江路", "学府路", "向阳路", "团结路", "育才路", "光明路", "复兴路",
	}
)

// People's names.
var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "罗", "谭", "彭", "曾", "肖", "邓", "蒋", "唐", "贺", "龙", "向", "田"}
	givenNames = []string{"伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "建国", "志强", "海燕", "红梅", "小兵", "德明", "桂兰", "春生", "湘云", "立新", "文斌", "玉兰"}
)

// moreSurnames and givenChars make the names of fullName.
var (
	moreSurnames = []string{"邹", "熊", "夏", "汤", "廖", "姚", "钟", "卢", "石", "龚", "易", "文", "段", "雷", "欧阳", "邱", "万", "侯", "袁", "颜"}
	givenChars   = []string{"建", "国", "志", "明", "海", "红", "小", "德", "桂", "春", "文", "玉", "秀", "丽", "永", "金", "晓", "俊", "佳", "思", "雨", "子", "宇", "欣", "慧", "军", "华", "平", "辉", "林", "峰", "芳", "燕", "霞", "勇", "涛", "湘", "荣", "新", "梅"}
)

// fullName returns a Chinese personal name from a larger stock than
// personName: a surname and one or, mostly, two given characters, enough
// for the thousands of individuals the calibrated dataset registers.
func fullName(rng *rand.Rand) string {
	s := pick(rng, surnames)
	if rng.IntN(3) == 0 {
		s = pick(rng, moreSurnames)
	}
	if rng.IntN(5) == 0 {
		return s + pick(rng, givenChars)
	}
	return s + pick(rng, givenChars) + pick(rng, givenChars)
}

// bank is a bank that keeps accounts in the counties: the branch name is
// Name + county + Branch, accounts are AcctLen digits starting AcctStart.
type bank struct {
	Name      string
	Branch    string
	AcctLen   int
	AcctStart string
	Weight    int
}

var banks = []bank{
	{"中国农业银行", "支行", 19, "18", 30},
	{"中国工商银行", "支行", 19, "19", 14},
	{"中国建设银行", "支行", 19, "43", 14},
	{"中国银行", "支行", 18, "59", 8},
	{"中国邮政储蓄银行", "支行", 18, "94", 10},
	{"湖南农村商业银行", "营业部", 17, "81", 18},
	{"长沙银行", "支行", 16, "80", 6},
}

// carriers deliver the goods; each has its number shape.
var carriers = []string{"顺丰速运", "中国邮政EMS", "京东物流", "中通快递"}
