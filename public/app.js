// Small client behaviours for live pages (plain ES5: old site computers run it too).
;(function () {
  // Reconnect soon after a restart or a lost Wi-Fi: 0.5 s, 1 s, 2 s … at most 10 s.
  window.htmx.config.wsReconnectDelay = function (retry) {
    return Math.min(10000, 500 * Math.pow(2, retry)) * (0.5 + Math.random() / 2)
  }

  // A pushed message carries every fragment of a change (a record's page and its edit form
  // watch the same stream); drop those this page does not show, so htmx swaps the rest
  // without logging a missing target.
  document.addEventListener('htmx:wsBeforeMessage', function (e) {
    var msg = e.detail && e.detail.message
    if (typeof msg !== 'string') return
    var tpl = document.createElement('template')
    tpl.innerHTML = msg
    var kids = tpl.content.children
    var dropped = false
    for (var i = kids.length - 1; i >= 0; i--) {
      var swap = kids[i].getAttribute('hx-swap-oob') || 'true'
      var colon = swap.indexOf(':')
      var target = colon >= 0 ? swap.slice(colon + 1) : kids[i].id ? '#' + kids[i].id : null
      if (target && !document.querySelector(target)) {
        kids[i].parentNode.removeChild(kids[i])
        dropped = true
      }
    }
    if (!dropped) return
    e.preventDefault()
    if (tpl.content.children.length)
      window.htmx.swap(document.body, tpl.innerHTML, { swapStyle: 'none' })
  })

  // A flash message tells what this person just did; once someone else changes the page live
  // it may be out of date, so it goes (not in its first seconds: that is our own echo).
  var shownAt = Date.now()
  document.addEventListener('htmx:wsAfterMessage', function (e) {
    var msg = (e.detail && e.detail.message) || ''
    var flash = document.getElementById('flash')
    if (!flash || /id="live-ack"/.test(msg) || Date.now() - shownAt < 3000) return
    flash.parentNode.removeChild(flash)
  })
  document.addEventListener('htmx:afterSettle', function () {
    shownAt = Date.now()
  })

  var opened = false
  document.addEventListener('htmx:wsOpen', function () {
    var offline = document.getElementById('live-offline')
    if (offline) {
      offline.hidden = true
      offline.textContent = offline.getAttribute('data-default') || offline.textContent
    }
    if (opened) resync()
    opened = true
  })
  document.addEventListener('htmx:wsClose', function () {
    var offline = document.getElementById('live-offline')
    if (offline) offline.hidden = false
  })
  // A boosted navigation loads a new page with a new socket: it starts fresh.
  document.addEventListener('htmx:beforeSwap', function (e) {
    if (e.detail && e.detail.boosted) opened = false
  })
  // After a reconnect the page may have missed changes: reload each live region.
  function resync(selector) {
    var regions = document.querySelectorAll(selector || '[data-resync]')
    for (var i = 0; i < regions.length; i++) {
      var el = regions[i]
      if (!el.getAttribute('data-resync')) continue
      window.htmx.ajax('GET', el.getAttribute('data-resync'), { target: el, swap: 'outerHTML' })
    }
  }

  // A change whose effect depends on this page's own filters (totals, sums) arrives as a
  // «refresh these regions» notice; each reloads itself from its data-resync URL.
  var refreshed = null
  document.addEventListener('htmx:oobAfterSwap', function () {
    var el = document.getElementById('live-refresh') // the swapped-in one, not the old target
    var at = el && el.getAttribute('data-at')
    if (!at || at === refreshed || !el.getAttribute('data-targets')) return
    refreshed = at
    resync(el.getAttribute('data-targets'))
  })

  // Day's work lines: the m² of each line while typing, from its marking type's numbers.
  function num(s) {
    var n = parseFloat(
      String(s || '')
        .replace(/[\s\u00a0]/g, '')
        .replace(',', '.'),
    )
    return isNaN(n) ? null : n
  }
  function lineArea(line) {
    var sel = line.querySelector('[data-area-type]')
    var opt = sel && sel.options[sel.selectedIndex]
    var out = line.querySelector('[data-area-out]')
    if (!out) return
    if (!opt || !opt.value) return (out.textContent = '')
    var m2 = null
    if (opt.getAttribute('data-kind') === 'symbol') {
      var pieces = num(line.querySelector('[data-area-pieces]').value)
      var piece = num(opt.getAttribute('data-piece'))
      if (pieces !== null && piece !== null) m2 = pieces * piece
    } else {
      var metres = num(line.querySelector('[data-area-metres]').value)
      var width = num(line.querySelector('[data-area-width]').value)
      if (width === null) width = num(opt.getAttribute('data-width'))
      var lines = num(opt.getAttribute('data-lines')) || 1
      var fill = num(opt.getAttribute('data-fill')) || 1
      if (metres !== null && width !== null) m2 = metres * width * lines * fill
    }
    out.textContent =
      m2 === null ? '' : '= ' + (Math.round(m2 * 100) / 100).toLocaleString('ru-RU') + ' м²'
  }
  document.addEventListener('input', function (e) {
    var line = e.target && e.target.closest && e.target.closest('[data-area-line]')
    if (line) lineArea(line)
  })
  document.addEventListener('change', function (e) {
    var line = e.target && e.target.closest && e.target.closest('[data-area-line]')
    if (line) lineArea(line)
  })

  // A form that leaves htmx out (a file upload) cannot be sent twice either: its submit button
  // turns off once the browser has taken the submission.
  document.addEventListener('submit', function (e) {
    var form = e.target
    if (!form || !form.hasAttribute || !form.hasAttribute('data-submit-once')) return
    setTimeout(function () {
      var buttons = form.querySelectorAll('button[type=submit]')
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true
    }, 0)
  })

  // Phones: a list's filters, all but its search box, fold behind «Фильтры» while none is set,
  // so the list starts on the first screen. Without JavaScript they all stay open.
  var PHONE = '(max-width: 639px)'
  function isSet(f) {
    if (f.type === 'search' || f.type === 'submit' || f.type === 'button' || f.type === 'hidden')
      return false
    if (f.type === 'checkbox' || f.type === 'radio') return f.checked
    if (f.tagName === 'SELECT') return f.selectedIndex > 0
    return !!f.value
  }
  function foldFilters(root) {
    if (!window.matchMedia || !window.matchMedia(PHONE).matches || !root.querySelectorAll) return
    var forms = [].slice.call(root.querySelectorAll('form[data-filters]'))
    if (root.matches && root.matches('form[data-filters]')) forms.push(root)
    forms.forEach(function (form) {
      if (form.querySelector('.filters-toggle')) return
      for (var i = 0; i < form.elements.length; i++) if (isSet(form.elements[i])) return
      var toggle = document.createElement('button')
      toggle.type = 'button'
      toggle.className = 'btn filters-toggle'
      toggle.textContent = 'Фильтры'
      toggle.setAttribute('aria-expanded', 'false')
      toggle.addEventListener('click', function () {
        form.classList.remove('filters-folded')
        form.removeChild(toggle)
      })
      form.appendChild(toggle)
      form.classList.add('filters-folded')
    })
  }
  document.addEventListener('htmx:load', function (e) {
    foldFilters(e.target)
  })
  foldFilters(document)
})()
