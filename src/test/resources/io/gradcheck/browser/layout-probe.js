// Measures a page as Chromium laid it out and lists what a reader would trip on in
// <ol id="gradcheck-layout">, one <li data-rule data-element> per finding: the element (tag, id,
// classes, the section it is in, a bit of its text), and as text the numbers that break the rule.
// Injected by the browser tests (io.gradcheck.browser.Layout) into a copy of a page; never shipped.
// It runs on the load event, once every image is decoded and has its size.
window.addEventListener('load', function () {
  var MIN_FONT_PX = window.GRADCHECK_MIN_FONT_PX || 10, SLACK = 1;
  var vw = document.documentElement.clientWidth;
  var findings = [];

  function describe(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    var cls = el.getAttribute('class');
    if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
    var section = el.closest('section[id]');
    if (section && section !== el) s += ' in section#' + section.id;
    var text = (el instanceof HTMLElement ? el.innerText : el.textContent || '').replace(/\s+/g, ' ').trim();
    if (text.length > 60) text = text.slice(0, 30) + '…' + text.slice(-30);
    return s + (text ? ' "' + text + '"' : '');
  }
  function px(v) { return Math.round(v * 10) / 10; }
  function rendered(el) {
    if (el.getClientRects().length === 0) return false;
    var st = getComputedStyle(el);
    return st.visibility !== 'hidden' && st.display !== 'none';
  }
  // an element the page marks as meant to scroll sideways (data-scroll), or inside one
  function deliberate(el) { return el.closest('[data-scroll]') !== null; }
  // reported once: an element inside one already reported for the same rule is the same defect
  function within(el, reported) {
    for (var p = el.parentElement; p; p = p.parentElement) if (reported.indexOf(p) >= 0) return true;
    return false;
  }
  // the outermost child that sticks out of an overflowing element: where to look
  function widest(el) {
    var edge = el.getBoundingClientRect().left + el.clientLeft + el.clientWidth + SLACK, best = null, right = edge;
    Array.prototype.forEach.call(el.querySelectorAll('*'), function (d) {
      var r = d.getBoundingClientRect().right;
      if (r > right + SLACK && (best === null || !best.contains(d))) { best = d; right = r; }
    });
    return best === null ? '' : '; widest inside: ' + describe(best) + ', right edge ' + px(right - edge) + ' px out';
  }
  // the box, in the element's user units, of a clip-path="url(#id)" on it that is one untransformed shape
  // (jfreesvg clips a plot to a rectangular path): the bounding box of a shape holds all it lets through
  function clipRect(el) {
    var ref = (el.getAttribute('clip-path') || '').match(/url\(['"]?#([^'")]+)['"]?\)/);
    var cp = ref && document.getElementById(ref[1]);
    if (!cp || cp.children.length !== 1 || cp.getAttribute('transform') || cp.children[0].getAttribute('transform')
        || (cp.getAttribute('clipPathUnits') || 'userSpaceOnUse') !== 'userSpaceOnUse'
        || ['rect', 'path'].indexOf(cp.children[0].tagName.toLowerCase()) < 0) {
      return null;
    }
    var b = cp.children[0].getBBox();
    return b.width > 0 && b.height > 0 ? b : null;
  }
  function ownText(el) {
    for (var n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && n.data.trim()) return true;
    return false;
  }

  var all = Array.prototype.slice.call(document.body.querySelectorAll('*'));
  all.unshift(document.body);
  var wide = [], beyond = [];
  all.forEach(function (el) {
    if (!rendered(el) || deliberate(el) || el.closest('svg title, script, style')) return;
    var r = el.getBoundingClientRect();
    var html = !(el instanceof SVGElement);
    // 1. content wider than its box: cut off, or scrolled sideways inside the page
    if (html && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + SLACK && !within(el, wide)) {
      wide.push(el);
      var st = getComputedStyle(el);
      findings.push({rule: 'overflow', element: describe(el), message: 'content ' + el.scrollWidth + ' px wide in a box of ' + el.clientWidth
          + ' px (overflow-x: ' + st.overflowX + ')' + widest(el)});
    }
    // 2. past the right edge of the window
    if (r.width > 0 && r.right > vw + SLACK && !within(el, beyond) && !within(el, wide)) {
      beyond.push(el);
      findings.push({rule: 'beyond-viewport', element: describe(el), message: 'right edge at ' + px(r.right) + ' px, beyond the window of ' + vw + ' px'});
    }
    // 3. text too small to read: the font size as drawn (an SVG's viewBox scales it)
    if (ownText(el)) {
      var size = parseFloat(getComputedStyle(el).fontSize);
      if (!html && el.getScreenCTM) {
        var m = el.getScreenCTM();
        if (m) size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
      if (size < MIN_FONT_PX - 0.05) {
        findings.push({rule: 'font-size', element: describe(el), message: 'text drawn at ' + px(size) + ' px, below ' + MIN_FONT_PX + ' px'});
      }
    }
    // 4. an image the browser could not decode (a broken data: URI draws nothing)
    if (el.tagName.toLowerCase() === 'img' && el.complete && el.naturalWidth === 0) {
      findings.push({rule: 'broken-image', element: describe(el), message: 'the image did not decode ('
        + (el.getAttribute('src') || '').slice(0, 40) + '...)'});
    }
    // 5. SVG text cut by the edge of its drawing, or by the rectangle of its clip-path
    if (!html && el.tagName.toLowerCase() === 'text' && el.ownerSVGElement) {
      var box = el.ownerSVGElement.getBoundingClientRect();
      if (r.left < box.left - SLACK || r.right > box.right + SLACK || r.top < box.top - SLACK || r.bottom > box.bottom + SLACK) {
        findings.push({rule: 'svg-text-clipped', element: describe(el), message: 'text at x ' + px(r.left) + '..' + px(r.right)
          + ', y ' + px(r.top) + '..' + px(r.bottom) + ' outside its drawing at x ' + px(box.left) + '..' + px(box.right)
          + ', y ' + px(box.top) + '..' + px(box.bottom)});
      } else {
        var clip = clipRect(el);
        if (clip) {
          var b = el.getBBox();
          if (b.x < clip.x - SLACK || b.x + b.width > clip.x + clip.width + SLACK || b.y < clip.y - SLACK
              || b.y + b.height > clip.y + clip.height + SLACK) {
            findings.push({rule: 'svg-text-clipped', element: describe(el), message: 'text at x ' + px(b.x) + '..'
              + px(b.x + b.width) + ', y ' + px(b.y) + '..' + px(b.y + b.height) + ' outside its clip-path rectangle at x '
              + px(clip.x) + '..' + px(clip.x + clip.width) + ', y ' + px(clip.y) + '..' + px(clip.y + clip.height)
              + ' (user units)'});
          }
        }
      }
    }
  });
  // 6. a number broken across two lines ("4.24e-" / "11")
  // a number stands alone, as report.Html.NUMBER has it: the digits of a name ("junit-1367") are not one
  var NUMBER = /(?<![\w.])[-+−]?(\d+\.?\d*|\.\d+)([eE][-+−]?\d+)?/g;
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (var t = walker.nextNode(); t; t = walker.nextNode()) {
    var parent = t.parentElement;
    if (!parent || parent.closest('svg, script, style') || !rendered(parent)) continue;
    var m;
    NUMBER.lastIndex = 0;
    while ((m = NUMBER.exec(t.data)) !== null) {
      if (m[0].length < 2) continue;
      var range = document.createRange();
      range.setStart(t, m.index);
      range.setEnd(t, m.index + m[0].length);
      var tops = {};
      Array.prototype.forEach.call(range.getClientRects(), function (c) { if (c.width > 0) tops[Math.round(c.top)] = 1; });
      if (Object.keys(tops).length > 1) {
        findings.push({rule: 'number-wrapped', element: describe(parent), message: 'the number ' + m[0] + ' is broken across ' + Object.keys(tops).length + ' lines'});
      }
    }
  }
  var list = document.createElement('ol');
  list.id = 'gradcheck-layout';
  list.setAttribute('data-viewport', vw);
  list.setAttribute('data-page-width', document.documentElement.scrollWidth);
  findings.forEach(function (f) {
    var li = document.createElement('li');
    li.setAttribute('data-rule', f.rule);
    li.setAttribute('data-element', f.element);
    li.textContent = f.message;
    list.appendChild(li);
  });
  document.body.appendChild(list);
});
