// Small client behaviours for live pages (plain ES5: old site computers run it too).
;(function () {
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
