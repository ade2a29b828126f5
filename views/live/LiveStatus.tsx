export const OFFLINE_TEXT = 'Нет связи с сервером — переподключаемся…'
export const RESTART_TEXT = 'Сервер перезапускается — переподключаемся…'

// The live connection's state: hidden while connected, a notice while offline (a restarting
// server swaps in its own text just before it closes the socket).
export function LiveStatus() {
  return (
    <>
      <div id="live-ack" hidden></div>
      <div id="live-refresh" hidden></div>
      <OfflineNotice />
    </>
  )
}

export function OfflineNotice({ text = OFFLINE_TEXT }: { text?: string }) {
  return (
    <div
      id="live-offline"
      hidden
      role="status"
      data-default={OFFLINE_TEXT}
      class="no-print fixed bottom-3 right-3 z-50 rounded bg-slate-800 px-3 py-2 text-sm text-white shadow"
    >
      {text}
    </div>
  )
}
