/*
 * The dispatch desk: one page for the dispatchers of the road-freight and taxi associations (and ops), served by
 * dispatch-service at /desk/. Plain JavaScript, no build step, nothing from another origin: the page runs under
 * Content-Security-Policy default-src 'self' (no inline script or style, no eval, no inline handlers).
 *
 * Sign-in: a pasted bearer token, kept in sessionStorage. Every call sends it, and Accept-Language (zh-CN or en) so
 * that problem+json answers come back in the desk's language. Live: GET /desk/stream read with fetch() (EventSource
 * cannot send the Authorization header); every "board" event refetches GET /desk/board. Acting: dialogs for assign,
 * pickup, delivery, failure, vehicle registration and on/off duty; trip commands carry If-Match: "<version>", and a
 * 412 says someone else changed the trip and reloads the board.
 */
(function () {
  'use strict';

  const TOKEN_KEY = 'relief.desk.token';
  const LANG_KEY = 'relief.desk.lang';
  // the API is the page's own origin: /desk/ sits beside /trips, /vehicles, /carriers (a prefix in front is kept)
  const API_ROOT = new URL('../', document.baseURI);

  // ------------------------------------------------------------------ texts

  const TEXT = {
    en: {
      title: 'Dispatch desk',
      skip: 'Skip to the board',
      language: 'Language',
      signinTitle: 'Sign in',
      tokenLabel: 'Bearer token',
      tokenHint: 'Paste a dispatcher\'s token. Locally: ./platform token --org xian-road-freight-association --role dispatcher. ' +
        'In a cluster: an access token from the cluster\'s sign-in (OIDC) provider. It is kept in this browser tab only.',
      signIn: 'Sign in',
      signOut: 'Sign out',
      tokenEmpty: 'Paste a token first.',
      expired: 'The token was refused or has expired: sign in again.',
      forbidden: 'This desk is for dispatchers and ops.',
      signedInAs: 'Signed in: {who}',
      opsAll: 'ops (every organisation)',
      live: 'Live',
      reconnecting: 'Reconnecting…',
      offline: 'Offline',
      zoneNote: 'Times in {zone}, {day}',
      updatedAt: 'updated {time}',
      figuresTitle: 'Key figures',
      tripsToday: 'Trips today',
      tonnesMovedToday: 'Tonnes moved today',
      ridesCompletedToday: 'Rides completed today',
      vehiclesOnDuty: 'Vehicles on duty',
      longestWaitMinutes: 'Longest wait (minutes)',
      waiting: 'Waiting for a vehicle',
      ridesWaiting: 'Rides waiting for a taxi',
      scheduled: 'Scheduled',
      pickedUp: 'Picked up',
      endedToday: 'Delivered / failed today',
      freeVehicles: 'Free vehicles by district and kind',
      vehicles: 'Our vehicles',
      nothing: 'Nothing here.',
      colTrip: 'Trip',
      colRoute: 'From → to',
      colLoad: 'Load or passenger',
      colSince: 'Waiting since',
      colReason: 'Why it waits',
      colVehicle: 'Vehicle',
      colWindow: 'Window',
      colStatus: 'Status',
      colEnded: 'Ended',
      colActions: 'Actions',
      colDistrict: 'District',
      colKind: 'Kind',
      colKindDistrict: 'Kind, district',
      colCount: 'Free',
      colPlate: 'Plate',
      colOnDuty: 'On duty',
      FREIGHT: 'Freight',
      RIDE: 'Ride',
      TRUCK: 'Truck',
      VAN: 'Van',
      TAXI: 'Taxi',
      CRITICAL: 'Critical',
      HIGH: 'High',
      NORMAL: 'Normal',
      QUEUED: 'Waiting',
      SCHEDULED: 'Scheduled',
      PICKED_UP: 'Picked up',
      DELIVERED: 'Delivered',
      FAILED: 'Failed',
      CANCELLED: 'Cancelled',
      overdue: 'Overdue',
      wheelchair: 'Wheelchair',
      withheld: 'passenger withheld',
      yes: 'Yes',
      no: 'No',
      trip: 'trip {id}',
      assign: 'Assign',
      reassign: 'Re-assign',
      pickup: 'Record pickup',
      deliver: 'Record delivery',
      fail: 'Mark failed',
      register: 'Register a vehicle',
      offDuty: 'Set off duty',
      onDuty: 'Set on duty',
      cancel: 'Cancel',
      close: 'Close',
      loading: 'Loading…',
      assignTitle: 'Assign a vehicle to {trip}',
      candidates: 'Vehicles that can take it now, best first',
      suggested: 'Suggested',
      noCandidates: 'None of your vehicles can take this trip now.',
      current: 'now on this trip: {plate}',
      reasonOptional: 'Reason (optional)',
      assignSubmit: 'Assign',
      pickupTitle: 'Record the pickup of {trip}',
      pickupText: '{plate} has collected its load or passenger.',
      pickupSubmit: 'Record pickup',
      deliverTitle: 'Record the delivery of {trip}',
      receivedBy: 'Received by',
      note: 'Note (optional)',
      proofLines: 'What was handed over',
      item: 'Item',
      loaded: 'Loaded',
      accepted: 'Accepted',
      rejected: 'Rejected',
      rejectionReason: 'Why rejected',
      rideArrived: 'The passenger has arrived.',
      deliverSubmit: 'Record delivery',
      failTitle: 'Mark {trip} as failed',
      failReason: 'What went wrong',
      failSubmit: 'Mark failed',
      registerTitle: 'Register a vehicle',
      carrier: 'Carrier',
      noCarrier: 'Your organisation has no carrier yet: register one first (POST /carriers).',
      kind: 'Kind',
      plate: 'Plate',
      payloadKg: 'Payload (kg)',
      volumeM3: 'Volume (m³)',
      seats: 'Seats',
      wheelchairAccessible: 'Wheelchair accessible',
      homeDistrict: 'Home district',
      driverName: 'Driver',
      driverPhone: 'Driver\'s phone',
      registerSubmit: 'Register',
      dutyOffTitle: 'Set {plate} off duty',
      dutyOnTitle: 'Set {plate} on duty',
      dutyReason: 'Reason (optional)',
      required: 'Fill in: {field}.',
      conflict: 'Someone else changed this trip; the board was reloaded.',
      networkError: 'The service did not answer; try again.',
      failedStatus: 'The service answered {status}.',
      assigned: '{trip}: {plate} assigned.',
      pickedUpDone: '{trip}: pickup recorded.',
      deliveredDone: '{trip}: delivery recorded.',
      failedDone: '{trip}: marked failed.',
      registered: 'Vehicle {plate} registered.',
      dutyDone: '{plate}: {state}.',
      onDutyState: 'on duty',
      offDutyState: 'off duty',
      kg: '{n} kg',
      replan: 'replaces {id}'
    },
    zh: {
      title: '调度台',
      skip: '跳到看板',
      language: '语言',
      signinTitle: '登录',
      tokenLabel: '访问令牌（Bearer token）',
      tokenHint: '粘贴调度员的令牌。本机：./platform token --org xian-road-freight-association --role dispatcher。' +
        '集群中：集群登录（OIDC）服务签发的访问令牌。令牌只保存在本浏览器标签页中。',
      signIn: '登录',
      signOut: '退出',
      tokenEmpty: '请先粘贴令牌。',
      expired: '令牌被拒绝或已过期，请重新登录。',
      forbidden: '本调度台仅供调度员和运维人员使用。',
      signedInAs: '已登录：{who}',
      opsAll: '运维（全部单位）',
      live: '实时',
      reconnecting: '正在重新连接…',
      offline: '离线',
      zoneNote: '时间按 {zone} 显示，{day}',
      updatedAt: '更新于 {time}',
      figuresTitle: '关键数字',
      tripsToday: '今日行程',
      tonnesMovedToday: '今日运送（吨）',
      ridesCompletedToday: '今日完成乘车',
      vehiclesOnDuty: '在岗车辆',
      longestWaitMinutes: '最长等待（分钟）',
      waiting: '等待派车',
      ridesWaiting: '等待出租车的乘车',
      scheduled: '已排班',
      pickedUp: '已取货 / 已接客',
      endedToday: '今日已送达 / 失败',
      freeVehicles: '各区空闲车辆（按车型）',
      vehicles: '本单位车辆',
      nothing: '暂无。',
      colTrip: '行程',
      colRoute: '起点 → 终点',
      colLoad: '货物或乘客',
      colSince: '排队时间',
      colReason: '等待原因',
      colVehicle: '车辆',
      colWindow: '时间窗',
      colStatus: '状态',
      colEnded: '结束时间',
      colActions: '操作',
      colDistrict: '区',
      colKind: '车型',
      colKindDistrict: '车型、常驻区',
      colCount: '空闲',
      colPlate: '车牌',
      colOnDuty: '在岗',
      FREIGHT: '货运',
      RIDE: '乘车',
      TRUCK: '货车',
      VAN: '厢式车',
      TAXI: '出租车',
      CRITICAL: '紧急',
      HIGH: '高',
      NORMAL: '普通',
      QUEUED: '等待中',
      SCHEDULED: '已排班',
      PICKED_UP: '已取货',
      DELIVERED: '已送达',
      FAILED: '失败',
      CANCELLED: '已取消',
      overdue: '已超时',
      wheelchair: '轮椅',
      withheld: '乘客信息不予显示',
      yes: '是',
      no: '否',
      trip: '行程 {id}',
      assign: '派车',
      reassign: '改派',
      pickup: '登记取货',
      deliver: '登记送达',
      fail: '标记失败',
      register: '登记车辆',
      offDuty: '设为离岗',
      onDuty: '设为在岗',
      cancel: '取消',
      close: '关闭',
      loading: '加载中…',
      assignTitle: '为{trip}派车',
      candidates: '现在可接此行程的车辆（最优在前）',
      suggested: '推荐',
      noCandidates: '本单位目前没有可接此行程的车辆。',
      current: '当前车辆：{plate}',
      reasonOptional: '原因（可选）',
      assignSubmit: '派车',
      pickupTitle: '登记{trip}取货',
      pickupText: '{plate} 已取货或已接到乘客。',
      pickupSubmit: '登记取货',
      deliverTitle: '登记{trip}送达',
      receivedBy: '签收人',
      note: '备注（可选）',
      proofLines: '交付明细',
      item: '物资',
      loaded: '装车数量',
      accepted: '签收数量',
      rejected: '拒收数量',
      rejectionReason: '拒收原因',
      rideArrived: '乘客已送达。',
      deliverSubmit: '登记送达',
      failTitle: '将{trip}标记为失败',
      failReason: '失败原因',
      failSubmit: '标记失败',
      registerTitle: '登记车辆',
      carrier: '承运单位',
      noCarrier: '本单位还没有承运单位，请先登记（POST /carriers）。',
      kind: '车型',
      plate: '车牌',
      payloadKg: '载重（公斤）',
      volumeM3: '容积（立方米）',
      seats: '座位数',
      wheelchairAccessible: '无障碍车辆（可载轮椅）',
      homeDistrict: '常驻区',
      driverName: '司机',
      driverPhone: '司机电话',
      registerSubmit: '登记',
      dutyOffTitle: '将 {plate} 设为离岗',
      dutyOnTitle: '将 {plate} 设为在岗',
      dutyReason: '原因（可选）',
      required: '请填写：{field}。',
      conflict: '其他调度员已修改此行程，看板已刷新。',
      networkError: '服务无应答，请重试。',
      failedStatus: '服务返回 {status}。',
      assigned: '{trip}：已派 {plate}。',
      pickedUpDone: '{trip}：已登记取货。',
      deliveredDone: '{trip}：已登记送达。',
      failedDone: '{trip}：已标记失败。',
      registered: '车辆 {plate} 已登记。',
      dutyDone: '{plate}：{state}。',
      onDutyState: '在岗',
      offDutyState: '离岗',
      kg: '{n} 公斤',
      replan: '替代 {id}'
    }
  };

  // ------------------------------------------------------------------ state

  const state = {
    lang: initialLanguage(),
    token: sessionStorage.getItem(TOKEN_KEY),
    board: null,
    vehicles: [],
    stream: null, // AbortController of the open stream
    boardLoading: false,
    boardAgain: false,
    dialog: null // {kind, trip?, vehicle?, submit(), done, ...}
  };

  function initialLanguage() {
    const kept = localStorage.getItem(LANG_KEY);
    if (kept === 'zh' || kept === 'en') {
      return kept;
    }
    const browser = (navigator.language || '').toLowerCase();
    return browser.startsWith('zh') ? 'zh' : 'en';
  }

  function t(key, args) {
    let s = TEXT[state.lang][key];
    if (s === undefined) {
      s = TEXT.en[key] !== undefined ? TEXT.en[key] : key;
    }
    if (args) {
      s = s.replace(/\{(\w+)\}/g, (m, name) => (args[name] === undefined || args[name] === null ? '' : String(args[name])));
    }
    return s;
  }

  const $ = (id) => document.getElementById(id);

  /** An element: h('td', {class: 'x', dataset: {tripId: id}}, 'text', child, ...). Text is always text, never HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) {
          continue;
        }
        if (k === 'dataset') {
          Object.assign(el.dataset, v);
        } else if (k === 'text') {
          el.textContent = v;
        } else if (k === 'class') {
          el.className = v;
        } else if (v === true) {
          el.setAttribute(k, '');
        } else {
          el.setAttribute(k, v);
        }
      }
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) {
        continue;
      }
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  // ------------------------------------------------------------------ formatting

  function zone() {
    return (state.board && state.board.zone) || 'Asia/Shanghai';
  }

  function locale() {
    return state.lang === 'zh' ? 'zh-CN' : 'en-GB';
  }

  function dayInZone(date) {
    // en-CA formats as yyyy-mm-dd
    return new Intl.DateTimeFormat('en-CA', {timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit'})
      .format(date);
  }

  /** A time in the board's zone: 14:05 today, else with the date. */
  function fmtTime(instant) {
    if (!instant) {
      return '—';
    }
    const d = new Date(instant);
    if (isNaN(d)) {
      return String(instant);
    }
    const today = state.board && state.board.day ? state.board.day : dayInZone(new Date());
    const opts = {timeZone: zone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
    if (dayInZone(d) !== today) {
      opts.month = 'short';
      opts.day = 'numeric';
    }
    return new Intl.DateTimeFormat(locale(), opts).format(d);
  }

  /** A server text with ISO instants in it (a queue reason, an explanation): the instants as board times. */
  // the reason in the desk's language (queueReasonZh is null for trips queued before the service kept it)
  function queueReason(trip) {
    const text = state.lang === 'zh' && trip.queueReasonZh ? trip.queueReasonZh : trip.queueReason;
    return text ? humanize(text) : '—';
  }

  function humanize(text) {
    if (text === null || text === undefined) {
      return '';
    }
    return String(text).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g,
      (iso) => fmtTime(iso));
  }

  function fmtWindow(from, to) {
    if (!from && !to) {
      return '—';
    }
    return fmtTime(from) + ' – ' + fmtTime(to);
  }

  function fmtNumber(n, digits) {
    if (n === null || n === undefined || n === '') {
      return '—';
    }
    const v = Number(n);
    if (isNaN(v)) {
      return String(n);
    }
    return new Intl.NumberFormat(locale(), {maximumFractionDigits: digits === undefined ? 2 : digits}).format(v);
  }

  function shortId(id) {
    return id ? String(id).slice(0, 8) : '';
  }

  function tripName(trip) {
    return t('trip', {id: shortId(trip.id)});
  }

  function needsWheelchair(trip) {
    return !!(trip.ride && Array.isArray(trip.ride.accessibility) && trip.ride.accessibility.includes('WHEELCHAIR'));
  }

  function placeText(place, district) {
    if (!place && !district) {
      return '—';
    }
    const d = district || (place && place.district) || '';
    const n = place && place.name ? place.name : '';
    return n && n !== d ? d + ' · ' + n : d || n;
  }

  // ------------------------------------------------------------------ HTTP

  class ApiError extends Error {
    constructor(status, problem, message) {
      super(message);
      this.status = status;
      this.problem = problem;
    }
  }

  function apiUrl(path) {
    return new URL(path.replace(/^\//, ''), API_ROOT).toString();
  }

  function headers(extra) {
    return Object.assign({
      'Accept': 'application/json, application/problem+json',
      'Accept-Language': state.lang === 'zh' ? 'zh-CN' : 'en',
      'Authorization': 'Bearer ' + state.token
    }, extra || {});
  }

  /** One API call; a 401 signs out. Throws ApiError with the problem's detail (or title) as its message. */
  async function api(method, path, options) {
    const o = options || {};
    const hs = headers(o.headers);
    if (o.body !== undefined) {
      hs['Content-Type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(apiUrl(path), {
        method: method,
        headers: hs,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        cache: 'no-store',
        credentials: 'omit',
        signal: o.signal
      });
    } catch (e) {
      if (e && e.name === 'AbortError') {
        throw e;
      }
      throw new ApiError(0, null, t('networkError'));
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (notJson) {
        data = null;
      }
    }
    if (res.status === 401) {
      signOut(t('expired'));
      throw new ApiError(401, data, t('expired'));
    }
    if (!res.ok) {
      const message = (data && (data.detail || data.title)) ||
        (res.status === 403 ? t('forbidden') : t('failedStatus', {status: res.status}));
      throw new ApiError(res.status, data, message);
    }
    return {data: data, response: res};
  }

  function uuid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') {
      return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  // ------------------------------------------------------------------ status region

  let statusTimer = null;

  function announce(message, kind) {
    const el = $('status');
    el.textContent = message;
    el.dataset.kind = kind || 'info';
    el.classList.toggle('shown', !!message);
    clearTimeout(statusTimer);
    if (message) {
      statusTimer = setTimeout(() => {
        el.classList.remove('shown');
        el.textContent = '';
      }, 8000);
    }
  }

  // ------------------------------------------------------------------ language

  function setLanguage(lang) {
    state.lang = lang;
    localStorage.setItem(LANG_KEY, lang);
    applyLanguage();
    if (state.board) {
      renderBoard();
    }
    if (state.dialog) {
      labelDialog(); // the title and buttons; the form's fields keep what was typed
    }
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title') + ' · Relief Logistics';
    for (const el of document.querySelectorAll('[data-i18n]')) {
      el.textContent = t(el.dataset.i18n);
    }
    for (const b of document.querySelectorAll('[data-lang]')) {
      b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
    }
    setLive($('live').dataset.state);
    renderWho();
  }

  // ------------------------------------------------------------------ sign-in

  function tokenClaims(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')),
        (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch (e) {
      return null;
    }
  }

  function renderWho() {
    const el = $('who');
    if (!state.token) {
      el.textContent = '';
      return;
    }
    const c = tokenClaims(state.token) || {};
    const groups = Array.isArray(c.groups) ? c.groups : [];
    const who = c.org ? c.org : groups.includes('ops') ? t('opsAll') : (c.sub || '');
    el.textContent = who ? t('signedInAs', {who: who}) : '';
  }

  function showSignIn(message) {
    $('board').hidden = true;
    $('live').hidden = true;
    $('sign-out').hidden = true;
    $('signin').hidden = false;
    $('signin-message').textContent = message || '';
    $('signin-message').hidden = !message;
    renderWho();
    $('token').focus();
  }

  async function signIn(raw) {
    const token = (raw || '').trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
    if (!token) {
      showSignIn(t('tokenEmpty'));
      return;
    }
    state.token = token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    renderWho();
    const ok = await loadBoard();
    if (ok) {
      $('signin').hidden = true;
      $('board').hidden = false;
      $('sign-out').hidden = false;
      $('live').hidden = false;
      openStream();
      $('main').focus();
    }
  }

  function signOut(message) {
    if (state.stream) {
      state.stream.abort();
      state.stream = null;
    }
    clearTimeout(reconnectTimer);
    state.token = null;
    state.board = null;
    state.vehicles = [];
    sessionStorage.removeItem(TOKEN_KEY);
    closeDialog();
    setLive('offline');
    showSignIn(message);
  }

  // ------------------------------------------------------------------ board

  /** Fetches the board (and the caller's vehicles); calls coming in meanwhile are coalesced into one more fetch. */
  async function loadBoard() {
    if (state.boardLoading) {
      state.boardAgain = true;
      return true;
    }
    state.boardLoading = true;
    try {
      let ok = true;
      do {
        state.boardAgain = false;
        ok = await fetchBoardOnce();
      } while (ok && state.boardAgain && state.token);
      return ok;
    } finally {
      state.boardLoading = false;
    }
  }

  async function fetchBoardOnce() {
    if (!state.token) {
      return false;
    }
    try {
      const [board, vehicles] = await Promise.all([api('GET', '/desk/board'), api('GET', '/vehicles')]);
      state.board = board.data;
      state.vehicles = Array.isArray(vehicles.data) ? vehicles.data : [];
      renderBoard();
      return true;
    } catch (e) {
      if (e.status === 401) {
        return false; // signed out already
      }
      if (e.status === 403) {
        signOut(t('forbidden'));
        return false;
      }
      if (!state.board) {
        showSignIn(e.message);
        return false;
      }
      announce(e.message, 'error');
      return true;
    }
  }

  function renderBoard() {
    const b = state.board;
    if (!b) {
      return;
    }
    const focus = rememberFocus();
    $('zone').textContent = t('zoneNote', {zone: b.zone, day: b.day || ''});
    $('generated').textContent = t('updatedAt', {time: fmtTime(b.generatedAt)});
    renderFigures(b.figures || {});
    const waiting = b.waiting || [];
    renderTrips('waiting', t('waiting'), waiting, 'waiting');
    renderTrips('rides-waiting', t('ridesWaiting'), waiting.filter((x) => x.kind === 'RIDE'), 'waiting');
    renderTrips('scheduled', t('scheduled'), b.scheduled || [], 'scheduled');
    renderTrips('picked-up', t('pickedUp'), b.pickedUp || [], 'pickedUp');
    renderTrips('ended', t('endedToday'), b.endedToday || [], 'ended');
    renderFree(b.freeVehicles || []);
    renderVehicles();
    restoreFocus(focus);
  }

  function renderFigures(f) {
    const items = [
      ['tripsToday', fmtNumber(f.tripsToday, 0)],
      ['tonnesMovedToday', fmtNumber(f.tonnesMovedToday, 2)],
      ['ridesCompletedToday', fmtNumber(f.ridesCompletedToday, 0)],
      ['vehiclesOnDuty', fmtNumber(f.vehiclesOnDuty, 0)],
      ['longestWaitMinutes', fmtNumber(f.longestWaitMinutes, 0)]
    ];
    $('figures').replaceChildren(...items.map(([key, value]) =>
      h('div', {class: 'figure', dataset: {test: 'figure-' + key}},
        h('dt', {text: t(key)}),
        h('dd', {text: value}))));
  }

  function table(captionText, count, columns, rows, emptyText) {
    const caption = h('caption', null, captionText, ' ', h('span', {class: 'count', text: '(' + count + ')'}));
    const head = h('thead', null, h('tr', null, columns.map((c) => h('th', {scope: 'col', text: c}))));
    const body = h('tbody', null, rows.length ? rows
      : h('tr', {class: 'empty'}, h('td', {colspan: String(columns.length), text: emptyText || t('nothing')})));
    return h('table', {class: columns[columns.length - 1] === t('colActions') ? 'with-actions' : null}, caption, head, body);
  }

  function actionButton(action, label, trip) {
    return h('button', {
      type: 'button',
      class: 'act act-' + action,
      'aria-label': label + ': ' + tripName(trip),
      dataset: {action: action, tripId: trip.id, test: 'action-' + action}
    }, label);
  }

  /** The trip: kind, short id, priority (most urgent first in the queue), and what it replaces. */
  function tripCell(trip) {
    return h('th', {scope: 'row', class: 'trip'},
      h('span', {class: 'kind kind-' + trip.kind, text: t(trip.kind)}), ' ',
      h('span', {class: 'id', title: trip.id, text: shortId(trip.id)}),
      trip.priority ? h('span', {class: 'prio prio-' + trip.priority, dataset: {test: 'priority'}, text: t(trip.priority)}) : null,
      trip.replanOf ? h('span', {class: 'sub', text: t('replan', {id: shortId(trip.replanOf)})}) : null);
  }

  function routeCell(trip) {
    if (trip.kind === 'RIDE' && trip.ride) {
      return h('td', null, placeText(trip.from, trip.ride.pickupDistrict) + ' → ' + placeText(trip.to, trip.ride.dropoffDistrict));
    }
    return h('td', null, placeText(trip.from) + ' → ' + placeText(trip.to));
  }

  function wheelchairBadge() {
    return h('span', {class: 'badge wheelchair', dataset: {test: 'wheelchair'}},
      h('span', {'aria-hidden': 'true', text: '♿'}), ' ', t('wheelchair'));
  }

  function loadCell(trip) {
    const td = h('td', {class: 'load'});
    if (trip.kind === 'RIDE') {
      const r = trip.ride || {};
      td.append(h('span', {class: r.passengerName ? '' : 'muted', text: r.passengerName || t('withheld')}));
      if (needsWheelchair(trip)) {
        td.append(' ', wheelchairBadge());
      }
      return td;
    }
    const lines = Array.isArray(trip.loaded) && trip.loaded.length ? trip.loaded : Array.isArray(trip.lines) ? trip.lines : [];
    td.append(h('span', {text: lines.map((l) => l.item + ' × ' + fmtNumber(l.quantity) + (l.unit ? ' ' + l.unit : '')).join(', ')}));
    if (trip.weightKg !== null && trip.weightKg !== undefined) {
      td.append(h('span', {class: 'sub', text: t('kg', {n: fmtNumber(trip.weightKg, 0)})}));
    }
    return td;
  }

  function windowOf(trip) {
    return trip.ride ? fmtWindow(trip.ride.windowStart, trip.ride.windowEnd) : fmtWindow(trip.windowStart, trip.windowEnd);
  }

  function renderTrips(containerId, caption, trips, mode) {
    let columns;
    if (mode === 'waiting') {
      columns = [t('colTrip'), t('colRoute'), t('colLoad'), t('colSince'), t('colReason'), t('colActions')];
    } else if (mode === 'ended') {
      columns = [t('colTrip'), t('colStatus'), t('colVehicle'), t('colRoute'), t('colEnded')];
    } else {
      columns = [t('colTrip'), t('colVehicle'), t('colRoute'), t('colLoad'), t('colWindow'), t('colActions')];
    }
    const rows = trips.map((trip) => {
      const tr = h('tr', {dataset: {tripId: trip.id, status: trip.status, kind: trip.kind}});
      if (trip.overdue) {
        tr.classList.add('overdue');
      }
      if (mode === 'waiting') {
        const since = h('td', {class: 'time'}, fmtTime(trip.queuedAt || trip.createdAt));
        if (trip.overdue) {
          since.append(' ', h('span', {class: 'badge overdue', dataset: {test: 'overdue'}}, h('span', {'aria-hidden': 'true', text: '⚠'}), ' ', t('overdue')));
        }
        tr.append(tripCell(trip), routeCell(trip), loadCell(trip), since,
          h('td', {class: 'reason', dataset: {test: 'queue-reason'}, text: queueReason(trip)}),
          h('td', {class: 'actions'}, actionButton('assign', t('assign'), trip)));
      } else if (mode === 'ended') {
        tr.append(tripCell(trip),
          h('td', null, h('span', {class: 'state state-' + trip.status, text: t(trip.status)})),
          h('td', {class: 'plate', dataset: {test: 'plate'}, text: trip.plate || '—'}), routeCell(trip),
          h('td', {class: 'time'}, fmtTime(trip.updatedAt)));
      } else {
        const actions = h('td', {class: 'actions'});
        if (trip.status === 'SCHEDULED') {
          actions.append(actionButton('assign', t('reassign'), trip), actionButton('pickup', t('pickup'), trip),
            actionButton('fail', t('fail'), trip));
        } else if (trip.status === 'PICKED_UP') {
          actions.append(actionButton('deliver', t('deliver'), trip), actionButton('fail', t('fail'), trip));
        }
        tr.append(tripCell(trip), h('td', {class: 'plate', dataset: {test: 'plate'}, text: trip.plate || '—'}),
          routeCell(trip), loadCell(trip), h('td', {class: 'time'}, windowOf(trip)), actions);
      }
      return tr;
    });
    $(containerId).replaceChildren(table(caption, trips.length, columns, rows));
  }

  function renderFree(free) {
    const rows = free.map((f) => h('tr', {dataset: {district: f.district, kind: f.kind}},
      h('th', {scope: 'row', text: f.district}), h('td', {text: t(f.kind)}), h('td', {class: 'num', text: fmtNumber(f.count, 0)})));
    $('free').replaceChildren(table(t('freeVehicles'), free.reduce((s, f) => s + (Number(f.count) || 0), 0),
      [t('colDistrict'), t('colKind'), t('colCount')], rows));
  }

  function renderVehicles() {
    const vs = state.vehicles.slice().sort((a, b) => String(a.plate).localeCompare(String(b.plate)));
    const rows = vs.map((v) => h('tr', {dataset: {vehicleId: v.id, available: String(!!v.available)}},
      h('th', {scope: 'row', class: 'plate', text: v.plate}),
      h('td', null, t(v.kind), v.wheelchairAccessible ? [' ', h('span', {'aria-hidden': 'true', text: '♿'}),
        h('span', {class: 'visually-hidden', text: t('wheelchair')})] : null,
        h('span', {class: 'sub', text: v.homeDistrict})),
      h('td', {class: v.available ? 'on' : 'off', dataset: {test: 'on-duty'}}, v.available ? t('yes') : t('no'),
        !v.available && v.availabilityReason ? h('span', {class: 'sub', text: v.availabilityReason}) : null),
      h('td', {class: 'actions'}, h('button', {
        type: 'button',
        class: 'act',
        'aria-label': (v.available ? t('offDuty') : t('onDuty')) + ': ' + v.plate,
        dataset: {action: 'duty', vehicleId: v.id, test: 'action-duty'}
      }, v.available ? t('offDuty') : t('onDuty')))));
    $('vehicles').replaceChildren(table(t('vehicles'), vs.length,
      [t('colPlate'), t('colKindDistrict'), t('colOnDuty'), t('colActions')], rows));
  }

  /** The focused action button, found again after a re-render by what it acts on. */
  function rememberFocus() {
    const el = document.activeElement;
    if (!el || !el.dataset || !el.dataset.action || !$('board').contains(el)) {
      return null;
    }
    return {action: el.dataset.action, tripId: el.dataset.tripId, vehicleId: el.dataset.vehicleId,
      section: el.closest('.table-wrap') && el.closest('.table-wrap').id};
  }

  function restoreFocus(f) {
    if (!f || document.activeElement && document.activeElement !== document.body && $('board').contains(document.activeElement)) {
      return;
    }
    let sel = '[data-action="' + f.action + '"]';
    if (f.tripId) {
      sel += '[data-trip-id="' + CSS.escape(f.tripId) + '"]';
    }
    if (f.vehicleId) {
      sel += '[data-vehicle-id="' + CSS.escape(f.vehicleId) + '"]';
    }
    const el = (f.section && $(f.section) && $(f.section).querySelector(sel)) || $('board').querySelector(sel);
    if (el) {
      el.focus();
    }
  }

  function findTrip(id) {
    const b = state.board || {};
    for (const list of [b.waiting, b.scheduled, b.pickedUp, b.endedToday]) {
      const found = (list || []).find((x) => x.id === id);
      if (found) {
        return found;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ live stream

  let reconnectTimer = null;
  let backoff = 1000;

  function setLive(s) {
    const el = $('live');
    el.dataset.state = s || 'offline';
    $('live-text').textContent = t(el.dataset.state === 'live' ? 'live' : el.dataset.state === 'reconnecting' ? 'reconnecting' : 'offline');
  }

  function openStream() {
    if (state.stream) {
      state.stream.abort();
    }
    clearTimeout(reconnectTimer);
    const controller = new AbortController();
    state.stream = controller;
    readStream(controller).then(
      () => streamEnded(controller),
      (e) => streamEnded(controller, e));
  }

  function streamEnded(controller, error) {
    if (state.stream !== controller || controller.signal.aborted && !controller.watchdogFired || !state.token) {
      return; // replaced, signed out or closed on purpose
    }
    setLive('reconnecting');
    const wait = backoff + Math.floor(Math.random() * 250);
    backoff = Math.min(backoff * 2, 30000);
    reconnectTimer = setTimeout(() => {
      if (state.token && state.stream === controller) {
        openStream();
      }
    }, wait);
    if (error && error.status === 403) {
      signOut(t('forbidden'));
    }
  }

  async function readStream(controller) {
    let watchdog = null;
    const arm = () => {
      clearTimeout(watchdog);
      // keep-alive comments arrive far more often: silence this long means a dead connection
      watchdog = setTimeout(() => {
        controller.watchdogFired = true;
        controller.abort();
      }, 60000);
    };
    arm();
    try {
      const res = await fetch(apiUrl('/desk/stream'), {
        headers: headers({'Accept': 'text/event-stream'}),
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal
      });
      if (res.status === 401) {
        signOut(t('expired'));
        return;
      }
      if (!res.ok || !res.body) {
        throw new ApiError(res.status, null, t('failedStatus', {status: res.status}));
      }
      setLive('live');
      backoff = 1000;
      // what changed while the stream was away
      loadBoard();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) {
          return;
        }
        arm();
        buffer += value;
        buffer = buffer.replace(/\r\n?/g, '\n');
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          handleEvent(block);
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  function handleEvent(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) {
        continue; // comment (keep-alive)
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        event = value;
      } else if (field === 'data') {
        data.push(value);
      }
    }
    if (event === 'board') {
      loadBoard();
    }
  }

  // ------------------------------------------------------------------ dialogs

  const dialog = () => $('dialog');

  /**
   * Opens the dialog: spec = {kind, title(), submitLabel(), build(body), check?(), submit()}. The dialog keeps what it was
   * opened with (the trip and its version): a submit after someone else changed the trip is answered 412.
   */
  function openDialog(spec) {
    state.dialog = spec;
    spec.opener = rememberFocus() || (document.activeElement && document.activeElement.id ? {id: document.activeElement.id} : null);
    $('dialog-error').hidden = true;
    $('conflict').hidden = true;
    $('dialog-submit').disabled = false;
    $('dialog-submit').hidden = false;
    $('dialog-form').dataset.kind = spec.kind;
    if (spec.trip) {
      $('dialog-form').dataset.tripId = spec.trip.id;
    } else {
      delete $('dialog-form').dataset.tripId;
    }
    labelDialog();
    const body = $('dialog-body');
    body.replaceChildren();
    spec.build(body);
    if (!dialog().open) {
      dialog().showModal();
    }
    const first = body.querySelector('input:checked, input:not([type=hidden]), select, textarea') || $('dialog-submit');
    first.focus();
  }

  function labelDialog() {
    const spec = state.dialog;
    $('dialog-title').textContent = spec.title();
    $('dialog-submit').textContent = spec.submitLabel();
    $('dialog-cancel').textContent = spec.done ? t('close') : t('cancel');
  }

  function closeDialog() {
    const spec = state.dialog;
    state.dialog = null;
    if (dialog().open) {
      dialog().close();
    }
    if (spec && spec.opener) {
      if (spec.opener.id && $(spec.opener.id)) {
        $(spec.opener.id).focus();
      } else {
        restoreFocus(spec.opener);
      }
    }
  }

  function dialogError(message) {
    const el = $('dialog-error');
    el.textContent = message;
    el.hidden = !message;
  }

  async function submitDialog() {
    const spec = state.dialog;
    if (!spec || spec.busy || spec.done) {
      return;
    }
    dialogError('');
    const invalid = spec.check ? spec.check() : null;
    if (invalid) {
      dialogError(invalid);
      return;
    }
    spec.busy = true;
    $('dialog-submit').disabled = true;
    $('dialog-form').setAttribute('aria-busy', 'true');
    try {
      const message = await spec.submit();
      if (state.dialog === spec) {
        closeDialog();
      }
      announce(message, 'ok');
      loadBoard();
    } catch (e) {
      if (e.status === 401 || state.dialog !== spec) {
        return;
      }
      if (e.status === 412) {
        // the trip changed since this dialog loaded it: say so, keep the stale form from being sent again
        spec.done = true;
        $('conflict').textContent = t('conflict');
        $('conflict').hidden = false;
        $('dialog-submit').hidden = true;
        labelDialog();
        announce(t('conflict'), 'error');
        loadBoard();
      } else {
        dialogError(e.message);
        $('dialog-submit').disabled = false;
      }
    } finally {
      spec.busy = false;
      $('dialog-form').removeAttribute('aria-busy');
    }
  }

  function field(id, label, input, hint) {
    input.id = id;
    return h('div', {class: 'field'}, h('label', {for: id, text: label}), input, hint ? h('p', {class: 'hint', text: hint}) : null);
  }

  function ifMatch(trip) {
    return trip.version === undefined || trip.version === null ? {} : {'If-Match': '"' + trip.version + '"'};
  }

  function afterTrip(result, fallback) {
    const trip = result && result.data && result.data.trip;
    return trip || fallback;
  }

  // -- assign

  function openAssign(trip) {
    const spec = {
      kind: 'assign',
      trip: trip,
      title: () => t('assignTitle', {trip: tripName(trip)}),
      submitLabel: () => t('assignSubmit'),
      items: null,
      build: (body) => {
        body.append(h('p', {class: 'muted', id: 'candidates-loading', text: t('loading')}));
        loadCandidates(spec);
      },
      check: () => {
        if (!spec.items) {
          return t('loading');
        }
        return document.querySelector('input[name="vehicle"]:checked') ? null : t('noCandidates');
      },
      submit: async () => {
        const chosen = document.querySelector('input[name="vehicle"]:checked');
        const reason = $('assign-reason').value.trim();
        const body = {vehicleId: chosen.value};
        if (reason) {
          body.reason = reason;
        }
        const r = await api('POST', '/trips/' + encodeURIComponent(trip.id) + '/assignment', {body: body, headers: ifMatch(trip)});
        const after = afterTrip(r, trip);
        return t('assigned', {trip: tripName(trip), plate: after.plate || chosen.dataset.plate});
      }
    };
    openDialog(spec);
  }

  async function loadCandidates(spec) {
    const trip = spec.trip;
    $('dialog-submit').disabled = true;
    try {
      const r = await api('GET', '/trips/' + encodeURIComponent(trip.id) + '/candidates');
      if (state.dialog !== spec) {
        return;
      }
      spec.items = (r.data && r.data.items) || [];
      const body = $('dialog-body');
      const parts = [];
      if (trip.plate) {
        parts.push(h('p', {class: 'muted', text: t('current', {plate: trip.plate})}));
      }
      if (!spec.items.length) {
        parts.push(h('p', {class: 'message', dataset: {test: 'no-candidates'}, text: t('noCandidates')}));
      } else {
        const list = h('fieldset', {class: 'candidates', dataset: {test: 'candidates'}},
          h('legend', {text: t('candidates')}),
          spec.items.map((c, i) => {
            const id = 'cand-' + i;
            const input = h('input', {type: 'radio', name: 'vehicle', id: id, value: c.vehicleId,
              dataset: {plate: c.plate, test: 'candidate-input'}});
            input.checked = !!c.suggested || (i === 0 && !spec.items.some((x) => x.suggested));
            const facts = [t(c.kind), c.homeDistrict, c.payloadKg !== undefined && c.payloadKg !== null ? t('kg', {n: fmtNumber(c.payloadKg, 0)}) : null]
              .filter(Boolean).join(' · ');
            return h('div', {class: 'candidate' + (c.suggested ? ' suggested' : ''), dataset: {vehicleId: c.vehicleId, test: 'candidate'}},
              input,
              h('label', {for: id},
                h('strong', {dataset: {test: 'candidate-plate'}, text: c.plate}), ' ',
                c.suggested ? h('span', {class: 'badge suggested', dataset: {test: 'suggested'}, text: t('suggested')}) : null,
                c.wheelchairAccessible ? h('span', {class: 'badge wheelchair'}, h('span', {'aria-hidden': 'true', text: '♿'}), ' ', t('wheelchair')) : null,
                h('span', {class: 'sub', text: facts})),
              Array.isArray(c.explanation) && c.explanation.length
                ? h('ul', {class: 'explanation', dataset: {test: 'explanation'}}, c.explanation.map((line) => h('li', {text: humanize(line)})))
                : null);
          }));
        parts.push(list);
        $('dialog-submit').disabled = false;
      }
      parts.push(field('assign-reason', t('reasonOptional'), h('input', {type: 'text', maxlength: '500', autocomplete: 'off'})));
      body.replaceChildren(...parts);
      const first = body.querySelector('input[name="vehicle"]:checked') || body.querySelector('input');
      if (first) {
        first.focus();
      }
    } catch (e) {
      if (state.dialog === spec) {
        $('candidates-loading') && $('candidates-loading').remove();
        dialogError(e.message);
      }
    }
  }

  // -- pickup

  function openPickup(trip) {
    openDialog({
      kind: 'pickup',
      trip: trip,
      title: () => t('pickupTitle', {trip: tripName(trip)}),
      submitLabel: () => t('pickupSubmit'),
      build: (body) => body.append(h('p', {text: t('pickupText', {plate: trip.plate || '—'})})),
      submit: async () => {
        await api('POST', '/trips/' + encodeURIComponent(trip.id) + '/pickup', {body: {}, headers: ifMatch(trip)});
        return t('pickedUpDone', {trip: tripName(trip)});
      }
    });
  }

  // -- delivery

  function openDeliver(trip) {
    const lines = Array.isArray(trip.loaded) && trip.loaded.length ? trip.loaded : Array.isArray(trip.lines) ? trip.lines : [];
    const freight = trip.kind === 'FREIGHT';
    openDialog({
      kind: 'deliver',
      trip: trip,
      title: () => t('deliverTitle', {trip: tripName(trip)}),
      submitLabel: () => t('deliverSubmit'),
      build: (body) => {
        if (!freight) {
          body.append(h('p', {text: t('rideArrived')}));
          return;
        }
        body.append(field('received-by', t('receivedBy'), h('input', {type: 'text', maxlength: '100', required: true, autocomplete: 'off'})));
        const rows = lines.map((l, i) => h('tr', {dataset: {item: l.item}},
          h('th', {scope: 'row', text: l.item + (l.unit ? ' (' + l.unit + ')' : '')}),
          h('td', {class: 'num', text: fmtNumber(l.quantity)}),
          h('td', null, h('input', {type: 'number', min: '0', step: 'any', id: 'acc-' + i, value: String(l.quantity),
            'aria-label': t('accepted') + ': ' + l.item, dataset: {test: 'accepted'}})),
          h('td', null, h('input', {type: 'number', min: '0', step: 'any', id: 'rej-' + i, value: '0',
            'aria-label': t('rejected') + ': ' + l.item, dataset: {test: 'rejected'}})),
          h('td', null, h('input', {type: 'text', maxlength: '500', id: 'why-' + i,
            'aria-label': t('rejectionReason') + ': ' + l.item, dataset: {test: 'rejection-reason'}}))));
        body.append(h('div', {class: 'table-wrap'}, h('table', {class: 'proof'},
          h('caption', {text: t('proofLines')}),
          h('thead', null, h('tr', null, [t('item'), t('loaded'), t('accepted'), t('rejected'), t('rejectionReason')]
            .map((c) => h('th', {scope: 'col', text: c})))),
          h('tbody', null, rows))));
        body.append(field('delivery-note', t('note'), h('textarea', {rows: '2', maxlength: '1000'})));
      },
      check: () => freight && !$('received-by').value.trim() ? t('required', {field: t('receivedBy')}) : null,
      submit: async () => {
        let body = {};
        if (freight) {
          body = {
            receivedBy: $('received-by').value.trim(),
            lines: lines.map((l, i) => {
              const line = {item: l.item, accepted: Number($('acc-' + i).value || 0), rejected: Number($('rej-' + i).value || 0)};
              const why = $('why-' + i).value.trim();
              if (why) {
                line.rejectionReason = why;
              }
              return line;
            })
          };
          const note = $('delivery-note').value.trim();
          if (note) {
            body.note = note;
          }
        }
        await api('POST', '/trips/' + encodeURIComponent(trip.id) + '/delivery', {body: body, headers: ifMatch(trip)});
        return t('deliveredDone', {trip: tripName(trip)});
      }
    });
  }

  // -- failure

  function openFail(trip) {
    openDialog({
      kind: 'fail',
      trip: trip,
      title: () => t('failTitle', {trip: tripName(trip)}),
      submitLabel: () => t('failSubmit'),
      build: (body) => body.append(field('fail-reason', t('failReason'), h('textarea', {rows: '3', maxlength: '500', required: true}))),
      check: () => $('fail-reason').value.trim() ? null : t('required', {field: t('failReason')}),
      submit: async () => {
        await api('POST', '/trips/' + encodeURIComponent(trip.id) + '/failure',
          {body: {reason: $('fail-reason').value.trim()}, headers: ifMatch(trip)});
        return t('failedDone', {trip: tripName(trip)});
      }
    });
  }

  // -- vehicles

  async function openRegister() {
    const spec = {
      kind: 'register',
      idempotencyKey: uuid(), // the same key for every retry of this form: a lost answer does not register twice
      carriers: null,
      title: () => t('registerTitle'),
      submitLabel: () => t('registerSubmit'),
      build: (body) => {
        body.append(h('p', {class: 'muted', id: 'carriers-loading', text: t('loading')}));
        loadCarriers(spec);
      },
      check: () => {
        if (!spec.carriers || !spec.carriers.length) {
          return t('noCarrier');
        }
        for (const [id, key] of [['v-plate', 'plate'], ['v-payload', 'payloadKg'], ['v-volume', 'volumeM3'], ['v-seats', 'seats'], ['v-district', 'homeDistrict']]) {
          if (!$(id).value.trim()) {
            return t('required', {field: t(key)});
          }
        }
        return null;
      },
      submit: async () => {
        const body = {
          carrierId: $('v-carrier').value,
          kind: $('v-kind').value,
          plate: $('v-plate').value.trim(),
          payloadKg: Number($('v-payload').value),
          volumeM3: Number($('v-volume').value),
          seats: Number($('v-seats').value),
          wheelchairAccessible: $('v-wheelchair').checked,
          homeDistrict: $('v-district').value.trim()
        };
        const driver = $('v-driver').value.trim();
        const phone = $('v-phone').value.trim();
        if (driver) {
          body.driverName = driver;
        }
        if (phone) {
          body.driverPhone = phone;
        }
        const r = await api('POST', '/vehicles', {body: body, headers: {'Idempotency-Key': spec.idempotencyKey}});
        return t('registered', {plate: (r.data && r.data.plate) || body.plate});
      }
    };
    openDialog(spec);
  }

  async function loadCarriers(spec) {
    $('dialog-submit').disabled = true;
    try {
      const r = await api('GET', '/carriers');
      if (state.dialog !== spec) {
        return;
      }
      spec.carriers = Array.isArray(r.data) ? r.data : [];
      const body = $('dialog-body');
      if (!spec.carriers.length) {
        body.replaceChildren(h('p', {class: 'message', text: t('noCarrier')}));
        return;
      }
      const carrier = h('select', null, spec.carriers.map((c) => h('option', {value: c.id, dataset: {kind: c.kind}, text: c.name})));
      const kind = h('select', null, ['TRUCK', 'VAN', 'TAXI'].map((k) => h('option', {value: k, text: t(k)})));
      const fitKind = () => {
        const k = carrier.selectedOptions[0] && carrier.selectedOptions[0].dataset.kind;
        kind.value = k === 'TAXI_COMPANY' ? 'TAXI' : 'TRUCK';
      };
      carrier.addEventListener('change', fitKind);
      const wheelchair = h('input', {type: 'checkbox', id: 'v-wheelchair', dataset: {test: 'wheelchair-accessible'}});
      body.replaceChildren(
        h('div', {class: 'grid2'},
          field('v-carrier', t('carrier'), carrier),
          field('v-kind', t('kind'), kind),
          field('v-plate', t('plate'), h('input', {type: 'text', maxlength: '20', required: true, autocomplete: 'off'})),
          field('v-district', t('homeDistrict'), h('input', {type: 'text', maxlength: '100', required: true})),
          field('v-payload', t('payloadKg'), h('input', {type: 'number', min: '1', step: 'any', required: true})),
          field('v-volume', t('volumeM3'), h('input', {type: 'number', min: '0.1', step: 'any', required: true})),
          field('v-seats', t('seats'), h('input', {type: 'number', min: '1', max: '60', step: '1', required: true})),
          h('div', {class: 'field check'}, wheelchair, h('label', {for: 'v-wheelchair', text: t('wheelchairAccessible')})),
          field('v-driver', t('driverName'), h('input', {type: 'text', maxlength: '100', autocomplete: 'off'})),
          field('v-phone', t('driverPhone'), h('input', {type: 'tel', maxlength: '30', autocomplete: 'off'}))));
      fitKind();
      $('dialog-submit').disabled = false;
      carrier.focus();
    } catch (e) {
      if (state.dialog === spec) {
        $('carriers-loading') && $('carriers-loading').remove();
        dialogError(e.message);
      }
    }
  }

  function openDuty(vehicle) {
    const goingOn = !vehicle.available;
    openDialog({
      kind: 'duty',
      vehicle: vehicle,
      title: () => t(goingOn ? 'dutyOnTitle' : 'dutyOffTitle', {plate: vehicle.plate}),
      submitLabel: () => t(goingOn ? 'onDuty' : 'offDuty'),
      build: (body) => body.append(field('duty-reason', t('dutyReason'), h('input', {type: 'text', maxlength: '500', autocomplete: 'off'}))),
      submit: async () => {
        const reason = $('duty-reason').value.trim();
        const body = {available: goingOn};
        if (reason) {
          body.reason = reason;
        }
        await api('POST', '/vehicles/' + encodeURIComponent(vehicle.id) + '/availability', {body: body});
        return t('dutyDone', {plate: vehicle.plate, state: t(goingOn ? 'onDutyState' : 'offDutyState')});
      }
    });
  }

  // ------------------------------------------------------------------ wiring

  function onBoardClick(event) {
    const button = event.target.closest('button[data-action]');
    if (!button || button.disabled) {
      return;
    }
    const action = button.dataset.action;
    if (action === 'register') {
      openRegister();
      return;
    }
    if (action === 'duty') {
      const v = state.vehicles.find((x) => x.id === button.dataset.vehicleId);
      if (v) {
        openDuty(v);
      }
      return;
    }
    const trip = findTrip(button.dataset.tripId);
    if (!trip) {
      return;
    }
    // a copy: the dialog keeps the trip (and its version) as it was when opened
    const snapshot = JSON.parse(JSON.stringify(trip));
    if (action === 'assign') {
      openAssign(snapshot);
    } else if (action === 'pickup') {
      openPickup(snapshot);
    } else if (action === 'deliver') {
      openDeliver(snapshot);
    } else if (action === 'fail') {
      openFail(snapshot);
    }
  }

  function start() {
    applyLanguage();
    $('signin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      signIn($('token').value);
    });
    $('sign-out').addEventListener('click', () => signOut(''));
    for (const b of document.querySelectorAll('[data-lang]')) {
      b.addEventListener('click', () => setLanguage(b.dataset.lang));
    }
    $('board').addEventListener('click', onBoardClick);
    $('dialog-form').addEventListener('submit', (e) => {
      e.preventDefault();
      submitDialog();
    });
    $('dialog-cancel').addEventListener('click', () => closeDialog());
    // Esc: the browser fires cancel on the modal dialog; close it our way (focus back to the opener)
    dialog().addEventListener('cancel', (e) => {
      e.preventDefault();
      closeDialog();
    });
    dialog().addEventListener('close', () => {
      if (state.dialog) {
        state.dialog = null;
      }
    });
    if (state.token) {
      signIn(state.token);
    } else {
      showSignIn('');
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
