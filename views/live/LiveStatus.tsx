// The live connection's state: hidden while connected, a notice while offline.
export function LiveStatus() {
  return (
    <>
      <div id="live-ack" hidden></div>
      <div id="live-refresh" hidden></div>
      <div
        id="live-offline"
        hidden
        role="status"
        class="no-print fixed bottom-3 right-3 z-50 rounded bg-slate-800 px-3 py-2 text-sm text-white shadow"
      >
        Нет связи с сервером — переподключаемся…
      </div>
    </>
  )
}
