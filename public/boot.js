// Starts the WebAssembly app. Kept as an external file (not trunk's inline loader) so the
// Content-Security-Policy can forbid inline scripts. Paths are relative: the app works from
// any sub-path of a static host.
import init from './planner.js';

init({ module_or_path: new URL('./planner_bg.wasm', import.meta.url) })
  .then(() => {
    const loading = document.getElementById('loading');
    if (loading) loading.remove();
  })
  .catch((error) => {
    const loading = document.getElementById('loading');
    if (loading) {
      loading.setAttribute('role', 'alert');
      loading.textContent =
        'The planner could not start in this browser. Try the latest Chrome, Edge or Firefox. (' +
        String(error) + ')';
    }
  })
  .finally(registerServiceWorker);

// Offline support (SPEC §10): public/sw.js keeps the app's own files so it loads with the
// network off after one visit. Not from file:// (no service workers there) nor in browsers
// without them. Registered after start-up so it does not compete with the wasm download.
function registerServiceWorker() {
  if (location.protocol === 'file:' || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  container
    .register('./sw.js', { scope: './' })
    .then((registration) => {
      // A new version installed while an old one controls this page waits for the user.
      const offer = (worker) => {
        if (worker && container.controller) showUpdateBanner(worker);
      };
      offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed') offer(worker);
        });
      });
    })
    .catch((error) => {
      // Offline use is a bonus on top of a working app: a warning, not an error.
      console.warn('The planner could not be set up for offline use: ' + String(error));
    });
}

let updateRequested = false;

/** A small status banner offering to reload into the waiting version. */
function showUpdateBanner(worker) {
  if (document.getElementById('update-banner')) return;
  const banner = document.createElement('div');
  banner.id = 'update-banner';
  banner.className = 'update-banner';
  banner.setAttribute('role', 'status');
  const text = document.createElement('p');
  text.className = 'update-banner__text';
  text.textContent = 'A new version of the planner is available.';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button update-banner__button';
  button.textContent = 'Reload to update';
  button.addEventListener('click', () => {
    button.disabled = true;
    updateRequested = true;
    // The new worker takes over (activate, then clients.claim); reload once it has.
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (updateRequested) {
        updateRequested = false;
        location.reload();
      }
    });
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  banner.append(text, button);
  document.body.append(banner);
}
