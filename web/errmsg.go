package web

import (
	"fmt"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

// errorsZH says the domain's error messages in Chinese: by the format each
// was made with (pipeline.Errorf), the same arguments in the same order.
// TestErrorCatalogueComplete fails on a format of the code base missing
// here (those of the command line alone excepted).
var errorsZH = map[string]string{
	"%s already exists (%s)":               "%s已存在（%s）",
	"%s not found":                         "未找到%s",
	"%s: %s":                               "%s：%s",
	"%v":                                   "%v",
	"a decision needs a reason":            "审核决定需要填写理由",
	"a password may have at most %d bytes": "密码最长 %d 字节",
	"a password needs at least %d characters":   "密码至少需要 %d 个字符",
	"a user needs a name":                       "用户需要一个名称",
	"claim order %s before deciding on it":      "请先领取订单 %s，再作审核决定",
	"format: want csv or xlsx":                  "格式：只支持 csv 或 xlsx",
	"format: want json or csv":                  "格式：只支持 json 或 csv",
	"from: %v":                                  "起始日期：%v",
	"invalid token":                             "令牌无效",
	"job %d: %v":                                "任务 %d：%v",
	"no order is waiting for review":            "没有待审核的订单",
	"no such document":                          "没有这份凭证",
	"no such job":                               "没有这个任务",
	"not signed in":                             "尚未登录",
	"only a supplier's users list its orders":   "只有供应商的用户可以查看其订单列表",
	"only operators decide on orders in review": "只有审核员可以对待审核订单作决定",
	"only operators work the review queue":      "只有审核员可以处理审核队列",
	"only supplier users belong to a supplier":  "只有供应商用户隶属于供应商",
	"order %s is already imported with other values (buyer %s, supplier %s, date %s, total %s)": "订单 %s 已以不同的内容导入（采购人 %s，供应商 %s，日期 %s，金额 %s）",
	"order %s is being reviewed by another operator":                                            "订单 %s 正由另一位审核员处理",
	"order %s is not an order of yours":                                                         "订单 %s 不是您的订单",
	"order %s is not claimed by %s":                                                             "订单 %s 未由 %s 领取",
	"order %s is not in review (%s)":                                                            "订单 %s 不在审核中（%s）",
	"order %s is not yours to see":                                                              "您无权查看订单 %s",
	"other operators are claiming the same orders; try again":                                   "其他审核员正在领取相同的订单，请重试",
	"reading the upload: %v":                                                                    "读取上传内容出错：%v",
	"send a multipart/form-data body (with its boundary) with the fields kind and file":         "请以 multipart/form-data（含边界）发送，字段为 kind 和 file",
	"send one file per request":                                                                 "每次请求只能上传一个文件",
	"sign in from heshi's own page":                                                             "请从核实系统自己的页面登录",
	"sign in: send Authorization: Bearer <token>":                                               "请登录：发送 Authorization: Bearer <令牌>",
	"table: want one of %v":                                                                     "表：只支持 %v 之一",
	"the %s role may not do this":                                                               "%s角色无权执行此操作",
	"the file is empty":                                                                         "文件是空的",
	"the file is larger than the limit of %d bytes":                                             "文件超过上限 %d 字节",
	"the file is larger than the limit of %d bytes (%.1f MiB)":                                  "文件超过上限 %d 字节（%.1f MiB）",
	"the form has expired or did not come from heshi (CSRF token missing or wrong): reload the page and try again": "表单已过期或并非来自核实系统（CSRF 令牌缺失或错误）：请刷新页面后重试",
	"the form has no file field":                       "表单中没有文件",
	"the reason is too long (at most %d bytes)":        "理由过长（最多 %d 字节）",
	"the request is larger than the limit of %d bytes": "请求超过上限 %d 字节",
	"the session has ended: sign in again":             "会话已结束，请重新登录",
	"the upload was cut off before its end (no closing boundary): nothing was stored, send the file again": "上传在结束前中断（缺少结束边界）：未保存任何内容，请重新发送文件",
	"the upload was cut off before its end: nothing was stored, send the file again":                       "上传在结束前中断：未保存任何内容，请重新发送文件",
	"to: %v":                             "截止日期：%v",
	"top: want a number from 1 to 10000": "top：需为 1 到 10000 之间的数",
	"unknown decision %q (want approve, reject or request_document)":                      "未知的审核决定 %q（应为 approve、reject 或 request_document）",
	"unknown document kind %q (want contract, payment, logistics, invoice or acceptance)": "未知的凭证类别 %q（应为 contract、payment、logistics、invoice 或 acceptance）",
	"unknown role %q (want supplier, operator, assessor or admin)":                        "未知的角色 %q（应为 supplier、operator、assessor 或 admin）",
	"unknown table %q (want one of %v)":                                                   "未知的表 %q（应为 %v 之一）",
	"unsupported file type: send a PDF, OFD, XML, JPEG or PNG file":                       "不支持的文件类型：请上传 PDF、OFD、XML、JPEG 或 PNG 文件",
	"unsupported file type: a zip that is no OFD document (%v)":                           "不支持的文件类型：这个 zip 文件不是 OFD 文档（%v）",
	"an admin cannot disable their own account":                                           "管理员不能停用自己的账户",
	"say what was wrong with the order":                                                   "请说明该订单错在哪里",
	"order %s is not in open sample %d, or its re-check is recorded already":              "订单 %s 不在进行中的第 %d 轮抽样中，或其复核结果已记录",
	"no font for the PDF statement: install one (scripts/fonts.sh) or set HESHI_FONT":     "没有生成 PDF 年度表所需的中文字体：请安装字体（scripts/fonts.sh）或设置 HESHI_FONT",
	"sample %d is closed already":                                                         "第 %d 轮抽样已结束",
	"sample %d has %d orders left to re-check":                                            "第 %d 轮抽样还有 %d 笔订单未复核",
	"confidence and tolerable error rate must lie between 0 and 1":                        "置信度和可容忍误差率须在 0 与 1 之间",
	"no such sample":                 "没有这一轮抽样",
	"result: want ok or error":       "复核结果只能是 ok 或 error",
	"year: want a year such as 2021": "年度：请填写如 2021 的年份",
	"wrong name or password":         "用户名或密码错误",
}

// cliOnlyErrors are formats only the command line shows (its users read
// English flags anyway).
var cliOnlyErrors = map[string]bool{
	"a supplier user needs --supplier": true,
}

// argNouns say the English nouns that open an error's arguments ("order
// HN1", "user op1") in Chinese.
var argNouns = []struct{ en, zh string }{
	{"order ", "订单 "}, {"user ", "用户 "}, {"document", "凭证"}, {"session", "会话"}, {"token", "令牌"},
	{"claim", "领取"}, {"supplier ", "供应商 "}, {"buyer ", "采购人 "}, {"product ", "商品 "},
}

// Error says err to the reader: the domain error's message in the page's
// language, or a generic text for an internal error.
func (l Lang) Error(err error) string {
	e := pipeline.AsError(err)
	if e == nil && err != nil && l != LangEN {
		return "系统内部错误（已记录），请稍后再试"
	}
	if e == nil || l == LangEN || e.Format == "" {
		return pipeline.ErrorMessageOf(err)
	}
	zh, ok := errorsZH[e.Format]
	if !ok {
		return e.Message
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
		switch v := a.(type) {
		case string:
			for _, n := range argNouns {
				if strings.HasPrefix(v, n.en) {
					args[i] = n.zh + strings.TrimPrefix(v, n.en)
					break
				}
			}
		case pipeline.Status:
			args[i] = l.Status(v)
		case pipeline.Role:
			args[i] = l.Role(v)
		}
	}
	return fmt.Sprintf(zh, args...)
}
