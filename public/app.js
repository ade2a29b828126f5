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
    if (offline) offline.hidden = true
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
  function resync() {
    var regions = document.querySelectorAll('[data-resync]')
    for (var i = 0; i < regions.length; i++) {
      var el = regions[i]
      window.htmx.ajax('GET', el.getAttribute('data-resync'), { target: el, swap: 'outerHTML' })
    }
  }
})()
