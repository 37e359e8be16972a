/*
 * The timeline page's script (rrdump --html, rrdiff --html): draws the
 * data cmd/html.c embeds (the buckets lib/timeline.c made), with zoom,
 * pan, hover and a selection that shows the rrcut command for it.
 * No network, no other file.  The URL fragment sets a view for links and
 * tests: #i=A-B (icounts shown), sel=A-B (the selection), keys=K,K (keys
 * pressed after load), act=A,A (mouse actions after load, at fractions
 * F of the plot's width: wheel:F:DELTA, drag:F:F, shiftdrag:F:F), joined
 * by '&'.
 */
'use strict';
(function () {
	var errors = document.getElementById('errors');
	var nerr = 0;
	function fail(msg) {
		nerr++;
		errors.textContent += msg + '\n';
		document.body.setAttribute('data-errors', String(nerr));
	}
	window.addEventListener('error', function (e) {
		fail('error: ' + e.message + ' (line ' + e.lineno + ')');
	});

	var D = JSON.parse(document.getElementById('rr-data').textContent);
	var LABEL = 110, COUNT = 70, LANE = 26, MINSPAN = 4, PANEL_MAX = 400;
	var app = document.getElementById('app');
	var runs = D.runs;
	var full = { lo: Infinity, hi: -Infinity };
	var view, sel = null, drag = null;

	function el(tag, cls, parent, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined)
			e.textContent = text;
		if (parent)
			parent.appendChild(e);
		return e;
	}

	/* Cells: bucket starts from the deltas, once. */
	runs.forEach(function (r) {
		var width = Math.pow(2, r.shift);
		r.lanes.forEach(function (l) {
			var b = 0, i;
			l.start = new Float64Array(l.b.length);
			for (i = 0; i < l.b.length; i++) {
				b += l.b[i];
				l.start[i] = r.origin + b * width;
			}
			l.width = width;
		});
		full.lo = Math.min(full.lo, r.lo);
		full.hi = Math.max(full.hi, r.hi + 1);
	});
	if (!isFinite(full.lo)) {
		full.lo = 0;
		full.hi = 1;
	}
	view = { lo: full.lo, hi: full.hi };

	/* ---- the page's parts ---- */
	var bar = el('div', 'toolbar', app);
	var range = el('span', 'range', bar);
	range.id = 'range';
	[['−', zoomOut], ['+', zoomIn], ['all', reset]].forEach(function (b) {
		var btn = el('button', '', bar, b[0]);
		btn.addEventListener('click', b[1]);
	});
	el('span', 'help', bar, 'wheel or + −: zoom · drag or ← →: pan · ' +
	    'shift+drag: select a range to cut · 0: all · Esc: clear');
	var cut = el('div', 'cut', app);
	cut.id = 'cut';
	var main = el('div', 'main', app);
	var plots = el('div', 'plots', main);
	var panel = el('aside', 'panel', main);
	el('h3', '', panel, 'Output in view');
	var outList = el('ol', 'texts', panel);
	outList.id = 'outputs';
	el('h3', '', panel, 'Inputs in view');
	var inList = el('ol', 'texts', panel);
	inList.id = 'inputs';
	var tip = el('div', 'tip', document.body);
	tip.id = 'tip';

	runs.forEach(function (r, ri) {
		var sec = el('section', 'run', plots);
		sec.setAttribute('data-run', String(ri));
		if (runs.length > 1)
			el('h2', '', sec, r.file);
		r.plot = el('div', 'plot', sec);
		r.lanes.forEach(function (l) {
			var row = el('div', 'lane k-' + l.cls, r.plot);
			row.setAttribute('data-kind', l.name);
			row.setAttribute('data-events', String(l.events));
			el('span', 'name', row, l.name);
			l.canvas = el('canvas', '', row);
			l.count = el('span', 'count', row);
			l.row = row;
		});
		if (r.lanes.length === 0)
			el('div', 'empty', r.plot, 'no events selected');
		r.marks = el('div', 'marks', r.plot);
		r.selbox = el('div', 'selbox', r.plot);
		r.items = [].concat(r.sets.markers.list, r.sets.breaks.list);
	});
	var axis = el('canvas', 'axis', plots);
	if (D.diff)
		describeDiff();

	function plotWidth() {
		return Math.max(50, plots.clientWidth - LABEL - COUNT);
	}
	function xOf(ic) {
		return (ic - view.lo) / (view.hi - view.lo) * plotWidth();
	}
	function icOf(x) {
		return view.lo + x / plotWidth() * (view.hi - view.lo);
	}
	function colour(cls) {
		var probe = el('span', 'k-' + cls, document.body);
		var c = getComputedStyle(probe).backgroundColor;
		probe.remove();
		return c;
	}

	/* Lower bound: the first index with a[i] >= v. */
	function lower(a, v) {
		var lo = 0, hi = a.length, m;
		while (lo < hi) {
			m = (lo + hi) >> 1;
			if (a[m] < v)
				lo = m + 1;
			else
				hi = m;
		}
		return lo;
	}

	function drawLane(l) {
		var w = plotWidth(), cv = l.canvas, dpr = window.devicePixelRatio || 1;
		var cols = new Float64Array(w), max = 0, n = 0, i, c, h;
		var span = view.hi - view.lo;
		var bw = Math.max(1, l.width / span * w);
		cv.style.width = w + 'px';
		cv.style.height = LANE + 'px';
		cv.width = Math.round(w * dpr);
		cv.height = Math.round(LANE * dpr);
		for (i = lower(l.start, view.lo); i < l.start.length &&
		    l.start[i] < view.hi; i++) {
			c = Math.floor((l.start[i] - view.lo) / span * w);
			cols[c] += l.c[i];
			n += l.c[i];
		}
		for (c = 0; c < w; c++)
			max = Math.max(max, cols[c]);
		var g = cv.getContext('2d');
		g.scale(dpr, dpr);
		g.fillStyle = '#f3f3f3';
		g.fillRect(0, 1, w, LANE - 2);
		g.fillStyle = l.colour || (l.colour = colour(l.cls));
		for (c = 0; c < w; c++) {
			if (cols[c] === 0)
				continue;
			h = Math.max(1, cols[c] / max * (LANE - 6));
			g.fillRect(c, LANE - 3 - h, bw, h);
		}
		l.cols = cols;
		l.row.setAttribute('data-in-view', String(n));
		/* Exact when the view's ends fall on bucket edges. */
		l.count.textContent = String(n);
	}

	function itemText(it) {
		return it.k + ' at icount ' + it.i + ' (event ' + it.e + ')' +
		    (it.t !== undefined ? ': ' + it.t : '');
	}

	function drawMarks(r, ri) {
		r.marks.textContent = '';
		r.items.forEach(function (it) {
			if (it.i < view.lo || it.i >= view.hi)
				return;
			var m = el('div', 'marker k-' + it.k, r.marks);
			m.style.left = (LABEL + xOf(it.i)) + 'px';
			m.setAttribute('data-kind', it.k);
			m.setAttribute('data-icount', String(it.i));
			m.setAttribute('data-event', String(it.e));
			m.title = itemText(it);
		});
		['cause', 'effect'].forEach(function (what) {
			var d = D.diff && D.diff[what];
			var side = d && (ri === 0 ? d.a : d.b);
			if (!side || side.i < view.lo || side.i >= view.hi)
				return;
			var m = el('div', 'marker diffmark k-' + what, r.marks);
			m.style.left = (LABEL + xOf(side.i)) + 'px';
			m.setAttribute('data-mark', what);
			m.setAttribute('data-icount', String(side.i));
			m.setAttribute('data-event', String(side.e));
			m.title = what + ': ' + d.what;
			el('span', 'flag', m, what);
		});
	}

	function drawTexts(list, set, cls) {
		var n = 0;
		list.textContent = '';
		runs.forEach(function (r, ri) {
			var s = r.sets[set].list, i;
			for (i = 0; i < s.length && n < PANEL_MAX; i++) {
				if (s[i].i < view.lo || s[i].i >= view.hi)
					continue;
				var li = el('li', cls, list);
				li.setAttribute('data-icount', String(s[i].i));
				li.setAttribute('data-event', String(s[i].e));
				li.setAttribute('data-run', String(ri));
				el('span', 'at', li, (runs.length > 1 ? 'ab'[ri] +
				    ' ' : '') + s[i].i);
				el('span', 'text', li, (s[i].k === 'output' ?
				    s[i].t : s[i].k + ' ' + (s[i].t || '')) +
				    (s[i].more ? '… (' + s[i].more +
				    ' bytes more)' : ''));
				n++;
			}
			if (r.sets[set].stride > 1)
				el('li', 'note', list, r.file + ': one in ' +
				    r.sets[set].stride + ' shown');
		});
	}

	function drawAxis() {
		var w = plotWidth(), dpr = window.devicePixelRatio || 1;
		var g, i, at, x, step, span = view.hi - view.lo;
		axis.style.width = (w + LABEL) + 'px';
		axis.style.height = '22px';
		axis.width = Math.round((w + LABEL) * dpr);
		axis.height = Math.round(22 * dpr);
		g = axis.getContext('2d');
		g.scale(dpr, dpr);
		g.strokeStyle = '#444';
		g.fillStyle = '#222';
		g.font = '11px sans-serif';
		g.beginPath();
		g.moveTo(LABEL, 2);
		g.lineTo(LABEL + w, 2);
		step = Math.pow(10, Math.floor(Math.log10(Math.max(1, span / 6))));
		if (span / step > 12)
			step *= 5;
		else if (span / step > 6)
			step *= 2;
		for (at = Math.ceil(view.lo / step) * step, i = 0;
		    at < view.hi && i < 20; at += step, i++) {
			x = LABEL + xOf(at);
			g.moveTo(x, 2);
			g.lineTo(x, 7);
			g.textAlign = 'center';
			g.fillText(String(at), x, 18);
		}
		g.stroke();
	}

	function render() {
		var lo = Math.round(view.lo), hi = Math.round(view.hi) - 1;
		range.textContent = 'icount ' + lo + '–' + hi + ' (' +
		    (hi - lo + 1) + ' instructions)';
		document.body.setAttribute('data-view', lo + '-' + hi);
		runs.forEach(function (r, ri) {
			r.lanes.forEach(drawLane);
			drawMarks(r, ri);
		});
		drawTexts(outList, 'output', 'out');
		drawTexts(inList, 'inputs', 'in');
		drawAxis();
		drawSel();
	}

	/* ---- zoom, pan, select ---- */
	function setView(lo, hi) {
		var span = Math.max(MINSPAN, hi - lo);
		span = Math.min(span, full.hi - full.lo);
		lo = Math.max(full.lo, Math.min(lo, full.hi - span));
		view = { lo: lo, hi: lo + span };
		render();
	}
	function zoomAt(ic, f) {
		setView(ic - (ic - view.lo) * f, ic + (view.hi - ic) * f);
	}
	function zoomIn() {
		zoomAt((view.lo + view.hi) / 2, 0.5);
	}
	function zoomOut() {
		zoomAt((view.lo + view.hi) / 2, 2);
	}
	function reset() {
		setView(full.lo, full.hi);
	}
	function pan(f) {
		var d = (view.hi - view.lo) * f;
		setView(view.lo + d, view.hi + d);
	}
	function drawSel() {
		runs.forEach(function (r) {
			if (!sel || sel.hi < view.lo || sel.lo >= view.hi) {
				r.selbox.style.display = 'none';
				return;
			}
			var x0 = Math.max(0, xOf(sel.lo)), x1 = Math.min(
			    plotWidth(), xOf(sel.hi + 1));
			r.selbox.style.display = 'block';
			r.selbox.style.left = (LABEL + x0) + 'px';
			r.selbox.style.width = Math.max(1, x1 - x0) + 'px';
		});
		if (!sel) {
			cut.textContent = 'Shift+drag over the lanes to choose ' +
			    'a range: its rrcut command shows here.';
			cut.removeAttribute('data-range');
			return;
		}
		cut.textContent = '';
		el('span', '', cut, 'Keep icount ' + sel.lo + '–' + sel.hi +
		    ': ');
		el('code', '', cut, 'rrcut -i ' + sel.lo + '-' + sel.hi +
		    ' -o cut.rr ' + runs[sel.run].cmd);
		cut.setAttribute('data-range', sel.lo + '-' + sel.hi);
	}
	function setSel(a, b, ri) {
		a = Math.max(full.lo, Math.floor(Math.min(a, b)));
		b = Math.min(full.hi - 1, Math.floor(Math.max(a, b)));
		sel = { lo: a, hi: b, run: ri || 0 };
		drawSel();
	}

	plots.addEventListener('wheel', function (e) {
		var x = e.clientX - plots.getBoundingClientRect().left - LABEL;
		e.preventDefault();
		zoomAt(icOf(Math.max(0, x)), e.deltaY < 0 ? 0.8 : 1.25);
	}, { passive: false });
	plots.addEventListener('mousedown', function (e) {
		var x = e.clientX - plots.getBoundingClientRect().left - LABEL;
		var sec = e.target.closest('.run');
		drag = { x: x, lo: view.lo, hi: view.hi, select: e.shiftKey,
		    run: sec ? Number(sec.getAttribute('data-run')) : 0 };
		e.preventDefault();
	});
	window.addEventListener('mousemove', function (e) {
		var x = e.clientX - plots.getBoundingClientRect().left - LABEL;
		if (!drag) {
			hover(e, x);
			return;
		}
		if (drag.select)
			setSel(icOf(drag.x), icOf(x), drag.run);
		else {
			var d = (drag.x - x) / plotWidth() * (drag.hi - drag.lo);
			setView(drag.lo + d, drag.hi + d);
		}
	});
	window.addEventListener('mouseup', function () {
		drag = null;
	});
	document.addEventListener('keydown', function (e) {
		var k = e.key;
		if (k === '+' || k === '=')
			zoomIn();
		else if (k === '-' || k === '_')
			zoomOut();
		else if (k === 'ArrowLeft')
			pan(-0.1);
		else if (k === 'ArrowRight')
			pan(0.1);
		else if (k === '0' || k === 'Home')
			reset();
		else if (k === 'Escape') {
			sel = null;
			drawSel();
		} else
			return;
		e.preventDefault();
	});

	/* Hover: the nearest item of the lane's kind, or the bar's count. */
	function hover(e, x) {
		var row = e.target.closest && e.target.closest('.lane');
		var sec = e.target.closest && e.target.closest('.run');
		if (!row || !sec || x < 0 || x >= plotWidth()) {
			tip.style.display = 'none';
			return;
		}
		var r = runs[Number(sec.getAttribute('data-run'))];
		var kind = row.getAttribute('data-kind'), best = null, bd = 5;
		['markers', 'breaks', 'inputs', 'output'].forEach(function (s) {
			r.sets[s].list.forEach(function (it) {
				var d = Math.abs(xOf(it.i) - x);
				if (it.k === kind && d < bd) {
					bd = d;
					best = it;
				}
			});
		});
		var l = r.lanes.filter(function (q) {
			return q.name === kind;
		})[0];
		var c = l && l.cols ? l.cols[Math.floor(x)] : 0;
		tip.textContent = best ? itemText(best) : kind + ': ' + c +
		    ' events near icount ' + Math.round(icOf(x));
		tip.style.display = 'block';
		tip.style.left = (e.pageX + 12) + 'px';
		tip.style.top = (e.pageY + 12) + 'px';
	}

	function describeDiff() {
		var box = el('div', 'diff', app);
		box.id = 'diff';
		['cause', 'effect'].forEach(function (what) {
			var d = D.diff[what], p = el('p', 'k-' + what, box);
			p.setAttribute('data-mark', what);
			el('b', '', p, what + ': ');
			el('span', '', p, d ? d.what : 'none found');
			if (d && (d.a || d.b))
				p.addEventListener('click', function () {
					var at = (d.a || d.b).i;
					var span = Math.max(MINSPAN, (view.hi -
					    view.lo) / 8);
					setView(at - span / 2, at + span / 2);
				});
		});
		app.insertBefore(box, bar);
	}

	/* ---- the fragment: #i=A-B&sel=A-B&keys=K,K ---- */
	function parseRange(s) {
		var m = /^(\d+)-(\d+)$/.exec(s || '');
		return m ? [Number(m[1]), Number(m[2])] : null;
	}
	var frag = {};
	location.hash.replace(/^#/, '').split('&').forEach(function (p) {
		var i = p.indexOf('=');
		if (i > 0)
			frag[p.slice(0, i)] = decodeURIComponent(p.slice(i + 1));
	});
	var vr = parseRange(frag.i), sr = parseRange(frag.sel);
	if (frag.i !== undefined && !vr)
		fail('bad #i=' + frag.i + ': want A-B');
	if (vr)
		setView(vr[0], vr[1] + 1);
	else
		render();
	if (sr)
		setSel(sr[0], sr[1], 0);
	if (frag.keys)
		frag.keys.split(',').forEach(function (k) {
			document.dispatchEvent(new KeyboardEvent('keydown',
			    { key: k }));
		});
	if (frag.act)
		frag.act.split(',').forEach(mouse);
	window.addEventListener('resize', render);
	document.body.setAttribute('data-ready', '1');

	/* A mouse action of the fragment, through the page's own handlers. */
	function mouse(a) {
		var p = a.split(':'), r = plots.getBoundingClientRect();
		var y = r.top + 10, w = plotWidth();
		var x = r.left + LABEL + Number(p[1]) * w;
		var x2 = r.left + LABEL + Number(p[2]) * w;
		if (p[0] === 'wheel') {
			runs[0].plot.dispatchEvent(new WheelEvent('wheel', {
			    clientX: x, clientY: y, deltaY: Number(p[2]),
			    bubbles: true, cancelable: true }));
		} else if (p[0] === 'drag' || p[0] === 'shiftdrag') {
			runs[0].plot.dispatchEvent(new MouseEvent('mousedown', {
			    clientX: x, clientY: y, bubbles: true,
			    shiftKey: p[0] === 'shiftdrag' }));
			window.dispatchEvent(new MouseEvent('mousemove', {
			    clientX: x2, clientY: y, bubbles: true }));
			window.dispatchEvent(new MouseEvent('mouseup', {
			    bubbles: true }));
		} else
			fail('bad act=' + a);
	}
})();
