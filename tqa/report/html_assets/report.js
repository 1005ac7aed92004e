// tqa's HTML review report: renders the embedded data. Article text is only ever
// inserted as text (append / textContent), never parsed as markup.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("tqa-data").textContent);
  const L = DATA.labels;
  const RULES = DATA.rules;
  const FILES = DATA.files;
  const FAMILY = {};
  DATA.families.forEach((family) => { FAMILY[family.id] = family; });
  const SEVERITIES = ["error", "warning", "info"];
  const CONTEXT = 2; // unchanged lines shown around a change in the diff
  const usedFamilies = new Set(Object.values(RULES).map((rule) => rule.family));
  const shownFamilies = DATA.families.filter((family) => family.id !== "suppressions" || usedFamilies.has(family.id));
  const state = {
    families: new Set(Object.keys(FAMILY)),
    severities: new Set(SEVERITIES),
    rule: "",
    sortKey: "total",
    descending: true,
    order: [],
    file: -1,
    finding: -1,
    marks: [],
  };
  const app = document.getElementById("app");

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) node.append(child);
    return node;
  }

  function swatch(familyId) {
    return el("span", { class: "swatch fam-" + familyId, "aria-hidden": "true" });
  }

  function visible(finding) {
    return state.families.has(RULES[finding.code].family) && state.severities.has(finding.severity) &&
      (!state.rule || state.rule === finding.code);
  }

  function familyStyles() {
    const rules = DATA.families.map((family) =>
      `.fam-${family.id} { background: ${family.background}; border-color: ${family.edge}; }`);
    document.head.append(el("style", {}, rules.join("\n")));
  }

  // ---- Filters -------------------------------------------------------------

  function checkbox(label, checked, onChange, ...before) {
    const input = el("input", { type: "checkbox", checked: checked, onchange: (event) => onChange(event.target.checked) });
    return el("label", {}, input, ...before, label);
  }

  function filters() {
    const families = el("fieldset", {}, el("legend", {}, L.family));
    for (const family of shownFamilies) {
      families.append(checkbox(family.label, true, (on) => toggle(state.families, family.id, on), swatch(family.id)));
    }
    const severities = el("fieldset", {}, el("legend", {}, L.severity));
    for (const severity of SEVERITIES) {
      severities.append(checkbox(L[severity], true, (on) => toggle(state.severities, severity, on)));
    }
    const select = el("select", { id: "rule-filter", onchange: (event) => { state.rule = event.target.value; refresh(); } },
      el("option", { value: "" }, L.allRules));
    for (const code of Object.keys(RULES).sort()) select.append(el("option", { value: code }, code + " " + RULES[code].name));
    const rules = el("fieldset", {}, el("legend", {}, el("label", { for: "rule-filter" }, L.rule)), select);
    return el("nav", { class: "filters", "aria-label": L.filters }, families, severities, rules);
  }

  function toggle(set, value, on) {
    if (on) set.add(value);
    else set.delete(value);
    refresh();
  }

  function refresh() {
    renderOverview();
    if (state.file >= 0) applyFilters();
  }

  // ---- Overview ------------------------------------------------------------

  function stats(file) {
    const counts = { count: 0 };
    if (file.error !== undefined) return counts;
    for (const finding of file.findings) {
      if (!visible(finding)) continue;
      const family = RULES[finding.code].family;
      counts[family] = (counts[family] || 0) + 1;
      counts.count += 1;
    }
    return counts;
  }

  function perThousand(count, words) {
    return words ? (count * 1000) / words : count ? Infinity : 0;
  }

  function sortValue(file, counts, key) {
    if (key === "path") return file.path;
    if (file.error !== undefined) return -1;
    if (key === "words") return file.words;
    if (key === "count") return counts.count;
    if (key === "total") return perThousand(counts.count, file.words);
    return perThousand(counts[key] || 0, file.words);
  }

  function shown(value) {
    return value === Infinity ? "∞" : value.toFixed(1);
  }

  const columns = [
    ["path", () => L.file],
    ["words", () => L.words],
    ["count", () => L.findings],
    ["total", () => L.total],
    ...shownFamilies.map((family) => [family.id, () => family.label]),
  ];

  function tableHead() {
    const row = el("tr");
    for (const [key, title] of columns) {
      const sorted = key === state.sortKey;
      const button = el("button", { type: "button", "aria-label": fmt(L.sortBy, { column: title() }), onclick: () => sortBy(key) },
        key in FAMILY ? swatch(key) : null, " ", title());
      row.append(el("th", { scope: "col", "aria-sort": sorted ? (state.descending ? "descending" : "ascending") : null }, button));
    }
    return el("thead", {}, row);
  }

  function sortBy(key) {
    if (state.sortKey === key) state.descending = !state.descending;
    else {
      state.sortKey = key;
      state.descending = key !== "path";
    }
    renderOverview();
    const header = document.querySelector(`#files th:nth-child(${columns.findIndex((column) => column[0] === key) + 1}) button`);
    if (header) header.focus();
  }

  function renderOverview() {
    const all = FILES.map((file, index) => ({ file, index, counts: stats(file) }));
    const key = state.sortKey;
    all.sort((a, b) => {
      const x = sortValue(a.file, a.counts, key);
      const y = sortValue(b.file, b.counts, key);
      const order = typeof x === "string" ? x.localeCompare(y) : x - y;
      return (state.descending ? -order : order) || a.index - b.index;
    });
    state.order = all.map((item) => item.index);
    const body = el("tbody");
    for (const { file, index, counts } of all) {
      const open = el("button", { type: "button", class: "open", "aria-label": fmt(L.open, { path: file.path }), onclick: () => openFile(index) }, file.path);
      const row = el("tr", { "data-file": index }, el("td", {}, open));
      if (file.error !== undefined) {
        row.append(el("td", { class: "failed", colspan: columns.length - 1 }, L.readError + ": " + file.error));
      } else {
        row.append(el("td", {}, String(file.words)), el("td", {}, String(counts.count)),
          el("td", {}, shown(perThousand(counts.count, file.words))));
        for (const family of shownFamilies) row.append(el("td", {}, shown(perThousand(counts[family.id] || 0, file.words))));
      }
      body.append(row);
    }
    const table = document.getElementById("files");
    table.replaceChildren(tableHead(), body);
    renderChart();
  }

  function renderChart() {
    const counts = {};
    for (const file of FILES) {
      if (file.error !== undefined) continue;
      for (const finding of file.findings) if (visible(finding)) counts[finding.code] = (counts[finding.code] || 0) + 1;
    }
    const codes = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
    const chart = document.getElementById("chart");
    if (!codes.length) {
      chart.replaceChildren(el("p", { class: "muted" }, L.chartEmpty));
      return;
    }
    const row = 24, labelWidth = 300, barWidth = 420, most = counts[codes[0]];
    const picture = svg("svg", { viewBox: `0 0 ${labelWidth + barWidth + 60} ${codes.length * row + 4}`, role: "img", "aria-labelledby": "chart-title" },
      svg("title", { id: "chart-title" }, L.chart));
    codes.forEach((code, index) => {
      const y = index * row + 2, rule = RULES[code], family = FAMILY[rule.family];
      const width = Math.max(2, (counts[code] / most) * barWidth);
      const bar = svg("g", { class: "bar", "data-code": code, onclick: () => { state.rule = state.rule === code ? "" : code; document.getElementById("rule-filter").value = state.rule; refresh(); } },
        svg("title", {}, `${code} ${rule.name}: ${counts[code]}`),
        svg("text", { x: 0, y: y + 16 }, `${code} ${rule.name}`),
        svg("rect", { x: labelWidth, y: y + 3, width: width, height: row - 8, fill: family.background, stroke: family.edge }),
        svg("text", { x: labelWidth + width + 6, y: y + 16 }, String(counts[code])));
      picture.append(bar);
    });
    chart.replaceChildren(picture);
  }

  // ---- One article ---------------------------------------------------------

  function makeMark(file, index, primary) {
    const finding = file.findings[index];
    const rule = RULES[finding.code];
    const node = el("mark", { class: `hl fam-${rule.family}` + (finding.start === finding.end ? " empty" : ""), "data-i": index });
    if (primary) {
      node.setAttribute("data-primary", "");
      state.marks[index] = node;
    }
    return node;
  }

  function spansOf(file, from, to) {
    const text = file.text, atEnd = to === text.length, inside = [];
    file.findings.forEach((finding, index) => {
      const empty = finding.start === finding.end;
      if (empty ? finding.start >= from && (finding.start < to || (atEnd && finding.start === to)) : finding.start < to && finding.end > from) inside.push(index);
    });
    return inside;
  }

  // The text from..to with each finding's span in a <mark>; spans that cross
  // are split, and only the part where a finding starts is its highlight.
  function renderSlice(container, file, from, to) {
    const text = file.text, findings = file.findings, inside = spansOf(file, from, to);
    const starting = new Map(), points = new Set([from, to]);
    for (const index of inside) {
      const finding = findings[index];
      points.add(Math.max(from, finding.start));
      points.add(Math.min(to, finding.end));
      if (finding.start >= from) {
        if (!starting.has(finding.start)) starting.set(finding.start, []);
        starting.get(finding.start).push(index);
      }
    }
    const stack = [];
    const top = () => (stack.length ? stack[stack.length - 1].node : container);
    const open = (index, primary) => {
      const node = makeMark(file, index, primary);
      top().append(node);
      stack.push({ index, node });
    };
    const close = (index) => {
      const reopen = [];
      while (stack.length) {
        const item = stack.pop();
        if (item.index === index) break;
        reopen.push(item.index);
      }
      for (let k = reopen.length - 1; k >= 0; k--) open(reopen[k], false);
    };
    inside.filter((index) => findings[index].start < from)
      .sort((a, b) => findings[a].start - findings[b].start || findings[b].end - findings[a].end)
      .forEach((index) => open(index, false));
    const sorted = [...points].sort((a, b) => a - b);
    sorted.forEach((at, position) => {
      const ending = stack.filter((item) => findings[item.index].end === at).map((item) => item.index);
      for (let k = ending.length - 1; k >= 0; k--) close(ending[k]);
      const here = (starting.get(at) || []).slice().sort((a, b) => findings[b].end - findings[a].end || a - b);
      for (const index of here) {
        open(index, true);
        if (findings[index].start === findings[index].end) close(index);
      }
      const next = sorted[position + 1];
      if (next !== undefined && next > at) top().append(text.slice(at, next));
    });
  }

  function renderText(file) {
    state.marks = [];
    const box = el("div", { class: "reading" });
    if (file.source) {
      box.append(el("div", { class: "pair pair-head" }, el("div", {}, L.translation), el("div", {}, L.sourceText)));
      file.source.forEach(([start, , original], k) => {
        const from = k === 0 ? 0 : start;
        const to = k + 1 < file.source.length ? file.source[k + 1][0] : file.text.length;
        const ours = el("div", { lang: "en" });
        renderSlice(ours, file, from, to);
        box.append(el("div", { class: "pair" }, ours, el("div", { lang: "ru" }, original)));
      });
    } else {
      const text = el("div", { class: "text", lang: "en" });
      renderSlice(text, file, 0, file.text.length);
      box.append(text);
    }
    box.addEventListener("click", (event) => {
      const mark = event.target.closest("mark.hl:not(.off)");
      if (mark) select(Number(mark.getAttribute("data-i")), false);
    });
    box.addEventListener("keydown", (event) => {
      const mark = event.target.closest && event.target.closest("mark.hl[data-primary]");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        select(Number(mark.getAttribute("data-i")), true);
      }
    });
    return box;
  }

  function splitLines(text) {
    return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) || [];
  }

  function bare(line) {
    return line === undefined ? undefined : line.replace(/(?:\r\n|\n|\r)$/, "");
  }

  function changedCells(before, after) {
    if (before === undefined || after === undefined) {
      return [before === undefined ? "" : before, after === undefined ? "" : after];
    }
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head &&
      before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    const piece = (line, tag) => {
      const cell = document.createDocumentFragment();
      cell.append(line.slice(0, head));
      const middle = line.slice(head, line.length - tail);
      if (middle) cell.append(el(tag, {}, middle));
      cell.append(line.slice(line.length - tail));
      return cell;
    };
    return [piece(before, "del"), piece(after, "ins")];
  }

  function renderDiff(file) {
    if (!file.diff.length) return el("p", {}, L.noChange);
    const old = splitLines(file.text);
    const body = el("tbody");
    const line = (left, right, leftNumber, rightNumber, kind) => {
      const [a, b] = kind === "same" ? [left, right] : changedCells(left, right);
      body.append(el("tr", {},
        el("td", { class: "n" }, leftNumber || ""), el("td", { class: kind === "same" || left === undefined ? null : "del" }, a),
        el("td", { class: "n" }, rightNumber || ""), el("td", { class: kind === "same" || right === undefined ? null : "ins" }, b)));
    };
    const same = (from, to, offset) => {
      const first = from === 0, last = to === old.length;
      const keep = (i) => (!first && i < from + CONTEXT) || (!last && i >= to - CONTEXT);
      let gap = 0;
      for (let i = from; i < to; i++) {
        if (keep(i) || to - from <= 2 * CONTEXT + 1) {
          if (gap) body.append(el("tr", {}, el("td", { class: "gap", colspan: 4 }, fmt(L.unchanged, { count: gap }))));
          gap = 0;
          line(bare(old[i]), bare(old[i]), i + 1, i + 1 + offset, "same");
        } else gap++;
      }
      if (gap) body.append(el("tr", {}, el("td", { class: "gap", colspan: 4 }, fmt(L.unchanged, { count: gap }))));
    };
    let at = 0, offset = 0;
    for (const [first, past, lines] of file.diff) {
      same(at, first, offset);
      const rows = Math.max(past - first, lines.length);
      for (let k = 0; k < rows; k++) {
        const left = first + k < past ? bare(old[first + k]) : undefined;
        const right = k < lines.length ? bare(lines[k]) : undefined;
        line(left, right, left === undefined ? 0 : first + k + 1, right === undefined ? 0 : first + offset + k + 1, "changed");
      }
      offset += lines.length - (past - first);
      at = past;
    }
    same(at, old.length, offset);
    return el("table", { class: "diff" },
      el("colgroup", {}, el("col", { class: "n" }), el("col"), el("col", { class: "n" }), el("col")),
      el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", { scope: "col" }, L.original), el("th", {}, ""), el("th", { scope: "col" }, L.cleaned))),
      body);
  }

  function ordered(file) {
    if (file.error !== undefined) return [];
    return file.findings.map((finding, index) => index).filter((index) => visible(file.findings[index]))
      .sort((a, b) => file.findings[a].start - file.findings[b].start || a - b);
  }

  function openFile(index, findingIndex) {
    const file = FILES[index];
    state.file = index;
    state.finding = -1;
    document.getElementById("overview").hidden = true;
    const article = document.getElementById("article");
    article.hidden = false;
    const heading = el("h2", { tabindex: "-1" }, file.path);
    const bar = el("div", { class: "article-bar" },
      el("button", { type: "button", onclick: showOverview }, "← " + L.back), heading,
      el("button", { type: "button", "aria-label": L.previous, onclick: () => step(-1) }, "↑ " + L.previous),
      el("button", { type: "button", "aria-label": L.next, onclick: () => step(1) }, "↓ " + L.next));
    if (file.error !== undefined) {
      article.replaceChildren(bar, el("p", { class: "failed" }, L.readError + ": " + file.error));
      heading.focus();
      return;
    }
    const textTab = el("button", { type: "button", role: "tab", id: "tab-text", "aria-controls": "pane-text", "aria-selected": "true" }, L.text);
    const diffTab = el("button", { type: "button", role: "tab", id: "tab-diff", "aria-controls": "pane-diff", "aria-selected": "false", tabindex: "-1" }, L.cleaned);
    const panel = el("aside", { class: "panel", id: "panel", "aria-live": "polite", "aria-label": L.findings }, el("p", { class: "muted" }, file.findings.length ? L.choose : L.noFindings));
    const textPane = el("div", { role: "tabpanel", id: "pane-text", "aria-labelledby": "tab-text" },
      el("div", { class: "review" }, renderText(file), panel),
      el("h3", {}, L.findings), el("ol", { class: "findings", id: "finding-list" }), el("p", { class: "muted", id: "hidden-count" }));
    const diffPane = el("div", { role: "tabpanel", id: "pane-diff", "aria-labelledby": "tab-diff", hidden: true });
    const choose = (tab) => {
      const diff = tab === diffTab;
      textTab.setAttribute("aria-selected", String(!diff));
      diffTab.setAttribute("aria-selected", String(diff));
      textTab.tabIndex = diff ? -1 : 0;
      diffTab.tabIndex = diff ? 0 : -1;
      textPane.hidden = diff;
      diffPane.hidden = !diff;
      if (diff && !diffPane.firstChild) diffPane.append(renderDiff(file));
      tab.focus();
    };
    textTab.addEventListener("click", () => choose(textTab));
    diffTab.addEventListener("click", () => choose(diffTab));
    const tabs = el("div", { role: "tablist", class: "tabs", "aria-label": file.path }, textTab, diffTab);
    tabs.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") choose(event.target === textTab ? diffTab : textTab);
    });
    article.replaceChildren(bar, el("p", { class: "keys" }, L.keys), tabs, textPane, diffPane);
    applyFilters();
    if (findingIndex !== undefined) select(findingIndex, true);
    else heading.focus();
  }

  function applyFilters() {
    const file = FILES[state.file];
    if (file.error !== undefined) return;
    for (const mark of document.querySelectorAll("#article mark.hl")) {
      const on = visible(file.findings[Number(mark.getAttribute("data-i"))]);
      mark.classList.toggle("off", !on);
      if (mark.hasAttribute("data-primary")) labelled(mark, file.findings[Number(mark.getAttribute("data-i"))], on);
    }
    const list = document.getElementById("finding-list");
    const shownFindings = ordered(file);
    list.replaceChildren(...shownFindings.map((index) => {
      const finding = file.findings[index];
      return el("li", { "data-i": index, class: index === state.finding ? "current" : null },
        el("button", { type: "button", onclick: () => select(index, true) },
          swatch(RULES[finding.code].family), " ", el("span", { class: "code" }, finding.code), " ", finding.message));
    }));
    const hidden = file.findings.length - shownFindings.length;
    document.getElementById("hidden-count").textContent = hidden ? fmt(L.hiddenByFilters, { count: hidden }) : "";
    if (state.finding >= 0 && !visible(file.findings[state.finding])) clearSelection();
  }

  // A highlight shown is a button named by its finding; one filtered out is plain text again.
  function labelled(mark, finding, on) {
    if (on) {
      const rule = RULES[finding.code];
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-label", fmt(L.highlight, { code: finding.code, name: rule.name, severity: L[finding.severity], message: finding.message }));
    } else {
      mark.removeAttribute("tabindex");
      mark.removeAttribute("role");
      mark.removeAttribute("aria-label");
    }
  }

  function clearSelection() {
    for (const node of document.querySelectorAll("#article .current")) node.classList.remove("current");
    state.finding = -1;
    document.getElementById("panel").replaceChildren(el("p", { class: "muted" }, L.choose));
  }

  function position(text, offset) {
    const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
  }

  function select(index, focus) {
    const file = FILES[state.file];
    const finding = file.findings[index];
    const rule = RULES[finding.code];
    for (const node of document.querySelectorAll("#article .current")) node.classList.remove("current");
    state.finding = index;
    const mark = state.marks[index];
    mark.classList.add("current");
    const item = document.querySelector(`#finding-list li[data-i="${index}"]`);
    if (item) item.classList.add("current");
    const where = position(file.text, finding.start);
    const details = el("dl", {}, el("dt", {}, L.message), el("dd", {}, finding.message));
    details.append(el("dt", {}, L.suggestion));
    if (finding.fix) {
      const suggestion = el("dd", {}, finding.fix.title);
      for (const [start, end, content] of finding.fix.edits) {
        suggestion.append(el("br"), el("del", {}, file.text.slice(start, end)), " → ", el("ins", {}, content));
      }
      details.append(suggestion, el("dt", {}, L.safety), el("dd", {}, L[finding.fix.safety] || finding.fix.safety));
    } else {
      details.append(el("dd", {}, L.noSuggestion));
    }
    if (finding.glossary) {
      const entry = finding.glossary;
      details.append(el("dt", {}, L.glossary), el("dd", {},
        entry.id ? el("div", {}, L.entry + ": ", el("span", { class: "code" }, entry.id)) : null,
        entry.note ? el("div", {}, L.note + ": " + entry.note) : null,
        entry.ref ? el("div", {}, L.reference + ": " + entry.ref) : null));
    }
    const documentation = el("details", { class: "rule-doc" }, el("summary", {}, L.documentation));
    documentation.addEventListener("toggle", () => {
      if (documentation.open && documentation.childElementCount === 1) documentation.append(el("pre", {}, rule.doc));
    });
    document.getElementById("panel").replaceChildren(
      el("h3", {}, swatch(rule.family), " ", el("span", { class: "code" }, finding.code), " ", rule.name),
      el("p", {}, el("span", { class: "sev-" + finding.severity }, L[finding.severity]), " · ", fmt(L.line, where)),
      details, documentation);
    mark.scrollIntoView({ block: "center" });
    if (focus) mark.focus({ preventScroll: true });
  }

  function step(direction) {
    if (state.file >= 0) {
      const indices = ordered(FILES[state.file]);
      const at = indices.indexOf(state.finding);
      const next = at < 0 ? (direction > 0 ? 0 : indices.length - 1) : at + direction;
      if (next >= 0 && next < indices.length) {
        select(indices[next], true);
        return;
      }
    }
    const order = state.order;
    let place = state.file >= 0 ? order.indexOf(state.file) : direction > 0 ? -1 : order.length;
    for (place += direction; place >= 0 && place < order.length; place += direction) {
      const indices = ordered(FILES[order[place]]);
      if (indices.length) {
        openFile(order[place], direction > 0 ? indices[0] : indices[indices.length - 1]);
        return;
      }
    }
  }

  function showOverview() {
    const from = state.file;
    state.file = -1;
    state.finding = -1;
    document.getElementById("article").hidden = true;
    document.getElementById("article").replaceChildren();
    document.getElementById("overview").hidden = false;
    const row = document.querySelector(`#files tr[data-file="${from}"] button`);
    if (row) row.focus();
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest && event.target.closest("input, select, textarea")) return;
    if (event.key === "j" || event.key === "n") step(1);
    else if (event.key === "k" || event.key === "p") step(-1);
    else if (event.key === "Escape" && state.file >= 0) showOverview();
    else return;
    event.preventDefault();
  });

  familyStyles();
  const words = FILES.reduce((sum, file) => sum + (file.words || 0), 0);
  const findings = FILES.reduce((sum, file) => sum + (file.findings ? file.findings.length : 0), 0);
  document.getElementById("summary").textContent = fmt(L.summary, { files: FILES.length, words, findings }) + " · " + L.generator;
  const overview = el("section", { id: "overview", "aria-labelledby": "overview-title" },
    el("h2", { id: "overview-title" }, L.overview),
    el("h3", {}, L.findings + ", " + L.per1000), el("div", { class: "table-wrap" }, el("table", { id: "files" })),
    el("h3", {}, L.chart), el("div", { class: "chart", id: "chart" }));
  app.replaceChildren(filters(), el("main", {}, overview, el("section", { id: "article", hidden: true, "aria-live": "off" })));
  renderOverview();
  document.documentElement.setAttribute("data-ready", performance.now().toFixed(1));
})();
