// Imported by the generated service worker (vite.config.ts, workbox.importScripts).
// Where the page cannot construct a Notification (mobile Chromium), alerts are
// shown through the service worker; a click there focuses an open EdgeCall
// window on the supervisor panel, or opens one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.focus();
      return self.clients.openWindow('/supervisor');
    }),
  );
});
