/**
 * Entry point: builds the app state, registers the service worker from this
 * bundled module (the CSP forbids inline scripts) and starts <ec-app>.
 */
import { createAppState, startAppState } from './state/app-state.ts';
import { PwaLifecycle } from './shell/pwa-lifecycle.ts';
import './shell/ec-app.ts';

// First, so an early beforeinstallprompt is not missed.
const pwa = new PwaLifecycle();
pwa.registerServiceWorker();

const app = createAppState(pwa);
// Created here rather than in index.html: it must hold the state before it connects.
const root = document.createElement('ec-app');
root.app = app;
document.body.prepend(root);
void startAppState(app);
