// Starts the planner's wasm inside a Web Worker. The wasm sees there is no window and
// serves import requests instead of drawing the app (see src/web/worker.rs).
import init from './planner.js';

init({ module_or_path: new URL('./planner_bg.wasm', import.meta.url) });
