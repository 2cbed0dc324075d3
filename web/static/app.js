// heshi: the little JavaScript the rooms use — keyboard shortcuts for the
// review path and the multi-file upload with a progress bar per file.
"use strict";

// guessKind guesses a document's kind from its file name, Chinese or
// English. The more specific words come first: a "courier receipt" is a
// logistics document, a "bank receipt" a payment voucher.
function guessKind(name) {
  const n = name.toLowerCase().replace(/[\s_\-.]+/g, " ");
  const rules = [
    ["invoice", ["发票", "invoice", "fapiao", "增值税"]],
    ["acceptance", ["验收", "acceptance", "accept", "入库单", "inspection"]],
    ["logistics", ["运单", "快递", "物流", "发货", "顺丰", "邮政", "waybill", "courier", "express", "logistics", "shipping", "delivery", "tracking"]],
    ["contract", ["合同", "协议", "contract", "agreement"]],
    ["payment", ["回单", "付款", "支付", "转账", "汇款", "银行", "流水", "payment", "receipt", "bank", "transfer", "remittance"]],
  ];
  for (const [kind, words] of rules) {
    if (words.some((w) => n.includes(w))) return kind;
  }
  return "";
}

// live refreshes the order's findings and documents while the workers read
// and check it (data-busy), and after an upload: the page is fetched again
// and the part that changed is swapped in.
function live(force) {
  const el = document.getElementById("live");
  if (!el || live.running) return;
  if (!force && el.dataset.busy !== "true") return;
  live.running = true;
  let tries = 0;
  const tick = async () => {
    tries++;
    try {
      const resp = await fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (resp.ok) {
        const doc = new DOMParser().parseFromString(await resp.text(), "text/html");
        for (const part of doc.querySelectorAll("[data-live][id]")) {
          const cur = document.getElementById(part.id);
          if (cur && cur.innerHTML !== part.innerHTML) cur.replaceWith(document.importNode(part, true));
        }
        const next = doc.getElementById("live");
        if (next) {
          const st = document.getElementById("order-status");
          if (st) { st.textContent = next.dataset.statusLabel; st.className = "status s-" + next.dataset.status; }
          if (next.dataset.busy !== "true" && tries > 1) { live.running = false; return; }
        }
      }
    } catch (_) { /* the network comes back; try again */ }
    if (tries < 150) setTimeout(tick, 2000); else live.running = false;
  };
  setTimeout(tick, 1000);
}

function shortcuts() {
  const form = document.getElementById("decision-form");
  const next = document.getElementById("next-form");
  if (!form && !next) return;
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.ctrlKey && e.key === "Enter" && form && t.id === "reason") { form.requestSubmit(); return; }
    if (e.altKey || e.ctrlKey || e.metaKey || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)) return;
    const pick = { a: "d-approve", r: "d-reject", d: "d-request" }[e.key];
    if (pick && form) {
      document.getElementById(pick).checked = true;
      document.getElementById("reason").focus();
      e.preventDefault();
    } else if (e.key === "n" && next) {
      next.requestSubmit();
      e.preventDefault();
    }
  });
}

// renewClaim keeps the operator's claim on the order while they work: any
// key, click or scroll marks activity, and at most every renewEvery
// milliseconds an active page renews the claim (POST with the CSRF token).
function renewClaim(renewEvery) {
  const form = document.getElementById("decision-form");
  if (!form || !form.dataset.renew) return;
  let active = false;
  const mark = () => { active = true; };
  for (const ev of ["keydown", "click", "scroll", "mousemove", "touchstart"]) document.addEventListener(ev, mark, { passive: true });
  setInterval(async () => {
    if (!active) return;
    active = false;
    try {
      const resp = await fetch(form.dataset.renew, { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": form.dataset.csrf, Accept: "application/json" } });
      const body = await resp.json();
      const until = document.getElementById("claim-until");
      if (resp.ok && until) until.textContent = body.expires_at;
      else if (until) { until.textContent = (body.error && body.error.message) || String(resp.status); until.className = "error"; }
    } catch (_) { /* the next activity tries again */ }
  }, renewEvery);
}

function uploads() {
  const box = document.getElementById("upload");
  if (!box) return;
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const table = document.getElementById("queue");
  const send = document.getElementById("send");
  const options = document.getElementById("kind-options").innerHTML;
  const max = Number(box.dataset.max);
  const zh = document.documentElement.lang !== "en";
  const say = (z, e) => (zh ? z : e);
  let rows = [];

  function add(files) {
    for (const f of files) {
      const tr = document.createElement("tr");
      const name = document.createElement("td");
      name.textContent = f.name + " (" + f.size + " B)";
      const kindTd = document.createElement("td");
      const sel = document.createElement("select");
      sel.innerHTML = '<option value="">?</option>' + options;
      sel.value = guessKind(f.name);
      kindTd.appendChild(sel);
      const progTd = document.createElement("td");
      const prog = document.createElement("progress");
      prog.max = 100; prog.value = 0;
      progTd.appendChild(prog);
      const msg = document.createElement("td");
      msg.className = "msg";
      if (f.size > max) { msg.textContent = say("文件过大", "too large"); msg.className = "msg bad"; }
      tr.append(name, kindTd, progTd, msg);
      table.tBodies[0].appendChild(tr);
      rows.push({ file: f, sel, prog, msg, done: f.size > max });
    }
    table.classList.toggle("hidden", rows.length === 0);
    send.disabled = !rows.some((r) => !r.done);
  }

  function one(r) {
    return new Promise((resolve) => {
      if (!r.sel.value) { r.msg.textContent = say("请选择类别", "choose a kind"); r.msg.className = "msg bad"; resolve(false); return; }
      const fd = new FormData();
      fd.append("kind", r.sel.value);
      fd.append("file", r.file, r.file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/orders/" + encodeURIComponent(box.dataset.order) + "/documents");
      xhr.setRequestHeader("X-CSRF-Token", box.dataset.csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) r.prog.value = (100 * e.loaded) / e.total; };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (_) {}
        if (xhr.status === 201 || xhr.status === 200) {
          r.prog.value = 100; r.done = true;
          r.msg.textContent = xhr.status === 201 ? say("已上传", "uploaded") : say("与现有版本相同", "same as the current version");
          r.msg.className = "msg ok";
          resolve(true);
        } else {
          const m = { 413: say("文件过大", "too large"), 415: say("文件类型不支持", "wrong file type"), 403: say("不是您的订单", "not your order"), 404: say("订单不存在", "no such order") }[xhr.status];
          r.msg.textContent = (m ? m + ": " : "") + ((body.error && body.error.message) || xhr.status);
          r.msg.className = "msg bad";
          resolve(false);
        }
      };
      xhr.onerror = () => { r.msg.textContent = say("网络错误", "network error"); r.msg.className = "msg bad"; resolve(false); };
      xhr.send(fd);
    });
  }

  input.addEventListener("change", () => { add(input.files); input.value = ""; });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); add(e.dataTransfer.files); });
  send.addEventListener("click", async () => {
    send.disabled = true;
    let ok = 0;
    for (const r of rows.filter((r) => !r.done)) { if (await one(r)) ok++; }
    box.dataset.sent = String(ok);
    box.classList.add("sent");
    if (ok > 0) live(true);
    send.disabled = !rows.some((r) => !r.done);
  });
}

// sortable lets a table.sortable be sorted by any column: a button in each
// header cell, by the cells' numbers (1,234.56) where they are numbers, by
// their text otherwise; again to reverse. The total row (tfoot) stays.
function sortable() {
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    heads.forEach((th, col) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", () => {
        const asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        const body = table.tBodies[0];
        const key = (tr) => {
          const t = (tr.cells[col] ? tr.cells[col].textContent : "").trim();
          const n = parseFloat(t.replace(/,/g, ""));
          return Number.isNaN(n) ? t : n;
        };
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
          return asc ? c : -c;
        });
        rows.forEach((r) => body.appendChild(r));
      });
    });
  }
}

document.addEventListener("DOMContentLoaded", () => { shortcuts(); uploads(); sortable(); live(false); renewClaim(Number(document.body.dataset.renewEvery) || 180000); });
