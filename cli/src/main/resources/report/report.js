// Leakproof's leakage report: renders the inlined data with Chart.js. Money arrives as exact
// decimal strings and is printed as such (grouped, 2 decimals); only charts use it as numbers.
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('report-data').textContent);
  const PAGE = 25;
  const LANE_CARDS = 12;
  const COLORS = { leakage: '#c2410c', risk: '#b91c1c', opportunity: '#047857', dispute_risk: '#7c3aed', process: '#64748b' };
  const PALETTE = ['#c2410c', '#2563eb', '#047857', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#1e40af', '#9f1239', '#57534e', '#0f766e', '#a16207'];
  const charts = {};
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  // "12345.5" -> "12,345.50": exact, no floating point
  function grouped(amount) {
    let s = String(amount);
    const neg = s.startsWith('-');
    if (neg) s = s.slice(1);
    let [i, f = ''] = s.split('.');
    f = (f + '00').slice(0, 2);
    i = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (neg ? '-' : '') + i + '.' + f;
  }
  const money = (amount, currency) => currency + ' ' + grouped(amount);
  // "12345.5" -> 1234550n: sums of money in whole cents, exactly
  function cents(amount) {
    let s = String(amount);
    const neg = s.startsWith('-');
    if (neg) s = s.slice(1);
    const [i, f = ''] = s.split('.');
    const c = BigInt(i + (f + '00').slice(0, 2));
    return neg ? -c : c;
  }
  const fromCents = (c) => { const neg = c < 0n; const s = (neg ? -c : c).toString().padStart(3, '0'); return (neg ? '-' : '') + s.slice(0, -2) + '.' + s.slice(-2); };
  const int = (n) => Number(n).toLocaleString('en-US');
  const label = (code) => String(code || '').replace(/_/g, ' ');

  const currencies = Object.keys(D.totals).sort();
  let currency = currencies.includes('USD') ? 'USD' : (currencies[0] || 'USD');

  function header() {
    $('as-of').textContent = D.asOf;
    $('source').textContent = D.source;
    $('generated').textContent = D.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    $('chartjs-version').textContent = D.chartJs;
    if (currencies.length > 1) {
      $('currency-picker').hidden = false;
      $('currency').innerHTML = currencies.map((c) => `<option${c === currency ? ' selected' : ''}>${esc(c)}</option>`).join('');
      $('currency').addEventListener('change', (e) => { currency = e.target.value; renderCurrencyViews(); });
    }
  }

  function kpis() {
    const t = D.totals[currency] || {};
    const put = (id, kind, what) => {
      const k = t[kind] || { count: 0, amount: '0.00' };
      $('kpi-' + id).textContent = money(k.amount, currency);
      $('kpi-' + id + '-note').textContent = `${int(k.count)} ${k.count === 1 ? 'finding' : 'findings'}: ${what}`;
    };
    put('leakage', 'leakage', 'earned in closed months, not billed');
    put('risk', 'risk', 'renewals unworked, usage declining');
    put('opportunity', 'opportunity', 'seats above the licence');
    put('dispute', 'dispute_risk', 'credit or explain');
    const s = D.hygiene.streams;
    const usage = s.find((x) => x.stream === 'usage') || s[0];
    $('kpi-capture').textContent = usage ? usage.captureRatePct.replace(/0+$/, '').replace(/\.$/, '') + '%' : 'n/a';
    $('kpi-capture-note').textContent = s.map((x) => `${x.stream}: ${int(x.quarantined)} quarantined`).join(', ');
  }

  // "6.80" -> "6.8%": the exact percent the data carries, trailing zeros dropped
  const pct = (p) => String(p).replace(/0+$/, '').replace(/\.$/, '') + '%';

  // the invoice error rate: a KPI beside the capture rate, a bar per closed billing month and a table
  function invoiceErrors() {
    const e = D.invoiceErrors;
    if (!e) {
      $('kpi-invoice-errors').textContent = 'n/a';
      $('kpi-invoice-errors-note').textContent = 'not in this warehouse: run the audit again';
      $('invoice-errors').hidden = true;
      return;
    }
    $('kpi-invoice-errors').textContent = pct(e.errorRatePct);
    $('kpi-invoice-errors-note').textContent = `${int(e.invoicesWithErrors)} of ${int(e.invoicesExpected)} invoices, ${int(e.missingInvoices)} missing`;
    const m = e.months;
    chart('chart-invoice-errors', { type: 'bar', data: { labels: m.map((r) => r.month),
      datasets: [{ label: 'Error rate', data: m.map((r) => Number(r.errorRatePct)), backgroundColor: COLORS.leakage }] },
      options: { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => { const r = m[c.dataIndex];
        return `${pct(r.errorRatePct)}: ${int(r.invoicesWithErrors)} of ${int(r.invoices + r.missingInvoices)} invoices (${int(r.missingInvoices)} missing)`; } } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => v + '%' } } } } });
    document.querySelector('#invoice-error-months tbody').innerHTML = m.map((r) => `<tr><td>${esc(r.month)}</td><td class="num">${int(r.invoices)}</td>
      <td class="num">${int(r.missingInvoices)}</td><td class="num">${int(r.invoicesWithErrors)}</td><td class="num">${esc(pct(r.errorRatePct))}</td></tr>`).join('');
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
    charts[id] = new Chart($(id), config);
  }

  const moneyAxis = () => ({ ticks: { callback: (v) => Number(v).toLocaleString('en-US') } });
  const tip = { callbacks: { label: (c) => `${c.dataset.label || c.label}: ${currency} ${Number(c.raw).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` } };

  function charts1() {
    const rows = D.byType.filter((r) => r.currency === currency && r.kind === 'leakage');
    chart('chart-by-type', { type: 'bar', data: { labels: rows.map((r) => label(r.leakType)),
      datasets: [{ label: 'Leakage', data: rows.map((r) => Number(r.amount)), backgroundColor: COLORS.leakage }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: tip }, scales: { x: moneyAxis() } } });

    const t = D.totals[currency] || {};
    const kinds = [['leakage', 'Recoverable now'], ['opportunity', 'Expansion ARR'], ['risk', 'ARR at risk'], ['dispute_risk', 'Billed above contract']];
    chart('chart-now-vs-risk', { type: 'bar', data: { labels: kinds.map((k) => k[1]),
      datasets: [{ label: 'Amount', data: kinds.map((k) => Number((t[k[0]] || { amount: 0 }).amount)), backgroundColor: kinds.map((k) => COLORS[k[0]]) }] },
      options: { plugins: { legend: { display: false }, tooltip: tip }, scales: { y: moneyAxis() } } });

    const months = [...new Set(D.leakageByMonth.filter((r) => r.currency === currency).map((r) => r.month))].sort();
    const types = [...new Set(D.leakageByMonth.filter((r) => r.currency === currency).map((r) => r.leakType))].sort();
    chart('chart-by-month', { type: 'bar', data: { labels: months, datasets: types.map((type, i) => ({ label: label(type),
      backgroundColor: PALETTE[i % PALETTE.length],
      data: months.map((m) => { const r = D.leakageByMonth.find((x) => x.currency === currency && x.month === m && x.leakType === type); return r ? Number(r.amount) : 0; }) })) },
      options: { plugins: { tooltip: tip }, scales: { x: { stacked: true }, y: Object.assign({ stacked: true }, moneyAxis()) } } });
  }

  function topAccounts() {
    const byAccount = new Map();
    D.findings.forEach((f, i) => {
      if (f.currency !== currency) return;
      const a = byAccount.get(f.accountId) || { id: f.accountId, name: f.accountName, leakage: 0n, findings: [] };
      if (f.kind === 'leakage') a.leakage += cents(f.amount);
      a.findings.push(i);
      byAccount.set(f.accountId, a);
    });
    const top = [...byAccount.values()].filter((a) => a.leakage > 0n).sort((a, b) => (b.leakage > a.leakage ? 1 : b.leakage < a.leakage ? -1 : a.id.localeCompare(b.id))).slice(0, 10);
    $('top-accounts').innerHTML = top.length === 0 ? '<p class="muted">No recoverable leakage in ' + esc(currency) + '.</p>' : top.map((a, n) => `
      <details class="account"${n < 3 ? ' open' : ''} data-account="${esc(a.id)}"><summary><strong>${esc(a.id)}</strong><span>${esc(a.name)}</span>
      <span class="muted">${a.findings.length} findings</span><span class="amt">${money(fromCents(a.leakage), currency)}</span></summary>
      <table class="data"><tbody>${a.findings.map((i) => findingRow(D.findings[i], false)).join('')}</tbody></table></details>`).join('');
  }

  function findingRow(f, withAccount) {
    return `<tr data-kind="${esc(f.kind)}"><td>${esc(label(f.leakType))}${f.metric ? ' <span class="muted">(' + esc(f.metric) + ')</span>' : ''}</td>
      <td>${esc(label(f.kind))}</td>${withAccount ? `<td>${esc(f.accountId)}<br><span class="muted">${esc(f.accountName)}</span></td>` : ''}
      <td>${esc(f.contractId || '')}</td><td>${esc(f.periodStart === f.periodEnd ? f.periodStart : f.periodStart + ' – ' + f.periodEnd)}</td>
      <td class="num amount">${money(f.amount, f.currency)}</td><td><span class="badge ${esc(f.status)}">${esc(f.status)}</span></td>
      <td class="evidence">${esc(f.evidence)}</td><td class="action">${esc(f.recommendedAction)}</td></tr>`;
  }

  function renewals() {
    const lanes = [['later', 'Later (91–180 days)'], ['T-90', 'T-90 (61–90 days)'], ['T-60', 'T-60 (31–60 days)'], ['T-30', 'T-30 (30 days or less)']];
    const rows = D.renewals.filter((r) => r.currency === currency);
    const sum = (list, key) => list.reduce((s, r) => s + cents(r[key]), 0n);
    const fmt = (c) => money(fromCents(c), currency);
    $('renewal-lanes').innerHTML = lanes.map(([key, title]) => {
      const list = rows.filter((r) => r.lane === key);
      const risk = list.filter((r) => r.atRisk);
      // the cards: at risk first, largest first; the lane's sums count every renewal
      const shown = list.slice().sort((a, b) => (b.atRisk - a.atRisk) || Number(b.renewalAmount) - Number(a.renewalAmount)).slice(0, LANE_CARDS);
      const more = list.length - shown.length;
      return `<div class="lane" data-lane="${key}"><h3>${title}</h3><div class="sum">${list.length} renewals, ${fmt(sum(list, 'renewalAmount'))}; <strong>${fmt(sum(risk, 'atRiskAmount'))} at risk</strong></div>
        ${shown.map((r) => `<div class="renewal${r.atRisk ? ' at-risk' : ''}"><strong>${esc(r.accountName || r.accountId)}</strong> · ${esc(r.contractId)}<br>
        renews ${esc(r.renewalDate)} (${r.daysToRenewal} days) · <span class="amt">${money(r.renewalAmount, r.currency)}</span>
        ${Number(r.upliftAmount) > 0 ? '<span class="muted">(uplift ' + money(r.upliftAmount, r.currency) + ')</span>' : ''}
        <br><span class="muted">${esc(r.owner)}</span>${r.atRisk ? '<br><strong>At risk:</strong> ' + esc(r.riskReasons) : ''}</div>`).join('') || '<p class="muted">none</p>'}
        ${more > 0 ? `<p class="muted more">and ${int(more)} more, smaller or on track</p>` : ''}</div>`;
    }).join('');
    const toNumber = (c) => Number(c) / 100;
    chart('chart-renewals', { type: 'bar', data: { labels: lanes.map((l) => l[0]), datasets: [
      { label: 'At risk', backgroundColor: COLORS.risk, data: lanes.map(([k]) => toNumber(sum(rows.filter((r) => r.lane === k && r.atRisk), 'atRiskAmount'))) },
      { label: 'On track', backgroundColor: '#93c5fd', data: lanes.map(([k]) => toNumber(sum(rows.filter((r) => r.lane === k && !r.atRisk), 'renewalAmount'))) }] },
      options: { indexAxis: 'y', plugins: { tooltip: tip }, scales: { x: Object.assign({ stacked: true }, moneyAxis()), y: { stacked: true } } } });
  }

  function sparkline(values, opts) {
    const w = opts.width || 160, h = 36, pad = 3;
    const nums = values.map(Number);
    const max = Math.max(1, ...nums, opts.line || 0);
    const x = (i) => pad + (i * (w - 2 * pad)) / Math.max(1, nums.length - 1);
    const y = (v) => h - pad - (v * (h - 2 * pad)) / max;
    const path = nums.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const ref = opts.line ? `<line x1="${pad}" x2="${w - pad}" y1="${y(opts.line).toFixed(1)}" y2="${y(opts.line).toFixed(1)}" stroke="#9aa3b2" stroke-dasharray="3 2"/>` : '';
    const last = nums.length ? `<circle cx="${x(nums.length - 1).toFixed(1)}" cy="${y(nums[nums.length - 1]).toFixed(1)}" r="2.5" fill="${opts.color}"/>` : '';
    return `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(opts.title)}"><title>${esc(opts.title)}</title>${ref}<path d="${path}" fill="none" stroke="${opts.color}" stroke-width="1.6"/>${last}</svg>`;
  }

  function pager(id, total, page, go) {
    const pages = Math.max(1, Math.ceil(total / PAGE));
    const from = total === 0 ? 0 : page * PAGE + 1, to = Math.min(total, (page + 1) * PAGE);
    $(id).innerHTML = `<span class="range">${int(from)}–${int(to)} of ${int(total)}</span>
      <button data-go="prev"${page === 0 ? ' disabled' : ''}>Previous</button><span>page ${page + 1} of ${pages}</span>
      <button data-go="next"${page >= pages - 1 ? ' disabled' : ''}>Next</button>`;
    $(id).querySelectorAll('button').forEach((b) => b.addEventListener('click', () => go(b.dataset.go === 'next' ? page + 1 : page - 1)));
  }

  function flagged(page) {
    const rows = D.flagged;
    $('flagged-hint').textContent = `${int(D.flaggedTotal)} accounts flagged (a contract to flag or escalate, an expansion signal or a high renewal risk)`
      + (D.flaggedTotal > rows.length ? `; the ${int(rows.length)} most severe are drawn here.` : '.');
    const body = rows.slice(page * PAGE, (page + 1) * PAGE).map((a) => `<tr data-account="${esc(a.accountId)}"><td><strong>${esc(a.accountId)}</strong><br><span class="muted">${esc(a.accountName)}</span></td>
      <td><span class="badge ${esc(a.status)}">${esc(a.status)}</span></td>
      <td>${sparkline(a.seatsByMonth, { color: '#2563eb', line: Number(a.seatsLicensed), title: `seats used per month ${a.months[0]}..${a.months[a.months.length - 1]}: ${a.seatsByMonth.join(', ')}; licensed ${a.seatsLicensed}` })}
        <span class="muted">${int(a.seatsActive)} active / ${int(a.seatsLicensed)} licensed</span></td>
      <td class="num">${a.utilisationPct == null ? '–' : esc(a.utilisationPct) + '%'}</td>
      <td>${sparkline(a.usageByWeek, { color: '#047857', title: `${a.metric || 'usage'} per week: ${a.usageByWeek.join(', ')}` })}<span class="muted">${esc(a.metric || 'no usage')}</span></td>
      <td class="num">${a.usageTrendPct == null ? '–' : (Number(a.usageTrendPct) > 0 ? '+' : '') + esc(a.usageTrendPct) + '%'}</td>
      <td>${esc(a.expansionSignal)}${a.renewalRisk === 'high' ? '<br><span class="muted">renewal risk high</span>' : ''}</td>
      <td class="num">${a.currency ? money(a.openLeakage, a.currency) : '–'}</td></tr>`).join('');
    document.querySelector('#flagged tbody').innerHTML = body;
    pager('flagged-pager', rows.length, page, flagged);
  }

  // the findings table: filter, sort and paginate in the page, no server
  const F = { sort: 'amount', dir: -1, page: 0 };
  function findingsView() {
    const q = $('f-search').value.trim().toLowerCase();
    const type = $('f-type').value, kind = $('f-kind').value, status = $('f-status').value, cur = $('f-currency').value;
    let rows = D.findings.filter((f) => (!type || f.leakType === type) && (!kind || f.kind === kind) && (!status || f.status === status)
      && (!cur || f.currency === cur) && (!q || [f.accountId, f.accountName, f.contractId, f.metric, f.evidence, f.recommendedAction].some((v) => v && String(v).toLowerCase().includes(q))));
    const key = F.sort;
    const cmp = key === 'amount' ? (a, b) => Number(a.amount) - Number(b.amount) : (a, b) => String(a[key] || '').localeCompare(String(b[key] || ''));
    rows = rows.slice().sort((a, b) => F.dir * cmp(a, b) || a.accountId.localeCompare(b.accountId));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    F.page = Math.min(F.page, pages - 1);
    document.querySelector('#findings tbody').innerHTML = rows.slice(F.page * PAGE, (F.page + 1) * PAGE).map((f) => findingRow(f, true)).join('');
    $('f-count').textContent = `${int(rows.length)} of ${int(D.findings.length)} findings`;
    document.querySelectorAll('#findings th[data-sort]').forEach((th) => { th.classList.toggle('asc', th.dataset.sort === key && F.dir > 0); th.classList.toggle('desc', th.dataset.sort === key && F.dir < 0); });
    pager('f-pager', rows.length, F.page, (p) => { F.page = p; findingsView(); });
  }
  function findingsControls() {
    const opts = (id, values) => { $(id).insertAdjacentHTML('beforeend', values.map((v) => `<option value="${esc(v)}">${esc(label(v))}</option>`).join('')); };
    opts('f-type', [...new Set(D.findings.map((f) => f.leakType))].sort());
    opts('f-kind', [...new Set(D.findings.map((f) => f.kind))].sort());
    opts('f-currency', currencies);
    ['f-search', 'f-type', 'f-kind', 'f-status', 'f-currency'].forEach((id) => $(id).addEventListener(id === 'f-search' ? 'input' : 'change', () => { F.page = 0; findingsView(); }));
    document.querySelectorAll('#findings th[data-sort]').forEach((th) => th.addEventListener('click', () => {
      F.dir = F.sort === th.dataset.sort ? -F.dir : (th.dataset.sort === 'amount' ? -1 : 1);
      F.sort = th.dataset.sort; F.page = 0; findingsView();
    }));
  }

  const C = { status: '', page: 0 };
  function contracts() {
    const counts = { escalate: 0, flag: 0, clean: 0 };
    D.contracts.forEach((c) => { counts[c.status] = (counts[c.status] || 0) + 1; });
    $('status-counts').innerHTML = [['', `all ${int(D.contracts.length)}`]].concat(['escalate', 'flag', 'clean'].map((s) => [s, `${s} ${int(counts[s])}`]))
      .map(([s, text]) => `<button data-status="${s}" class="${C.status === s ? 'on' : ''}">${esc(text)}</button>`).join('');
    $('status-counts').querySelectorAll('button').forEach((b) => b.addEventListener('click', () => { C.status = b.dataset.status; C.page = 0; contracts(); }));
    const rows = D.contracts.filter((c) => !C.status || c.status === C.status);
    document.querySelector('#contracts tbody').innerHTML = rows.slice(C.page * PAGE, (C.page + 1) * PAGE).map((c) => `<tr data-status="${esc(c.status)}">
      <td>${esc(c.contractId)}</td><td>${esc(c.accountId)}<br><span class="muted">${esc(c.accountName)}</span></td><td>${esc(c.owner)}</td>
      <td><span class="badge ${esc(c.status)}">${esc(c.status)}</span></td><td class="num">${int(c.findings)}</td>
      <td class="num">${money(c.leakageAmount, c.currency)}</td><td class="num">${money(c.riskAmount, c.currency)}</td><td>${esc(c.reason)}</td></tr>`).join('');
    pager('contracts-pager', rows.length, C.page, (p) => { C.page = p; contracts(); });
  }

  function hygiene() {
    const h = D.hygiene;
    const late = Object.fromEntries(h.lateEvents.map((c) => [c.group, c.count]));
    document.querySelector('#capture tbody').innerHTML = h.streams.map((s) => `<tr><td>${esc(s.stream)}</td><td class="num">${int(s.read)}</td>
      <td class="num">${int(s.accepted)}</td><td class="num">${int(s.duplicates)}</td><td class="num">${int(s.quarantined)}</td>
      <td class="num">${int(late[s.stream] || 0)}</td><td class="num">${esc(s.captureRatePct)}%</td></tr>`).join('');
    const hm = (sec) => sec < 120 ? `${sec} s` : sec < 7200 ? `${Math.round(sec / 60)} min` : `${(sec / 3600).toFixed(1)} h`;
    $('lag').innerHTML = h.meteringLag ? `Metering lag (received − occurred) of the ${int(h.meteringLag.eventsWithReceivedAt)} of ${int(h.meteringLag.events)} usage events that carry received_at: median <strong>${hm(h.meteringLag.p50Seconds)}</strong>, p95 <strong>${hm(h.meteringLag.p95Seconds)}</strong>, max ${hm(h.meteringLag.maxSeconds)}. Late: received over a day after the event, or arriving after events a day newer.`
      : 'Metering lag: unknown (no usage event carries received_at).';
    document.querySelector('#rejected tbody').innerHTML = h.rejectedRows.length ? h.rejectedRows.map((c) => `<tr><td>${esc(c.group)}</td><td>${esc(label(c.label))}</td><td class="num">${int(c.count)}</td></tr>`).join('')
      : '<tr><td colspan="3" class="muted">No CSV row was rejected.</td></tr>';
    document.querySelector('#late-usage tbody').innerHTML = h.lateUsage.length ? h.lateUsage.map((l) => `<tr><td>${esc(l.month)}</td><td>${esc(l.metric)}</td>
      <td class="num">${int(l.lateLines)}</td><td class="num">${esc(l.deltaUnits)}</td><td class="num">${int(l.billableUnits)}</td>
      <td class="num">${l.currency ? money(l.lateAmount, l.currency) : '<span class="muted">no contract price</span>'}</td></tr>`).join('')
      : '<tr><td colspan="6" class="muted">No usage arrived after its month closed.</td></tr>';
    const reasons = h.quarantineByReason;
    chart('chart-quarantine', { type: 'bar', data: { labels: reasons.map((r) => `${label(r.label)} (${r.group})`),
      datasets: [{ label: 'Lines', data: reasons.map((r) => r.count), backgroundColor: '#64748b' }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
  }

  // usage signals: threshold events per month and level band, the latest ones, the recorded metering lag
  function signals() {
    const g = D.signals;
    if (!g) {
      $('signals').hidden = true;
      return;
    }
    $('signals-note').textContent = `${int(g.thresholds)} threshold events raised by the ingestion (thresholds.yml: 50%, 90%, 100% and every further 100% of the plan limit unless set otherwise); \`leakproof alerts send\` notifies the CSM of each once.`;
    const months = [...new Set(g.thresholdsByMonth.map((c) => c.group))];
    const bands = [...new Set(g.thresholdsByMonth.map((c) => c.label))];
    const shades = ['#93c5fd', '#3b82f6', '#f59e0b', '#dc2626', '#7f1d1d'];
    chart('chart-thresholds', { type: 'bar', data: { labels: months, datasets: bands.map((b, i) => ({ label: b,
      data: months.map((m) => (g.thresholdsByMonth.find((c) => c.group === m && c.label === b) || { count: 0 }).count),
      backgroundColor: shades[Math.min(i, shades.length - 1)] })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
    const sec = (ms) => ms < 10000 ? `${(ms / 1000).toFixed(1)} s` : ms < 7200000 ? `${Math.round(ms / 60000)} min` : `${(ms / 3600000).toFixed(1)} h`;
    document.querySelector('#thresholds tbody').innerHTML = g.recent.length ? g.recent.map((t) => `<tr><td>${esc(t.accountName || t.accountId)}</td><td>${esc(t.metric)}</td>
      <td>${esc(t.month)}</td><td class="num">${int(t.levelPct)}%</td><td class="num">${esc(t.usage)} / ${esc(t.included)}</td>
      <td>${esc(String(t.detectedAt).slice(0, 19))}</td><td>${esc(t.csmEmail || '')}</td></tr>`).join('')
      : '<tr><td colspan="7" class="muted">No usage reached a threshold.</td></tr>';
    document.querySelector('#metering-lag tbody').innerHTML = g.lag.length ? g.lag.map((l) => `<tr><td>${esc(String(l.hour).slice(0, 16))}</td><td>${esc(l.stream)}</td>
      <td>${esc(l.source)}</td><td class="num">${int(l.events)}</td><td class="num">${sec(l.p50Ms)}</td><td class="num">${sec(l.p95Ms)}</td>
      <td class="num">${sec(l.p99Ms)}</td><td class="num">${sec(l.maxMs)}</td></tr>`).join('')
      : '<tr><td colspan="8" class="muted">No hour recorded: the lag is kept by `leakproof stream` for events that come through the collector.</td></tr>';
  }

  // learned signals: the anomaly model's findings and flagged months, the accounts of highest leakage risk
  function learned() {
    const m = D.learned;
    if (!m || !m.scored) {
      $('learned-note').textContent = 'No model has scored this warehouse: run `leakproof ml train`, then `leakproof ml score`.';
      return;
    }
    $('learned-body').hidden = false;
    $('learned-note').textContent = `${int(m.contractMonthsScored)} contract-months and ${int(m.accountsScored)} accounts scored by ${m.modelIds.join(', ') || 'a model'}; anomalies are leads to review (\`leakproof review\`), not amounts.`;
    const months = [...new Set(m.flaggedByMonth.map((c) => c.group))].sort();
    const kinds = ['no rule finding', 'a rule finding covers it'];
    chart('chart-anomalies', { type: 'bar', data: { labels: months, datasets: kinds.map((k, i) => ({ label: k,
      data: months.map((mo) => (m.flaggedByMonth.find((c) => c.group === mo && c.label === k) || { count: 0 }).count),
      backgroundColor: ['#7c3aed', '#cbd5e1'][i] })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
    const bands = ['high', 'medium', 'low'];
    chart('chart-risk-bands', { type: 'bar', data: { labels: bands, datasets: [{ label: 'Accounts',
      data: bands.map((b) => (m.accountsByBand.find((c) => c.label === b) || { count: 0 }).count),
      backgroundColor: ['#b91c1c', '#f59e0b', '#047857'] }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } } });
    document.querySelector('#anomaly-findings tbody').innerHTML = m.anomalies.length ? m.anomalies.map((a) => `<tr><td>${esc(a.accountId)}<br><span class="muted">${esc(a.accountName || '')}</span></td>
      <td>${esc(a.contractId)}</td><td>${esc(a.months)}</td><td class="num">${esc(a.maxScore)}</td><td>${esc(a.drivers || '')}</td></tr>`).join('')
      : '<tr><td colspan="5" class="muted">No flagged month outside the rule findings.</td></tr>';
    document.querySelector('#leakage-risk tbody').innerHTML = m.topRisk.length ? m.topRisk.map((r) => `<tr data-band="${esc(r.band)}"><td>${esc(r.accountId)}<br><span class="muted">${esc(r.accountName || '')}</span></td>
      <td class="num">${esc(r.probabilityPct)}%</td><td><span class="badge">${esc(r.band)}</span></td><td class="num">${int(r.lastQuarterFindings)}</td><td>${esc(r.drivers || '')}</td></tr>`).join('')
      : '<tr><td colspan="5" class="muted">No account scored for leakage risk.</td></tr>';
  }

  function renderCurrencyViews() { kpis(); charts1(); topAccounts(); renewals(); }

  header();
  renderCurrencyViews();
  flagged(0);
  findingsControls();
  findingsView();
  contracts();
  hygiene();
  invoiceErrors();
  signals();
  learned();
  window.leakproofReport = { charts, currency: () => currency, ready: true };
})();
